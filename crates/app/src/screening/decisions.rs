//! A case officer moves a case along its workflow and decides it. The decision is a person's:
//! it needs reasons from the shipped list and a note, and it records what the officer had before
//! them — every check's result with its rule version, every answer of a Country of Origin — so
//! that a reviewer can see the decision was not a check's (no automated refusal). After the
//! decision, the officers record what happened (permit issued, entry, absconding, return...).

use pathways_domain::decision::{DecisionReason, check, parse_reasons};
use pathways_domain::screening::{CaseDecision, CaseState, OutcomeKind};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal};
use pathways_storage::{RequestsBy, StoredCase, StoredOutcome, Tx};
use serde::Deserialize;
use serde_json::json;

use super::cases::{CaseView, view};
use crate::map::records::audit;
use crate::{App, AppError, Result};

const REASONS: &str = include_str!("../../../../data/screening/decision_reasons.csv");

/// What an officer submits to decide a case.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DecisionInput {
    pub decision: String,
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// The version of the case the officer decided on; when given and the case changed since,
    /// the decision is refused rather than made on what the officer did not see.
    #[serde(default)]
    pub version: Option<i64>,
}

/// The shipped reasons, read once when the app starts.
pub(crate) fn shipped_reasons() -> Result<Vec<DecisionReason>> {
    parse_reasons(REASONS).map_err(|p| AppError::Internal(format!("shipped decision reasons: {p:?}")))
}

fn unknown(id: &str) -> AppError {
    AppError::NotFound {
        kind: "case".into(),
        id: id.into(),
    }
}

impl App {
    /// The case, if `p` is one of its officers and `version` (when given) is still current.
    async fn case_to_change(tx: &mut Tx, p: &Principal, id: &str, version: Option<i64>) -> Result<StoredCase> {
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(unknown(id));
        }
        if let Some(yours) = version.filter(|v| *v != c.version) {
            return Err(AppError::CaseConflict {
                id: id.into(),
                yours,
                current: c.version,
            });
        }
        Ok(c)
    }

    /// Decides a case: the decision with its reasons and note, and what the officer had before
    /// them. The case moves to `decided`; nothing else reaches that state.
    pub async fn decide(&self, p: &Principal, id: &str, input: DecisionInput) -> Result<CaseView> {
        let mut tx = self.store.write().await?;
        let c = Self::case_to_change(&mut tx, p, id, input.version).await?;
        let decision: CaseDecision = input
            .decision
            .trim()
            .parse()
            .map_err(|e: pathways_domain::code::UnknownCode| AppError::invalid("decision", e.to_string()))?;
        let reasons = self.decision_reasons();
        let codes: Vec<String> = input.reasons.iter().map(|r| r.trim().to_string()).collect();
        let problems = check(decision, &codes, &input.note, reasons);
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        if !c.state.decidable() {
            return Err(AppError::invalid(
                "decision",
                say(
                    "case-not-decidable",
                    &[("case_state", &c.state.as_str().replace('_', " "))],
                ),
            ));
        }
        let answers: Vec<_> = tx
            .requests_where(RequestsBy::Case, id)
            .await?
            .into_iter()
            .map(|r| {
                json!({"request": r.id, "country": r.country, "subject": r.subject.as_str(),
                       "outcome": r.outcome, "due": r.due})
            })
            .collect();
        let seen: Vec<_> = c
            .checks
            .as_array()
            .into_iter()
            .flatten()
            .map(|k| json!({"code": k["code"], "result": k["result"], "rules_version": k["rules_version"]}))
            .collect();
        let record = json!({
            "decision": decision.as_str(),
            "reasons": codes,
            "note": input.note.trim(),
            "by": p.email,
            "at": pathways_storage::now(),
            "on_version": c.version,
            "checks_seen": seen,
            "answers_seen": answers,
        });
        if !tx.decide_case(id, c.version, &record, &p.email).await? {
            return Err(AppError::Internal(format!(
                "case {id} changed under its own transaction"
            )));
        }
        tx.append_audit(&pathways_storage::NewAudit {
            version: Some(c.version + 1),
            // The codes, never the note: the note may describe the person, and analysts read
            // the audit.
            after: Some(json!({"state": "decided", "decision": decision.as_str(), "reasons": codes})),
            ..audit(p, "case.decide", "case", id, Some(&c.economy))
        })
        .await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        tx.commit().await?;
        view(c)
    }

    /// Records what happened after a decision, on the day it happened.
    pub async fn record_outcome(
        &self,
        p: &Principal,
        id: &str,
        kind: &str,
        day: &str,
        note: &str,
    ) -> Result<Vec<StoredOutcome>> {
        let mut tx = self.store.write().await?;
        let c = Self::case_to_change(&mut tx, p, id, None).await?;
        let kind: OutcomeKind = kind
            .trim()
            .parse()
            .map_err(|e: pathways_domain::code::UnknownCode| AppError::invalid("kind", e.to_string()))?;
        let day = day.trim();
        if !pathways_domain::date::is_date(day) {
            return Err(AppError::invalid("day", say("not-date", &[("value", day)])));
        }
        if day > crate::today().as_str() {
            return Err(AppError::invalid("day", say("day-in-future", &[("value", day)])));
        }
        if !matches!(c.state, CaseState::Decided | CaseState::Closed) {
            return Err(AppError::invalid("kind", say("outcome-before-decision", &[])));
        }
        tx.insert_outcome(
            &c.economy,
            &StoredOutcome {
                case_id: id.into(),
                kind,
                day: day.into(),
                note: note.trim().into(),
                recorded_by: p.email.clone(),
                recorded_at: pathways_storage::now(),
            },
        )
        .await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"outcome": kind.as_str(), "day": day})),
            ..audit(p, "case.outcome", "case", id, Some(&c.economy))
        })
        .await?;
        let all = tx.outcomes(id).await?;
        tx.commit().await?;
        Ok(all)
    }

    /// Moves a case along its workflow (start screening, ready for decision, back to screening,
    /// close); a decision is made with [`App::decide`], never here.
    pub async fn move_case(&self, p: &Principal, id: &str, to: &str, version: Option<i64>) -> Result<CaseView> {
        let mut tx = self.store.write().await?;
        let c = Self::case_to_change(&mut tx, p, id, version).await?;
        let to: CaseState = to
            .trim()
            .parse()
            .map_err(|e: pathways_domain::code::UnknownCode| AppError::invalid("state", e.to_string()))?;
        if !c.state.may_move_to(to) {
            let wording = if to == CaseState::Decided {
                "case-cannot-move-decided"
            } else {
                "case-cannot-move"
            };
            return Err(AppError::invalid(
                "state",
                say(
                    wording,
                    &[
                        ("case_state", &c.state.as_str().replace('_', " ")),
                        ("to_state", &to.as_str().replace('_', " ")),
                    ],
                ),
            ));
        }
        super::workflow::advance(&mut tx, &c, to, &p.email).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            version: Some(c.version + 1),
            before: Some(json!({"state": c.state.as_str()})),
            after: Some(json!({"state": to.as_str()})),
            ..audit(p, "case.move", "case", id, Some(&c.economy))
        })
        .await?;
        let c = tx.case(id).await?.ok_or_else(|| unknown(id))?;
        tx.commit().await?;
        view(c)
    }
}
