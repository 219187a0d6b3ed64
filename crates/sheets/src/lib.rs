//! Bounded reading of uploaded workbooks: the one door through which an `.xlsx`, `.xls` or
//! `.ods` file from a user reaches the rest of Pathways.
//!
//! A workbook is a compressed archive or a binary container that may claim anything: a 2 KB
//! `.xlsx` can declare a cell at `XFD1048576`, and a reader that builds the dense range of its
//! sheet allocates hundreds of gigabytes. Every limit in [`Limits`] is therefore checked *before*
//! the memory it protects is taken:
//!
//! - the file's bytes, then (for the zip-based formats) the bytes it unpacks to, counted while
//!   unpacking into nothing;
//! - XLSX sheets are read cell by cell (sparse), each cell's position checked against the grid
//!   limit and the cell count before it is kept; the rows handed out are bounded by the cells they
//!   span;
//! - XLS and ODS readers build every sheet's dense range when the file is opened, so their cell
//!   records are scanned first ([`xls`], [`ods`]) and a file whose ranges would span too many cells
//!   is refused unopened; an `.xls` that merely declares a huge sheet (as LibreOffice writes
//!   them) has the declaration replaced by the span of its cells first.
//!
//! Nothing here does I/O beyond reading the given bytes.

mod ods;
mod table;
mod xls;
mod zipped;

use std::io::Cursor;

pub use calamine::Data;
use calamine::Reader;
pub use table::{Row, Table, cell_text, excel_date, read_table};

/// How much an uploaded table may hold. Each limit is refused with its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the file itself.
    pub max_bytes: usize,
    /// Bytes a zip-based workbook (XLSX, ODS) may unpack to, all parts together.
    pub max_unpacked: u64,
    /// Parts in a zip-based workbook.
    pub max_parts: usize,
    /// Sheets in a workbook.
    pub max_sheets: usize,
    /// Rows a sheet may use (the last row index + 1).
    pub max_rows: u32,
    /// Columns a sheet may use (the last column index + 1).
    pub max_cols: u32,
    /// Cells a workbook may span, all sheets together (the cells of the rectangles read).
    pub max_cells: usize,
}

impl Limits {
    /// The limits of every upload: registers of 100,000 rows and a 1,000-question form fit well
    /// within them.
    pub const UPLOAD: Limits = Limits {
        max_bytes: 20 * 1024 * 1024,
        max_unpacked: 200 * 1024 * 1024,
        max_parts: 10_000,
        max_sheets: 64,
        max_rows: 200_000,
        max_cols: 1_024,
        max_cells: 4_000_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::UPLOAD
    }
}

/// Why a workbook was not read. Each says what was too much and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("the file is {size} bytes; at most {limit} bytes are read")]
    TooLarge { size: usize, limit: usize },
    #[error("the workbook unpacks to more than {limit} bytes; such a file is refused unread")]
    Unpacked { limit: u64 },
    #[error("the workbook holds more than {limit} parts")]
    TooManyParts { limit: usize },
    #[error("the workbook has {count} sheets; at most {limit} are read")]
    TooManySheets { count: usize, limit: usize },
    #[error("sheet `{sheet}`: cell {cell} is beyond the {max_rows} rows and {max_cols} columns an upload may use")]
    BeyondGrid {
        sheet: String,
        cell: String,
        max_rows: u32,
        max_cols: u32,
    },
    #[error("sheet `{sheet}`: the cells in use span more than the {limit} cells an upload may have; split the file")]
    TooManyCells { sheet: String, limit: usize },
    #[error("not a readable workbook (.xlsx, .xls or .ods): {0}")]
    Unreadable(String),
    #[error("line {line}: more than the {limit} rows an upload may have; split the file")]
    TooManyRows { line: u64, limit: u32 },
    #[error("line {line}: {count} columns; at most {limit} are read")]
    TooManyColumns { line: u64, count: usize, limit: u32 },
}

/// The bounds of a CSV file read record by record: its bytes before reading, then each record's
/// fields and the number of records as they come (a CSV reader holds one record at a time, so
/// these bound everything an importer keeps).
#[derive(Debug)]
pub struct CsvBudget {
    limits: Limits,
    rows: u32,
}

impl CsvBudget {
    pub fn new(bytes: &[u8], limits: &Limits) -> Result<CsvBudget, SheetError> {
        if bytes.len() > limits.max_bytes {
            return Err(SheetError::TooLarge {
                size: bytes.len(),
                limit: limits.max_bytes,
            });
        }
        Ok(CsvBudget {
            limits: *limits,
            rows: 0,
        })
    }

    /// Counts one record of `fields` fields read at `line`.
    pub fn record(&mut self, line: u64, fields: usize) -> Result<(), SheetError> {
        self.rows += 1;
        if self.rows > self.limits.max_rows {
            return Err(SheetError::TooManyRows {
                line,
                limit: self.limits.max_rows,
            });
        }
        if fields > self.limits.max_cols as usize {
            return Err(SheetError::TooManyColumns {
                line,
                count: fields,
                limit: self.limits.max_cols,
            });
        }
        Ok(())
    }
}

/// One sheet as the rectangle of its cells in use: `rows[i][j]` is the cell at row
/// `first_row + i`, column `first_col + j` (0-based); a row may be shorter than others.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub first_row: u32,
    pub first_col: u32,
    pub rows: Vec<Vec<Data>>,
}

/// The spreadsheet letters of a 0-based column, e.g. `0` → `A`, `26` → `AA`.
pub fn column_name(col: u32) -> String {
    let mut letters = vec![];
    let mut c = col as u64;
    loop {
        letters.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

/// The spreadsheet name of a 0-based cell position, e.g. `(0, 0)` → `A1`.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row as u64 + 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Xls,
}

fn unreadable(e: impl std::fmt::Display) -> SheetError {
    SheetError::Unreadable(e.to_string())
}

/// Reads the sheets whose names `wanted` accepts (others are only counted), in workbook order.
/// A wanted sheet with no cell in use comes back with no rows. Sheets not wanted are listed with
/// no rows too, so that callers can say which sheets a file has.
pub fn read(bytes: &[u8], wanted: impl Fn(&str) -> bool, limits: &Limits) -> Result<Vec<Sheet>, SheetError> {
    // The readers underneath index into what a file declares and have panicked on malformed
    // files (found by fuzzing: an `.xls` record pointing past its buffer). Whatever a file holds,
    // the caller gets an answer: a panic inside becomes "unreadable".
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(bytes, wanted, limits)))
        .unwrap_or_else(|_| Err(SheetError::Unreadable("the file is malformed".into())))
}

fn read_unguarded(bytes: &[u8], wanted: impl Fn(&str) -> bool, limits: &Limits) -> Result<Vec<Sheet>, SheetError> {
    if bytes.len() > limits.max_bytes {
        return Err(SheetError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let format = if bytes.starts_with(b"PK\x03\x04") {
        if zipped::check(bytes, limits)? {
            Format::Ods
        } else {
            Format::Xlsx
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::Xls
    } else {
        return Err(SheetError::Unreadable(
            "the file is neither a zip (.xlsx, .ods) nor an .xls".into(),
        ));
    };
    match format {
        Format::Xlsx => read_xlsx(bytes, wanted, limits),
        Format::Ods => {
            ods::check(bytes, limits)?;
            let wb = calamine::Ods::new(Cursor::new(bytes)).map_err(unreadable)?;
            read_dense(wb, wanted, limits)
        }
        Format::Xls => {
            let bytes = xls::check(bytes, limits)?;
            let wb = calamine::Xls::new(Cursor::new(bytes.as_ref())).map_err(unreadable)?;
            read_dense(wb, wanted, limits)
        }
    }
}

fn check_sheet_count(count: usize, limits: &Limits) -> Result<(), SheetError> {
    if count > limits.max_sheets {
        return Err(SheetError::TooManySheets {
            count,
            limit: limits.max_sheets,
        });
    }
    Ok(())
}

fn read_xlsx(bytes: &[u8], wanted: impl Fn(&str) -> bool, limits: &Limits) -> Result<Vec<Sheet>, SheetError> {
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = wb.sheet_names();
    check_sheet_count(names.len(), limits)?;
    let mut out = vec![];
    let mut budget = limits.max_cells;
    for name in names {
        if !wanted(&name) {
            out.push(empty(name));
            continue;
        }
        let mut reader = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(format!("sheet `{name}`: {e}")))?;
        let mut cells: Vec<((u32, u32), Data)> = vec![];
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| unreadable(format!("sheet `{name}`: {e}")))?
        {
            let (row, col) = cell.get_position();
            let value = Data::from(cell.get_value().clone());
            if value == Data::Empty {
                continue;
            }
            if row >= limits.max_rows || col >= limits.max_cols {
                return Err(SheetError::BeyondGrid {
                    sheet: name,
                    cell: cell_name(row, col),
                    max_rows: limits.max_rows,
                    max_cols: limits.max_cols,
                });
            }
            if cells.len() >= budget {
                return Err(SheetError::TooManyCells {
                    sheet: name,
                    limit: limits.max_cells,
                });
            }
            cells.push(((row, col), value));
        }
        let sheet = densify(name, cells, &mut budget, limits)?;
        out.push(sheet);
    }
    Ok(out)
}

fn empty(name: String) -> Sheet {
    Sheet {
        name,
        first_row: 0,
        first_col: 0,
        rows: vec![],
    }
}

/// Lays sparse cells out as rows, refusing when the rows would span more cells than the budget
/// left (one cell far to the right on every row spans many).
fn densify(
    name: String,
    mut cells: Vec<((u32, u32), Data)>,
    budget: &mut usize,
    limits: &Limits,
) -> Result<Sheet, SheetError> {
    if cells.is_empty() {
        return Ok(empty(name));
    }
    cells.sort_by_key(|(pos, _)| *pos);
    let first_row = cells.first().map_or(0, |((r, _), _)| *r);
    let first_col = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    // Sorted by row then column, so a row's last cell is its widest.
    let mut spanned = 0usize;
    for (i, ((r, c), _)) in cells.iter().enumerate() {
        if cells.get(i + 1).is_none_or(|((next, _), _)| next != r) {
            spanned += (c - first_col + 1) as usize;
        }
    }
    if spanned > *budget {
        return Err(SheetError::TooManyCells {
            sheet: name,
            limit: limits.max_cells,
        });
    }
    *budget -= spanned;
    let last_row = cells.last().map_or(first_row, |((r, _), _)| *r);
    let mut rows: Vec<Vec<Data>> = vec![vec![]; (last_row - first_row + 1) as usize];
    for ((r, c), v) in cells {
        let row = &mut rows[(r - first_row) as usize];
        let at = (c - first_col) as usize;
        if row.len() <= at {
            row.resize(at + 1, Data::Empty);
        }
        row[at] = v;
    }
    Ok(Sheet {
        name,
        first_row,
        first_col,
        rows,
    })
}

fn read_dense<R, RS>(mut wb: R, wanted: impl Fn(&str) -> bool, limits: &Limits) -> Result<Vec<Sheet>, SheetError>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    check_sheet_count(names.len(), limits)?;
    let mut out = vec![];
    // All sheets together share the cell budget, as `read_xlsx`'s do: a file's per-sheet
    // declarations can each pass while their sum does not (found by fuzzing an `.xls`).
    let mut budget = limits.max_cells;
    for name in names {
        if !wanted(&name) {
            out.push(empty(name));
            continue;
        }
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| unreadable(format!("sheet `{name}`: {e}")))?;
        let Some((first_row, first_col)) = range.start() else {
            out.push(empty(name));
            continue;
        };
        if let Some((r, c)) = range.end()
            && (r >= limits.max_rows || c >= limits.max_cols)
        {
            return Err(SheetError::BeyondGrid {
                sheet: name,
                cell: cell_name(r, c),
                max_rows: limits.max_rows,
                max_cols: limits.max_cols,
            });
        }
        let (height, width) = range.get_size();
        let spanned = height.saturating_mul(width);
        if spanned > budget {
            return Err(SheetError::TooManyCells {
                sheet: name,
                limit: limits.max_cells,
            });
        }
        budget -= spanned;
        out.push(Sheet {
            name,
            first_row,
            first_col,
            rows: range.rows().map(<[Data]>::to_vec).collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
