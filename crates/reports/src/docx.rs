//! The DOCX rendering of a document, for analysts to edit: real heading styles (so Word builds its
//! navigation and contents from them), paragraphs, bulleted lists, tables with a bold header row
//! and their notes, and the footnotes at the end. Figures are pictures (PNG, drawn by whoever calls
//! [`render_with_figures`]: this crate does not rasterise) with their caption and definition; their
//! numbers are in the tables that follow them.
//!
//! Each renderer (HTML, DOCX, PDF) walks the same `Block`s in the same order on purpose: a
//! document reads the same in every format.

use docx_rs::{AlignmentType, Docx, DocxError, Paragraph, Pic, Run, Style, StyleType, Table, TableCell, TableRow};

use crate::model::{Block, Document, Section};

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn heading(text: &str, level: usize) -> Paragraph {
    para(text).style(&format!("Heading{}", level.min(4)))
}

/// A figure drawn as PNG: the bytes and the figure's own size in CSS pixels (the PNG may have more
/// pixels, for sharpness).
#[derive(Debug, Clone)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
}

/// Draws an SVG figure as a picture; `None` leaves the figure as its caption and definition.
pub type Rasterise<'a> = &'a dyn Fn(&str) -> Option<Picture>;

const EMU_PER_PX: u64 = 9525;
/// The text width of an A4 page with Word's default margins (about 16 cm).
const MAX_WIDTH_EMU: u64 = 5_760_000;

fn picture(p: Picture, n: &mut usize) -> Pic {
    *n += 1;
    let (mut w, mut h) = (u64::from(p.width_px) * EMU_PER_PX, u64::from(p.height_px) * EMU_PER_PX);
    if w > MAX_WIDTH_EMU {
        h = h * MAX_WIDTH_EMU / w;
        w = MAX_WIDTH_EMU;
    }
    // Numbered per document, not by the library's process-wide counter, so that the same document
    // gives the same parts.
    Pic::new_with_dimensions(p.png, p.width_px, p.height_px)
        .size(
            u32::try_from(w).unwrap_or(u32::MAX),
            u32::try_from(h).unwrap_or(u32::MAX),
        )
        .id(format!("rIdImage{n}"))
}

fn blocks(mut d: Docx, s: &Section, number: &str, level: usize, draw: Rasterise, pics: &mut usize) -> Docx {
    d = d.add_paragraph(heading(&format!("{number} {}", s.title), level));
    for b in &s.blocks {
        d = match b {
            Block::Paragraph { text } => d.add_paragraph(para(text)),
            Block::Note { text } => d.add_paragraph(para(text).style("Note")),
            Block::List { items } => items
                .iter()
                .fold(d, |d, i| d.add_paragraph(para(&format!("• {i}")).style("ListBullet"))),
            Block::Figure {
                caption,
                definition,
                svg,
            } => {
                let mut d = d.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(caption).bold())
                        .style("Caption"),
                );
                if let Some(p) = draw(svg) {
                    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_image(picture(p, pics))));
                }
                d.add_paragraph(para(definition).style("Note"))
            }
            Block::Table {
                caption,
                header,
                rows,
                notes,
            } => {
                let mut t_rows = vec![TableRow::new(
                    header
                        .iter()
                        .map(|h| {
                            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(h).bold()))
                        })
                        .collect(),
                )];
                for r in rows {
                    t_rows.push(TableRow::new(
                        r.iter().map(|c| TableCell::new().add_paragraph(para(c))).collect(),
                    ));
                }
                let mut d = d
                    .add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(caption).bold())
                            .style("Caption"),
                    )
                    .add_table(Table::new(t_rows));
                for n in notes {
                    d = d.add_paragraph(para(n).style("Note"));
                }
                d
            }
        };
    }
    for (i, sub) in s.subsections.iter().enumerate() {
        d = blocks(d, sub, &format!("{number}.{}", i + 1), level + 1, draw, pics);
    }
    d
}

/// The document as DOCX bytes, figures given by caption and definition only.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
    render_with_figures(doc, &|_| None)
}

/// The document as DOCX bytes, each figure drawn by `draw`.
pub fn render_with_figures(doc: &Document, draw: Rasterise) -> Result<Vec<u8>, DocxError> {
    let mut d = Docx::new()
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(48).bold())
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(26)
                .bold(),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("Heading 3")
                .size(24)
                .bold(),
        )
        .add_style(
            Style::new("Heading4", StyleType::Paragraph)
                .name("Heading 4")
                .size(22)
                .bold(),
        )
        .add_style(Style::new("Caption", StyleType::Paragraph).name("Caption"))
        .add_style(Style::new("Note", StyleType::Paragraph).name("Note").size(18).italic())
        .add_style(Style::new("ListBullet", StyleType::Paragraph).name("List Bullet"));
    if doc.draft {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("DRAFT").bold().color("B42318"))
                .align(AlignmentType::Right),
        );
    }
    d = d
        .add_paragraph(para(&doc.title).style("Title"))
        .add_paragraph(para(&doc.subtitle))
        .add_paragraph(para(&format!("Evidence as of {}", doc.date)).style("Note"));
    let mut pics = 0;
    for (i, s) in doc.sections.iter().enumerate() {
        d = blocks(d, s, &(i + 1).to_string(), 1, draw, &mut pics);
    }
    for f in &doc.footnotes {
        d = d.add_paragraph(para(f).style("Note"));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf)?;
    Ok(buf.into_inner())
}
