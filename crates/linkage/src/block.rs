//! Blocking: which pairs are compared at all. Each rule is a list of keys; records with equal keys
//! on every part are candidates. Rules are applied in order and a pair is produced by the first
//! rule that finds it only, so that every candidate is compared once and each rule's count says
//! what it added.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{BlockingRule, Config};
use crate::prepare::{Column, Records};
use crate::{LinkError, hash, take_front};

/// One part of a blocking key, resolved against the configuration once per rule rather than
/// once per record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
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

/// The key parts of each rule, resolved once (`None`: a rule naming an unknown field or part).
pub(crate) fn resolve_rules(config: &Config, rules: &[BlockingRule]) -> Vec<Option<Vec<(usize, Part)>>> {
    rules.iter().map(|rule| resolve(config, rule)).collect()
}

/// A record's key for a resolved rule, mixed as the batch keys are.
pub(crate) fn record_key(parts: &[(usize, Part)], r: &Records, i: usize) -> Option<u64> {
    key(parts, r, i).map(mix)
}

/// The key of one record for one rule; `None` when a part is missing (the record is not blocked
/// by this rule).
fn key(parts: &[(usize, Part)], r: &Records, i: usize) -> Option<u64> {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &(idx, part) in parts {
        let v: u64 = match &r.columns[idx] {
            Column::Name(c) => c[i].part_hash(match part {
                Part::NameSorted => 0,
                Part::NamePhonetic => 1,
                Part::NameInitials => 2,
                Part::SurnamePhonetic => 3,
                _ => 4,
            })?,
            Column::Date(c) => {
                let d = c[i]?;
                // A year-only date has no day to block on: it would join every such record of
                // its year in one block.
                if d.is_year_only() && !matches!(part, Part::Year) {
                    return None;
                }
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

/// Bits a packed key keeps for the record index: enough for the larger register.
pub fn index_bits(records: usize) -> u32 {
    (usize::BITS - records.leading_zeros()).max(1)
}

/// The keys of the records for every rule, packed: per rule, for each record that has a key,
/// the key's high bits with the record's index in the low `bits` (see [`index_bits`]). One word
/// per record sorts twice as fast as a (key, index) pair and takes half the memory. Keys are
/// mixed first, so that cutting their low bits merges two different keys only by chance (about
/// one pair of blocks in 30 per rule at a million records a side). A rule naming an unknown field
/// or part blocks nothing (the configuration check reports it before linking starts).
///
/// Each stretch of records is read once for all the rules (a record's columns are read while in
/// cache), and each rule's keys are then joined into one list of the exact size.
pub fn keys(config: &Config, rules: &[BlockingRule], r: &Records, bits: u32) -> Vec<Vec<u64>> {
    const STRETCH: usize = 1 << 16;
    let mask = (1u64 << bits) - 1;
    let resolved: Vec<Option<Vec<(usize, Part)>>> = rules.iter().map(|rule| resolve(config, rule)).collect();
    let stretches: Vec<Vec<Vec<u64>>> = (0..r.len().div_ceil(STRETCH))
        .into_par_iter()
        .map(|s| {
            let records = s * STRETCH..((s + 1) * STRETCH).min(r.len());
            let mut out: Vec<Vec<u64>> = resolved
                .iter()
                .map(|p| Vec::with_capacity(if p.is_some() { records.len() } else { 0 }))
                .collect();
            for i in records {
                for (parts, keys) in resolved.iter().zip(out.iter_mut()) {
                    if let Some(k) = parts.as_ref().and_then(|parts| key(parts, r, i)) {
                        keys.push((mix(k) & !mask) | i as u64);
                    }
                }
            }
            out
        })
        .collect();
    (0..rules.len())
        .into_par_iter()
        .map(|rule| {
            let mut keys = Vec::with_capacity(stretches.iter().map(|s| s[rule].len()).sum());
            for s in &stretches {
                keys.extend_from_slice(&s[rule]);
            }
            keys
        })
        .collect()
}

/// Sorts packed keys: one pass spreads them into buckets by their top bits (mixed keys are
/// spread evenly), then each bucket, small enough for the first-level cache, is sorted on its own.
/// Faster than a comparison sort of the whole list, and the same order. The buckets are written
/// to `spare`, which then holds the unsorted keys' buffer (for the next list to be sorted).
pub fn sort_keys(keys: &mut Vec<u64>, spare: &mut Vec<u64>) {
    const BITS: u32 = 11;
    if keys.len() < 1 << 14 {
        keys.sort_unstable();
        return;
    }
    let bucket = |x: u64| (x >> (64 - BITS)) as usize;
    let mut starts = vec![0usize; (1 << BITS) + 1];
    for &x in keys.iter() {
        starts[bucket(x) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts.clone();
    spare.clear();
    spare.resize(keys.len(), 0);
    for &x in keys.iter() {
        let at = &mut next[bucket(x)];
        spare[*at] = x;
        *at += 1;
    }
    for w in starts.windows(2) {
        spare[w[0]..w[1]].sort_unstable();
    }
    std::mem::swap(keys, spare);
}

/// The splitmix64 finaliser: every bit of the output depends on every bit of the input.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A block: the ranges of equal keys on the left and on the right of two sorted key lists.
pub type Run = (std::ops::Range<usize>, std::ops::Range<usize>);

/// The runs of keys present on both sides of two lists sorted by key (a merge join).
pub fn runs(left: &[(u64, u32)], right: &[(u64, u32)]) -> Vec<Run> {
    runs_by(left, right, |x| x.0)
}

/// [`runs`] for any sorted lists, `key` giving each element's key.
pub fn runs_by<T>(left: &[T], right: &[T], key: impl Fn(&T) -> u64) -> Vec<Run> {
    let mut out = vec![];
    let (mut a, mut b) = (0, 0);
    while a < left.len() && b < right.len() {
        let (ka, kb) = (key(&left[a]), key(&right[b]));
        if ka < kb {
            a += 1;
        } else if kb < ka {
            b += 1;
        } else {
            let ea = a + left[a..].iter().take_while(|x| key(x) == ka).count();
            let eb = b + right[b..].iter().take_while(|x| key(x) == kb).count();
            out.push((a..ea, b..eb));
            a = ea;
            b = eb;
        }
    }
    out
}

/// The pairs a block makes: every left record with every right one, or in dedupe mode (a block
/// joined with itself) each record with each later one.
fn block_pairs(ra: &std::ops::Range<usize>, rb: &std::ops::Range<usize>, dedupe: bool) -> usize {
    if dedupe {
        ra.len() * ra.len().saturating_sub(1) / 2
    } else {
        ra.len() * rb.len()
    }
}

/// Pairs are compared this many places after their rows were requested (see [`request`]).
const AHEAD: usize = 12;

/// Requests the rows of the pair coded at `codes[at]`, if there is one: pairs are compared in
/// a known order, and each one's rows are asked for [`AHEAD`] pairs before it is compared.
fn request(codes: &[u64], at: usize, split: impl Fn(u64) -> (u32, u32), prefetch: &(dyn Fn(u32, u32) + Sync)) {
    if let Some(&c) = codes.get(at) {
        let (i, j) = split(c);
        prefetch(i, j);
    }
}

/// A candidate pair and its comparison pattern.
#[derive(Debug, Clone, Copy, Default)]
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

/// Records per register a pair code has room for (28 bits for each side, 8 for the rule).
const MAX_RECORDS: usize = 1 << 28;

/// Produces the candidate pairs, comparing each with `pattern`. `right` is `None` in dedupe mode.
/// For each rule marked in `counted`, the pattern counts of all its pairs (also those an earlier
/// rule found) are kept for training.
///
/// Each rule's keys are sorted and joined once, leaving each left record the stretch of its
/// partners among the right keys; then each left record gathers its partners over all rules as
/// codes (left, right, rule) sorted per record. No global list of pairs is ever sorted: the
/// comparisons walk the left register in order, and a pair several rules find is compared once
/// and counted for the first rule that found it. A pair in a block a rule skipped (too big) is
/// simply not among that rule's codes, so a later rule still produces it.
pub fn block(
    config: &Config,
    lk: Vec<Vec<u64>>,
    rk: Option<Vec<Vec<u64>>>,
    bits: u32,
    pattern: &(dyn Fn(u32, u32) -> u64 + Sync),
    prefetch: &(dyn Fn(u32, u32) + Sync),
    counted: &[bool],
) -> Result<Blocked, LinkError> {
    let n_rules = config.blocking.len();
    if n_rules > 255 {
        return Err(LinkError::Config("at most 255 blocking rules".into()));
    }
    if bits > 28 {
        return Err(LinkError::Config(format!(
            "a register may hold at most {} records",
            MAX_RECORDS - 1
        )));
    }
    let dedupe = rk.is_none();
    let mut out = Blocked {
        per_rule: vec![0; n_rules],
        training: vec![FxHashMap::default(); n_rules],
        ..Blocked::default()
    };
    let mask = (1u64 << bits) - 1;
    let (key, index) = (|x: &u64| x & !mask, move |x: &u64| x & mask);
    // Every rule's keys sorted in place; in dedupe mode a rule's keys are joined with themselves.
    let (mut lk, mut rk_own) = (lk, rk);
    lk.par_iter_mut()
        .chain(rk_own.iter_mut().flatten().collect::<Vec<_>>())
        .for_each_init(Vec::new, |spare, keys| sort_keys(keys, spare));
    let rk_ref = rk_own.as_ref().unwrap_or(&lk);
    let n_left = lk
        .par_iter()
        .filter_map(|k| k.par_iter().map(index).max())
        .max()
        .map_or(0, |m| m as usize + 1);
    // Per rule and left record, where its partners sit among the rule's sorted right keys
    // (`start << 32 | len`, 0 for none): the stretch of equal keys, unless the block is too big.
    // In dedupe mode a record's partners are its own block's later records.
    let mut partners: Vec<Vec<u64>> = vec![vec![]; n_rules];
    out.skipped = config
        .blocking
        .par_iter()
        .zip(lk.par_iter().zip(rk_ref.par_iter()))
        .zip(partners.par_iter_mut())
        .map(|((rule, (left, right)), partners)| {
            let max_block = rule.max_block.unwrap_or(config.max_block);
            let mut skipped = (0u64, 0u64);
            *partners = vec![0u64; n_left];
            for (ra, rb) in runs_by(left, right, key) {
                if ra.len() > max_block || rb.len() > max_block {
                    skipped.0 += 1;
                    skipped.1 += block_pairs(&ra, &rb, dedupe) as u64;
                    continue;
                }
                let stretch = (rb.start as u64) << 32 | rb.len() as u64;
                for x in &left[ra] {
                    if let Some(p) = partners.get_mut(index(x) as usize) {
                        *p = stretch;
                    }
                }
            }
            skipped
        })
        .collect();
    // In link mode the left keys have served (each left record has its stretches): freed now,
    // their memory holds the codes gathered next.
    if !dedupe {
        lk = vec![];
    }
    let rk = rk_own.as_ref().unwrap_or(&lk);
    // Each stretch of left records gathers its codes (left, right, rule), sorted per record: a
    // pair several rules find then sits in one run, is compared once and counted for the first
    // rule that found it, and comparisons walk the left register in order. A block a rule
    // skipped gives that rule no codes, so a later rule still produces its pairs.
    const STRETCH: usize = 1 << 14;
    let gathered: Vec<(Vec<u64>, usize)> = (0..n_left.div_ceil(STRETCH))
        .into_par_iter()
        .map(|s| {
            let records = s * STRETCH..((s + 1) * STRETCH).min(n_left);
            let at = |r: usize, i: usize| {
                let p = partners[r][i];
                (p >> 32) as usize..((p >> 32) + (p & 0xffff_ffff)) as usize
            };
            let room = records
                .clone()
                .map(|i| (0..n_rules).map(|r| at(r, i).len()).sum::<usize>())
                .sum();
            let (mut codes, mut unique) = (Vec::with_capacity(room), 0);
            for i in records.clone() {
                // The partners of a record a few ahead are requested now (they sit at random
                // places in the right keys).
                if records.contains(&(i + 8)) {
                    for (r, right) in rk.iter().enumerate() {
                        if let Some(y) = right.get(at(r, i + 8).start) {
                            crate::prefetch(y);
                        }
                    }
                }
                let first = codes.len();
                for (r, right) in rk.iter().enumerate() {
                    for y in &right[at(r, i)] {
                        let j = index(y);
                        if !dedupe || j > i as u64 {
                            codes.push((i as u64) << 36 | j << 8 | r as u64);
                        }
                    }
                }
                let mine = &mut codes[first..];
                mine.sort_unstable();
                unique += mine.len().min(1) + mine.windows(2).filter(|c| c[0] >> 8 != c[1] >> 8).count();
            }
            (codes, unique)
        })
        .collect();
    drop(partners);
    drop(lk);
    drop(rk_own);
    // The pairs of each stretch go to their own part of one buffer of the exact size (counted
    // above), so that they are never copied from per-stretch buffers into fresh memory.
    let mut pairs: Vec<Candidate> = (0..gathered.iter().map(|g| g.1).sum::<usize>())
        .into_par_iter()
        .map(|_| Candidate::default())
        .collect();
    let mut rest = pairs.as_mut_slice();
    let parts: Vec<&mut [Candidate]> = gathered.iter().map(|(_, n)| take_front(&mut rest, *n)).collect();
    type Piece = (Vec<u64>, Vec<FxHashMap<u64, u64>>);
    let done: Vec<Piece> = gathered
        .par_iter()
        .zip(parts)
        .map(|((codes, _), slots)| {
            let mut per_rule = vec![0u64; n_rules];
            let mut counts: Vec<FxHashMap<u64, u64>> = vec![FxHashMap::default(); n_rules];
            let counting = counted.iter().any(|c| *c);
            let split = |c: u64| ((c >> 36) as u32, ((c >> 8) & ((1 << 28) - 1)) as u32);
            (0..AHEAD).for_each(|at| request(codes, at, split, prefetch));
            let (mut k, mut slots) = (0, slots.iter_mut());
            while k < codes.len() {
                request(codes, k + AHEAD, split, prefetch);
                let pair = codes[k] >> 8;
                let end = k + codes[k..].iter().take_while(|c| *c >> 8 == pair).count();
                let (i, j) = split(codes[k]);
                let p = pattern(i, j);
                // Sorted codes put the first rule that found the pair first.
                per_rule[(codes[k] & 0xff) as usize] += 1;
                if counting {
                    for c in &codes[k..end] {
                        let r = (c & 0xff) as usize;
                        if counted.get(r) == Some(&true) {
                            *counts[r].entry(p).or_default() += 1;
                        }
                    }
                }
                if let Some(slot) = slots.next() {
                    *slot = Candidate {
                        left: i,
                        right: j,
                        pattern: p,
                    };
                }
                k = end;
            }
            (per_rule, counts)
        })
        .collect();
    drop(gathered);
    out.pairs = pairs;
    for (per_rule, counts) in done {
        for (a, b) in out.per_rule.iter_mut().zip(per_rule) {
            *a += b;
        }
        for (a, b) in out.training.iter_mut().zip(counts) {
            for (p, n) in b {
                *a.entry(p).or_default() += n;
            }
        }
    }
    Ok(out)
}

/// Pattern counts of the pairs of one training rule, at most about `cap` pairs: beyond, a
/// deterministic sample of the blocks (every k-th), so that big registers train in bounded time.
pub fn training_counts(
    config: &Config,
    lk: Vec<u64>,
    rk: Option<Vec<u64>>,
    bits: u32,
    pattern: &(dyn Fn(u32, u32) -> u64 + Sync),
    prefetch: &(dyn Fn(u32, u32) + Sync),
    cap: usize,
) -> (FxHashMap<u64, u64>, f64) {
    let dedupe = rk.is_none();
    let mask = (1u64 << bits) - 1;
    let sorted = |mut keys: Vec<u64>| -> Vec<u64> {
        sort_keys(&mut keys, &mut vec![]);
        keys
    };
    let (key, index) = (|x: &u64| x & !mask, |x: &u64| (x & mask) as u32);
    // Both registers' keys sorted at once (each sort runs on one core).
    let (left, right) = match rk {
        Some(rk) => rayon::join(|| sorted(lk), || sorted(rk)),
        None => {
            let left = sorted(lk);
            let right = left.clone();
            (left, right)
        }
    };
    let mut blocks = vec![];
    let mut total = 0usize;
    for (ra, rb) in runs_by(&left, &right, key) {
        if ra.len() <= config.max_block && rb.len() <= config.max_block {
            total += block_pairs(&ra, &rb, dedupe);
            blocks.push((ra, rb));
        }
    }
    let step = total.div_ceil(cap.max(1)).max(1);
    // The sampled pairs in left order, compared with their rows requested ahead, as in `block`.
    let mut pairs: Vec<u64> = blocks
        .par_iter()
        .enumerate()
        .filter(|(n, _)| n % step == 0)
        .flat_map_iter(|(_, (ra, rb))| {
            let (left, right) = (&left[ra.clone()], &right[rb.clone()]);
            left.iter().flat_map(move |x| {
                right
                    .iter()
                    .filter(move |y| !dedupe || index(x) < index(y))
                    .map(move |y| (index(x) as u64) << 32 | index(y) as u64)
            })
        })
        .collect();
    pairs.par_sort_unstable();
    let split = |p: u64| ((p >> 32) as u32, p as u32);
    let counts = pairs
        .par_chunks(1 << 14)
        .fold(FxHashMap::<u64, u64>::default, |mut counts, chunk| {
            (0..AHEAD).for_each(|at| request(chunk, at, split, prefetch));
            for (n, p) in chunk.iter().enumerate() {
                request(chunk, n + AHEAD, split, prefetch);
                let (i, j) = split(*p);
                *counts.entry(pattern(i, j)).or_default() += 1;
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

    /// [`config`] without the limit of one record per date block.
    fn open_config() -> Config {
        let mut c = config();
        c.blocking[0].max_block = None;
        c
    }

    const BITS: u32 = 8;

    /// Links `lk` with `rk` under the test configuration, a pair's pattern being `10 i + j`.
    fn blocked(lk: Vec<Vec<u64>>, rk: Vec<Vec<u64>>, counted: &[bool]) -> Blocked {
        blocked_by(&config(), lk, Some(rk), counted)
    }

    /// Links `lk` with `rk` (or deduplicates `lk`) under `config`, a pair's pattern being `10 i + j`.
    fn blocked_by(config: &Config, lk: Vec<Vec<u64>>, rk: Option<Vec<Vec<u64>>>, counted: &[bool]) -> Blocked {
        block(config, lk, rk, BITS, &|i, j| (i * 10 + j) as u64, &|_, _| {}, counted).unwrap()
    }

    /// Keys per rule and record, packed as [`keys`] packs them.
    fn packed(rules: &[&[Option<u64>]]) -> Vec<Vec<u64>> {
        rules
            .iter()
            .map(|keys| {
                keys.iter()
                    .enumerate()
                    .filter_map(|(i, k)| k.map(|k| (mix(k) & !((1 << BITS) - 1)) | i as u64))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_record_without_a_key_is_not_blocked_by_the_rule() {
        let lk = packed(&[&[Some(7), None], &[Some(1), Some(2)]]);
        let rk = packed(&[&[Some(7), Some(8)], &[None, Some(2)]]);
        let b = blocked(lk, rk, &[false, false]);
        let mut got: Vec<(u32, u32)> = b.pairs.iter().map(|c| (c.left, c.right)).collect();
        got.sort_unstable();
        assert_eq!(got, vec![(0, 0), (1, 1)]);
        assert_eq!(b.per_rule, vec![1, 1]);
    }

    #[test]
    fn training_pairs_of_one_register_count_each_pair_once() {
        let keys = packed(&[&[Some(5), Some(5), Some(5), Some(6)]]).remove(0);
        let (counts, scale) = training_counts(
            &config(),
            keys,
            None,
            BITS,
            &|i, j| (i * 10 + j) as u64,
            &|_, _| {},
            100,
        );
        let mut got: Vec<u64> = counts.keys().copied().collect();
        got.sort_unstable();
        assert_eq!(got, vec![1, 2, 12]);
        assert_eq!(scale, 1.0);
    }

    #[test]
    fn a_counted_rule_counts_what_its_training_twin_would() {
        // Rule 1 (documents) counted while blocking gives the counts training on it would give.
        let keys = [&[Some(7), Some(8), Some(9)][..], &[Some(1), Some(1), Some(2)][..]];
        let rkeys = [&[Some(7), Some(7), Some(3)][..], &[Some(1), Some(2), Some(2)][..]];
        let pattern = |i: u32, j: u32| (i * 10 + j) as u64;
        let b = block(
            &config(),
            packed(&keys),
            Some(packed(&rkeys)),
            BITS,
            &pattern,
            &|_, _| {},
            &[false, true],
        )
        .unwrap();
        assert!(b.training[0].is_empty());
        let (twin, scale) = training_counts(
            &config(),
            packed(&keys).remove(1),
            Some(packed(&rkeys).remove(1)),
            BITS,
            &pattern,
            &|_, _| {},
            100,
        );
        assert_eq!(b.training[1], twin);
        assert_eq!(scale, 1.0);
        assert_eq!(twin.values().sum::<u64>(), 4);
    }

    #[test]
    fn keys_sorted_by_buckets_come_in_the_order_of_a_full_sort() {
        // Long enough for the bucket pass; mixed and unmixed keys, with repeats; twice through
        // the same spare buffer.
        let mut spare = vec![];
        for n in [20_000u64, 70_000] {
            let mut keys: Vec<u64> = (0..n)
                .map(|i| if i % 3 == 0 { mix(i % 500) } else { i * 7919 % n })
                .collect();
            let mut want = keys.clone();
            want.sort_unstable();
            sort_keys(&mut keys, &mut spare);
            assert_eq!(keys, want);
        }
    }

    #[test]
    fn index_bits_cover_the_larger_register() {
        assert_eq!(index_bits(1), 1);
        assert_eq!(index_bits(1_000_000), 20);
        assert_eq!(index_bits((1 << 20) - 1), 20);
        assert_eq!(index_bits(1 << 20), 21);
    }

    #[test]
    fn a_pair_in_a_block_an_earlier_rule_skipped_is_found_by_a_later_rule() {
        // Rule 0 puts all four records in one block (too big: skipped); rule 1 pairs 0–0 and 1–1.
        let lk = packed(&[&[Some(7), Some(7)], &[Some(1), Some(2)]]);
        let rk = packed(&[&[Some(7), Some(7)], &[Some(1), Some(2)]]);
        let b = blocked(lk, rk, &[false, false]);
        assert_eq!(b.skipped[0], (1, 4));
        assert_eq!(b.per_rule, vec![0, 2]);
        let mut got: Vec<(u32, u32)> = b.pairs.iter().map(|c| (c.left, c.right)).collect();
        got.sort_unstable();
        assert_eq!(got, vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn a_pair_two_rules_find_is_compared_once_and_counted_for_the_first() {
        let lk = packed(&[&[Some(7), Some(8)], &[Some(1), Some(2)]]);
        let rk = packed(&[&[Some(7), Some(9)], &[Some(1), Some(2)]]);
        let b = blocked(lk, rk, &[true, true]);
        assert_eq!(b.per_rule, vec![1, 1]);
        assert_eq!(b.pairs.len(), 2);
        // Training counts every pair a rule finds, also one an earlier rule found.
        assert_eq!(b.training[1].values().sum::<u64>(), 2);
        assert_eq!(b.training[0].values().sum::<u64>(), 1);
    }

    #[test]
    fn one_register_pairs_each_record_with_its_later_block_mates_once() {
        // Records 0, 1, 2 share a date (rule 0); 1 and 2 also a document (rule 1); 3 is alone.
        let keys = packed(&[
            &[Some(5), Some(5), Some(5), Some(6)],
            &[None, Some(9), Some(9), Some(4)],
        ]);
        let b = blocked_by(&open_config(), keys, None, &[true, true]);
        let got: Vec<(u32, u32, u64)> = b.pairs.iter().map(|c| (c.left, c.right, c.pattern)).collect();
        // In left order, then right order; each pair once, for the first rule.
        assert_eq!(got, vec![(0, 1, 1), (0, 2, 2), (1, 2, 12)]);
        assert_eq!(b.per_rule, vec![3, 0]);
        assert_eq!(b.training[1].values().sum::<u64>(), 1);
    }

    #[test]
    fn a_skipped_block_of_one_register_counts_the_pairs_it_would_have_made() {
        // Three records in one date block over the limit of 1: three pairs skipped, not nine.
        let keys = packed(&[&[Some(5), Some(5), Some(5)], &[None, None, None]]);
        let b = blocked_by(&config(), keys, None, &[false, false]);
        assert_eq!(b.skipped[0], (1, 3));
        assert!(b.pairs.is_empty());
    }

    #[test]
    fn pairs_come_in_left_then_right_order_whatever_rule_found_them() {
        let lk = packed(&[&[Some(1), Some(2), Some(3)], &[Some(7), Some(7), Some(8)]]);
        let rk = packed(&[&[Some(3), Some(1), Some(2)], &[Some(8), Some(7), Some(9)]]);
        let b = blocked_by(&open_config(), lk, Some(rk), &[false, false]);
        let got: Vec<(u32, u32)> = b.pairs.iter().map(|c| (c.left, c.right)).collect();
        assert_eq!(got, vec![(0, 1), (1, 1), (1, 2), (2, 0)]);
        assert_eq!(b.per_rule, vec![3, 1]);
    }
}
