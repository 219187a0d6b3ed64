//! The linkage pipeline: block, compare, estimate, score, and (optionally) keep each record's best
//! partner only. Both modes share it: link (two registers) and dedupe (one register).

use rayon::prelude::*;
use serde::Serialize;

use crate::LinkError;
use crate::block::{Blocked, block, keys, training_counts};
use crate::compare::{Comparator, get};
use crate::config::Config;
use crate::frequency::term_frequencies;
use crate::model::{Model, TrainingSet, probability, train};
use crate::prepare::Records;

/// A scored pair above the threshold.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub left: u32,
    pub right: u32,
    pub weight: f64,
    pub probability: f64,
    /// Each field's level and weight contribution.
    pub levels: u64,
    pub contributions: Vec<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleReport {
    pub name: String,
    /// The largest block this rule compares.
    pub max_block: usize,
    pub pairs: u64,
    pub skipped_blocks: u64,
    pub skipped_pairs: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub left_records: usize,
    pub right_records: usize,
    pub rules: Vec<RuleReport>,
    pub candidates: u64,
    pub estimated_matches: f64,
    pub above_threshold: usize,
    pub model: Model,
    /// What each training rule contributed.
    pub training: Vec<crate::model::TrainingReport>,
    /// Seconds per stage, in order.
    pub stages: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub threshold: f64,
    pub one_to_one: bool,
}

/// The stages reported to a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Blocking,
    Estimating,
    Scoring,
}

/// Links `left` with `right`, or deduplicates `left` when `right` is `None`.
pub fn run(
    config: &Config,
    left: &Records,
    right: Option<&Records>,
    opts: Options,
    progress: &(dyn Fn(Stage) + Sync),
) -> Result<(Vec<Scored>, Summary), LinkError> {
    let dedupe = right.is_none();
    let r = right.unwrap_or(left);
    // Seconds spent per stage, for the summary (the caller decides whether to show them).
    let mut stages: Vec<(String, f64)> = vec![];
    let mut clock = std::time::Instant::now();
    let mut lap = |what: &str| {
        stages.push((what.to_string(), clock.elapsed().as_secs_f64()));
        clock = std::time::Instant::now();
    };
    progress(Stage::Blocking);
    let bits = crate::block::index_bits(left.len().max(r.len()));
    let lk = keys(config, &config.blocking, left, bits);
    let rk = if dedupe {
        None
    } else {
        Some(keys(config, &config.blocking, r, bits))
    };
    lap("blocking keys");
    let tf = term_frequencies(config, left, right);
    lap("term frequencies");
    let cmp = Comparator::new(config, left, r, &tf);
    lap("comparison rows");
    // A training rule with the same keys and block limit as a blocking rule finds the same pairs:
    // their pattern counts are taken while blocking rather than by comparing them again.
    let twin: Vec<Option<usize>> = config
        .training
        .iter()
        .map(|t| {
            config
                .blocking
                .iter()
                .position(|b| b.keys == t.keys && b.max_block.unwrap_or(config.max_block) == config.max_block)
        })
        .collect();
    let count: Vec<bool> = (0..config.blocking.len())
        .map(|b| config.training.is_empty() || twin.contains(&Some(b)))
        .collect();
    let Blocked {
        pairs,
        training,
        per_rule,
        skipped,
    } = block(
        config,
        lk,
        rk,
        bits,
        &|i, j| cmp.pattern(i as usize, j as usize),
        &|i, j| cmp.prefetch(i as usize, j as usize),
        &count,
    )?;
    lap("blocking and comparing");
    // Dedicated training rules, when configured, replace the blocking rules' pairs for training.
    let (training, training_rules) = if config.training.is_empty() {
        let scales = vec![1.0; training.len()];
        ((training, scales), config.blocking.clone())
    } else {
        let own: Vec<crate::config::BlockingRule> = config
            .training
            .iter()
            .zip(&twin)
            .filter(|(_, t)| t.is_none())
            .map(|(rule, _)| rule.clone())
            .collect();
        let mut lt = keys(config, &own, left, bits).into_iter();
        let mut rt = if dedupe {
            None
        } else {
            Some(keys(config, &own, r, bits).into_iter())
        };
        let counts = twin
            .iter()
            .map(|t| match t {
                Some(b) => (training.get(*b).cloned().unwrap_or_default(), 1.0),
                None => training_counts(
                    config,
                    lt.next().unwrap_or_default(),
                    rt.as_mut().and_then(Iterator::next),
                    bits,
                    &|i, j| cmp.pattern(i as usize, j as usize),
                    &|i, j| cmp.prefetch(i as usize, j as usize),
                    config.training_pairs,
                ),
            })
            .unzip();
        (counts, config.training.clone())
    };
    let (training, scales): (Vec<_>, Vec<f64>) = training;
    progress(Stage::Estimating);
    lap("training pairs");
    let training = train(
        config,
        &cmp,
        &TrainingSet {
            rules: &training_rules,
            counts: &training,
            scales: &scales,
        },
        &pairs,
        dedupe,
        &tf,
    )?;
    lap("estimating parameters");
    progress(Stage::Scoring);
    let model = training.model;
    let threshold_weight = if opts.threshold >= 1.0 {
        f64::INFINITY
    } else {
        (opts.threshold / (1.0 - opts.threshold)).log2()
    };
    let mut scored: Vec<Scored> = pairs
        .par_iter()
        .filter_map(|c| {
            if model.weight(c.left as usize, c.pattern) < threshold_weight {
                return None;
            }
            let (w, parts) = model.score(c.left as usize, c.pattern);
            Some(Scored {
                left: c.left,
                right: c.right,
                weight: w,
                probability: probability(w),
                levels: c.pattern,
                contributions: parts,
            })
        })
        .collect();
    lap("scoring");
    if opts.one_to_one {
        scored = one_to_one(scored, left.len(), r.len());
    }
    scored.par_sort_unstable_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    lap("pairing and sorting");
    let summary = Summary {
        left_records: left.len(),
        right_records: if dedupe { 0 } else { r.len() },
        rules: config
            .blocking
            .iter()
            .zip(per_rule.iter().zip(&skipped))
            .map(|(rule, (n, (sb, sp)))| RuleReport {
                name: rule.name.clone(),
                max_block: rule.max_block.unwrap_or(config.max_block),
                pairs: *n,
                skipped_blocks: *sb,
                skipped_pairs: *sp,
            })
            .collect(),
        candidates: pairs.len() as u64,
        estimated_matches: training.estimated_matches,
        above_threshold: scored.len(),
        model,
        training: training.rules,
        stages,
    };
    Ok((scored, summary))
}

/// Keeps, greedily from the strongest, pairs whose records are both still unpaired.
pub fn one_to_one(mut pairs: Vec<Scored>, nl: usize, nr: usize) -> Vec<Scored> {
    pairs.par_sort_unstable_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    let (mut ul, mut ur) = (vec![false; nl], vec![false; nr]);
    pairs.retain(|p| {
        let (i, j) = (p.left as usize, p.right as usize);
        if ul[i] || ur[j] {
            return false;
        }
        ul[i] = true;
        ur[j] = true;
        true
    });
    pairs
}

/// The explanation of a pair: each field's level name and contribution.
pub fn explain(model: &Model, s: &Scored) -> Vec<(String, String, f64)> {
    model
        .fields
        .iter()
        .enumerate()
        .map(|(k, f)| {
            (
                f.name.clone(),
                f.levels[get(s.levels, k) as usize].clone(),
                s.contributions[k],
            )
        })
        .collect()
}
