//! Builds XLSForm workbooks cell by cell with rust_xlsxwriter (not with this crate's writer), so
//! that reading is tested against files made independently.

#![allow(clippy::unwrap_used, dead_code)]

pub fn book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}
