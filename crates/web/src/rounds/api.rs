//! The JSON API of the mapping exercise: questionnaires, rounds, responses (read, save a draft,
//! submit, review, versions), with the permissions of the UI: a focal point sees and edits only
//! their economy's response.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_app::AppError;
use pathways_app::rounds::{Changes, Decision};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Auth;

use crate::error::ApiResult;
use crate::routes::Routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/questionnaires", questionnaires)
        .post("/api/v1/questionnaires", import)
        .get("/api/v1/questionnaires/{id}", questionnaire)
        .get("/api/v1/questionnaires/{id}/form.xlsx", form_file)
        .get("/api/v1/rounds", rounds)
        .post("/api/v1/rounds", open_round)
        .get("/api/v1/rounds/{id}", round)
        .post("/api/v1/rounds/{id}/close", close)
        .get("/api/v1/rounds/{id}/export.xlsx", export_xlsx)
        .get("/api/v1/rounds/{id}/export.csv", export_csv)
        .post("/api/v1/rounds/{id}/reopen", reopen)
        .get("/api/v1/responses/{id}", response)
        .patch("/api/v1/responses/{id}", save)
        .post("/api/v1/responses/{id}/submit", submit)
        .post("/api/v1/responses/{id}/review", review)
        .get("/api/v1/responses/{id}/versions", versions)
        .get("/api/v1/responses/{id}/proposals", proposals)
}

fn q_json(q: &pathways_app::StoredQuestionnaire) -> Value {
    json!({"id": q.id, "form_id": q.form_id, "version": q.version, "title": q.title, "file_name": q.file_name,
           "sha256": q.sha256, "created_by": q.created_by, "created_at": q.created_at,
           "download": format!("/api/v1/questionnaires/{}/form.xlsx", q.id)})
}

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

/// The XLSForm file is the request body; `?file_name=` names it in errors and the audit log.
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
    Ok((StatusCode::CREATED, Json(q_json(&q))).into_response())
}

async fn questionnaire(State(s): State<AppState>, _auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let q = s.app.questionnaire(&id).await?;
    let loaded = s.app.form(&id).await?;
    let mut v = q_json(&q);
    v["summary"] = json!(pathways_xlsform::inspect::summarise(&loaded.form));
    Ok(Json(v))
}

async fn form_file(State(s): State<AppState>, _auth: Auth, Path(id): Path<String>) -> ApiResult {
    let q = s.app.questionnaire(&id).await?;
    Ok(crate::ui::download(
        q.xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}-{}.xlsx", q.form_id, q.version),
    ))
}

async fn rounds(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.rounds(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

#[derive(Deserialize)]
struct NewRound {
    questionnaire: String,
    title: String,
    economies: Vec<String>,
    deadline: String,
}

async fn open_round(State(s): State<AppState>, auth: Auth, Json(b): Json<NewRound>) -> ApiResult {
    let r = s
        .app
        .open_round(&auth.principal, &b.questionnaire, &b.title, &b.economies, &b.deadline)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(r))).into_response())
}

async fn round(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.dashboard(&auth.principal, &id).await?)))
}

async fn export_xlsx(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> ApiResult {
    let lang = q.get("lang").filter(|l| !l.is_empty()).map(String::as_str);
    let b = s.app.export_responses_xlsx(&auth.principal, &id, lang).await?;
    Ok(crate::ui::download(
        b,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "responses.xlsx",
    ))
}

async fn export_csv(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> ApiResult {
    let lang = q.get("lang").filter(|l| !l.is_empty()).map(String::as_str);
    let b = s.app.export_responses_csv(&auth.principal, &id, lang).await?;
    Ok(crate::ui::download(b, "text/csv; charset=utf-8", "responses.csv"))
}

async fn close(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.set_round_open(&auth.principal, &id, false).await?)))
}

async fn reopen(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.set_round_open(&auth.principal, &id, true).await?)))
}

async fn response(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.response(&auth.principal, &id).await?)))
}

#[derive(Deserialize)]
struct Save {
    version: i64,
    #[serde(flatten)]
    changes: Changes,
}

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

#[derive(Deserialize)]
struct Versioned {
    version: i64,
}

async fn submit(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.submit(&auth.principal, &id, b.version).await?)))
}

#[derive(Deserialize)]
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

async fn review(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Review>,
) -> ApiResult<Json<Value>> {
    let decision = b.decision.parse::<Decision>().ok().ok_or_else(|| {
        AppError::invalid(
            "decision",
            format!("`{}`: one of approve, has_issues, reject, reset", b.decision),
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

async fn proposals(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.approval_proposals(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn versions(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.response_versions(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
