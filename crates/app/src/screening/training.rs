//! The linkage parameters an economy scores with, learnt from its officers' decisions: on request
//! (`pathways link train` or the button on the review page), m is re-estimated from the pairs
//! confirmed the same person and u from random pairs of the economy's index; a fifth of the
//! decided pairs (same and different) is held back, and both the parameters in use and the new
//! ones are scored on it, so the officer sees before and after. Every version is kept; one is in
//! use, and any earlier one (or the shipped one, version 0) can be put back.

use pathways_domain::identity::{FieldComparison, LinkState};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Role};
use pathways_linkage::index::Params;
use pathways_storage::StoredParams;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::map::records::audit;
use crate::{App, AppError, Result};

/// Confirmed pairs needed before m is re-estimated.
pub const MIN_SAME: usize = 5;

/// Random pairs of the index drawn to re-estimate u (fewer in a small index).
const U_PAIRS: usize = 1_000_000;

/// How many pairs' worth the current m counts for against the confirmed pairs.
const STRENGTH: f64 = 10.0;

/// How parameters classify the held-back decided pairs at the review threshold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Pairs called the same person that officers confirmed, of all called the same.
    pub precision: f64,
    /// Confirmed pairs called the same person, of all confirmed.
    pub recall: f64,
    pub f1: f64,
}

/// Before and after, on the held-back pairs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Decided pairs used to learn (same / different).
    pub trained_same: usize,
    pub trained_different: usize,
    /// Decided pairs held back to compare (same / different).
    pub held_same: usize,
    pub held_different: usize,
    pub threshold: f64,
    pub before_version: i64,
    pub before: Scores,
    pub after: Scores,
}

/// An economy's parameter versions and the one in use.
#[derive(Debug, Clone, Serialize)]
pub struct ParamVersions {
    pub economy: String,
    pub in_use: i64,
    pub versions: Vec<StoredParams>,
}

fn scores(params: &Params, pairs: &[(Vec<String>, bool)], records: usize, threshold: f64) -> Scores {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (levels, same) in pairs {
        let called = params.probability_of(levels, records) >= threshold;
        match (called, *same) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            (false, false) => {}
        }
    }
    let (precision, recall, f1) = pathways_linkage::precision_recall_f1(tp, fp, fn_);
    Scores { precision, recall, f1 }
}

/// Whether a decided pair is held back: a fixed fifth, by its id, so that the same pairs are
/// held back every time.
fn held_back(id: &str) -> bool {
    pathways_linkage::hash(id.as_bytes()).is_multiple_of(5)
}

impl App {
    fn may_train(p: &Principal, economy: &str) -> Result<()> {
        if p.may(Action::Screen, Some(economy)) || p.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden(say("refuse-train", &[])))
        }
    }

    /// Re-estimates an economy's parameters from its decided pairs and puts the new version in
    /// use (see the module's doc).
    pub async fn train_linkage(&self, p: &Principal, economy: &str) -> Result<(StoredParams, Evaluation)> {
        Self::may_train(p, economy)?;
        let mut tx = self.store.write().await?;
        let threshold = super::persons::review_threshold(self, &mut tx, economy).await?;
        let mut decided = vec![];
        for state in [LinkState::Same, LinkState::Different] {
            decided.extend(tx.links(economy, &[state], i64::MAX).await?);
        }
        let mut held = self.hold_persons(&mut tx, economy).await?;
        let e = held.economy()?;
        let levels = |comparison: &str| -> Vec<String> {
            let c: Vec<FieldComparison> = serde_json::from_str(comparison).unwrap_or_default();
            e.params
                .fields
                .iter()
                .map(|f| {
                    c.iter()
                        .find(|x| x.field == f.name)
                        .map_or_else(|| "null".to_string(), |x| x.level.clone())
                })
                .collect()
        };
        let (mut train, mut test) = (vec![], vec![]);
        for l in &decided {
            let pair = (levels(&l.comparison), l.state == LinkState::Same);
            if held_back(&l.id) {
                test.push(pair)
            } else {
                train.push(pair)
            }
        }
        let same: Vec<Vec<String>> = train.iter().filter(|(_, s)| *s).map(|(l, _)| l.clone()).collect();
        if same.len() < MIN_SAME {
            return Err(AppError::invalid(
                "pairs",
                say(
                    "too-few-pairs",
                    &[("count", &same.len().to_string()), ("min", &MIN_SAME.to_string())],
                ),
            ));
        }
        let records = e.index.len();
        let pairs = U_PAIRS.min(records.saturating_mul(records));
        let u = e.index.estimate_u(pairs, 42);
        let sampled = if u.is_some() { pairs } else { 0 };
        let before_version = e.version;
        let new = e.params.retrained(&same, u, STRENGTH);
        let count = |v: &[(Vec<String>, bool)], s: bool| v.iter().filter(|(_, x)| *x == s).count();
        let evaluation = Evaluation {
            trained_same: count(&train, true),
            trained_different: count(&train, false),
            held_same: count(&test, true),
            held_different: count(&test, false),
            threshold,
            before_version,
            before: scores(&e.params, &test, records, threshold),
            after: scores(&new, &test, records, threshold),
        };
        let version = tx.params_of(economy).await?.first().map_or(0, |v| v.version) + 1;
        let stored = StoredParams {
            economy: economy.to_string(),
            version,
            params: to_json(&new)?,
            evaluation: to_json(&evaluation)?,
            note: format!(
                "re-estimated from {} confirmed pairs and {} random pairs of {records} records",
                same.len(),
                sampled
            ),
            created_by: p.email.clone(),
            created_at: pathways_storage::now(),
        };
        tx.insert_params(&stored).await?;
        tx.use_params(economy, version, &p.email).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"version": version, "before_version": before_version,
                "before_f1": evaluation.before.f1, "after_f1": evaluation.after.f1})),
            ..audit(p, "linkage.train", "economy", economy, Some(economy))
        })
        .await?;
        tx.commit().await?;
        held.economy()?.use_params(new, version);
        held.commit();
        Ok((stored, evaluation))
    }

    /// Puts an earlier version of an economy's parameters back in use (0: the shipped ones).
    pub async fn use_linkage_params(&self, p: &Principal, economy: &str, version: i64) -> Result<()> {
        Self::may_train(p, economy)?;
        let mut tx = self.store.write().await?;
        let params = if version == 0 {
            Params::default_worker().map_err(|e| AppError::Internal(e.to_string()))?
        } else {
            let v = tx.params_of(economy).await?.into_iter().find(|v| v.version == version);
            let v = v.ok_or_else(|| {
                AppError::invalid(
                    "version",
                    say(
                        "no-parameter-version",
                        &[("economy", economy), ("version", &version.to_string())],
                    ),
                )
            })?;
            serde_json::from_str(&v.params).map_err(|e| AppError::Internal(format!("parameters v{version}: {e}")))?
        };
        let mut held = self.hold_persons(&mut tx, economy).await?;
        let before = held.economy()?.version;
        tx.use_params(economy, version, &p.email).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            before: Some(json!({"version": before})),
            after: Some(json!({"version": version})),
            ..audit(p, "linkage.use", "economy", economy, Some(economy))
        })
        .await?;
        tx.commit().await?;
        held.economy()?.use_params(params, version);
        held.commit();
        Ok(())
    }

    /// An economy's parameter versions, the newest first, and the one in use.
    pub async fn linkage_params(&self, p: &Principal, economy: &str) -> Result<ParamVersions> {
        Self::may_train(p, economy)?;
        let mut tx = self.store.read().await?;
        Ok(ParamVersions {
            economy: economy.to_string(),
            in_use: tx.params_in_use(economy).await?.map_or(0, |v| v.version),
            versions: tx.params_of(economy).await?,
        })
    }
}

/// What a version stores, as JSON text.
fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| AppError::Internal(e.to_string()))
}
