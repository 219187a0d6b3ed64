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
            // Two tables with the same caption: their sheets are named after their sections.
            Section::new("Stages")
                .subsection(Section::new("Visa").block(Block::Table {
                    caption: "Practice".into(),
                    header: vec!["Check".into()],
                    rows: vec![vec!["Interview".into()]],
                    notes: vec![],
                }))
                .subsection(Section::new("Exit and onward movement").block(Block::Table {
                    caption: "Practice".into(),
                    header: vec!["Check".into()],
                    rows: vec![vec!["Revocation".into()]],
                    notes: vec![],
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
    assert_eq!(
        wb.sheet_names(),
        vec![
            "About",
            "01 Work permits issued",
            "02 Visa",
            "03 Exit and onward movement"
        ]
    );
    let r = wb.worksheet_range("01 Work permits issued").unwrap();
    let rows: Vec<&[Data]> = r.rows().collect();
    assert_eq!(rows[0][0], Data::String("Kosovo* — Work permits issued".into()));
    assert_eq!(rows[3][1], Data::Float(1200.0));
    assert_eq!(rows[4][1], Data::Float(2500.0));
    let about = wb.worksheet_range("About").unwrap();
    assert!(about.rows().any(|r| r[0].to_string().contains("DRAFT")));
}

#[test]
fn a_sheet_named_after_kosovo_keeps_its_asterisk() {
    let mut d = doc();
    d.sections = vec![Section::new("Kosovo*").block(Block::Table {
        caption: "Kosovo*: work permits".into(),
        header: vec!["Year".into()],
        rows: vec![],
        notes: vec![],
    })];
    let wb = open_workbook_auto_from_rs(std::io::Cursor::new(xlsx::render(&d).unwrap())).unwrap();
    assert_eq!(wb.sheet_names()[1], "01 Kosovo\u{FF0A} work permits");
}

#[test]
fn docx_has_real_headings_tables_and_parses() {
    use std::io::Read;
    let bytes = pathways_reports::docx::render(&doc()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Every part is well-formed XML.
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().ends_with(".xml") || f.name().ends_with(".rels") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            let mut r = quick_xml::Reader::from_str(&s);
            loop {
                match r.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{}: {e}", f.name()),
                }
            }
        }
    }
    assert!(xml.contains("w:val=\"Heading1\"") && xml.contains("w:val=\"Heading2\""));
    assert!(xml.contains("1 Summary") && xml.contains("2.1 Kosovo*"));
    assert!(xml.contains("<w:tbl>") && xml.contains("1,200"));
    assert!(xml.contains("DRAFT") && xml.contains("UNSCR 1244/1999"));
}

/// The HTML of a fixed document is pinned: a change of the rendering shows as a diff of
/// `tests/snapshots/small.html` (regenerate with `PATHWAYS_UPDATE_SNAPSHOTS=1 cargo test -p pathways-reports`).
#[test]
fn html_matches_its_snapshot() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/small.html");
    let html = html::render(&doc());
    if std::env::var_os("PATHWAYS_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &html).unwrap();
    }
    let pinned = std::fs::read_to_string(path).unwrap();
    assert!(
        pinned == html,
        "the HTML rendering changed; review and regenerate {path}"
    );
}
