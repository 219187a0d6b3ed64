//! How common each exact value of a field is over both registers: the term frequencies that
//! make agreeing on a rare surname count for more than agreeing on a common one. Counted once per
//! run and read by both the comparator (levels) and the model (weights).

use rayon::prelude::*;

use crate::config::Config;
use crate::hash;
use crate::prepare::{Column, Records};

/// How common each exact value of a field is over both registers. Each record holds the id of its
/// value, so that asking how common a record's value is reads two small arrays in order instead
/// of probing a map of a million values at random (it is asked for every record and every pair
/// agreeing exactly).
#[derive(Debug, Clone, Default)]
pub struct TermFrequency {
    /// Per record of the left register, and of the right (empty in dedupe mode): its value's id,
    /// `u32::MAX` when the value is missing.
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    /// Per value id: the value's share of all values.
    pub share: Vec<f64>,
}

impl TermFrequency {
    /// The value ids of the left register's records (`right`: of the right register's; in dedupe
    /// mode both are the left's).
    pub fn ids(&self, right: bool) -> &[u32] {
        if right && !self.right.is_empty() {
            &self.right
        } else {
            &self.left
        }
    }
}

/// Term frequencies of the fields configured with `term_frequency`, over both registers.
pub fn term_frequencies(config: &Config, left: &Records, right: Option<&Records>) -> Vec<Option<TermFrequency>> {
    config
        .fields
        .iter()
        .enumerate()
        .map(|(k, f)| {
            if !f.term_frequency {
                return None;
            }
            // Each value's records found by sorting (value hash, record) over both registers in
            // parallel: a run of equal hashes is one value. Records are numbered left first.
            let nl = left.len();
            fn values(col: &Column, n: usize, from: usize) -> impl ParallelIterator<Item = (u64, u32)> + '_ {
                (0..n)
                    .into_par_iter()
                    .filter_map(move |i| value_hash(col, i).map(|h| (h, (from + i) as u32)))
            }
            let mut sorted: Vec<(u64, u32)> = match right {
                Some(r) => values(&left.columns[k], nl, 0)
                    .chain(values(&r.columns[k], r.len(), nl))
                    .collect(),
                None => values(&left.columns[k], nl, 0).collect(),
            };
            sorted.par_sort_unstable();
            let mut ids = vec![u32::MAX; nl + right.map_or(0, Records::len)];
            let mut share = vec![];
            let total = sorted.len().max(1) as f64;
            let mut at = 0;
            while at < sorted.len() {
                let h = sorted[at].0;
                let run = sorted[at..].iter().take_while(|v| v.0 == h).count();
                for &(_, record) in &sorted[at..at + run] {
                    ids[record as usize] = share.len() as u32;
                }
                share.push(run as f64 / total);
                at += run;
            }
            let r = if right.is_some() { ids.split_off(nl) } else { vec![] };
            Some(TermFrequency {
                left: ids,
                right: r,
                share,
            })
        })
        .collect()
}

/// The hash of the exact value a term frequency is kept for.
pub fn value_hash(col: &Column, i: usize) -> Option<u64> {
    match col {
        Column::Name(c) => (!c[i].is_missing()).then(|| c[i].key_hash()),
        Column::Date(c) => c[i].map(|d| (d.y as u64) << 16 | (d.m as u64) << 8 | d.d as u64),
        Column::Doc(c) => (!c[i].value.is_empty()).then(|| hash(c[i].value.as_bytes())),
        Column::Cat(c) => (c[i] != 0).then_some(c[i]),
        Column::Text(c) => (!c[i].is_empty()).then(|| hash(c[i].as_bytes())),
    }
}
