//! The JSON API of the map: every kind of record (list with filters, read, create, change,
//! delete, history), the economies with headline figures, the vocabulary and the signed-in principal.
//!
//! Lists answer `{"items": [...], "count": n}`; errors answer
//! `{"error": {"code", "message", "problems"?, "current"?}}` with a stable `code`.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_app::AppError;
use pathways_app::domain::Kind;
use pathways_app::map::records::{ListFilter, to_api_json};
use serde_json::{Value, json};
use std::collections::BTreeMap;

use crate::AppState;
use crate::auth::{Auth, MaybeAuth};

use crate::error::ApiResult;
use crate::routes::Routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/me", me)
        .get("/api/v1/vocabulary", vocabulary)
        .get("/api/v1/economies", economies)
        .get("/api/v1/economies/{code}", economy)
        .get("/api/v1/{kinds}", list)
        .post("/api/v1/{kinds}", create)
        .get("/api/v1/{kinds}/{id}", one)
        .patch("/api/v1/{kinds}/{id}", update)
        .delete("/api/v1/{kinds}/{id}", remove)
        .get("/api/v1/{kinds}/{id}/history", history)
}

pub fn filter_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Institution => &["kind", "stages"],
        Kind::Relationship => &["kind", "from", "to"],
        Kind::Pathway => &["permit_type", "issuing_institution"],
        Kind::Observation => &["indicator", "period", "citizenship", "sector", "sex"],
        Kind::Practice => &["stage", "status", "responsible"],
        Kind::AgencyRegulation => &["authority"],
        Kind::CooSystem => &["operator"],
        Kind::Framework => &["category"],
    }
}

pub fn kind_of(plural: &str) -> Result<Kind, AppError> {
    Kind::parse(plural)
        .filter(|k| k.plural() == plural)
        .ok_or_else(|| AppError::NotFound {
            kind: "collection".into(),
            id: plural.into(),
        })
}

/// Reads `economy`, `q` and the kind's field filters; any other parameter is an error, so that a
/// typo does not silently return everything.
pub fn list_filter(kind: Kind, params: &BTreeMap<String, String>) -> Result<ListFilter, AppError> {
    let mut f = ListFilter::default();
    let allowed = filter_fields(kind);
    for (k, v) in params {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "economy" => f.owner = Some(v.to_ascii_uppercase()),
            "q" => f.text = Some(v.to_string()),
            "format" | "csrf_token" => {}
            other if allowed.contains(&other) => f.fields.push((other.to_string(), v.to_string())),
            other => {
                return Err(AppError::invalid(
                    other,
                    format!(
                        "unknown filter; filters for {}: economy, q, {}",
                        kind.plural(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(f)
}

async fn me(auth: Auth) -> Json<Value> {
    Json(json!(auth.principal))
}

async fn vocabulary(State(s): State<AppState>) -> Json<Value> {
    Json(json!(s.app.vocab()))
}

async fn economies(State(s): State<AppState>) -> ApiResult<Json<Value>> {
    let items = s.app.economy_summaries().await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn economy(State(s): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<Value>> {
    let code = code.to_ascii_uppercase();
    let items = s.app.economy_summaries().await?;
    let one = items.into_iter().find(|e| e.code == code).ok_or(AppError::NotFound {
        kind: "economy".into(),
        id: code,
    })?;
    Ok(Json(json!(one)))
}

async fn list(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(kinds): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let kind = kind_of(&kinds)?;
    let f = list_filter(kind, &params)?;
    let items: Vec<Value> = s
        .app
        .list(&auth.reader(), kind, &f)
        .await?
        .iter()
        .map(to_api_json)
        .collect();
    Ok(Json(json!({"count": items.len(), "items": items})))
}

async fn one(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path((kinds, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let kind = kind_of(&kinds)?;
    Ok(Json(to_api_json(&s.app.get(&auth.reader(), kind, &id).await?)))
}

async fn create(
    State(s): State<AppState>,
    auth: Auth,
    Path(kinds): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult {
    let kind = kind_of(&kinds)?;
    let r = s.app.create(&auth.principal, kind, body).await?;
    Ok((StatusCode::CREATED, Json(to_api_json(&r))).into_response())
}

async fn update(
    State(s): State<AppState>,
    auth: Auth,
    Path((kinds, id)): Path<(String, String)>,
    Json(patch): Json<Value>,
) -> ApiResult<Json<Value>> {
    let kind = kind_of(&kinds)?;
    Ok(Json(to_api_json(
        &s.app.update(&auth.principal, kind, &id, patch).await?,
    )))
}

async fn remove(
    State(s): State<AppState>,
    auth: Auth,
    Path((kinds, id)): Path<(String, String)>,
    Query(params): Query<BTreeMap<String, String>>,
) -> ApiResult {
    let kind = kind_of(&kinds)?;
    let version = params
        .get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| AppError::invalid("version", "give the version you are deleting: ?version=N"))?;
    s.app.delete(&auth.principal, kind, &id, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn history(
    State(s): State<AppState>,
    auth: Auth,
    Path((kinds, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let kind = kind_of(&kinds)?;
    let items = s.app.history(&auth.principal, kind, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
