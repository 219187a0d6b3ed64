//! An economy's screening rules on the web: the API (`GET`/`PUT /api/v1/screening/rules`) and
//! the officers' rules page (`/screening/rules`: every check with whether it runs, the pathways
//! it is limited to and its threshold, the versions saved with who, when and why).

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::domain::checks::CheckCode;
use pathways_app::screening::rules::{EconomyRules, RuleInput, RulesInput};
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Auth, MaybeAuth};
use crate::error::ApiResult;
use crate::routes::Routes;
use crate::ui::label;
use crate::ui::{OrBack, Page, SignedIn, UiResult, form_pairs, page, render};

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(rules, set_rules))
        .get("/screening/rules", rules_page)
        .post("/screening/rules", save_rules)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct EconomyParam {
    /// The economy (your own by default).
    economy: Option<String>,
}

fn economy_of(auth: &pathways_app::domain::Principal, asked: Option<String>) -> String {
    asked.or_else(|| auth.economy.clone()).unwrap_or_default()
}

/// An economy's screening rules in force (each check: `applies`, `pathways`, `threshold`, the
/// `version` its results carry, whether it is the economy's `own`) and the versions saved.
#[utoipa::path(get, path = "/api/v1/screening/rules", params(EconomyParam), responses((status = 200, description = "the rules")))]
async fn rules(State(s): State<AppState>, auth: Auth, Query(q): Query<EconomyParam>) -> ApiResult<Json<Value>> {
    let economy = economy_of(&auth.principal, q.economy);
    Ok(Json(json!(s.app.screening_rules(&auth.principal, &economy).await?)))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[allow(dead_code)] // read through `RulesInput`; here for the OpenAPI document
struct RulesBody {
    /// The version you edited (0 for the shipped rules); a save against an older one is refused.
    version: i64,
    /// The economy's own rules: each `check`, `applies` (default true), `pathways` (ids; none or
    /// empty: every pathway), `threshold` (for passport_expiry and employer_volume). Checks left
    /// out follow the regional rule.
    rules: Vec<Value>,
    /// Why the rules change.
    note: String,
}

/// Save an economy's rules as its next version (its case officers); its open cases are checked
/// again under them.
#[utoipa::path(put, path = "/api/v1/screening/rules", params(EconomyParam), request_body = RulesBody, responses((status = 200, description = "the rules saved")))]
async fn set_rules(
    State(s): State<AppState>,
    auth: Auth,
    Query(q): Query<EconomyParam>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    let economy = s.app.may_set_screening_rules(p, &economy_of(p, q.economy))?;
    let input: RulesInput = serde_json::from_slice(&body)
        .map_err(|e| AppError::invalid("body", format!("not the rules (version, rules, note): {e}")))?;
    Ok(Json(json!(s.app.set_screening_rules(p, &economy, input).await?)))
}

struct RuleRow {
    code: String,
    label: String,
    applies: bool,
    /// The economy's pathways: id, name, whether the rule is limited to it.
    pathways: Vec<(String, String, bool)>,
    threshold: String,
    threshold_means: String,
    version: String,
}

#[derive(Template)]
#[template(path = "screening/rules.html")]
struct RulesPage<'a> {
    page: Page<'a>,
    economy: String,
    version: i64,
    editable: bool,
    rules: Vec<RuleRow>,
    history: Vec<(i64, String, String, String)>,
}

fn rules_page_of(s: &AppState, mauth: &MaybeAuth, r: EconomyRules, editable: bool) -> impl IntoResponse {
    render(RulesPage {
        page: page(s, mauth),
        economy: s
            .vocab()
            .economy(&r.economy)
            .map_or(r.economy.clone(), |e| e.display_name.clone()),
        version: r.version,
        editable,
        rules: r
            .rules
            .iter()
            .map(|k| RuleRow {
                code: k.check.as_str().to_string(),
                label: label(s, "check", k.check.as_str()),
                applies: k.applies,
                pathways: r
                    .pathway_choices
                    .iter()
                    .map(|(id, name)| {
                        let on = k.pathways.as_ref().is_some_and(|ps| ps.contains(id));
                        (id.clone(), name.clone(), on)
                    })
                    .collect(),
                threshold: k.threshold.map(|t| t.to_string()).unwrap_or_default(),
                threshold_means: k.threshold_means.unwrap_or_default().to_string(),
                // "RS:v2" reads "version 2"; a regional rule "regional, 2026-12-1".
                version: match k.version.split_once(':') {
                    Some((_, v)) if k.own => format!("{} {}", s.i18n.t("rules-version"), v.trim_start_matches('v')),
                    Some((_, v)) => format!("{}, {v}", s.i18n.t("rules-regional")),
                    None => k.version.clone(),
                },
            })
            .collect(),
        history: r
            .history
            .iter()
            .map(|h| (h.version, h.set_by.clone(), crate::ui::when(&h.set_at), h.note.clone()))
            .collect(),
    })
}

/// The rules page of the officer's economy, or (`?economy=`, for analysts and admins) of another.
async fn rules_page(State(s): State<AppState>, auth: SignedIn, Query(q): Query<EconomyParam>) -> UiResult {
    let p = auth.0.principal.clone();
    let economy = economy_of(&p, q.economy).to_ascii_uppercase();
    let r = s.app.screening_rules(&p, &economy).await.back("/screening")?;
    let editable = s.app.may_set_screening_rules(&p, &economy).is_ok();
    Ok(rules_page_of(&s, &MaybeAuth(Some(auth.0)), r, editable).into_response())
}

async fn save_rules(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let economy = p.economy.clone().unwrap_or_default();
    let f = form_pairs(&body);
    let one = |k: &str| {
        f.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut threshold_problems = vec![];
    let rules = CheckCode::ALL
        .iter()
        .map(|c| {
            let code = c.as_str();
            let t = one(&format!("threshold_{code}"));
            let threshold = if t.is_empty() {
                None
            } else {
                t.parse::<f64>().ok().or_else(|| {
                    threshold_problems.push(pathways_app::domain::wording::say(
                        "threshold-not-number",
                        &[("check", &label(&s, "check", code)), ("value", &t)],
                    ));
                    None
                })
            };
            RuleInput {
                check: code.to_string(),
                applies: one(&format!("applies_{code}")) == "on",
                pathways: Some(
                    f.iter()
                        .filter(|(k, _)| *k == format!("pathways_{code}"))
                        .map(|(_, v)| v.clone())
                        .collect(),
                ),
                threshold,
            }
        })
        .collect();
    if !threshold_problems.is_empty() {
        return Err(AppError::invalid("threshold", threshold_problems.join("; "))).back("/screening/rules");
    }
    let input = RulesInput {
        version: one("version").parse().unwrap_or(-1),
        rules,
        note: one("note"),
    };
    s.app
        .set_screening_rules(&p, &economy, input)
        .await
        .back("/screening/rules")?;
    Ok(Redirect::to("/screening/rules").into_response())
}
