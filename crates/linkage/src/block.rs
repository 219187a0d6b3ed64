//! Blocking: which pairs are compared at all. Each rule is a list of keys; records with equal keys
//! on every part are candidates. Rules are applied in order and a pair is produced by the first
//! rule that finds it only, so that every candidate is compared once and each rule's count says
//! what it added.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{BlockingRule, Config};
use crate::prepare::{Column, Records};
use crate::{LinkError, hash};

/// The key of one record for one rule; `None` when a part is missing (the record is not blocked
/// by this rule).
fn key(config: &Config, rule: &BlockingRule, r: &Records, i: usize) -> Option<u64> {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for k in &rule.keys {
        let (field, part) = k.split_once('.')?;
        let idx = config.fields.iter().position(|f| f.name == field)?;
        let v: u64 = match &r.columns[idx] {
            Column::Name(c) => {
                let n = &c[i];
                let s = match part {
                    "sorted" => n.key(),
                    "phonetic" => n.phonetic(),
                    "initials" => n.initials(),
                    "surname_phonetic" => n.surname_phonetic(),
                    _ => n.given_phonetic(),
                };
                if s.is_empty() {
                    return None;
                }
                hash(s.as_bytes())
            }
            Column::Date(c) => {
                let d = c[i]?;
                match part {
                    "ymd" => (d.y as u64) << 16 | (d.m as u64) << 8 | d.d as u64,
                    "year" => d.y as u64,
                    _ => (d.m as u64) << 8 | d.d as u64 | 1 << 40,
                }
            }
            Column::Doc(c) => {
                let d = &c[i];
                let s = if part == "ocr" { &d.ocr } else { &d.value };
                if s.is_empty() {
                    return None;
                }
                hash(s.as_bytes())
            }
            Column::Cat(c) => {
                if c[i] == 0 {
                    return None;
                }
                c[i]
            }
            Column::Text(c) => {
                if c[i].is_empty() {
                    return None;
                }
                hash(c[i].as_bytes())
            }
        };
        h = (h ^ v).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    Some(h)
}

/// The keys of every record for every rule: `keys[rule][record]`.
pub fn keys(config: &Config, rules: &[BlockingRule], r: &Records) -> Vec<Vec<Option<u64>>> {
    rules
        .iter()
        .map(|rule| (0..r.len()).into_par_iter().map(|i| key(config, rule, r, i)).collect())
        .collect()
}

/// A block: the ranges of equal keys on the left and on the right of two sorted key lists.
pub type Run = (std::ops::Range<usize>, std::ops::Range<usize>);

/// The runs of keys present on both sides of two lists sorted by key (a merge join).
pub fn runs(left: &[(u64, u32)], right: &[(u64, u32)]) -> Vec<Run> {
    let mut out = vec![];
    let (mut a, mut b) = (0, 0);
    while a < left.len() && b < right.len() {
        let (ka, kb) = (left[a].0, right[b].0);
        if ka < kb {
            a += 1;
        } else if kb < ka {
            b += 1;
        } else {
            let ea = a + left[a..].iter().take_while(|x| x.0 == ka).count();
            let eb = b + right[b..].iter().take_while(|x| x.0 == kb).count();
            out.push((a..ea, b..eb));
            a = ea;
            b = eb;
        }
    }
    out
}

/// A candidate pair and its comparison pattern.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub left: u32,
    pub right: u32,
    pub pattern: u64,
}

/// What blocking produced.
#[derive(Debug, Clone, Default)]
pub struct Blocked {
    /// Candidate pairs; in dedupe mode `left < right` index the same register.
    pub pairs: Vec<Candidate>,
    /// Per rule, the pattern counts of *all* the pairs the rule finds (also those an earlier rule
    /// found): what the model is trained on, so that a rule's pairs are not a biased remainder.
    pub training: Vec<FxHashMap<u64, u64>>,
    /// Pairs produced per rule (in rule order).
    pub per_rule: Vec<u64>,
    /// Blocks skipped per rule for exceeding `max_block`, and the pairs they would have made.
    pub skipped: Vec<(u64, u64)>,
}

/// Produces the candidate pairs, comparing each with `pattern`. `right` is `None` in dedupe mode.
pub fn block(
    config: &Config,
    lk: &[Vec<Option<u64>>],
    rk: Option<&[Vec<Option<u64>>]>,
    pattern: &(dyn Fn(u32, u32) -> u64 + Sync),
    count_all: bool,
) -> Result<Blocked, LinkError> {
    if config.blocking.len() > 255 {
        return Err(LinkError::Config("at most 255 blocking rules".into()));
    }
    let dedupe = rk.is_none();
    let rk = rk.unwrap_or(lk);
    let mut out = Blocked::default();
    for (r, rule) in config.blocking.iter().enumerate() {
        let max_block = rule.max_block.unwrap_or(config.max_block);
        let sorted = |keys: &[Option<u64>]| {
            let mut v: Vec<(u64, u32)> = keys
                .iter()
                .enumerate()
                .filter_map(|(i, k)| k.map(|k| (k, i as u32)))
                .collect();
            v.par_sort_unstable();
            v
        };
        let left = sorted(&lk[r]);
        let right = if dedupe { left.clone() } else { sorted(&rk[r]) };
        // Matching runs of equal keys on both sides.
        let mut blocks: Vec<Run> = vec![];
        let mut skipped = (0u64, 0u64);
        for (ra, rb) in runs(&left, &right) {
            if ra.len() > max_block || rb.len() > max_block {
                skipped.0 += 1;
                skipped.1 += (ra.len() * rb.len()) as u64;
            } else {
                blocks.push((ra, rb));
            }
        }
        let earlier = |i: u32, j: u32| {
            (0..r).any(|q| matches!((lk[q][i as usize], rk[q][j as usize]), (Some(x), Some(y)) if x == y))
        };
        let (pairs, counts) = blocks
            .par_iter()
            .fold(
                || (Vec::new(), FxHashMap::<u64, u64>::default()),
                |(mut v, mut counts), (ra, rb)| {
                    for x in &left[ra.clone()] {
                        for y in &right[rb.clone()] {
                            let (i, j) = (x.1, y.1);
                            if dedupe && i >= j {
                                continue;
                            }
                            let new = !earlier(i, j);
                            // Pairs an earlier rule found are only compared again when this
                            // rule's pairs train the model.
                            if !new && !count_all {
                                continue;
                            }
                            let p = pattern(i, j);
                            if count_all {
                                *counts.entry(p).or_default() += 1;
                            }
                            if new {
                                v.push(Candidate {
                                    left: i,
                                    right: j,
                                    pattern: p,
                                });
                            }
                        }
                    }
                    (v, counts)
                },
            )
            .reduce(
                || (Vec::new(), FxHashMap::default()),
                |(mut va, mut ca), (vb, cb)| {
                    va.extend(vb);
                    for (k, n) in cb {
                        *ca.entry(k).or_default() += n;
                    }
                    (va, ca)
                },
            );
        out.training.push(counts);
        out.per_rule.push(pairs.len() as u64);
        out.skipped.push(skipped);
        out.pairs.extend(pairs);
    }
    Ok(out)
}

/// Pattern counts of the pairs of one training rule, at most about `cap` pairs: beyond, a
/// deterministic sample of the blocks (every k-th), so that big registers train in bounded time.
pub fn training_counts(
    config: &Config,
    lk: &[Option<u64>],
    rk: Option<&[Option<u64>]>,
    pattern: &(dyn Fn(u32, u32) -> u64 + Sync),
    cap: usize,
) -> (FxHashMap<u64, u64>, f64) {
    let dedupe = rk.is_none();
    let sorted = |keys: &[Option<u64>]| {
        let mut v: Vec<(u64, u32)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.map(|k| (k, i as u32)))
            .collect();
        v.par_sort_unstable();
        v
    };
    let left = sorted(lk);
    let right = match rk {
        Some(rk) => sorted(rk),
        None => left.clone(),
    };
    let mut blocks = vec![];
    let mut total = 0usize;
    for (ra, rb) in runs(&left, &right) {
        if ra.len() <= config.max_block && rb.len() <= config.max_block {
            total += ra.len() * rb.len();
            blocks.push((ra, rb));
        }
    }
    let step = total.div_ceil(cap.max(1)).max(1);
    let counts = blocks
        .par_iter()
        .enumerate()
        .filter(|(n, _)| n % step == 0)
        .fold(FxHashMap::<u64, u64>::default, |mut counts, (_, (ra, rb))| {
            for x in &left[ra.clone()] {
                for y in &right[rb.clone()] {
                    if dedupe && x.1 >= y.1 {
                        continue;
                    }
                    *counts.entry(pattern(x.1, y.1)).or_default() += 1;
                }
            }
            counts
        })
        .reduce(FxHashMap::default, |mut a, b| {
            for (k, n) in b {
                *a.entry(k).or_default() += n;
            }
            a
        });
    let sampled: u64 = counts.values().sum();
    let scale = if sampled > 0 {
        total as f64 / sampled as f64
    } else {
        1.0
    };
    (counts, scale)
}
