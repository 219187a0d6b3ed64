//! Comparison levels: for each configured field, how strongly two records agree. Level 0 is
//! "missing on either side" (no evidence), the last level is "disagree", the ones between are the
//! agreement levels from the strongest down. A pair's levels are packed four bits per field into
//! one `u64` pattern, so that millions of pairs reduce to a few thousand distinct patterns.

use rayon::prelude::*;

use crate::config::{Config, FieldConfig, FieldType};
use crate::frequency::TermFrequency;
use crate::prepare::{Column, Records};
use crate::similarity::{byte_set, common_prefix, jaro_winkler, jaro_winkler_bound, levenshtein_within, same};

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

/// Where one field's comparison data sit in a row, and in what shape.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// key hash (8), phonetic hash (8), flags (1), key length (1), the key's byte set (8, see
    /// [`byte_set`]), key bytes (`NAME_INLINE`).
    Name(usize),
    /// `y << 16 | m << 8 | d`, 0 when missing (4, padded to 8).
    Date(usize),
    /// The value's hash, 0 when missing (8).
    Cat(usize),
    /// value hash (8), OCR-folded hash (8), flags (1), OCR length (1), OCR bytes (`DOC_INLINE`).
    Doc(usize),
    /// value hash (8), flags (1), padded to 16; the text itself is read from the records.
    Text(usize),
}

const NAME_INLINE: usize = 38;
/// Where a name's key byte set and key bytes start in its slot.
const NAME_SET: usize = 18;
const NAME_KEY: usize = 26;
const DOC_INLINE: usize = 22;
const PRESENT: u8 = 1;
/// The name's exact value is shared by many records (term frequencies).
const COMMON: u8 = 2;
/// The bytes did not fit in the row: read them from the records.
const OVERFLOW: u8 = 4;

/// A register's comparison data, one fixed-size row per record, so that comparing a pair reads
/// two or four adjacent cache lines instead of a dozen scattered heap objects (comparisons are
/// bound by memory, not by arithmetic). Equal 64-bit hashes of phonetic keys and document numbers
/// are taken as equal values; names and OCR-folded numbers are also compared byte for byte.
pub(crate) struct Rows {
    stride: usize,
    bytes: Vec<u8>,
}

fn word(row: &[u8], o: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&row[o..o + 8]);
    u64::from_le_bytes(w)
}

impl Rows {
    pub(crate) fn row(&self, i: usize) -> &[u8] {
        &self.bytes[i * self.stride..(i + 1) * self.stride]
    }

    pub(crate) fn row_mut(&mut self, i: usize) -> &mut [u8] {
        &mut self.bytes[i * self.stride..(i + 1) * self.stride]
    }

    /// Adds another set of rows of the same layout after these.
    pub(crate) fn append(&mut self, other: Rows) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    /// `tf` and `common_share` say whether a name's exact value is common: only its share
    /// decides, so the same value is common on both sides.
    fn build(
        slots: &[Slot],
        stride: usize,
        r: &Records,
        tf: &[Option<TermFrequency>],
        common_share: f64,
        side_right: bool,
    ) -> Rows {
        // Per field and value id, whether the value is common: a small table the records'
        // value ids look up (the shares themselves are eight times bigger).
        let common_ids: Vec<Vec<bool>> = tf
            .iter()
            .map(|tf| match tf {
                Some(tf) => tf.share.par_iter().map(|s| *s >= common_share).collect(),
                None => vec![],
            })
            .collect();
        let common = |k: usize, i: usize| match (tf.get(k), common_ids.get(k)) {
            (Some(Some(tf)), Some(common)) => tf
                .ids(side_right)
                .get(i)
                .and_then(|&id| common.get(id as usize))
                .is_some_and(|c| *c),
            _ => false,
        };
        let mut bytes = vec![0u8; r.len() * stride];
        let fill = |(i, row): (usize, &mut [u8])| {
            for (k, slot) in slots.iter().enumerate() {
                match (*slot, &r.columns[k]) {
                    (Slot::Name(o), Column::Name(c)) => {
                        let n = &c[i];
                        if n.is_missing() {
                            continue;
                        }
                        let key = n.key().as_bytes();
                        row[o..o + 8].copy_from_slice(&n.key_hash().to_le_bytes());
                        row[o + 8..o + 16].copy_from_slice(&n.part_hash(1).unwrap_or(0).to_le_bytes());
                        let mut flags = PRESENT;
                        if common(k, i) {
                            flags |= COMMON;
                        }
                        row[o + NAME_SET..o + NAME_KEY].copy_from_slice(&byte_set(key).to_le_bytes());
                        if key.len() <= NAME_INLINE {
                            row[o + 17] = key.len() as u8;
                            row[o + NAME_KEY..o + NAME_KEY + key.len()].copy_from_slice(key);
                        } else {
                            flags |= OVERFLOW;
                        }
                        row[o + 16] = flags;
                    }
                    (Slot::Date(o), Column::Date(c)) => {
                        if let Some(d) = c[i] {
                            let v = (d.y as u32) << 16 | (d.m as u32) << 8 | d.d as u32;
                            row[o..o + 4].copy_from_slice(&v.to_le_bytes());
                        }
                    }
                    (Slot::Cat(o), Column::Cat(c)) => row[o..o + 8].copy_from_slice(&c[i].to_le_bytes()),
                    (Slot::Doc(o), Column::Doc(c)) => {
                        let d = &c[i];
                        if d.value.is_empty() {
                            continue;
                        }
                        row[o..o + 8].copy_from_slice(&crate::hash(d.value.as_bytes()).to_le_bytes());
                        row[o + 8..o + 16].copy_from_slice(&crate::hash(d.ocr.as_bytes()).to_le_bytes());
                        let ocr = d.ocr.as_bytes();
                        if ocr.len() <= DOC_INLINE {
                            row[o + 16] = PRESENT;
                            row[o + 17] = ocr.len() as u8;
                            row[o + 18..o + 18 + ocr.len()].copy_from_slice(ocr);
                        } else {
                            row[o + 16] = PRESENT | OVERFLOW;
                        }
                    }
                    (Slot::Text(o), Column::Text(c)) if !c[i].is_empty() => {
                        row[o..o + 8].copy_from_slice(&crate::hash(c[i].as_bytes()).to_le_bytes());
                        row[o + 8] = PRESENT;
                    }
                    _ => {}
                }
            }
        };
        // A few rows (the person index's saves) are laid out here; a register by every core.
        if r.len() < 1024 {
            bytes.chunks_mut(stride.max(1)).enumerate().for_each(fill);
        } else {
            bytes.par_chunks_mut(stride.max(1)).enumerate().for_each(fill);
        }
        Rows { stride, bytes }
    }
}

/// Compares records of two registers (or of one, in dedupe mode).
pub struct Comparator<'a> {
    pub fields: &'a [FieldConfig],
    pub left: &'a Records,
    pub right: &'a Records,
    layout: Layout,
    left_rows: Rows,
    /// `None` in dedupe mode, where both sides are the left register.
    right_rows: Option<Rows>,
}

/// Where each field sits in a comparison row, and what comparing a field needs besides the rows.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    slots: Vec<Slot>,
    stride: usize,
    /// Per field, its last level ("else").
    last: Vec<u8>,
    /// Per field, its lowest Jaro-Winkler threshold: below it, the exact similarity is not needed.
    lowest: Vec<f64>,
}

/// One record of a pair: its row, and the register it is in (for values too long for the row).
#[derive(Clone, Copy)]
pub(crate) struct Side<'r> {
    pub row: &'r [u8],
    pub records: &'r Records,
    pub i: usize,
}

pub fn get(pattern: u64, field: usize) -> u8 {
    ((pattern >> (4 * field)) & 0xf) as u8
}

impl<'a> Comparator<'a> {
    /// Builds the rows of both registers; `tf` says which names are common.
    pub fn new(
        config: &'a Config,
        left: &'a Records,
        right: &'a Records,
        tf: &[Option<TermFrequency>],
    ) -> Comparator<'a> {
        let layout = Layout::new(config);
        let n = (left.len() + right.len()).max(1) as f64;
        let common_share = (20.0 / n).max(1e-4);
        let left_rows = layout.rows(left, tf, common_share, false);
        let right_rows = (!std::ptr::eq(left, right)).then(|| layout.rows(right, tf, common_share, true));
        Comparator {
            fields: &config.fields,
            left,
            right,
            layout,
            left_rows,
            right_rows,
        }
    }

    /// The level pattern of the pair (left `i`, right `j`).
    pub fn pattern(&self, i: usize, j: usize) -> u64 {
        let a = Side {
            row: self.left_rows.row(i),
            records: self.left,
            i,
        };
        let b = Side {
            row: self.right_rows.as_ref().unwrap_or(&self.left_rows).row(j),
            records: self.right,
            i: j,
        };
        self.layout.pattern(self.fields, a, b)
    }

    /// Asks the CPU to start loading the rows of a pair that will be compared soon: comparing
    /// waits on memory, and the pairs are known well ahead.
    pub fn prefetch(&self, i: usize, j: usize) {
        let right = self.right_rows.as_ref().unwrap_or(&self.left_rows);
        // Every cache line of both rows (a row spans two or more).
        for (rows, at) in [(&self.left_rows, i), (right, j)] {
            for line in (at * rows.stride..(at + 1) * rows.stride).step_by(64) {
                if let Some(byte) = rows.bytes.get(line) {
                    crate::prefetch(byte);
                }
            }
        }
    }
}

impl Layout {
    pub(crate) fn new(config: &Config) -> Layout {
        let last = config.fields.iter().map(|f| (level_names(f).len() - 1) as u8).collect();
        let lowest = config
            .fields
            .iter()
            .map(|f| f.jaro_winkler.iter().copied().fold(f64::INFINITY, f64::min))
            .collect();
        let mut stride = 0;
        let slots: Vec<Slot> = config
            .fields
            .iter()
            .map(|f| {
                let (slot, size) = match f.kind {
                    FieldType::PersonName => (Slot::Name(stride), NAME_KEY + NAME_INLINE),
                    FieldType::Date => (Slot::Date(stride), 8),
                    FieldType::Categorical => (Slot::Cat(stride), 8),
                    FieldType::Document => (Slot::Doc(stride), 18 + DOC_INLINE),
                    FieldType::Text => (Slot::Text(stride), 16),
                };
                stride += size;
                slot
            })
            .collect();
        // Rows start on cache lines when the stride is a multiple of 64.
        let stride = stride.div_ceil(64) * 64;
        Layout {
            slots,
            stride,
            last,
            lowest,
        }
    }

    /// The rows of a register; `tf` and `common_share` say which names are common (none without).
    pub(crate) fn rows(&self, r: &Records, tf: &[Option<TermFrequency>], common_share: f64, side_right: bool) -> Rows {
        Rows::build(&self.slots, self.stride, r, tf, common_share, side_right)
    }

    /// Marks field `k`'s name in a row as common (its exact agreement is the `exact_common` level).
    pub(crate) fn mark_common(&self, row: &mut [u8], k: usize) {
        if let Some(Slot::Name(o)) = self.slots.get(k)
            && row[o + 16] & PRESENT != 0
        {
            row[o + 16] |= COMMON;
        }
    }

    /// The level pattern of a pair.
    pub(crate) fn pattern(&self, fields: &[FieldConfig], a: Side, b: Side) -> u64 {
        let mut p = 0u64;
        for (k, f) in fields.iter().enumerate() {
            let l = self.level(k, f, a, b);
            p |= (l as u64) << (4 * k);
        }
        p
    }

    /// A name's sorted key: from the row, or from the records when it did not fit.
    fn name_key<'r>(&self, s: Side<'r>, o: usize, k: usize) -> &'r [u8] {
        let row = s.row;
        if row[o + 16] & OVERFLOW == 0 {
            return &row[o + NAME_KEY..o + NAME_KEY + row[o + 17] as usize];
        }
        match &s.records.columns[k] {
            Column::Name(c) => c[s.i].key().as_bytes(),
            _ => &[],
        }
    }

    fn ocr<'r>(&self, s: Side<'r>, o: usize, k: usize) -> &'r [u8] {
        let row = s.row;
        if row[o + 16] & OVERFLOW == 0 {
            return &row[o + 18..o + 18 + row[o + 17] as usize];
        }
        match &s.records.columns[k] {
            Column::Doc(c) => c[s.i].ocr.as_bytes(),
            _ => &[],
        }
    }

    fn level(&self, k: usize, f: &FieldConfig, sa: Side, sb: Side) -> u8 {
        let (a, b) = (sa.row, sb.row);
        let last = self.last[k];
        match self.slots[k] {
            Slot::Name(o) => {
                if a[o + 16] & b[o + 16] & PRESENT == 0 {
                    return 0;
                }
                let tf = f.term_frequency;
                let (ka, kb) = (self.name_key(sa, o, k), self.name_key(sb, o, k));
                if word(a, o) == word(b, o) && same(ka, kb) {
                    return if tf && a[o + 16] & COMMON != 0 { 2 } else { 1 };
                }
                // The similarity itself only when its bound reaches the lowest threshold (else it
                // is below all of them, whatever it is).
                let bound = jaro_winkler_bound(
                    (ka.len(), word(a, o + NAME_SET)),
                    (kb.len(), word(b, o + NAME_SET)),
                    common_prefix(ka, kb),
                );
                let jw = if bound < self.lowest[k] {
                    f64::NEG_INFINITY
                } else {
                    jaro_winkler(ka, kb)
                };
                let mut level = if tf { 3u8 } else { 2u8 };
                if let Some(t) = f.jaro_winkler.first() {
                    if jw >= *t {
                        return level;
                    }
                    level += 1;
                }
                if word(a, o + 8) == word(b, o + 8) {
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
            Slot::Date(o) => {
                let (x, y) = (word(a, o) as u32, word(b, o) as u32);
                if x == 0 || y == 0 {
                    return 0;
                }
                let date = |v: u32| ((v >> 16) as u16, (v >> 8) as u8, v as u8);
                let ((ay, am, ad), (by, bm, bd)) = (date(x), date(y));
                let placeholder = am == 1 && ad == 1;
                if am == 0 || bm == 0 {
                    // Only the year is known on one side: that is all that can agree.
                    return if ay == by { 5 } else { last };
                }
                if x == y {
                    if placeholder { 2 } else { 1 }
                } else if ay == by && am == bd && ad == bm {
                    3
                } else if am == bm && ad == bd && !placeholder {
                    // A wrong year (typed or estimated) with the same day and month.
                    4
                } else if ay == by {
                    5
                } else {
                    last
                }
            }
            Slot::Doc(o) => {
                if a[o + 16] & b[o + 16] & PRESENT == 0 {
                    return 0;
                }
                if word(a, o) == word(b, o) {
                    return 1;
                }
                let (oa, ob) = (self.ocr(sa, o, k), self.ocr(sb, o, k));
                if word(a, o + 8) == word(b, o + 8) && same(oa, ob) {
                    return 2;
                }
                let max = f.edit_distance.last().copied().unwrap_or(0);
                if let Some(d) = levenshtein_within(oa, ob, max) {
                    for (n, limit) in f.edit_distance.iter().enumerate() {
                        if d <= *limit {
                            return 3 + n as u8;
                        }
                    }
                }
                last
            }
            Slot::Cat(o) => match (word(a, o), word(b, o)) {
                (0, _) | (_, 0) => 0,
                (x, y) if x == y => 1,
                _ => last,
            },
            Slot::Text(o) => {
                if a[o + 8] & b[o + 8] & PRESENT == 0 {
                    return 0;
                }
                if word(a, o) == word(b, o) {
                    return 1;
                }
                let (Column::Text(ta), Column::Text(tb)) = (&sa.records.columns[k], &sb.records.columns[k]) else {
                    return 0;
                };
                let jw = jaro_winkler(ta[sa.i].as_bytes(), tb[sb.i].as_bytes());
                for (n, t) in f.jaro_winkler.iter().enumerate() {
                    if jw >= *t {
                        return 2 + n as u8;
                    }
                }
                last
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frequency::term_frequencies;
    use crate::prepare::{Doc, Name};

    /// Each module's tests declare the configuration they need in TOML, alike on purpose.
    fn config() -> Config {
        Config::from_toml(
            r#"
            id = "id"
            [[field]]
            name = "name"
            type = "person_name"
            full = "full"
            jaro_winkler = [0.94, 0.88]
            [[field]]
            name = "passport"
            type = "document"
            column = "passport"
            edit_distance = [1, 2]
            [[blocking]]
            name = "passport"
            keys = ["passport.ocr"]
            "#,
        )
        .unwrap()
    }

    fn register(names: &[&str], docs: &[&str]) -> Records {
        Records {
            ids: (0..names.len())
                .map(|i| compact_str::CompactString::from(i.to_string()))
                .collect(),
            columns: vec![
                Column::Name(names.iter().map(|n| Name::new("", "", n)).collect()),
                Column::Doc(docs.iter().map(|d| Doc::new(d)).collect()),
            ],
        }
    }

    #[test]
    fn values_too_long_for_a_row_are_compared_from_the_records() {
        // A key over the row's 38 bytes and numbers over its 22 give the same levels as short ones.
        let long = "Abdulrahman Muhammadullah Chowdhurybhuiyan Sheikhmujiburrahmanov";
        let long_doc = "P1234567890123456789012345";
        let config = config();
        let left = register(&[long, "Ana Petrović"], &[long_doc, "A1234567"]);
        let other = "Zdravkovica Kristinaeleonora Radmilovicpetrovicevna Jovanovska";
        let right = register(
            &[long, "Ana Petrovic", other],
            &["P1234567890123456789012346", "A1234567", "P1234567890123456789999999"],
        );
        assert!(Name::new("", "", long).key().len() > NAME_INLINE);
        let tf = term_frequencies(&config, &left, Some(&right));
        let cmp = Comparator::new(&config, &left, &right, &tf);
        let levels = |i, j| (get(cmp.pattern(i, j), 0), get(cmp.pattern(i, j), 1));
        // Exact name on the long key; one edit between the long passports.
        assert_eq!(levels(0, 0), (1, 3));
        assert_eq!(levels(1, 1), (1, 1));
        // Different names and numbers disagree whether the long side is inline or not.
        assert_eq!(levels(0, 1), (5, 5));
        assert_eq!(levels(1, 0), (5, 5));
        // Two long values that differ are read in full (empty stand-ins would look alike).
        assert_eq!(levels(0, 2), (5, 5));
    }
}
