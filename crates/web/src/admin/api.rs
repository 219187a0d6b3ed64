//! The audit log over the JSON API (admins and analysts).

use axum::Json;
use axum::extract::{Query, State};
use pathways_app::AppError;
use pathways_app::AuditQuery;
use serde_json::{Value, json};
use std::collections::BTreeMap;

use crate::AppState;
use crate::auth::Auth;

use crate::error::ApiResult;
use crate::routes::Routes;
use utoipa_axum::routes;

pub(super) fn routes() -> Routes {
    Routes::new().api(routes!(audit))
}

/// The audit log (admins and analysts).
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    params(("entity_id" = Option<String>, Query), ("economy" = Option<String>, Query), ("actor" = Option<String>, Query), ("before" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "entries, newest first")),
)]
async fn audit(
    State(s): State<AppState>,
    auth: Auth,
    Query(params): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let mut q = AuditQuery {
        limit: 100,
        ..Default::default()
    };
    for (k, v) in &params {
        match k.as_str() {
            "entity_id" => q.entity_id = Some(v.clone()),
            "economy" => q.owner = Some(v.to_ascii_uppercase()),
            "actor" => q.actor_email = Some(v.clone()),
            "before" => q.before_seq = v.parse().ok(),
            "limit" => q.limit = v.parse::<i64>().unwrap_or(100).clamp(1, 1000),
            other => {
                return Err(AppError::invalid(
                    other,
                    pathways_app::domain::wording::say(
                        "unknown-filter",
                        &[("allowed", "entity_id, economy, actor, before, limit")],
                    ),
                )
                .into());
            }
        }
    }
    let items = s.app.audit(&auth.principal, &q).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}
