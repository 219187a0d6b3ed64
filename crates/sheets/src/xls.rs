//! The cells a legacy `.xls` workbook would make its reader allocate, counted from its BIFF
//! records before the reader opens it.
//!
//! The reader builds every sheet's dense range when the file is opened, from the smallest to the
//! largest position of the cells it keeps, so two cells in opposite corners of a sheet cost
//! 65,536 × 256 cells. The records it keeps as cells are scanned here, sheet by sheet, and their
//! rectangles summed. It also reserves room for the rectangle a sheet's DIMENSIONS record
//! declares; LibreOffice writes 1,048,576 rows there for a sheet of 50, so a declaration larger
//! than the limit is replaced by the rectangle the sheet's cells really span before the reader
//! sees it (a sheet list pointing elsewhere, where no such repair reaches, is still refused).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use crate::{Limits, SheetError, cell_name, unreadable};

const BOF: u16 = 0x0809;
/// The DIMENSIONS record: the reader reserves room for the rectangle it declares.
const DIMENSIONS: u16 = 0x0200;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const MUL_RK: u16 = 0x00BD;
/// Records the reader keeps as cells: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA
/// (and MULRK, a run of RK cells on one row).
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The cells a DIMENSIONS record declares, read as the reader reads it (BIFF5 with 16-bit rows,
/// BIFF8 with 32-bit rows; a first column beyond 255 or after the last counts from 0); `None`
/// when the rectangle is upside down, which the reader would turn into an enormous one.
fn declared_cells(data: &[u8]) -> Option<u64> {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u16_at(data, 0)? as u64,
            u16_at(data, 2)? as u64,
            u16_at(data, 4)? as u64,
            u16_at(data, 6)? as u64,
        ),
        14 | 16 => (
            u32_at(data, 0)? as u64,
            u32_at(data, 4)? as u64,
            u16_at(data, 8)? as u64,
            u16_at(data, 10)? as u64,
        ),
        // The reader refuses a record of another length.
        _ => return Some(0),
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row == 0 || last_col == 0 {
        return Some(1);
    }
    let rows = (last_row - 1).checked_sub(first_row)? + 1;
    let cols = (last_col - 1).checked_sub(first_col)? + 1;
    Some(rows.saturating_mul(cols))
}

/// The DIMENSIONS record of a sheet's cells: rows and columns from first to one past the last.
fn dimensions(len: usize, bounds: Option<(u32, u32, u32, u32)>) -> Vec<u8> {
    let (r0, r1, c0, c1) = bounds.map_or((0, 0, 0, 0), |(r0, r1, c0, c1)| (r0, r1 + 1, c0, c1 + 1));
    let mut out = vec![];
    if len == 10 {
        for v in [r0, r1, c0, c1] {
            out.extend_from_slice(&(v as u16).to_le_bytes());
        }
        out.extend_from_slice(&[0, 0]);
    } else {
        out.extend_from_slice(&r0.to_le_bytes());
        out.extend_from_slice(&r1.to_le_bytes());
        out.extend_from_slice(&(c0 as u16).to_le_bytes());
        out.extend_from_slice(&(c1 as u16).to_le_bytes());
        out.resize(len, 0);
    }
    out
}

/// Checks the workbook, and returns it with every oversized DIMENSIONS record replaced by the
/// rectangle its sheet's cells span (the bytes unchanged when none is).
pub(crate) fn check<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Cow<'a, [u8]>, SheetError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| unreadable("no workbook stream in the file"))?;
    let mut stream = vec![];
    file.open_stream(name)
        .map_err(unreadable)?
        .take(limits.max_unpacked)
        .read_to_end(&mut stream)
        .map_err(unreadable)?;
    let mut substreams = 0usize;
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut spanned = 0u64;
    let mut pos = 0usize;
    let sheet_name = |n: usize| format!("sheet {n}");
    let mut sheet_starts: Vec<usize> = vec![];
    // Oversized DIMENSIONS records (where their data starts, its length, their substream) and
    // the rectangle each substream's cells span.
    let mut oversized: Vec<(usize, usize, usize)> = vec![];
    let mut spans: HashMap<usize, Option<(u32, u32, u32, u32)>> = HashMap::new();
    while let (Some(kind), Some(len)) = (u16_at(&stream, pos), u16_at(&stream, pos + 2)) {
        let start = pos + 4;
        let data = stream
            .get(start..(start + len as usize).min(stream.len()))
            .unwrap_or(&[]);
        pos = start + len as usize;
        let cols = match kind {
            BOUNDSHEET => {
                if let Some(at) = u32_at(data, 0) {
                    sheet_starts.push(at as usize);
                }
                continue;
            }
            BOF => {
                substreams += 1;
                // The first substream is the workbook's globals; the others are its sheets.
                crate::check_sheet_count(substreams.saturating_sub(1), limits)?;
                bounds = None;
                continue;
            }
            EOF => {
                spans.insert(substreams, bounds);
                if let Some((r0, r1, c0, c1)) = bounds.take() {
                    spanned += (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
                    if spanned > limits.max_cells as u64 {
                        return Err(SheetError::TooManyCells {
                            sheet: sheet_name(substreams.saturating_sub(1)),
                            limit: limits.max_cells,
                        });
                    }
                }
                continue;
            }
            DIMENSIONS => {
                let declared = declared_cells(data);
                if declared.is_none_or(|n| n > limits.max_cells as u64) {
                    if data.len() == len as usize && matches!(len, 10 | 14 | 16) {
                        oversized.push((start, len as usize, substreams));
                    } else {
                        return Err(SheetError::TooManyCells {
                            sheet: sheet_name(substreams.saturating_sub(1)),
                            limit: limits.max_cells,
                        });
                    }
                }
                continue;
            }
            MUL_RK => u16_at(data, 2).zip(data.len().checked_sub(2).and_then(|at| u16_at(data, at))),
            k if CELLS.contains(&k) => u16_at(data, 2).map(|c| (c, c)),
            _ => continue,
        };
        let (Some(row), Some((c0, c1))) = (u16_at(data, 0), cols) else {
            continue;
        };
        let (row, c0, c1) = (row as u32, c0 as u32, c1.max(c0) as u32);
        if row >= limits.max_rows || c1 >= limits.max_cols {
            return Err(SheetError::BeyondGrid {
                sheet: sheet_name(substreams.saturating_sub(1)),
                cell: cell_name(row, c1),
                max_rows: limits.max_rows,
                max_cols: limits.max_cols,
            });
        }
        bounds = Some(match bounds {
            Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
            None => (row, row, c0, c1),
        });
    }
    for (at, len, sub) in &oversized {
        let record = dimensions(*len, spans.get(sub).copied().flatten());
        stream[*at..*at + len].copy_from_slice(&record);
    }
    // The reader does not walk the stream from its start: it reads each sheet from where the
    // workbook's sheet list says it begins, which may be inside another record (found by
    // fuzzing). A dimension met only that way would make it reserve room for every cell it
    // declares, so each sheet is walked again from there, as the reader will, to its end.
    for (n, start) in sheet_starts.into_iter().enumerate() {
        let mut pos = start;
        while let (Some(kind), Some(len)) = (u16_at(&stream, pos), u16_at(&stream, pos + 2)) {
            let from = pos + 4;
            let data = stream.get(from..(from + len as usize).min(stream.len())).unwrap_or(&[]);
            pos = from + len as usize;
            match kind {
                EOF => break,
                DIMENSIONS if declared_cells(data).is_none_or(|c| c > limits.max_cells as u64) => {
                    return Err(SheetError::TooManyCells {
                        sheet: sheet_name(n + 1),
                        limit: limits.max_cells,
                    });
                }
                _ => {}
            }
        }
    }
    if oversized.is_empty() {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).map_err(unreadable)?;
    out.create_stream(name)
        .and_then(|mut s| s.write_all(&stream))
        .map_err(unreadable)?;
    out.flush().map_err(unreadable)?;
    Ok(Cow::Owned(out.into_inner().into_inner()))
}
