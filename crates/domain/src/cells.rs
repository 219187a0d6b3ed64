//! Spreadsheet cells that cannot run: the one rule every CSV and XLSX export applies to text.
//!
//! A spreadsheet program reads a cell that starts with `=`, `+`, `-` or `@` as a formula (and a
//! leading tab or carriage return is stripped before that test), so an institution named
//! `=HYPERLINK("http://…")` would run when an analyst opens an export. Following OWASP's
//! CSV-injection guidance, such text gets a leading apostrophe in CSV, which every spreadsheet
//! reads as "text"; in XLSX the cell keeps its text and carries the quote-prefix flag instead. A
//! value that is a plain number (`-12.5`) stays as it is, so figures remain figures. Importers
//! call [`restore`] so that an export read back gives the original text.

use std::borrow::Cow;

/// The first characters that make a spreadsheet evaluate a cell.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would evaluate `text` typed into a cell. An XLSX writer stores such
/// text with the cell's quote-prefix flag (Excel's own way of saying "this is text"), so the
/// value is unchanged and stays text even when someone edits the cell.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(TRIGGERS) && !is_plain_number(text)
}

/// The text to write into an exported CSV cell.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The original text of a cell written by [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

/// A whole row, neutralised (for `csv::Writer::write_record`).
pub fn neutralise_row<'a, I, S>(row: I) -> Vec<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    row.into_iter().map(|c| neutralise(c.as_ref()).into_owned()).collect()
}

fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_come_back() {
        for (given, written) in [
            (
                "=HYPERLINK(\"http://evil.example\")",
                "'=HYPERLINK(\"http://evil.example\")",
            ),
            ("+SUM(1,1)", "'+SUM(1,1)"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("-", "'-"),
            ("-1e5", "'-1e5"),
        ] {
            assert!(is_formula_like(given));
            assert_eq!(neutralise(given), written, "{given:?}");
            assert_eq!(restore(written), given, "{written:?}");
        }
    }

    #[test]
    fn numbers_and_plain_text_stay() {
        for text in [
            "-12.5",
            "+3",
            "-0",
            "1590",
            "Ministry of Interior",
            "",
            "'quoted'",
            "a=b",
            "x-1",
        ] {
            assert!(!is_formula_like(text));
            assert_eq!(neutralise(text), text);
            assert_eq!(restore(text), text);
        }
    }
}
