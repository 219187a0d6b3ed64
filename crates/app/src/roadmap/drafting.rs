//! Drafting roadmap actions from the shipped catalogue of interventions: dates and milestones from
//! the intervention's months, the lead institution mandated at the first stage it answers, the
//! validated priorities and findings it answers as its rationale, and its indicator bound to the
//! framework score.

use pathways_domain::roadmap::{ActionIndicator, Milestone, RoadmapAction};
use pathways_domain::states::FindingStatus;
use pathways_domain::vocab::REGION;
use pathways_domain::{Action, Principal};
use pathways_storage::StoredAction;

use super::add_months;
use crate::{App, AppError, Result};

impl App {
    /// An action drafted from a catalogue intervention for `scope` (an economy or `WB6`), starting
    /// on `start`: dates and milestones from the intervention's months, the lead institution
    /// mandated at the first stage it answers, the validated priorities and findings it answers as
    /// its rationale, and its indicator bound to the framework score (baseline: today's score).
    pub async fn draft_action(
        &self,
        p: &Principal,
        intervention: &str,
        scope: &str,
        start: &str,
    ) -> Result<StoredAction> {
        if !p.may(Action::Plan, None) {
            return Err(AppError::Forbidden(pathways_domain::wording::say(
                "refuse-draft-action",
                &[],
            )));
        }
        let body = self.draft_preview(p, intervention, scope, start).await?;
        self.create_action(
            p,
            serde_json::to_value(&body).map_err(|e| AppError::Internal(e.to_string()))?,
        )
        .await
    }

    /// The action `draft_action` would create, without saving it (to preview or tailor first).
    pub async fn draft_preview(
        &self,
        _p: &Principal,
        intervention: &str,
        scope: &str,
        start: &str,
    ) -> Result<RoadmapAction> {
        let it = self
            .catalogue()?
            .into_iter()
            .find(|i| i.id == intervention)
            .ok_or_else(|| AppError::NotFound {
                kind: "catalogue intervention".into(),
                id: intervention.into(),
            })?;
        let evidence = self.evidence().await?;
        let analysis = self.analysis_of(&evidence).await?;
        let outcomes = self.validation_outcomes().await?;
        let economy = (scope != REGION).then_some(scope);
        let lead = economy
            .and_then(|e| evidence.iter().find(|x| x.economy == e))
            .and_then(|ev| ev.lead_for(&it.answers))
            .map(str::to_string);
        let findings: Vec<&crate::analysis::CuratedFinding> = analysis
            .findings
            .iter()
            .filter(|f| {
                let s = f.status();
                s.accepted() || matches!(s, FindingStatus::Validated | FindingStatus::Amended)
            })
            .filter(|f| {
                f.candidate
                    .stage
                    .as_deref()
                    .is_some_and(|s| it.answers.iter().any(|a| a == s))
            })
            .filter(|f| economy.is_none_or(|e| f.candidate.economies.iter().any(|x| x == e)))
            .collect();
        let validated: Vec<String> = it
            .answers
            .iter()
            .filter(|s| outcomes.get(&format!("priority:{s}")).is_some_and(|(o, _)| o.stands()))
            .cloned()
            .collect();
        let label = |s: &str| self.vocab.stage(s).map_or(s.to_string(), |x| x.label.clone());
        let mut rationale = it.description.clone();
        if !validated.is_empty() {
            rationale.push_str(&format!(
                " Answers the validated priority areas: {}.",
                validated.iter().map(|s| label(s)).collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some(f) = findings.first() {
            rationale.push_str(&format!(" Finding: {}", f.text()));
        }
        if !it.practice.is_empty() {
            rationale.push_str(&format!(" Practice elsewhere: {}", it.practice));
        }
        let indicators = match economy {
            Some(e) => {
                let baseline = self.score_of(&analysis, e, &it.indicator);
                vec![ActionIndicator {
                    name: format!(
                        "{} ({})",
                        it.indicator,
                        self.indicator_question(&analysis, &it.indicator)
                    ),
                    unit: "score 0–100".into(),
                    baseline,
                    target: Some(100.0),
                    actual: None,
                    binding: Some(format!("score:{e}:{}", it.indicator)),
                }]
            }
            None => {
                let baseline = Some(self.complete_in(&analysis, &it.indicator) as f64);
                vec![ActionIndicator {
                    name: format!("Economies where {} is complete", it.indicator),
                    unit: "economies".into(),
                    baseline,
                    target: Some(self.vocab.economies.len() as f64),
                    actual: None,
                    binding: Some(format!("economies:{}", it.indicator)),
                }]
            }
        };
        Ok(RoadmapAction {
            title: it.title.clone(),
            rationale,
            priorities: it.answers.clone(),
            findings: findings.iter().map(|f| f.candidate.key.clone()).collect(),
            kind: it.kind.clone(),
            scope: scope.to_string(),
            lead,
            partners: it.partners.clone(),
            start: start.to_string(),
            end: add_months(start, it.months),
            milestones: it
                .milestones
                .iter()
                .map(|(t, m)| Milestone {
                    title: t.clone(),
                    due: add_months(start, *m),
                    done_on: None,
                })
                .collect(),
            alignment: it.alignment.clone(),
            indicators,
            status: "not_started".into(),
            from_catalogue: Some(it.id.clone()),
            demo: false,
        })
    }
}
