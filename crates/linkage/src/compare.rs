//! Comparison levels: for each configured field, how strongly two records agree. Level 0 is
//! "missing on either side" (no evidence), the last level is "disagree", the ones between are the
//! agreement levels from the strongest down. A pair's levels are packed four bits per field into
//! one `u64` pattern, so that millions of pairs reduce to a few thousand distinct patterns.

use rustc_hash::FxHashMap;

use crate::config::{Config, FieldConfig, FieldType};
use crate::model::value_hash;
use crate::prepare::{Column, Records};
use crate::similarity::{jaro_winkler, levenshtein_within};

/// The names of a field's levels, index = level.
pub fn level_names(f: &FieldConfig) -> Vec<String> {
    let mut v = vec!["null".to_string()];
    match f.kind {
        FieldType::PersonName => {
            v.push("exact".into());
            if f.term_frequency {
                // Agreement on a value many records share is its own level, so that the model
                // learns how little it says (namesakes).
                v.push("exact_common".into());
            }
            if let Some(t) = f.jaro_winkler.first() {
                v.push(format!("jw>={t}"));
            }
            v.push("phonetic".into());
            v.extend(f.jaro_winkler.iter().skip(1).map(|t| format!("jw>={t}")));
        }
        FieldType::Date => v.extend(
            [
                "exact",
                "exact_1_january",
                "day_month_swapped",
                "same_day_month",
                "same_year",
            ]
            .map(String::from),
        ),
        FieldType::Document => {
            v.extend(["exact", "ocr_equal"].map(String::from));
            v.extend(f.edit_distance.iter().map(|d| format!("edits<={d}")));
        }
        FieldType::Categorical => v.push("exact".into()),
        FieldType::Text => {
            v.push("exact".into());
            v.extend(f.jaro_winkler.iter().map(|t| format!("jw>={t}")));
        }
    }
    v.push("else".into());
    v
}

/// Compares records of two registers (or of one, in dedupe mode).
pub struct Comparator<'a> {
    pub fields: &'a [FieldConfig],
    pub left: &'a Records,
    pub right: &'a Records,
    last: Vec<u8>,
    /// Per field with term frequencies: the shares of its values, and the share above which a
    /// value counts as common.
    tf: &'a [Option<FxHashMap<u64, f64>>],
    common_share: f64,
}

pub fn get(pattern: u64, field: usize) -> u8 {
    ((pattern >> (4 * field)) & 0xf) as u8
}

impl<'a> Comparator<'a> {
    pub fn new(
        config: &'a Config,
        left: &'a Records,
        right: &'a Records,
        tf: &'a [Option<FxHashMap<u64, f64>>],
    ) -> Comparator<'a> {
        let last = config.fields.iter().map(|f| (level_names(f).len() - 1) as u8).collect();
        let n = (left.len() + right.len()).max(1) as f64;
        Comparator {
            fields: &config.fields,
            left,
            right,
            last,
            tf,
            common_share: (20.0 / n).max(1e-4),
        }
    }

    /// Whether the exact value of field `k` for left record `i` is common.
    fn is_common(&self, k: usize, i: usize) -> bool {
        match (self.tf.get(k), value_hash(&self.left.columns[k], i)) {
            (Some(Some(tf)), Some(h)) => tf.get(&h).is_some_and(|s| *s >= self.common_share),
            _ => false,
        }
    }

    /// The level pattern of the pair (left `i`, right `j`).
    pub fn pattern(&self, i: usize, j: usize) -> u64 {
        let mut p = 0u64;
        for (k, f) in self.fields.iter().enumerate() {
            let l = self.level(k, f, i, j);
            p |= (l as u64) << (4 * k);
        }
        p
    }

    fn level(&self, k: usize, f: &FieldConfig, i: usize, j: usize) -> u8 {
        let last = self.last[k];
        match (&self.left.columns[k], &self.right.columns[k]) {
            (Column::Name(a), Column::Name(b)) => {
                let (a, b) = (&a[i], &b[j]);
                if a.is_missing() || b.is_missing() {
                    return 0;
                }
                let tf = f.term_frequency;
                if a.key() == b.key() {
                    return if tf && self.is_common(k, i) { 2 } else { 1 };
                }
                let jw = jaro_winkler(a.key().as_bytes(), b.key().as_bytes());
                let mut level = if tf { 3u8 } else { 2u8 };
                if let Some(t) = f.jaro_winkler.first() {
                    if jw >= *t {
                        return level;
                    }
                    level += 1;
                }
                if a.phonetic() == b.phonetic() {
                    return level;
                }
                level += 1;
                for t in f.jaro_winkler.iter().skip(1) {
                    if jw >= *t {
                        return level;
                    }
                    level += 1;
                }
                last
            }
            (Column::Date(a), Column::Date(b)) => match (a[i], b[j]) {
                (Some(a), Some(b)) => {
                    if a == b {
                        if a.is_placeholder() { 2 } else { 1 }
                    } else if a.y == b.y && a.m == b.d && a.d == b.m {
                        3
                    } else if a.m == b.m && a.d == b.d && !a.is_placeholder() {
                        // A wrong year (typed or estimated) with the same day and month.
                        4
                    } else if a.y == b.y {
                        5
                    } else {
                        last
                    }
                }
                _ => 0,
            },
            (Column::Doc(a), Column::Doc(b)) => {
                let (a, b) = (&a[i], &b[j]);
                if a.value.is_empty() || b.value.is_empty() {
                    return 0;
                }
                if a.value == b.value {
                    return 1;
                }
                if a.ocr == b.ocr {
                    return 2;
                }
                let max = f.edit_distance.last().copied().unwrap_or(0);
                if let Some(d) = levenshtein_within(a.ocr.as_bytes(), b.ocr.as_bytes(), max) {
                    for (n, limit) in f.edit_distance.iter().enumerate() {
                        if d <= *limit {
                            return 3 + n as u8;
                        }
                    }
                }
                last
            }
            (Column::Cat(a), Column::Cat(b)) => match (a[i], b[j]) {
                (0, _) | (_, 0) => 0,
                (x, y) if x == y => 1,
                _ => last,
            },
            (Column::Text(a), Column::Text(b)) => {
                let (a, b) = (&a[i], &b[j]);
                if a.is_empty() || b.is_empty() {
                    return 0;
                }
                if a == b {
                    return 1;
                }
                let jw = jaro_winkler(a.as_bytes(), b.as_bytes());
                for (n, t) in f.jaro_winkler.iter().enumerate() {
                    if jw >= *t {
                        return 2 + n as u8;
                    }
                }
                last
            }
            _ => 0,
        }
    }
}
