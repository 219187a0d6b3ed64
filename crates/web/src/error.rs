//! The one place where application errors become HTTP responses: a status code, a stable error
//! code and a message that says where and why; internal details are logged, never sent.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pathways_app::AppError;
use pathways_app::map::records::to_api_json;
use serde_json::json;

use crate::i18n::Messages;

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

/// What a user may be shown about an error, in the request's language (internal errors are
/// replaced by a generic text). The errors the app composes from its own words — a refusal's
/// reason, a form's problems — are passed on as the app wrote them.
pub fn public_message(e: &AppError, tr: &Messages) -> String {
    let kind = |k: &str| {
        let key = format!("audit-kind-{}", k.replace('_', "-"));
        if tr.has(&key) { tr.t(&key) } else { k.to_string() }
    };
    match e {
        AppError::Io { .. } | AppError::Internal(_) => tr.t("error-msg-internal"),
        AppError::Storage(pathways_app::StorageError::Duplicate { what }) => {
            tr.fmt("error-msg-duplicate", &[("what", what.clone())])
        }
        AppError::Storage(_) => tr.t("error-msg-internal"),
        AppError::Unauthenticated => tr.t("error-msg-unauthenticated"),
        AppError::NotFound { kind: k, id } => tr.fmt("error-msg-not-found", &[("kind", kind(k)), ("id", id.clone())]),
        AppError::Conflict {
            kind: k,
            yours,
            current,
        } => tr.fmt(
            "error-msg-conflict",
            &[
                ("kind", kind(k)),
                ("yours", yours.to_string()),
                ("current", current.version.to_string()),
            ],
        ),
        AppError::ResponseConflict {
            yours,
            current,
            overlapping,
        } => tr.fmt(
            "error-msg-response-conflict",
            &[
                ("yours", yours.to_string()),
                ("answers", overlapping.join(", ")),
                ("current", current.version.to_string()),
            ],
        ),
        AppError::CaseConflict { id, yours, current } => tr.fmt(
            "error-msg-case-conflict",
            &[
                ("id", id.clone()),
                ("yours", yours.to_string()),
                ("current", current.to_string()),
            ],
        ),
        // Refusals and the like are sentences the use cases word; said in the reader's words.
        AppError::Forbidden(m) | AppError::InUse(m) | AppError::Decided(m) => crate::i18n::said(m),
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
        let tr = crate::i18n::global();
        let message = match tr {
            Some(tr) => public_message(&e, tr),
            None => e.to_string(),
        };
        let mut body = json!({"error": {"code": e.code(), "message": message}});
        match &e {
            AppError::Invalid(problems) => {
                // Where stays as given; what is said in the caller's language.
                body["error"]["problems"] = problems
                    .iter()
                    .map(|p| {
                        let mut v = json!(p);
                        v["message"] = json!(crate::i18n::problem_message(p));
                        v
                    })
                    .collect();
            }
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
