//! The sheets of an XLSForm as the reader sees them: from a workbook (XLSX, XLS, ODS, read through
//! the bounded `sheets` reader) or CSV files, each a table of text cells with its header made
//! canonical (`label::English (en)` and `label::English(en)` are one column), dates as ISO text
//! and cells named as a spreadsheet names them (`survey!C12`).

use std::collections::{BTreeMap, HashMap};

use pathways_sheets::Limits;
use pathways_sheets::cell_text;

use crate::model::language_of;
use crate::problem::{FormError, Problem};

/// The spreadsheet letter of a 0-based column.
pub(crate) fn letter(col: usize) -> String {
    pathways_sheets::column_name(u32::try_from(col).unwrap_or(u32::MAX))
}

/// Header aliases pyxform accepts, mapped to the names this model uses.
pub(crate) fn canonical_header(h: &str) -> String {
    let h = h.trim();
    // Namespaced columns written with one colon (`bind:relevant`) read as with two.
    let spelled;
    let h = match h.split_once(':') {
        Some((ns, rest))
            if !rest.starts_with(':')
                && ["bind", "control", "body", "media", "instance"]
                    .contains(&ns.trim().to_ascii_lowercase().as_str()) =>
        {
            spelled = format!("{}::{rest}", ns.trim().to_ascii_lowercase());
            spelled.as_str()
        }
        _ => h,
    };
    let (base, lang) = match language_of(h) {
        Some((b, l)) => (b.to_string(), Some(l.to_string())),
        // The legacy single colon (`label:English`) of the translatable columns.
        None => match h.split_once(':') {
            Some((b, l))
                if !l.starts_with(':')
                    && !l.trim().is_empty()
                    && [
                        "label",
                        "hint",
                        "constraint_message",
                        "constraint message",
                        "required_message",
                        "guidance_hint",
                        "image",
                        "audio",
                        "video",
                    ]
                    .contains(&b.trim().to_ascii_lowercase().as_str()) =>
            {
                (b.trim().to_string(), Some(l.trim().to_string()))
            }
            _ => (h.to_string(), None),
        },
    };
    let lower = base.to_ascii_lowercase();
    let canon = match lower.as_str() {
        "constraint message" | "constraint_message" | "constraining_message" | "bind::jr:constraintmsg" => {
            "constraint_message"
        }
        "required message" | "required_message" | "requiredmsg" | "bind::jr:requiredmsg" => "required_message",
        "repeat count" | "repeat_count" | "jr:count" | "count" => "repeat_count",
        "read only" | "read_only" | "readonly" | "bind::readonly" => "read_only",
        "choice filter" | "choice_filter" => "choice_filter",
        "list name" | "list_name" => "list_name",
        "bind::relevant" | "relevant" | "relevance" => "relevant",
        "bind::constraint" | "constraint" => "constraint",
        "bind::calculate" | "calculation" | "calculate" => "calculation",
        "bind::required" | "required" => "required",
        "control::appearance" | "appearance" => "appearance",
        "guidance hint" | "guidance_hint" => "guidance_hint",
        "media::image" | "media::audio" | "media::video" | "media::big-image" | "big-image" => lower.as_str(),
        // Older names pyxform still reads.
        "caption" => "label",
        "command" => "type",
        "tag" | "value" => "name",
        "set_form_title" | "title" => "form_title",
        "set_form_id" | "id_string" => "form_id",
        "label"
        | "hint"
        | "name"
        | "type"
        | "default"
        | "parameters"
        | "image"
        | "audio"
        | "video"
        | "trigger"
        | "form_title"
        | "form_id"
        | "version"
        | "default_language"
        | "instance_name"
        | "style"
        | "public_key"
        | "submission_url"
        | "allow_choice_duplicates" => lower.as_str(),
        "form title" => "form_title",
        "form id" => "form_id",
        "default language" => "default_language",
        _ => return h.to_string(),
    };
    match lang {
        Some(l) => format!("{canon}::{l}"),
        None => canon.to_string(),
    }
}

/// A sheet's header and rows (1-based row number, cells by header).
pub(crate) struct Sheet {
    pub(crate) name: String,
    pub(crate) columns: Vec<String>,
    pub(crate) letters: HashMap<String, String>,
    pub(crate) rows: Vec<(u32, BTreeMap<String, String>)>,
    /// Headers written twice, or two names for one column (a second `label` would hide the
    /// first): the header as written and why it is refused.
    pub(crate) duplicates: Vec<(String, String)>,
}

impl Sheet {
    pub(crate) fn at(&self, row: Option<u32>, column: Option<&str>, message: impl Into<String>) -> Problem {
        Problem {
            sheet: self.name.clone(),
            row,
            column: column.map(|c| (c.to_string(), self.letters.get(c).cloned().unwrap_or_default())),
            message: message.into(),
        }
    }
}

/// A sheet as text cells, with where its first cell sits (0-based row and column), so that row
/// numbers and column letters match what the author sees.
pub struct Table {
    pub name: String,
    pub first_row: usize,
    pub first_col: usize,
    pub rows: Vec<Vec<String>>,
}

pub(crate) fn sheet_of(t: &Table) -> Sheet {
    let mut rows = t.rows.iter().enumerate();
    let mut sheet = Sheet {
        name: t.name.clone(),
        columns: vec![],
        letters: HashMap::new(),
        rows: vec![],
        duplicates: vec![],
    };
    let Some((_, header)) = rows.next() else {
        return sheet;
    };
    let mut by_index: Vec<Option<String>> = vec![];
    for (i, raw) in header.iter().enumerate() {
        let raw = raw.trim();
        if raw.is_empty() {
            by_index.push(None);
            continue;
        }
        if header[..i].iter().any(|h| h.trim() == raw) {
            sheet
                .duplicates
                .push((raw.to_string(), format!("the header has the column `{raw}` twice")));
        }
        let canon = canonical_header(raw);
        // Two names for one column (`name` and `value`): which one counts would be a guess.
        if by_index.iter().flatten().any(|c| *c == canon) && !header[..i].iter().any(|h| h.trim() == raw) {
            sheet.duplicates.push((
                raw.to_string(),
                format!("`{raw}` is another name for the column `{canon}`, which the header already has"),
            ));
        }
        sheet.letters.insert(canon.clone(), letter(t.first_col + i));
        if !sheet.columns.contains(&canon) {
            sheet.columns.push(canon.clone());
        }
        by_index.push(Some(canon));
    }
    for (idx, row) in rows {
        let mut cells = BTreeMap::new();
        for (i, v) in row.iter().enumerate() {
            let v = v.trim();
            if let (false, Some(Some(h))) = (v.is_empty(), by_index.get(i)) {
                cells.insert(h.clone(), v.to_string());
            }
        }
        if !cells.is_empty() {
            sheet.rows.push(((t.first_row + idx + 1) as u32, cells));
        }
    }
    sheet
}

pub(crate) fn workbook_tables(bytes: &[u8]) -> Result<Vec<Table>, FormError> {
    // `external_choices` is read only to know that it is there (select_one_external needs it).
    let wanted = |name: &str| {
        ["survey", "choices", "settings", "external_choices", "entities", "osm"]
            .iter()
            .any(|w| name.trim().eq_ignore_ascii_case(w))
    };
    Ok(pathways_sheets::read(bytes, wanted, &Limits::UPLOAD)?
        .into_iter()
        .filter(|s| wanted(&s.name))
        .map(|s| Table {
            name: s.name,
            first_row: s.first_row as usize,
            first_col: s.first_col as usize,
            rows: s.rows.iter().map(|r| r.iter().map(cell_text).collect()).collect(),
        })
        .collect())
}
