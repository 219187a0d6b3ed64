//! The JSON API of the third activity: validation exercises (create, invite, rounds, ratings,
//! reminders, outcomes) and the roadmap (actions, progress updates, catalogue, alignment list,
//! dashboard), with the permissions and the anonymity of the UI: it calls the same use cases, so a
//! delegate receives their own ratings and aggregates only.
//!
//! The handlers repeat one shape on purpose (see `rounds/api.rs`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_analysis::consensus::Rule;
use pathways_domain::roadmap::{ProgressUpdate, Rating};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::Auth;

use crate::error::ApiResult;
use crate::routes::IdPath;
use crate::routes::Routes;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    Routes::new()
        .api(routes!(exercises, create))
        .api(routes!(exercise))
        .api(routes!(invite))
        .api(routes!(open_round))
        .api(routes!(close_round))
        .api(routes!(rate))
        .api(routes!(remind))
        .api(routes!(decide))
        .api(routes!(close))
        .api(routes!(actions, create_action))
        .api(routes!(action, update_action, delete_action))
        .api(routes!(updates, report))
        .api(routes!(draft))
        .api(routes!(catalogue))
        .api(routes!(alignment))
        .api(routes!(dashboard))
        .api(routes!(notifications))
        .api(routes!(mark_read))
}

#[derive(Deserialize, ToSchema)]
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

#[derive(Deserialize, ToSchema)]
struct Versioned {
    version: i64,
}

/// Validation exercises you take part in (analysts: all).
#[utoipa::path(get, path = "/api/v1/exercises", responses((status = 200, description = "the list")))]
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

/// Build an exercise from accepted findings (keys) and priority areas (stage codes), with its consensus rule.
#[utoipa::path(
    post,
    path = "/api/v1/exercises",
    request_body = NewExercise,
    responses((status = 201, description = "created in draft")),
)]
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

/// The exercise as you may see it: your own answers, closed rounds' aggregates; analysts also see who has answered (not what, unless answers are revealed).
#[utoipa::path(
    get,
    path = "/api/v1/exercises/{id}",
    params(IdPath),
    responses((status = 200, description = "the view")),
)]
async fn exercise(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
struct Invite {
    email: String,
    role: String,
}

/// Invite a focal point as their economy's delegate, or anyone as an observer.
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/participants",
    params(IdPath),
    request_body = Invite,
    responses((status = 200, description = "done")),
)]
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

/// Open the next round (delegates are notified).
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/rounds",
    params(IdPath),
    request_body = Versioned,
    responses((status = 200, description = "done")),
)]
async fn open_round(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    s.app.open_exercise_round(&auth.principal, &id, b.version).await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

/// Close the running round: statistics, Kendall's W, items meeting the rule validated.
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/rounds/close",
    params(IdPath),
    request_body = Versioned,
    responses((status = 200, description = "done")),
)]
async fn close_round(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    s.app.close_exercise_round(&auth.principal, &id, b.version).await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
struct Ratings {
    /// Per item: `item`, `rating` (1–9), `stance` (`agree`, `disagree`, `amend`), `amendment`,
    /// `comment`.
    #[schema(value_type = Vec<Object>)]
    ratings: Vec<Rating>,
}

/// A delegate's ratings in the running round (1–9, agree / disagree / amend with the wording, comment).
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/ratings",
    params(IdPath),
    request_body = Ratings,
    responses((status = 200, description = "done")),
)]
async fn rate(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Ratings>,
) -> ApiResult<Json<Value>> {
    let n = s.app.rate_items(&auth.principal, &id, &b.ratings).await?;
    Ok(Json(json!({"saved": n})))
}

/// Remind the delegates who have not answered every open item.
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/reminders",
    params(IdPath),
    responses((status = 200, description = "whom")),
)]
async fn remind(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let who = s.app.remind_delegates(&auth.principal, &id).await?;
    Ok(Json(json!({"reminded": who})))
}

#[derive(Deserialize, ToSchema)]
struct Decide {
    version: i64,
    outcome: String,
    #[serde(default)]
    text: Option<String>,
}

/// An item's outcome between rounds: validated, amended (with the agreed wording) or dropped.
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/items/{item}",
    params(IdPath, ("item" = String, Path, description = "the item's id")),
    request_body = Decide,
    responses((status = 200, description = "decided")),
)]
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

/// End the exercise: items without consensus are dropped.
#[utoipa::path(
    post,
    path = "/api/v1/exercises/{id}/close",
    params(IdPath),
    request_body = Versioned,
    responses((status = 200, description = "done")),
)]
async fn close(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult<Json<Value>> {
    s.app.close_exercise(&auth.principal, &id, b.version).await?;
    Ok(Json(json!(s.app.exercise(&auth.principal, &id).await?)))
}

/// Every roadmap action with its timeframe, overdue milestones and indicator values.
#[utoipa::path(get, path = "/api/v1/roadmap/actions", responses((status = 200, description = "the list")))]
async fn actions(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.roadmap(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// A new action (analysts).
#[utoipa::path(
    post,
    path = "/api/v1/roadmap/actions",
    request_body = Object,
    responses((status = 201, description = "created")),
)]
async fn create_action(State(s): State<AppState>, auth: Auth, Json(body): Json<Value>) -> ApiResult {
    let a = s.app.create_action(&auth.principal, body).await?;
    let (view, _) = s.app.roadmap_action(&auth.principal, &a.id).await?;
    Ok((StatusCode::CREATED, Json(json!(view))).into_response())
}

/// An action with its history of progress updates.
#[utoipa::path(
    get,
    path = "/api/v1/roadmap/actions/{id}",
    params(IdPath),
    responses((status = 200, description = "the action")),
)]
async fn action(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (view, updates) = s.app.roadmap_action(&auth.principal, &id).await?;
    Ok(Json(json!({"action": view, "updates": updates})))
}

#[derive(Deserialize, ToSchema)]
struct Replace {
    version: i64,
    action: Value,
}

/// Replace an action (analysts), at the version read.
#[utoipa::path(
    put,
    path = "/api/v1/roadmap/actions/{id}",
    params(IdPath),
    request_body = Replace,
    responses((status = 200, description = "saved")),
)]
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

/// Delete an action (analysts).
#[utoipa::path(
    delete,
    path = "/api/v1/roadmap/actions/{id}",
    params(IdPath),
    request_body = Versioned,
    responses((status = 204, description = "deleted")),
)]
async fn delete_action(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(b): Json<Versioned>,
) -> ApiResult {
    s.app.delete_action(&auth.principal, &id, b.version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Progress updates, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/roadmap/actions/{id}/updates",
    params(IdPath),
    responses((status = 200, description = "the list")),
)]
async fn updates(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let (_, updates) = s.app.roadmap_action(&auth.principal, &id).await?;
    Ok(Json(json!({"count": updates.len(), "items": updates})))
}

#[derive(Deserialize, ToSchema)]
struct Report {
    version: i64,
    /// The update: `status`, `note`, `evidence`, `milestones_done`, `actuals` (indicator, value).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    update: ProgressUpdate,
}

/// Report progress (focal points of the action's economy; analysts).
#[utoipa::path(
    post,
    path = "/api/v1/roadmap/actions/{id}/updates",
    params(IdPath),
    request_body = Report,
    responses((status = 201, description = "recorded")),
)]
async fn report(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, Json(b): Json<Report>) -> ApiResult {
    let u = s.app.report_progress(&auth.principal, &id, b.version, b.update).await?;
    Ok((StatusCode::CREATED, Json(json!(u))).into_response())
}

#[derive(Deserialize, ToSchema)]
struct Draft {
    intervention: String,
    scope: String,
    start: String,
}

/// Draft an action from a catalogue intervention for WB6 or an economy.
#[utoipa::path(
    post,
    path = "/api/v1/roadmap/drafts",
    request_body = Draft,
    responses((status = 201, description = "drafted")),
)]
async fn draft(State(s): State<AppState>, auth: Auth, Json(b): Json<Draft>) -> ApiResult {
    let a = s
        .app
        .draft_action(&auth.principal, &b.intervention, &b.scope, &b.start)
        .await?;
    let (view, _) = s.app.roadmap_action(&auth.principal, &a.id).await?;
    Ok((StatusCode::CREATED, Json(json!(view))).into_response())
}

/// The catalogue of typical interventions.
#[utoipa::path(get, path = "/api/v1/roadmap/catalogue", responses((status = 200, description = "the list")))]
async fn catalogue(State(s): State<AppState>, _auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.catalogue()?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// The EU alignment references, with sources.
#[utoipa::path(get, path = "/api/v1/roadmap/alignment", responses((status = 200, description = "the list")))]
async fn alignment(State(s): State<AppState>, _auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.alignment()?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Monitoring: status counts, overdue milestones, indicator progress, coverage of the priorities.
#[utoipa::path(get, path = "/api/v1/roadmap/dashboard", responses((status = 200, description = "the dashboard")))]
async fn dashboard(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let (_, d) = s.app.roadmap_dashboard(&auth.principal).await?;
    Ok(Json(json!(d)))
}

/// Your notifications (round openings, reminders), each with read_at once seen.
#[utoipa::path(get, path = "/api/v1/notifications", responses((status = 200, description = "the list")))]
async fn notifications(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.notifications(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Mark your notifications as read.
#[utoipa::path(
    post,
    path = "/api/v1/notifications/read",
    responses((status = 200, description = "how many were unread")),
)]
async fn mark_read(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let n = s.app.mark_notifications_read(&auth.principal).await?;
    Ok(Json(json!({"marked_read": n})))
}
