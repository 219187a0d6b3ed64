//! Turning input rows into compact, normalised records: one column per configured field, so that
//! two million records fit in a few hundred megabytes and comparisons touch only bytes.

use compact_str::CompactString;
use rayon::prelude::*;

use crate::config::{Config, FieldConfig, FieldType};
use crate::normalise::{document, fold, name_tokens, ocr_byte, ocr_fold, phonetic};
use crate::{LinkError, hash, take_front};

/// A person name, normalised: its key (the sorted tokens; empty when the name is missing) and the
/// hashes of its five parts — the key, the sorted phonetic keys of the tokens, the initials, the
/// surname's and the given name's phonetic keys. Only the key is compared as text; the other parts
/// serve as blocking keys and equality tests, so their hashes, taken while the text is in cache,
/// are all that is kept; the key, like the ids and document numbers, is held inline up to 24
/// bytes (two million records are then no heap objects at all, and smaller is faster: every
/// page of a run is a fault, and allocations cost as much as the work on short strings).
#[derive(Debug, Clone, Default)]
pub struct Name {
    key: CompactString,
    hashes: [u64; 5],
    /// Bit `i` set when part `i` is not empty.
    present: u8,
}

/// Memo of normalised name parts: registers repeat the same given names and surnames endlessly,
/// so each distinct spelling is folded, split and given its phonetic keys once per thread, and a
/// name is then assembled from the memo without allocating anything but its own key.
///
/// The memo is far bigger than the caches and looked up twice per record, so it is laid out for
/// few cache misses, and its slots can be requested ahead (`NameCache::prefetch`): an open-
/// addressing table of (hash, offset) slots, and each spelling's tokens side by side in one byte
/// array. Spellings are found by a 64-bit hash alone (two different spellings of the same hash,
/// about one chance in 10^13 per register, would share their tokens).
#[derive(Default)]
pub struct NameCache {
    /// `(hash | 1, offset in entries)`; a zero hash marks an empty slot. Never more than half
    /// full, so that probes are short.
    slots: Vec<(u64, u32)>,
    used: usize,
    /// Per distinct spelling: its number of tokens, each token's text and phonetic key lengths
    /// (see [`NameCache::number`]), then the texts and keys, token after token. Kept as text so
    /// that reading a token checks only its ends.
    entries: String,
    /// Hash of a raw categorical value → hash of its folded value (0: missing).
    categories: rustc_hash::FxHashMap<u64, u64>,
    /// Scratch: the text of the name being assembled.
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

/// Runs `f` with this thread's memo, emptied first if it has grown past its limit.
fn with_memo<R>(f: impl FnOnce(&mut NameCache) -> R) -> R {
    NAME_CACHE.with_borrow_mut(|cache| {
        if cache.used > NAME_CACHE_MAX {
            *cache = NameCache::default();
        }
        f(cache)
    })
}

/// The tokens of an empty input.
const NO_PART: u32 = u32::MAX;

/// A token's text and phonetic key.
type Token<'a> = (&'a str, &'a str);

impl NameCache {
    fn slot_hash(s: &str) -> u64 {
        crate::hash(s.as_bytes()) | 1
    }

    /// The offset of the tokens of the spelling of slot hash `h`, if the memo holds it.
    fn find(&self, h: u64) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = h as usize & mask;
        while let Some(&(k, offset)) = self.slots.get(at) {
            if k == 0 {
                return None;
            }
            if k == h {
                return Some(offset);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// Asks the CPU to start loading the slot of a spelling about to be looked up, or with
    /// `entry` (once the slot has been requested earlier) the spelling's tokens.
    fn prefetch(&self, s: &str, entry: bool) {
        if s.is_empty() || self.slots.is_empty() {
            return;
        }
        let h = Self::slot_hash(s);
        if !entry {
            if let Some(slot) = self.slots.get(h as usize & (self.slots.len() - 1)) {
                crate::prefetch(slot);
            }
        } else if let Some(offset) = self.find(h) {
            let entry = self.entries.as_bytes();
            // An entry is a few dozen bytes and may run into the next line.
            for b in [entry.get(offset as usize), entry.get(offset as usize + 64)]
                .into_iter()
                .flatten()
            {
                crate::prefetch(b);
            }
        }
    }

    /// The offset of a spelling's tokens, normalising it the first time it is seen.
    fn part(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return NO_PART;
        }
        let h = Self::slot_hash(s);
        if let Some(offset) = self.find(h) {
            return offset;
        }
        let offset = self.entries.len() as u32;
        // A token or key longer than a length can say is cut at a character boundary.
        let cut = |x: String| -> String {
            let mut end = x.len().min(Self::NUMBER_MAX);
            while !x.is_char_boundary(end) {
                end -= 1;
            }
            x[..end].to_string()
        };
        let tokens: Vec<(String, String)> = name_tokens(s)
            .into_iter()
            .take(Self::NUMBER_MAX)
            .map(|t| {
                let p = phonetic(&t);
                (cut(t), cut(p))
            })
            .collect();
        Self::push_number(&mut self.entries, tokens.len());
        for (t, p) in &tokens {
            Self::push_number(&mut self.entries, t.len());
            Self::push_number(&mut self.entries, p.len());
        }
        for (t, p) in &tokens {
            self.entries.push_str(t);
            self.entries.push_str(p);
        }
        self.insert(h, offset);
        offset
    }

    /// The largest number an entry holds: two ASCII characters of seven bits.
    const NUMBER_MAX: usize = (1 << 14) - 1;

    fn push_number(entries: &mut String, n: usize) {
        let n = n.min(Self::NUMBER_MAX);
        entries.push(char::from((n >> 7) as u8));
        entries.push(char::from((n & 0x7f) as u8));
    }

    /// The number at byte `at` of an entry.
    fn number(entry: &[u8], at: usize) -> usize {
        entry
            .get(at..at + 2)
            .map_or(0, |b| usize::from(b[0]) << 7 | usize::from(b[1]))
    }

    fn insert(&mut self, h: u64, offset: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(1 << 12);
            // Written, not allocated zeroed: the probes below would read fresh zeroed pages first,
            // mapping the kernel's shared zero page, and the first write to each would then cost
            // a second fault and a TLB flush on every core.
            let mut slots = Vec::with_capacity(size);
            slots.resize(size, (0, 0));
            let old = std::mem::replace(&mut self.slots, slots);
            self.used = 0;
            for (k, o) in old {
                if k != 0 {
                    self.insert(k, o);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = h as usize & mask;
        while self.slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (h, offset);
        self.used += 1;
    }

    /// The number of tokens of the spelling at `offset`.
    fn count(&self, offset: u32) -> usize {
        self.entries
            .as_bytes()
            .get(offset as usize..)
            .map_or(0, |entry| Self::number(entry, 0))
    }

    /// The tokens of the spelling at `offset`, written to `out` from `*at` on (which advances).
    fn tokens<'c>(&'c self, offset: u32, out: &mut [Token<'c>], at: &mut usize) {
        let Some(entry) = self.entries.get(offset as usize..) else {
            return;
        };
        let bytes = entry.as_bytes();
        let n = Self::number(bytes, 0);
        let mut text_at = 2 + 4 * n;
        for k in 0..n {
            let (t, p) = (Self::number(bytes, 2 + 4 * k), Self::number(bytes, 4 + 4 * k));
            let text = entry.get(text_at..text_at + t).unwrap_or("");
            let key = entry.get(text_at + t..text_at + t + p).unwrap_or("");
            if let Some(slot) = out.get_mut(*at) {
                *slot = (text, key);
                *at += 1;
            }
            text_at += t + p;
        }
    }
}

impl Name {
    pub fn new(given: &str, surname: &str, full: &str) -> Name {
        Name::with_cache(given, surname, full, &mut NameCache::default())
    }

    /// Requests the memo slots of a name's parts, or with `entries` their entries (see
    /// `NameCache::prefetch`).
    pub fn prefetch(given: &str, surname: &str, full: &str, cache: &NameCache, entries: bool) {
        cache.prefetch(given, entries);
        cache.prefetch(surname, entries);
        if given.is_empty() && surname.is_empty() {
            cache.prefetch(full, entries);
        }
    }

    pub fn with_cache(given: &str, surname: &str, full: &str, cache: &mut NameCache) -> Name {
        let (g, s) = (cache.part(given), cache.part(surname));
        let f = if cache.count(g) + cache.count(s) == 0 {
            cache.part(full)
        } else {
            NO_PART
        };
        let mut text = std::mem::take(&mut cache.text);
        text.clear();
        // The tokens on the stack (a name has a handful of them).
        let n = cache.count(g) + cache.count(s) + cache.count(f);
        let mut stack = [("", ""); 16];
        let mut heap: Vec<Token>;
        let toks: &mut [Token] = if n <= stack.len() {
            &mut stack[..n]
        } else {
            heap = vec![("", ""); n];
            &mut heap
        };
        let mut at = 0;
        cache.tokens(g, toks, &mut at);
        let given_end = at;
        cache.tokens(s, toks, &mut at);
        cache.tokens(f, toks, &mut at);
        let name = if at == 0 {
            Name::default()
        } else {
            let parts = (given_end, at - given_end, f != NO_PART);
            Name::assemble(&mut toks[..at], parts, &mut text)
        };
        cache.text = text;
        name
    }

    /// Assembles a name from its tokens: the given name's (`given` of them), then the surname's
    /// (`surname`), or all from the full name (`full`). The five parts are written one after
    /// another into `text`, each remembered by its range.
    fn assemble(toks: &mut [Token], (given, surname, full): (usize, usize, bool), text: &mut String) -> Name {
        // Names longer than 255 bytes are cut: no register holds such a name.
        const PART_MAX: usize = 250 / 5;
        let push_joined = |text: &mut String, items: &mut dyn Iterator<Item = &str>| -> std::ops::Range<usize> {
            let start = text.len();
            for (n, item) in items.enumerate() {
                if n > 0 {
                    text.push(' ');
                }
                text.push_str(item);
            }
            let mut end = start + (text.len() - start).min(PART_MAX);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            start..end
        };
        // 0 the key (sorted tokens), 1 the sorted phonetic keys, 2 the sorted initials, 3 the
        // surname's and 4 the given name's phonetic keys.
        let mut parts: [std::ops::Range<usize>; 5] = Default::default();
        // When only a full name exists, the surname is taken as its last token (the commonest
        // order in these registers) and the given name as its first; swapped orders still meet
        // on the sorted key. Taken before the tokens are sorted.
        if full {
            parts[3] = push_joined(text, &mut toks.last().map(|t| t.1).into_iter());
            parts[4] = push_joined(text, &mut toks.first().map(|t| t.1).into_iter());
        } else {
            parts[3] = push_joined(text, &mut toks[given..given + surname].iter().map(|t| t.1));
            parts[4] = push_joined(text, &mut toks[..given].iter().map(|t| t.1));
        }
        toks.sort_unstable_by(|a, b| a.0.cmp(b.0));
        parts[0] = push_joined(text, &mut toks.iter().map(|t| t.0));
        toks.sort_unstable_by(|a, b| a.1.cmp(b.1));
        parts[1] = push_joined(text, &mut toks.iter().map(|t| t.1));
        let mut initials = [0u8; PART_MAX];
        let mut n = 0;
        for b in toks.iter().filter_map(|t| t.0.bytes().next()).take(PART_MAX) {
            initials[n] = b;
            n += 1;
        }
        initials[..n].sort_unstable();
        let start = text.len();
        text.extend(initials[..n].iter().map(|&b| char::from(b)));
        parts[2] = start..text.len();
        let mut name = Name {
            key: CompactString::from(text.get(parts[0].clone()).unwrap_or("")),
            hashes: [0; 5],
            present: 0,
        };
        for (i, range) in parts.iter().enumerate() {
            let part = text.get(range.clone()).unwrap_or("");
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
