//! What is wrong with a form: each problem placed by sheet, row and column as the author sees
//! them, and the ways reading a form fails (too large, unreadable, or these problems).

use std::fmt;

use pathways_sheets::SheetError;
use serde::Serialize;

/// One thing wrong with a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub sheet: String,
    /// 1-based spreadsheet row.
    pub row: Option<u32>,
    /// The column header, and its letter.
    pub column: Option<(String, String)>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sheet `{}`", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        match &self.column {
            Some((name, letter)) if letter.is_empty() => write!(f, ", column `{name}`")?,
            Some((name, letter)) => write!(f, ", column {letter} `{name}`")?,
            None => {}
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("not a readable spreadsheet (.xlsx, .xls or .ods): {0}")]
    Unreadable(String),
    #[error("the form has {} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    /// The workbook is beyond the limits of an upload (size, sheets, rows, columns, cells).
    #[error("{0}")]
    TooLarge(SheetError),
}

impl From<SheetError> for FormError {
    fn from(e: SheetError) -> Self {
        match e {
            SheetError::Unreadable(m) => FormError::Unreadable(m),
            other => FormError::TooLarge(other),
        }
    }
}
