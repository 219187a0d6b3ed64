//! The joint regional roadmap as a living, monitored plan: actions drafted by analysts (by hand or
//! from the shipped catalogue of interventions) and tailored, progress reported by the focal points
//! of each economy with evidence (dated, audited, never edited afterwards), indicators whose actual
//! value is read from the platform's data when they are bound to it, coverage of the validated
//! priorities, and the monitoring figures (status counts, overdue milestones, indicator progress).

pub mod delphi;
pub mod documents;
mod drafting;
pub mod exercise;
mod minutes;
pub mod timeline;

use std::collections::BTreeMap;

use pathways_analysis::{Evidence, Level};
use pathways_domain::roadmap::{
    ActionIndicator, Alignment, Intervention, Milestone, ProgressUpdate, RoadmapAction, parse_alignment,
    parse_catalogue,
};
use pathways_domain::vocab::REGION;
use pathways_domain::{Action, Principal, Role};
use pathways_storage::{DocTable, NewAudit, StoredAction, StoredRecord, StoredUpdate, Tx};
use serde::Serialize;
use serde_json::{Value, json};

use crate::analysis::Analysis;
use crate::{App, AppError, Result};

const ALIGNMENT: &str = include_str!("../../../../data/roadmap/alignment.csv");
const CATALOGUE: &str = include_str!("../../../../data/roadmap/catalogue.csv");

/// An action with what is computed from it and from the platform's data.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub version: i64,
    pub action: RoadmapAction,
    pub timeframe: &'static str,
    pub overdue: Vec<Milestone>,
    /// Indicators with their actual value (read from the platform's data when bound).
    pub indicators: Vec<IndicatorView>,
    pub last_update: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub indicator: ActionIndicator,
    pub actual: Option<f64>,
    /// Share of the way from baseline to target (0–100), when both and the actual are known.
    pub progress: Option<f64>,
    /// Where the actual comes from.
    pub from: String,
}

/// A value as the roadmap prints it: whole numbers without decimals, "–" when unknown.
pub fn num(v: Option<f64>) -> String {
    v.map_or("–".into(), |x| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x:.1}")
        }
    })
}

impl IndicatorView {
    /// The indicator as a row of a table, after the title of its action: name, baseline, target,
    /// actual, progress and where the actual comes from.
    pub fn row(&self, action: &str) -> [String; 7] {
        [
            action.to_string(),
            self.indicator.name.clone(),
            self.baseline_text(),
            self.target_text(),
            self.actual_text(),
            self.progress_text(),
            self.from.clone(),
        ]
    }

    pub fn baseline_text(&self) -> String {
        num(self.indicator.baseline)
    }
    pub fn target_text(&self) -> String {
        num(self.indicator.target)
    }
    pub fn actual_text(&self) -> String {
        num(self.actual)
    }
    pub fn progress_text(&self) -> String {
        self.progress.map_or("–".into(), |x| format!("{x:.0} %"))
    }
}

/// A validated priority with the actions that answer it (none: a gap).
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub stage: String,
    pub label: String,
    /// `validated` or `amended` by the delegates; `proposed` while no exercise has decided.
    pub standing: String,
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    /// Per status of the completion scale, how many actions.
    pub status_counts: Vec<(String, usize)>,
    pub overdue: Vec<(String, String, Milestone)>,
    pub indicators: Vec<(String, IndicatorView)>,
    pub coverage: Vec<Coverage>,
    pub by_economy: Vec<(String, usize)>,
}

fn not_found(id: &str) -> AppError {
    crate::map::records::not_found("roadmap action", id)
}

fn as_record(a: &StoredAction) -> StoredRecord {
    crate::map::records::doc_record("roadmap_action", a)
}

fn audit(p: &Principal, action: &str, id: &str, owner: Option<&str>) -> NewAudit {
    crate::map::records::audit(p, action, "roadmap_action", id, owner)
}

fn parse_body(v: &Value) -> Result<RoadmapAction> {
    serde_json::from_value(v.clone())
        .map_err(|e| AppError::Invalid(vec![pathways_domain::Problem::field("action", e.to_string())]))
}

/// `YYYY-MM-DD` plus `months` (the day clamped to the month's length).
pub fn add_months(date: &str, months: u32) -> String {
    let (y, m, d) = (
        date.get(..4).and_then(|x| x.parse::<i64>().ok()).unwrap_or(2027),
        date.get(5..7).and_then(|x| x.parse::<i64>().ok()).unwrap_or(1),
        date.get(8..10).and_then(|x| x.parse::<i64>().ok()).unwrap_or(1),
    );
    let total = y * 12 + (m - 1) + i64::from(months);
    let (ny, nm) = (total / 12, total % 12 + 1);
    let leap = ny % 4 == 0 && (ny % 100 != 0 || ny % 400 == 0);
    let last = match nm {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    format!("{ny:04}-{nm:02}-{:02}", d.min(last))
}

fn level_points(l: Option<Level>) -> Option<f64> {
    l.map(Level::points)
}

impl App {
    /// The shipped EU alignment references.
    pub fn alignment(&self) -> Result<Vec<Alignment>> {
        parse_alignment(ALIGNMENT).map_err(|p| AppError::Internal(format!("shipped alignment list: {p:?}")))
    }

    /// The shipped catalogue of typical interventions.
    pub fn catalogue(&self) -> Result<Vec<Intervention>> {
        let a = self.alignment()?;
        parse_catalogue(CATALOGUE, &a, &self.vocab).map_err(|p| AppError::Internal(format!("shipped catalogue: {p:?}")))
    }

    async fn checked_action(&self, tx: &mut Tx, body: &Value) -> Result<(RoadmapAction, Value)> {
        let action = parse_body(body)?;
        let alignment = self.alignment()?;
        let institutions: BTreeMap<String, String> = tx
            .records(&pathways_storage::RecordQuery {
                kind: "institution".into(),
                ..Default::default()
            })
            .await?
            .into_iter()
            .filter_map(|r| r.owner.map(|o| (r.id, o)))
            .collect();
        let problems = action.validate(&self.vocab, &|c| alignment.iter().any(|a| a.code == c), &|i| {
            institutions.get(i).cloned()
        });
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let json = serde_json::to_value(&action).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((action, json))
    }

    /// An action's scope in words: the economy's display name (Kosovo* as written), or `region`
    /// for a regional action, in the words the place calls for.
    pub fn scope_words(&self, scope: &str, region: &str) -> String {
        if scope == REGION {
            region.into()
        } else {
            self.vocab
                .economy(scope)
                .map_or(scope.to_string(), |e| e.display_name.clone())
        }
    }

    /// Tells an economy's focal points that an action of theirs was drafted or changed (they are
    /// the ones who will report on it); regional actions concern the analysts who make them.
    async fn notify_economy(&self, tx: &mut Tx, action: &RoadmapAction, id: &str, key: &'static str) -> Result<()> {
        if let Some(economy) = action.owner() {
            crate::notify::notify(
                self,
                tx,
                Role::FocalPoint,
                Some(economy),
                &crate::notify::Notice::new(key)
                    .text("title", &action.title)
                    .economy("economy", economy),
                &format!("/roadmap/actions/{id}"),
            )
            .await?;
        }
        Ok(())
    }

    /// A new action (analysts).
    pub async fn create_action(&self, p: &Principal, body: Value) -> Result<StoredAction> {
        if !p.may(Action::Plan, None) {
            return Err(AppError::Forbidden(pathways_domain::wording::say(
                "refuse-draft-action",
                &[],
            )));
        }
        let mut tx = self.store.write().await?;
        let (action, json) = self.checked_action(&mut tx, &body).await?;
        let now = pathways_storage::now();
        let stored = StoredAction {
            id: uuid::Uuid::now_v7().to_string(),
            owner: action.owner().map(str::to_string),
            body: json.clone(),
            version: 1,
            created_by: p.email.clone(),
            created_at: now.clone(),
            updated_at: now,
        };
        tx.insert_doc(DocTable::Actions, &stored).await?;
        self.notify_economy(&mut tx, &action, &stored.id, "notice-action-drafted")
            .await?;
        let mut a = audit(p, "roadmap.create", &stored.id, action.owner());
        a.version = Some(1);
        a.after = Some(json);
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Replaces an action's content if it is still at `version` (analysts).
    pub async fn update_action(&self, p: &Principal, id: &str, version: i64, body: Value) -> Result<StoredAction> {
        if !p.may(Action::Plan, None) {
            return Err(AppError::Forbidden(pathways_domain::wording::say(
                "refuse-edit-action",
                &[],
            )));
        }
        let mut tx = self.store.write().await?;
        let before = tx.doc(DocTable::Actions, id).await?.ok_or_else(|| not_found(id))?;
        let (action, json) = self.checked_action(&mut tx, &body).await?;
        let now = pathways_storage::now();
        if !tx
            .update_doc(DocTable::Actions, id, version, action.owner(), &json, &now)
            .await?
        {
            return Err(AppError::Conflict {
                kind: "roadmap action".into(),
                yours: version,
                current: Box::new(as_record(&before)),
            });
        }
        self.notify_economy(&mut tx, &action, id, "notice-action-changed")
            .await?;
        let mut a = audit(p, "roadmap.update", id, action.owner());
        a.version = Some(version + 1);
        a.before = Some(before.body.clone());
        a.after = Some(json);
        tx.append_audit(&a).await?;
        let stored = tx.doc(DocTable::Actions, id).await?.ok_or_else(|| not_found(id))?;
        tx.commit().await?;
        Ok(stored)
    }

    pub async fn delete_action(&self, p: &Principal, id: &str, version: i64) -> Result<()> {
        if !p.may(Action::Plan, None) {
            return Err(AppError::Forbidden(pathways_domain::wording::say(
                "refuse-delete-action",
                &[],
            )));
        }
        let mut tx = self.store.write().await?;
        let before = tx.doc(DocTable::Actions, id).await?.ok_or_else(|| not_found(id))?;
        if !tx
            .delete_doc(DocTable::Actions, id, version, &pathways_storage::now())
            .await?
        {
            return Err(AppError::Conflict {
                kind: "roadmap action".into(),
                yours: version,
                current: Box::new(as_record(&before)),
            });
        }
        let mut a = audit(p, "roadmap.delete", id, before.owner.as_deref());
        a.before = Some(before.body);
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(())
    }

    fn score_of(&self, a: &Analysis, economy: &str, code: &str) -> Option<f64> {
        a.scores
            .economies
            .iter()
            .find(|e| e.economy == economy)
            .and_then(|e| e.indicators.get(code))
            .and_then(|s| level_points(s.level))
    }

    fn complete_in(&self, a: &Analysis, code: &str) -> usize {
        a.scores
            .economies
            .iter()
            .filter(|e| e.indicators.get(code).is_some_and(|s| s.level == Some(Level::Complete)))
            .count()
    }

    fn indicator_question(&self, a: &Analysis, code: &str) -> String {
        a.framework
            .indicators
            .iter()
            .find(|i| i.code == code)
            .map_or(String::new(), |i| i.question.clone())
    }

    /// The actual value of a bound indicator, and where it comes from.
    fn bound_value(&self, a: &Analysis, evidence: &[Evidence], binding: &str) -> (Option<f64>, String) {
        let parts: Vec<&str> = binding.split(':').collect();
        match parts.as_slice() {
            ["score", e, code] => (
                self.score_of(a, e, code),
                format!(
                    "indicator score {code} of {}, from the current evidence",
                    self.scope_words(e, "the region")
                ),
            ),
            ["economies", code] => (
                Some(self.complete_in(a, code) as f64),
                format!("economies where {code} is complete, from the current evidence"),
            ),
            ["observation", code] => {
                let latest = evidence
                    .iter()
                    .flat_map(|e| e.observations.iter())
                    .filter(|o| o.indicator == *code && o.citizenship == "_T" && o.sector == "_T" && o.sex == "_T")
                    .max_by(|x, y| x.period.cmp(&y.period));
                match latest {
                    Some(o) => (Some(o.value), format!("{code}, reported total for {}", o.period)),
                    None => (None, format!("{code}: no reported total yet")),
                }
            }
            _ => (None, "unknown binding".into()),
        }
    }

    fn view_of(
        &self,
        a: &Analysis,
        evidence: &[Evidence],
        s: &StoredAction,
        last: Option<&StoredUpdate>,
    ) -> Result<ActionView> {
        let action = parse_body(&s.body)?;
        let today = crate::today();
        let indicators = action
            .indicators
            .iter()
            .map(|i| {
                let (actual, from) = match &i.binding {
                    Some(b) => self.bound_value(a, evidence, b),
                    None => (i.actual, "reported by the focal point".to_string()),
                };
                let progress = match (i.baseline, i.target, actual) {
                    (Some(b), Some(t), Some(x)) if (t - b).abs() > f64::EPSILON => {
                        Some(((x - b) / (t - b) * 100.0).clamp(0.0, 100.0))
                    }
                    (Some(_), Some(_), Some(_)) => Some(100.0),
                    _ => None,
                };
                IndicatorView {
                    indicator: i.clone(),
                    actual,
                    progress,
                    from,
                }
            })
            .collect();
        Ok(ActionView {
            id: s.id.clone(),
            version: s.version,
            timeframe: action.timeframe(),
            overdue: action.overdue(&today).into_iter().cloned().collect(),
            indicators,
            last_update: last.map(|u| u.reported_at.clone()),
            updated_at: s.updated_at.clone(),
            action,
        })
    }

    /// Every action with its computed state (anyone signed in may read the roadmap).
    pub async fn roadmap(&self, _p: &Principal) -> Result<Vec<ActionView>> {
        let evidence = self.evidence().await?;
        let a = self.analysis_of(&evidence).await?;
        self.views(&a, &evidence).await
    }

    async fn views(&self, a: &Analysis, evidence: &[Evidence]) -> Result<Vec<ActionView>> {
        let mut tx = self.store.read().await?;
        let actions = tx.docs(DocTable::Actions).await?;
        let updates = tx.updates(None).await?;
        drop(tx);
        actions
            .iter()
            .map(|s| {
                let last = updates.iter().rev().find(|u| u.action_id == s.id);
                self.view_of(a, evidence, s, last)
            })
            .collect()
    }

    /// One action with its history of progress updates (oldest first).
    pub async fn roadmap_action(&self, _p: &Principal, id: &str) -> Result<(ActionView, Vec<StoredUpdate>)> {
        let evidence = self.evidence().await?;
        let a = self.analysis_of(&evidence).await?;
        let mut tx = self.store.read().await?;
        let s = tx.doc(DocTable::Actions, id).await?.ok_or_else(|| not_found(id))?;
        let updates = tx.updates(Some(id)).await?;
        let view = self.view_of(&a, &evidence, &s, updates.last())?;
        Ok((view, updates))
    }

    /// A progress report on an action: by the focal points of its economy, or analysts; the
    /// action's status, milestones and typed-in indicator values follow it.
    pub async fn report_progress(
        &self,
        p: &Principal,
        id: &str,
        version: i64,
        update: ProgressUpdate,
    ) -> Result<StoredUpdate> {
        let mut tx = self.store.write().await?;
        let stored = tx.doc(DocTable::Actions, id).await?.ok_or_else(|| not_found(id))?;
        if !p.may(Action::ReportProgress, stored.owner.as_deref()) {
            return Err(AppError::Forbidden(match stored.owner.as_deref() {
                Some(economy) => pathways_domain::wording::say("refuse-report-progress", &[("economy", economy)]),
                None => pathways_domain::wording::say("refuse-report-progress-region", &[]),
            }));
        }
        let mut action = parse_body(&stored.body)?;
        let problems = update.validate(&action);
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let today = crate::today();
        action.status = update.status.clone();
        for m in action.milestones.iter_mut() {
            if update.milestones_done.contains(&m.title) && m.done_on.is_none() {
                m.done_on = Some(today.clone());
            }
        }
        for (name, v) in &update.actuals {
            if let Some(i) = action.indicators.iter_mut().find(|i| &i.name == name) {
                i.actual = Some(*v);
            }
        }
        let json = serde_json::to_value(&action).map_err(|e| AppError::Internal(e.to_string()))?;
        let now = pathways_storage::now();
        if !tx
            .update_doc(DocTable::Actions, id, version, stored.owner.as_deref(), &json, &now)
            .await?
        {
            return Err(AppError::Conflict {
                kind: "roadmap action".into(),
                yours: version,
                current: Box::new(as_record(&stored)),
            });
        }
        let u = StoredUpdate {
            id: uuid::Uuid::now_v7().to_string(),
            action_id: id.into(),
            body: serde_json::to_value(&update).map_err(|e| AppError::Internal(e.to_string()))?,
            reported_by: p.email.clone(),
            reported_at: now,
        };
        tx.insert_update(&u).await?;
        // Analysts follow the roadmap as a whole; a focal point's report is news to them (an
        // analyst's own report on a regional action is not news to the one who made it).
        if p.role != Role::Analyst {
            let status = if pathways_domain::roadmap::STATUSES.contains(&action.status.as_str()) {
                format!("notice-status-{}", action.status)
            } else {
                "notice-status-none".to_string()
            };
            let notice = if action.scope == REGION {
                crate::notify::Notice::new("notice-progress-region")
            } else {
                crate::notify::Notice::new("notice-progress").economy("economy", &action.scope)
            };
            crate::notify::notify(
                self,
                &mut tx,
                Role::Analyst,
                None,
                &notice.text("title", &action.title).word("status", status),
                &format!("/roadmap/actions/{id}"),
            )
            .await?;
        }
        let mut a = audit(p, "roadmap.progress", id, stored.owner.as_deref());
        a.version = Some(version + 1);
        a.before = Some(stored.body.clone());
        a.after = Some(json!({"update": u.body, "action": json}));
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(u)
    }

    /// Every validated priority (or, before any validation, every priority area with findings or
    /// gaps) with the actions that answer it; one with none is a gap to show.
    pub async fn coverage(&self, a: &Analysis, actions: &[ActionView]) -> Result<Vec<Coverage>> {
        let outcomes = self.validation_outcomes().await?;
        let validated: Vec<(String, String)> = outcomes
            .iter()
            .filter_map(|(k, (o, _))| {
                k.strip_prefix("priority:")
                    .filter(|_| o.stands())
                    .map(|s| (s.to_string(), o.to_string()))
            })
            .collect();
        let label = |s: &str| self.vocab.stage(s).map_or(s.to_string(), |x| x.label.clone());
        let list: Vec<(String, String)> = if validated.is_empty() {
            a.priorities
                .iter()
                .filter(|x| x.score > 0)
                .map(|x| (x.stage.clone(), "proposed".to_string()))
                .collect()
        } else {
            validated
        };
        Ok(list
            .into_iter()
            .map(|(stage, standing)| Coverage {
                label: label(&stage),
                actions: actions
                    .iter()
                    .filter(|a| a.action.priorities.contains(&stage))
                    .map(|a| a.id.clone())
                    .collect(),
                stage,
                standing,
            })
            .collect())
    }

    /// The monitoring dashboard.
    pub async fn roadmap_dashboard(&self, _p: &Principal) -> Result<(Vec<ActionView>, Dashboard)> {
        let evidence = self.evidence().await?;
        let a = self.analysis_of(&evidence).await?;
        let actions = self.views(&a, &evidence).await?;
        let status_counts = pathways_domain::roadmap::STATUSES
            .iter()
            .map(|s| (s.to_string(), actions.iter().filter(|a| a.action.status == *s).count()))
            .collect();
        let overdue = actions
            .iter()
            .flat_map(|a| {
                a.overdue
                    .iter()
                    .map(|m| (a.id.clone(), a.action.title.clone(), m.clone()))
            })
            .collect();
        let indicators = actions
            .iter()
            .flat_map(|a| a.indicators.iter().map(|i| (a.action.title.clone(), i.clone())))
            .collect();
        let by_economy: Vec<(String, usize)> = std::iter::once(REGION.to_string())
            .chain(self.vocab.economies.iter().map(|e| e.code.clone()))
            .map(|e| {
                let n = actions.iter().filter(|a| a.action.scope == e).count();
                (e, n)
            })
            .collect();
        let coverage = self.coverage(&a, &actions).await?;
        Ok((
            actions,
            Dashboard {
                status_counts,
                overdue,
                indicators,
                coverage,
                by_economy,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::add_months;

    #[test]
    fn months_are_added_with_the_day_clamped() {
        assert_eq!(add_months("2027-01-31", 1), "2027-02-28");
        assert_eq!(add_months("2027-11-15", 3), "2028-02-15");
        assert_eq!(add_months("2028-01-31", 1), "2028-02-29");
        assert_eq!(add_months("2027-03-01", 24), "2029-03-01");
    }
}
