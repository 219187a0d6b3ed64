//! The domain of Pathways: the shared vocabularies (economies, stages, kinds), the entities of the
//! mapping (institutions, relationships, legal pathways, observations, practices, ...), their
//! validation, the reference-dataset parser, and the roles and permission rules.
//!
//! This crate does no I/O: files arrive as strings, records leave as values. Everything that decides
//! whether a fact is well-formed or whether a user may change it lives here, so that the web UI, the
//! JSON API and the CLI cannot disagree.

pub mod access;
pub mod case;
pub mod cells;
pub mod checks;
pub mod code;
pub mod dataset;
pub mod date;
pub mod decision;
pub mod entity;
pub mod event;
pub mod identity;
pub mod locale;
pub mod mrz;
pub mod number;
pub mod period;
pub mod provenance;
pub mod register;
pub mod roadmap;
pub mod screening;
pub mod script;
pub mod states;
pub mod vocab;
pub mod wording;

pub use access::{Action, Principal, Role, Scope};
pub use entity::{Kind, Record};
pub use provenance::{Confidence, Provenance};
pub use vocab::Vocabulary;

/// One problem found in a record or a file: where and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file (or entity kind for API input) the problem is in.
    pub file: String,
    /// 1-based line in the file, when known.
    pub line: Option<u64>,
    /// The column or field at fault, when known.
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Problem {
            file: String::new(),
            line: None,
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}", self.file)?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "column `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}
