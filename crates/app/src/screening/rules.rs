//! An economy's screening rules as its case officers set them: which checks run, for which
//! pathways, with which threshold. Each save is a new version of the economy's own rules (the
//! checks it leaves out follow the regional rule), saved against the version the officer edited,
//! audited with the rules before and after and the officer's reason, and the economy's open cases
//! are checked again under it. Every check result carries the version that produced it.

use pathways_domain::checks::{CheckCode, Rule, Rules};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Problem, Role};
use pathways_storage::{OpenBy, StoredRuleSet};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::checks::in_force;
use crate::map::records::audit;
use crate::{App, AppError, Result};

/// One check as an economy runs it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub check: CheckCode,
    /// False when the economy has switched the check off.
    pub applies: bool,
    /// The pathways the check is limited to; `None`: every pathway.
    pub pathways: Option<Vec<String>>,
    pub threshold: Option<f64>,
    /// What the threshold counts, for the checks that have one.
    pub threshold_means: Option<&'static str>,
    /// The version its results are stored with (`RS:v2`, or the regional `*:…`).
    pub version: String,
    /// The economy's own rule (else the regional one).
    pub own: bool,
}

/// An economy's rules in force and every version it saved.
#[derive(Debug, Clone, Serialize)]
pub struct EconomyRules {
    pub economy: String,
    /// The newest saved version (0: the economy runs the shipped rules).
    pub version: i64,
    pub rules: Vec<RuleView>,
    /// The saved versions, the newest first.
    pub history: Vec<StoredRuleSet>,
    /// Open cases checked again by this save (0 when only read).
    pub rechecked: usize,
    /// The economy's pathways a rule may be limited to: id and name.
    pub pathway_choices: Vec<(String, String)>,
}

/// One of the economy's own rules as an officer sets it.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleInput {
    pub check: String,
    #[serde(default = "yes")]
    pub applies: bool,
    /// `None` or empty: every pathway.
    #[serde(default)]
    pub pathways: Option<Vec<String>>,
    #[serde(default)]
    pub threshold: Option<f64>,
}

fn yes() -> bool {
    true
}

/// A save: the economy's own rules, the version they were edited from, and why.
#[derive(Debug, Clone, Deserialize)]
pub struct RulesInput {
    pub version: i64,
    pub rules: Vec<RuleInput>,
    #[serde(default)]
    pub note: String,
}

fn problem(i: usize, field: &str, message: String) -> Problem {
    Problem {
        file: "rules".into(),
        line: Some(i as u64 + 1),
        field: Some(field.into()),
        message,
    }
}

/// The economy's own rules from what the officer set, every problem named by rule and field.
fn own_rules(economy: &str, version: &str, input: &[RuleInput], pathways: &[String]) -> Result<Vec<Rule>> {
    let mut problems = vec![];
    let mut out: Vec<Rule> = vec![];
    for (i, r) in input.iter().enumerate() {
        let check = match r.check.parse::<CheckCode>() {
            Ok(c) => c,
            Err(e) => {
                problems.push(problem(i, "check", e.to_string()));
                continue;
            }
        };
        if out.iter().any(|x| x.check == check) {
            problems.push(problem(i, "check", format!("a second rule for {}", check.as_str())));
        }
        let threshold = match (check.threshold(), r.threshold) {
            (None, Some(_)) => {
                problems.push(problem(
                    i,
                    "threshold",
                    format!("{} takes no threshold", check.as_str()),
                ));
                None
            }
            (Some(means), Some(t)) if !t.is_finite() || t < 0.0 => {
                problems.push(problem(
                    i,
                    "threshold",
                    format!("{t} is not a number of {means} (zero or more)"),
                ));
                None
            }
            (Some(means), None) if r.applies => {
                problems.push(problem(i, "threshold", format!("give the {means}")));
                None
            }
            (_, t) => t,
        };
        let chosen = r.pathways.clone().unwrap_or_default();
        for p in chosen.iter().filter(|p| !pathways.contains(p)) {
            problems.push(problem(i, "pathways", format!("`{p}` is not a pathway of {economy}")));
        }
        out.push(Rule {
            economy: economy.to_string(),
            check,
            pathways: if !r.applies {
                Some(vec![])
            } else if chosen.is_empty() {
                None
            } else {
                Some(chosen)
            },
            threshold,
            version: version.to_string(),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Invalid(problems))
    }
}

fn views(rules: &Rules, economy: &str) -> Vec<RuleView> {
    rules
        .of_economy(economy)
        .into_iter()
        .map(|(r, own)| RuleView {
            check: r.check,
            applies: r.pathways.as_ref().is_none_or(|p| !p.is_empty()),
            pathways: r.pathways.clone().filter(|p| !p.is_empty()),
            threshold: r.threshold,
            threshold_means: r.check.threshold(),
            version: r.stamp(),
            own,
        })
        .collect()
}

impl App {
    /// The economy's pathways in the map: id and name.
    pub(super) async fn pathway_choices(&self, economy: &str) -> Result<Vec<(String, String)>> {
        let records = self
            .store
            .read()
            .await?
            .records(&pathways_storage::RecordQuery {
                kind: "pathway".into(),
                owner: Some(economy.to_string()),
                ..Default::default()
            })
            .await?;
        Ok(records
            .into_iter()
            .map(|r| {
                let name = r.body["name"].as_str().unwrap_or(&r.id).to_string();
                (r.id, name)
            })
            .collect())
    }

    /// The economy asked for, when `p` may read (or, with `write`, set) its rules.
    fn rules_scope(&self, p: &Principal, economy: &str, write: bool) -> Result<String> {
        let economy = economy.trim().to_ascii_uppercase();
        let officer = p.may(Action::Screen, Some(&economy));
        if !officer && (write || !matches!(p.role, Role::Analyst | Role::Admin)) {
            return Err(AppError::Forbidden(if write {
                say("refuse-set-rules", &[("economy", &economy)])
            } else {
                say("refuse-read-rules", &[])
            }));
        }
        if self.vocab().economy(&economy).is_none() {
            return Err(AppError::invalid(
                "economy",
                say("not-economy-param", &[("value", &economy)]),
            ));
        }
        Ok(economy)
    }

    /// Whether `p` may set the economy's rules (asked before a body is read): the economy's code.
    pub fn may_set_screening_rules(&self, p: &Principal, economy: &str) -> Result<String> {
        self.rules_scope(p, economy, true)
    }

    /// An economy's rules in force and their versions: for its case officers, analysts and admins
    /// (rules hold no one's data).
    pub async fn screening_rules(&self, p: &Principal, economy: &str) -> Result<EconomyRules> {
        let economy = self.rules_scope(p, economy, false)?;
        let mut tx = self.store.read().await?;
        let rules = in_force(&mut tx, self).await?;
        let history = tx.rule_sets_of(&economy).await?;
        drop(tx);
        Ok(EconomyRules {
            rules: views(&rules, &economy),
            version: history.first().map_or(0, |h| h.version),
            history,
            pathway_choices: self.pathway_choices(&economy).await?,
            economy,
            rechecked: 0,
        })
    }

    /// Saves the economy's own rules as its next version, if `input.version` is still the newest;
    /// its open cases are checked again under them.
    pub async fn set_screening_rules(&self, p: &Principal, economy: &str, input: RulesInput) -> Result<EconomyRules> {
        let economy = self.rules_scope(p, economy, true)?;
        let note = input.note.trim();
        if note.is_empty() {
            return Err(AppError::invalid("note", say("rules-note-required", &[])));
        }
        let choices = self.pathway_choices(&economy).await?;
        let pathways: Vec<String> = choices.iter().map(|(id, _)| id.clone()).collect();
        let version = input.version + 1;
        let own = own_rules(&economy, &format!("v{version}"), &input.rules, &pathways)?;
        let mut tx = self.store.write().await?;
        let before = tx.rule_sets_of(&economy).await?;
        let current = before.first().map_or(0, |s| s.version);
        if current != input.version {
            return Err(AppError::invalid(
                "version",
                say(
                    "rules-changed",
                    &[
                        ("economy", &economy),
                        ("yours", &input.version.to_string()),
                        ("current", &current.to_string()),
                    ],
                ),
            ));
        }
        let set = StoredRuleSet {
            economy: economy.clone(),
            version,
            rules: Rules::to_csv(&own),
            note: note.to_string(),
            set_by: p.email.clone(),
            set_at: pathways_storage::now(),
        };
        if !tx.insert_rule_set(&set).await? {
            return Err(AppError::invalid(
                "version",
                say(
                    "rules-saved-meanwhile",
                    &[("version", &version.to_string()), ("economy", &economy)],
                ),
            ));
        }
        let rechecked = self.recheck_open(&mut tx, OpenBy::Economy, &economy).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            version: Some(version),
            before: before.first().map(|s| json!({"rules": s.rules})),
            after: Some(json!({"rules": set.rules, "rechecked": rechecked})),
            note: Some(set.note.clone()),
            ..audit(p, "screening.rules", "rules", &economy, Some(&economy))
        })
        .await?;
        let rules = in_force(&mut tx, self).await?;
        let history = tx.rule_sets_of(&economy).await?;
        tx.commit().await?;
        Ok(EconomyRules {
            rules: views(&rules, &economy),
            version,
            history,
            pathway_choices: choices,
            economy,
            rechecked,
        })
    }
}
