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
use crate::routes::IdPath;
use crate::routes::Routes;
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(me))
        .api(routes!(vocabulary))
        .api(routes!(economies))
        .api(routes!(economy))
        .api(routes!(list, create))
        .api(routes!(one, update, remove))
        .api(routes!(history))
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
            kind: "list of records".into(),
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
                    pathways_app::domain::wording::say(
                        "unknown-filter",
                        &[("allowed", &format!("economy, q, {}", allowed.join(", ")))],
                    ),
                ));
            }
        }
    }
    Ok(f)
}

/// The signed-in principal.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, description = "who you are")))]
async fn me(auth: Auth) -> Json<Value> {
    Json(json!(auth.principal))
}

/// Codes: economies, countries, stages, kinds, permit types, sectors, indicators.
#[utoipa::path(
    get,
    path = "/api/v1/vocabulary",
    responses((status = 200, description = "the vocabulary")),
    security(()),
)]
async fn vocabulary(State(s): State<AppState>) -> Json<Value> {
    Json(json!(s.app.vocab()))
}

/// The six economies with headline figures.
#[utoipa::path(get, path = "/api/v1/economies", responses((status = 200, description = "the list")), security(()))]
async fn economies(State(s): State<AppState>) -> ApiResult<Json<Value>> {
    let items = s.app.economy_summaries().await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// One economy.
#[utoipa::path(
    get,
    path = "/api/v1/economies/{code}",
    params(("code" = String, Path, description = "an economy code (AL, BA, XK, ME, MK, RS)")),
    responses((status = 200, description = "the economy")),
    security(()),
)]
async fn economy(State(s): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<Value>> {
    let code = code.to_ascii_uppercase();
    let items = s.app.economy_summaries().await?;
    let one = items.into_iter().find(|e| e.code == code).ok_or(AppError::NotFound {
        kind: "economy".into(),
        id: code,
    })?;
    Ok(Json(json!(one)))
}

/// List the records of a collection, with the collection's filters.
#[utoipa::path(
    get,
    path = "/api/v1/{kinds}",
    params(("kinds" = String, Path, description = "a collection: institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks")),
    responses((status = 200, description = "the list: `{\"count\", \"items\"}`")),
    security(()),
)]
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

/// Get a record.
#[utoipa::path(
    get,
    path = "/api/v1/{kinds}/{id}",
    params(("kinds" = String, Path, description = "a collection: institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks"), IdPath),
    responses((status = 200, description = "the record")),
    security(()),
)]
async fn one(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path((kinds, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let kind = kind_of(&kinds)?;
    Ok(Json(to_api_json(&s.app.get(&auth.reader(), kind, &id).await?)))
}

/// Create a record in a collection.
#[utoipa::path(
    post,
    path = "/api/v1/{kinds}",
    params(("kinds" = String, Path, description = "a collection: institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks")),
    request_body = Object,
    responses((status = 201, description = "created")),
)]
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

/// Change fields of a record.
///
/// Send `version` (the one you read) and the changed fields; `null` clears an optional field.
#[utoipa::path(
    patch,
    path = "/api/v1/{kinds}/{id}",
    params(("kinds" = String, Path, description = "a collection: institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks"), IdPath),
    request_body = Object,
    responses((status = 200, description = "saved")),
)]
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

/// Delete a record.
#[utoipa::path(
    delete,
    path = "/api/v1/{kinds}/{id}",
    params(("kinds" = String, Path, description = "a collection: institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks"), IdPath, ("version" = i64, Query, description = "the version you are deleting")),
    responses((status = 204, description = "deleted")),
)]
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
        .ok_or_else(|| AppError::invalid("version", pathways_app::domain::wording::say("version-to-delete", &[])))?;
    s.app.delete(&auth.principal, kind, &id, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// History of a record.
#[utoipa::path(
    get,
    path = "/api/v1/{kinds}/{id}/history",
    params(("kinds" = String, Path, description = "a collection: institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks"), IdPath),
    responses((status = 200, description = "audit entries, newest first")),
)]
async fn history(
    State(s): State<AppState>,
    auth: Auth,
    Path((kinds, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let kind = kind_of(&kinds)?;
    let items = s.app.history(&auth.principal, kind, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
