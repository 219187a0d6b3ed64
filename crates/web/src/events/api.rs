//! The JSON API of consultations and workshops: events, their attachments and the findings they
//! raised, with the permissions of the UI: a focal point sees and edits only their economy's events.
//!
//! The handlers repeat one shape on purpose (see `rounds/api.rs`).

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use pathways_app::AppError;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Auth;

use crate::error::ApiResult;
use crate::routes::IdPath;
use crate::routes::Routes;
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(events, create_event))
        .api(routes!(event, update_event, delete_event))
        .api(routes!(attachments))
        .api(routes!(attachment))
        .api(routes!(findings))
        .api_with(routes!(attach), |r| {
            r.layer(axum::extract::DefaultBodyLimit::max(crate::ui::UPLOAD_LIMIT))
        })
}

fn event_json(e: &pathways_app::StoredEvent) -> Value {
    let mut v = e.body.clone();
    v["id"] = json!(e.id);
    v["version"] = json!(e.version);
    v["updated_at"] = json!(e.updated_at);
    v
}

/// Consultations and workshops you may read.
#[utoipa::path(get, path = "/api/v1/events", responses((status = 200, description = "the list")))]
async fn events(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items: Vec<Value> = s.app.events(&auth.principal).await?.iter().map(event_json).collect();
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Record an event (a focal point: their economy's; analysts: any).
#[utoipa::path(
    post,
    path = "/api/v1/events",
    request_body = Object,
    responses((status = 201, description = "recorded")),
)]
async fn create_event(State(s): State<AppState>, auth: Auth, Json(body): Json<Value>) -> ApiResult {
    let e = s.app.create_event(&auth.principal, body).await?;
    Ok((StatusCode::CREATED, Json(event_json(&e))).into_response())
}

/// An event with its participants, notes, decisions, follow-ups and findings.
#[utoipa::path(get, path = "/api/v1/events/{id}", params(IdPath), responses((status = 200, description = "the event")))]
async fn event(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (e, files) = s.app.event(&auth.principal, &id).await?;
    let mut v = event_json(&e);
    v["attachments"] = json!(files);
    Ok(Json(v))
}

/// Replace an event (send the version you read).
///
/// The whole event with the `version` it was read at (a stale version gets 409).
#[utoipa::path(patch, path = "/api/v1/events/{id}", params(IdPath), responses((status = 200, description = "saved")))]
async fn update_event(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(mut body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let version = body
        .as_object_mut()
        .and_then(|o| {
            o.remove("id");
            o.remove("updated_at");
            o.remove("attachments");
            o.remove("version")
        })
        .and_then(|v| v.as_i64())
        .ok_or_else(|| AppError::invalid("version", pathways_app::domain::wording::say("version-required", &[])))?;
    Ok(Json(event_json(
        &s.app.update_event(&auth.principal, &id, version, body).await?,
    )))
}

/// Delete an event.
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}",
    params(IdPath, ("version" = i64, Query)),
    responses((status = 204, description = "deleted")),
)]
async fn delete_event(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> ApiResult {
    let version = params
        .get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| AppError::invalid("version", pathways_app::domain::wording::say("version-to-delete", &[])))?;
    s.app.delete_event(&auth.principal, &id, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// An event's attachments (name, size, SHA-256).
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/attachments",
    params(IdPath),
    responses((status = 200, description = "the list")),
)]
async fn attachments(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (_, files) = s.app.event(&auth.principal, &id).await?;
    Ok(Json(json!({"count": files.len(), "items": files})))
}

/// Attach a file: the body is the file (up to 10 MB); its type is read from its bytes.
///
/// `?file_name=` names it.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/attachments",
    params(IdPath, ("file_name" = Option<String>, Query)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file itself"),
    responses((status = 201, description = "attached")),
)]
async fn attach(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> ApiResult {
    let name = params.get("file_name").cloned().unwrap_or_else(|| "file".into());
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    let a = s.app.add_attachment(&auth.principal, &id, &name, &ct, &body).await?;
    Ok((StatusCode::CREATED, Json(json!(a))).into_response())
}

/// Download an attachment (sandboxed, as an attachment).
#[utoipa::path(
    get,
    path = "/api/v1/attachments/{id}",
    params(IdPath),
    responses((status = 200, description = "the file")),
)]
async fn attachment(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult {
    let a = s.app.attachment(&auth.principal, &id).await?;
    let name = a.file_name.replace('"', "");
    Ok(crate::ui::download(a.bytes, &a.content_type, &name))
}

/// Findings raised at the events you may read.
#[utoipa::path(get, path = "/api/v1/findings", responses((status = 200, description = "the list")))]
async fn findings(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.raised_findings(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
