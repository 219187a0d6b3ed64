//! Blocking: which pairs are compared at all. Each rule is a list of keys; records with equal keys
//! on every part are candidates. Rules are applied in order and a pair is produced by the first
//! rule that finds it only, so that every candidate is compared once and each rule's count says
//! what it added.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{BlockingRule, Config};
use crate::prepare::{Column, Records};
use crate::{LinkError, hash};

/// One part of a blocking key, resolved against the configuration once per rule rather than
/// once per record.
#[derive(Clone, Copy)]
enum Part {
    NameSorted,
    NamePhonetic,
    NameInitials,
    SurnamePhonetic,
    GivenPhonetic,
    Ymd,
    Year,
    MonthDay,
    DocOcr,
    DocValue,
    Value,
}

fn resolve(config: &Config, rule: &BlockingRule) -> Option<Vec<(usize, Part)>> {
    rule.keys
        .iter()
        .map(|k| {
            let (field, part) = k.split_once('.')?;
            let idx = config.fields.iter().position(|f| f.name == field)?;
            let part = match part {
                "sorted" => Part::NameSorted,
                "phonetic" => Part::NamePhonetic,
                "initials" => Part::NameInitials,
                "surname_phonetic" => Part::SurnamePhonetic,
                "given_phonetic" => Part::GivenPhonetic,
                "ymd" => Part::Ymd,
                "year" => Part::Year,
                "month_day" => Part::MonthDay,
                "ocr" => Part::DocOcr,
                "value" => match config.fields[idx].kind {
                    crate::config::FieldType::Document => Part::DocValue,
                    _ => Part::Value,
                },
                _ => Part::Value,
            };
            Some((idx, part))
        })
        .collect()
}

/// The key of one record for one rule; `None` when a part is missing (the record is not blocked
/// by this rule).
fn key(parts: &[(usize, Part)], r: &Records, i: usize) -> Option<u64> {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &(idx, part) in parts {
        let v: u64 = match &r.columns[idx] {
            Column::Name(c) => {
                let n = &c[i];
                let s = match part {
                    Part::NameSorted => n.key(),
                    Part::NamePhonetic => n.phonetic(),
                    Part::NameInitials => n.initials(),
                    Part::SurnamePhonetic => n.surname_phonetic(),
                    _ => n.given_phonetic(),
                };
                if s.is_empty() {
                    return None;
                }
                if matches!(part, Part::NameSorted) {
                    n.key_hash()
                } else {
                    hash(s.as_bytes())
                }
            }
            Column::Date(c) => {
                let d = c[i]?;
                match part {
                    Part::Ymd => (d.y as u64) << 16 | (d.m as u64) << 8 | d.d as u64,
                    Part::Year => d.y as u64,
                    _ => (d.m as u64) << 8 | d.d as u64 | 1 << 40,
                }
            }
            Column::Doc(c) => {
                let d = &c[i];
                let s = if matches!(part, Part::DocOcr) { &d.ocr } else { &d.value };
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

/// The keys of every record for every rule: `keys[rule][record]`. A rule naming an unknown field
/// or part blocks nothing (the configuration check reports it before linking starts).
pub fn keys(config: &Config, rules: &[BlockingRule], r: &Records) -> Vec<Vec<Option<u64>>> {
    rules
        .iter()
        .map(|rule| match resolve(config, rule) {
            Some(parts) => (0..r.len()).into_par_iter().map(|i| key(&parts, r, i)).collect(),
            None => vec![None; r.len()],
        })
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
/// Takes the keys (`keys[rule][record]`) by value: they are rearranged record by record and the
/// originals freed, so that two copies of them never sit in memory together.
pub fn block(
    config: &Config,
    lk: Vec<Vec<Option<u64>>>,
    rk: Option<Vec<Vec<Option<u64>>>>,
    pattern: &(dyn Fn(u32, u32) -> u64 + Sync),
    count_all: bool,
) -> Result<Blocked, LinkError> {
    if config.blocking.len() > 255 {
        return Err(LinkError::Config("at most 255 blocking rules".into()));
    }
    let dedupe = rk.is_none();
    let mut out = Blocked::default();
    // The keys record by record (a record's keys for all rules side by side), so that asking
    // whether an earlier rule found a pair reads one or two cache lines per record instead of one
    // per rule.
    let n_rules = config.blocking.len();
    let by_record = |keys: &[Vec<Option<u64>>]| -> Vec<Option<u64>> {
        let n = keys.first().map_or(0, Vec::len);
        let mut flat = vec![None; n * n_rules];
        for (q, col) in keys.iter().enumerate() {
            for (i, k) in col.iter().enumerate() {
                flat[i * n_rules + q] = *k;
            }
        }
        flat
    };
    let (nl, nr) = (
        lk.first().map_or(0, Vec::len),
        rk.as_ref().and_then(|k| k.first()).map_or(0, Vec::len),
    );
    let lflat = by_record(&lk);
    drop(lk);
    let rflat = rk.map(|rk| by_record(&rk));
    let rflat = rflat.as_deref().unwrap_or(&lflat);
    // One rule's keys, from the record-major layout.
    let column = |flat: &[Option<u64>], n: usize, r: usize| -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> = (0..n)
            .filter_map(|i| flat[i * n_rules + r].map(|k| (k, i as u32)))
            .collect();
        v.par_sort_unstable();
        v
    };
    // Per rule, the keys of the blocks it skipped: a pair sharing such a key was not found by
    // that rule, and a later rule must still produce it.
    let mut skipped_keys: Vec<rustc_hash::FxHashSet<u64>> = vec![];
    for (r, rule) in config.blocking.iter().enumerate() {
        let max_block = rule.max_block.unwrap_or(config.max_block);
        let left = column(&lflat, nl, r);
        let right = if dedupe { left.clone() } else { column(rflat, nr, r) };
        // Matching runs of equal keys on both sides.
        let mut blocks: Vec<Run> = vec![];
        let mut skipped = (0u64, 0u64);
        let mut skipped_here = rustc_hash::FxHashSet::default();
        for (ra, rb) in runs(&left, &right) {
            if ra.len() > max_block || rb.len() > max_block {
                skipped_here.insert(left[ra.start].0);
                skipped.0 += 1;
                skipped.1 += (ra.len() * rb.len()) as u64;
            } else {
                blocks.push((ra, rb));
            }
        }
        let earlier = |i: u32, j: u32| {
            let (a, b) = (&lflat[i as usize * n_rules..], &rflat[j as usize * n_rules..]);
            (0..r).any(|q| matches!((a[q], b[q]), (Some(x), Some(y)) if x == y && !skipped_keys[q].contains(&x)))
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
        skipped_keys.push(skipped_here);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::from_toml(
            r#"
            id = "id"
            [[field]]
            name = "dob"
            type = "date"
            column = "dob"
            [[field]]
            name = "doc"
            type = "document"
            column = "doc"
            [[blocking]]
            name = "dob"
            keys = ["dob.ymd"]
            max_block = 1
            [[blocking]]
            name = "doc"
            keys = ["doc.value"]
            "#,
        )
        .unwrap()
    }

    #[test]
    fn a_pair_in_a_block_an_earlier_rule_skipped_is_found_by_a_later_rule() {
        // Rule 0 puts all four records in one block (too big: skipped); rule 1 pairs 0–0 and 1–1.
        let lk = vec![vec![Some(7), Some(7)], vec![Some(1), Some(2)]];
        let rk = vec![vec![Some(7), Some(7)], vec![Some(1), Some(2)]];
        let b = block(&config(), lk, Some(rk), &|i, j| (i * 10 + j) as u64, false).unwrap();
        assert_eq!(b.skipped[0], (1, 4));
        assert_eq!(b.per_rule, vec![0, 2]);
        let mut got: Vec<(u32, u32)> = b.pairs.iter().map(|c| (c.left, c.right)).collect();
        got.sort_unstable();
        assert_eq!(got, vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn a_pair_two_rules_find_is_compared_once_and_counted_for_the_first() {
        let lk = vec![vec![Some(7), Some(8)], vec![Some(1), Some(2)]];
        let rk = vec![vec![Some(7), Some(9)], vec![Some(1), Some(2)]];
        let b = block(&config(), lk, Some(rk), &|i, j| (i * 10 + j) as u64, true).unwrap();
        assert_eq!(b.per_rule, vec![1, 1]);
        assert_eq!(b.pairs.len(), 2);
        // Training counts every pair a rule finds, also one an earlier rule found.
        assert_eq!(b.training[1].values().sum::<u64>(), 2);
        assert_eq!(b.training[0].values().sum::<u64>(), 1);
    }
}
