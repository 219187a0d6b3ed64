//! The DOCX rendering of a document, for analysts to edit: real heading styles (so Word builds its
//! navigation and contents from them), paragraphs, bulleted lists, tables with a bold header row
//! and their notes, and the footnotes at the end. Figures are given by their caption and definition;
//! their numbers are in the tables that follow them.

use docx_rs::{AlignmentType, Docx, DocxError, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

use crate::model::{Block, Document, Section};

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn heading(text: &str, level: usize) -> Paragraph {
    para(text).style(&format!("Heading{}", level.min(4)))
}

fn blocks(mut d: Docx, s: &Section, number: &str, level: usize) -> Docx {
    d = d.add_paragraph(heading(&format!("{number} {}", s.title), level));
    for b in &s.blocks {
        d = match b {
            Block::Paragraph { text } => d.add_paragraph(para(text)),
            Block::Note { text } => d.add_paragraph(para(text).style("Note")),
            Block::List { items } => items
                .iter()
                .fold(d, |d, i| d.add_paragraph(para(&format!("• {i}")).style("ListBullet"))),
            Block::Figure {
                caption, definition, ..
            } => d
                .add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(caption).bold())
                        .style("Caption"),
                )
                .add_paragraph(para(definition).style("Note")),
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
        d = blocks(d, sub, &format!("{number}.{}", i + 1), level + 1);
    }
    d
}

/// The document as DOCX bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
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
    for (i, s) in doc.sections.iter().enumerate() {
        d = blocks(d, s, &(i + 1).to_string(), 1);
    }
    for f in &doc.footnotes {
        d = d.add_paragraph(para(f).style("Note"));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf)?;
    Ok(buf.into_inner())
}
