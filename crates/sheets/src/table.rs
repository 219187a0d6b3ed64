//! One table from an upload that may be a CSV file or a workbook: a register exported from a
//! ministry's system arrives as either. The header row names the columns; every data row keeps
//! the row number the user sees in their spreadsheet (or the line of the CSV file), so that an
//! importer's problems point at the cell to fix.
//!
//! A CSV file is told from a workbook by its first bytes; its separator (comma or semicolon, as
//! spreadsheets in much of Europe write it) by its header line. The same [`Limits`] bound both.

use calamine::Data;

use crate::{Limits, SheetError, column_name};

/// A table read from an upload: its header and its non-empty rows, all as trimmed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet the table came from; `None` for a CSV file.
    pub sheet: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    first_col: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based: the spreadsheet's row number, or the CSV file's line.
    pub line: u64,
    pub cells: Vec<String>,
}

impl Table {
    /// The index of the column whose header is `name` (compared without case or surrounding
    /// spaces).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim().eq_ignore_ascii_case(name))
    }

    /// How a user finds column `i`: its header, and its letter in a workbook.
    pub fn column_label(&self, i: usize) -> String {
        let name = self.header.get(i).map_or("", String::as_str);
        match &self.sheet {
            Some(_) => format!("{name} ({})", column_name(self.first_col + i as u32)),
            None => name.to_string(),
        }
    }
}

impl Row {
    /// The cell in column `i`, empty when the row is shorter.
    pub fn get(&self, i: Option<usize>) -> &str {
        i.and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }
}

/// A cell as text: whole numbers without a decimal point, dates as `YYYY-MM-DD`.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date as ISO `YYYY-MM-DD` (the 1900 system, which spreadsheets use by default).
pub fn excel_date(serial: f64) -> String {
    // A time of day alone is a fraction of a day with no date.
    if (0.0..1.0).contains(&serial) && serial > 0.0 {
        let secs = (serial * 86_400.0).round() as i64;
        return format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    }
    // Days since 1970-01-01; Excel counts from 1899-12-30, 25,569 days earlier.
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads the table of an upload: a CSV file, or the sheet of a workbook named `sheet` (any case)
/// or, when none is named or none has that name, its first sheet.
pub fn read_table(bytes: &[u8], sheet: Option<&str>, limits: &Limits) -> Result<Table, SheetError> {
    if is_workbook(bytes) {
        read_sheet(bytes, sheet, limits)
    } else {
        read_csv(bytes, limits)
    }
}

fn read_sheet(bytes: &[u8], wanted: Option<&str>, limits: &Limits) -> Result<Table, SheetError> {
    let sheets = crate::read(bytes, |_| true, limits)?;
    let chosen = wanted
        .and_then(|w| sheets.iter().find(|s| s.name.trim().eq_ignore_ascii_case(w.trim())))
        .or_else(|| sheets.first())
        .ok_or_else(|| SheetError::Unreadable("the workbook has no sheet".into()))?;
    let mut rows = chosen.rows.iter().enumerate().map(|(i, r)| {
        (
            u64::from(chosen.first_row) + i as u64 + 1,
            r.iter().map(cell_text).collect::<Vec<_>>(),
        )
    });
    let header = rows.next().map(|(_, h)| h).unwrap_or_default();
    Ok(Table {
        sheet: Some(chosen.name.clone()),
        header,
        rows: rows
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
            .map(|(line, cells)| Row { line, cells })
            .collect(),
        first_col: chosen.first_col,
    })
}

/// Line numbers of records, counted forward from the last record asked about (records come in
/// order, so the file is walked once). The reader's own line count skips blank lines, and its
/// record may start on the blank lines before the text.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl Lines<'_> {
    fn of(&mut self, at: u64) -> u64 {
        let mut end = (at as usize).min(self.bytes.len());
        while end < self.bytes.len() && matches!(self.bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        if end >= self.at {
            self.line += self.bytes[self.at..end].iter().filter(|b| **b == b'\n').count() as u64;
            self.at = end;
        }
        self.line
    }
}

fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    let mut budget = crate::CsvBudget::new(bytes, limits)?;
    let text = std::str::from_utf8(bytes)
        .map_err(|e| SheetError::Unreadable(format!("a CSV file must be UTF-8 text ({e})")))?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = vec![];
    let mut lines = Lines {
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
    };
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.of(p.byte()));
            SheetError::Unreadable(format!("line {line}: broken CSV ({e})"))
        })?;
        let line = rec.position().map_or(0, |p| lines.of(p.byte()));
        budget.record(line, rec.len())?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if header.is_none() {
            header = Some(cells);
        } else if cells.iter().any(|c| !c.is_empty()) {
            rows.push(Row { line, cells });
        }
    }
    Ok(Table {
        sheet: None,
        header: header.unwrap_or_default(),
        rows,
        first_col: 0,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_csv_with_semicolons_and_a_bom_reads_with_its_line_numbers() {
        let t = read_table(
            "\u{feff}licence;name\n\nL-1;Alpha \n\"L-2\";\"Beta; Ltd\"\n".as_bytes(),
            None,
            &Limits::UPLOAD,
        )
        .unwrap();
        assert_eq!(t.header, ["licence", "name"]);
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(t.rows[1].get(t.column("NAME")), "Beta; Ltd");
        assert_eq!(t.rows[0].get(Some(9)), "");
        assert_eq!(t.column_label(1), "name");
    }

    #[test]
    fn a_workbook_sheet_reads_with_spreadsheet_rows_letters_and_dates() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("Agencies").unwrap();
        ws.write_string(1, 1, "licence").unwrap();
        ws.write_string(1, 2, "valid_to").unwrap();
        ws.write_number(3, 1, 1042).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2027, 3, 31).unwrap();
        ws.write_datetime_with_format(
            3,
            2,
            &date,
            &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
        )
        .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let t = read_table(&bytes, Some("agencies"), &Limits::UPLOAD).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("Agencies"));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(
            (t.rows[0].line, t.rows[0].cells.as_slice()),
            (4, &["1042".to_string(), "2027-03-31".into()][..])
        );
        assert_eq!(t.column_label(1), "valid_to (C)");
        assert_eq!(excel_date(45658.0), "2025-01-01");
        // A time of day alone reads as the time, not as 1899-12-30.
        assert_eq!(excel_date(0.395_833_333), "09:30:00");
    }

    #[test]
    fn bad_uploads_are_refused_with_where() {
        let e = read_table(b"a,b\n\"open,2\n", None, &Limits::UPLOAD).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(read_table(&[0xff, 0xfe, 0x41], None, &Limits::UPLOAD).is_err());
        let small = Limits {
            max_rows: 2,
            ..Limits::UPLOAD
        };
        let e = read_table(b"a\n1\n2\n3\n", None, &small).unwrap_err();
        assert!(matches!(e, SheetError::TooManyRows { .. }), "{e}");
    }
}
