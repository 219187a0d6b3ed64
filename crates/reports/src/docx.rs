//! The DOCX rendering of a document, for analysts to edit: real heading styles (so Word builds its
//! navigation and contents from them), paragraphs, bulleted lists, tables with a bold header row
//! and their notes, and the footnotes at the end. Figures are pictures (PNG, drawn by whoever calls
//! [`render_with_figures`]: this crate does not rasterise) with their caption and definition; their
//! numbers are in the tables that follow them.
//!
//! Each renderer (HTML, DOCX, PDF) walks the same `Block`s in the same order on purpose: a
//! document reads the same in every format.
//!
//! What Word users expect of a finished document and `docx-rs` does not write itself is added to
//! the package afterwards (`finish`): the title, subject, author and language in the document's
//! properties, and each figure's caption and definition as its alternative text.

use std::io::{Read, Write};

use docx_rs::{
    AlignmentType, Docx, DocxError, Footer, Header, LineSpacing, LineSpacingType, NumPages, PageNum, Paragraph, Pic,
    Run, RunFonts, Shading, Style, StyleType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use crate::model::{Block, Document, Section};

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A heading, bookmarked so that the table of contents links to it.
fn heading(text: &str, level: usize, toc: &mut Vec<(String, usize)>) -> Paragraph {
    let id = toc.len();
    toc.push((text.to_string(), level));
    para(text)
        .style(&format!("Heading{}", level.min(4)))
        .add_bookmark_start(id, toc_key(id))
        .add_bookmark_end(id)
}

fn toc_key(id: usize) -> String {
    format!("_Toc{id:08}")
}

/// The width of an A4 page's text area with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: usize = 9_070;

/// Column widths in twips: each column gets at least what its longest word needs (so no word is
/// broken across lines), and the rest of the width in proportion to how much text it holds.
fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let n = header.len().max(1);
    let cells = |c: usize| std::iter::once(&header[c]).chain(rows.iter().filter_map(move |r| r.get(c)));
    // About 110 twips per character at 10 pt, plus the cell's padding.
    let need: Vec<usize> = (0..n)
        .map(|c| {
            cells(c)
                .flat_map(|t| t.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1)
                .min(28)
                * 110
                + 230
        })
        .collect();
    let weight: Vec<usize> = (0..n)
        .map(|c| cells(c).map(|t| t.chars().count()).max().unwrap_or(1).clamp(4, 60))
        .collect();
    let floor: usize = need.iter().sum();
    let spare = TEXT_WIDTH_TWIPS.saturating_sub(floor);
    let total: usize = weight.iter().sum::<usize>().max(1);
    (0..n).map(|c| need[c] + spare * weight[c] / total).collect()
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

/// What the walk through the sections collects on its way: the headings for the table of
/// contents, and each figure's alternative text in order.
#[derive(Default)]
struct Walk {
    toc: Vec<(String, usize)>,
    alts: Vec<String>,
    pics: usize,
}

fn blocks(mut d: Docx, s: &Section, number: &str, level: usize, draw: Rasterise, w: &mut Walk) -> Docx {
    d = d.add_paragraph(heading(&format!("{number} {}", s.title), level, &mut w.toc));
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
                    w.alts.push(format!("{caption}. {definition}"));
                    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_image(picture(p, &mut w.pics))));
                }
                d.add_paragraph(para(definition).style("Note"))
            }
            Block::Table {
                caption,
                header,
                rows,
                notes,
            } => {
                let widths = column_widths(header, rows);
                let cell = |text: &str, c: usize, head: bool| {
                    let run = Run::new().add_text(text).size(19);
                    let cell = TableCell::new()
                        .width(widths.get(c).copied().unwrap_or(1000), WidthType::Dxa)
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(if head { run.bold() } else { run })
                                .line_spacing(LineSpacing::new().before(0).after(0)),
                        );
                    if head {
                        cell.shading(Shading::new().fill("E8EDF2"))
                    } else {
                        cell
                    }
                };
                let mut t_rows = vec![
                    TableRow::new(header.iter().enumerate().map(|(c, h)| cell(h, c, true)).collect()).cant_split(),
                ];
                for r in rows {
                    t_rows.push(
                        TableRow::new(r.iter().enumerate().map(|(c, v)| cell(v, c, false)).collect()).cant_split(),
                    );
                }
                let mut d = d
                    .add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(caption).bold())
                            .style("Caption"),
                    )
                    .add_table(
                        Table::new(t_rows)
                            .set_grid(widths.clone())
                            .layout(TableLayoutType::Fixed)
                            .margins(TableCellMargins::new().margin(40, 80, 40, 80))
                            .width(TEXT_WIDTH_TWIPS, WidthType::Dxa),
                    );
                for n in notes {
                    d = d.add_paragraph(para(n).style("Note"));
                }
                d
            }
        };
    }
    for (i, sub) in s.subsections.iter().enumerate() {
        d = blocks(d, sub, &format!("{number}.{}", i + 1), level + 1, draw, w);
    }
    d
}

/// The document as DOCX bytes, figures given by caption and definition only.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
    render_with_figures(doc, &|_| None)
}

/// The document as DOCX bytes, each figure drawn by `draw`.
pub fn render_with_figures(doc: &Document, draw: Rasterise) -> Result<Vec<u8>, DocxError> {
    let heading_style = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color("1B2430")
            .line_spacing(LineSpacing::new().before(240).after(80))
    };
    let toc_style = |level: usize| {
        Style::new(format!("ToC{level}"), StyleType::Paragraph)
            .name(format!("toc {level}"))
            .based_on("Normal")
            .indent(Some(((level - 1) * 240) as i32), None, None, None)
    };
    let mut d = Docx::new()
        // The base style every paragraph inherits: an 11 pt sans-serif with room between
        // paragraphs, as a ministry's house style would set it.
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri")
                .east_asia("Calibri"),
        )
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120).line(264).line_rule(LineSpacingType::Auto))
        .add_style(Style::new("Normal", StyleType::Paragraph).name("Normal"))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .size(48)
                .bold()
                .color("0B5CAD"),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .size(28)
                .color("5B6573"),
        )
        .add_style(heading_style("Heading1", "Heading 1", 32).outline_lvl(0))
        .add_style(heading_style("Heading2", "Heading 2", 26).outline_lvl(1))
        .add_style(heading_style("Heading3", "Heading 3", 24).outline_lvl(2))
        .add_style(heading_style("Heading4", "Heading 4", 22).outline_lvl(3))
        .add_style(heading_style("TOCHeading", "TOC Heading", 32))
        .add_style(toc_style(1))
        .add_style(toc_style(2))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("Caption")
                .based_on("Normal")
                .size(20),
        )
        .add_style(
            Style::new("Note", StyleType::Paragraph)
                .name("Note")
                .based_on("Normal")
                .size(18)
                .italic()
                .color("5B6573"),
        )
        .add_style(
            Style::new("ListBullet", StyleType::Paragraph)
                .name("List Bullet")
                .based_on("Normal"),
        )
        .add_style(
            Style::new("Header", StyleType::Paragraph)
                .name("header")
                .based_on("Normal")
                .size(16)
                .color("5B6573"),
        )
        .add_style(
            Style::new("Footer", StyleType::Paragraph)
                .name("footer")
                .based_on("Normal")
                .size(16)
                .color("5B6573"),
        );
    // Every page says what it belongs to and where it is: the title (and Draft) above, the page
    // of pages and the evidence date below.
    d = d
        .header(
            Header::new().add_paragraph(
                para(&format!(
                    "{}{}",
                    doc.title,
                    if doc.draft {
                        format!(" — {}", doc.draft_mark())
                    } else {
                        String::new()
                    }
                ))
                .style("Header")
                .align(AlignmentType::Right),
            ),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .style("Footer")
                    .add_run(Run::new().add_text(format!(
                        "{} {} · {} ",
                        doc.labels.evidence_as_of,
                        doc.shown_date(),
                        doc.labels.page
                    )))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(format!(" {} ", doc.labels.of)))
                    .add_num_pages(NumPages::new())
                    .align(AlignmentType::Center),
            ),
        );
    if doc.draft {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(doc.draft_mark()).bold().color("B42318"))
                .align(AlignmentType::Right),
        );
    }
    d = d
        .add_paragraph(para(&doc.title).style("Title"))
        .add_paragraph(para(&doc.subtitle).style("Subtitle"))
        .add_paragraph(para(&format!("{} {}", doc.labels.evidence_as_of, doc.shown_date())).style("Note"));
    // The sections are walked into a document of their own first, so that the table of contents
    // (which comes before them) knows every heading.
    let mut walk = Walk::default();
    let mut body = Docx::new();
    for (i, s) in doc.sections.iter().enumerate() {
        body = blocks(body, s, &(i + 1).to_string(), 1, draw, &mut walk);
    }
    // The table of contents is written into the package afterwards (`finish`), where this
    // paragraph stands.
    d = d.add_paragraph(para(TOC_MARK));
    d.document.children.extend(body.document.children);
    for f in &doc.footnotes {
        d = d.add_paragraph(para(f).style("Note"));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf)?;
    finish(buf.into_inner(), doc, &walk)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The date a document states as a W3C date-time (`2026-11` → `2026-11-01T00:00:00Z`), so that
/// the same evidence gives the same bytes.
fn w3c_date(date: &str) -> String {
    let mut parts = date.split('-');
    let y = parts.next().filter(|y| y.len() == 4).unwrap_or("1970");
    let m = parts.next().unwrap_or("01");
    let d = parts.next().unwrap_or("01");
    format!("{y}-{m}-{d}T00:00:00Z")
}

/// The package with real properties (title, subject, author, language, date) and each picture's
/// alternative text.
fn finish(package: Vec<u8>, doc: &Document, walk: &Walk) -> Result<Vec<u8>, DocxError> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut para_ids = 0u32;
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let name = f.name().to_string();
        let mut bytes = vec![];
        f.read_to_end(&mut bytes).map_err(zip::result::ZipError::Io)?;
        let bytes = match name.as_str() {
            "docProps/core.xml" => core_properties(doc).into_bytes(),
            "word/document.xml" => {
                let xml = with_toc(&String::from_utf8_lossy(&bytes), &walk.toc);
                renumbered(&with_alt_texts(&xml, &walk.alts), &mut para_ids).into_bytes()
            }
            n if n.ends_with(".xml") => renumbered(&String::from_utf8_lossy(&bytes), &mut para_ids).into_bytes(),
            _ => bytes,
        };
        out.start_file(name, options)?;
        out.write_all(&bytes).map_err(zip::result::ZipError::Io)?;
    }
    Ok(out.finish()?.into_inner())
}

fn core_properties(doc: &Document) -> String {
    let date = w3c_date(&doc.date);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>Pathways</dc:creator><cp:keywords>labour migration; screening; Countries of Origin; Western Balkans</cp:keywords><dc:description>{description}</dc:description><dc:language>{lang}</dc:language><cp:lastModifiedBy>Pathways</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#,
        title = escape(&doc.title),
        subject = escape(&doc.subtitle),
        description = escape(&format!(
            "{} {}{}",
            doc.labels.evidence_as_of,
            doc.shown_date(),
            if doc.draft {
                format!(" — {}", doc.draft_mark())
            } else {
                String::new()
            }
        )),
        lang = escape(&doc.labels.lang),
    )
}

/// Stands where the table of contents goes, until `finish` puts it there.
const TOC_MARK: &str = "\u{E000}contents\u{E000}";

/// The table of contents as Word writes it: a TOC field over the headings of levels 1 and 2, each
/// entry a link to its heading's bookmark with a PAGEREF field for its page. Word recomputes the
/// page numbers when it opens the document (the field is marked dirty); LibreOffice when it lays
/// the document out.
fn with_toc(xml: &str, headings: &[(String, usize)]) -> String {
    let run = |inner: &str| format!("<w:r>{inner}</w:r>");
    let field = |kind: &str, dirty: bool| {
        run(&format!(
            r#"<w:fldChar w:fldCharType="{kind}"{} />"#,
            if dirty { r#" w:dirty="true""# } else { "" }
        ))
    };
    let instr = |text: &str| run(&format!(r#"<w:instrText xml:space="preserve"> {text} </w:instrText>"#));
    let entries: Vec<(usize, &(String, usize))> = headings
        .iter()
        .enumerate()
        .filter(|(_, (_, level))| *level <= 2)
        .collect();
    let mut toc = String::from(
        r#"<w:sdt><w:sdtPr /><w:sdtContent><w:p><w:pPr><w:pStyle w:val="TOCHeading" /></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>"#,
    );
    for (i, (id, (text, level))) in entries.iter().enumerate() {
        toc.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="ToC{level}" /><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH_TWIPS}" /></w:tabs></w:pPr>"#
        ));
        if i == 0 {
            toc.push_str(&field("begin", true));
            toc.push_str(&instr(r#"TOC \o "1-2" \h \z \u"#));
            toc.push_str(&field("separate", false));
        }
        let key = toc_key(*id);
        toc.push_str(&format!(
            r#"<w:hyperlink w:anchor="{key}" w:history="1">{}{}{}{}{}{}{}</w:hyperlink></w:p>"#,
            run(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(text))),
            run("<w:tab />"),
            field("begin", false),
            instr(&format!(r"PAGEREF {key} \h")),
            field("separate", false),
            run("<w:t></w:t>"),
            field("end", false),
        ));
    }
    toc.push_str(&format!("<w:p>{}</w:p></w:sdtContent></w:sdt>", field("end", false)));
    let Some(at) = xml.find(TOC_MARK) else {
        return xml.to_string();
    };
    let (Some(open), Some(close)) = (xml[..at].rfind("<w:p "), xml[at..].find("</w:p>")) else {
        return xml.to_string();
    };
    format!("{}{toc}{}", &xml[..open], &xml[at + close + "</w:p>".len()..])
}

/// Paragraph ids numbered in the order they appear: docx-rs takes them from a counter shared by
/// the whole process, so that the same document rendered twice would differ.
fn renumbered(xml: &str, next: &mut u32) -> String {
    const MARK: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(MARK) {
        let value = at + MARK.len();
        out.push_str(&rest[..value]);
        *next += 1;
        out.push_str(&format!("{:08X}", *next));
        rest = rest[value..].find('"').map_or("", |end| &rest[value + end..]);
    }
    out.push_str(rest);
    out
}

/// Each picture's drawing properties (`wp:docPr`, which docx-rs writes with a fixed id and no
/// description) numbered and described, in document order.
fn with_alt_texts(xml: &str, alts: &[String]) -> String {
    const MARK: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut n = 0;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let alt = alts.get(n).map(String::as_str).unwrap_or("Figure");
        n += 1;
        out.push_str(&format!(
            r#"<wp:docPr id="{n}" name="Figure {n}" descr="{}" />"#,
            escape(alt)
        ));
        rest = &rest[at + MARK.len()..];
    }
    out.push_str(rest);
    out
}
