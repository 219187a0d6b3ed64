//! The PDF and the DOCX pictures: a PDF that `pdfinfo` accepts, with cover, contents, numbered
//! pages, the Kosovo* footnote and the Draft mark only while drafted; the same document gives the
//! same bytes; figures become PNG pictures inside the DOCX. Needs poppler-utils (`.ci/run`
//! installs it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::process::Command;

use pathways_report_pdf::{Format, Renderer, for_print};
use pathways_reports::model::{Block, Document, Section};
use pathways_reports::svg;

const KOSOVO_NOTE: &str = "*This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.";

fn doc(draft: bool) -> Document {
    let chart = svg::bars(
        "Work permits issued",
        "Permits issued per year",
        &[("2023".to_string(), 1200.0), ("2024".to_string(), 2500.0)],
        &svg::thousands,
    );
    Document {
        name: "regional".into(),
        title: "Test report".into(),
        subtitle: "Sub".into(),
        draft,
        date: "2026-11-28".into(),
        sections: vec![
            Section::new("Summary")
                .para("The six economies (Albania, Bosnia and Herzegovina, Kosovo*, Montenegro) & <others>.")
                .para("Kosovo* again, without a second footnote.")
                .block(Block::Note {
                    text: "Compared, not ranked.".into(),
                }),
            Section::new("Trends").subsection(
                Section::new("Kosovo*")
                    .block(Block::Table {
                        caption: "Work permits issued".into(),
                        header: vec!["Period".into(), "Indicator".into(), "Value".into()],
                        rows: (0..80)
                            .map(|i| {
                                vec![
                                    format!("{}", 1950 + i),
                                    "XK_WORK_PERMITS_ISSUED_BY_THE_MINISTRY".into(),
                                    format!("{}", i * 10),
                                ]
                            })
                            .collect(),
                        notes: vec!["Definition: permits issued in the year.".into()],
                    })
                    .block(Block::Figure {
                        caption: "Permits per year".into(),
                        svg: chart,
                        definition: "Permits issued in the calendar year.".into(),
                    }),
            ),
        ],
        footnotes: vec![KOSOVO_NOTE.into()],
        data: vec![],
        labels: Default::default(),
    }
}

fn poppler(tool: &str, pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("pathways-pdf-test-{}-{tool}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed for this test: {e}"));
    assert!(
        out.status.success(),
        "{tool} rejected the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_is_accepted_paginated_footnoted_and_marked_draft() {
    let r = Renderer::new();
    let pdf = r.pdf(&doc(true)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let info = poppler("pdfinfo", &pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|p| p.trim().parse().unwrap())
        .unwrap();
    // Cover, notes, contents, and the 80-row table runs over more than one page.
    assert!(pages >= 6, "{pages} pages");
    assert!(info.contains("Title:") && info.contains("Test report"));
    let text = poppler("pdftotext", &pdf);
    assert!(text.contains("Contents"));
    assert!(text.contains("Kosovo*") && text.contains("UNSCR 1244/1999"));
    assert!(text.contains("DRAFT"));
    assert!(text.contains("Page 1 of"), "numbered pages");
    assert!(text.contains("& <others>"), "text is set as text, never read as markup");
    // The table's header row repeats on the page it runs over to.
    assert!(text.matches("Indicator").count() >= 2);

    let final_pdf = r.pdf(&doc(false)).unwrap();
    assert!(
        !poppler("pdftotext", &final_pdf).contains("DRAFT"),
        "no Draft mark once validated"
    );
}

#[test]
fn same_document_gives_the_same_pdf() {
    let r = Renderer::new();
    assert_eq!(r.pdf(&doc(true)).unwrap(), r.pdf(&doc(true)).unwrap());
}

#[test]
fn figures_become_png_pictures_in_the_docx() {
    let r = Renderer::new();
    let d = doc(true);
    let Block::Figure { svg, .. } = &d.sections[1].subsections[0].blocks[1] else {
        panic!("fixture has a figure")
    };
    let pic = r.png(svg, 2.0).unwrap();
    assert!(pic.png.starts_with(b"\x89PNG"));
    assert!(pic.width_px > 100 && pic.height_px > 50);

    let bytes = r.render(&d, Format::Docx).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let media: Vec<String> = z
        .file_names()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .map(String::from)
        .collect();
    assert_eq!(media.len(), 1, "one picture for the one figure: {media:?}");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<pic:pic") || xml.contains("a:graphic"));
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("document.xml does not parse: {e}"),
        }
    }
}

#[test]
fn a_figure_that_cannot_be_drawn_is_an_error_not_a_missing_picture() {
    let mut d = doc(true);
    d.sections[0] = d.sections[0].clone().block(Block::Figure {
        caption: "Broken".into(),
        svg: "<svg viewBox=\"0 0 10 10\"><unclosed".into(),
        definition: "—".into(),
    });
    assert!(Renderer::new().render(&d, Format::Docx).is_err());
}

#[test]
fn every_format_renders() {
    let r = Renderer::new();
    for f in Format::ALL {
        let b = r.render(&doc(true), f).unwrap();
        assert!(!b.is_empty(), "{f:?}");
        assert_eq!(Format::parse(f.ext()), Some(f));
    }
}

#[test]
fn charts_get_a_size_and_the_embedded_font_for_print() {
    let s = for_print(
        r#"<svg viewBox="0 0 640 320" width="100%" style="max-width:640px" role="img"><title>t</title></svg>"#,
    );
    assert!(
        s.starts_with(r#"<svg viewBox="0 0 640 320" role="img" width="640" height="320" font-family="Open Sans">"#),
        "{s}"
    );
    assert!(!s.contains("100%") && !s.contains("max-width"));
}
