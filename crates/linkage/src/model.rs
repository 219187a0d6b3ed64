//! The Fellegi–Sunter model: m and u probabilities per field and level, the prior, term-frequency
//! adjustments, and the weights they give.
//!
//! u is estimated from random pairs (almost all of which are non-matches); m by expectation-
//! maximisation on the candidate pairs of each blocking rule with the fields of that rule held
//! out — every candidate of a rule agrees on its keys, so those fields say nothing there. This is
//! what keeps the estimates sound when namesakes dominate a rule's pairs: the name's own m comes
//! from rules that do not block on the name.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::LinkError;
use crate::block::Candidate;
use crate::compare::{Comparator, get, level_names};
use crate::config::Config;
use crate::frequency::{TermFrequency, value_hash};
use crate::prepare::Column;

/// Estimated parameters of one field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldModel {
    pub name: String,
    pub levels: Vec<String>,
    /// m and u per level (index 0, "null", is unused).
    pub m: Vec<f64>,
    pub u: Vec<f64>,
    /// log2(m/u) per level; 0 for null.
    pub weight: Vec<f64>,
    /// Whether m was estimated (false: no blocking rule left this field free; defaults used).
    pub estimated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub fields: Vec<FieldModel>,
    /// Probability that two records drawn at random are the same person.
    pub prior: f64,
    pub prior_weight: f64,
    /// Per field and level, per left record: the term-frequency adjustment of an exact
    /// agreement on the record's value (empty for fields and levels without one), computed once
    /// per value rather than once per pair, and laid out by record so that scoring pairs in left
    /// order reads it in order.
    #[serde(skip)]
    pub adjust: Vec<Vec<Vec<f64>>>,
}

/// A splitmix64 generator: deterministic, seedable, good enough for sampling pairs.
pub struct Rng(pub u64);

impl Rng {
    /// An independent stream `stream` of the generator seeded with `seed`. (Seeding streams with
    /// nearby states would give shifted copies of one sequence: splitmix64 advances by a constant.)
    pub fn stream(seed: u64, stream: u64) -> Rng {
        let mut a = Rng(seed);
        let s = a.next_u64();
        let mut b = Rng(stream ^ 0x6a09_e667_f3bc_c909);
        Rng(s ^ b.next_u64().rotate_left(17))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn level_counts(config: &Config, patterns: &FxHashMap<u64, u64>) -> Vec<Vec<f64>> {
    let mut out: Vec<Vec<f64>> = config.fields.iter().map(|f| vec![0.0; level_names(f).len()]).collect();
    for (p, n) in patterns {
        for (k, counts) in out.iter_mut().enumerate() {
            counts[get(*p, k) as usize] += *n as f64;
        }
    }
    out
}

/// u probabilities from `n` random pairs (with add-one smoothing so no level has u = 0).
pub fn estimate_u(config: &Config, cmp: &Comparator, n: usize, dedupe: bool, seed: u64) -> Vec<Vec<f64>> {
    let (nl, nr) = (cmp.left.len(), cmp.right.len());
    if nl == 0 || nr == 0 {
        return config.fields.iter().map(|f| vec![1.0; level_names(f).len()]).collect();
    }
    let chunks = 64usize;
    let per = n.div_ceil(chunks);
    let patterns: FxHashMap<u64, u64> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut rng = Rng::stream(seed, c as u64);
            let mut m: FxHashMap<u64, u64> = FxHashMap::default();
            // The left record of the k-th pair is taken systematically (every one in turn, or
            // every so many), the right one at random: each pair is still equally likely, and the
            // left register is read in order. Each pair's rows are requested a dozen pairs
            // before it is compared.
            const AHEAD: usize = 12;
            let mut pair = |k: usize| {
                let p = ((k as u128 * nl as u128 / n as u128) as usize, rng.below(nr));
                cmp.prefetch(p.0, p.1);
                p
            };
            let (start, end) = (c * per, ((c + 1) * per).min(n));
            let mut ahead = [(0usize, 0usize); AHEAD];
            for k in start..end.min(start + AHEAD) {
                ahead[k % AHEAD] = pair(k);
            }
            for k in start..end {
                let (i, j) = ahead[k % AHEAD];
                if k + AHEAD < end {
                    ahead[k % AHEAD] = pair(k + AHEAD);
                }
                if dedupe && i == j {
                    continue;
                }
                *m.entry(cmp.pattern(i, j)).or_default() += 1;
            }
            m
        })
        .reduce(FxHashMap::default, |mut a, b| {
            for (k, v) in b {
                *a.entry(k).or_default() += v;
            }
            a
        });
    level_counts(config, &patterns)
        .into_iter()
        .map(|c| normalise_levels(&c, 1.0))
        .collect()
}

/// Turns level counts into probabilities over the non-null levels, with pseudo-count `alpha`.
pub(crate) fn normalise_levels(counts: &[f64], alpha: f64) -> Vec<f64> {
    let total: f64 = counts.iter().skip(1).map(|c| c + alpha).sum();
    let mut out = vec![0.0];
    out.extend(counts.iter().skip(1).map(|c| (c + alpha) / total));
    out
}

/// Default m where a field cannot be estimated: most mass on the strongest level, half of what
/// is left on each weaker one, and never none (a level no match could reach would outweigh every
/// other field: a year-only birth date agreeing on its year is still evidence).
fn default_m(levels: usize) -> Vec<f64> {
    let agree = levels.saturating_sub(2);
    let mut m = vec![0.0];
    let mut rest: f64 = 1.0;
    for k in 0..agree {
        let v = if k == 0 { 0.85 } else { 0.5 * rest };
        m.push(v);
        rest -= v;
    }
    m.push(rest.max(0.01));
    let s: f64 = m.iter().sum();
    m.iter().map(|x| x / s).collect()
}

/// EM on the pattern counts of one rule: m of the free fields and the share of matches, with u
/// fixed. Returns (m per field, matches estimated).
fn em(
    config: &Config,
    patterns: &FxHashMap<u64, u64>,
    free: &[bool],
    u: &[Vec<f64>],
    iterations: usize,
) -> (Vec<Vec<f64>>, f64) {
    let mut m: Vec<Vec<f64>> = config.fields.iter().map(|f| default_m(level_names(f).len())).collect();
    let mut lambda = 0.5;
    let total: f64 = patterns.values().map(|n| *n as f64).sum();
    let pats: Vec<(u64, f64)> = patterns.iter().map(|(p, n)| (*p, *n as f64)).collect();
    for _ in 0..iterations {
        let mut mc: Vec<Vec<f64>> = m.iter().map(|x| vec![0.0; x.len()]).collect();
        let mut matches = 0.0;
        for (p, n) in &pats {
            let (mut pm, mut pu) = (lambda, 1.0 - lambda);
            for k in 0..config.fields.len() {
                let l = get(*p, k) as usize;
                if free[k] && l != 0 {
                    pm *= m[k][l];
                    pu *= u[k][l];
                }
            }
            let post = if pm + pu > 0.0 { pm / (pm + pu) } else { 0.0 };
            matches += post * n;
            for (k, c) in mc.iter_mut().enumerate() {
                c[get(*p, k) as usize] += post * n;
            }
        }
        lambda = (matches / total).clamp(1e-9, 1.0 - 1e-9);
        for k in 0..config.fields.len() {
            if free[k] {
                m[k] = normalise_levels(&mc[k], 0.5);
            }
        }
    }
    (m, lambda * total)
}

/// The evidence (bits) the other free fields of a rule must be able to give for the rule to teach
/// a field's m.
const MIN_EVIDENCE_BITS: f64 = 10.0;

pub struct Training {
    pub model: Model,
    /// Matches estimated among all candidates.
    pub estimated_matches: f64,
    pub rules: Vec<TrainingReport>,
}

/// What one training rule contributed: its (sampled) pairs and the matches EM found among all of
/// the rule's pairs.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingReport {
    pub rule: String,
    pub pairs: u64,
    pub matches: f64,
}

/// The pairs the m probabilities are learnt from: per training rule, the pattern counts of its
/// (possibly sampled) pairs and the factor from the sample to all the rule's pairs.
pub struct TrainingSet<'a> {
    pub rules: &'a [crate::config::BlockingRule],
    pub counts: &'a [FxHashMap<u64, u64>],
    pub scales: &'a [f64],
}

pub fn train(
    config: &Config,
    cmp: &Comparator,
    set: &TrainingSet,
    candidates: &[Candidate],
    dedupe: bool,
    tf: &[Option<TermFrequency>],
) -> Result<Training, LinkError> {
    let u = estimate_u(config, cmp, config.u_sample, dedupe, 0x5eed);
    let nf = config.fields.len();
    let mut m_sum: Vec<Vec<f64>> = config.fields.iter().map(|f| vec![0.0; level_names(f).len()]).collect();
    let mut m_w = vec![0.0; nf];
    let (rules, training, scales) = (set.rules, set.counts, set.scales);
    let mut rule_matches = vec![0.0; rules.len()];
    let mut rule_share = vec![0.5; rules.len()];
    let mut reports = vec![];
    for (r, rule) in rules.iter().enumerate() {
        let Some(patterns) = training.get(r).filter(|t| !t.is_empty()) else {
            continue;
        };
        let free: Vec<bool> = config
            .fields
            .iter()
            .map(|f| !rule.keys.iter().any(|k| k.split('.').next() == Some(&f.name)))
            .collect();
        let (m, matches) = em(config, patterns, &free, &u, config.em_iterations);
        rule_matches[r] = matches * scales.get(r).copied().unwrap_or(1.0);
        let total_r: f64 = patterns.values().map(|n| *n as f64).sum::<f64>().max(1.0);
        rule_share[r] = (matches / total_r).clamp(1e-9, 1.0 - 1e-9);
        reports.push(TrainingReport {
            rule: rule.name.clone(),
            pairs: patterns.values().sum(),
            matches: rule_matches[r],
        });
        // A field's m is only learnt from a rule whose other free fields can tell matches from
        // non-matches on their own; otherwise a crowd of namesakes in the rule's blocks would be
        // taken for matches and teach that, say, passports usually differ.
        let capacity: Vec<f64> = (0..nf)
            .map(|k| {
                if free[k] {
                    -u[k].get(1).copied().unwrap_or(1.0).max(1e-12).log2()
                } else {
                    0.0
                }
            })
            .collect();
        let total_capacity: f64 = capacity.iter().sum();
        for k in 0..nf {
            if free[k] && matches > 1.0 && total_capacity - capacity[k] >= MIN_EVIDENCE_BITS {
                for (s, v) in m_sum[k].iter_mut().zip(&m[k]) {
                    *s += v * matches;
                }
                m_w[k] += matches;
            }
        }
    }
    let mut fields = vec![];
    for (k, f) in config.fields.iter().enumerate() {
        let levels = level_names(f);
        let estimated = m_w[k] > 0.0;
        let m = if estimated {
            m_sum[k].iter().map(|s| s / m_w[k]).collect()
        } else {
            default_m(levels.len())
        };
        let weight = weights(&m, &u[k]);
        fields.push(FieldModel {
            name: f.name.clone(),
            levels,
            m,
            u: u[k].clone(),
            weight,
            estimated,
        });
    }
    refine_with_anchors(config, rules, training, &rule_share, &mut fields);
    // The share of matches among all candidates, with every field's m and u now fixed.
    let patterns: FxHashMap<u64, u64> = candidates
        .par_chunks(1 << 16)
        .fold(FxHashMap::default, |mut counts: FxHashMap<u64, u64>, chunk| {
            for c in chunk {
                *counts.entry(c.pattern).or_default() += 1;
            }
            counts
        })
        .reduce(FxHashMap::default, |mut a, b| {
            for (p, n) in b {
                *a.entry(p).or_default() += n;
            }
            a
        });
    // Summed in pattern order, so that the result does not depend on how the map was built.
    let mut patterns: Vec<(u64, u64)> = patterns.into_iter().collect();
    patterns.sort_unstable();
    let mut lambda: f64 = 0.1;
    let total: f64 = patterns.iter().map(|(_, n)| *n as f64).sum::<f64>().max(1.0);
    for _ in 0..50 {
        let mut matches = 0.0;
        for (p, n) in &patterns {
            let bf: f64 = fields
                .iter()
                .enumerate()
                .map(|(k, fm)| fm.weight[get(*p, k) as usize])
                .sum();
            let odds = lambda / (1.0 - lambda) * bf.exp2();
            matches += odds / (1.0 + odds) * *n as f64;
        }
        lambda = (matches / total).clamp(1e-9, 1.0 - 1e-9);
    }
    // Better than the candidates' share (biased: blocks gather look-alikes): a training rule's
    // matches divided by the share of all matches that rule can find, computed from the m of the
    // fields it blocks on, learnt from the other rules.
    let by_rule: Vec<f64> = rules
        .iter()
        .enumerate()
        .filter_map(|(r, rule)| {
            let recall = rule_recall(config, &fields, rule, cmp)?;
            (recall > 0.05 && rule_matches[r] > 0.0).then(|| rule_matches[r] / recall)
        })
        .collect();
    // Look-alike non-matches inside a rule's blocks (namesakes born the same day) can only inflate
    // a rule's count, never deflate it, so the smallest estimate is the soundest.
    let estimated_matches = by_rule.iter().copied().reduce(f64::min).unwrap_or(lambda * total);
    let all_pairs = if dedupe {
        cmp.left.len() as f64 * (cmp.left.len() as f64 - 1.0) / 2.0
    } else {
        cmp.left.len() as f64 * cmp.right.len() as f64
    };
    let prior = (estimated_matches / all_pairs.max(1.0)).clamp(1e-15, 0.5);
    let prior_weight = (prior / (1.0 - prior)).log2();
    let adjust = fields
        .iter()
        .zip(tf)
        .map(|(fm, tf)| {
            (0..fm.levels.len())
                .map(|l| match tf {
                    Some(tf) if l == 1 || (l == 2 && fm.levels[2] == "exact_common") => {
                        // u of an exact agreement on a value is how common the value is; the
                        // field's average u is in its weight, so the difference is added.
                        let by_value: Vec<f64> = tf
                            .share
                            .par_iter()
                            .map(|share| (fm.u[l] / share.max(1e-9)).log2())
                            .collect();
                        tf.left
                            .par_iter()
                            .map(|&id| by_value.get(id as usize).copied().unwrap_or(f64::NAN))
                            .collect()
                    }
                    _ => vec![],
                })
                .collect()
        })
        .collect();
    Ok(Training {
        model: Model {
            fields,
            prior,
            prior_weight,
            adjust,
        },
        estimated_matches,
        rules: reports,
    })
}

impl Model {
    /// The weight of a pair (`i` its left record) and each field's contribution (with its
    /// term-frequency adjustment).
    pub fn score(&self, i: usize, pattern: u64) -> (f64, Vec<f64>) {
        let parts: Vec<f64> = (0..self.fields.len())
            .map(|k| self.contribution(i, pattern, k))
            .collect();
        (self.prior_weight + parts.iter().sum::<f64>(), parts)
    }

    /// The weight of a pair alone: what deciding whether a candidate passes the threshold needs,
    /// without the allocation of the explanation.
    pub fn weight(&self, i: usize, pattern: u64) -> f64 {
        self.prior_weight
            + (0..self.fields.len())
                .map(|k| self.contribution(i, pattern, k))
                .sum::<f64>()
    }

    fn contribution(&self, i: usize, pattern: u64, k: usize) -> f64 {
        let fm = &self.fields[k];
        let l = get(pattern, k) as usize;
        let mut x = fm.weight[l];
        // A record without a value has no adjustment (NaN marks it).
        if let Some(a) = self.adjust.get(k).and_then(|a| a.get(l)).and_then(|a| a.get(i))
            && !a.is_nan()
        {
            x += a;
        }
        x
    }
}

pub fn probability(weight: f64) -> f64 {
    let odds = weight.exp2();
    if odds.is_infinite() { 1.0 } else { odds / (1.0 + odds) }
}

/// The share of true matches a rule's blocks contain: for each field it blocks on, the
/// probability that a match agrees on the key (from m) and that both values are present.
/// `None` when a field's m was not estimated independently of the rule.
fn rule_recall(
    config: &Config,
    fields: &[FieldModel],
    rule: &crate::config::BlockingRule,
    cmp: &Comparator,
) -> Option<f64> {
    let mut allowed: FxHashMap<usize, Vec<bool>> = FxHashMap::default();
    for key in &rule.keys {
        let (field, part) = key.split_once('.')?;
        let k = config.fields.iter().position(|f| f.name == field)?;
        let fm = &fields[k];
        if !fm.estimated {
            return None;
        }
        let ok: Vec<bool> = fm
            .levels
            .iter()
            .map(|l| match (part, l.as_str()) {
                (_, "null") => false,
                (_, "exact" | "exact_common" | "exact_1_january") => true,
                ("ocr", "ocr_equal") => true,
                ("phonetic" | "surname_phonetic" | "given_phonetic", "phonetic") => true,
                ("initials" | "year", l) => l != "else",
                _ => false,
            })
            .collect();
        let entry = allowed.entry(k).or_insert_with(|| vec![true; ok.len()]);
        for (a, b) in entry.iter_mut().zip(ok) {
            *a = *a && b;
        }
    }
    let mut recall = 1.0;
    for (k, ok) in allowed {
        let agree: f64 = fields[k].m.iter().zip(&ok).filter(|(_, ok)| **ok).map(|(m, _)| m).sum();
        recall *= agree * present(&cmp.left.columns[k]) * present(&cmp.right.columns[k]);
    }
    Some(recall)
}

fn present(col: &Column) -> f64 {
    let n = match col {
        Column::Name(c) => c.len(),
        Column::Date(c) => c.len(),
        Column::Doc(c) => c.len(),
        Column::Cat(c) => c.len(),
        Column::Text(c) => c.len(),
    };
    if n == 0 {
        return 0.0;
    }
    (0..n).filter(|i| value_hash(col, *i).is_some()).count() as f64 / n as f64
}

/// Evidence (bits beyond the rule's prior odds) the other fields must give for a pair to serve as
/// an anchor, i.e. be taken for a match when counting one field's levels.
const ANCHOR_BITS: f64 = 10.0;
/// Anchors needed before an anchored estimate replaces the EM one.
const MIN_ANCHORS: u64 = 200;

/// Re-estimates each field's m from anchor pairs: pairs of a training rule (not blocking on the
/// field) that the *other* free fields alone make near-certain matches. EM inside a block can
/// mistake a crowd of look-alikes (namesakes born the same day) for matches; anchors cannot,
/// because look-alikes never carry that much independent evidence.
fn refine_with_anchors(
    config: &Config,
    rules: &[crate::config::BlockingRule],
    training: &[FxHashMap<u64, u64>],
    rule_share: &[f64],
    fields: &mut [FieldModel],
) {
    let nf = fields.len();
    let mut sums: Vec<Vec<f64>> = fields.iter().map(|f| vec![0.0; f.levels.len()]).collect();
    let mut anchors = vec![0u64; nf];
    for (r, rule) in rules.iter().enumerate() {
        let Some(patterns) = training.get(r) else { continue };
        let free: Vec<bool> = config
            .fields
            .iter()
            .map(|f| !rule.keys.iter().any(|k| k.split('.').next() == Some(&f.name)))
            .collect();
        let share = rule_share.get(r).copied().unwrap_or(0.5);
        let bar = ANCHOR_BITS - (share / (1.0 - share)).log2();
        for k in (0..nf).filter(|k| free[*k]) {
            let mut counts = vec![0.0; fields[k].levels.len()];
            let mut n = 0u64;
            for (p, c) in patterns {
                let others: f64 = (0..nf)
                    .filter(|g| free[*g] && *g != k)
                    .map(|g| fields[g].weight[get(*p, g) as usize])
                    .sum();
                if others >= bar && get(*p, k) != 0 {
                    counts[get(*p, k) as usize] += *c as f64;
                    n += c;
                }
            }
            if n >= MIN_ANCHORS {
                for (s, c) in sums[k].iter_mut().zip(&counts) {
                    *s += c;
                }
                anchors[k] += n;
            }
        }
    }
    for (k, f) in fields.iter_mut().enumerate() {
        if anchors[k] >= MIN_ANCHORS {
            f.m = normalise_levels(&sums[k], 0.5);
            f.weight = weights(&f.m, &f.u);
            f.estimated = true;
        }
    }
}

/// The match weight of each level, log2(m/u), bounded away from division by zero. Level 0 (a
/// value missing on either side) weighs nothing: it is evidence neither way.
fn weights(m: &[f64], u: &[f64]) -> Vec<f64> {
    m.iter()
        .zip(u)
        .enumerate()
        .map(|(l, (m, u))| {
            if l == 0 {
                0.0
            } else {
                (m.max(1e-9) / u.max(1e-12)).log2()
            }
        })
        .collect()
}
