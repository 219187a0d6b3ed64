//! The blocks the documents are built of, from map records: a value as text, tables (of
//! records, by column specs), a list or the sentence saying it is empty, and a theme's synthesis
//! (what the sources report, where they differ, what is not established).

use pathways_analysis::synthesis::{Source, Synthesis};
use pathways_reports::model::Block;
use pathways_reports::svg;
use serde_json::Value;

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
}

/// A table of records, one row each, from (header, cell) columns.
pub(crate) fn record_table(
    caption: &str,
    columns: &[(&str, Cell)],
    records: &[Value],
    name: &dyn Fn(&Value) -> String,
) -> Block {
    let header: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
    let rows = records
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|(_, c)| match c {
                    Cell::Field(f) => t(&r[*f]),
                    Cell::Institution(f) => name(&r[*f]),
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

/// A source as a reader cites it: "citation, date; confidence c", leaving out what is unknown.
fn cite(s: &Source) -> String {
    let mut out = s.citation.clone();
    if !s.date.is_empty() {
        out.push_str(&format!(", {}", s.date));
    }
    if !s.confidence.is_empty() {
        out.push_str(&format!("; confidence {}", s.confidence));
    }
    out
}

/// A theme's synthesis as blocks: what the sources report (each with its source), where they
/// differ, and what is not established. `silent` is said only when no source of any kind has
/// anything on the theme.
pub(crate) fn synthesis_blocks(s: &Synthesis, silent: &str) -> Vec<Block> {
    let mut out = vec![];
    if s.is_silent() {
        out.push(Block::Paragraph { text: silent.into() });
    } else {
        out.push(Block::List {
            items: s
                .known
                .iter()
                .map(|k| format!("{} (Source: {}.)", k.text.trim_end_matches('.'), cite(&k.source)))
                .collect(),
        });
    }
    for c in &s.contested {
        out.push(Block::Note {
            text: format!(
                "Sources differ. {} ({}) — but {} ({}).",
                c.denies.text.trim_end_matches('.'),
                cite(&c.denies.source),
                c.reports.text.trim_end_matches('.'),
                cite(&c.reports.source)
            ),
        });
    }
    if !s.not_known.is_empty() {
        out.push(Block::Paragraph {
            text: "Not established:".into(),
        });
        out.push(Block::List {
            items: s.not_known.clone(),
        });
    }
    out
}
