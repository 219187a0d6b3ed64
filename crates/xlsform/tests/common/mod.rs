//! Builds XLSForm workbooks cell by cell with rust_xlsxwriter (not with this crate's writer), so
//! that reading is tested against files made independently.

#![allow(clippy::unwrap_used, dead_code)]

pub fn book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A sheet written as pyxform's tests write one: a Markdown table, one row a line, `|` between
/// cells, the header first.
pub fn md(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect())
        .collect()
}

/// A workbook of sheets written as Markdown tables (see [`md`]).
pub fn md_book(sheets: &[(&str, &str)]) -> Vec<u8> {
    let tables: Vec<(&str, Vec<Vec<String>>)> = sheets.iter().map(|(n, t)| (*n, md(t))).collect();
    let rows: Vec<(&str, Vec<Vec<&str>>)> = tables
        .iter()
        .map(|(n, t)| (*n, t.iter().map(|r| r.iter().map(String::as_str).collect()).collect()))
        .collect();
    let refs: Vec<Vec<&[&str]>> = rows
        .iter()
        .map(|(_, r)| r.iter().map(Vec::as_slice).collect())
        .collect();
    let sheets: Vec<(&str, &[&[&str]])> = rows.iter().zip(&refs).map(|((n, _), r)| (*n, r.as_slice())).collect();
    book(&sheets)
}
