//! The JSON API of cases: list and create them, read one with its checks (each read logged as an
//! API read), and read who read it. A case of another economy answers 404, as an unknown id does.
//!
//! The handlers repeat one shape on purpose (see `rounds/api.rs`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::case::CaseFields;
use pathways_app::screening::cases::Channel;
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Auth;
use crate::error::ApiResult;
use crate::routes::{IdPath, Routes};

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(cases, create_case))
        .api(routes!(case))
        .api(routes!(case_reads))
}

/// The most cases a list returns (newest first).
const LIST_LIMIT: i64 = 500;

/// Your economy's cases, the most recently changed first (case officers only).
#[utoipa::path(get, path = "/api/v1/cases", responses((status = 200, description = "the list")))]
async fn cases(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.cases(&auth.principal, LIST_LIMIT).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Open a case in your economy.
///
/// The fields `GET /api/v1/cases/{id}` returns; those the server sets (id, state, checks,
/// decision, version, dates) are ignored.
#[utoipa::path(
    post,
    path = "/api/v1/cases",
    request_body(content = Object, content_type = "application/json"),
    responses((status = 201, description = "opened, with its checks")),
)]
async fn create_case(State(s): State<AppState>, auth: Auth, body: Bytes) -> ApiResult {
    // Who may open a case is known before the body is read: only a case officer, for their own
    // economy (which `create_case` checks against the case's).
    let p = &auth.principal;
    if !p.economy.as_deref().is_some_and(|e| p.may(Action::Screen, Some(e))) {
        return Err(AppError::Forbidden("only case officers open cases".into()).into());
    }
    let fields: CaseFields =
        serde_json::from_slice(&body).map_err(|e| AppError::invalid("body", format!("not a case: {e}")))?;
    let c = s.app.create_case(&auth.principal, fields, false).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

/// A case with its checks (each `code`, `result` pass|flag|fail|pending, `explanation`); the read
/// is logged.
#[utoipa::path(get, path = "/api/v1/cases/{id}", params(IdPath), responses((status = 200, description = "the case")))]
async fn case(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let c = s.app.case(&auth.principal, &id, Channel::Api).await?;
    Ok(Json(json!(c)))
}

/// Who read a case, when, through the UI or the API (its economy's case officers and admins).
#[utoipa::path(get, path = "/api/v1/cases/{id}/reads", params(IdPath), responses((status = 200, description = "the reads, newest first")))]
async fn case_reads(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.case_reads(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
