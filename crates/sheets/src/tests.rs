//! The limits at their edges: well-formed workbooks of each format are read, hostile ones (a far
//! cell, a claimed dimension, millions of cells, a zip bomb, repeated ODS rows, an XLS with cells
//! in opposite corners) are refused quickly with the limit they break.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};

use super::*;

const XLS: &[u8] = include_bytes!("../../xlsform/tests/fixtures/small.xls");
const ODS: &[u8] = include_bytes!("../../xlsform/tests/fixtures/small.ods");

fn small_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("survey").unwrap();
    ws.write_string(0, 0, "type").unwrap();
    ws.write_string(0, 1, "name").unwrap();
    ws.write_string(1, 0, "text").unwrap();
    ws.write_string(1, 1, "q1").unwrap();
    ws.write_number(2, 3, 42.0).unwrap();
    wb.save_to_buffer().unwrap()
}

/// The workbook with one part's content replaced.
fn replace_part(bytes: &[u8], part: &str, content: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(vec![]));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = vec![];
        f.read_to_end(&mut data).unwrap();
        out.start_file(name.clone(), opts).unwrap();
        out.write_all(if name == part { content } else { &data }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn sheet_xml(cells: &str, dimension: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
    )
    .into_bytes()
}

fn text(d: &Data) -> String {
    d.to_string()
}

#[test]
fn xlsx_is_read_sparse_into_rows() {
    let sheets = read(&small_xlsx(), |n| n == "survey", &Limits::UPLOAD).unwrap();
    let s = &sheets[0];
    assert_eq!((s.first_row, s.first_col), (0, 0));
    assert_eq!(s.rows.len(), 3);
    assert_eq!(s.rows[1].iter().map(text).collect::<Vec<_>>(), ["text", "q1"]);
    assert_eq!(s.rows[2].len(), 4, "a row is as wide as its last cell");
    assert_eq!(s.rows[2][3], Data::Float(42.0));
}

#[test]
fn sheets_not_wanted_are_listed_unread() {
    let sheets = read(&small_xlsx(), |_| false, &Limits::UPLOAD).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["survey"]);
    assert!(sheets[0].rows.is_empty());
}

#[test]
fn a_far_cell_is_refused_before_anything_is_allocated() {
    let xml = sheet_xml(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        "A1:XFD1048576",
    );
    let bytes = replace_part(&small_xlsx(), "xl/worksheets/sheet1.xml", &xml);
    assert!(bytes.len() < 8 * 1024, "{}", bytes.len());
    let started = std::time::Instant::now();
    let e = read(&bytes, |_| true, &Limits::UPLOAD).unwrap_err();
    assert!(started.elapsed().as_secs() < 5);
    assert!(
        matches!(&e, SheetError::BeyondGrid { cell, .. } if cell == "XFD1048576"),
        "{e}"
    );
    assert!(e.to_string().contains("XFD1048576"), "{e}");
}

#[test]
fn a_claimed_dimension_alone_costs_nothing() {
    let xml = sheet_xml(r#"<row r="1"><c r="A1"><v>7</v></c></row>"#, "A1:XFD1048576");
    let bytes = replace_part(&small_xlsx(), "xl/worksheets/sheet1.xml", &xml);
    let s = read(&bytes, |_| true, &Limits::UPLOAD).unwrap();
    assert_eq!(s[0].rows, vec![vec![Data::Float(7.0)]]);
}

#[test]
fn empty_cells_are_skipped_and_values_counted() {
    let empties: String = (1..=20_000)
        .map(|r| format!(r#"<row r="{r}"><c r="B{r}"/></row>"#))
        .collect();
    let bytes = replace_part(
        &small_xlsx(),
        "xl/worksheets/sheet1.xml",
        &sheet_xml(&empties, "A1:B20000"),
    );
    let s = read(&bytes, |_| true, &Limits::UPLOAD).unwrap();
    assert!(s[0].rows.is_empty(), "only empty cells: no rows");
    let values: String = (1..=2_000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
        .collect();
    let bytes = replace_part(
        &small_xlsx(),
        "xl/worksheets/sheet1.xml",
        &sheet_xml(&values, "A1:A2000"),
    );
    let tight = Limits {
        max_cells: 1_000,
        ..Limits::UPLOAD
    };
    assert!(matches!(
        read(&bytes, |_| true, &tight),
        Err(SheetError::TooManyCells { .. })
    ));
    assert_eq!(read(&bytes, |_| true, &Limits::UPLOAD).unwrap()[0].rows.len(), 2_000);
}

#[test]
fn rows_spanning_too_many_cells_are_refused() {
    // One cell per row, far to the right: few cells, but the rows they make are wide.
    let xml: String = (1..=300)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c><c r="AMJ{r}"><v>1</v></c></row>"#))
        .collect();
    let bytes = replace_part(&small_xlsx(), "xl/worksheets/sheet1.xml", &sheet_xml(&xml, "A1:AMJ300"));
    let tight = Limits {
        max_cells: 100_000,
        ..Limits::UPLOAD
    };
    let e = read(&bytes, |_| true, &tight).unwrap_err();
    assert!(matches!(e, SheetError::TooManyCells { .. }), "{e}");
}

#[test]
fn a_zip_bomb_is_refused_by_what_it_unpacks_to() {
    let padding = vec![b' '; 5_000_000];
    let mut xml = sheet_xml("", "A1");
    xml.splice(xml.len() - 12..xml.len() - 12, padding);
    let bytes = replace_part(&small_xlsx(), "xl/worksheets/sheet1.xml", &xml);
    assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
    let tight = Limits {
        max_unpacked: 1_000_000,
        ..Limits::UPLOAD
    };
    let e = read(&bytes, |_| true, &tight).unwrap_err();
    assert!(matches!(e, SheetError::Unpacked { .. }), "{e}");
}

#[test]
fn too_many_bytes_or_sheets_are_refused() {
    let tight = Limits {
        max_bytes: 100,
        ..Limits::UPLOAD
    };
    assert!(matches!(
        read(&small_xlsx(), |_| true, &tight),
        Err(SheetError::TooLarge { .. })
    ));
    let mut wb = rust_xlsxwriter::Workbook::new();
    for _ in 0..5 {
        wb.add_worksheet();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let tight = Limits {
        max_sheets: 4,
        ..Limits::UPLOAD
    };
    assert!(matches!(
        read(&bytes, |_| true, &tight),
        Err(SheetError::TooManySheets { count: 5, limit: 4 })
    ));
    assert!(matches!(
        read(b"name,type\n", |_| true, &Limits::UPLOAD),
        Err(SheetError::Unreadable(_))
    ));
}

#[test]
fn xls_and_ods_are_read() {
    for bytes in [XLS, ODS] {
        let sheets = read(bytes, |n| n == "survey", &Limits::UPLOAD).unwrap();
        let survey = sheets.iter().find(|s| s.name == "survey").unwrap();
        assert!(!survey.rows.is_empty());
        assert_eq!(text(&survey.rows[0][0]), "type");
    }
}

fn ods_with(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="survey">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    replace_part(ODS, "content.xml", content.as_bytes())
}

#[test]
fn repeated_ods_rows_and_cells_are_bounded() {
    let cell = r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let far = format!(
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000"/>{cell}</table:table-row>"#
    );
    let e = read(&ods_with(&far), |_| true, &Limits::UPLOAD).unwrap_err();
    assert!(matches!(e, SheetError::BeyondGrid { .. }), "{e}");
    // Within the grid, but a rectangle of 500 × 1,000 repeated cells.
    let wide = r#"<table:table-row table:number-rows-repeated="500"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#.to_string();
    let tight = Limits {
        max_cells: 100_000,
        ..Limits::UPLOAD
    };
    let e = read(&ods_with(&wide), |_| true, &tight).unwrap_err();
    assert!(matches!(e, SheetError::TooManyCells { .. }), "{e}");
    // Many row elements, each materialising the empty cells before a far value.
    let rows: String = (0..200)
        .map(|_| {
            format!(
                r#"<table:table-row><table:table-cell table:number-columns-repeated="900"/>{cell}</table:table-row>"#
            )
        })
        .collect();
    let e = read(&ods_with(&rows), |_| true, &tight).unwrap_err();
    assert!(matches!(e, SheetError::TooManyCells { .. }), "{e}");
    let fine = format!("<table:table-row>{cell}{cell}</table:table-row>");
    let s = read(&ods_with(&fine), |_| true, &Limits::UPLOAD).unwrap();
    assert_eq!(s[0].rows[0].len(), 2);
}

/// The `.xls` fixture with its first kept cell record moved to `(row, col)`.
fn xls_with_cell_at(row: u16, col: u16) -> Vec<u8> {
    let mut file = cfb::CompoundFile::open(Cursor::new(XLS.to_vec())).unwrap();
    let mut stream = vec![];
    file.open_stream("/Workbook").unwrap().read_to_end(&mut stream).unwrap();
    let mut pos = 0;
    let mut sheets = 0;
    loop {
        let kind = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]) as usize;
        if kind == 0x0809 {
            sheets += 1;
        }
        if sheets > 1 && [0x00FD, 0x0203, 0x0204, 0x027E].contains(&kind) {
            stream[pos + 4..pos + 6].copy_from_slice(&row.to_le_bytes());
            stream[pos + 6..pos + 8].copy_from_slice(&col.to_le_bytes());
            break;
        }
        pos += 4 + len;
    }
    file.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

#[test]
fn xls_cells_in_opposite_corners_are_refused_unopened() {
    let bytes = xls_with_cell_at(60_000, 200);
    let e = read(&bytes, |_| true, &Limits::UPLOAD).unwrap_err();
    assert!(matches!(e, SheetError::TooManyCells { .. }), "{e}");
    let tight = Limits {
        max_rows: 1_000,
        ..Limits::UPLOAD
    };
    let e = read(&bytes, |_| true, &tight).unwrap_err();
    assert!(matches!(e, SheetError::BeyondGrid { .. }), "{e}");
}

#[test]
fn cell_names() {
    assert_eq!(cell_name(0, 0), "A1");
    assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    assert_eq!(cell_name(9, 26), "AA10");
}

#[test]
fn csv_budget_counts_rows_and_columns() {
    let limits = Limits {
        max_rows: 2,
        max_cols: 3,
        max_bytes: 50,
        ..Limits::UPLOAD
    };
    assert!(matches!(
        CsvBudget::new(&[b'a'; 51], &limits),
        Err(SheetError::TooLarge { .. })
    ));
    let mut b = CsvBudget::new(b"a,b", &limits).unwrap();
    b.record(1, 3).unwrap();
    assert_eq!(
        b.record(2, 4),
        Err(SheetError::TooManyColumns {
            line: 2,
            count: 4,
            limit: 3
        })
    );
    assert_eq!(b.record(3, 1), Err(SheetError::TooManyRows { line: 3, limit: 2 }));
}

/// Every seed of the fuzz corpus (real workbooks and the hostile ones of `fuzz/seeds.py`) is read
/// or refused in well under a second, within the limits.
#[test]
fn the_fuzz_seeds_are_read_or_refused_quickly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/sheets");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let started = std::time::Instant::now();
        let r = read(&bytes, |_| true, &Limits::UPLOAD);
        assert!(started.elapsed().as_secs_f64() < 5.0, "{}", path.display());
        if let Ok(sheets) = r {
            let spanned: usize = sheets.iter().map(|s| s.rows.iter().map(Vec::len).sum::<usize>()).sum();
            assert!(spanned <= Limits::UPLOAD.max_cells, "{}", path.display());
        }
        seen += 1;
    }
    assert!(seen >= 10, "{seen} seeds");
}

/// A DIMENSIONS record claiming a huge sheet makes the `.xls` reader reserve room for it when the
/// file is opened (found by fuzzing: 318 GB). LibreOffice writes such records for ordinary
/// forms (1,048,576 rows for a sheet of 50), so the claim is replaced by the span of the sheet's
/// cells and the file reads as it is, without the reservation.
#[test]
fn an_xls_claiming_huge_dimensions_reads_by_its_cells() {
    let mut file = cfb::CompoundFile::open(Cursor::new(XLS.to_vec())).unwrap();
    let mut stream = vec![];
    file.open_stream("/Workbook").unwrap().read_to_end(&mut stream).unwrap();
    let mut pos = 0;
    let mut patched = 0;
    while pos + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]) as usize;
        if kind == 0x0200 && len >= 14 {
            // Rows 0 to 1,000,000 and columns 0 to 255.
            stream[pos + 4..pos + 8].copy_from_slice(&0u32.to_le_bytes());
            stream[pos + 8..pos + 12].copy_from_slice(&1_000_000u32.to_le_bytes());
            stream[pos + 12..pos + 14].copy_from_slice(&0u16.to_le_bytes());
            stream[pos + 14..pos + 16].copy_from_slice(&256u16.to_le_bytes());
            patched += 1;
        }
        pos += 4 + len;
    }
    assert!(patched > 0);
    file.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    file.flush().unwrap();
    let bytes = file.into_inner().into_inner();
    let honest = read(XLS, |_| true, &Limits::UPLOAD).unwrap();
    let claimed = read(&bytes, |_| true, &Limits::UPLOAD).unwrap();
    assert_eq!(
        claimed.iter().map(|s| &s.rows).collect::<Vec<_>>(),
        honest.iter().map(|s| &s.rows).collect::<Vec<_>>()
    );
}

/// An `.xls` whose record points past its buffer made the reader panic (found by fuzzing): it is
/// refused as malformed.
#[test]
fn a_malformed_xls_is_refused_not_a_panic() {
    let bytes = include_bytes!("../../../fuzz/corpus/sheets/found-xls-slice-panic.xls");
    let e = read(bytes, |_| true, &Limits::UPLOAD).unwrap_err();
    assert!(matches!(e, SheetError::Unreadable(_)), "{e}");
}

/// An `.xls` whose sheet list points inside another record, where a dimension declares billions
/// of cells, made the reader reserve 318 GB and the process abort (found by fuzzing; an abort is
/// no panic, nothing catches it). The sheet is walked from where the reader will start, first.
#[test]
fn a_dimension_hidden_where_a_sheet_starts_is_refused_before_the_reader_allocates() {
    let bytes = include_bytes!("../../../fuzz/corpus/sheets/found-xls-hidden-dimensions.xls");
    let e = read(bytes, |_| true, &Limits::UPLOAD).unwrap_err();
    assert!(
        matches!(e, SheetError::TooManyCells { .. } | SheetError::Unreadable(_)),
        "{e}"
    );
}
