//! Consultations and workshops: create, edit and delete events, attach files (kept with their
//! checksum, at most [`MAX_ATTACHMENT`] bytes), and list the findings raised at events for the
//! analysis. A focal point may record and read the events of their own economy; events of several
//! economies are the analysts' to record, and every economy taking part may read them. Viewers see
//! none: events are working records, not published facts.

use pathways_domain::event::Event;
use pathways_domain::wording::{refusal, say};
use pathways_domain::{Action, Principal};
use pathways_storage::{DocTable, NewAudit, StoredAttachment, StoredEvent, StoredRecord, Tx};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::{App, AppError, Result, upload};

/// The largest attachment accepted.
pub const MAX_ATTACHMENT: usize = upload::MAX_FILE;
pub use crate::upload::stored_type;

/// A finding raised at an event, with where it was raised.
#[derive(Debug, Clone, Serialize)]
pub struct RaisedFinding {
    pub event_id: String,
    pub event_title: String,
    pub event_date: String,
    pub economy: String,
    pub stage: String,
    pub text: String,
}

fn not_found(id: &str) -> AppError {
    crate::map::records::not_found("event", id)
}

fn economies_of(e: &StoredEvent) -> Vec<String> {
    e.body["economies"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn may_read(p: &Principal, e: &StoredEvent) -> bool {
    economies_of(e).iter().any(|x| p.may(Action::ReadResponse, Some(x)))
}

fn as_record(e: &StoredEvent) -> StoredRecord {
    crate::map::records::doc_record("event", e)
}

fn audit(p: &Principal, action: &str, id: &str, owner: Option<&str>) -> NewAudit {
    crate::map::records::audit(p, action, "event", id, owner)
}

/// Why `p` may not `what` (`record`, `edit`, `move`, `delete`, `attach`: a `refuse-event-*`
/// wording) an event of `owner`; an event of several economies is the analysts'.
fn denied(p: &Principal, what: &str, owner: Option<&str>) -> AppError {
    let refused = match owner {
        Some(o) => say(&format!("refuse-event-{what}"), &[("owner", o)]),
        None => say("refuse-event-region", &[]),
    };
    AppError::Forbidden(refusal(&refused, p))
}

impl App {
    async fn checked_event(&self, tx: &mut Tx, body: Value) -> Result<(Event, Value)> {
        let event: Event = serde_json::from_value(body)
            .map_err(|e| AppError::invalid("body", say("not-an-event", &[("why", &e.to_string())])))?;
        let mut known = vec![];
        for i in &event.institutions {
            if tx
                .record(i)
                .await?
                .is_some_and(|r| r.kind == "institution" && r.deleted_at.is_none())
            {
                known.push(i.clone());
            }
        }
        let problems = event.validate(&self.vocab, &|i| known.iter().any(|k| k == i));
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let json = serde_json::to_value(&event).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((event, json))
    }

    pub async fn events(&self, p: &Principal) -> Result<Vec<StoredEvent>> {
        let all = self.store.read().await?.docs(DocTable::Events).await?;
        Ok(all.into_iter().filter(|e| may_read(p, e)).collect())
    }

    pub async fn event(&self, p: &Principal, id: &str) -> Result<(StoredEvent, Vec<StoredAttachment>)> {
        let mut tx = self.store.read().await?;
        let e = tx.doc(DocTable::Events, id).await?.ok_or_else(|| not_found(id))?;
        if !may_read(p, &e) {
            return Err(AppError::Forbidden(say(
                "refuse-read-event",
                &[("economies", &economies_of(&e).join(", "))],
            )));
        }
        let files = tx.attachments(id).await?;
        Ok((e, files))
    }

    pub async fn create_event(&self, p: &Principal, body: Value) -> Result<StoredEvent> {
        let mut tx = self.store.write().await?;
        let (event, json) = self.checked_event(&mut tx, body).await?;
        if !p.may(Action::Write, event.owner()) {
            return Err(denied(p, "record", event.owner()));
        }
        let now = pathways_storage::now();
        let stored = StoredEvent {
            id: uuid::Uuid::now_v7().to_string(),
            owner: event.owner().map(str::to_string),
            body: json.clone(),
            version: 1,
            created_by: p.email.clone(),
            created_at: now.clone(),
            updated_at: now,
        };
        tx.insert_doc(DocTable::Events, &stored).await?;
        let mut a = audit(p, "event.create", &stored.id, event.owner());
        a.version = Some(1);
        a.after = Some(json);
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Replaces an event's content, if it is still at `version` (else a conflict with the current).
    pub async fn update_event(&self, p: &Principal, id: &str, version: i64, body: Value) -> Result<StoredEvent> {
        let mut tx = self.store.write().await?;
        let current = tx.doc(DocTable::Events, id).await?.ok_or_else(|| not_found(id))?;
        if !p.may(Action::Write, current.owner.as_deref()) {
            return Err(denied(p, "edit", current.owner.as_deref()));
        }
        if current.version != version {
            return Err(AppError::Conflict {
                kind: "event".into(),
                yours: version,
                current: Box::new(as_record(&current)),
            });
        }
        let (event, json) = self.checked_event(&mut tx, body).await?;
        if !p.may(Action::Write, event.owner()) {
            return Err(denied(p, "move", event.owner()));
        }
        let now = pathways_storage::now();
        if !tx
            .update_doc(DocTable::Events, id, version, event.owner(), &json, &now)
            .await?
        {
            return Err(AppError::Internal("the event changed during the save".into()));
        }
        let mut a = audit(p, "event.update", id, event.owner());
        a.version = Some(version + 1);
        a.before = Some(current.body.clone());
        a.after = Some(json.clone());
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(StoredEvent {
            owner: event.owner().map(str::to_string),
            body: json,
            version: version + 1,
            updated_at: now,
            ..current
        })
    }

    pub async fn delete_event(&self, p: &Principal, id: &str, version: i64) -> Result<()> {
        let mut tx = self.store.write().await?;
        let current = tx.doc(DocTable::Events, id).await?.ok_or_else(|| not_found(id))?;
        if !p.may(Action::Write, current.owner.as_deref()) {
            return Err(denied(p, "delete", current.owner.as_deref()));
        }
        if !tx
            .delete_doc(DocTable::Events, id, version, &pathways_storage::now())
            .await?
        {
            return Err(AppError::Conflict {
                kind: "event".into(),
                yours: version,
                current: Box::new(as_record(&current)),
            });
        }
        let mut a = audit(p, "event.delete", id, current.owner.as_deref());
        a.before = Some(current.body);
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_attachment(
        &self,
        p: &Principal,
        event_id: &str,
        file_name: &str,
        _claimed_type: &str,
        bytes: &[u8],
    ) -> Result<StoredAttachment> {
        if let Some(why) = upload::size_refusal(file_name, bytes.len()) {
            return Err(AppError::invalid("file", why));
        }
        let mut tx = self.store.write().await?;
        let event = tx
            .doc(DocTable::Events, event_id)
            .await?
            .ok_or_else(|| not_found(event_id))?;
        if !p.may(Action::Write, event.owner.as_deref()) {
            return Err(denied(p, "attach", event.owner.as_deref()));
        }
        let a = StoredAttachment {
            id: uuid::Uuid::now_v7().to_string(),
            event_id: event_id.into(),
            file_name: upload::kept_name(file_name),
            content_type: upload::stored_type(file_name, bytes).into(),
            size: bytes.len() as i64,
            sha256: hex::encode(Sha256::digest(bytes)),
            bytes: bytes.to_vec(),
            uploaded_by: p.email.clone(),
            uploaded_at: pathways_storage::now(),
        };
        tx.insert_attachment(&a).await?;
        let mut au = audit(p, "event.attach", event_id, event.owner.as_deref());
        au.after = Some(json!({"attachment": a.id, "file_name": a.file_name, "size": a.size, "sha256": a.sha256}));
        tx.append_audit(&au).await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Whether `p` may attach files to the event: asked before an upload is read.
    pub async fn may_attach(&self, p: &Principal, event_id: &str) -> Result<()> {
        let event = self
            .store
            .read()
            .await?
            .doc(DocTable::Events, event_id)
            .await?
            .ok_or_else(|| not_found(event_id))?;
        if p.may(Action::Write, event.owner.as_deref()) {
            Ok(())
        } else {
            Err(denied(p, "attach", event.owner.as_deref()))
        }
    }

    /// An attachment with its bytes, for those who may read its event.
    pub async fn attachment(&self, p: &Principal, id: &str) -> Result<StoredAttachment> {
        let mut tx = self.store.read().await?;
        let a = tx.attachment(id).await?.ok_or_else(|| AppError::NotFound {
            kind: "attachment".into(),
            id: id.into(),
        })?;
        let e = tx
            .doc(DocTable::Events, &a.event_id)
            .await?
            .ok_or_else(|| not_found(&a.event_id))?;
        if !may_read(p, &e) {
            return Err(AppError::Forbidden(say("refuse-event-files", &[])));
        }
        Ok(a)
    }

    /// The findings raised at the events one may read, newest event first.
    pub async fn raised_findings(&self, p: &Principal) -> Result<Vec<RaisedFinding>> {
        let mut out = vec![];
        for e in self.events(p).await? {
            let event: Event = match serde_json::from_value(e.body.clone()) {
                Ok(ev) => ev,
                Err(_) => continue,
            };
            for f in event.findings {
                out.push(RaisedFinding {
                    event_id: e.id.clone(),
                    event_title: event.title.clone(),
                    event_date: event.date.clone(),
                    economy: f.economy,
                    stage: f.stage,
                    text: f.text,
                });
            }
        }
        Ok(out)
    }
}
