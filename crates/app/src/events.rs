//! Consultations and workshops: create, edit and delete events, attach files (kept with their
//! checksum, at most [`MAX_ATTACHMENT`] bytes), and list the findings raised at events for the
//! analysis. A focal point may record and read the events of their own economy; events of several
//! economies are the analysts' to record, and every economy taking part may read them. Viewers see
//! none: events are working records, not published facts.

use pathways_domain::event::Event;
use pathways_domain::{Action, Principal};
use pathways_storage::{DocTable, NewAudit, StoredAttachment, StoredEvent, StoredRecord, Tx};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::{App, AppError, Result};

/// The largest attachment accepted.
pub const MAX_ATTACHMENT: usize = 10 * 1024 * 1024;

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

fn denied(p: &Principal, what: &str, owner: Option<&str>) -> AppError {
    let whose = match owner {
        Some(o) => format!(" of {o}"),
        None => " of several economies (analysts record those)".into(),
    };
    let scope = match &p.economy {
        Some(e) => format!(" (you are a focal point for {e})"),
        None => format!(" (your role is {})", p.role.as_str()),
    };
    AppError::Forbidden(format!("you may not {what} events{whose}{scope}"))
}

/// The content type an attachment is stored and served with, read from its first bytes and
/// its name, never from what the uploader's browser claimed: a file that would be shown inline
/// as HTML or SVG (and run its scripts on our origin) is kept as bytes to download.
pub fn stored_type(file_name: &str, bytes: &[u8]) -> &'static str {
    let ext = file_name.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        return "application/pdf";
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return "image/png";
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return "image/jpeg";
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return "image/gif";
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match ext.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt" => "application/vnd.oasis.opendocument.text",
            "ods" => "application/vnd.oasis.opendocument.spreadsheet",
            _ => "application/zip",
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match ext.as_str() {
            "doc" => "application/msword",
            "xls" => "application/vnd.ms-excel",
            "ppt" => "application/vnd.ms-powerpoint",
            _ => "application/octet-stream",
        };
    }
    let text = std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0'));
    match ext.as_str() {
        "txt" | "md" if text => "text/plain; charset=utf-8",
        "csv" if text => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl App {
    async fn checked_event(&self, tx: &mut Tx, body: Value) -> Result<(Event, Value)> {
        let event: Event =
            serde_json::from_value(body).map_err(|e| AppError::invalid("body", format!("not an event: {e}")))?;
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
            return Err(AppError::Forbidden(format!(
                "you may not read this event (economies {})",
                economies_of(&e).join(", ")
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
            return Err(denied(p, "move into", event.owner()));
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
        if bytes.is_empty() {
            return Err(AppError::invalid("file", format!("{file_name}: the file is empty")));
        }
        if bytes.len() > MAX_ATTACHMENT {
            return Err(AppError::invalid(
                "file",
                format!(
                    "{file_name}: {:.1} MB is more than the {} MB an attachment may have",
                    bytes.len() as f64 / 1_048_576.0,
                    MAX_ATTACHMENT / 1_048_576
                ),
            ));
        }
        let mut tx = self.store.write().await?;
        let event = tx
            .doc(DocTable::Events, event_id)
            .await?
            .ok_or_else(|| not_found(event_id))?;
        if !p.may(Action::Write, event.owner.as_deref()) {
            return Err(denied(p, "attach files to", event.owner.as_deref()));
        }
        let name: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("file")
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let a = StoredAttachment {
            id: uuid::Uuid::now_v7().to_string(),
            event_id: event_id.into(),
            file_name: if name.trim().is_empty() { "file".into() } else { name },
            content_type: stored_type(file_name, bytes).into(),
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
            Err(denied(p, "attach files to", event.owner.as_deref()))
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
            return Err(AppError::Forbidden("you may not read this event's files".into()));
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
