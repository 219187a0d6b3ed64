//! XLSForm questionnaires: the model of a form, reading it from `.xlsx`/`.xls`/`.ods` bytes with
//! every problem reported by sheet, row and column, writing it back, and the expression language
//! of its logic columns. Pure: bytes in, bytes out.

pub mod answers;
pub mod engine;
mod entities;
pub mod eval;
pub mod expr;
pub mod inspect;
mod instances;
mod kinds;
pub mod model;
pub mod problem;
pub mod read;
mod rules;
mod sheet;
pub mod warn;
pub mod write;
pub mod xform;

pub use model::{Form, Item, Kind};
pub use read::{FormError, Problem, read, read_csv, read_with_warnings};
pub use write::write;
