//! Turning input rows into compact, normalised records: one column per configured field, so that
//! two million records fit in a few hundred megabytes and comparisons touch only bytes.

use rayon::prelude::*;

use crate::config::{Config, FieldConfig, FieldType};
use crate::normalise::{document, fold, name_tokens, ocr_fold, phonetic};
use crate::{LinkError, hash};

/// A person name, normalised: its key (the sorted tokens; empty when the name is missing) and the
/// hashes of its five parts — the key, the sorted phonetic keys of the tokens, the initials, the
/// surname's and the given name's phonetic keys. Only the key is compared as text; the other parts
/// serve as blocking keys and equality tests, so their hashes, taken while the text is in cache,
/// are all that is kept (two million names are two million heap objects, and smaller is faster).
#[derive(Debug, Clone, Default)]
pub struct Name {
    key: Box<str>,
    hashes: [u64; 5],
    /// Bit `i` set when part `i` is not empty.
    present: u8,
}

/// Memo of normalised name parts: registers repeat the same given names and surnames endlessly,
/// so each distinct spelling is folded, split and given its phonetic keys once per batch, and a
/// name is then assembled from the memo without allocating anything but its own buffer.
///
/// The memo is laid out for few cache misses (it is looked up twice per record and is far bigger
/// than the caches): spellings are found by a 64-bit hash alone (two different spellings of the
/// same hash, about one chance in 10^13 per register, would share their tokens), and all tokens
/// live side by side in one byte arena.
#[derive(Default)]
pub struct NameCache {
    /// Hash of a distinct input → the range of its tokens in `tokens` (kept in the map itself,
    /// which saves one cache miss per lookup).
    index: rustc_hash::FxHashMap<u64, (u32, u32)>,
    /// Per token: start and length of its text, then of its phonetic key, in `arena`.
    tokens: Vec<[u32; 4]>,
    arena: String,
    /// Hash of a raw categorical value → hash of its folded value (0: missing).
    categories: rustc_hash::FxHashMap<u64, u64>,
    /// Scratch: the tokens (indices in `tokens`) of the name being assembled, and its text.
    order: Vec<u32>,
    text: String,
}

thread_local! {
    /// One memo per worker thread, kept across batches: rayon splits a batch into many small jobs,
    /// and a memo per job would see each spelling only a few times. Normalisation does not depend
    /// on the configuration, so the memo stays valid from one register to the next.
    static NAME_CACHE: std::cell::RefCell<NameCache> = std::cell::RefCell::new(NameCache::default());
}

/// Distinct spellings a memo holds before it starts afresh (about 100 MB at most).
const NAME_CACHE_MAX: usize = 1 << 20;

/// The tokens of an empty input.
const NO_PART: (u32, u32) = (0, 0);

impl NameCache {
    fn part(&mut self, s: &str) -> (u32, u32) {
        if s.is_empty() {
            return NO_PART;
        }
        let h = crate::hash(s.as_bytes());
        if let Some(&range) = self.index.get(&h) {
            return range;
        }
        let first = self.tokens.len() as u32;
        for t in name_tokens(s) {
            let p = phonetic(&t);
            let at = self.arena.len() as u32;
            self.arena.push_str(&t);
            self.arena.push_str(&p);
            self.tokens
                .push([at, t.len() as u32, at + t.len() as u32, p.len() as u32]);
        }
        let range = (first, self.tokens.len() as u32);
        self.index.insert(h, range);
        range
    }

    fn tokens(&self, (a, b): (u32, u32)) -> &[[u32; 4]] {
        self.tokens.get(a as usize..b as usize).unwrap_or(&[])
    }

    fn text(&self, t: &[u32; 4]) -> &str {
        self.arena.get(t[0] as usize..(t[0] + t[1]) as usize).unwrap_or("")
    }

    fn phon(&self, t: &[u32; 4]) -> &str {
        self.arena.get(t[2] as usize..(t[2] + t[3]) as usize).unwrap_or("")
    }
}

impl Name {
    pub fn new(given: &str, surname: &str, full: &str) -> Name {
        Name::with_cache(given, surname, full, &mut NameCache::default())
    }

    pub fn with_cache(given: &str, surname: &str, full: &str, cache: &mut NameCache) -> Name {
        let (g, s) = (cache.part(given), cache.part(surname));
        let f = if cache.tokens(g).is_empty() && cache.tokens(s).is_empty() {
            cache.part(full)
        } else {
            NO_PART
        };
        let mut order = std::mem::take(&mut cache.order);
        let mut text = std::mem::take(&mut cache.text);
        order.clear();
        text.clear();
        for (a, b) in [g, s, f] {
            order.extend(a..b);
        }
        let name = if order.is_empty() {
            Name::default()
        } else {
            Name::assemble(cache, &order, &mut text, [g, s, f])
        };
        cache.order = order;
        cache.text = text;
        name
    }

    fn assemble(cache: &NameCache, order: &[u32], text: &mut String, [g, s, f]: [(u32, u32); 3]) -> Name {
        let tok = |&t: &u32| match cache.tokens.get(t as usize) {
            Some(k) => (cache.text(k), cache.phon(k)),
            None => ("", ""),
        };
        // Names longer than 255 bytes are cut: no register holds such a name.
        const PART_MAX: usize = 250 / 5;
        let mut cuts = [0u8; 4];
        let push_joined = |text: &mut String, items: &mut dyn Iterator<Item = &str>| -> u8 {
            let start = text.len();
            for (n, item) in items.enumerate() {
                if n > 0 {
                    text.push(' ');
                }
                text.push_str(item);
            }
            text.truncate(start + (text.len() - start).min(PART_MAX));
            text.len().min(255) as u8
        };
        // The tokens sorted on the stack (a name has a handful of them).
        let mut stack = [("", ""); 16];
        let mut heap: Vec<(&str, &str)>;
        let toks: &mut [(&str, &str)] = if order.len() <= stack.len() {
            for (slot, o) in stack.iter_mut().zip(order.iter()) {
                *slot = tok(o);
            }
            &mut stack[..order.len()]
        } else {
            heap = order.iter().map(tok).collect();
            &mut heap
        };
        toks.sort_unstable_by(|a, b| a.0.cmp(b.0));
        cuts[0] = push_joined(text, &mut toks.iter().map(|t| t.0));
        toks.sort_unstable_by(|a, b| a.1.cmp(b.1));
        cuts[1] = push_joined(text, &mut toks.iter().map(|t| t.1));
        let mut initials = [0u8; PART_MAX];
        let mut n = 0;
        for b in toks.iter().filter_map(|t| t.0.bytes().next()).take(PART_MAX) {
            initials[n] = b;
            n += 1;
        }
        initials[..n].sort_unstable();
        text.extend(initials[..n].iter().map(|&b| char::from(b)));
        cuts[2] = text.len().min(255) as u8;
        // When only a full name exists, the surname is taken as its last token (the commonest
        // order in these registers); swapped orders still meet on the sorted key.
        let (full, sur, giv) = (cache.tokens(f), cache.tokens(s), cache.tokens(g));
        let sur_ph: &mut dyn Iterator<Item = &str> = if sur.is_empty() {
            &mut full.last().map(|t| cache.phon(t)).into_iter()
        } else {
            &mut sur.iter().map(|t| cache.phon(t))
        };
        cuts[3] = push_joined(text, sur_ph);
        let giv_ph: &mut dyn Iterator<Item = &str> = if giv.is_empty() {
            &mut full.first().map(|t| cache.phon(t)).into_iter()
        } else {
            &mut giv.iter().map(|t| cache.phon(t))
        };
        push_joined(text, giv_ph);
        let mut name = Name {
            key: Box::from(text.get(..cuts[0] as usize).unwrap_or("")),
            hashes: [0; 5],
            present: 0,
        };
        for i in 0..5 {
            let start = if i == 0 { 0 } else { cuts[i - 1] as usize };
            let end = if i < 4 { cuts[i] as usize } else { text.len() };
            let part = text.get(start..end).unwrap_or("");
            name.hashes[i] = crate::hash(part.as_bytes());
            if !part.is_empty() {
                name.present |= 1 << i;
            }
        }
        name
    }

    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn key_hash(&self) -> u64 {
        self.hashes[0]
    }
    /// The hash of part `i` (0 key, 1 phonetic, 2 initials, 3 surname's and 4 given name's
    /// phonetic keys), or `None` when that part is empty.
    pub fn part_hash(&self, i: usize) -> Option<u64> {
        (self.present & (1 << i) != 0).then(|| self.hashes[i])
    }
    pub fn is_missing(&self) -> bool {
        self.key.is_empty()
    }
}

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
            let v: u32 = std::str::from_utf8(&sb[i..end]).ok()?.parse().ok()?;
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
    pub value: Box<str>,
    pub ocr: Box<str>,
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
    pub ids: Vec<String>,
    pub columns: Vec<Column>,
}

impl Records {
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
    ids: &'a mut [String],
    columns: Vec<ColumnMut<'a>>,
}

enum ColumnMut<'a> {
    Name(&'a mut [Name]),
    Date(&'a mut [Option<Date>]),
    Doc(&'a mut [Doc]),
    Cat(&'a mut [u64]),
    Text(&'a mut [Box<str>]),
}

impl RecordsMut<'_> {
    fn set(&mut self, k: usize, id: String, values: Vec<Value>) {
        if let Some(slot) = self.ids.get_mut(k) {
            *slot = id;
        }
        for (col, v) in self.columns.iter_mut().zip(values) {
            match (col, v) {
                (ColumnMut::Name(c), Value::Name(v)) => c[k] = v,
                (ColumnMut::Date(c), Value::Date(v)) => c[k] = v,
                (ColumnMut::Doc(c), Value::Doc(v)) => c[k] = v,
                (ColumnMut::Cat(c), Value::Cat(v)) => c[k] = v,
                (ColumnMut::Text(c), Value::Text(v)) => c[k] = v,
                _ => {}
            }
        }
    }
}

impl Records {
    /// Cuts the register into consecutive stretches of the given lengths (which must add up to
    /// at most its length), each to be filled on its own.
    pub fn split_mut(&mut self, lengths: &[usize]) -> Vec<RecordsMut<'_>> {
        let mut ids: &mut [String] = &mut self.ids;
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
        let mut out = vec![];
        for &n in lengths {
            let here = take_front(&mut ids, n);
            let cols = columns
                .iter_mut()
                .map(|c| match c {
                    ColumnMut::Name(v) => ColumnMut::Name(take_front(v, n)),
                    ColumnMut::Date(v) => ColumnMut::Date(take_front(v, n)),
                    ColumnMut::Doc(v) => ColumnMut::Doc(take_front(v, n)),
                    ColumnMut::Cat(v) => ColumnMut::Cat(take_front(v, n)),
                    ColumnMut::Text(v) => ColumnMut::Text(take_front(v, n)),
                })
                .collect();
            out.push(RecordsMut {
                ids: here,
                columns: cols,
            });
        }
        out
    }
}

/// The first `n` elements of `v` (fewer if it is shorter), leaving `v` the rest.
fn take_front<'a, T>(v: &mut &'a mut [T], n: usize) -> &'a mut [T] {
    let all = std::mem::take(v);
    let (front, rest) = all.split_at_mut(n.min(all.len()));
    *v = rest;
    front
}

/// Where each configured input is found in a file's header.
#[derive(Debug, Clone)]
pub struct Preparer {
    config: Config,
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
            id,
            inputs,
        })
    }

    /// Normalises rows (with their line numbers) in parallel and appends them to `out`.
    pub fn prepare(&self, rows: &[(u64, csv::StringRecord)], out: &mut Records) -> Result<(), LinkError> {
        let prepared: Result<Vec<(String, Vec<Value>)>, LinkError> =
            rows.par_iter().map(|(line, row)| self.cached_row(*line, row)).collect();
        let prepared = prepared?;
        self.columns(out);
        out.ids.reserve(prepared.len());
        for (id, values) in prepared {
            push_values(out, id, values);
        }
        Ok(())
    }

    /// A register of `n` empty records, to be filled in place through [`Records::split_mut`] and
    /// [`Preparer::set`]: a file whose number of rows is known is read without any column being
    /// grown or joined (each would be copied into fresh memory).
    pub fn records_of_len(&self, n: usize) -> Records {
        // Filled in parallel: writing hundreds of megabytes of fresh memory is mostly the
        // kernel providing pages, which both cores can do.
        fn filled<T: Send>(n: usize, value: impl Fn() -> T + Sync + Send) -> Vec<T> {
            (0..n).into_par_iter().map(|_| value()).collect()
        }
        let columns = self
            .config
            .fields
            .iter()
            .map(|f| match f.kind {
                FieldType::PersonName => Column::Name(filled(n, Name::default)),
                FieldType::Date => Column::Date(filled(n, || None)),
                FieldType::Document => Column::Doc(filled(n, Doc::default)),
                FieldType::Categorical => Column::Cat(vec![0; n]),
                FieldType::Text => Column::Text(filled(n, || Box::from(""))),
            })
            .collect();
        Records {
            ids: filled(n, String::new),
            columns,
        }
    }

    /// Normalises one row into record `k` of a stretch.
    pub fn set(&self, line: u64, row: &csv::StringRecord, out: &mut RecordsMut, k: usize) -> Result<(), LinkError> {
        let (id, values) = self.cached_row(line, row)?;
        out.set(k, id, values);
        Ok(())
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

    fn cached_row(&self, line: u64, row: &csv::StringRecord) -> Result<(String, Vec<Value>), LinkError> {
        NAME_CACHE.with_borrow_mut(|cache| {
            if cache.index.len() > NAME_CACHE_MAX {
                *cache = NameCache::default();
            }
            self.row(line, row, cache)
        })
    }

    fn row(
        &self,
        line: u64,
        row: &csv::StringRecord,
        cache: &mut NameCache,
    ) -> Result<(String, Vec<Value>), LinkError> {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
        let id = cell(Some(self.id)).trim().to_string();
        if id.is_empty() {
            return Err(LinkError::Input {
                line,
                column: Some(self.config.id.clone()),
                message: "the id is empty".into(),
            });
        }
        let mut values = Vec::with_capacity(self.inputs.len());
        for (f, [col, given, surname, full]) in self.config.fields.iter().zip(&self.inputs) {
            values.push(match f.kind {
                FieldType::PersonName => {
                    Value::Name(Name::with_cache(cell(*given), cell(*surname), cell(*full), cache))
                }
                FieldType::Date => Value::Date(date_cell(f, line, cell(*col))?),
                FieldType::Document => {
                    // Both forms allocated at their exact size (a String grown char by char and
                    // then boxed would be reallocated twice).
                    let v = document(cell(*col));
                    Value::Doc(Doc {
                        ocr: Box::from(ocr_fold(&v).as_str()),
                        value: Box::from(v.as_str()),
                    })
                }
                FieldType::Categorical => {
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
                    Value::Cat(v)
                }
                FieldType::Text => Value::Text(fold(cell(*col)).into_boxed_str()),
            });
        }
        Ok((id, values))
    }
}

fn push_values(out: &mut Records, id: String, values: Vec<Value>) {
    out.ids.push(id);
    for (col, v) in out.columns.iter_mut().zip(values) {
        match (col, v) {
            (Column::Name(c), Value::Name(v)) => c.push(v),
            (Column::Date(c), Value::Date(v)) => c.push(v),
            (Column::Doc(c), Value::Doc(v)) => c.push(v),
            (Column::Cat(c), Value::Cat(v)) => c.push(v),
            (Column::Text(c), Value::Text(v)) => c.push(v),
            _ => {}
        }
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

enum Value {
    Name(Name),
    Date(Option<Date>),
    Doc(Doc),
    Cat(u64),
    Text(Box<str>),
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
