//! Fuzzes the rendering of event notes (Markdown written by users): any text renders, and no
//! HTML of the author's own, nor a script link, reaches the page.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let html = pathways_reports::markdown::to_html(text);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{text:?} gave {html}");
    // Text is escaped (`<` becomes `&lt;`), so a tag in the output is one the renderer made.
    assert!(!lower.contains("<a href=\"javascript:"), "{text:?} gave {html}");
});
