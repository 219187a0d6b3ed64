//! The JSON API of the third activity: validation exercises (create, invite, rounds, ratings,
//! reminders, outcomes) and the roadmap (actions, progress updates, catalogue, alignment list,
//! dashboard), with the permissions and the anonymity of the UI: it calls the same use cases, so a
//! delegate receives their own ratings and aggregates only.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_analysis::consensus::Rule;
use pathways_domain::roadmap::{ProgressUpdate, Rating};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::Auth;

use crate::error::ApiResult;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/exercises", exercises)
        .post("/api/v1/exercises", create)
        .get("/api/v1/exercises/{id}", exercise)
        .post("/api/v1/exercises/{id}/participants", invite)
        .post("/api/v1/exercises/{id}/rounds", open_round)
        .post("/api/v1/exercises/{id}/rounds/close", close_round)
        .post("/api/v1/exercises/{id}/ratings", rate)
        .post("/api/v1/exercises/{id}/reminders", remind)
        .post("/api/v1/exercises/{id}/items/{item}", decide)
        .post("/api/v1/exercises/{id}/close", close)
        .get("/api/v1/roadmap/actions", actions)
        .post("/api/v1/roadmap/actions", create_action)
        .get("/api/v1/roadmap/actions/{id}", action)
        .put("/api/v1/roadmap/actions/{id}", update_action)
        .delete("/api/v1/roadmap/actions/{id}", delete_action)
        .get("/api/v1/roadmap/actions/{id}/updates", updates)
        .post("/api/v1/roadmap/actions/{id}/updates", report)
        .post("/api/v1/roadmap/drafts", draft)
        .get("/api/v1/roadmap/catalogue", catalogue)
        .get("/api/v1/roadmap/alignment", alignment)
        .get("/api/v1/roadmap/dashboard", dashboard)
        .get("/api/v1/notifications", notifications)
        .post("/api/v1/notifications/read", mark_read)
}

#[derive(Deserialize)]
struct NewExercise {
    title: String,
    #[serde(default)]
    findings: Vec<String>,
    #[serde(default)]
    priorities: Vec<String>,
    #[serde(default = "seven")]
    min_median: f64,
    #[serde(default = "two")]
    max_iqr: f64,
    /// Fewer raters than this: an item's aggregate and comments are withheld.
    #[serde(default = "min_panel")]
    min_panel: usize,
    #[serde(default)]
    reveal_answers: bool,
}

fn min_panel() -> usize {
    pathways_analysis::consensus::MIN_PANEL
}

fn seven() -> f64 {
    7.0
}
fn two() -> f64 {
    2.0
}

#[derive(Deserialize)]
struct Versioned {
    version: i64,
}

async fn exercises(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items: Vec<Value> = s
        .app
        .exercises(&auth.principal)
        .await?
        .iter()
        .map(|e| json!({"id": e.id, "title": e.title, "status": e.status, "round": e.round, "version": e.version, "created_at": e.created_at}))
        .collect();
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn create(State(s): State<AppState>, auth: Auth, Json(b): Json<NewExercise>) -> ApiResult {
    let e = s
        .app
        .create_exercise(
            &auth.principal,
            &b.title,
            &b.findings,
            &b.priorities,
            Rule {
                min_median: b.min_median,
                max_iqr: b.max_iqr,
                min_panel: b.min_panel,
            },
            b.reveal_answers,
        )
        .await?;
    let view = s.app.exercise(&auth.principal, &e.id).await?;
    Ok((StatusCode::CREATED, Json(json!(view))).into_response())
}

async fn exercise(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

#[derive(Deserialize)]
struct Invite {
    email: String,
    role: String,
}

async fn invite(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Invite>,
) -> ApiResult<Json<Value>> {
    let p = s
        .app
        .invite_to_exercise(&auth.principal, &id, &b.email, &b.role)
        .await?;
    Ok(Json(json!({"participants": p})))
}

async fn open_round(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    s.app.open_exercise_round(&auth.principal, &id, b.version).await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

async fn close_round(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    s.app.close_exercise_round(&auth.principal, &id, b.version).await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

#[derive(Deserialize)]
struct Ratings {
    ratings: Vec<Rating>,
}

async fn rate(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Ratings>,
) -> ApiResult<Json<Value>> {
    let n = s.app.rate_items(&auth.principal, &id, &b.ratings).await?;
    Ok(Json(json!({"saved": n})))
}

async fn remind(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let who = s.app.remind_delegates(&auth.principal, &id).await?;
    Ok(Json(json!({"reminded": who})))
}

#[derive(Deserialize)]
struct Decide {
    version: i64,
    outcome: String,
    #[serde(default)]
    text: Option<String>,
}

async fn decide(
    State(s): State<AppState>,
    auth: Auth,
    Path((id, item)): Path<(String, String)>,
    Json(b): Json<Decide>,
) -> ApiResult<Json<Value>> {
    s.app
        .decide_exercise_item(&auth.principal, &id, b.version, &item, &b.outcome, b.text.as_deref())
        .await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

async fn close(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    s.app.close_exercise(&auth.principal, &id, b.version).await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

async fn actions(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.roadmap(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn create_action(State(s): State<AppState>, auth: Auth, Json(body): Json<Value>) -> ApiResult {
    let a = s.app.create_action(&auth.principal, body).await?;
    let (view, _) = s.app.roadmap_action(&auth.principal, &a.id).await?;
    Ok((StatusCode::CREATED, Json(json!(view))).into_response())
}

async fn action(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (view, updates) = s.app.roadmap_action(&auth.principal, &id).await?;
    Ok(Json(json!({"action": view, "updates": updates})))
}

#[derive(Deserialize)]
struct Replace {
    version: i64,
    action: Value,
}

async fn update_action(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Replace>,
) -> ApiResult<Json<Value>> {
    s.app.update_action(&auth.principal, &id, b.version, b.action).await?;
    let (view, _) = s.app.roadmap_action(&auth.principal, &id).await?;
    Ok(Json(json!(view)))
}

async fn delete_action(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult {
    s.app.delete_action(&auth.principal, &id, b.version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn updates(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (_, updates) = s.app.roadmap_action(&auth.principal, &id).await?;
    Ok(Json(json!({"count": updates.len(), "items": updates})))
}

#[derive(Deserialize)]
struct Report {
    version: i64,
    #[serde(flatten)]
    update: ProgressUpdate,
}

async fn report(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, Json(b): Json<Report>) -> ApiResult {
    let u = s.app.report_progress(&auth.principal, &id, b.version, b.update).await?;
    Ok((StatusCode::CREATED, Json(json!(u))).into_response())
}

#[derive(Deserialize)]
struct Draft {
    intervention: String,
    scope: String,
    start: String,
}

async fn draft(State(s): State<AppState>, auth: Auth, Json(b): Json<Draft>) -> ApiResult {
    let a = s
        .app
        .draft_action(&auth.principal, &b.intervention, &b.scope, &b.start)
        .await?;
    let (view, _) = s.app.roadmap_action(&auth.principal, &a.id).await?;
    Ok((StatusCode::CREATED, Json(json!(view))).into_response())
}

async fn catalogue(State(s): State<AppState>, _auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.catalogue()?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn alignment(State(s): State<AppState>, _auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.alignment()?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn dashboard(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let (_, d) = s.app.roadmap_dashboard(&auth.principal).await?;
    Ok(Json(json!(d)))
}

async fn notifications(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.notifications(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn mark_read(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let n = s.app.mark_notifications_read(&auth.principal).await?;
    Ok(Json(json!({"marked_read": n})))
}
