//! Fuzzes the XLSForm reader with arbitrary bytes (as a workbook) and arbitrary text (as CSV
//! sheets): it returns a form or an error, never panics; a form it accepts writes and reads back
//! to the same form.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
