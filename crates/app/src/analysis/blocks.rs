//! The blocks the documents are built of, from map records: a value as text, tables (of
//! records, by column specs), a list or the sentence saying it is empty, and a theme's synthesis
//! (what the sources report, where they differ, what is not established).

use pathways_analysis::synthesis::{Source, Synthesis};
use pathways_domain::states::FindingStatus;
use pathways_reports::model::Block;
use pathways_reports::svg;
use serde_json::Value;

use super::CuratedFinding;

pub(crate) fn t(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Array(a) => a.iter().map(t).collect::<Vec<_>>().join(", "),
        Value::Number(n) => n.as_f64().map(svg::thousands).unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
}

pub(crate) fn table(caption: &str, header: &[&str], rows: Vec<Vec<String>>, notes: Vec<String>) -> Block {
    Block::Table {
        caption: caption.into(),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
        notes,
    }
}

/// How a column of a record table is written from the record.
pub(crate) enum Cell {
    /// The field's value.
    Field(&'static str),
    /// The field holds an institution's id: its name is written.
    Institution(&'static str),
    /// The field holds a code (or a list of codes) of a vocabulary: its words are written.
    Words(&'static str),
}

/// How a record table turns ids and codes into words: institution ids to names, vocabulary codes
/// to labels.
pub(crate) struct Namer<'a> {
    pub institution: &'a dyn Fn(&Value) -> String,
    pub code: &'a dyn Fn(&str) -> String,
    /// A field's value in words (yes and no, figures in the locale).
    pub value: &'a dyn Fn(&Value) -> String,
}

/// A table of records, one row each, from (header, cell) columns.
pub(crate) fn record_table(caption: &str, columns: &[(&str, Cell)], records: &[Value], name: &Namer) -> Block {
    let header: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
    let rows = records
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|(_, c)| match c {
                    Cell::Field(f) => (name.value)(&r[*f]),
                    Cell::Institution(f) => (name.institution)(&r[*f]),
                    Cell::Words(f) => match &r[*f] {
                        Value::Array(codes) => codes
                            .iter()
                            .map(|c| (name.code)(c.as_str().unwrap_or_default()))
                            .collect::<Vec<_>>()
                            .join(", "),
                        Value::String(code) => (name.code)(code),
                        other => (name.value)(other),
                    },
                })
                .collect()
        })
        .collect();
    table(caption, &header, rows, vec![])
}

pub(crate) fn list_or(items: Vec<String>, none: &str) -> Block {
    if items.is_empty() {
        Block::Paragraph { text: none.into() }
    } else {
        Block::List { items }
    }
}

impl crate::App {
    /// A value as a document shows it: yes and no, figures and lists in the app's locale.
    pub(crate) fn shown(&self, v: &Value) -> String {
        match v {
            Value::Bool(true) => crate::w!(self, "doc-yes"),
            Value::Bool(false) => crate::w!(self, "doc-no"),
            Value::Number(n) => n.as_f64().map(|x| self.number(x)).unwrap_or_else(|| n.to_string()),
            Value::Array(a) => a.iter().map(|x| self.shown(x)).collect::<Vec<_>>().join(", "),
            other => t(other),
        }
    }

    /// Our confidence in a source (`high`, `medium`, `low`) in words.
    pub(crate) fn confidence(&self, c: &str) -> String {
        match c {
            "high" => crate::w!(self, "doc-confidence-high"),
            "medium" => crate::w!(self, "doc-confidence-medium"),
            "low" => crate::w!(self, "doc-confidence-low"),
            other => other.to_string(),
        }
    }

    /// A source as a reader cites it: "citation, date; confidence c", leaving out what is
    /// unknown.
    fn cite(&self, s: &Source) -> String {
        let mut out = s.citation.clone();
        if !s.date.is_empty() {
            out.push_str(&format!(", {}", s.date));
        }
        if !s.confidence.is_empty() {
            out.push_str(&crate::w!(
                self,
                "doc-cite-confidence",
                confidence = self.confidence(&s.confidence)
            ));
        }
        out
    }

    /// A theme's synthesis as blocks: what the sources report (each with its source), where
    /// they differ, and what is not established. `silent` is said only when no source of any
    /// kind has anything on the theme.
    pub(crate) fn synthesis_blocks(&self, s: &Synthesis, silent: &str) -> Vec<Block> {
        let mut out = vec![];
        if s.is_silent() {
            out.push(Block::Paragraph { text: silent.into() });
        } else {
            // What one source says (a practice and its notes) is one item, cited once.
            let mut items: Vec<(Vec<&str>, &Source)> = vec![];
            for k in &s.known {
                match items.last_mut() {
                    Some((texts, source)) if *source == &k.source => texts.push(k.text.trim_end_matches('.')),
                    _ => items.push((vec![k.text.trim_end_matches('.')], &k.source)),
                }
            }
            out.push(Block::List {
                items: items
                    .into_iter()
                    .map(|(texts, source)| {
                        crate::w!(
                            self,
                            "doc-said-with-source",
                            said = texts.join(". "),
                            source = self.cite(source)
                        )
                    })
                    .collect(),
            });
        }
        for c in &s.contested {
            out.push(Block::Note {
                text: crate::w!(
                    self,
                    "doc-sources-differ",
                    denies = c.denies.text.trim_end_matches('.'),
                    denies_source = self.cite(&c.denies.source),
                    reports = c.reports.text.trim_end_matches('.'),
                    reports_source = self.cite(&c.reports.source),
                ),
            });
        }
        if !s.not_known.is_empty() || !s.looked_in.is_empty() {
            out.push(Block::Paragraph {
                text: crate::w!(self, "doc-not-established"),
            });
            out.push(Block::List {
                items: s
                    .not_known
                    .iter()
                    .cloned()
                    .chain(s.looked_in.iter().map(|l| crate::w!(self, "doc-looked-in", place = l)))
                    .collect(),
            });
        }
        out
    }

    /// A finding as a document prints it: marked "(draft)" until the delegates have validated
    /// (or amended) it, so that a reader tells agreed findings from proposed ones.
    pub(crate) fn marked(&self, f: &CuratedFinding) -> String {
        match f.status() {
            FindingStatus::Validated | FindingStatus::Amended => f.text().to_string(),
            _ => crate::w!(self, "doc-finding-draft", text = f.text()),
        }
    }

    /// A figure with its qualifier in words (estimate, provisional, break in series).
    pub(crate) fn value_of(&self, o: &Value) -> String {
        format!("{}{}", self.shown(&o["value"]), self.flag_words(o["flag"].as_str()))
    }

    /// An SDMX observation flag in words, as it follows a figure (" (estimate)"); empty for
    /// none.
    pub(crate) fn flag_words(&self, flag: Option<&str>) -> String {
        match self.flag_name(flag) {
            name if name.is_empty() => String::new(),
            name => format!(" ({name})"),
        }
    }

    /// An SDMX observation flag's name ("estimate"); empty for none.
    pub(crate) fn flag_name(&self, flag: Option<&str>) -> String {
        match flag {
            Some("e") => crate::w!(self, "doc-flag-estimate"),
            Some("p") => crate::w!(self, "doc-flag-provisional"),
            Some("b") => crate::w!(self, "doc-flag-break"),
            _ => String::new(),
        }
    }

    /// Items in words: "a, b and c"; empty for none.
    pub(crate) fn and_list<S: AsRef<str>>(&self, items: &[S]) -> String {
        match items {
            [] => String::new(),
            [one] => one.as_ref().to_string(),
            [init @ .., last] => crate::w!(
                self,
                "doc-and-list",
                init = init.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "),
                last = last.as_ref()
            ),
        }
    }
}

/// The reported totals of a series (no breakdown), by period.
pub(crate) fn totals(s: &crate::map::overview::Series) -> Vec<(String, f64)> {
    s.observations
        .iter()
        .filter(|o| o["citizenship"] == "_T" && o["sector"] == "_T" && o["sex"] == "_T")
        .filter_map(|o| o["value"].as_f64().map(|v| (t(&o["period"]), v)))
        .collect()
}
