//! Fuzzes the bounded workbook reader (every uploaded `.xlsx`, `.xls`, `.ods` goes through it):
//! any bytes give sheets or an error, never a panic, and what is returned stays within the limits.
//!
//! Each fuzz target is its own binary with the same libFuzzer preamble, on purpose.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways_sheets::{Limits, read};

/// libfuzzer-sys aborts in its panic hook, before any unwinding; the workbook reader turns the
/// panics of the readers underneath into errors, so the hook here only reports, and a panic that
/// escapes still fails the run (libfuzzer-sys catches the unwind and aborts).
fn report_panics_without_aborting() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
}

fuzz_target!(|data: &[u8]| {
    report_panics_without_aborting();
    // Smaller than an upload's limits, so that a run explores the refusals as well as the reads.
    let limits = Limits {
        max_unpacked: 16 << 20,
        max_rows: 10_000,
        max_cols: 256,
        max_cells: 200_000,
        ..Limits::UPLOAD
    };
    if let Ok(sheets) = read(data, |_| true, &limits) {
        assert!(sheets.len() <= limits.max_sheets);
        let spanned: usize = sheets.iter().map(|s| s.rows.iter().map(Vec::len).sum::<usize>()).sum();
        assert!(spanned <= limits.max_cells, "{spanned} cells");
        for s in &sheets {
            assert!(s.first_row as usize + s.rows.len() <= limits.max_rows as usize);
        }
    }
});
