//! Fuzzes the XLSForm reader with arbitrary bytes (as a workbook) and arbitrary text (as CSV
//! sheets): it returns a form or an error, never panics; a form it accepts writes and reads back
//! to the same form.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// libfuzzer-sys aborts in its panic hook, before any unwinding; the workbook reader turns the
/// panics of the readers underneath into errors, so the hook here only reports, and a panic that
/// escapes still fails the run (libfuzzer-sys catches the unwind and aborts).
fn report_panics_without_aborting() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
}

fuzz_target!(|data: &[u8]| {
    report_panics_without_aborting();
    let _ = pathways_xlsform::read(data);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, '\u{1e}');
    let survey = parts.next().unwrap_or("");
    let choices = parts.next().unwrap_or("");
    let settings = parts.next().unwrap_or("");
    if let Ok(form) = pathways_xlsform::read_csv(&[("survey", survey), ("choices", choices), ("settings", settings)]) {
        let bytes = pathways_xlsform::write(&form).unwrap();
        assert_eq!(pathways_xlsform::read(&bytes).unwrap(), form);
    }
});
