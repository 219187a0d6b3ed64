//! Identity linkage between economies on the web: the page of an economy's encoded registers
//! (`/screening/federation`: the key in use by its fingerprint, export, publish to the other
//! economies here, import another economy's file, the registers received), a case's records in
//! other economies with the form that asks that economy's officers, and the API
//! (`/api/v1/encoded-registers…`, `/api/v1/cases/{id}/abroad`, `/api/v1/cases/{id}/economy-queries`,
//! `/api/v1/federation-keys`). No page or answer shows another economy's names: there are none.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::screening::federation::{KeyView, MAX_REGISTER, RegisterView};
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Auth, MaybeAuth};
use crate::error::ApiResult;
use crate::routes::{IdPath, Routes};
use crate::ui::{OrBack, Page, SignedIn, UiResult, download, form_get, form_pairs, page, render, when};

const HERE: &str = "/screening/federation";
const CSV: &str = "text/csv; charset=utf-8";

pub(super) fn routes() -> Routes {
    // An encoded register is ~200 bytes a record: the limit holds a million records.
    let limit = |r: axum::routing::MethodRouter<AppState>| r.layer(DefaultBodyLimit::max(MAX_REGISTER + 1024 * 1024));
    Routes::new()
        .api(routes!(keys))
        .api_with(routes!(received, import), limit)
        .api(routes!(export))
        .api(routes!(publish))
        .api(routes!(abroad))
        .api(routes!(ask))
        .get(HERE, federation_page)
        .post("/screening/federation/export", export_form)
        .post("/screening/federation/publish", publish_form)
        .method(
            Method::POST,
            "/screening/federation/import",
            axum::routing::post(import_form).layer(DefaultBodyLimit::max(MAX_REGISTER + 1024 * 1024)),
        )
        .post("/screening/cases/{id}/economy-queries", ask_form)
}

fn officer(p: &pathways_app::domain::Principal) -> Result<(), AppError> {
    super::api::require(
        p,
        Action::Screen,
        "an economy's case officers exchange its encoded registers",
    )
}

/// The keys of encoded registers by fingerprint (never the key), the newest first, and which one
/// exports use: for administrators and case officers.
#[utoipa::path(get, path = "/api/v1/federation-keys", responses((status = 200, description = "the keys")))]
async fn keys(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.federation_keys(&auth.principal).await?)))
}

/// The encoded registers of other economies your economy's cases are matched against.
#[utoipa::path(get, path = "/api/v1/encoded-registers", responses((status = 200, description = "the registers")))]
async fn received(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.encoded_registers(&auth.principal).await?)))
}

/// Import another economy's encoded register (the request body, as exported): it replaces the
/// earlier one from that economy, and your open cases are matched against it. Refused whole when
/// it is not one, is your own, or was encoded under a key not in use here.
#[utoipa::path(post, path = "/api/v1/encoded-registers", request_body(content = String, content_type = "text/csv"), responses((status = 201, description = "imported"), (status = 422, description = "not an encoded register of another economy under a key in use")))]
async fn import(State(s): State<AppState>, auth: Auth, body: Bytes) -> ApiResult {
    officer(&auth.principal)?;
    let r = s.app.import_encoded_register(&auth.principal, &body).await?;
    Ok((StatusCode::CREATED, Json(json!(r))).into_response())
}

/// Your economy's encoded register (CSV: an origin line, the encoding's header, then pseudonym and
/// Bloom filter per record; no name, date or number readable), to hand to another economy.
#[utoipa::path(post, path = "/api/v1/encoded-registers/export", responses((status = 200, description = "the encoded register", content_type = "text/csv")))]
async fn export(State(s): State<AppState>, auth: Auth) -> ApiResult {
    officer(&auth.principal)?;
    let e = s.app.export_encoded_register(&auth.principal).await?;
    Ok(download(e.bytes, CSV, &e.file_name))
}

/// Publish your economy's encoded register to the other economies of this deployment: their
/// cases are matched against it, and none of their officers reads a name.
#[utoipa::path(post, path = "/api/v1/encoded-registers/publish", responses((status = 201, description = "published")))]
async fn publish(State(s): State<AppState>, auth: Auth) -> ApiResult {
    officer(&auth.principal)?;
    let r = s.app.publish_encoded_register(&auth.principal).await?;
    Ok((StatusCode::CREATED, Json(json!(r))).into_response())
}

/// The records of other economies' encoded registers close to a case (economy, pseudonym, Dice
/// similarity), for its officers.
#[utoipa::path(get, path = "/api/v1/cases/{id}/abroad", params(IdPath), responses((status = 200, description = "the registers matched and the records found")))]
async fn abroad(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let a = s.app.case_abroad(&auth.principal, &id).await?;
    Ok(Json(json!({"registers": a.registers, "records": a.hits})))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct AskBody {
    /// The economy whose record the case matched.
    economy: String,
    /// The record's pseudonym, as `/abroad` lists it.
    record: String,
    /// What you ask.
    #[serde(default)]
    question: String,
}

/// Ask another economy's officers about one of their records a case matched: a request in the
/// verification workflow, carrying the pseudonym and the Dice similarity, no name.
#[utoipa::path(post, path = "/api/v1/cases/{id}/economy-queries", params(IdPath), request_body = AskBody, responses((status = 201, description = "asked")))]
async fn ask(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, body: Bytes) -> ApiResult {
    officer(&auth.principal)?;
    let b: AskBody = serde_json::from_slice(&body).map_err(|e| AppError::invalid("body", e.to_string()))?;
    let r = s
        .app
        .ask_economy(&auth.principal, &id, &b.economy, &b.record, &b.question)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(r))).into_response())
}

#[derive(Template)]
#[template(path = "screening/federation.html")]
struct FederationPage<'a> {
    page: Page<'a>,
    /// Fingerprint, added, in use for exports, retired (empty if not).
    keys: Vec<(String, String, bool, String)>,
    /// From, records, exported, imported (by whom), key, no longer matched.
    registers: Vec<(String, i64, String, String, String, bool)>,
    /// What was just done, to say so.
    done: String,
}

fn rows(s: &AppState, list: Vec<RegisterView>) -> Vec<(String, i64, String, String, String, bool)> {
    list.into_iter()
        .map(|r| {
            let from = if r.meta.into_economy.is_none() {
                s.i18n.fmt("federation-published-here", &[("economy", r.from_name)])
            } else {
                r.from_name
            };
            (
                from,
                r.meta.records,
                when(&r.meta.exported_at),
                format!("{} ({})", when(&r.meta.imported_at), r.meta.imported_by),
                r.meta.key_fingerprint,
                r.retired_key,
            )
        })
        .collect()
}

async fn show(s: &AppState, auth: SignedIn, done: String) -> UiResult {
    let p = auth.0.principal.clone();
    officer(&p).back("/screening")?;
    let keys = s
        .app
        .federation_keys(&p)
        .await
        .back("/screening")?
        .into_iter()
        .map(|k: KeyView| {
            (
                k.fingerprint,
                when(&k.added_at),
                k.current,
                k.retired_at.as_deref().map(when).unwrap_or_default(),
            )
        })
        .collect();
    let registers = rows(s, s.app.encoded_registers(&p).await.back("/screening")?);
    Ok(render(FederationPage {
        page: page(s, &MaybeAuth(Some(auth.0))),
        keys,
        registers,
        done,
    }))
}

async fn federation_page(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    show(&s, auth, String::new()).await
}

async fn export_form(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    officer(&p).back(HERE)?;
    let e = s.app.export_encoded_register(&p).await.back(HERE)?;
    Ok(download(e.bytes, CSV, &e.file_name))
}

async fn publish_form(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    officer(&p).back(HERE)?;
    let r = s.app.publish_encoded_register(&p).await.back(HERE)?;
    let done = s.i18n.fmt(
        "federation-published",
        &[("records", r.meta.records.to_string()), ("key", r.meta.key_fingerprint)],
    );
    show(&s, auth, done).await
}

async fn import_form(State(s): State<AppState>, auth: SignedIn, m: Multipart) -> UiResult {
    let p = auth.0.principal.clone();
    // Refused before a byte of the form is read.
    officer(&p).back(HERE)?;
    let (_, bytes) = crate::ui::upload(m).await.back(HERE)?;
    let r = s.app.import_encoded_register(&p, &bytes).await.back(HERE)?;
    let done = s.i18n.fmt(
        "federation-imported-from",
        &[
            ("economy", r.from_name),
            ("records", r.meta.records.to_string()),
            ("exported", when(&r.meta.exported_at)),
        ],
    );
    show(&s, auth, done).await
}

async fn ask_form(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal;
    let back = format!("/screening/cases/{id}");
    officer(&p).back(&back)?;
    let f = form_pairs(&body);
    let g = |k: &str| form_get(&f, k).unwrap_or_default();
    let r = s
        .app
        .ask_economy(&p, &id, g("economy"), g("record"), g("question"))
        .await
        .back(&back)?;
    Ok(Redirect::to(&format!("/screening/requests/{}", r.id)).into_response())
}

/// A case's records in other economies, for the case page: economy code and name, pseudonym,
/// Dice similarity; and whether any register was matched at all.
pub(super) struct CaseAbroad {
    pub hits: Vec<(String, String, String, String)>,
    pub registers: usize,
}

pub(super) async fn case_abroad(s: &AppState, p: &pathways_app::domain::Principal, id: &str) -> CaseAbroad {
    match s.app.case_abroad(p, id).await {
        Ok(a) => CaseAbroad {
            registers: a.registers.len(),
            hits: a
                .hits
                .into_iter()
                .map(|h| (h.economy, h.economy_name, h.record, format!("{:.2}", h.dice)))
                .collect(),
        },
        Err(_) => CaseAbroad {
            hits: vec![],
            registers: 0,
        },
    }
}
