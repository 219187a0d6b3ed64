//! Screening in figures, never in persons: the per-Country-of-Origin dashboard (requests sent,
//! open, overdue, the median days an answer takes, the share confirmed) and the quarterly figures
//! published as observations of the map, so that the analysis, the papers and the roadmap's
//! indicators can bind to them.
//!
//! Who sees what: a case officer sees their economy's requests per country, a liaison their
//! country's per economy, everyone else the totals per country with every count below
//! [`SMALL`] suppressed. Published figures count real cases only — the synthetic demo caseload is
//! never published — and leave out every count below [`SMALL`].

use std::collections::BTreeMap;

use pathways_domain::vocab::Vocabulary;
use pathways_domain::{Action, Kind, Principal, Role};
use pathways_storage::{AnswerDays, CountBy, RequestCounts, RequestsBy};
use serde::Serialize;
use serde_json::json;

use crate::map::records::fetch_live;
use crate::{App, AppError, Result};

/// Counts below this are suppressed wherever an analyst or the public sees them.
pub const SMALL: i64 = 5;

/// One row of the dashboard: the requests to a country (of one economy, or of all).
#[derive(Debug, Clone, Serialize)]
pub struct CooFigures {
    pub country: String,
    pub country_label: String,
    /// The economy the requests came from; `None` for all economies together.
    pub economy: Option<String>,
    /// `None` where suppressed (fewer than [`SMALL`]).
    pub sent: Option<i64>,
    pub open: Option<i64>,
    pub overdue: Option<i64>,
    pub answered: Option<i64>,
    pub median_answer_days: Option<f64>,
    /// Percent of the answers that confirmed.
    pub confirmed_share: Option<f64>,
}

/// What publishing the figures did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Published {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Figures left out because they count fewer than [`SMALL`].
    pub suppressed: usize,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    let x = if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    };
    Some((x * 10.0).round() / 10.0)
}

fn shown(n: i64, suppress: bool) -> Option<i64> {
    (!suppress || n >= SMALL).then_some(n)
}

/// The indicator each quarterly measure is published under.
const INDICATORS: &[(&str, &str)] = &[
    ("cases", "SCR_CASES"),
    ("refusals", "SCR_REFUSALS"),
    ("requests_sent", "SCR_VERIFICATIONS_SENT"),
    ("requests_answered", "SCR_VERIFICATIONS_ANSWERED"),
    ("requests_overdue", "SCR_VERIFICATIONS_OVERDUE"),
    ("absconding", "SCR_ABSCONDING"),
    ("agencies_failed", "SCR_AGENCIES_FAILED"),
];

/// The indicator a quarterly measure is published under: refusals with a reason under
/// `SCR_REFUSED_<REASON>`, one indicator per reason a refusal may give.
fn indicator_of(measure: &str) -> Option<String> {
    match measure.strip_prefix("refused:") {
        Some(reason) => Some(format!("SCR_REFUSED_{}", reason.to_ascii_uppercase())),
        None => INDICATORS
            .iter()
            .find(|(m, _)| *m == measure)
            .map(|(_, i)| (*i).to_string()),
    }
}

impl App {
    /// The per-CoO dashboard as `p` may see it.
    pub async fn coo_dashboard(&self, p: &Principal) -> Result<Vec<CooFigures>> {
        let scope_code = p.economy.clone().unwrap_or_default();
        let (scope, per_economy, suppress) = match p.role {
            Role::CaseOfficer if p.may(Action::Screen, Some(&scope_code)) => {
                (Some((RequestsBy::Economy, scope_code.as_str())), true, false)
            }
            Role::CooLiaison if p.may(Action::Verify, Some(&scope_code)) => {
                (Some((RequestsBy::Country, scope_code.as_str())), true, false)
            }
            _ => (None, false, true),
        };
        let today = crate::today();
        let mut tx = self.store.read().await?;
        let counts = tx.request_counts(scope, &today).await?;
        let days = tx.answer_days(scope, true).await?;
        drop(tx);
        let key = |economy: &str, country: &str| {
            if per_economy {
                (economy.to_string(), country.to_string())
            } else {
                (String::new(), country.to_string())
            }
        };
        let mut rows: BTreeMap<(String, String), (RequestCounts, Vec<f64>)> = BTreeMap::new();
        for c in counts {
            let e = rows.entry(key(&c.economy, &c.country)).or_default();
            e.0.sent += c.sent;
            e.0.open += c.open;
            e.0.overdue += c.overdue;
            e.0.answered += c.answered;
            e.0.confirmed += c.confirmed;
        }
        for AnswerDays {
            economy, country, days, ..
        } in days
        {
            rows.entry(key(&economy, &country)).or_default().1.push(days);
        }
        Ok(rows
            .into_iter()
            .map(|((economy, country), (c, days))| {
                let hide = suppress && c.sent < SMALL;
                let answers_enough = !suppress || days.len() as i64 >= SMALL;
                CooFigures {
                    country_label: Vocabulary::label(&self.vocab().countries, &country).to_string(),
                    country,
                    economy: (!economy.is_empty()).then_some(economy),
                    sent: shown(c.sent, suppress),
                    open: if hide { None } else { shown(c.open, suppress) },
                    overdue: if hide { None } else { shown(c.overdue, suppress) },
                    answered: if hide { None } else { shown(c.answered, suppress) },
                    median_answer_days: if answers_enough { median(days) } else { None },
                    confirmed_share: (c.answered > 0 && (!suppress || c.answered >= SMALL))
                        .then(|| (c.confirmed as f64 * 1000.0 / c.answered as f64).round() / 10.0),
                }
            })
            .collect())
    }

    /// Publishes the quarterly screening figures of real cases as observations (created, or
    /// updated where published before), leaving out every count below [`SMALL`]. Analysts and
    /// admins.
    pub async fn publish_screening_figures(&self, p: &Principal) -> Result<Published> {
        if !matches!(p.role, Role::Analyst | Role::Admin) {
            return Err(AppError::Forbidden(pathways_domain::wording::say(
                "refuse-publish-figures",
                &[],
            )));
        }
        let today = crate::today();
        let mut tx = self.store.write().await?;
        let counts = tx.quarter_counts(false, &today, CountBy::Nationality).await?;
        let by_pathway = tx.quarter_counts(false, &today, CountBy::Pathway).await?;
        let days = tx.answer_days(None, false).await?;
        // Per economy, quarter, indicator, nationality and pathway: by nationality (every
        // pathway), the total over nationalities, and by pathway (every nationality).
        let mut figures: BTreeMap<(String, String, String, String, String), f64> = BTreeMap::new();
        let total = || pathways_domain::entity::TOTAL.to_string();
        let mut report = Published::default();
        for c in counts {
            let Some(indicator) = indicator_of(&c.measure) else {
                continue;
            };
            *figures
                .entry((
                    c.economy.clone(),
                    c.quarter.clone(),
                    indicator.clone(),
                    total(),
                    total(),
                ))
                .or_default() += c.n as f64;
            figures.insert((c.economy, c.quarter, indicator, c.country, total()), c.n as f64);
        }
        for c in by_pathway.into_iter().filter(|c| !c.country.is_empty()) {
            let Some(indicator) = indicator_of(&c.measure) else {
                continue;
            };
            figures.insert((c.economy, c.quarter, indicator, total(), c.country), c.n as f64);
        }
        let mut answers: BTreeMap<(String, String, String), Vec<f64>> = BTreeMap::new();
        for d in days {
            answers
                .entry((d.economy.clone(), d.quarter.clone(), d.country))
                .or_default()
                .push(d.days);
            answers
                .entry((d.economy, d.quarter, pathways_domain::entity::TOTAL.into()))
                .or_default()
                .push(d.days);
        }
        let mut medians = vec![];
        for ((economy, quarter, country), v) in answers {
            if (v.len() as i64) < SMALL {
                report.suppressed += 1;
            } else if let Some(m) = median(v) {
                medians.push((
                    (economy, quarter, "SCR_COO_ANSWER_DAYS".to_string(), country, total()),
                    m,
                ));
            }
        }
        let all = figures
            .into_iter()
            .filter(|(_, n)| {
                let keep = *n >= SMALL as f64;
                if !keep {
                    report.suppressed += 1;
                }
                keep
            })
            .chain(medians);
        for ((economy, quarter, indicator, country, pathway), value) in all {
            let name = self
                .vocab()
                .economy(&economy)
                .map_or_else(|| economy.clone(), |e| e.name.clone());
            let body = json!({
                "economy": economy,
                "indicator": indicator,
                "period": quarter,
                "citizenship": country,
                "sector": pathways_domain::entity::TOTAL,
                "sex": pathways_domain::entity::TOTAL,
                "pathway": pathway,
                "value": value,
                "note": "Computed from the screening register; counts below 5 are not published.",
                "provenance": {
                    "source": format!("Screening register of {name} (Pathways), computed on {today}"),
                    "date": today,
                    "confidence": "high",
                },
            });
            let by = if pathway == pathways_domain::entity::TOTAL {
                country
            } else {
                pathway
            };
            let id = format!("scr-{economy}-{indicator}-{quarter}-{by}")
                .to_lowercase()
                .replace('_', "-");
            match fetch_live(&mut tx, Kind::Observation, &id).await {
                Ok(current) => {
                    let before = current.body.clone();
                    let patch = body.as_object().cloned().unwrap_or_default();
                    let after = self
                        .update_in(&mut tx, p, Kind::Observation, &id, current.version, patch)
                        .await?;
                    if after.body == before {
                        report.unchanged += 1;
                    } else {
                        report.updated += 1;
                    }
                }
                Err(AppError::NotFound { .. }) => {
                    let mut body = body;
                    body["id"] = json!(id);
                    self.create_in(&mut tx, p, Kind::Observation, body, "import").await?;
                    report.created += 1;
                }
                Err(e) => return Err(e),
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_reason_a_refusal_may_give_has_its_published_indicator() {
        let (_, data) = crate::read_dataset(None).unwrap();
        let reasons = crate::screening::decisions::shipped_reasons().unwrap();
        let refusing: Vec<_> = reasons
            .iter()
            .filter(|r| r.decisions.contains(&pathways_domain::screening::CaseDecision::Refuse))
            .collect();
        assert!(refusing.len() >= 5);
        for r in refusing {
            let code = super::indicator_of(&format!("refused:{}", r.code)).unwrap();
            let ind = data.vocab.indicators.iter().find(|i| i.code == code);
            assert!(ind.is_some_and(|i| i.definition.contains(&r.label)), "{code}");
        }
        for (measure, code) in super::INDICATORS {
            assert_eq!(super::indicator_of(measure).as_deref(), Some(*code));
            assert!(data.vocab.indicators.iter().any(|i| i.code == *code), "{code}");
        }
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(super::median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(super::median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(super::median(vec![]), None);
    }
}
