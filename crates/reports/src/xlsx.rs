//! The XLSX annex of a document: the figures it rests on as one tidy data sheet (a row per
//! figure, a column per attribute, in words — ready for a pivot table or a statistics package),
//! every table on its own sheet (with its caption, header and notes), and a native column chart
//! beside each table of a series (a period column and a value column).

use pathways_domain::cells::is_formula_like;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, XlsxError};

use crate::model::{Block, Datum, Document, Labels, Section};

/// Every table of a section and below, with the title of the section it sits in.
fn tables<'a>(s: &'a Section, out: &mut Vec<(&'a str, &'a Block)>) {
    for b in &s.blocks {
        if matches!(b, Block::Table { .. }) {
            out.push((s.title.as_str(), b));
        }
    }
    for sub in &s.subsections {
        tables(sub, out);
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:?/\`, unique in the workbook.
/// An asterisk (Kosovo*) becomes the full-width one Excel allows, so that the name keeps it.
fn sheet_name(caption: &str, n: usize, used: &mut Vec<String>) -> String {
    let clean: String = caption
        .chars()
        .filter(|c| !"[]:?/\\".contains(*c))
        .map(|c| if c == '*' { '\u{FF0A}' } else { c })
        .collect();
    let base: String = format!("{n:02} {}", clean.trim()).chars().take(31).collect();
    let mut name = base.trim().to_string();
    let mut k = 2;
    while used.contains(&name) {
        name = format!("{}~{k}", base.chars().take(28).collect::<String>());
        k += 1;
    }
    used.push(name.clone());
    name
}

/// A number as the document displays it in a table ("34,146", "0.5"; "34.146", "0,5" where
/// the language writes them so), or `None` for text.
fn number(s: &str, l: &Labels) -> Option<f64> {
    // Thousands are grouped with the locale's separator, or a (narrow) no-break space.
    let t: String = s
        .replace(l.group_separator.as_str(), "")
        .replace(['\u{a0}', '\u{202f}'], "")
        .replace(l.decimal_separator.as_str(), ".");
    let v: f64 = t.parse().ok()?;
    (v.is_finite() && !t.starts_with('+') && !(t.starts_with('0') && t.len() > 1 && !t.starts_with("0."))).then_some(v)
}

/// The columns of the data sheet, with their widths.
/// The widths of the data sheet's columns (their names are the document's [`Labels::columns`]).
const DATA_WIDTHS: [f64; 16] = [
    22.0, 36.0, 9.0, 11.0, 20.0, 16.0, 18.0, 18.0, 8.0, 12.0, 14.0, 30.0, 40.0, 11.0, 11.0, 60.0,
];

/// One row per figure: a table a pivot table or a statistics package reads as it is.
fn data_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    d: &Document,
    bold: &Format,
    guarded: &Format,
) -> Result<(), XlsxError> {
    let data: &[Datum] = &d.data;
    for (c, (h, w)) in d.labels.columns.iter().zip(DATA_WIDTHS).enumerate() {
        ws.write_string_with_format(0, c as u16, h, bold)?;
        ws.set_column_width(c as u16, w)?;
    }
    for (i, x) in data.iter().enumerate() {
        let r = i as u32 + 1;
        let text = [
            &x.economy,
            &x.indicator,
            &x.measure,
            &x.unit,
            &x.period,
            &x.period_code,
            &x.citizenship,
            &x.sector,
            &x.sex,
        ];
        for (c, v) in text.iter().enumerate() {
            ws.write_string(r, c as u16, v.as_str())?;
        }
        if x.value.is_finite() {
            ws.write_number(r, 9, x.value)?;
        }
        for (c, v) in [
            &x.flag,
            &x.note,
            &x.source,
            &x.source_date,
            &x.confidence,
            &x.definition,
        ]
        .iter()
        .enumerate()
        {
            // Text a spreadsheet would evaluate stays text.
            if is_formula_like(v) {
                ws.write_string_with_format(r, 10 + c as u16, v.as_str(), guarded)?;
            } else {
                ws.write_string(r, 10 + c as u16, v.as_str())?;
            }
        }
    }
    ws.autofilter(0, 0, data.len() as u32, DATA_WIDTHS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The document's tables as an XLSX workbook.
pub fn render(d: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(&d.title)
            .set_subject(&d.subtitle),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    // Text a spreadsheet would evaluate (`=…`, `+…`) stays text: Excel's quote prefix.
    let guarded = wrap.clone().set_quote_prefix();
    let mut all = vec![];
    for s in &d.sections {
        tables(s, &mut all);
    }
    let l = &d.labels;
    let about = wb.add_worksheet().set_name(&l.about_sheet)?;
    about.write_string_with_format(0, 0, &d.title, &bold)?;
    about.write_string(1, 0, &d.subtitle)?;
    about.write_string(
        2,
        0,
        format!(
            "{} {}{}",
            l.evidence_as_of,
            d.shown_date(),
            if d.draft {
                format!(" — {}", d.draft_mark())
            } else {
                String::new()
            }
        ),
    )?;
    for (i, f) in d.footnotes.iter().enumerate() {
        about.write_string(4 + i as u32, 0, f)?;
    }
    about.set_column_width(0, 100)?;
    let mut used = vec![l.about_sheet.clone()];
    if !d.data.is_empty() {
        data_sheet(wb.add_worksheet().set_name(&l.data_sheet)?, d, &bold, &guarded)?;
        used.push(l.data_sheet.clone());
    }
    let caption_of = |b: &Block| match b {
        Block::Table { caption, .. } => caption.clone(),
        _ => String::new(),
    };
    for (n, (section, b)) in all.iter().enumerate() {
        let Block::Table {
            caption,
            header,
            rows,
            notes,
        } = b
        else {
            continue;
        };
        // A caption several tables share ("Practice", "How the check is organised") names its
        // section instead (the stage, the economy), so that each sheet says what it holds.
        let shared = all.iter().filter(|(_, other)| caption_of(other) == *caption).count() > 1;
        let name = sheet_name(if shared { section } else { caption }, n + 1, &mut used);
        let ws = wb.add_worksheet().set_name(&name)?;
        ws.write_string_with_format(0, 0, format!("{section} — {caption}"), &bold)?;
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, h, &bold)?;
            ws.set_column_width(c as u16, if h.len() > 20 { 40 } else { 18 })?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match number(v, l) {
                    Some(x) => ws.write_number(3 + r as u32, c as u16, x)?,
                    None if is_formula_like(v) => ws.write_string_with_format(3 + r as u32, c as u16, v, &guarded)?,
                    None => ws.write_string_with_format(3 + r as u32, c as u16, v, &wrap)?,
                };
            }
        }
        let after = 4 + rows.len() as u32;
        for (i, note) in notes.iter().enumerate() {
            ws.write_string(after + i as u32, 0, note)?;
        }
        ws.set_freeze_panes(3, 0)?;
        // A series (period, value): a native chart beside the table.
        if header.len() == 2
            && header[0] == l.columns[4]
            && rows.len() > 1
            && rows.iter().all(|r| number(&r[1], l).is_some())
        {
            let mut chart = Chart::new(ChartType::Column);
            chart
                .add_series()
                .set_categories((name.as_str(), 3, 0, 2 + rows.len() as u32, 0))
                .set_values((name.as_str(), 3, 1, 2 + rows.len() as u32, 1))
                .set_name(caption.as_str());
            chart.title().set_name(caption);
            chart.legend().set_hidden();
            ws.insert_chart(2, 3, &chart)?;
        }
    }
    wb.save_to_buffer()
}
