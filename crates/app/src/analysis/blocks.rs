//! The blocks the documents are built of, from map records: a value as text, tables (of
//! records, by column specs), a list or the sentence saying it is empty.

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
