//! The JSON API of the mapping exercise: questionnaires, rounds, responses (read, save a draft,
//! submit, review, versions) and events (consultations and workshops, attachments, raised findings),
//! with the permissions of the UI: a focal point sees and edits only their economy's response and
//! events.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pathways_app::AppError;
use pathways_app::rounds::{Changes, Decision};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::routes::Routes;
use axum::http::Method;

type ApiResult<T = Response> = Result<T, ApiError>;

pub fn routes() -> Routes {
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
        .get("/api/v1/events", events)
        .post("/api/v1/events", create_event)
        .get("/api/v1/events/{id}", event)
        .patch("/api/v1/events/{id}", update_event)
        .delete("/api/v1/events/{id}", delete_event)
        .get("/api/v1/events/{id}/attachments", attachments)
        .method(
            Method::POST,
            "/api/v1/events/{id}/attachments",
            axum::routing::post(attach).layer(axum::extract::DefaultBodyLimit::max(crate::events_ui::BODY_LIMIT)),
        )
        .get("/api/v1/attachments/{id}", attachment)
        .get("/api/v1/findings", findings)
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
    Ok(crate::rounds_ui::download(
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
    Ok(crate::rounds_ui::download(
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
    Ok(crate::rounds_ui::download(
        b,
        "text/csv; charset=utf-8",
        "responses.csv",
    ))
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
    let decision = Decision::parse(&b.decision).ok_or_else(|| {
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

fn event_json(e: &pathways_app::StoredEvent) -> Value {
    let mut v = e.body.clone();
    v["id"] = json!(e.id);
    v["version"] = json!(e.version);
    v["updated_at"] = json!(e.updated_at);
    v
}

async fn events(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items: Vec<Value> = s.app.events(&auth.principal).await?.iter().map(event_json).collect();
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn create_event(State(s): State<AppState>, auth: Auth, Json(body): Json<Value>) -> ApiResult {
    let e = s.app.create_event(&auth.principal, body).await?;
    Ok((StatusCode::CREATED, Json(event_json(&e))).into_response())
}

async fn event(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (e, files) = s.app.event(&auth.principal, &id).await?;
    let mut v = event_json(&e);
    v["attachments"] = json!(files);
    Ok(Json(v))
}

/// The whole event with the `version` it was read at (a stale version gets 409).
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
        .ok_or_else(|| AppError::invalid("version", "the version you edited is required (an integer)"))?;
    Ok(Json(event_json(
        &s.app.update_event(&auth.principal, &id, version, body).await?,
    )))
}

async fn delete_event(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> ApiResult {
    let version = params
        .get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| AppError::invalid("version", "give the version you are deleting: ?version=N"))?;
    s.app.delete_event(&auth.principal, &id, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn attachments(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (_, files) = s.app.event(&auth.principal, &id).await?;
    Ok(Json(json!({"count": files.len(), "items": files})))
}

/// The file is the request body; `?file_name=` names it.
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

async fn attachment(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult {
    let a = s.app.attachment(&auth.principal, &id).await?;
    let name = a.file_name.replace('"', "");
    Ok(crate::rounds_ui::download(a.bytes, &a.content_type, &name))
}

async fn findings(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.raised_findings(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// The OpenAPI paths of this module, merged into the API's description.
pub fn openapi_paths(err: &Value, bearer: &Value) -> Vec<(String, Value)> {
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
    let version = json!({"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}}});
    let lang = json!({"name": "lang", "in": "query", "schema": {"type": "string"}, "description": "language of the labels (a language of the form)"});
    let event = json!({"type": "object", "required": ["kind", "title", "date", "economies"], "properties": {
        "kind": {"type": "string", "enum": ["bilateral_consultation", "national_consultation", "regional_workshop", "high_level_meeting"]},
        "title": {"type": "string"}, "date": {"type": "string", "format": "date"}, "place": {"type": "string"},
        "economies": {"type": "array", "items": {"type": "string"}}, "institutions": {"type": "array", "items": {"type": "string"}},
        "persons": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "role": {"type": "string"}, "institution": {"type": "string"}}}},
        "agenda": {"type": "string"}, "notes": {"type": "string", "description": "Markdown"},
        "decisions": {"type": "array", "items": {"type": "string"}},
        "follow_ups": {"type": "array", "items": {"type": "object", "properties": {"action": {"type": "string"}, "owner": {"type": "string"}, "due": {"type": "string", "format": "date"}, "done": {"type": "boolean"}}}},
        "findings": {"type": "array", "items": {"type": "object", "properties": {"economy": {"type": "string"}, "stage": {"type": "string"}, "text": {"type": "string"}}}},
        "version": {"type": "integer", "description": "on PATCH: the version you read"}}});
    vec![
        (
            "/api/v1/questionnaires".into(),
            json!({
            "get": {"summary": "Questionnaire versions (analysts, admins)", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err, "403": err}},
            "post": {"summary": "Add a questionnaire version: the XLSForm file (.xlsx, .xls, .ods) is the body", "security": bearer,
                "parameters": [{"name": "file_name", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {"201": {"description": "stored (or the same file stored before)"}, "401": err, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/questionnaires/{id}".into(),
            json!({"get": {"summary": "A questionnaire with what it holds", "security": bearer, "parameters": [id], "responses": {"200": {"description": "metadata and summary"}, "404": err}}}),
        ),
        (
            "/api/v1/questionnaires/{id}/form.xlsx".into(),
            json!({"get": {"summary": "The XLSForm file", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the workbook"}, "404": err}}}),
        ),
        (
            "/api/v1/rounds".into(),
            json!({
            "get": {"summary": "Rounds you take part in", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}},
            "post": {"summary": "Open a round (one draft response per economy)", "security": bearer,
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["questionnaire", "title", "economies", "deadline"], "properties": {
                    "questionnaire": {"type": "string"}, "title": {"type": "string"}, "economies": {"type": "array", "items": {"type": "string"}}, "deadline": {"type": "string", "format": "date"}}}}}},
                "responses": {"201": {"description": "opened"}, "401": err, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/rounds/{id}".into(),
            json!({"get": {"summary": "Round dashboard: per economy state, share answered, problems; days to the deadline", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the dashboard"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/close".into(),
            json!({"post": {"summary": "Close a round", "security": bearer, "parameters": [id], "responses": {"200": {"description": "closed"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/reopen".into(),
            json!({"post": {"summary": "Reopen a round", "security": bearer, "parameters": [id], "responses": {"200": {"description": "open"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/responses/{id}".into(),
            json!({
            "get": {"summary": "A response with its evaluation (relevance, calculations, problems per question)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the response"}, "403": err, "404": err}},
            "patch": {"summary": "Save a draft: answers set (\"\" clears), repeat instances added or removed", "description": "Send the version you read. Saves made since are merged unless they changed the same answers (409 with `current` and `overlapping`).",
                "security": bearer, "parameters": [id],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["version"], "properties": {
                    "version": {"type": "integer"}, "set": {"type": "object", "additionalProperties": {"type": "string"}},
                    "add": {"type": "array", "items": {"type": "string"}}, "remove": {"type": "array", "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}}}}}}},
                "responses": {"200": {"description": "saved"}, "403": err, "404": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/responses/{id}/submit".into(),
            json!({"post": {"summary": "Submit for review (refused with every problem while answers are missing)", "security": bearer, "parameters": [id], "requestBody": {"content": {"application/json": {"schema": version}}}, "responses": {"200": {"description": "submitted"}, "403": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/responses/{id}/review".into(),
            json!({"post": {"summary": "Review: approve, has_issues (with comments per question), reject, reset", "security": bearer, "parameters": [id],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["version", "decision"], "properties": {"version": {"type": "integer"}, "decision": {"type": "string", "enum": ["approve", "has_issues", "reject", "reset"]}, "comments": {"type": "object", "additionalProperties": {"type": "string"}}, "note": {"type": "string"}, "choices": {"type": "object", "description": "for each contradiction (proposal key): replace or keep", "additionalProperties": {"type": "string", "enum": ["replace", "keep"]}}}}}}},
            "responses": {"200": {"description": "recorded"}, "403": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/responses/{id}/versions".into(),
            json!({"get": {"summary": "Every saved version of a response", "security": bearer, "parameters": [id], "responses": {"200": {"description": "versions, oldest first"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/responses/{id}/proposals".into(),
            json!({"get": {"summary": "The changes to the map an approval of this response would make (contradictions to settle)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "proposals"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/export.xlsx".into(),
            json!({"get": {"summary": "The round's responses as XLSX (a sheet per repeat; only the economies you may read)", "security": bearer, "parameters": [id, lang.clone()], "responses": {"200": {"description": "the workbook"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/export.csv".into(),
            json!({"get": {"summary": "The round's responses as one wide CSV (only the economies you may read)", "security": bearer, "parameters": [id, lang], "responses": {"200": {"description": "the CSV"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/events".into(),
            json!({
            "get": {"summary": "Consultations and workshops you may read", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}},
            "post": {"summary": "Record an event (a focal point: their economy's; analysts: any)", "security": bearer, "requestBody": {"content": {"application/json": {"schema": event.clone()}}}, "responses": {"201": {"description": "recorded"}, "401": err, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/events/{id}".into(),
            json!({
            "get": {"summary": "An event with its participants, notes, decisions, follow-ups and findings", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the event"}, "403": err, "404": err}},
            "patch": {"summary": "Replace an event (send the version you read)", "security": bearer, "parameters": [id], "requestBody": {"content": {"application/json": {"schema": event}}}, "responses": {"200": {"description": "saved"}, "403": err, "404": err, "409": err, "422": err}},
            "delete": {"summary": "Delete an event", "security": bearer, "parameters": [id, {"name": "version", "in": "query", "required": true, "schema": {"type": "integer"}}], "responses": {"204": {"description": "deleted"}, "403": err, "404": err, "409": err}}}),
        ),
        (
            "/api/v1/events/{id}/attachments".into(),
            json!({
            "get": {"summary": "An event's attachments (name, size, SHA-256)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the list"}, "403": err, "404": err}},
            "post": {"summary": "Attach a file: the body is the file (up to 10 MB); its type is read from its bytes", "security": bearer, "parameters": [id, {"name": "file_name", "in": "query", "schema": {"type": "string"}}], "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}, "responses": {"201": {"description": "attached"}, "403": err, "404": err, "422": err}}}),
        ),
        (
            "/api/v1/attachments/{id}".into(),
            json!({"get": {"summary": "Download an attachment (sandboxed, as an attachment)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the file"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/findings".into(),
            json!({"get": {"summary": "Findings raised at the events you may read", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}}}),
        ),
    ]
}
