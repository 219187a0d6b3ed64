//! The errors of the use cases. Each says what went wrong in terms a user can act on; the HTTP
//! edge maps them to status codes and stable error codes.

use pathways_domain::Problem;
use pathways_storage::{StorageError, StoredRecord, StoredResponse};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("no {kind} `{id}`")]
    NotFound { kind: String, id: String },
    /// A save against a stale version: `current` is what is stored now.
    #[error("this {kind} was changed by someone else (you edited version {yours}, the current version is {})", current.version)]
    Conflict {
        kind: String,
        yours: i64,
        current: Box<StoredRecord>,
    },
    /// A response saved against a stale version where someone else changed the same answers.
    #[error("someone else changed the same answers since you opened version {yours} ({}); the current version is {}", .overlapping.join(", "), current.version)]
    ResponseConflict {
        yours: i64,
        current: Box<StoredResponse>,
        overlapping: Vec<String>,
    },
    /// A change to a case against a version the user no longer sees: the case is not shown
    /// here, since the error may travel further than the case's readers.
    #[error("case {id} changed since you opened version {yours} (the current version is {current}): reload it")]
    CaseConflict { id: String, yours: i64, current: i64 },
    /// A decision on something someone else decided since the user saw it.
    #[error("{0}")]
    Decided(String),
    #[error("{}", problems_text(.0))]
    Invalid(Vec<Problem>),
    #[error("{0}")]
    InUse(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("internal error: {0}")]
    Internal(String),
}

fn problems_text(p: &[Problem]) -> String {
    p.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

impl AppError {
    /// A stable, machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound { .. } => "not_found",
            AppError::Conflict { .. }
            | AppError::ResponseConflict { .. }
            | AppError::CaseConflict { .. }
            | AppError::Decided(_) => "version_conflict",
            AppError::Invalid(_) => "invalid",
            AppError::InUse(_) => "in_use",
            AppError::Io { .. } => "io",
            AppError::Storage(StorageError::Duplicate { .. }) => "duplicate",
            AppError::Storage(_) | AppError::Internal(_) => "internal",
        }
    }

    /// A file refused as a whole (unreadable, too large), naming it.
    pub fn file(file: &str, e: impl std::fmt::Display) -> AppError {
        AppError::Invalid(vec![Problem {
            file: file.into(),
            line: None,
            field: None,
            message: e.to_string(),
        }])
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> AppError {
        AppError::Invalid(vec![Problem::field(field, message)])
    }
}
