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
        data: vec![],
        labels: Default::default(),
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
fn xlsx_has_a_tidy_data_sheet_with_a_row_per_figure() {
    let mut d = doc();
    d.data = vec![
        pathways_reports::model::Datum {
            economy: "Kosovo*".into(),
            indicator: "Work permits issued".into(),
            measure: "flow".into(),
            unit: "permits".into(),
            period: "2023".into(),
            period_code: "2023".into(),
            citizenship: "Total".into(),
            sector: "Total".into(),
            sex: "Total".into(),
            value: 3600.0,
            flag: "estimate".into(),
            source: "=HYPERLINK(\"http://evil.example\")".into(),
            source_date: "2024-02".into(),
            confidence: "medium".into(),
            definition: "Work permits issued to foreigners in the year.".into(),
            ..Default::default()
        },
        pathways_reports::model::Datum {
            economy: "Kosovo*".into(),
            citizenship: "Bangladesh".into(),
            value: 722.0,
            ..Default::default()
        },
    ];
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(xlsx::render(&d).unwrap())).unwrap();
    assert_eq!(wb.sheet_names()[..2], ["About", "Data"]);
    let r = wb.worksheet_range("Data").unwrap();
    let rows: Vec<Vec<String>> = r.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(
        rows[0],
        [
            "Economy",
            "Indicator",
            "Measure",
            "Unit",
            "Period",
            "Period (as recorded)",
            "Citizenship",
            "Sector",
            "Sex",
            "Value",
            "Flag",
            "Note",
            "Source",
            "Source date",
            "Confidence",
            "Definition"
        ]
    );
    assert_eq!(rows.len(), 3, "a row per figure");
    assert_eq!(r.get((1, 9)), Some(&Data::Float(3600.0)), "values are numbers");
    assert_eq!(rows[1][10], "estimate");
    assert_eq!(rows[1][12], "=HYPERLINK(\"http://evil.example\")", "kept as text");
    assert_eq!(
        (rows[2][6].as_str(), r.get((2, 9))),
        ("Bangladesh", Some(&Data::Float(722.0)))
    );
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

/// The parts of a DOCX package by name, as text.
fn docx_parts(bytes: Vec<u8>) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .filter_map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).ok()?;
            Some((f.name().to_string(), s))
        })
        .collect()
}

#[test]
fn docx_is_a_finished_document_with_contents_page_numbers_properties_and_alt_text() {
    let mut d = doc();
    d.sections[0] = d.sections[0].clone().block(Block::Figure {
        caption: "Work permits by year".into(),
        svg: "<svg/>".into(),
        definition: "Permits issued in the year".into(),
    });
    // A 1×1 PNG stands for the drawn figure.
    let png = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
        8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5,
        0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let draw = |_: &str| {
        Some(pathways_reports::docx::Picture {
            png: png.clone(),
            width_px: 400,
            height_px: 300,
        })
    };
    let bytes = pathways_reports::docx::render_with_figures(&d, &draw).unwrap();
    let parts = docx_parts(bytes);
    let again = docx_parts(pathways_reports::docx::render_with_figures(&d, &draw).unwrap());
    for (k, v) in &parts {
        if v != &again[k] {
            let at = v.chars().zip(again[k].chars()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{k} differs at {at}: {}",
                &v[at.saturating_sub(200)..(at + 100).min(v.len())]
            );
        }
    }
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>Test &lt;report&gt;</dc:title>") && core.contains("<dc:subject>Sub</dc:subject>"));
    assert!(core.contains("<dc:language>en</dc:language>") && core.contains("2026-11-28T00:00:00Z"));
    let body = &parts["word/document.xml"];
    assert!(
        body.contains("TOC \\o &quot;1-2&quot;") || body.contains("TOC \\o \"1-2\""),
        "a Word table of contents"
    );
    assert!(body.contains("_Toc00000000") && body.contains(">Contents<"));
    assert!(
        body.contains(r#"descr="Work permits by year. Permits issued in the year""#),
        "the figure's alternative text"
    );
    let footer = parts.iter().find(|(k, _)| k.starts_with("word/footer")).unwrap().1;
    assert!(footer.contains(">PAGE<") && footer.contains(">NUMPAGES<") && footer.contains("Evidence as of 2026-11-28"));
    let header = parts.iter().find(|(k, _)| k.starts_with("word/header")).unwrap().1;
    assert!(header.contains("Test &lt;report&gt; — DRAFT"));
    let styles = &parts["word/styles.xml"];
    assert!(
        styles.contains("Calibri") && styles.contains("w:basedOn w:val=\"Normal\""),
        "a base style"
    );
    // Table columns are at least as wide as their longest word needs.
    assert!(body.contains("w:tblLayout w:type=\"fixed\""));
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
