//! The JSON API of cases: list and create them, read one with its checks (each read logged as an
//! API read), read who read it, and the verification requests to Countries of Origin with the
//! liaisons' answers, the workflow's moves and the officer's decision with its reasons. A case
//! of another economy answers 404, as an unknown id does.
//!
//! The handlers repeat one shape on purpose (see `rounds/api.rs`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::case::CaseFields;
use pathways_app::domain::register::RegisterKind;
use pathways_app::screening::cases::{CaseQuery, Channel};
use pathways_app::screening::decisions::DecisionInput;
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Auth;
use crate::error::ApiResult;
use crate::routes::{IdPath, Routes};

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(cases, create_case))
        .api(routes!(case))
        .api(routes!(case_reads))
        .api(routes!(request_verification, case_requests))
        .api(routes!(verification_requests))
        .api(routes!(answer))
        .api(routes!(decide))
        .api(routes!(move_case))
        .api(routes!(decision_reasons))
        .api(routes!(edit_case))
        .api(routes!(load_register))
        .api(routes!(register_imports))
        .api(routes!(record_outcome))
        .api(routes!(figures))
        .api(routes!(person_export))
        .api(routes!(pseudonymised))
        .api(routes!(import_cases))
        .api(routes!(publish_figures))
}

/// Refuses, before any body is read, a caller who may not `action` in their own scope (economy
/// or country).
pub(super) fn require(p: &pathways_app::domain::Principal, action: Action, refusal: &str) -> Result<(), AppError> {
    if p.economy.as_deref().is_some_and(|scope| p.may(action, Some(scope))) {
        Ok(())
    } else {
        Err(AppError::Forbidden(refusal.into()))
    }
}

/// A JSON body read as `T`, or a refusal naming what was expected.
fn body_as<T: serde::de::DeserializeOwned>(body: &[u8], what: &str) -> Result<T, AppError> {
    serde_json::from_slice(body).map_err(|e| AppError::invalid("body", format!("not {what}: {e}")))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct ListParams {
    /// Your own economy (another is refused).
    economy: Option<String>,
    /// received, screening, awaiting_coo, ready_for_decision, decided or closed.
    state: Option<String>,
    /// A passport number, or part of a surname or full name.
    q: Option<String>,
    /// The nationality (ISO 3166-1 alpha-2).
    nationality: Option<String>,
    /// 100 by default, at most 500.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Your economy's cases, the most recently changed first (case officers only); each case listed
/// is logged as read.
#[utoipa::path(get, path = "/api/v1/cases", params(ListParams), responses((status = 200, description = "the list")))]
async fn cases(State(s): State<AppState>, auth: Auth, Query(l): Query<ListParams>) -> ApiResult<Json<Value>> {
    let q = CaseQuery {
        economy: l.economy,
        state: l.state,
        q: l.q,
        nationality: l.nationality,
        limit: l.limit,
        offset: l.offset,
    };
    let items = s.app.cases(&auth.principal, &q, Channel::Api).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Open a case in your economy.
///
/// The fields `GET /api/v1/cases/{id}` returns; those the server sets (id, state, checks,
/// decision, version, dates) are ignored.
#[utoipa::path(
    post,
    path = "/api/v1/cases",
    request_body(content = Object, content_type = "application/json"),
    responses((status = 201, description = "opened, with its checks")),
)]
async fn create_case(State(s): State<AppState>, auth: Auth, body: Bytes) -> ApiResult {
    // Who may open a case is known before the body is read: only a case officer, for their own
    // economy (which `create_case` checks against the case's).
    require(&auth.principal, Action::Screen, "only case officers open cases")?;
    let fields: CaseFields = body_as(&body, "a case")?;
    let c = s.app.create_case(&auth.principal, fields, false).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

/// A case with its checks (each `code`, `result` pass|flag|fail|pending, `explanation`); the read
/// is logged.
#[utoipa::path(get, path = "/api/v1/cases/{id}", params(IdPath), responses((status = 200, description = "the case")))]
async fn case(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let c = s.app.case(&auth.principal, &id, Channel::Api).await?;
    Ok(Json(json!(c)))
}

/// Who read a case, when, through the UI or the API (its economy's case officers and admins).
#[utoipa::path(get, path = "/api/v1/cases/{id}/reads", params(IdPath), responses((status = 200, description = "the reads, newest first")))]
async fn case_reads(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.case_reads(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct NewRequest {
    /// The Country of Origin (ISO 3166-1 alpha-2).
    country: String,
    /// demand_letter, agency_licence, emigration_clearance, police_clearance, qualification or
    /// identity.
    subject: String,
    /// `YYYY-MM-DD`; 15 working days from today when absent.
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    question: String,
}

/// Ask a Country of Origin's authority to verify something about a case (its officers).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/verification-requests",
    params(IdPath),
    request_body = NewRequest,
    responses((status = 201, description = "sent")),
)]
async fn request_verification(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let p = &auth.principal;
    require(p, Action::Screen, "only case officers send verification requests")?;
    let r: NewRequest = body_as(&body, "a request")?;
    let made = s
        .app
        .request_verification(p, &id, &r.country, &r.subject, r.due.as_deref(), &r.question)
        .await?;
    Ok((StatusCode::CREATED, Json(made)).into_response())
}

/// The requests about a case (its officers).
#[utoipa::path(get, path = "/api/v1/cases/{id}/verification-requests", params(IdPath), responses((status = 200, description = "the list")))]
async fn case_requests(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let items = s.app.case_requests(&auth.principal, &id).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// The requests you work on: addressed to your country (CoO liaisons), or made by your economy
/// (case officers). A liaison sees each request's excerpt, never the case.
#[utoipa::path(get, path = "/api/v1/verification-requests", responses((status = 200, description = "the list")))]
async fn verification_requests(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.verification_requests(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct Answer {
    /// confirmed, not_confirmed or cannot_verify.
    outcome: String,
    #[serde(default)]
    comment: String,
}

/// Answer a request addressed to your country (CoO liaisons), once.
#[utoipa::path(
    post,
    path = "/api/v1/verification-requests/{id}/answer",
    params(IdPath),
    request_body = Answer,
    responses((status = 200, description = "answered")),
)]
async fn answer(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, body: Bytes) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    require(p, Action::Verify, "only CoO liaisons answer verification requests")?;
    let a: Answer = body_as(&body, "an answer")?;
    Ok(Json(json!(
        s.app.answer_verification(p, &id, &a.outcome, &a.comment).await?
    )))
}

/// The reasons an officer may give for a decision: each `code`, `label`, and the `decisions` it
/// fits (grant, refuse, suspend).
#[utoipa::path(get, path = "/api/v1/decision-reasons", responses((status = 200, description = "the list")))]
async fn decision_reasons(State(s): State<AppState>, _auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.decision_reasons();
    Ok(Json(json!({"count": items.len(), "items": items})))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[allow(dead_code)] // read through `DecisionInput`; here for the OpenAPI document
struct Decision {
    /// grant, refuse or suspend.
    decision: String,
    /// Codes of `GET /api/v1/decision-reasons` that fit the decision; at least one.
    reasons: Vec<String>,
    /// Why, in the officer's words; required.
    note: String,
    /// The version of the case decided on: refused with 409 if the case changed since.
    version: Option<i64>,
}

/// Decide a case (its officers): with reasons and a note; records the checks and answers seen.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/decision",
    params(IdPath),
    request_body = Decision,
    responses((status = 200, description = "decided"), (status = 422, description = "no reasons, a reason that does not fit, or no note")),
)]
async fn decide(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, body: Bytes) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    require(p, Action::Screen, "only case officers decide cases")?;
    let d: DecisionInput = body_as(&body, "a decision")?;
    Ok(Json(json!(s.app.decide(p, &id, d).await?)))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct Move {
    /// screening, awaiting_coo, ready_for_decision or closed.
    state: String,
    #[serde(default)]
    version: Option<i64>,
}

/// Move a case along its workflow (its officers); `decided` is reached by a decision only.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/state",
    params(IdPath),
    request_body = Move,
    responses((status = 200, description = "moved")),
)]
async fn move_case(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    require(p, Action::Screen, "only case officers move cases")?;
    let m: Move = body_as(&body, "a move")?;
    Ok(Json(json!(s.app.move_case(p, &id, &m.state, m.version).await?)))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct Edit {
    /// The version read; refused with 409 when the case changed since.
    version: i64,
    /// The case's fields, as `GET /api/v1/cases/{id}` returns them.
    #[schema(value_type = Object)]
    fields: CaseFields,
}

/// Change a case's fields (its officers), at the version read; its checks run again.
#[utoipa::path(
    put,
    path = "/api/v1/cases/{id}",
    params(IdPath),
    request_body = Edit,
    responses((status = 200, description = "saved, with its checks"), (status = 409, description = "changed since read")),
)]
async fn edit_case(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    require(p, Action::Screen, "only case officers edit cases")?;
    let e: Edit = body_as(&body, "an edit (version and fields)")?;
    Ok(Json(json!(s.app.edit_case(p, &id, e.fields, e.version).await?)))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct RegisterPath {
    /// employers, local_agencies or coo_agencies.
    kind: String,
    /// The economy (employers, local agencies) or the Country of Origin (its agencies).
    scope: String,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct FileName {
    /// The file's name, quoted in problems (`register.csv` when absent).
    file: Option<String>,
}

/// Load a register from CSV or XLSX (the request body): all rows or none, every bad row named.
///
/// Employers and local agencies: the economy's case officers. A Country of Origin's agencies:
/// its liaisons and any case officer. Columns: employers `registration_number, name, status
/// (active|inactive|sanctioned|closed), employees, sector`; agencies `licence, name, status
/// (valid|suspended|cancelled|expired|banned), valid_from, valid_to`.
#[utoipa::path(
    post,
    path = "/api/v1/registers/{kind}/{scope}",
    params(RegisterPath, FileName),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, description = "loaded; open cases checked again"), (status = 422, description = "the rows at fault")),
)]
async fn load_register(
    State(s): State<AppState>,
    auth: Auth,
    Path(at): Path<RegisterPath>,
    Query(f): Query<FileName>,
    body: Bytes,
) -> ApiResult {
    let p = &auth.principal;
    let kind: RegisterKind = at
        .kind
        .parse()
        .map_err(|e: pathways_app::domain::code::UnknownCode| AppError::invalid("kind", e.to_string()))?;
    pathways_app::screening::registers::may_load(p, kind, &at.scope.to_ascii_uppercase())?;
    let file = f.file.unwrap_or_else(|| "register.csv".into());
    let report = s.app.load_register(p, kind, &at.scope, &file, &body, false).await?;
    Ok((StatusCode::CREATED, Json(report)).into_response())
}

/// The registers loaded that you work with, the newest import first.
#[utoipa::path(get, path = "/api/v1/registers", responses((status = 200, description = "the imports")))]
async fn register_imports(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.register_imports(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct Outcome {
    /// permit_issued, entry, employer_change, renewal, absconding_reported,
    /// irregular_onward_movement or return.
    kind: String,
    /// `YYYY-MM-DD`: when it happened (not in the future).
    day: String,
    #[serde(default)]
    note: String,
}

/// Record what happened after a decision (its officers); returns all the case's outcomes.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/outcomes",
    params(IdPath),
    request_body = Outcome,
    responses((status = 201, description = "recorded")),
)]
async fn record_outcome(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let p = &auth.principal;
    require(p, Action::Screen, "only case officers record outcomes")?;
    let o: Outcome = body_as(&body, "an outcome")?;
    let all = s.app.record_outcome(p, &id, &o.kind, &o.day, &o.note).await?;
    Ok((StatusCode::CREATED, Json(json!({"count": all.len(), "items": all}))).into_response())
}

/// Verification requests per Country of Origin: sent, open, overdue, answered, the median days an
/// answer takes and the share confirmed. Officers see their economy's, liaisons their country's,
/// everyone else the totals with counts below 5 suppressed (`null`).
#[utoipa::path(get, path = "/api/v1/screening/figures", responses((status = 200, description = "the rows")))]
async fn figures(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let items = s.app.coo_dashboard(&auth.principal).await?;
    Ok(Json(json!({"count": items.len(), "items": items})))
}

/// Publish the quarterly screening figures of real cases as observations (analysts and admins);
/// counts below 5 are left out.
#[utoipa::path(post, path = "/api/v1/screening/figures/publish", responses((status = 200, description = "what was published")))]
async fn publish_figures(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.publish_screening_figures(&auth.principal).await?)))
}

/// Everything held about the person of a case, for an access request (its officers): the case,
/// every version, the requests with their excerpts and answers, outcomes, reads, and the
/// economy's other cases with the same passport. Logged as a read and audited.
#[utoipa::path(get, path = "/api/v1/cases/{id}/export", params(IdPath), responses((status = 200, description = "the export")))]
async fn person_export(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(s.app.person_export(&auth.principal, &id).await?))
}

/// Your economy's cases for analysis, pseudonymised (case officers): no name, passport, full date
/// of birth or free text; one pseudonym per person, keyed afresh for each export.
#[utoipa::path(get, path = "/api/v1/screening/pseudonymised.csv", responses((status = 200, description = "CSV", content_type = "text/csv")))]
async fn pseudonymised(State(s): State<AppState>, auth: Auth) -> ApiResult {
    let csv = s.app.pseudonymised_cases(&auth.principal).await?;
    Ok(crate::ui::download(
        csv,
        "text/csv; charset=utf-8",
        "cases-pseudonymised.csv",
    ))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct CaseFile {
    /// The file's name, quoted in problems (`cases.csv` when absent).
    file: Option<String>,
    /// Refuse the file at any value that is not as a case holds it (default: set it aside on
    /// the case and count it in the report).
    strict: Option<bool>,
}

/// Import your economy's cases from CSV or XLSX (the request body): all rows or none, every row
/// without what makes a case (a name, nationality, date of birth or its year, passport number)
/// named by line and column; each case's checks run. Dates are read as the region writes them
/// (`14.02.1991`); a value that still cannot be read is set aside on its case (the field keeps
/// what could be read, the case what was written) and counted by column with its first lines in
/// `unreadable`, unless `strict`. Columns: the fields of a case
/// (`given_name`, `surname`, `full_name`, `date_of_birth`, `sex`, `nationality`,
/// `passport_number`, `passport_expiry`, `mrz_1`, `mrz_2`, `employer`, `local_agency`,
/// `coo_agency`, `pathway`, `occupation`, `sector`, `contract_start`, `contract_end`,
/// `application_date`).
#[utoipa::path(
    post,
    path = "/api/v1/cases/import",
    params(CaseFile),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, description = "imported, with the values set aside by column"), (status = 422, description = "the rows at fault")),
)]
async fn import_cases(State(s): State<AppState>, auth: Auth, Query(f): Query<CaseFile>, body: Bytes) -> ApiResult {
    let p = &auth.principal;
    require(p, Action::Screen, "only case officers import cases")?;
    let file = f.file.unwrap_or_else(|| "cases.csv".into());
    let report = s
        .app
        .import_cases(p, &file, &body, false, f.strict.unwrap_or(false))
        .await?;
    Ok((StatusCode::CREATED, Json(report)).into_response())
}
