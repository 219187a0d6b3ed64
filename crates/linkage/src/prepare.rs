//! Turning input rows into compact, normalised records: one column per configured field, so that
//! two million records fit in a few hundred megabytes and comparisons touch only bytes.

use rayon::prelude::*;

use crate::config::{Config, FieldConfig, FieldType};
use crate::normalise::{document, fold, name_tokens, ocr_fold, phonetic};
use crate::{LinkError, hash};

/// A person name, normalised. `buf` holds, separated at `cuts`: the sorted tokens (the key), the
/// sorted phonetic keys of the tokens, the initials, the surname's and the given name's phonetic
/// keys. An empty key means the name is missing.
#[derive(Debug, Clone, Default)]
pub struct Name {
    buf: Box<str>,
    cuts: [u8; 4],
    /// Hash of the key, kept because term frequencies look it up on every exact agreement.
    hash: u64,
}

/// Memo of normalised name parts and phonetic keys: registers repeat the same given names and
/// surnames endlessly, so each distinct spelling is normalised once per batch.
#[derive(Default)]
pub struct NameCache {
    tokens: rustc_hash::FxHashMap<String, Vec<String>>,
    phonetic: rustc_hash::FxHashMap<String, String>,
}

impl NameCache {
    fn tokens(&mut self, s: &str) -> Vec<String> {
        if s.is_empty() {
            return vec![];
        }
        if let Some(t) = self.tokens.get(s) {
            return t.clone();
        }
        let t = name_tokens(s);
        self.tokens.insert(s.to_string(), t.clone());
        t
    }

    fn phonetic(&mut self, token: &str) -> String {
        if let Some(p) = self.phonetic.get(token) {
            return p.clone();
        }
        let p = phonetic(token);
        self.phonetic.insert(token.to_string(), p.clone());
        p
    }
}

impl Name {
    pub fn new(given: &str, surname: &str, full: &str) -> Name {
        Name::with_cache(given, surname, full, &mut NameCache::default())
    }

    pub fn with_cache(given: &str, surname: &str, full: &str, cache: &mut NameCache) -> Name {
        let (g, s) = (cache.tokens(given), cache.tokens(surname));
        let in_order = if g.is_empty() && s.is_empty() {
            cache.tokens(full)
        } else {
            vec![]
        };
        let mut tokens: Vec<String> = if in_order.is_empty() {
            g.iter().chain(&s).cloned().collect()
        } else {
            in_order.clone()
        };
        if tokens.is_empty() {
            return Name::default();
        }
        tokens.sort();
        let key = tokens.join(" ");
        let mut ph: Vec<String> = tokens.iter().map(|t| cache.phonetic(t)).collect();
        ph.sort();
        let phon = ph.join(" ");
        let mut initials: Vec<u8> = tokens.iter().filter_map(|t| t.bytes().next()).collect();
        initials.sort_unstable();
        let initials = String::from_utf8(initials).unwrap_or_default();
        // When only a full name exists, the surname is taken as its last token (the commonest
        // order in these registers); swapped orders still meet on the sorted key.
        let sur = if s.is_empty() {
            in_order.last().cloned().unwrap_or_default()
        } else {
            s.join(" ")
        };
        let giv = if g.is_empty() {
            in_order.first().cloned().unwrap_or_default()
        } else {
            g.join(" ")
        };
        let sph = sur.split(' ').map(|t| cache.phonetic(t)).collect::<Vec<_>>().join(" ");
        let gph = giv.split(' ').map(|t| cache.phonetic(t)).collect::<Vec<_>>().join(" ");
        let parts = [key.as_str(), &phon, &initials, &sph, &gph];
        let mut buf = String::new();
        let mut cuts = [0u8; 4];
        for (i, p) in parts.iter().enumerate() {
            // Names longer than 255 bytes are cut: no register holds such a name.
            let p = &p[..p.len().min(250 / 5)];
            buf.push_str(p);
            if i < 4 {
                cuts[i] = buf.len().min(255) as u8;
            }
        }
        let hash = crate::hash(key.as_bytes());
        Name {
            buf: buf.into_boxed_str(),
            cuts,
            hash,
        }
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.cuts[i - 1] as usize };
        let end = if i < 4 { self.cuts[i] as usize } else { self.buf.len() };
        self.buf.get(start..end).unwrap_or("")
    }
    pub fn key(&self) -> &str {
        self.part(0)
    }
    pub fn phonetic(&self) -> &str {
        self.part(1)
    }
    pub fn initials(&self) -> &str {
        self.part(2)
    }
    pub fn surname_phonetic(&self) -> &str {
        self.part(3)
    }
    pub fn given_phonetic(&self) -> &str {
        self.part(4)
    }
    pub fn key_hash(&self) -> u64 {
        self.hash
    }
    pub fn is_missing(&self) -> bool {
        self.buf.is_empty()
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
        let prepared: Result<Vec<(String, Vec<Value>)>, LinkError> = rows
            .par_iter()
            .map_init(NameCache::default, |cache, (line, row)| self.row(*line, row, cache))
            .collect();
        let prepared = prepared?;
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
        out.ids.reserve(prepared.len());
        for (id, values) in prepared {
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
        Ok(())
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
                    let v = document(cell(*col));
                    Value::Doc(Doc {
                        ocr: ocr_fold(&v).into_boxed_str(),
                        value: v.into_boxed_str(),
                    })
                }
                FieldType::Categorical => {
                    let v = categorical(cell(*col));
                    Value::Cat(if v.is_empty() { 0 } else { hash(v.as_bytes()) | 1 })
                }
                FieldType::Text => Value::Text(fold(cell(*col)).into_boxed_str()),
            });
        }
        Ok((id, values))
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
        assert_eq!(a.initials(), "amr");
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
