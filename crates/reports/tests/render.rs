//! Rendering a small document: the HTML is standalone, escaped, numbered and deterministic; the
//! XLSX has a sheet per table with numbers as numbers and opens.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use pathways_reports::model::{Block, Document, Section};
use pathways_reports::{html, xlsx};

fn doc() -> Document {
    Document {
        name: "regional".into(),
        title: "Test <report>".into(),
        subtitle: "Sub".into(),
        draft: true,
        date: "2026-11-28".into(),
        sections: vec![
            Section::new("Summary").para("A & B").block(Block::Note {
                text: "Compared, not ranked.".into(),
            }),
            Section::new("Trends").subsection(Section::new("Kosovo*").block(Block::Table {
                caption: "Work permits issued".into(),
                header: vec!["Period".into(), "Value".into()],
                rows: vec![vec!["2023".into(), "1,200".into()], vec!["2024".into(), "2,500".into()]],
                notes: vec!["Definition: permits issued in the year.".into()],
            })),
        ],
        footnotes: vec!["*This designation is without prejudice to positions on status (UNSCR 1244/1999).".into()],
    }
}

#[test]
fn html_is_standalone_escaped_numbered_and_deterministic() {
    let h = html::render(&doc());
    assert_eq!(h, html::render(&doc()));
    assert!(h.starts_with("<!doctype html>") && !h.contains("<link") && !h.contains("<script"));
    assert!(h.contains("Test &lt;report&gt;") && h.contains("A &amp; B"));
    assert!(h.contains("<p class=\"draft\">Draft</p>"));
    assert!(h.contains("2.1 Kosovo*") && h.contains("UNSCR 1244/1999"));
}

#[test]
fn xlsx_has_a_sheet_per_table_with_numbers() {
    let bytes = xlsx::render(&doc()).unwrap();
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), vec!["About", "01 Work permits issued"]);
    let r = wb.worksheet_range("01 Work permits issued").unwrap();
    let rows: Vec<&[Data]> = r.rows().collect();
    assert_eq!(rows[0][0], Data::String("Work permits issued".into()));
    assert_eq!(rows[3][1], Data::Float(1200.0));
    assert_eq!(rows[4][1], Data::Float(2500.0));
    let about = wb.worksheet_range("About").unwrap();
    assert!(about.rows().any(|r| r[0].to_string().contains("DRAFT")));
}
