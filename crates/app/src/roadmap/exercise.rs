//! The validation exercise, run as a Delphi-style consensus: an analyst builds it from accepted
//! findings and priority areas, invites the delegates of each economy (focal points) and observers,
//! and opens rounds. In a round each delegate rates every open item 1–9 and agrees, disagrees or
//! proposes an amendment; from round 2 on, each item shows the previous round's distribution,
//! median and IQR and the delegate's own earlier answer. Closing a round computes the statistics
//! and Kendall's W, validates the items that meet the exercise's rule, and keeps the rest open for
//! the next round; analysts then mark items amended or dropped, and closing the exercise drops
//! what never reached consensus.
//!
//! Anonymity is enforced here, not in the pages: a delegate only ever receives their own answers
//! and aggregates; the analyst receives who has answered, not what, unless the exercise was set
//! up to reveal answers; observers receive aggregates of closed rounds. The audit log records that
//! a delegate answered, never the ratings.

use std::collections::{BTreeMap, BTreeSet};

use pathways_analysis::consensus::{Rule, kendalls_w};
use pathways_domain::roadmap::Rating;
use pathways_domain::states::{ExercisePart, ExerciseStatus, Outcome};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Problem, Role};
use pathways_storage::{NewAudit, Participant, StoredExercise, StoredRating, StoredRecord, Tx};
use serde_json::json;

use super::delphi::{ExerciseBody, ExerciseView, Item, RoundRecord, item_round, rule_text};
use crate::notify::Notice;
use crate::{App, AppError, Result};

fn not_found(id: &str) -> AppError {
    crate::map::records::not_found("exercise", id)
}

/// `field`'s problem: the wording `id` with its `values`.
fn invalid(field: &str, id: &str, values: &[(&str, &str)]) -> AppError {
    AppError::Invalid(vec![Problem::field(field, say(id, values))])
}

fn audit(p: &Principal, action: &str, id: &str, after: Option<serde_json::Value>) -> NewAudit {
    NewAudit {
        after,
        ..crate::map::records::audit(p, action, "exercise", id, None)
    }
}

pub(crate) fn body_of(e: &StoredExercise) -> Result<ExerciseBody> {
    serde_json::from_value(e.body.clone()).map_err(|err| AppError::Internal(format!("exercise {}: {err}", e.id)))
}

fn as_record(e: &StoredExercise) -> StoredRecord {
    StoredRecord {
        id: e.id.clone(),
        kind: "exercise".into(),
        owner: None,
        version: e.version,
        body: e.body.clone(),
        origin: "user".into(),
        created_at: e.created_at.clone(),
        updated_at: e.updated_at.clone(),
        deleted_at: None,
    }
}

fn may_plan(p: &Principal) -> Result<()> {
    if p.may(Action::Plan, None) {
        Ok(())
    } else {
        Err(AppError::Forbidden(say("refuse-run-exercise", &[])))
    }
}

impl App {
    async fn exercise_in(&self, tx: &mut Tx, id: &str) -> Result<(StoredExercise, ExerciseBody)> {
        let e = tx.exercise(id).await?.ok_or_else(|| not_found(id))?;
        let b = body_of(&e)?;
        Ok((e, b))
    }

    async fn save_exercise(
        &self,
        tx: &mut Tx,
        mut e: StoredExercise,
        body: &ExerciseBody,
        expected: i64,
    ) -> Result<StoredExercise> {
        e.body = serde_json::to_value(body).map_err(|err| AppError::Internal(err.to_string()))?;
        e.updated_at = pathways_storage::now();
        if !tx.update_exercise(&e, expected).await? {
            let current = tx.exercise(&e.id).await?.ok_or_else(|| not_found(&e.id))?;
            return Err(AppError::Conflict {
                kind: "exercise".into(),
                yours: expected,
                current: Box::new(as_record(&current)),
            });
        }
        e.version = expected + 1;
        Ok(e)
    }

    /// A new exercise (in draft) on the findings (keys; accepted or edited) and priority areas
    /// (stage codes) chosen, with the consensus rule.
    pub async fn create_exercise(
        &self,
        p: &Principal,
        title: &str,
        findings: &[String],
        priorities: &[String],
        rule: Rule,
        reveal_answers: bool,
    ) -> Result<StoredExercise> {
        self.build_exercise(p, title, findings, priorities, rule, reveal_answers, false)
            .await
    }

    /// `create_exercise`, with `demo` marking the exercise as demo content from its creation.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn build_exercise(
        &self,
        p: &Principal,
        title: &str,
        findings: &[String],
        priorities: &[String],
        rule: Rule,
        reveal_answers: bool,
        demo: bool,
    ) -> Result<StoredExercise> {
        may_plan(p)?;
        let mut problems = vec![];
        if title.trim().is_empty() {
            problems.push(Problem::field("title", say("title-required", &[])));
        }
        if !(1.0..=9.0).contains(&rule.min_median) || !(0.0..=8.0).contains(&rule.max_iqr) {
            problems.push(Problem::field("rule", say("exercise-thresholds", &[])));
        }
        if !(1..=50).contains(&rule.min_panel) {
            problems.push(Problem::field("min_panel", say("exercise-panel", &[])));
        }
        let analysis = self.analysis(p).await?;
        let mut items = vec![];
        for key in findings {
            match analysis.findings.iter().find(|f| &f.candidate.key == key) {
                Some(f) if f.status().accepted() => items.push(Item {
                    id: format!("finding:{key}"),
                    kind: "finding".into(),
                    reference: key.clone(),
                    text: f.text().to_string(),
                    economies: f.candidate.economies.clone(),
                    outcome: None,
                    final_text: None,
                    decided_in: None,
                }),
                Some(_) => problems.push(Problem::field(
                    "findings",
                    say("finding-not-accepted", &[("value", key)]),
                )),
                None => problems.push(Problem::field("findings", say("no-finding", &[("value", key)]))),
            }
        }
        for stage in priorities {
            match analysis.priorities.iter().find(|x| &x.stage == stage) {
                Some(x) => items.push(Item {
                    id: format!("priority:{stage}"),
                    kind: "priority".into(),
                    reference: stage.clone(),
                    text: format!(
                        "{} is a priority area for targeted intervention (priority {}: absent in {}, partial in {}, not established in {}, {} findings)",
                        x.label, x.score, x.absent, x.partial, x.unknown, x.findings
                    ),
                    economies: vec![],
                    outcome: None,
                    final_text: None,
                    decided_in: None,
                }),
                None => problems.push(Problem::field("priorities", say("not-priority-area", &[("value", stage)]))),
            }
        }
        if items.is_empty() {
            problems.push(Problem::field("items", say("choose-items", &[])));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let body = ExerciseBody {
            items,
            min_median: rule.min_median,
            max_iqr: rule.max_iqr,
            min_panel: rule.min_panel,
            reveal_answers,
            rounds: vec![],
            demo,
        };
        self.insert_exercise(p, title, &body).await
    }

    async fn insert_exercise(&self, p: &Principal, title: &str, body: &ExerciseBody) -> Result<StoredExercise> {
        let now = pathways_storage::now();
        let e = StoredExercise {
            id: uuid::Uuid::now_v7().to_string(),
            title: title.trim().to_string(),
            body: serde_json::to_value(body).map_err(|err| AppError::Internal(err.to_string()))?,
            status: ExerciseStatus::Draft,
            round: 0,
            version: 1,
            created_by: p.email.clone(),
            created_at: now.clone(),
            updated_at: now,
        };
        // Every use case ends the same way on purpose: the change and its audit record commit together.
        let mut tx = self.store.write().await?;
        tx.insert_exercise(&e).await?;
        tx.append_audit(&audit(p, "exercise.create", &e.id, Some(e.body.clone())))
            .await?;
        tx.commit().await?;
        Ok(e)
    }

    /// Invites a user: focal points as their economy's delegates, anyone as an observer.
    pub async fn invite_to_exercise(
        &self,
        p: &Principal,
        id: &str,
        email: &str,
        role: &str,
    ) -> Result<Vec<Participant>> {
        may_plan(p)?;
        let mut tx = self.store.write().await?;
        let (e, _) = self.exercise_in(&mut tx, id).await?;
        if e.status == ExerciseStatus::Closed {
            return Err(invalid("status", "exercise-closed", &[]));
        }
        let user = tx
            .user_by_email(email.trim())
            .await?
            .ok_or_else(|| invalid("email", "no-user-invite-first", &[("email", email.trim())]))?;
        let part: ExercisePart = role
            .parse()
            .ok()
            .filter(|r| *r != ExercisePart::Analyst)
            .ok_or_else(|| invalid("role", "not-exercise-part", &[("value", role)]))?;
        let economy = match part {
            ExercisePart::Delegate => match (Role::parse(&user.role), &user.economy) {
                (Some(Role::FocalPoint), Some(e)) => Some(e.clone()),
                _ => {
                    return Err(invalid("role", "delegate-not-focal-point", &[("email", &user.email)]));
                }
            },
            ExercisePart::Observer | ExercisePart::Analyst => None,
        };
        tx.put_participant(id, &user.id, part, economy.as_deref(), &pathways_storage::now())
            .await?;
        tx.append_audit(&audit(
            p,
            "exercise.invite",
            id,
            Some(json!({"user": user.email, "role": role, "economy": economy})),
        ))
        .await?;
        let out = tx.participants(id).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Opens the next round (the first from a draft) and tells the delegates.
    pub async fn open_exercise_round(&self, p: &Principal, id: &str, version: i64) -> Result<StoredExercise> {
        may_plan(p)?;
        let mut tx = self.store.write().await?;
        let (mut e, body) = self.exercise_in(&mut tx, id).await?;
        if !matches!(e.status, ExerciseStatus::Draft | ExerciseStatus::Paused) {
            return Err(invalid(
                "status",
                "open-between-rounds",
                &[("exercise_status", &e.status.to_string())],
            ));
        }
        if body.open_items().next().is_none() {
            return Err(invalid("items", "all-items-decided", &[]));
        }
        let delegates: Vec<Participant> = tx
            .participants(id)
            .await?
            .into_iter()
            .filter(|x| x.role == ExercisePart::Delegate)
            .collect();
        if delegates.is_empty() {
            return Err(invalid("participants", "invite-delegate-first", &[]));
        }
        let mut body = body;
        e.round += 1;
        e.status = ExerciseStatus::Open;
        let now = pathways_storage::now();
        body.rounds.push(RoundRecord {
            round: e.round,
            opened_at: now.clone(),
            closed_at: None,
            items: BTreeMap::new(),
            kendalls_w: None,
            raters: 0,
        });
        let ids: Vec<String> = delegates.iter().map(|d| d.user_id.clone()).collect();
        crate::notify::notify_users(
            self,
            &mut tx,
            &ids,
            &Notice::new("notice-round-open")
                .text("round", e.round)
                .text("title", &e.title),
            &format!("/exercises/{id}"),
        )
        .await?;
        let e = self.save_exercise(&mut tx, e, &body, version).await?;
        tx.append_audit(&audit(p, "exercise.open_round", id, Some(json!({"round": e.round}))))
            .await?;
        tx.commit().await?;
        Ok(e)
    }

    /// A delegate's answers in the running round (all or some of the open items; answers may be
    /// changed until the round closes).
    pub async fn rate_items(&self, p: &Principal, id: &str, ratings: &[Rating]) -> Result<usize> {
        let mut tx = self.store.write().await?;
        let (e, body) = self.exercise_in(&mut tx, id).await?;
        let me = tx.participants(id).await?.into_iter().find(|x| x.user_id == p.user_id);
        if !matches!(&me, Some(x) if x.role == ExercisePart::Delegate) {
            return Err(AppError::Forbidden(say("refuse-rate", &[])));
        }
        if e.status != ExerciseStatus::Open {
            return Err(invalid("status", "no-round-open", &[]));
        }
        let mut problems: Vec<Problem> = ratings.iter().flat_map(Rating::validate).collect();
        for r in ratings {
            match body.items.iter().find(|i| i.id == r.item) {
                None => problems.push(Problem::field("item", say("no-item", &[("value", &r.item)]))),
                Some(i) if i.outcome.is_some() => {
                    problems.push(Problem::field("item", say("item-decided", &[("value", &r.item)])))
                }
                Some(_) => {}
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let now = pathways_storage::now();
        for r in ratings {
            tx.put_rating(
                id,
                &StoredRating {
                    round: e.round,
                    item: r.item.clone(),
                    user_id: p.user_id.clone(),
                    rating: i64::from(r.rating),
                    stance: r.stance.clone(),
                    amendment: r.amendment.trim().to_string(),
                    comment: r.comment.trim().to_string(),
                    answered_at: now.clone(),
                },
            )
            .await?;
        }
        // The audit says that they answered, not what: answers are anonymous.
        tx.append_audit(&audit(
            p,
            "exercise.rate",
            id,
            Some(json!({"round": e.round, "items": ratings.len()})),
        ))
        .await?;
        tx.commit().await?;
        Ok(ratings.len())
    }

    /// Closes the running round: statistics per item, Kendall's W, items meeting the rule
    /// validated.
    pub async fn close_exercise_round(&self, p: &Principal, id: &str, version: i64) -> Result<StoredExercise> {
        may_plan(p)?;
        let mut tx = self.store.write().await?;
        let (mut e, mut body) = self.exercise_in(&mut tx, id).await?;
        if e.status != ExerciseStatus::Open {
            return Err(invalid("status", "no-round-open", &[]));
        }
        let ratings: Vec<StoredRating> = tx
            .ratings(id, None)
            .await?
            .into_iter()
            .filter(|r| r.round == e.round)
            .collect();
        let open: Vec<String> = body.open_items().map(|i| i.id.clone()).collect();
        let rule = body.rule();
        let mut stats = BTreeMap::new();
        for item in &open {
            let of_item: Vec<&StoredRating> = ratings.iter().filter(|r| &r.item == item).collect();
            if let Some(s) = item_round(&of_item, rule) {
                stats.insert(item.clone(), s);
            }
        }
        // Kendall's W needs a full matrix: the delegates who rated every open item.
        let raters: BTreeSet<&str> = ratings.iter().map(|r| r.user_id.as_str()).collect();
        let matrix: Vec<Vec<f64>> = raters
            .iter()
            .filter_map(|u| {
                open.iter()
                    .map(|item| {
                        ratings
                            .iter()
                            .find(|r| &r.user_id == u && &r.item == item)
                            .map(|r| r.rating as f64)
                    })
                    .collect::<Option<Vec<f64>>>()
            })
            .collect();
        let w = kendalls_w(&matrix);
        for item in body.items.iter_mut() {
            if item.outcome.is_none() && stats.get(&item.id).is_some_and(|s| s.consensus) {
                item.outcome = Some(Outcome::Validated);
                item.final_text = Some(item.text.clone());
                item.decided_in = Some(e.round);
            }
        }
        let round = e.round;
        if let Some(r) = body.rounds.iter_mut().find(|r| r.round == round) {
            r.closed_at = Some(pathways_storage::now());
            r.items = stats;
            r.kendalls_w = w;
            r.raters = matrix.len();
        }
        e.status = if body.open_items().next().is_none() {
            ExerciseStatus::Closed
        } else {
            ExerciseStatus::Paused
        };
        let agreed = body.items.iter().filter(|i| i.decided_in == Some(round)).count();
        let still_open = body.open_items().count();
        let text = if still_open == 0 {
            Notice::new("notice-round-closed-all")
                .text("round", round)
                .text("title", &e.title)
        } else {
            Notice::new("notice-round-closed")
                .text("round", round)
                .text("title", &e.title)
                .text("agreed", agreed)
                .text("open", still_open)
        };
        crate::notify::notify_participants(self, &mut tx, id, &text).await?;
        let e = self.save_exercise(&mut tx, e, &body, version).await?;
        tx.append_audit(&audit(
            p,
            "exercise.close_round",
            id,
            Some(json!({"round": round, "kendalls_w": w})),
        ))
        .await?;
        tx.commit().await?;
        Ok(e)
    }

    /// An analyst's outcome for an item between rounds: `validated`, `amended` (with the wording
    /// agreed) or `dropped`.
    pub async fn decide_exercise_item(
        &self,
        p: &Principal,
        id: &str,
        version: i64,
        item: &str,
        outcome: &str,
        text: Option<&str>,
    ) -> Result<StoredExercise> {
        may_plan(p)?;
        let mut tx = self.store.write().await?;
        let (e, mut body) = self.exercise_in(&mut tx, id).await?;
        if e.status == ExerciseStatus::Open {
            return Err(invalid("status", "decide-between-rounds", &[]));
        }
        let round = e.round;
        let it = body
            .items
            .iter_mut()
            .find(|i| i.id == item)
            .ok_or_else(|| invalid("item", "no-item", &[("value", item)]))?;
        let decided: Outcome = outcome
            .parse()
            .map_err(|_| invalid("outcome", "not-item-outcome", &[("value", outcome)]))?;
        match decided {
            Outcome::Validated => it.final_text = Some(it.text.clone()),
            Outcome::Amended => match text.map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => it.final_text = Some(t.to_string()),
                None => return Err(invalid("text", "amended-item-text", &[])),
            },
            Outcome::Dropped => it.final_text = None,
        }
        it.outcome = Some(decided);
        it.decided_in = Some(round);
        let e = self.save_exercise(&mut tx, e, &body, version).await?;
        tx.append_audit(&audit(
            p,
            "exercise.decide_item",
            id,
            Some(json!({"item": item, "outcome": outcome, "text": text})),
        ))
        .await?;
        tx.commit().await?;
        Ok(e)
    }

    /// Ends the exercise: items that never reached consensus are dropped.
    pub async fn close_exercise(&self, p: &Principal, id: &str, version: i64) -> Result<StoredExercise> {
        may_plan(p)?;
        let mut tx = self.store.write().await?;
        let (mut e, mut body) = self.exercise_in(&mut tx, id).await?;
        if e.status == ExerciseStatus::Open {
            return Err(invalid("status", "close-round-first", &[]));
        }
        for i in body.items.iter_mut().filter(|i| i.outcome.is_none()) {
            i.outcome = Some(Outcome::Dropped);
            i.decided_in = Some(e.round);
        }
        e.status = ExerciseStatus::Closed;
        let count = |o: Outcome| body.items.iter().filter(|i| i.outcome == Some(o)).count();
        let text = Notice::new("notice-exercise-closed")
            .text("title", &e.title)
            .text("validated", count(Outcome::Validated))
            .text("amended", count(Outcome::Amended))
            .text("dropped", count(Outcome::Dropped));
        crate::notify::notify_participants(self, &mut tx, id, &text).await?;
        let e = self.save_exercise(&mut tx, e, &body, version).await?;
        tx.append_audit(&audit(p, "exercise.close", id, None)).await?;
        tx.commit().await?;
        Ok(e)
    }

    /// Reminds the delegates who have not answered every open item of the running round; returns
    /// whom.
    pub async fn remind_delegates(&self, p: &Principal, id: &str) -> Result<Vec<String>> {
        may_plan(p)?;
        let mut tx = self.store.write().await?;
        let (e, body) = self.exercise_in(&mut tx, id).await?;
        if e.status != ExerciseStatus::Open {
            return Err(invalid("status", "no-round-open", &[]));
        }
        let answered = self.answered(&mut tx, &e, &body).await?;
        let mut reminded = vec![];
        let mut ids = vec![];
        for (d, done) in answered {
            if d.role == ExercisePart::Delegate && !done {
                ids.push(d.user_id);
                reminded.push(d.email);
            }
        }
        crate::notify::notify_users(
            self,
            &mut tx,
            &ids,
            &Notice::new("notice-round-reminder")
                .text("round", e.round)
                .text("title", &e.title),
            &format!("/exercises/{id}"),
        )
        .await?;
        tx.append_audit(&audit(p, "exercise.remind", id, Some(json!({"reminded": reminded}))))
            .await?;
        tx.commit().await?;
        Ok(reminded)
    }

    /// Every participant and whether they answered every open item of the running round.
    pub(crate) async fn answered(
        &self,
        tx: &mut Tx,
        e: &StoredExercise,
        body: &ExerciseBody,
    ) -> Result<Vec<(Participant, bool)>> {
        let ratings = tx.ratings(&e.id, None).await?;
        let open: Vec<&str> = body.open_items().map(|i| i.id.as_str()).collect();
        Ok(tx
            .participants(&e.id)
            .await?
            .into_iter()
            .map(|x| {
                let done = x.role == ExercisePart::Delegate
                    && e.status == ExerciseStatus::Open
                    && open.iter().all(|item| {
                        ratings
                            .iter()
                            .any(|r| r.round == e.round && r.user_id == x.user_id && r.item == *item)
                    });
                (x, done)
            })
            .collect())
    }

    /// The exercises this user takes part in (analysts: all).
    pub async fn exercises(&self, p: &Principal) -> Result<Vec<StoredExercise>> {
        let mut tx = self.store.read().await?;
        let all = tx.exercises().await?;
        if p.may(Action::Plan, None) {
            return Ok(all);
        }
        let mut out = vec![];
        for e in all {
            if tx.participants(&e.id).await?.iter().any(|x| x.user_id == p.user_id) {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// The exercise as this user may see it (see the module's note on anonymity).
    pub async fn exercise(&self, p: &Principal, id: &str) -> Result<ExerciseView> {
        let mut tx = self.store.read().await?;
        let (e, body) = self.exercise_in(&mut tx, id).await?;
        let participants = tx.participants(id).await?;
        let me = participants.iter().find(|x| x.user_id == p.user_id);
        let analyst = p.may(Action::Plan, None);
        let my_role = match (me, analyst) {
            (Some(x), _) => Some(x.role),
            (None, true) => Some(ExercisePart::Analyst),
            (None, false) => return Err(not_found(id)),
        };
        let mine = tx.ratings(id, Some(&p.user_id)).await?;
        let by_item = |round: i64| -> BTreeMap<String, StoredRating> {
            mine.iter()
                .filter(|r| r.round == round)
                .map(|r| (r.item.clone(), r.clone()))
                .collect()
        };
        let (my_current, my_previous) = if e.status == ExerciseStatus::Open {
            (by_item(e.round), by_item(e.round - 1))
        } else {
            (BTreeMap::new(), by_item(e.round))
        };
        let (participants, revealed) = if analyst {
            let answered = self.answered(&mut tx, &e, &body).await?;
            let revealed = if body.reveal_answers {
                tx.ratings(id, None).await?
            } else {
                vec![]
            };
            (answered, revealed)
        } else {
            (vec![], vec![])
        };
        Ok(ExerciseView {
            id: e.id.clone(),
            title: e.title.clone(),
            status: e.status,
            round: e.round,
            version: e.version,
            rule: rule_text(&body),
            reveal_answers: body.reveal_answers,
            demo: body.demo,
            items: body.items.clone(),
            rounds: body.published_rounds(),
            my_role,
            my_current,
            my_previous,
            participants,
            revealed,
        })
    }

    /// The items decided across all exercises, by item id (`finding:<key>`, `priority:<stage>`):
    /// outcome and final text. A later exercise overrides an earlier one.
    pub async fn validation_outcomes(&self) -> Result<BTreeMap<String, (Outcome, Option<String>)>> {
        let mut tx = self.store.read().await?;
        let mut all = tx.exercises().await?;
        all.sort_by(|a, b| a.created_at.cmp(&b.created_at));
        let mut out = BTreeMap::new();
        for e in all {
            for i in body_of(&e)?.items {
                if let Some(o) = i.outcome {
                    out.insert(i.id, (o, i.final_text));
                }
            }
        }
        Ok(out)
    }
}
