//! The form model: settings, the tree of questions, groups and repeats, and the choice lists.
//! Every cell of a row is kept under its column header (also columns this crate does not know),
//! so that nothing an author wrote is lost when the form is written back.

use std::collections::BTreeMap;

use serde::Serialize;

/// Where a row came from (1-based spreadsheet row). Positions never make two forms differ: a form
/// read back after writing is the same form even though blank rows have gone.
#[derive(Debug, Clone, Copy, Default, Serialize)]
#[serde(transparent)]
pub struct Position(pub u32);

impl PartialEq for Position {
    fn eq(&self, _: &Position) -> bool {
        true
    }
}

/// What a `type` cell says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    Text,
    Integer,
    Decimal,
    Range,
    SelectOne {
        list: String,
        or_other: bool,
    },
    SelectMultiple {
        list: String,
        or_other: bool,
    },
    Date,
    Time,
    DateTime,
    Note,
    Calculate,
    Acknowledge,
    Hidden,
    /// Accepted by the XLSForm converter and kept, but not rendered by the web form: media,
    /// geometry, barcodes, device metadata, selects from files and external choices, `rank`.
    NotRenderable {
        written: String,
        list: Option<String>,
    },
}

impl Kind {
    pub fn is_renderable(&self) -> bool {
        !matches!(self, Kind::NotRenderable { .. })
    }

    /// The name of the type, as in the form's `type` column (without the list).
    pub fn name(&self) -> &str {
        match self {
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
            Kind::Range => "range",
            Kind::SelectOne { .. } => "select_one",
            Kind::SelectMultiple { .. } => "select_multiple",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::DateTime => "dateTime",
            Kind::Note => "note",
            Kind::Calculate => "calculate",
            Kind::Acknowledge => "acknowledge",
            Kind::Hidden => "hidden",
            Kind::NotRenderable { written, .. } => written.split_whitespace().next().unwrap_or(""),
        }
    }

    /// The choice list a select draws from, if any.
    pub fn list(&self) -> Option<&str> {
        match self {
            Kind::SelectOne { list, .. } | Kind::SelectMultiple { list, .. } => Some(list),
            Kind::NotRenderable { list, .. } => list.as_deref(),
            _ => None,
        }
    }

    /// The `type` cell that writes this kind back.
    pub fn written(&self) -> String {
        match self {
            Kind::SelectOne { list, or_other } => {
                format!("select_one {list}{}", if *or_other { " or_other" } else { "" })
            }
            Kind::SelectMultiple { list, or_other } => {
                format!("select_multiple {list}{}", if *or_other { " or_other" } else { "" })
            }
            Kind::NotRenderable { written, .. } => written.clone(),
            other => other.name().to_string(),
        }
    }
}

/// A question: its kind, its name, and every cell of its row by column header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub row: Position,
    pub kind: Kind,
    pub name: String,
    /// Every non-empty cell but `type` and `name`, by column header as written
    /// (`label::English (en)`, `relevant`, `appearance`, unknown columns too).
    pub cells: BTreeMap<String, String>,
}

/// Whether a container is a group (a page) or a repeat (rows the respondent adds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContainerKind {
    Group,
    Repeat,
    /// The legacy `begin loop over LIST`: one pass per choice of the list.
    Loop,
}

/// A group, repeat or loop and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Container {
    pub row: Position,
    pub kind: ContainerKind,
    pub name: String,
    /// For a loop, the list it goes over.
    pub list: Option<String>,
    pub cells: BTreeMap<String, String>,
    /// Cells of the closing row (`end group`), kept only when it carries any.
    pub end_cells: BTreeMap<String, String>,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Item {
    Question(Question),
    Container(Container),
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Question(q) => &q.name,
            Item::Container(c) => &c.name,
        }
    }
    pub fn cells(&self) -> &BTreeMap<String, String> {
        match self {
            Item::Question(q) => &q.cells,
            Item::Container(c) => &c.cells,
        }
    }
    pub fn row(&self) -> Position {
        match self {
            Item::Question(q) => q.row,
            Item::Container(c) => c.row,
        }
    }
}

/// One choice of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub row: Position,
    pub name: String,
    /// Every other non-empty cell (labels per language, filter columns used by `choice_filter`).
    pub cells: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceList {
    pub name: String,
    pub choices: Vec<Choice>,
}

/// A row of the `entities` sheet: an entity list the form creates or updates entities of (ODK
/// Central), with `list_name`, `label`, `entity_id`, `create_if`, `update_if` cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    pub row: Position,
    pub cells: BTreeMap<String, String>,
}

/// A form as read from XLSForm.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Form {
    /// `settings` cells by column (form_title, form_id, version, default_language, and others).
    pub settings: BTreeMap<String, String>,
    pub items: Vec<Item>,
    pub choices: Vec<ChoiceList>,
    /// Entity declarations (the `entities` sheet), in sheet order.
    pub entities: Vec<EntityRow>,
    pub entities_columns: Vec<String>,
    /// The tags of OpenStreetMap questions (the `osm` sheet), by list.
    pub osm: Vec<ChoiceList>,
    pub osm_columns: Vec<String>,
    /// Column headers of each sheet in their original order, so that a written form keeps the
    /// author's layout.
    pub survey_columns: Vec<String>,
    pub choices_columns: Vec<String>,
    pub settings_columns: Vec<String>,
}

/// A language as written in a `::Language (code)` suffix; the default (no suffix) is "".
/// Namespaced columns (`bind::relevant`, `media::image`) are not translations.
pub fn language_of(column: &str) -> Option<(&str, &str)> {
    let (base, lang) = column.rsplit_once("::")?;
    let base = base.trim();
    if ["bind", "control", "body", "media", "instance"]
        .iter()
        .any(|ns| base.eq_ignore_ascii_case(ns))
    {
        return None;
    }
    Some((base, lang.trim()))
}

impl Form {
    pub fn title(&self) -> &str {
        self.settings.get("form_title").map_or("", String::as_str)
    }
    pub fn id(&self) -> &str {
        self.settings.get("form_id").map_or("", String::as_str)
    }
    pub fn version(&self) -> &str {
        self.settings.get("version").map_or("", String::as_str)
    }
    pub fn default_language(&self) -> Option<&str> {
        self.settings.get("default_language").map(String::as_str)
    }

    /// The languages the form's labels are written in, in column order ("" for unsuffixed
    /// `label` columns).
    pub fn languages(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for c in self.survey_columns.iter().chain(&self.choices_columns) {
            let lang = match language_of(c) {
                Some((base, lang)) if is_translatable(base) => lang.to_string(),
                None if is_translatable(c) => String::new(),
                _ => continue,
            };
            if !out.contains(&lang) {
                out.push(lang);
            }
        }
        out
    }

    /// Every question and container, depth first, with the path of container names above it.
    pub fn walk(&self) -> Vec<(Vec<&str>, &Item)> {
        fn go<'a>(items: &'a [Item], path: &mut Vec<&'a str>, out: &mut Vec<(Vec<&'a str>, &'a Item)>) {
            for it in items {
                out.push((path.clone(), it));
                if let Item::Container(c) = it {
                    path.push(&c.name);
                    go(&c.children, path, out);
                    path.pop();
                }
            }
        }
        let mut out = vec![];
        go(&self.items, &mut vec![], &mut out);
        out
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.walk().into_iter().filter_map(|(_, it)| match it {
            Item::Question(q) => Some(q),
            Item::Container(_) => None,
        })
    }

    pub fn choice_list(&self, name: &str) -> Option<&ChoiceList> {
        self.choices.iter().find(|l| l.name == name)
    }
}

/// Survey columns the model interprets (others are kept as written).
pub(crate) const KNOWN_COLUMNS: &[&str] = &[
    "type",
    "name",
    "label",
    "hint",
    "guidance_hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "calculation",
    "choice_filter",
    "default",
    "read_only",
    "repeat_count",
    "appearance",
    "parameters",
    "trigger",
    "image",
    "audio",
    "video",
    "media::image",
    "media::audio",
    "media::video",
];

/// Columns whose text is shown to people and so may be translated.
pub fn is_translatable(base: &str) -> bool {
    matches!(
        base,
        "label"
            | "hint"
            | "guidance_hint"
            | "constraint_message"
            | "required_message"
            | "image"
            | "audio"
            | "video"
            | "media::image"
            | "media::audio"
            | "media::video"
    )
}

/// The text of a translatable column in a language, falling back to the unsuffixed column and
/// then to any language, as ODK clients do.
pub fn text_in<'a>(cells: &'a BTreeMap<String, String>, base: &str, language: &str) -> Option<&'a str> {
    if !language.is_empty()
        && let Some(v) = cells.iter().find_map(|(k, v)| {
            let (b, l) = language_of(k)?;
            (b == base && l == language).then_some(v)
        })
    {
        return Some(v);
    }
    if let Some(v) = cells.get(base) {
        return Some(v);
    }
    cells.iter().find_map(|(k, v)| {
        let (b, _) = language_of(k)?;
        (b == base).then_some(v.as_str())
    })
}
