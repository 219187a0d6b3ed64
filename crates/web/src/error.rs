//! The one place where application errors become HTTP responses: a status code, a stable error
//! code and a message that says where and why; internal details are logged, never sent.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pathways_app::AppError;
use pathways_app::map::records::to_api_json;
use serde_json::json;

/// An error answered as JSON (API) — the UI renders its own pages from [`AppError`].
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

pub fn status(e: &AppError) -> StatusCode {
    match e {
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound { .. } => StatusCode::NOT_FOUND,
        AppError::Conflict { .. }
        | AppError::ResponseConflict { .. }
        | AppError::CaseConflict { .. }
        | AppError::Decided(_) => StatusCode::CONFLICT,
        AppError::Invalid(_) | AppError::InUse(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Storage(pathways_app::StorageError::Duplicate { .. }) => StatusCode::CONFLICT,
        AppError::Io { .. } | AppError::Storage(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// What a user may be shown about an error (internal errors are replaced by a generic text).
pub fn public_message(e: &AppError) -> String {
    match e {
        AppError::Io { .. } | AppError::Internal(_) => "internal error; the details are in the server log".into(),
        AppError::Storage(s) if !matches!(s, pathways_app::StorageError::Duplicate { .. }) => {
            "internal error; the details are in the server log".into()
        }
        other => other.to_string(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = status(&e);
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %e, "internal error");
        }
        let mut body = json!({"error": {"code": e.code(), "message": public_message(&e)}});
        match &e {
            AppError::Invalid(problems) => body["error"]["problems"] = json!(problems),
            AppError::Conflict { current, .. } => body["error"]["current"] = to_api_json(current),
            AppError::ResponseConflict {
                current, overlapping, ..
            } => {
                body["error"]["current"] = json!(current);
                body["error"]["overlapping"] = json!(overlapping);
            }
            _ => {}
        }
        (status, Json(body)).into_response()
    }
}

/// What an API handler returns: its answer, or an error the client reads as JSON.
pub type ApiResult<T = axum::response::Response> = Result<T, ApiError>;
