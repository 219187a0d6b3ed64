//! Reading and changing mapping records: list, get, create, update, delete, history.
//!
//! Every change checks the principal's permission on the record's owner (before and after the
//! change, so a record cannot be moved into an economy one may not edit), validates the whole new
//! record, refuses a stale version, and appends the audit entry in the same transaction.

use pathways_linkage::normalise::fold;
use std::collections::HashMap;

use pathways_domain::wording::{refusal, say};
use pathways_domain::{Action, Kind, Principal, Problem, Record};
use pathways_storage::{AuditQuery, NewAudit, NewRecord, RecordQuery, StoredRecord, Tx};
use serde_json::{Map, Value};

use crate::{App, AppError, AuditEntry, Result};

/// Filters for a list: an owner (economy or country), equality on fields, free text.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub owner: Option<String>,
    pub fields: Vec<(String, String)>,
    pub text: Option<String>,
}

impl ListFilter {
    /// Every record of one owner (an economy or a country), or every record when `None`.
    pub fn of_owner(owner: Option<&str>) -> ListFilter {
        ListFilter {
            owner: owner.map(str::to_string),
            ..Default::default()
        }
    }
}

/// A versioned document (an event, a roadmap action) in the shape a conflict reports.
pub(crate) fn doc_record(kind: &str, d: &pathways_storage::StoredDoc) -> StoredRecord {
    StoredRecord {
        id: d.id.clone(),
        kind: kind.into(),
        owner: d.owner.clone(),
        version: d.version,
        body: d.body.clone(),
        origin: "user".into(),
        created_at: d.created_at.clone(),
        updated_at: d.updated_at.clone(),
        deleted_at: None,
    }
}

/// Fields of the body that hold institution ids, for "in use" checks on delete.
const REFERENCE_FIELDS: [&str; 6] = [
    "from",
    "to",
    "responsible",
    "issuing_institution",
    "authority",
    "operator",
];

/// The JSON a client sees: the body with `id`, `version` and `updated_at` beside its fields.
pub fn to_api_json(r: &StoredRecord) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), Value::String(r.id.clone()));
    out.insert("version".into(), Value::from(r.version));
    if let Value::Object(body) = &r.body {
        for (k, v) in body {
            out.insert(k.clone(), v.clone());
        }
    }
    out.insert("updated_at".into(), Value::String(r.updated_at.clone()));
    if r.deleted_at.is_some() {
        out.insert("deleted".into(), Value::Bool(true));
    }
    Value::Object(out)
}

/// Why `p` may not `what` (`create`, `edit`, `move`, `delete`: a `refuse-data-*` wording) a record
/// of `owner` (the region's when none).
fn forbidden(p: &Principal, what: &str, owner: Option<&str>) -> AppError {
    let refused = match owner {
        Some(o) => say(&format!("refuse-data-{what}"), &[("owner", o)]),
        None => say(&format!("refuse-data-{what}-region"), &[]),
    };
    AppError::Forbidden(refusal(&refused, p))
}

pub(crate) fn audit_for(p: &Principal, action: &str, r: &StoredRecord) -> NewAudit {
    NewAudit {
        version: Some(r.version),
        ..audit(p, action, &r.kind, &r.id, r.owner.as_deref())
    }
}

/// The audit entry of `p` doing `action` to the `kind` entity `id` (of economy `owner`); callers
/// add what else they record (before/after, a note) with struct update syntax.
pub(crate) fn audit(p: &Principal, action: &str, kind: &str, id: &str, owner: Option<&str>) -> NewAudit {
    NewAudit {
        actor_id: Some(p.user_id.clone()),
        actor_email: p.email.clone(),
        action: action.into(),
        entity_kind: Some(kind.into()),
        entity_id: Some(id.into()),
        owner: owner.map(str::to_string),
        ..Default::default()
    }
}

pub(crate) fn not_found(kind: &str, id: &str) -> AppError {
    AppError::NotFound {
        kind: kind.into(),
        id: id.into(),
    }
}

impl App {
    /// The live records of a kind that pass the filter. The text filter ignores case,
    /// diacritics and script, as readers type: "beograd", "Београд" and "Beograd" find each
    /// other, and so do "cacak" and "Čačak" (the linkage engine's folding, in Rust, since
    /// SQLite's `lower` knows only ASCII).
    pub async fn list(&self, _p: &Principal, kind: Kind, f: &ListFilter) -> Result<Vec<StoredRecord>> {
        let mut tx = self.store.read().await?;
        let q = RecordQuery {
            kind: kind.as_str().into(),
            owner: f.owner.clone(),
            fields: f.fields.clone(),
            text: None,
            include_deleted: false,
        };
        let records = tx.records(&q).await?;
        let Some(wanted) = f.text.as_deref().map(fold).filter(|w| !w.is_empty()) else {
            return Ok(records);
        };
        Ok(records
            .into_iter()
            .filter(|r| fold(&r.body.to_string()).contains(&wanted))
            .collect())
    }

    pub async fn get(&self, _p: &Principal, kind: Kind, id: &str) -> Result<StoredRecord> {
        let mut tx = self.store.read().await?;
        fetch_live(&mut tx, kind, id).await
    }

    /// Checks a record against the vocabulary and the institutions it refers to, as stored now.
    pub(crate) async fn validate(&self, tx: &mut Tx, record: &Record) -> Result<()> {
        let mut owners: HashMap<String, String> = HashMap::new();
        for (_, id) in record.references() {
            if let Some(r) = tx.record(id).await?
                && r.kind == Kind::Institution.as_str()
                && r.deleted_at.is_none()
            {
                owners.insert(id.to_string(), r.owner.unwrap_or_default());
            }
        }
        let lookup = |id: &str| owners.get(id).cloned();
        let problems = record.validate(&self.vocab, &lookup);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(problems))
        }
    }

    pub async fn create(&self, p: &Principal, kind: Kind, body: Value) -> Result<StoredRecord> {
        let mut tx = self.store.write().await?;
        let r = self.create_in(&mut tx, p, kind, body, "user").await?;
        tx.commit().await?;
        Ok(r)
    }

    /// Creates a record inside an open transaction (imports use this for all-or-nothing batches).
    pub(crate) async fn create_in(
        &self,
        tx: &mut Tx,
        p: &Principal,
        kind: Kind,
        mut body: Value,
        origin: &str,
    ) -> Result<StoredRecord> {
        let id = match body.as_object_mut().and_then(|o| {
            o.remove("version");
            o.remove("id")
        }) {
            Some(Value::String(id)) if pathways_domain::dataset::is_slug(&id) => id,
            Some(other) => {
                return Err(AppError::invalid(
                    "id",
                    say("not-valid-id", &[("value", &other.to_string())]),
                ));
            }
            None => uuid::Uuid::now_v7().to_string(),
        };
        let record = Record::from_json(kind, body).map_err(|p| AppError::Invalid(vec![p]))?;
        if !p.may(Action::Write, record.owner()) {
            return Err(forbidden(p, "create", record.owner()));
        }
        self.validate(tx, &record).await?;
        let body = record.to_json();
        let key = record.natural_key();
        tx.insert_record(&NewRecord {
            id: &id,
            kind: kind.as_str(),
            owner: record.owner(),
            natural_key: key.as_deref(),
            body: &body,
            origin,
        })
        .await?;
        let stored = fetch_live(tx, kind, &id).await?;
        let mut a = audit_for(p, "create", &stored);
        a.after = Some(body);
        tx.append_audit(&a).await?;
        Ok(stored)
    }

    /// Applies `patch` (changed fields plus the `version` the client edited; `null` clears an
    /// optional field) to the record.
    pub async fn update(&self, p: &Principal, kind: Kind, id: &str, patch: Value) -> Result<StoredRecord> {
        let Value::Object(mut patch) = patch else {
            return Err(AppError::invalid("body", say("expected-object", &[])));
        };
        let yours = match patch.remove("version") {
            Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or_default(),
            _ => {
                return Err(AppError::invalid("version", say("version-required", &[])));
            }
        };
        patch.remove("id");
        patch.remove("updated_at");
        let mut tx = self.store.write().await?;
        let stored = self.update_in(&mut tx, p, kind, id, yours, patch).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Applies a patch inside an open transaction (approvals apply many in one).
    pub(crate) async fn update_in(
        &self,
        tx: &mut Tx,
        p: &Principal,
        kind: Kind,
        id: &str,
        yours: i64,
        patch: Map<String, Value>,
    ) -> Result<StoredRecord> {
        let current = fetch_live(tx, kind, id).await?;
        if !p.may(Action::Write, current.owner.as_deref()) {
            return Err(forbidden(p, "edit", current.owner.as_deref()));
        }
        if current.version != yours {
            return Err(AppError::Conflict {
                kind: kind.as_str().into(),
                yours,
                current: Box::new(current),
            });
        }
        let mut body = current.body.clone();
        if let Value::Object(b) = &mut body {
            for (k, v) in patch {
                if v.is_null() {
                    b.remove(&k);
                } else {
                    b.insert(k, v);
                }
            }
        }
        let record = Record::from_json(kind, body).map_err(|p| AppError::Invalid(vec![p]))?;
        if !p.may(Action::Write, record.owner()) {
            return Err(forbidden(p, "move", record.owner()));
        }
        self.validate(tx, &record).await?;
        let new_body = record.to_json();
        if new_body == current.body {
            return Ok(current);
        }
        let key = record.natural_key();
        let Some(_) = tx
            .update_record(id, yours, record.owner(), key.as_deref(), &new_body)
            .await?
        else {
            let current = fetch_live(tx, kind, id).await?;
            return Err(AppError::Conflict {
                kind: kind.as_str().into(),
                yours,
                current: Box::new(current),
            });
        };
        let stored = fetch_live(tx, kind, id).await?;
        let mut a = audit_for(p, "update", &stored);
        a.before = Some(current.body);
        a.after = Some(new_body);
        tx.append_audit(&a).await?;
        Ok(stored)
    }

    pub async fn delete(&self, p: &Principal, kind: Kind, id: &str, yours: i64) -> Result<()> {
        let mut tx = self.store.write().await?;
        let current = fetch_live(&mut tx, kind, id).await?;
        if !p.may(Action::Write, current.owner.as_deref()) {
            return Err(forbidden(p, "delete", current.owner.as_deref()));
        }
        if current.version != yours {
            return Err(AppError::Conflict {
                kind: kind.as_str().into(),
                yours,
                current: Box::new(current),
            });
        }
        if kind == Kind::Institution {
            let users = tx.referrers(id, &REFERENCE_FIELDS).await?;
            if !users.is_empty() {
                let list: Vec<String> = users.iter().map(|r| format!("{} `{}`", r.kind, r.id)).collect();
                return Err(AppError::InUse(say(
                    "institution-in-use",
                    &[("id", id), ("list", &list.join(", "))],
                )));
            }
        }
        if tx.delete_record(id, yours).await?.is_none() {
            let current = fetch_live(&mut tx, kind, id).await?;
            return Err(AppError::Conflict {
                kind: kind.as_str().into(),
                yours,
                current: Box::new(current),
            });
        }
        let mut a = audit_for(p, "delete", &current);
        a.version = Some(yours + 1);
        a.before = Some(current.body);
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The changes to one record of `kind`, newest first, deleted records included. Readable
    /// exactly when the record is: an id of another kind (a response, an event, a user) is
    /// unknown here, whatever its audit trail holds.
    pub async fn history(&self, p: &Principal, kind: Kind, id: &str) -> Result<Vec<AuditEntry>> {
        let mut tx = self.store.read().await?;
        match tx.record(id).await? {
            Some(r) if r.kind == kind.as_str() && p.may(Action::Read, r.owner.as_deref()) => {}
            _ => return Err(not_found(kind.as_str(), id)),
        }
        Ok(tx
            .audit(&AuditQuery {
                entity_id: Some(id.into()),
                entity_kind: Some(kind.as_str().into()),
                limit: 500,
                ..Default::default()
            })
            .await?)
    }

    /// The audit log (admins and analysts).
    pub async fn audit(&self, p: &Principal, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        if !p.may(Action::ReadAudit, None) {
            return Err(AppError::Forbidden(say("refuse-audit-log", &[])));
        }
        let mut tx = self.store.read().await?;
        Ok(tx.audit(q).await?)
    }
}

pub(crate) async fn fetch_live(tx: &mut Tx, kind: Kind, id: &str) -> Result<StoredRecord> {
    match tx.record(id).await? {
        Some(r) if r.kind == kind.as_str() && r.deleted_at.is_none() => Ok(r),
        _ => Err(AppError::NotFound {
            kind: kind.as_str().into(),
            id: id.into(),
        }),
    }
}

/// Problems of a record, located in a file row (for imports).
pub(crate) fn at_row(file: &str, line: u64, e: AppError) -> Vec<Problem> {
    let locate = |mut p: Problem| {
        p.file = file.to_string();
        p.line = Some(line);
        p
    };
    match e {
        AppError::Invalid(ps) => ps.into_iter().map(locate).collect(),
        other => vec![Problem {
            file: file.into(),
            line: Some(line),
            field: None,
            message: other.to_string(),
        }],
    }
}
