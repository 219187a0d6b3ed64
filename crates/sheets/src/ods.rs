//! The cells an OpenDocument spreadsheet would make its reader allocate, counted from
//! `content.xml` before the reader opens it.
//!
//! The reader builds, for each `<table:table-row>` element, every cell up to the row's last
//! non-empty one (the empty ones before it included), then repeats rows and cells as
//! `number-rows-repeated` and `number-columns-repeated` say, into one dense rectangle per sheet.
//! Both sizes are bounded here: the cells of the row elements, and the rectangle spanned by the
//! non-empty cells with their repetitions.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::{Limits, SheetError, cell_name, unreadable};

fn repeat(e: &BytesStart<'_>, attr: &str) -> Result<u64, SheetError> {
    match e.try_get_attribute(attr).map_err(unreadable)? {
        Some(a) => a
            .value
            .trim()
            .parse::<u64>()
            .ok()
            .map(|n| n.max(1))
            .ok_or_else(|| unreadable(format!("`{attr}` is not a count"))),
        None => Ok(1),
    }
}

/// A table being scanned: its name, the next row index, and the rectangle of non-empty cells.
struct Table {
    name: String,
    row: u64,
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Table {
    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1).saturating_mul(c1 - c0 + 1),
            _ => 0,
        }
    }
}

fn widen(span: &mut Option<(u64, u64)>, from: u64, to: u64) {
    *span = Some(match *span {
        Some((a, b)) => (a.min(from), b.max(to)),
        None => (from, to),
    });
}

pub(crate) fn check(bytes: &[u8], limits: &Limits) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let content = zip.by_name("content.xml").map_err(unreadable)?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content.take(limits.max_unpacked)));
    let too_many = |sheet: &str| SheetError::TooManyCells {
        sheet: sheet.to_string(),
        limit: limits.max_cells,
    };
    let max_cells = limits.max_cells as u64;
    let mut buf = vec![];
    let mut tables = 0usize;
    let mut table: Option<Table> = None;
    // The row element being read: how often it repeats, its next column, its last non-empty end.
    let mut row: Option<(u64, u64, u64)> = None;
    let mut materialised = 0u64;
    let mut spanned = 0u64;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(unreadable)?;
        let (e, is_start) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        if let (Some((rep, _, end)), Some(t)) = (row.take(), table.as_mut()) {
                            materialised = materialised.saturating_add(end);
                            if materialised > max_cells {
                                return Err(too_many(&t.name));
                            }
                            t.row = t.row.saturating_add(rep);
                        }
                    }
                    "table:table" => {
                        if let Some(t) = table.take() {
                            spanned = spanned.saturating_add(t.area());
                            if spanned > max_cells {
                                return Err(too_many(&t.name));
                            }
                        }
                    }
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" => {
                tables += 1;
                crate::check_sheet_count(tables, limits)?;
                let name = match e.try_get_attribute("table:name").map_err(unreadable)? {
                    Some(a) => a.value.to_string(),
                    None => format!("sheet {tables}"),
                };
                table = Some(Table {
                    name,
                    row: 0,
                    rows: None,
                    cols: None,
                });
            }
            "table:table-row" => {
                let rep = repeat(e, "table:number-rows-repeated")?;
                row = Some((rep, 0, 0));
                if !is_start && let Some(t) = table.as_mut() {
                    t.row = t.row.saturating_add(rep);
                    row = None;
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let rep = repeat(e, "table:number-columns-repeated")?;
                if let (Some((rrep, col, end)), Some(t)) = (row.as_mut(), table.as_mut()) {
                    let non_empty = is_start
                        || e.try_get_attribute("office:value-type").map_err(unreadable)?.is_some()
                        || e.try_get_attribute("table:formula").map_err(unreadable)?.is_some();
                    let next = col.saturating_add(rep);
                    if non_empty {
                        let (last_row, last_col) = (t.row.saturating_add(*rrep - 1), next - 1);
                        if last_row >= limits.max_rows as u64 || last_col >= limits.max_cols as u64 {
                            return Err(SheetError::BeyondGrid {
                                sheet: t.name.clone(),
                                cell: cell_name(
                                    last_row.min(u32::MAX as u64) as u32,
                                    last_col.min(u32::MAX as u64) as u32,
                                ),
                                max_rows: limits.max_rows,
                                max_cols: limits.max_cols,
                            });
                        }
                        widen(&mut t.rows, t.row, last_row);
                        widen(&mut t.cols, *col, last_col);
                        *end = next;
                    }
                    *col = next;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}
