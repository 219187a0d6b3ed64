//! Writing a [`Form`] back to XLSForm (`.xlsx`): the author's columns in their order, one row per
//! question, `begin`/`end` rows around containers, choices in list order, one settings row.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::model::{ChoiceList, ContainerKind, Form, Item};

#[derive(Debug, thiserror::Error)]
#[error("cannot write the workbook: {0}")]
pub struct WriteError(#[from] XlsxError);

/// The columns to write: the author's, in their order (with `first` added in front when missing),
/// then any the rows hold that the header list lacks (a form built in code).
fn columns(declared: &[String], first: &[&str], rows: &[BTreeMap<String, String>]) -> Vec<String> {
    let mut cols: Vec<String> = declared.to_vec();
    // A sheet without rows keeps the header its author wrote, so that it reads back the same.
    for f in first.iter().rev().filter(|_| !rows.is_empty()) {
        if !cols.iter().any(|c| c == f) {
            cols.insert(0, f.to_string());
        }
    }
    for r in rows {
        for k in r.keys() {
            if !cols.contains(k) {
                cols.push(k.clone());
            }
        }
    }
    cols
}

fn sheet(ws: &mut Worksheet, cols: &[String], rows: &[BTreeMap<String, String>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, h) in cols.iter().enumerate() {
            if let Some(v) = row.get(h) {
                ws.write_string(r as u32 + 1, c as u16, v)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn survey_rows(items: &[Item], out: &mut Vec<BTreeMap<String, String>>) {
    for it in items {
        match it {
            Item::Question(q) => {
                let mut r = q.cells.clone();
                r.insert("type".into(), q.kind.written());
                r.insert("name".into(), q.name.clone());
                out.push(r);
            }
            Item::Container(c) => {
                let word = match c.kind {
                    ContainerKind::Group => "group",
                    ContainerKind::Repeat => "repeat",
                    ContainerKind::Loop => "loop",
                };
                let mut r = c.cells.clone();
                r.insert(
                    "type".into(),
                    match &c.list {
                        Some(l) => format!("begin {word} over {l}"),
                        None => format!("begin {word}"),
                    },
                );
                r.insert("name".into(), c.name.clone());
                out.push(r);
                survey_rows(&c.children, out);
                let mut end = c.end_cells.clone();
                end.insert("type".into(), format!("end {word}"));
                out.push(end);
            }
        }
    }
}

/// One row per item of the lists (choices, OSM tags), with its list's name.
fn list_rows(lists: &[ChoiceList]) -> Vec<BTreeMap<String, String>> {
    lists
        .iter()
        .flat_map(|l| {
            l.choices.iter().map(|c| {
                let mut r = c.cells.clone();
                r.insert("list_name".into(), l.name.clone());
                r.insert("name".into(), c.name.clone());
                r
            })
        })
        .collect()
}

/// The form as `.xlsx` bytes.
pub fn write(form: &Form) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    let mut rows = vec![];
    survey_rows(&form.items, &mut rows);
    let cols = columns(&form.survey_columns, &["type", "name"], &rows);
    sheet(wb.add_worksheet().set_name("survey")?, &cols, &rows)?;
    if !form.choices.is_empty() || !form.choices_columns.is_empty() {
        let rows = list_rows(&form.choices);
        let cols = columns(&form.choices_columns, &["list_name", "name"], &rows);
        sheet(wb.add_worksheet().set_name("choices")?, &cols, &rows)?;
    }
    if !form.settings.is_empty() || !form.settings_columns.is_empty() {
        let rows = if form.settings.is_empty() {
            vec![]
        } else {
            vec![form.settings.clone()]
        };
        let cols = columns(&form.settings_columns, &[], &rows);
        sheet(wb.add_worksheet().set_name("settings")?, &cols, &rows)?;
    }
    if !form.osm.is_empty() || !form.osm_columns.is_empty() {
        let rows = list_rows(&form.osm);
        let cols = columns(&form.osm_columns, &["list_name", "name"], &rows);
        sheet(wb.add_worksheet().set_name("osm")?, &cols, &rows)?;
    }
    if !form.entities.is_empty() || !form.entities_columns.is_empty() {
        let rows: Vec<BTreeMap<String, String>> = form.entities.iter().map(|e| e.cells.clone()).collect();
        let cols = columns(&form.entities_columns, &[], &rows);
        sheet(wb.add_worksheet().set_name("entities")?, &cols, &rows)?;
    }
    Ok(wb.save_to_buffer()?)
}
