//! The mapping exercise: questionnaires (XLSForm versions), rounds opened for some economies with a
//! deadline, and each economy's response — filled in by its focal points, submitted, reviewed
//! (approved, marked as having issues with comments per question, rejected, or reset to draft).
//!
//! Every change checks the principal's permission on the response's economy, keeps the new version
//! in `response_versions` and appends an audit entry in the same transaction. Two focal points of
//! one economy may save at the same time: a save carries the version it started from and only the
//! answers it changed, and is refused only when someone else changed one of those same answers in
//! between (the refusal carries the current response so the other change can be shown).

pub mod bindings;
pub mod export;
pub mod questionnaires;

pub use questionnaires::{FormCache, LoadedForm, may_add_questionnaire};

use std::collections::BTreeMap;

use pathways_domain::states::{ResponseState, RoundState};
use pathways_domain::wording::{refusal, say};
use pathways_domain::{Action, Principal, Problem, Role};
use pathways_storage::{ResponseVersion, StoredResponse, StoredRound};
use pathways_xlsform::Form;
use pathways_xlsform::engine::{Answers, Env, State};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::map::records::{audit, not_found};
use crate::{App, AppError, Result};

pub use pathways_domain::states::Decision;

/// A save: answers set (an empty string clears one), repeat instances added or removed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    /// Repeat paths to add one instance to.
    #[serde(default)]
    pub add: Vec<String>,
    /// `(repeat path, instance number)` to remove.
    #[serde(default)]
    pub remove: Vec<(String, usize)>,
}

/// A response with its evaluation (relevance, calculations, errors).
#[derive(Debug, Clone, Serialize)]
pub struct ResponseView {
    pub response: StoredResponse,
    pub round: StoredRound,
    pub state: State,
    pub answered: f64,
    pub errors: usize,
}

/// One line of a round's dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardRow {
    pub response_id: String,
    pub economy: String,
    pub state: ResponseState,
    pub answered: f64,
    pub errors: usize,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub round: StoredRound,
    pub questionnaire_title: String,
    /// Days from today to the deadline (negative when past).
    pub days_to_deadline: i64,
    pub rows: Vec<DashboardRow>,
}

/// One answer that differs between two versions.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AnswerDiff {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn today() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp().div_euclid(86_400)
}

/// The date, time and language a form is evaluated with now.
pub fn env_for(form: &Form) -> Env {
    Env {
        today: today(),
        now: time::OffsetDateTime::now_utc().unix_timestamp() as f64,
        uuid: format!("uuid:{}", uuid::Uuid::new_v4()),
        language: form.default_language().unwrap_or("").to_string(),
    }
}

/// The answers stored in a response.
pub fn answers_of(v: &Value) -> Result<Answers> {
    serde_json::from_value(v.clone()).map_err(|e| AppError::Internal(format!("stored answers are malformed: {e}")))
}

fn answers_json(a: &Answers) -> Value {
    serde_json::to_value(a).unwrap_or_else(|_| json!({}))
}

/// The answers that differ between two versions, as a reviewer reads them.
pub fn diff(before: &Answers, after: &Answers) -> Vec<AnswerDiff> {
    before
        .changed_keys(after)
        .into_iter()
        .map(|key| match key.strip_suffix('#') {
            Some(repeat) => AnswerDiff {
                before: before.repeats.get(repeat).map(|n| format!("{n} instance(s)")),
                after: after.repeats.get(repeat).map(|n| format!("{n} instance(s)")),
                key,
            },
            None => AnswerDiff {
                before: before.values.get(&key).cloned(),
                after: after.values.get(&key).cloned(),
                key,
            },
        })
        .collect()
}

/// Why `p` may not do `what` (a `refuse-*` wording) to the response of `economy`, if one.
fn denied(what: &str, economy: Option<&str>, p: &Principal) -> AppError {
    let refused = say(what, &[("economy", economy.unwrap_or_default())]);
    AppError::Forbidden(refusal(&refused, p))
}

impl App {
    /// Opens a round: one draft response per economy, with the questions bound to the response's
    /// economy filled in and the form's defaults applied.
    pub async fn open_round(
        &self,
        p: &Principal,
        questionnaire_id: &str,
        title: &str,
        economies: &[String],
        deadline: &str,
    ) -> Result<StoredRound> {
        if !p.may(Action::ManageRounds, None) {
            return Err(denied("refuse-open-rounds", None, p));
        }
        let mut problems = vec![];
        if title.trim().is_empty() {
            problems.push(Problem::field("title", say("round-title", &[])));
        }
        if economies.is_empty() {
            problems.push(Problem::field("economies", say("choose-economy", &[])));
        }
        for e in economies {
            if self.vocab.economy(e).is_none() {
                problems.push(Problem::field("economies", say("not-economy", &[("value", e)])));
            }
        }
        if pathways_xlsform::eval::parse_date(deadline).is_none() || deadline.trim().len() != 10 {
            problems.push(Problem::field("deadline", say("not-date", &[("value", deadline)])));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let loaded = self.form(questionnaire_id).await?;
        let now = pathways_storage::now();
        let round = StoredRound {
            id: uuid::Uuid::now_v7().to_string(),
            questionnaire_id: questionnaire_id.to_string(),
            title: title.trim().to_string(),
            economies: economies.to_vec(),
            deadline: deadline.trim().to_string(),
            state: RoundState::Open,
            created_by: p.email.clone(),
            created_at: now.clone(),
        };
        let mut tx = self.store.write().await?;
        tx.insert_round(&round).await?;
        let mut a = audit(p, "round.open", "round", &round.id, None);
        a.after = Some(json!(round));
        tx.append_audit(&a).await?;
        let economy_questions: Vec<String> = loaded
            .form
            .walk()
            .into_iter()
            .filter(|(_, it)| it.cells().get("binding").is_some_and(|b| b == "response.economy"))
            .map(|(path, it)| {
                let mut p: Vec<&str> = path;
                p.push(it.name());
                p.join("/")
            })
            .collect();
        for e in economies {
            let mut answers = Answers::default();
            loaded.engine.apply_defaults(&mut answers, "");
            for q in &economy_questions {
                answers.values.insert(q.clone(), e.clone());
            }
            let r = StoredResponse {
                id: uuid::Uuid::now_v7().to_string(),
                round_id: round.id.clone(),
                economy: e.clone(),
                state: ResponseState::Draft,
                answers: answers_json(&answers),
                comments: json!({}),
                version: 1,
                updated_by: p.email.clone(),
                updated_at: now.clone(),
            };
            tx.insert_response(&r, Some("opened with the round")).await?;
            let mut a = audit(p, "response.create", "response", &r.id, Some(e));
            a.version = Some(1);
            a.after = Some(json!({"state": "draft", "answers": r.answers}));
            tx.append_audit(&a).await?;
        }
        tx.commit().await?;
        Ok(round)
    }

    /// Closes or reopens a round; a closed round takes no more answers or reviews.
    pub async fn set_round_open(&self, p: &Principal, round_id: &str, open: bool) -> Result<StoredRound> {
        if !p.may(Action::ManageRounds, None) {
            return Err(denied("refuse-close-rounds", None, p));
        }
        let mut tx = self.store.write().await?;
        let before = tx.round(round_id).await?.ok_or_else(|| not_found("round", round_id))?;
        let state = if open { RoundState::Open } else { RoundState::Closed };
        tx.set_round_state(round_id, state).await?;
        let mut a = audit(
            p,
            if open { "round.reopen" } else { "round.close" },
            "round",
            round_id,
            None,
        );
        a.before = Some(json!({"state": before.state}));
        a.after = Some(json!({"state": state}));
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(StoredRound { state, ..before })
    }

    /// The rounds a principal takes part in: all for analysts and admins, those of their economy
    /// for a focal point, none for viewers.
    pub async fn rounds(&self, p: &Principal) -> Result<Vec<StoredRound>> {
        let all = self.store.read().await?.rounds().await?;
        Ok(all
            .into_iter()
            .filter(|r| r.economies.iter().any(|e| p.may(Action::ReadResponse, Some(e))))
            .collect())
    }

    /// Per economy: state, share answered, errors, last change; and the days to the deadline.
    pub async fn dashboard(&self, p: &Principal, round_id: &str) -> Result<Dashboard> {
        let mut tx = self.store.read().await?;
        let round = tx.round(round_id).await?.ok_or_else(|| not_found("round", round_id))?;
        let responses = tx.responses(round_id).await?;
        let questionnaire = tx
            .questionnaire(&round.questionnaire_id)
            .await?
            .ok_or_else(|| not_found("questionnaire", &round.questionnaire_id))?;
        drop(tx);
        let visible: Vec<StoredResponse> = responses
            .into_iter()
            .filter(|r| p.may(Action::ReadResponse, Some(&r.economy)))
            .collect();
        if visible.is_empty() {
            return Err(denied("refuse-see-responses", None, p));
        }
        let loaded = self.form(&round.questionnaire_id).await?;
        let env = env_for(&loaded.form);
        let mut rows = vec![];
        for r in visible {
            let state = loaded.engine.evaluate(&answers_of(&r.answers)?, &env);
            rows.push(DashboardRow {
                response_id: r.id,
                economy: r.economy,
                state: r.state,
                answered: state.answered_share(),
                errors: state.errors().count(),
                version: r.version,
                updated_by: r.updated_by,
                updated_at: r.updated_at,
            });
        }
        let deadline = pathways_xlsform::eval::parse_date(&round.deadline).unwrap_or(env.today);
        Ok(Dashboard {
            days_to_deadline: deadline - env.today,
            questionnaire_title: questionnaire.title,
            round,
            rows,
        })
    }

    /// A response with its evaluation, for those who may read it.
    pub async fn response(&self, p: &Principal, id: &str) -> Result<ResponseView> {
        let mut tx = self.store.read().await?;
        let response = tx.response(id).await?.ok_or_else(|| not_found("response", id))?;
        if !p.may(Action::ReadResponse, Some(&response.economy)) {
            return Err(denied("refuse-read-response", Some(&response.economy), p));
        }
        let round = tx
            .round(&response.round_id)
            .await?
            .ok_or_else(|| not_found("round", &response.round_id))?;
        drop(tx);
        let loaded = self.form(&round.questionnaire_id).await?;
        let state = loaded
            .engine
            .evaluate(&answers_of(&response.answers)?, &env_for(&loaded.form));
        Ok(ResponseView {
            answered: state.answered_share(),
            errors: state.errors().count(),
            response,
            round,
            state,
        })
    }

    /// Every saved version of a response, oldest first.
    pub async fn response_versions(&self, p: &Principal, id: &str) -> Result<Vec<ResponseVersion>> {
        let mut tx = self.store.read().await?;
        let response = tx.response(id).await?.ok_or_else(|| not_found("response", id))?;
        if !p.may(Action::ReadResponse, Some(&response.economy)) {
            return Err(denied("refuse-read-response", Some(&response.economy), p));
        }
        Ok(tx.response_versions(id).await?)
    }

    /// Saves changes made from version `base`, merging with saves made since when they touched
    /// other answers.
    pub async fn save_answers(&self, p: &Principal, id: &str, base: i64, changes: &Changes) -> Result<StoredResponse> {
        let mut tx = self.store.write().await?;
        let current = tx.response(id).await?.ok_or_else(|| not_found("response", id))?;
        if !p.may(Action::Answer, Some(&current.economy)) {
            return Err(denied("refuse-answer-response", Some(&current.economy), p));
        }
        let round = tx
            .round(&current.round_id)
            .await?
            .ok_or_else(|| not_found("round", &current.round_id))?;
        if round.state != RoundState::Open {
            return Err(AppError::invalid("round", say("round-closed-answers", &[])));
        }
        if !current.state.editable() {
            return Err(AppError::invalid(
                "state",
                say(
                    "response-locked",
                    &[("response_state", &current.state.as_str().replace('_', " "))],
                ),
            ));
        }
        let loaded = self.form(&round.questionnaire_id).await?;
        let now_answers = answers_of(&current.answers)?;
        // What this save touches.
        let mut mine: Vec<String> = changes.set.keys().cloned().collect();
        mine.extend(changes.add.iter().map(|r| format!("{r}#")));
        for (r, i) in &changes.remove {
            mine.push(format!("{r}#"));
            mine.push(format!("{r}[{i}]"));
        }
        if base != current.version {
            let versions = tx.response_versions(id).await?;
            let Some(base_v) = versions.iter().find(|v| v.version == base) else {
                return Err(AppError::invalid(
                    "version",
                    say("no-response-version", &[("version", &base.to_string())]),
                ));
            };
            let theirs = answers_of(&base_v.answers)?.changed_keys(&now_answers);
            let overlapping: Vec<String> = mine
                .iter()
                .filter(|k| {
                    theirs.iter().any(|t| {
                        t == *k
                            || t.starts_with(&format!("{}/", k.trim_end_matches('#')))
                            || k.starts_with(&format!("{}/", t.trim_end_matches('#')))
                    })
                })
                .cloned()
                .collect();
            if !overlapping.is_empty() {
                return Err(AppError::ResponseConflict {
                    yours: base,
                    current: Box::new(current),
                    overlapping,
                });
            }
        }
        // Only questions the respondent answers may be set.
        let mut problems = vec![];
        let mut next = now_answers.clone();
        for r in &changes.add {
            next.add_instance(r);
        }
        for (r, i) in &changes.remove {
            if !next.remove_instance(r, *i) {
                problems.push(Problem::field(r, say("no-instance", &[("number", &i.to_string())])));
            }
        }
        let state = loaded.engine.evaluate(&next, &env_for(&loaded.form));
        for (k, v) in &changes.set {
            match state.question(k) {
                None => problems.push(Problem::field(k, say("no-question", &[]))),
                Some(q) if q.read_only => problems.push(Problem::field(k, say("calculated-answer", &[]))),
                Some(_) => {
                    if v.trim().is_empty() {
                        next.values.remove(k);
                    } else {
                        next.values.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        // The state stays (`has_issues` until the next submission, so the reviewer's comments
        // stay in view); the answers change.
        let updated = StoredResponse {
            answers: answers_json(&next),
            updated_by: p.email.clone(),
            updated_at: pathways_storage::now(),
            ..current.clone()
        };
        if !tx.update_response(&updated, current.version, None).await? {
            return Err(AppError::Internal("the response changed during the save".into()));
        }
        let changed = diff(&now_answers, &next);
        let mut a = audit(p, "response.save", "response", id, Some(&current.economy));
        a.version = Some(current.version + 1);
        a.before = Some(json!(
            changed
                .iter()
                .map(|d| (d.key.clone(), d.before.clone()))
                .collect::<BTreeMap<_, _>>()
        ));
        a.after = Some(json!(
            changed
                .iter()
                .map(|d| (d.key.clone(), d.after.clone()))
                .collect::<BTreeMap<_, _>>()
        ));
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(StoredResponse {
            version: current.version + 1,
            ..updated
        })
    }

    /// Submits a response for review; refused, with every problem by question, while a relevant
    /// answer is missing or not accepted.
    pub async fn submit(&self, p: &Principal, id: &str, version: i64) -> Result<StoredResponse> {
        let mut tx = self.store.write().await?;
        let current = tx.response(id).await?.ok_or_else(|| not_found("response", id))?;
        if !p.may(Action::Answer, Some(&current.economy)) {
            return Err(denied("refuse-submit-response", Some(&current.economy), p));
        }
        let round = tx
            .round(&current.round_id)
            .await?
            .ok_or_else(|| not_found("round", &current.round_id))?;
        if round.state != RoundState::Open {
            return Err(AppError::invalid("round", say("round-closed", &[])));
        }
        if current.version != version {
            return Err(AppError::ResponseConflict {
                yours: version,
                overlapping: vec!["(submission)".into()],
                current: Box::new(current),
            });
        }
        if !current.state.editable() {
            return Err(AppError::invalid(
                "state",
                say(
                    "response-already",
                    &[("response_state", &current.state.as_str().replace('_', " "))],
                ),
            ));
        }
        let loaded = self.form(&round.questionnaire_id).await?;
        let state = loaded
            .engine
            .evaluate(&answers_of(&current.answers)?, &env_for(&loaded.form));
        let problems: Vec<Problem> = state
            .errors()
            .map(|q| Problem::field(&q.path, q.error.clone().unwrap_or_default()))
            .collect();
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        self.transition(tx, p, current, ResponseState::Submitted, None, "response.submit", None)
            .await
    }

    /// What approving the response would change in the map, field by field (reviewers only).
    pub async fn approval_proposals(&self, p: &Principal, id: &str) -> Result<Vec<crate::rounds::bindings::Proposal>> {
        let mut tx = self.store.read().await?;
        let response = tx.response(id).await?.ok_or_else(|| not_found("response", id))?;
        if !p.may(Action::Review, Some(&response.economy)) {
            return Err(denied("refuse-review-response", Some(&response.economy), p));
        }
        let round = tx
            .round(&response.round_id)
            .await?
            .ok_or_else(|| not_found("round", &response.round_id))?;
        let loaded = self.form(&round.questionnaire_id).await?;
        let state = loaded
            .engine
            .evaluate(&answers_of(&response.answers)?, &env_for(&loaded.form));
        Ok(self
            .proposals(&mut tx, &loaded, &response, &state)
            .await?
            .into_iter()
            .map(|(x, _)| x)
            .collect())
    }

    /// A reviewer's decision, with comments per question (kept with the response). Approval also
    /// writes the bound answers into the map, in the same transaction; `choices` says, for each
    /// answer that contradicts the map (by proposal key), whether to replace the map's value.
    #[allow(clippy::too_many_arguments)]
    pub async fn review(
        &self,
        p: &Principal,
        id: &str,
        version: i64,
        decision: Decision,
        comments: &BTreeMap<String, String>,
        note: Option<&str>,
        choices: &BTreeMap<String, bool>,
    ) -> Result<StoredResponse> {
        let mut tx = self.store.write().await?;
        let current = tx.response(id).await?.ok_or_else(|| not_found("response", id))?;
        if !p.may(Action::Review, Some(&current.economy)) {
            return Err(denied("refuse-review-response", Some(&current.economy), p));
        }
        if current.version != version {
            return Err(AppError::ResponseConflict {
                yours: version,
                overlapping: vec!["(review)".into()],
                current: Box::new(current),
            });
        }
        let (to, action) = match (decision, current.state) {
            (Decision::Reset, ResponseState::Draft) => {
                return Err(AppError::invalid("state", say("response-already-draft", &[])));
            }
            (Decision::Reset, _) => (ResponseState::Draft, "response.reset"),
            (Decision::Approve, ResponseState::Submitted) => (ResponseState::Approved, "response.approve"),
            (Decision::HasIssues, ResponseState::Submitted) => (ResponseState::HasIssues, "response.has_issues"),
            (Decision::Reject, ResponseState::Submitted) => (ResponseState::Rejected, "response.reject"),
            (_, s) => {
                return Err(AppError::invalid(
                    "state",
                    say(
                        "review-submitted-only",
                        &[("response_state", &s.as_str().replace('_', " "))],
                    ),
                ));
            }
        };
        if decision == Decision::HasIssues
            && comments.values().all(|c| c.trim().is_empty())
            && note.is_none_or(|n| n.trim().is_empty())
        {
            return Err(AppError::invalid("comments", say("say-issues", &[])));
        }
        let comments: BTreeMap<String, String> = comments
            .iter()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(k, c)| (k.clone(), c.trim().to_string()))
            .collect();
        if decision == Decision::Approve {
            let round = tx
                .round(&current.round_id)
                .await?
                .ok_or_else(|| not_found("round", &current.round_id))?;
            let loaded = self.form(&round.questionnaire_id).await?;
            let state = loaded
                .engine
                .evaluate(&answers_of(&current.answers)?, &env_for(&loaded.form));
            let proposals = self.proposals(&mut tx, &loaded, &current, &state).await?;
            let today = pathways_storage::now().get(..10).unwrap_or("").to_string();
            self.apply_proposals(&mut tx, p, &round, &current, proposals, choices, &today)
                .await?;
        }
        self.transition(tx, p, current, to, Some(comments), action, note).await
    }

    /// Tells the other side that a response changed hands: analysts when it is submitted, the
    /// economy's focal points when it is sent back, approved, rejected or reset.
    async fn notify_transition(
        &self,
        tx: &mut pathways_storage::Tx,
        r: &StoredResponse,
        to: ResponseState,
    ) -> Result<()> {
        let round = tx.round(&r.round_id).await?.map(|x| x.title).unwrap_or_default();
        let notice = |key| crate::notify::Notice::new(key).text("round", &round);
        let own = Some(r.economy.as_str());
        let (role, scope, text, link) = match to {
            ResponseState::Submitted => (
                Role::Analyst,
                None,
                notice("notice-response-submitted").economy("economy", &r.economy),
                format!("/responses/{}/review", r.id),
            ),
            ResponseState::HasIssues => (
                Role::FocalPoint,
                own,
                notice("notice-response-sent-back"),
                format!("/responses/{}", r.id),
            ),
            ResponseState::Approved => (
                Role::FocalPoint,
                own,
                notice("notice-response-approved"),
                format!("/responses/{}", r.id),
            ),
            ResponseState::Rejected => (
                Role::FocalPoint,
                own,
                notice("notice-response-rejected"),
                format!("/responses/{}", r.id),
            ),
            ResponseState::Draft => (
                Role::FocalPoint,
                own,
                notice("notice-response-draft"),
                format!("/responses/{}", r.id),
            ),
        };
        crate::notify::notify(self, tx, role, scope, &text, &link).await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn transition(
        &self,
        mut tx: pathways_storage::Tx,
        p: &Principal,
        current: StoredResponse,
        to: ResponseState,
        comments: Option<BTreeMap<String, String>>,
        action: &str,
        note: Option<&str>,
    ) -> Result<StoredResponse> {
        let updated = StoredResponse {
            state: to,
            comments: comments.map_or(current.comments.clone(), |c| json!(c)),
            updated_by: p.email.clone(),
            updated_at: pathways_storage::now(),
            ..current.clone()
        };
        if !tx.update_response(&updated, current.version, note).await? {
            return Err(AppError::Internal(
                "the response changed during the change of state".into(),
            ));
        }
        let mut a = audit(p, action, "response", &current.id, Some(&current.economy));
        a.version = Some(current.version + 1);
        a.before = Some(json!({"state": current.state}));
        a.after = Some(json!({"state": to, "comments": updated.comments}));
        a.note = note.map(str::to_string);
        tx.append_audit(&a).await?;
        self.notify_transition(&mut tx, &current, to).await?;
        tx.commit().await?;
        Ok(StoredResponse {
            version: current.version + 1,
            ..updated
        })
    }
}
