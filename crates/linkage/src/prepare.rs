//! Turning input rows into compact, normalised records: one column per configured field, so that
//! two million records fit in a few hundred megabytes and comparisons touch only bytes.

use compact_str::CompactString;
use rayon::prelude::*;

use crate::config::{Config, FieldConfig, FieldType};
use crate::normalise::{document, fold, ocr_byte, ocr_fold};
use crate::{LinkError, hash, take_front};

pub use crate::name::Name;
use crate::name::{NameCache, with_memo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

impl Date {
    /// 1 January, the date registers put when only the year is known.
    pub fn is_placeholder(&self) -> bool {
        self.m == 1 && self.d == 1
    }
}

/// Parses a date with the given `%Y %m %d` patterns (any separators as written).
pub fn parse_date(s: &str, formats: &[String]) -> Option<Date> {
    let s = s.trim();
    for f in formats {
        if let Some(d) = parse_with(s, f) {
            return Some(d);
        }
    }
    None
}

fn parse_with(s: &str, format: &str) -> Option<Date> {
    let (mut y, mut m, mut d) = (None, None, None);
    let sb = s.as_bytes();
    let fb = format.as_bytes();
    let (mut i, mut j) = (0, 0);
    while j < fb.len() {
        if fb[j] == b'%' && j + 1 < fb.len() {
            let width = match fb[j + 1] {
                b'Y' => 4,
                b'm' | b'd' => 2,
                _ => return None,
            };
            // Day and month may be written with one digit when a separator follows.
            let mut end = (i + width).min(sb.len());
            while end > i && !sb[i..end].iter().all(u8::is_ascii_digit) {
                end -= 1;
            }
            if end == i {
                return None;
            }
            // At most four digits, checked above.
            let v = sb[i..end].iter().fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
            match fb[j + 1] {
                b'Y' if end - i == 4 => y = Some(v as u16),
                b'm' => m = Some(v as u8),
                b'd' => d = Some(v as u8),
                _ => return None,
            }
            i = end;
            j += 2;
        } else {
            if sb.get(i) != Some(&fb[j]) {
                return None;
            }
            i += 1;
            j += 1;
        }
    }
    if i != sb.len() {
        return None;
    }
    let date = Date { y: y?, m: m?, d: d? };
    let days = match date.m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if date.y.is_multiple_of(4) && (!date.y.is_multiple_of(100) || date.y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return None,
    };
    (date.d >= 1 && date.d <= days && (1800..=2100).contains(&date.y)).then_some(date)
}

/// A document number and its OCR-folded form; empty when missing.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub value: CompactString,
    pub ocr: CompactString,
}

impl Doc {
    /// A document number as typed, in both forms (see [`document`] and [`ocr_fold`]). Built on
    /// the stack; each form is kept inline (a heap allocation only past 24 bytes): millions are read.
    pub fn new(raw: &str) -> Doc {
        let mut value = [0u8; 64];
        let mut n = 0;
        for b in raw.bytes().filter(u8::is_ascii_alphanumeric) {
            if n == value.len() {
                // Longer than any document number: the general path.
                let v = document(raw);
                return Doc {
                    ocr: CompactString::from(ocr_fold(&v)),
                    value: CompactString::from(v),
                };
            }
            value[n] = b.to_ascii_uppercase();
            n += 1;
        }
        let mut ocr = value;
        for b in &mut ocr[..n] {
            *b = ocr_byte(*b);
        }
        let text = |bytes: &[u8]| CompactString::from(std::str::from_utf8(bytes).unwrap_or_default());
        Doc {
            ocr: text(&ocr[..n]),
            value: text(&value[..n]),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Column {
    Name(Vec<Name>),
    Date(Vec<Option<Date>>),
    Doc(Vec<Doc>),
    /// A hash of the folded value; 0 when missing.
    Cat(Vec<u64>),
    Text(Vec<Box<str>>),
}

/// A prepared register: ids and one column per configured field.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub ids: Vec<CompactString>,
    pub columns: Vec<Column>,
}

impl Records {
    /// Grows or shrinks the register to `n` records, new ones empty. New records are written in
    /// parallel: writing hundreds of megabytes of fresh memory is mostly the kernel providing
    /// pages, which both cores can do.
    fn resize(&mut self, n: usize) {
        fn to<T: Send>(v: &mut Vec<T>, n: usize, empty: impl Fn() -> T + Sync + Send) {
            let from = v.len();
            v.truncate(n);
            v.par_extend((from.min(n)..n).into_par_iter().map(|_| empty()));
        }
        to(&mut self.ids, n, CompactString::default);
        for c in &mut self.columns {
            match c {
                Column::Name(v) => to(v, n, Name::default),
                Column::Date(v) => to(v, n, || None),
                Column::Doc(v) => to(v, n, Doc::default),
                Column::Cat(v) => to(v, n, || 0),
                Column::Text(v) => to(v, n, || Box::from("")),
            }
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A stretch of a register's rows, to be filled in place (pieces of a file read in parallel
/// write straight into the register instead of being joined afterwards).
pub struct RecordsMut<'a> {
    ids: &'a mut [CompactString],
    columns: Vec<ColumnMut<'a>>,
}

enum ColumnMut<'a> {
    Name(&'a mut [Name]),
    Date(&'a mut [Option<Date>]),
    Doc(&'a mut [Doc]),
    Cat(&'a mut [u64]),
    Text(&'a mut [Box<str>]),
}

impl<'a> ColumnMut<'a> {
    /// The first `n` rows of the column, leaving it the rest.
    fn take_front(&mut self, n: usize) -> ColumnMut<'a> {
        match self {
            ColumnMut::Name(v) => ColumnMut::Name(take_front(v, n)),
            ColumnMut::Date(v) => ColumnMut::Date(take_front(v, n)),
            ColumnMut::Doc(v) => ColumnMut::Doc(take_front(v, n)),
            ColumnMut::Cat(v) => ColumnMut::Cat(take_front(v, n)),
            ColumnMut::Text(v) => ColumnMut::Text(take_front(v, n)),
        }
    }
}

impl Records {
    /// Cuts the register, from record `start` on, into consecutive stretches of the given
    /// lengths (which must add up to at most the records left), each to be filled on its own.
    pub fn split_mut(&mut self, start: usize, lengths: &[usize]) -> Vec<RecordsMut<'_>> {
        let mut ids: &mut [CompactString] = &mut self.ids;
        take_front(&mut ids, start);
        let mut columns: Vec<ColumnMut<'_>> = self
            .columns
            .iter_mut()
            .map(|c| match c {
                Column::Name(v) => ColumnMut::Name(v),
                Column::Date(v) => ColumnMut::Date(v),
                Column::Doc(v) => ColumnMut::Doc(v),
                Column::Cat(v) => ColumnMut::Cat(v),
                Column::Text(v) => ColumnMut::Text(v),
            })
            .collect();
        for c in &mut columns {
            c.take_front(start);
        }
        let mut out = vec![];
        for &n in lengths {
            let here = take_front(&mut ids, n);
            let cols = columns.iter_mut().map(|c| c.take_front(n)).collect();
            out.push(RecordsMut {
                ids: here,
                columns: cols,
            });
        }
        out
    }
}

/// Where each configured input is found in a file's header.
#[derive(Debug, Clone)]
pub struct Preparer {
    config: Config,
    /// The number of columns in the header: the cells of a row.
    width: usize,
    id: usize,
    inputs: Vec<[Option<usize>; 4]>,
}

fn categorical(s: &str) -> String {
    let f = fold(s);
    match f.as_str() {
        "male" | "m" | "muski" | "musko" | "man" => "m".into(),
        "female" | "f" | "zenski" | "zensko" | "woman" | "w" => "f".into(),
        _ => f,
    }
}

impl Preparer {
    /// Resolves the configured columns against a header; a missing column is an error naming it.
    pub fn new(config: &Config, header: &[String]) -> Result<Preparer, LinkError> {
        let find = |c: &str| -> Result<usize, LinkError> {
            header
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == c)
                .ok_or_else(|| LinkError::Input {
                    line: 1,
                    column: Some(c.to_string()),
                    message: format!("missing column `{c}` (the header has: {})", header.join(", ")),
                })
        };
        let opt = |c: &Option<String>| c.as_deref().map(find).transpose();
        let id = find(&config.id)?;
        let mut inputs = vec![];
        for f in &config.fields {
            inputs.push([opt(&f.column)?, opt(&f.given)?, opt(&f.surname)?, opt(&f.full)?]);
        }
        Ok(Preparer {
            config: config.clone(),
            width: header.len(),
            id,
            inputs,
        })
    }

    /// The number of cells a row has: the header's columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Normalises rows (with their line numbers) in parallel and appends them to `out`; on an
    /// error `out` is left as it was.
    pub fn prepare(&self, rows: &[(u64, csv::StringRecord)], out: &mut Records) -> Result<(), LinkError> {
        const BATCH: usize = 1024;
        self.columns(out);
        let start = out.len();
        out.resize(start + rows.len());
        let lengths: Vec<usize> = rows.chunks(BATCH).map(<[_]>::len).collect();
        let done: Vec<Result<(), LinkError>> = rows
            .par_chunks(BATCH)
            .zip(out.split_mut(start, &lengths))
            .map(|(batch, mut stretch)| {
                let lines: Vec<u64> = batch.iter().map(|(line, _)| *line).collect();
                let cells: Vec<&str> = batch
                    .iter()
                    .flat_map(|(_, row)| (0..self.width).map(|i| row.get(i).unwrap_or("")))
                    .collect();
                self.set_batch(&lines, &cells, &mut stretch, 0)
            })
            .collect();
        // The first error in row order is the one reported.
        let done = done.into_iter().collect::<Result<(), LinkError>>();
        if done.is_err() {
            out.resize(start);
        }
        done
    }

    /// A register of `n` empty records, to be filled in place through [`Records::split_mut`] and
    /// [`Preparer::set_batch`]: a file whose number of rows is known is read without any column
    /// being grown or joined (each would be copied into fresh memory).
    pub fn records_of_len(&self, n: usize) -> Records {
        let mut out = Records::default();
        self.columns(&mut out);
        out.resize(n);
        out
    }

    /// Normalises rows into records `k`, `k + 1`, ... of a stretch. The rows are given as their
    /// cells one after another, as many per row as the header has columns, with their line
    /// numbers (for errors).
    pub fn set_batch(&self, lines: &[u64], cells: &[&str], out: &mut RecordsMut, k: usize) -> Result<(), LinkError> {
        let width = self.width.max(1);
        let row = |j: usize| cells.get(j * width..(j + 1) * width).unwrap_or(&[]);
        with_memo(|cache| {
            // The memo is far bigger than the caches and each name needs two dependent loads
            // from it, a slot then the spelling's entry: a row's slots are requested two rows
            // ahead and its entries one row ahead, once the slots have arrived.
            for j in 0..lines.len().min(2) {
                self.prefetch_names(row(j), cache, false);
            }
            for (j, &line) in lines.iter().enumerate() {
                if j + 2 < lines.len() {
                    self.prefetch_names(row(j + 2), cache, false);
                }
                if j + 1 < lines.len() {
                    self.prefetch_names(row(j + 1), cache, true);
                }
                self.row_into(line, row(j), cache, out, k + j)?;
            }
            Ok(())
        })
    }

    /// Requests the memo slots of a row's names, or with `entries` the entries those slots
    /// point to (see [`Name::prefetch`]).
    fn prefetch_names(&self, row: &[&str], cache: &NameCache, entries: bool) {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i).copied()).unwrap_or("");
        for (f, [_, given, surname, full]) in self.config.fields.iter().zip(&self.inputs) {
            if f.kind == FieldType::PersonName {
                Name::prefetch(cell(*given), cell(*surname), cell(*full), cache, entries);
            }
        }
    }

    fn columns(&self, out: &mut Records) {
        if out.columns.is_empty() {
            out.columns = self
                .config
                .fields
                .iter()
                .map(|f| match f.kind {
                    FieldType::PersonName => Column::Name(vec![]),
                    FieldType::Date => Column::Date(vec![]),
                    FieldType::Document => Column::Doc(vec![]),
                    FieldType::Categorical => Column::Cat(vec![]),
                    FieldType::Text => Column::Text(vec![]),
                })
                .collect();
        }
    }

    /// Prepares one row into record `k` of a stretch.
    fn row_into(
        &self,
        line: u64,
        row: &[&str],
        cache: &mut NameCache,
        out: &mut RecordsMut,
        k: usize,
    ) -> Result<(), LinkError> {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i).copied()).unwrap_or("");
        let id = cell(Some(self.id)).trim();
        if id.is_empty() {
            return Err(LinkError::Input {
                line,
                column: Some(self.config.id.clone()),
                message: "the id is empty".into(),
            });
        }
        if let Some(slot) = out.ids.get_mut(k) {
            *slot = CompactString::from(id);
        }
        let fields = self.config.fields.iter().zip(&self.inputs).zip(out.columns.iter_mut());
        for ((f, [col, given, surname, full]), column) in fields {
            match column {
                ColumnMut::Name(c) => {
                    if let Some(slot) = c.get_mut(k) {
                        *slot = Name::with_cache(cell(*given), cell(*surname), cell(*full), cache);
                    }
                }
                ColumnMut::Date(c) => {
                    let date = date_cell(f, line, cell(*col))?;
                    if let Some(slot) = c.get_mut(k) {
                        *slot = date;
                    }
                }
                ColumnMut::Doc(c) => {
                    if let Some(slot) = c.get_mut(k) {
                        *slot = Doc::new(cell(*col));
                    }
                }
                ColumnMut::Cat(c) => {
                    // A handful of distinct values (sex, nationality): each is folded once.
                    let raw = cell(*col);
                    let key = hash(raw.as_bytes());
                    let v = match cache.categories.get(&key) {
                        Some(v) => *v,
                        None => {
                            let v = categorical(raw);
                            let v = if v.is_empty() { 0 } else { hash(v.as_bytes()) | 1 };
                            if cache.categories.len() < 1 << 16 {
                                cache.categories.insert(key, v);
                            }
                            v
                        }
                    };
                    if let Some(slot) = c.get_mut(k) {
                        *slot = v;
                    }
                }
                ColumnMut::Text(c) => {
                    if let Some(slot) = c.get_mut(k) {
                        *slot = fold(cell(*col)).into_boxed_str();
                    }
                }
            }
        }
        Ok(())
    }
}

fn date_cell(f: &FieldConfig, line: u64, s: &str) -> Result<Option<Date>, LinkError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    if f.invalid == crate::config::Invalid::Missing {
        return Ok(parse_date(s, &f.formats));
    }
    parse_date(s, &f.formats).map(Some).ok_or_else(|| LinkError::Input {
        line,
        column: f.column.clone(),
        message: format!("`{s}` is not a date in any of the formats {}", f.formats.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_parts_or_full_meet_in_any_order() {
        let a = Name::new("Md. Abdur", "Rahman", "");
        let b = Name::new("", "", "RAHMAN Mohammad Abdur");
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key(), "abdur muhammad rahman");
        assert!(Name::new("", "", "").is_missing());
        assert_eq!(
            Name::new("Ђорђе", "Петровић", "").key(),
            Name::new("Đorđe", "Petrović", "").key()
        );
        assert_eq!(a.part_hash(2), Some(hash(b"amr")));
        assert_eq!(Name::new("", "", "").part_hash(1), None);
    }

    #[test]
    fn a_name_from_the_memo_is_the_name_normalised_afresh() {
        // Enough spellings for the memo's table to grow several times; each name is looked up
        // again after all were added, and must equal the name built with an empty memo.
        let mut cache = NameCache::default();
        let parts = |k: usize| {
            let given = format!("Md. Abdur{k} Ravi-{}", k % 7);
            let surname = format!("Chowdhury{}", k / 3);
            let full = format!("KUMAR Ђорђе {k}");
            (given, surname, full)
        };
        for k in 0..6000 {
            let (g, s, f) = parts(k);
            Name::with_cache(&g, &s, "", &mut cache);
            Name::with_cache("", "", &f, &mut cache);
        }
        assert!(cache.slots.len() >= 1 << 14);
        for k in (0..6000).step_by(37) {
            let (g, s, f) = parts(k);
            for (g, s, f) in [(g.as_str(), s.as_str(), ""), ("", "", f.as_str())] {
                let (memo, fresh) = (Name::with_cache(g, s, f, &mut cache), Name::new(g, s, f));
                assert_eq!(memo.key(), fresh.key());
                for i in 0..5 {
                    assert_eq!(memo.part_hash(i), fresh.part_hash(i), "{g} {s} {f}: part {i}");
                }
            }
        }
        // The surname's phonetic key comes from the surname, or the full name's last token.
        let a = Name::new("Ravi", "Kumar", "");
        let b = Name::new("", "", "Ravi Kumar");
        assert_eq!(a.part_hash(3), b.part_hash(3));
        assert_eq!(a.part_hash(4), b.part_hash(4));
        assert_ne!(a.part_hash(3), a.part_hash(4));
    }

    proptest::proptest! {
        #[test]
        fn a_document_number_is_normalised_as_by_the_general_functions(raw in "[a-zA-Z0-9 /.ÖŠ-]{0,80}") {
            let d = Doc::new(&raw);
            let value = document(&raw);
            proptest::prop_assert_eq!(&*d.value, value.as_str());
            let ocr = ocr_fold(&value);
            proptest::prop_assert_eq!(&*d.ocr, ocr.as_str());
        }
    }

    #[test]
    fn a_bad_row_is_reported_at_the_first_bad_line_and_leaves_the_register_unchanged() {
        let config = Config::default_worker();
        let header: Vec<String> =
            "record_id,given_name,surname,full_name,date_of_birth,sex,nationality,passport_number"
                .split(',')
                .map(str::to_string)
                .collect();
        let prep = Preparer::new(&config, &header).unwrap();
        // More rows than one batch, so that the bad rows fall in different batches.
        let rows = |bad: &[usize]| -> Vec<(u64, csv::StringRecord)> {
            (0..2500)
                .map(|k| {
                    let id = if bad.contains(&k) {
                        String::new()
                    } else {
                        format!("W{k}")
                    };
                    let row = [id.as_str(), "Abdur", "Rahman", "", "1990-03-07", "M", "BD", "B1"];
                    (k as u64 + 2, csv::StringRecord::from(row.to_vec()))
                })
                .collect()
        };
        let mut out = Records::default();
        prep.prepare(&rows(&[]), &mut out).unwrap();
        assert_eq!((out.len(), out.ids[2499].as_str()), (2500, "W2499"));
        let before = format!("{out:?}");
        let err = prep.prepare(&rows(&[2300, 1500]), &mut out).unwrap_err().to_string();
        assert!(
            err.starts_with("line 1502, column `record_id`: the id is empty"),
            "{err}"
        );
        assert_eq!(format!("{out:?}"), before);
    }

    #[test]
    fn dates_in_the_usual_formats() {
        let f: Vec<String> = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let want = Some(Date { y: 1990, m: 3, d: 7 });
        for s in ["1990-03-07", "07.03.1990", "7.3.1990", "07/03/1990", "19900307"] {
            assert_eq!(parse_date(s, &f), want, "{s}");
        }
        for s in ["1990-02-30", "31/13/1990", "yesterday", "1990-03"] {
            assert_eq!(parse_date(s, &f), None, "{s}");
        }
        assert!(parse_date("1990-01-01", &f).unwrap().is_placeholder());
    }
}
