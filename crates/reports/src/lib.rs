//! The documents of Pathways — country papers and the regional comparative analysis — as a model
//! (sections of paragraphs, lists, tables, figures with their definitions, footnotes) that the
//! renderers turn into HTML here, and into PDF, DOCX and XLSX in their own crates and modules.
//! Pure: the application builds the model from its data; rendering the same model gives the same
//! bytes.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod measure;
pub mod model;
pub mod svg;
pub mod xlsx;

pub use model::{Block, Document, Section};
