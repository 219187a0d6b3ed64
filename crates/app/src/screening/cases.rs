//! A case's life through the use cases: created by a case officer of its economy (validated, its
//! own checks run), read by one of them (each read logged), listed for them, and its read log
//! shown to them and to admins. To anyone else a case does not exist: the answer is the same as
//! for an unknown id, so that ids cannot be probed.

use pathways_domain::case::{CaseFields, Check, Known};
use pathways_domain::screening::CaseState;
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal};
use pathways_storage::{CaseRead, CaseVersion, StoredCase, StoredOutcome};
use serde::Serialize;

use super::checks::Registers;
use crate::map::records::audit;
use crate::{App, AppError, Result};

pub use super::channel::Channel;

/// A case as its page shows it: the case, the requests about it, what happened after the
/// decision, and its versions.
#[derive(Debug, Clone, Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: CaseView,
    pub verification_requests: Vec<super::verification::RequestView>,
    pub outcomes: Vec<StoredOutcome>,
    pub history: Vec<CaseVersion>,
    /// The case's files and its requests' (without their bytes).
    pub files: Vec<pathways_storage::StoredCaseFile>,
}

impl std::ops::Deref for CaseDetail {
    type Target = CaseView;
    fn deref(&self) -> &CaseView {
        &self.case
    }
}

/// The most cases one list returns.
pub const MAX_LIST: i64 = 500;

/// What an officer asks of the case list (all optional).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CaseQuery {
    /// Must be the officer's own economy when given.
    pub economy: Option<String>,
    pub state: Option<String>,
    /// A passport number, or the start of a surname or full name.
    pub q: Option<String>,
    pub nationality: Option<String>,
    /// 100 by default, at most 500.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A case as its officers see it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub id: String,
    pub state: CaseState,
    #[serde(flatten)]
    pub fields: CaseFields,
    pub checks: Vec<Check>,
    pub decision: Option<serde_json::Value>,
    /// Made up for the demo, and said so wherever shown.
    pub synthetic: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// When a retention purge removed the person's data; what the figures need is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purged_at: Option<String>,
}

pub(super) fn view(c: StoredCase) -> Result<CaseView> {
    Ok(CaseView {
        fields: serde_json::from_value(c.fields).map_err(|e| AppError::Internal(format!("case {}: {e}", c.id)))?,
        checks: serde_json::from_value(c.checks).map_err(|e| AppError::Internal(format!("case {}: {e}", c.id)))?,
        id: c.id,
        state: c.state,
        decision: c.decision,
        synthetic: c.synthetic,
        version: c.version,
        created_at: c.created_at,
        updated_at: c.updated_at,
        purged_at: c.purged_at,
    })
}

/// The day an application was lodged: as typed, else the day the case was opened.
pub(super) fn applied_on(fields: &CaseFields, opened: &str) -> String {
    if fields.application_date.is_empty() {
        opened.get(..10).unwrap_or_default().to_string()
    } else {
        fields.application_date.clone()
    }
}

/// The names of the fields that differ, for an audit that must not hold their values.
fn changed_fields(old: &CaseFields, new: &CaseFields) -> Vec<String> {
    let (a, b) = (serde_json::to_value(old), serde_json::to_value(new));
    match (a, b) {
        (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) => b
            .iter()
            .filter(|(k, v)| a.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => vec![],
    }
}

fn unknown(id: &str) -> AppError {
    AppError::NotFound {
        kind: "case".into(),
        id: id.into(),
    }
}

impl App {
    /// A new case of `fields.economy`, by one of its case officers: validated, its checks run,
    /// stored with its first version and an audit entry that holds no personal data.
    pub async fn create_case(&self, p: &Principal, fields: CaseFields, synthetic: bool) -> Result<CaseView> {
        let fields = self.valid_case(p, fields).await?;
        let now = pathways_storage::now();
        // Time-ordered ids: new cases are appended to the table's index, not scattered through it.
        let id = format!("case_{}", uuid::Uuid::now_v7().simple());
        let applied_on = applied_on(&fields, &now);
        let mut tx = self.store.write().await?;
        let mut regs = Registers::default();
        let (checks, keys) = self
            .checks_for(&mut tx, &mut regs, &id, &fields, &applied_on, None)
            .await?;
        let stored = StoredCase {
            id,
            economy: fields.economy.clone(),
            state: CaseState::Received,
            checks: serde_json::to_value(checks).map_err(|e| AppError::Internal(e.to_string()))?,
            fields: serde_json::to_value(&fields).map_err(|e| AppError::Internal(e.to_string()))?,
            decision: None,
            synthetic,
            version: 1,
            created_by: p.email.clone(),
            created_at: now.clone(),
            updated_at: now,
            keys,
            purged_at: None,
        };
        tx.insert_case(&stored).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            version: Some(1),
            after: Some(serde_json::json!({"state": stored.state.as_str()})),
            ..audit(p, "case.create", "case", &stored.id, Some(&stored.economy))
        })
        .await?;
        tx.commit().await?;
        regs.commit();
        view(stored)
    }

    /// Changes a case's fields, against the version the officer edited: its checks run again and
    /// the new version joins its history. A decided or closed case is not edited.
    pub async fn edit_case(&self, p: &Principal, id: &str, fields: CaseFields, version: i64) -> Result<CaseView> {
        let mut tx = self.store.write().await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(unknown(id));
        }
        drop(tx);
        let mut fields = fields;
        // A case stays with its economy: another economy's officers take it up by a case of theirs.
        fields.economy = c.economy.clone();
        let mut fields = self.valid_case(p, fields).await?;
        let mut tx = self.store.write().await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        if c.version != version {
            return Err(AppError::CaseConflict {
                id: id.into(),
                yours: version,
                current: c.version,
            });
        }
        if matches!(c.state, CaseState::Decided | CaseState::Closed) {
            return Err(AppError::invalid(
                "state",
                say(
                    "case-decision-stands",
                    &[("case_state", &c.state.as_str().replace('_', " "))],
                ),
            ));
        }
        let applied_on = applied_on(&fields, &c.created_at);
        let old: CaseFields = serde_json::from_value(c.fields.clone()).unwrap_or_default();
        fields.keep_set_aside(&old);
        let mut regs = Registers::default();
        let (checks, keys) = self
            .checks_for(&mut tx, &mut regs, id, &fields, &applied_on, Some(&old))
            .await?;
        let fields_json = serde_json::to_value(&fields).map_err(|e| AppError::Internal(e.to_string()))?;
        let checks_json = serde_json::to_value(&checks).map_err(|e| AppError::Internal(e.to_string()))?;
        if !tx
            .edit_case(id, version, &fields_json, &checks_json, &keys, &p.email)
            .await?
        {
            return Err(AppError::Internal(format!(
                "case {id} changed under its own transaction"
            )));
        }
        // Which fields changed, never their values.
        let changed = changed_fields(&old, &fields);
        tx.append_audit(&pathways_storage::NewAudit {
            version: Some(version + 1),
            after: Some(serde_json::json!({"changed": changed})),
            ..audit(p, "case.edit", "case", id, Some(&c.economy))
        })
        .await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        tx.commit().await?;
        regs.commit();
        view(c)
    }

    /// What a case's fields are validated against: the economies, the countries, and the
    /// economy's pathways in the map.
    pub(super) async fn case_vocabulary(&self, economy: &str) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
        let economies = self.vocab().economies.iter().map(|e| e.code.clone()).collect();
        let countries = self.vocab().countries.iter().map(|c| c.code.clone()).collect();
        let pathways = self
            .pathway_choices(economy)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        Ok((economies, countries, pathways))
    }

    /// The fields normalised and validated for the officer's economy.
    async fn valid_case(&self, p: &Principal, fields: CaseFields) -> Result<CaseFields> {
        let mut fields = fields;
        fields.economy = fields.economy.trim().to_ascii_uppercase();
        fields.nationality = fields.nationality.trim().to_ascii_uppercase();
        if !p.may(Action::Screen, Some(&fields.economy)) {
            return Err(AppError::Forbidden(say("refuse-create-case", &[])));
        }
        let (economies, countries, pathways) = self.case_vocabulary(&fields.economy).await?;
        let problems = fields.validate(&Known {
            economies: &economies,
            countries: &countries,
            pathways: &pathways,
        });
        if problems.is_empty() {
            Ok(fields)
        } else {
            Err(AppError::Invalid(problems))
        }
    }

    /// One case with its verification requests, outcomes and history, for one of its economy's
    /// case officers; the read is logged in the same transaction, so that no read goes
    /// unrecorded.
    pub async fn case(&self, p: &Principal, id: &str, channel: Channel) -> Result<CaseDetail> {
        let mut tx = self.store.write().await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(unknown(id));
        }
        tx.log_case_read(&c, &p.user_id, &p.email, channel.as_str()).await?;
        let today = crate::today();
        let requests = tx.requests_where(pathways_storage::RequestsBy::Case, id).await?;
        let outcomes = tx.outcomes(id).await?;
        let history = tx.case_history(id).await?;
        let files = tx.case_files(id).await?;
        tx.commit().await?;
        Ok(CaseDetail {
            case: view(c)?,
            verification_requests: requests
                .into_iter()
                .map(|r| super::verification::view(r, true, &today))
                .collect(),
            outcomes,
            history,
            files,
        })
    }

    /// The cases of the officer's economy that pass the filter, the most recently changed first;
    /// each case shown is logged as read. Asking for another economy's cases is refused.
    pub async fn cases(&self, p: &Principal, filter: &CaseQuery, channel: Channel) -> Result<Vec<CaseView>> {
        let Some(economy) = p.economy.as_deref().filter(|e| p.may(Action::Screen, Some(e))) else {
            return Err(AppError::Forbidden(say("refuse-list-cases", &[])));
        };
        if let Some(asked) = filter.economy.as_deref().filter(|a| !a.eq_ignore_ascii_case(economy)) {
            return Err(AppError::Forbidden(say(
                "refuse-other-cases",
                &[("economy", economy), ("other", &asked.to_ascii_uppercase())],
            )));
        }
        let state = match filter.state.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                s.parse::<CaseState>()
                    .map_err(|e: pathways_domain::code::UnknownCode| AppError::invalid("state", e.to_string()))?,
            ),
        };
        // A passport number is looked up whole, a name by the start of its key: digits tell them
        // apart, since no name has one.
        let text = filter
            .q
            .as_deref()
            .map(pathways_domain::register::key)
            .filter(|t| !t.is_empty());
        let passport = text.as_ref().is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()));
        let f = pathways_storage::CaseFilter {
            state,
            passport: text.clone().filter(|_| passport),
            name: text.filter(|_| !passport),
            nationality: filter.nationality.as_deref().map(str::to_ascii_uppercase),
            limit: filter.limit.unwrap_or(100).clamp(1, MAX_LIST),
            offset: filter.offset.unwrap_or(0).max(0),
        };
        let mut tx = self.store.write().await?;
        let rows = tx.cases_of(economy, &f).await?;
        tx.log_case_list(&rows, &p.user_id, &p.email, channel.as_str()).await?;
        tx.commit().await?;
        rows.into_iter().map(view).collect()
    }

    /// Who read a case: for its economy's case officers and for admins.
    pub async fn case_reads(&self, p: &Principal, id: &str) -> Result<Vec<CaseRead>> {
        let mut tx = self.store.read().await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        if !p.may(Action::ReadCaseLog, Some(&c.economy)) {
            return Err(unknown(id));
        }
        Ok(tx.case_reads(id).await?)
    }
}
