//! The JSON API of the mapping exercise: questionnaires, rounds, responses (read, save a draft,
//! submit, review, versions), with the permissions of the UI: a focal point sees and edits only
//! their economy's response.
//!
//! Every handler here has the shape of every other API handler (a `utoipa::path` annotation, the
//! extractors, one call into `app`) on purpose: the annotation is what the OpenAPI document is
//! generated from, and a handler holds no logic of its own.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_app::AppError;
use pathways_app::rounds::export::ResponsesFormat;
use pathways_app::rounds::{Changes, Decision};

use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::LangQuery;
use crate::AppState;
use crate::auth::Auth;

use crate::error::ApiResult;
use crate::routes::IdPath;
use crate::routes::Routes;
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(questionnaires, import))
        .api(routes!(questionnaire))
        .api(routes!(form_file))
        .api(routes!(xform_file))
        .api(routes!(rounds, open_round))
        .api(routes!(round))
        .api(routes!(close))
        .api(routes!(export_xlsx))
        .api(routes!(export_csv))
        .api(routes!(reopen))
        .api(routes!(response, save))
        .api(routes!(submit))
        .api(routes!(review))
        .api(routes!(versions))
        .api(routes!(proposals))
}

fn q_json(q: &pathways_app::StoredQuestionnaire) -> Value {
    json!({"id": q.id, "form_id": q.form_id, "version": q.version, "title": q.title, "file_name": q.file_name,
           "sha256": q.sha256, "created_by": q.created_by, "created_at": q.created_at,
           "download": format!("/api/v1/questionnaires/{}/form.xlsx", q.id),
           "xform": format!("/api/v1/questionnaires/{}/form.xml", q.id)})
}

/// Questionnaire versions (analysts, admins).
#[utoipa::path(get, path = "/api/v1/questionnaires", responses((status = 200, description = "the list")))]
async fn questionnaires(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items: Vec<Value> = s
        .app
        .questionnaires(&auth.principal)
        .await?
        .iter()
        .map(q_json)
        .collect();
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Add a questionnaire version: the XLSForm file (.xlsx, .xls, .ods) is the body.
///
/// `?file_name=` names it in errors and the audit log; the same file twice is stored once.
#[utoipa::path(
    post,
    path = "/api/v1/questionnaires",
    params(("file_name" = Option<String>, Query)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file itself"),
    responses((status = 201, description = "stored (or the same file stored before)")),
)]
async fn import(
    State(s): State<AppState>,
    auth: Auth,
    Query(params): Query<BTreeMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    let name = params
        .get("file_name")
        .cloned()
        .unwrap_or_else(|| "questionnaire.xlsx".into());
    let q = s.app.import_questionnaire(&auth.principal, &name, &body).await?;
    let mut v = q_json(&q);
    v["warnings"] = json!(s.app.form(&q.id).await?.warnings);
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// A questionnaire with what it holds.
#[utoipa::path(
    get,
    path = "/api/v1/questionnaires/{id}",
    params(IdPath),
    responses((status = 200, description = "metadata and summary")),
)]
async fn questionnaire(State(s): State<AppState>, _auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let q = s.app.questionnaire(&id).await?;
    let loaded = s.app.form(&id).await?;
    let mut v = q_json(&q);
    v["summary"] = json!(pathways_xlsform::inspect::summarise(&loaded.form));
    v["warnings"] = json!(loaded.warnings);
    Ok(Json(v))
}

/// The XLSForm file.
#[utoipa::path(
    get,
    path = "/api/v1/questionnaires/{id}/form.xlsx",
    params(IdPath),
    responses((status = 200, description = "the workbook")),
)]
async fn form_file(State(s): State<AppState>, _auth: Auth, Path(id): Path<String>) -> ApiResult {
    let q = s.app.questionnaire(&id).await?;
    Ok(crate::ui::download(
        q.xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}-{}.xlsx", q.form_id, q.version),
    ))
}

/// The questionnaire as an ODK XForm (as pyxform writes it), for ODK Collect and KoboCollect.
#[utoipa::path(
    get,
    path = "/api/v1/questionnaires/{id}/form.xml",
    params(IdPath),
    responses((status = 200, description = "the XForm")),
)]
async fn xform_file(State(s): State<AppState>, _auth: Auth, Path(id): Path<String>) -> ApiResult {
    let (name, xml) = s.app.questionnaire_xform(&id).await?;
    Ok(crate::ui::download(xml.into_bytes(), "application/xml", &name))
}

/// Rounds you take part in.
#[utoipa::path(get, path = "/api/v1/rounds", responses((status = 200, description = "the list")))]
async fn rounds(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.rounds(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

#[derive(Deserialize, ToSchema)]
struct NewRound {
    questionnaire: String,
    title: String,
    economies: Vec<String>,
    deadline: String,
}

/// Open a round (one draft response per economy).
#[utoipa::path(
    post,
    path = "/api/v1/rounds",
    request_body = NewRound,
    responses((status = 201, description = "opened")),
)]
async fn open_round(State(s): State<AppState>, auth: Auth, Json(b): Json<NewRound>) -> ApiResult {
    let r = s
        .app
        .open_round(&auth.principal, &b.questionnaire, &b.title, &b.economies, &b.deadline)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(r))).into_response())
}

/// Round dashboard: per economy state, share answered, problems; days to the deadline.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}",
    params(IdPath),
    responses((status = 200, description = "the dashboard")),
)]
async fn round(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.dashboard(&auth.principal, &id).await?)))
}

/// The round's responses as XLSX (a sheet per repeat; only the economies you may read).
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/export.xlsx",
    params(IdPath, ("form_lang" = Option<String>, Query, description = "language of the labels (a language of the questionnaire, e.g. `English (en)`); codes when absent")),
    responses((status = 200, description = "the workbook")),
)]
async fn export_xlsx(s: State<AppState>, auth: Auth, id: Path<String>, q: Query<LangQuery>) -> ApiResult {
    export(s, auth, id, q, ResponsesFormat::Xlsx).await
}

/// The round's responses as one wide CSV (only the economies you may read).
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/export.csv",
    params(IdPath, ("form_lang" = Option<String>, Query, description = "language of the labels (a language of the questionnaire, e.g. `English (en)`); codes when absent")),
    responses((status = 200, description = "the CSV")),
)]
async fn export_csv(s: State<AppState>, auth: Auth, id: Path<String>, q: Query<LangQuery>) -> ApiResult {
    export(s, auth, id, q, ResponsesFormat::Csv).await
}

async fn export(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    format: ResponsesFormat,
) -> ApiResult {
    let b = s.app.export_responses(&auth.principal, &id, q.lang(), format).await?;
    Ok(crate::ui::download(b, format.mime(), format.file_name()))
}

/// Close a round.
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{id}/close",
    params(IdPath),
    responses((status = 200, description = "closed")),
)]
async fn close(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.set_round_open(&auth.principal, &id, false).await?)))
}

/// Reopen a round.
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{id}/reopen",
    params(IdPath),
    responses((status = 200, description = "open")),
)]
async fn reopen(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.set_round_open(&auth.principal, &id, true).await?)))
}

/// A response with its evaluation (relevance, calculations, problems per question).
#[utoipa::path(
    get,
    path = "/api/v1/responses/{id}",
    params(IdPath),
    responses((status = 200, description = "the response")),
)]
async fn response(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.response(&auth.principal, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
struct Save {
    version: i64,
    /// Answers `set` (`""` clears one) and repeat instances to `add` or `remove`.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    changes: Changes,
}

/// Save a draft: answers set ("" clears), repeat instances added or removed.
///
/// Send the version you read. Saves made since are merged unless they changed the same answers
/// (409 with `current` and `overlapping`).
#[utoipa::path(
    patch,
    path = "/api/v1/responses/{id}",
    params(IdPath),
    request_body = Save,
    responses((status = 200, description = "saved")),
)]
async fn save(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Save>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(
        s.app.save_answers(&auth.principal, &id, b.version, &b.changes).await?
    )))
}

#[derive(Deserialize, ToSchema)]
struct Versioned {
    version: i64,
}

/// Submit for review (refused with every problem while answers are missing).
#[utoipa::path(
    post,
    path = "/api/v1/responses/{id}/submit",
    params(IdPath),
    request_body = Versioned,
    responses((status = 200, description = "submitted")),
)]
async fn submit(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.submit(&auth.principal, &id, b.version).await?)))
}

#[derive(Deserialize, ToSchema)]
struct Review {
    version: i64,
    decision: String,
    #[serde(default)]
    comments: BTreeMap<String, String>,
    note: Option<String>,
    /// For each answer that contradicts the map (by proposal key): `replace` or `keep`.
    #[serde(default)]
    choices: BTreeMap<String, String>,
}

/// Review: approve, has_issues (with comments per question), reject, reset.
#[utoipa::path(
    post,
    path = "/api/v1/responses/{id}/review",
    params(IdPath),
    request_body = Review,
    responses((status = 200, description = "recorded")),
)]
async fn review(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Review>,
) -> ApiResult<Json<Value>> {
    let decision = b.decision.parse::<Decision>().ok().ok_or_else(|| {
        AppError::invalid(
            "decision",
            pathways_app::domain::wording::say(
                "not-one-of",
                &[
                    ("value", b.decision.as_str()),
                    ("allowed", "approve, has_issues, reject, reset"),
                ],
            ),
        )
    })?;
    Ok(Json(json!(
        s.app
            .review(
                &auth.principal,
                &id,
                b.version,
                decision,
                &b.comments,
                b.note.as_deref(),
                &b.choices.iter().map(|(k, v)| (k.clone(), v == "replace")).collect()
            )
            .await?
    )))
}

/// The changes to the map an approval of this response would make (contradictions to settle).
#[utoipa::path(
    get,
    path = "/api/v1/responses/{id}/proposals",
    params(IdPath),
    responses((status = 200, description = "proposals")),
)]
async fn proposals(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.approval_proposals(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Every saved version of a response.
#[utoipa::path(
    get,
    path = "/api/v1/responses/{id}/versions",
    params(IdPath),
    responses((status = 200, description = "versions, oldest first")),
)]
async fn versions(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.response_versions(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
