//! Turning input rows into compact, normalised records: one column per configured field, so that
//! two million records fit in a few hundred megabytes and comparisons touch only bytes.

use compact_str::CompactString;
use rayon::prelude::*;

use crate::config::{Config, FieldConfig, FieldType};
use crate::normalise::{document, fold, ocr_byte, ocr_fold};
use crate::quality::Unreadable;
use crate::{LinkError, hash, take_front};

pub use crate::date::{Date, DateCell, parse_date, read_date};
pub use crate::name::Name;
use crate::name::{NameCache, with_memo};

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
            if n.saturating_sub(from) < 4096 {
                v.extend((from.min(n)..n).map(|_| empty()));
            } else {
                v.par_extend((from.min(n)..n).into_par_iter().map(|_| empty()));
            }
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

    /// Adds another register's records after these (the same configuration's columns).
    pub fn append(&mut self, other: Records) {
        if self.columns.is_empty() {
            *self = other;
            return;
        }
        self.ids.extend(other.ids);
        for (mine, theirs) in self.columns.iter_mut().zip(other.columns) {
            match (mine, theirs) {
                (Column::Name(a), Column::Name(b)) => a.extend(b),
                (Column::Date(a), Column::Date(b)) => a.extend(b),
                (Column::Doc(a), Column::Doc(b)) => a.extend(b),
                (Column::Cat(a), Column::Cat(b)) => a.extend(b),
                (Column::Text(a), Column::Text(b)) => a.extend(b),
                // Registers of one configuration have the same columns in the same order.
                _ => {}
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
    /// Per field, the codes a categorical field allows (folded and hashed); empty: any.
    allowed: Vec<Vec<u64>>,
    /// Refuse the register at its first unreadable value instead of counting it.
    strict: bool,
}

fn categorical(s: &str) -> String {
    let f = fold(s);
    match f.as_str() {
        "male" | "m" | "muski" | "musko" | "man" => "m".into(),
        "female" | "f" | "zenski" | "zensko" | "woman" | "w" => "f".into(),
        // ICAO 9303 writes an unspecified sex `<` (folded away) or `X`.
        "x" | "unspecified" => "x".into(),
        _ => f,
    }
}

/// A categorical value's code: the hash of its folded form, never 0 (0 is "missing").
fn category_code(folded: &str) -> u64 {
    if folded.is_empty() {
        0
    } else {
        hash(folded.as_bytes()) | 1
    }
}

/// A date format as people write it: `%d.%m.%Y` → `DD.MM.YYYY`.
fn as_written(format: &str) -> String {
    format.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
}

/// Document numbers registers write when there is none.
fn placeholder_document(value: &str) -> bool {
    matches!(
        value,
        "NA" | "NONE" | "UNKNOWN" | "NIL" | "NULL" | "NOPASSPORT" | "TBD" | "X"
    ) || (value.len() >= 3 && value.bytes().all(|b| b == value.as_bytes()[0]))
}

/// A document number's characters beyond what numbers are written with (letters, digits,
/// spaces, hyphens, slashes and dots).
fn stray_characters(raw: &str) -> bool {
    raw.chars().any(|c| !(c.is_ascii_alphanumeric() || " -/.".contains(c)))
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
        let allowed = config
            .fields
            .iter()
            .map(|f| f.values.iter().map(|v| category_code(&categorical(v))).collect())
            .collect();
        Ok(Preparer {
            config: config.clone(),
            width: header.len(),
            id,
            inputs,
            allowed,
            strict: false,
        })
    }

    /// With `strict`, the first unreadable value stops the register at its line and column, as
    /// a field configured `invalid = "error"` always does; without, it is counted and compared as
    /// missing (or by what can be read of it).
    pub fn strict(mut self, strict: bool) -> Preparer {
        self.strict = strict;
        self
    }

    /// Counts an unreadable value, or refuses it where the run or the field is strict.
    fn unreadable(
        &self,
        field: Option<&FieldConfig>,
        (column, line, value): (&str, u64, &str),
        what: &str,
        read_as: String,
        tally: &mut Unreadable,
    ) -> Result<(), LinkError> {
        if self.strict || field.is_some_and(|f| f.invalid == crate::config::Invalid::Error) {
            return Err(LinkError::Input {
                line,
                column: Some(column.to_string()),
                message: if value.is_empty() {
                    what.to_string()
                } else {
                    format!("`{value}` {what}")
                },
            });
        }
        tally.note(column, line, value, (what.to_string(), read_as));
        Ok(())
    }

    /// The input columns the configuration reads, in its order (for reports).
    pub fn input_columns(&self) -> Vec<&str> {
        self.config.columns()
    }

    /// The number of cells a row has: the header's columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Normalises rows (with their line numbers) in parallel and appends them to `out`; on an
    /// error `out` is left as it was.
    /// Returns what could not be read, per column.
    pub fn prepare(&self, rows: &[(u64, csv::StringRecord)], out: &mut Records) -> Result<Unreadable, LinkError> {
        const BATCH: usize = 1024;
        self.columns(out);
        let start = out.len();
        out.resize(start + rows.len());
        let lengths: Vec<usize> = rows.chunks(BATCH).map(<[_]>::len).collect();
        let stretches = out.split_mut(start, &lengths);
        let done: Vec<Result<Unreadable, LinkError>> = if rows.len() <= 16 {
            // A record or a few (the person index's saves): handing them to other threads would
            // cost more than preparing them here.
            rows.chunks(BATCH)
                .zip(stretches)
                .map(|(batch, stretch)| self.batch_into(batch, stretch))
                .collect()
        } else {
            rows.par_chunks(BATCH)
                .zip(stretches)
                .map(|(batch, stretch)| self.batch_into(batch, stretch))
                .collect()
        };
        // The first error in row order is the one reported.
        let mut unreadable = Unreadable::default();
        for d in done {
            match d {
                Ok(t) => unreadable.merge(t),
                Err(e) => {
                    out.resize(start);
                    return Err(e);
                }
            }
        }
        unreadable.order_by(&self.config.columns());
        Ok(unreadable)
    }

    /// Prepares one batch of rows into its stretch of the register.
    fn batch_into(&self, batch: &[(u64, csv::StringRecord)], mut stretch: RecordsMut) -> Result<Unreadable, LinkError> {
        let lines: Vec<u64> = batch.iter().map(|(line, _)| *line).collect();
        let cells: Vec<&str> = batch
            .iter()
            .flat_map(|(_, row)| (0..self.width).map(|i| row.get(i).unwrap_or("")))
            .collect();
        let mut tally = Unreadable::default();
        self.set_batch(&lines, &cells, &mut stretch, 0, &mut tally)?;
        Ok(tally)
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
    /// numbers (for errors and the tally of unreadable values).
    pub fn set_batch(
        &self,
        lines: &[u64],
        cells: &[&str],
        out: &mut RecordsMut,
        k: usize,
        tally: &mut Unreadable,
    ) -> Result<(), LinkError> {
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
                self.row_into(line, row(j), cache, out, k + j, tally)?;
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
        tally: &mut Unreadable,
    ) -> Result<(), LinkError> {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i).copied()).unwrap_or("");
        let id = cell(Some(self.id)).trim();
        let id = if id.is_empty() {
            // A record without an id is still a person to find: it is named by its line.
            let named = format!("@{line}");
            self.unreadable(
                None,
                (&self.config.id, line, ""),
                "the id is empty",
                format!("the record is named {named}"),
                tally,
            )?;
            CompactString::from(named)
        } else {
            CompactString::from(id)
        };
        if let Some(slot) = out.ids.get_mut(k) {
            *slot = id;
        }
        let column_of = |f: &FieldConfig| f.column.as_deref().unwrap_or(&f.name).to_string();
        let fields = self
            .config
            .fields
            .iter()
            .zip(&self.inputs)
            .zip(&self.allowed)
            .zip(out.columns.iter_mut());
        for (((f, [col, given, surname, full]), allowed), column) in fields {
            match column {
                ColumnMut::Name(c) => {
                    if let Some(slot) = c.get_mut(k) {
                        *slot = Name::with_cache(cell(*given), cell(*surname), cell(*full), cache);
                    }
                }
                ColumnMut::Date(c) => {
                    let raw = cell(*col);
                    let date = match read_date(raw, &f.formats) {
                        DateCell::Empty => None,
                        DateCell::Date(d) | DateCell::Year(d) => Some(d),
                        DateCell::Unreadable(year) => {
                            let read_as = match year {
                                Some(d) => format!("compared by its year {}", d.y),
                                None => "compared as missing".to_string(),
                            };
                            let formats: Vec<String> = f.formats.iter().map(|x| as_written(x)).collect();
                            let what = format!("is not a date in any of the formats {}", formats.join(", "));
                            self.unreadable(Some(f), (&column_of(f), line, raw), &what, read_as, tally)?;
                            year
                        }
                    };
                    if let Some(slot) = c.get_mut(k) {
                        *slot = date;
                    }
                }
                ColumnMut::Doc(c) => {
                    let raw = cell(*col);
                    let mut doc = Doc::new(raw);
                    if placeholder_document(&doc.value) {
                        let what = "is a placeholder, not a document number";
                        self.unreadable(
                            Some(f),
                            (&column_of(f), line, raw),
                            what,
                            "compared as missing".into(),
                            tally,
                        )?;
                        doc = Doc::default();
                    } else if stray_characters(raw) {
                        let read_as = if doc.value.is_empty() {
                            "compared as missing".to_string()
                        } else {
                            format!("compared as {}", doc.value)
                        };
                        let what = "has characters no document number has";
                        self.unreadable(Some(f), (&column_of(f), line, raw), what, read_as, tally)?;
                    }
                    if let Some(slot) = c.get_mut(k) {
                        *slot = doc;
                    }
                }
                ColumnMut::Cat(c) => {
                    // A handful of distinct values (sex, nationality): each is folded once.
                    let raw = cell(*col);
                    let key = hash(raw.as_bytes());
                    let v = match cache.categories.get(&key) {
                        Some(v) => *v,
                        None => {
                            let v = category_code(&categorical(raw));
                            if cache.categories.len() < 1 << 16 {
                                cache.categories.insert(key, v);
                            }
                            v
                        }
                    };
                    let v = if v != 0 && !allowed.is_empty() && !allowed.contains(&v) {
                        let what = format!("is none of the codes {}", f.values.join(", "));
                        self.unreadable(
                            Some(f),
                            (&column_of(f), line, raw),
                            &what,
                            "compared as missing".into(),
                            tally,
                        )?;
                        0
                    } else {
                        v
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
        let prep = Preparer::new(&config, &header).unwrap().strict(true);
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
        // Without strictness the same rows are read, each id-less record named by its line and
        // counted, the first examples in line order whichever batch finished first.
        let lenient = Preparer::new(&config, &header).unwrap();
        let mut out = Records::default();
        let bad: Vec<usize> = (0..2500).rev().step_by(100).collect();
        let tally = lenient.prepare(&rows(&bad), &mut out).unwrap();
        assert_eq!(out.len(), 2500);
        assert_eq!(out.ids[99].as_str(), "@101");
        assert_eq!(tally.columns.len(), 1);
        assert_eq!(tally.columns[0].count, 25);
        let lines: Vec<u64> = tally.columns[0].examples.iter().map(|e| e.line).collect();
        assert_eq!(lines, [101, 201, 301, 401, 501]);
    }
}
