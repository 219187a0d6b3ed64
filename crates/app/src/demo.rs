//! The demo cycle `serve --demo` seeds next to the demo accounts, so that a newcomer sees the whole
//! third activity: a validation exercise on the top priority areas with two rounds of sample
//! ratings by the six demo focal points, and a draft roadmap drafted from the catalogue for the
//! priorities it validated, with one progress report. Everything goes through the same use cases
//! as real work (permissions, validation, audit) and is marked as demo content.

use pathways_domain::roadmap::{ProgressUpdate, Rating};
use pathways_domain::states::{ExerciseStatus, Outcome};
use pathways_domain::vocab::REGION;

use crate::roadmap::delphi::ExerciseBody;
use crate::{App, AppError, Result};

/// The title that marks the demo exercise (and makes seeding idempotent).
pub const DEMO_EXERCISE: &str = "DEMO — Validation of the regional priority areas (sample ratings)";

/// A sample rating: item `i` of `n`, delegate `d`, round `r`. Items ranked high get high ratings;
/// round 2 converges towards each item's centre, as a Delphi panel does.
fn sample(i: usize, n: usize, d: usize, r: usize) -> u8 {
    let centre = 8 - (i * 5 / n.max(1)) as i64;
    let spread: [i64; 6] = [-2, 1, 0, 2, -1, 1];
    let s = spread[d % 6];
    let v = if r == 1 {
        centre + s
    } else {
        centre + s.signum() * (s.abs() / 2)
    };
    v.clamp(1, 9) as u8
}

impl App {
    /// Seeds the demo exercise and roadmap once (after `ensure_demo_users`); returns whether it
    /// did.
    pub async fn ensure_demo_cycle(&self) -> Result<bool> {
        if self
            .store
            .read()
            .await?
            .exercises()
            .await?
            .iter()
            .any(|e| e.title == DEMO_EXERCISE)
        {
            return Ok(false);
        }
        let analyst = self.principal_by_email("analyst@demo").await?;
        let analysis = self.analysis(&analyst).await?;
        let top: Vec<String> = analysis
            .priorities
            .iter()
            .filter(|p| p.score > 0)
            .take(6)
            .map(|p| p.stage.clone())
            .collect();
        if top.is_empty() {
            return Ok(false);
        }
        let rule = pathways_analysis::consensus::Rule::default();
        let e = self
            .build_exercise(&analyst, DEMO_EXERCISE, &[], &top, rule, false, true)
            .await?;
        let b: ExerciseBody =
            serde_json::from_value(e.body.clone()).map_err(|err| AppError::Internal(err.to_string()))?;
        let id = e.id.clone();

        let mut delegates = vec![];
        for econ in &self.vocab.economies {
            let email = format!("fp-{}@demo", econ.code.to_ascii_lowercase());
            self.invite_to_exercise(&analyst, &id, &email, "delegate").await?;
            delegates.push(self.principal_by_email(&email).await?);
        }
        self.invite_to_exercise(&analyst, &id, "viewer@demo", "observer")
            .await?;
        let items: Vec<String> = b.items.iter().map(|i| i.id.clone()).collect();
        for round in 1..=2 {
            let current = self.exercise(&analyst, &id).await?;
            let e = self.open_exercise_round(&analyst, &id, current.version).await?;
            let open: Vec<String> = self
                .exercise(&analyst, &id)
                .await?
                .items
                .iter()
                .filter(|i| i.outcome.is_none())
                .map(|i| i.id.clone())
                .collect();
            for (d, who) in delegates.iter().enumerate() {
                let ratings: Vec<Rating> = open
                    .iter()
                    .map(|item| {
                        let i = items.iter().position(|x| x == item).unwrap_or(0);
                        let rating = sample(i, items.len(), d, round);
                        Rating {
                            item: item.clone(),
                            rating,
                            stance: if rating >= 7 { "agree" } else { "disagree" }.into(),
                            amendment: String::new(),
                            comment: if d == 0 && round == 1 {
                                "Sample comment from the demo panel.".into()
                            } else {
                                String::new()
                            },
                        }
                    })
                    .collect();
                self.rate_items(who, &id, &ratings).await?;
            }
            let e = self.close_exercise_round(&analyst, &id, e.version).await?;
            if e.status == ExerciseStatus::Closed {
                break;
            }
        }
        let current = self.exercise(&analyst, &id).await?;
        if current.status != ExerciseStatus::Closed {
            self.close_exercise(&analyst, &id, current.version).await?;
        }

        // The draft roadmap: for each validated priority, a regional action from the first
        // intervention answering it, and the same intervention for every economy with a lead.
        let catalogue = self.catalogue()?;
        let validated: Vec<String> = self
            .exercise(&analyst, &id)
            .await?
            .items
            .iter()
            .filter(|i| i.outcome == Some(Outcome::Validated))
            .map(|i| i.reference.clone())
            .collect();
        let start = crate::roadmap::add_months(&crate::today(), 1);
        let mut used = vec![];
        for stage in &validated {
            let Some(it) = catalogue
                .iter()
                .find(|i| i.answers.first() == Some(stage) && !used.contains(&i.id))
                .or_else(|| {
                    catalogue
                        .iter()
                        .find(|i| i.answers.contains(stage) && !used.contains(&i.id))
                })
            else {
                continue;
            };
            used.push(it.id.clone());
            let scopes: Vec<String> = std::iter::once(REGION.to_string())
                .chain(self.vocab.economies.iter().map(|e| e.code.clone()))
                .collect();
            for scope in scopes {
                let mut action = self.draft_preview(&analyst, &it.id, &scope, &start).await?;
                if scope != REGION && action.lead.is_none() {
                    continue;
                }
                action.demo = true;
                let body = serde_json::to_value(&action).map_err(|err| AppError::Internal(err.to_string()))?;
                self.create_action(&analyst, body).await?;
            }
        }
        // One progress report, by a focal point on their economy's first action.
        let fp = self.principal_by_email("fp-rs@demo").await?;
        if let Some(a) = self
            .roadmap(&analyst)
            .await?
            .into_iter()
            .find(|a| a.action.scope == "RS")
        {
            let first = a.action.milestones.first().map(|m| m.title.clone());
            self.report_progress(
                &fp,
                &a.id,
                a.version,
                ProgressUpdate {
                    status: "limited".into(),
                    note: "Demo: working group set up and a first draft circulated.".into(),
                    evidence: "Demo evidence: minutes of the working group (sample)".into(),
                    milestones_done: first.into_iter().collect(),
                    actuals: vec![],
                },
            )
            .await?;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::sample;

    #[test]
    fn sample_ratings_stay_on_the_scale_and_converge() {
        for n in 1..8 {
            for i in 0..n {
                let r1: Vec<u8> = (0..6).map(|d| sample(i, n, d, 1)).collect();
                let r2: Vec<u8> = (0..6).map(|d| sample(i, n, d, 2)).collect();
                assert!(r1.iter().chain(&r2).all(|v| (1..=9).contains(v)));
                let range = |v: &[u8]| v.iter().max().unwrap_or(&0) - v.iter().min().unwrap_or(&0);
                assert!(range(&r2) <= range(&r1));
            }
        }
    }
}
