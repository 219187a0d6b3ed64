//! Identity linkage on the web: the review queue of an economy's suggested links
//! (`/screening/identity`, each pair side by side with what agreed in words and the decision form:
//! same person, different persons, unsure, with a note), a case's identity section (the person's
//! timeline and the links still to decide), and the API (`/api/v1/identity-links`,
//! `/api/v1/identity-links/{id}/decision`, `/api/v1/records/{id}/timeline`). Every pair shown is a
//! read of both cases, logged.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::IndexRow;
use pathways_app::domain::identity::{LinkState, PersonRecordKind, percent};
use pathways_app::screening::cases::Channel;
use pathways_app::screening::identity::LinkView;
use pathways_app::screening::persons::PersonImportReport;
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Auth, MaybeAuth};
use crate::error::ApiResult;
use crate::i18n::said;
use crate::routes::{IdPath, Routes};
use crate::ui::label;
use crate::ui::{OrBack, Page, SignedIn, UiResult, country_name, form_get, form_pairs, page, render};

pub(super) fn routes() -> Routes {
    Routes::new()
        .api(routes!(queue))
        .api(routes!(link))
        .api(routes!(decide))
        .api(routes!(timeline))
        .api(routes!(import_persons, person_imports))
        .get("/screening/identity", queue_page)
        .post("/screening/identity/{id}", decide_form)
        .post("/screening/persons", import_persons_form)
        .api(routes!(params_versions))
        .api(routes!(train))
        .api(routes!(use_params))
        .post("/screening/identity/train", train_form)
        .post("/screening/identity/params/{version}", use_params_form)
}

/// Your economy's linkage parameter versions (m and u per field and level, how each was learnt,
/// before and after on held-back decided pairs) and the one in use.
#[utoipa::path(get, path = "/api/v1/linkage-params", responses((status = 200, description = "the versions")))]
async fn params_versions(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    officer(p)?;
    let economy = p.economy.clone().unwrap_or_default();
    Ok(Json(json!(s.app.linkage_params(p, &economy).await?)))
}

/// Re-estimate your economy's linkage parameters from the pairs its officers decided; the new
/// version is put in use, the previous one kept.
#[utoipa::path(post, path = "/api/v1/linkage-params/train", responses((status = 201, description = "the new version and before/after"), (status = 422, description = "too few decided pairs")))]
async fn train(State(s): State<AppState>, auth: Auth) -> ApiResult {
    let p = &auth.principal;
    officer(p)?;
    let economy = p.economy.clone().unwrap_or_default();
    let (stored, evaluation) = s.app.train_linkage(p, &economy).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(json!({"version": stored, "evaluation": evaluation})),
    )
        .into_response())
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct VersionPath {
    /// A version number (0: the shipped parameters).
    version: i64,
}

/// Put an earlier version of your economy's linkage parameters back in use.
#[utoipa::path(post, path = "/api/v1/linkage-params/{version}/use", params(VersionPath), responses((status = 200, description = "in use")))]
async fn use_params(State(s): State<AppState>, auth: Auth, Path(v): Path<VersionPath>) -> ApiResult<Json<Value>> {
    let p = &auth.principal;
    officer(p)?;
    let economy = p.economy.clone().unwrap_or_default();
    s.app.use_linkage_params(p, &economy, v.version).await?;
    Ok(Json(json!({"economy": economy, "in_use": v.version})))
}

async fn train_form(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    officer(&p).back("/screening/identity")?;
    let economy = p.economy.clone().unwrap_or_default();
    s.app.train_linkage(&p, &economy).await.back("/screening/identity")?;
    Ok(Redirect::to("/screening/identity#params").into_response())
}

async fn use_params_form(State(s): State<AppState>, auth: SignedIn, Path(v): Path<VersionPath>) -> UiResult {
    let p = auth.0.principal.clone();
    officer(&p).back("/screening/identity")?;
    let economy = p.economy.clone().unwrap_or_default();
    s.app
        .use_linkage_params(&p, &economy, v.version)
        .await
        .back("/screening/identity")?;
    Ok(Redirect::to("/screening/identity#params").into_response())
}

/// One parameter version as the review page lists it.
struct VersionRow {
    version: i64,
    in_use: bool,
    by: String,
    at: String,
    note: String,
    /// F1 on the held-back pairs before and after, as percentages; empty for the shipped version.
    before: String,
    after: String,
    held: String,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct QueueParams {
    /// At most this many links (default 100).
    limit: Option<i64>,
}

/// Your economy's identity review queue: the links the engine suggested (and those marked
/// unsure), the most probable first, each with both records' identities and the comparison in
/// words. Each case shown is logged as an API read.
#[utoipa::path(get, path = "/api/v1/identity-links", params(QueueParams), responses((status = 200, description = "the queue")))]
async fn queue(State(s): State<AppState>, auth: Auth, Query(q): Query<QueueParams>) -> ApiResult<Json<Value>> {
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    Ok(Json(json!(
        s.app.identity_queue(&auth.principal, limit, Channel::Api).await?
    )))
}

/// One link of your economy.
#[utoipa::path(get, path = "/api/v1/identity-links/{id}", params(IdPath), responses((status = 200, description = "the link"), (status = 404, description = "no such link in your economy")))]
async fn link(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(
        s.app.identity_link(&auth.principal, &id, Channel::Api).await?
    )))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct DecisionBody {
    /// The state you saw (`suggested` or `unsure`, or a decision you change): a link decided by
    /// someone else since is refused with 409.
    seen: String,
    /// `same`, `different` or `unsure`.
    state: String,
    /// Why; required unless `same`.
    #[serde(default)]
    note: String,
}

fn states(b: &DecisionBody) -> Result<(LinkState, LinkState), AppError> {
    let read = |field: &str, v: &str| {
        v.parse::<LinkState>()
            .map_err(|e: pathways_app::domain::code::UnknownCode| AppError::invalid(field, e.to_string()))
    };
    Ok((read("seen", &b.seen)?, read("state", &b.state)?))
}

/// Decide a link: same person, different persons (never suggested again) or unsure. Audited;
/// the open cases it joins are checked again.
#[utoipa::path(post, path = "/api/v1/identity-links/{id}/decision", params(IdPath), request_body = DecisionBody, responses((status = 200, description = "the link decided"), (status = 409, description = "decided by someone else since")))]
async fn decide(State(s): State<AppState>, auth: Auth, Path(id): Path<String>, body: Bytes) -> ApiResult<Json<Value>> {
    officer(&auth.principal)?;
    let b: DecisionBody = serde_json::from_slice(&body)
        .map_err(|e| AppError::invalid("body", format!("not a decision (seen, state, note): {e}")))?;
    let v = s
        .app
        .decide_link(&auth.principal, &id, states(&b)?, &b.note, Channel::Api)
        .await?;
    Ok(Json(json!(v)))
}

/// The records officers confirmed are the same person as this one (a case or a register record),
/// the earliest first.
#[utoipa::path(get, path = "/api/v1/records/{id}/timeline", params(IdPath), responses((status = 200, description = "the timeline")))]
async fn timeline(State(s): State<AppState>, auth: Auth, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.person_timeline(&auth.principal, &id).await?)))
}

/// Refuses, before any body is read, a caller who is not a case officer of an economy.
fn officer(p: &pathways_app::domain::Principal) -> Result<(), AppError> {
    super::api::require(
        p,
        pathways_app::domain::Action::Screen,
        "an economy's case officers review its identity links",
    )
}

/// One field of two records side by side.
pub(super) struct SideBySide {
    pub(super) label: String,
    pub(super) left: String,
    pub(super) right: String,
}

pub(super) struct LinkCard {
    pub(super) id: String,
    pub(super) state: String,
    pub(super) state_label: String,
    pub(super) probability: String,
    pub(super) left_what: String,
    pub(super) right_what: String,
    /// Where each record opens (a case's page), or empty.
    pub(super) left_href: String,
    pub(super) right_href: String,
    pub(super) fields: Vec<SideBySide>,
    /// Each field's comparison in words, with whether it spoke for, against or neither.
    pub(super) comparison: Vec<(String, &'static str)>,
    pub(super) note: String,
}

fn href(id: &str) -> String {
    if id.starts_with("case_") {
        format!("/screening/cases/{id}")
    } else {
        String::new()
    }
}

/// How one field of a record's identity reads.
type Field = fn(&IndexRow) -> String;

fn card(s: &AppState, v: LinkView) -> LinkCard {
    let t = |k: &str| s.i18n.t(k);
    let side = |r: &Option<IndexRow>, f: Field| r.as_ref().map(f).unwrap_or_default();
    let name = |r: &IndexRow| pathways_app::domain::case::person_name(&r.given_name, &r.surname, &r.full_name);
    let rows: [(String, Field); 4] = [
        (t("case-date-of-birth"), |r| r.date_of_birth.clone()),
        (t("case-sex"), |r| r.sex.clone()),
        (t("case-nationality"), |r| r.nationality.clone()),
        (t("case-passport"), |r| r.passport_number.clone()),
    ];
    let mut fields = vec![SideBySide {
        label: t("case-name"),
        left: side(&v.left, name),
        right: side(&v.right, name),
    }];
    for (label, f) in rows {
        let (mut left, mut right) = (side(&v.left, f), side(&v.right, f));
        if label == t("case-nationality") {
            left = country_name(s, &left);
            right = country_name(s, &right);
        }
        fields.push(SideBySide { label, left, right });
    }
    LinkCard {
        id: v.link.id.clone(),
        state: v.link.state.as_str().to_string(),
        state_label: label(s, "link", v.link.state.as_str()),
        probability: percent(v.link.probability),
        left_href: href(&v.link.left_id),
        right_href: href(&v.link.right_id),
        left_what: said(&v.left_what),
        right_what: said(&v.right_what),
        fields,
        comparison: v
            .comparison
            .into_iter()
            .map(|(words, w)| {
                let class = if w == 0.0 {
                    // A field missing on one side: its words say so.
                    "none"
                } else if w > 0.5 {
                    "for"
                } else if w < -0.5 {
                    "against"
                } else {
                    "neither"
                };
                (said(&words), class)
            })
            .collect(),
        note: v.link.note,
    }
}

#[derive(Template)]
#[template(path = "screening/identity.html")]
struct QueuePage<'a> {
    page: Page<'a>,
    links: Vec<LinkCard>,
    decisions: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    versions: Vec<VersionRow>,
    /// Kind, file, rows, unreadable values, who, when.
    imports: Vec<(String, String, i64, u64, String, String)>,
    /// The columns a person register is read by (typed exactly, so shown as code).
    person_columns: &'static [&'static str],
}

fn kinds(s: &AppState) -> Vec<(String, String)> {
    PersonRecordKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), label(s, "person-kind", k.as_str())))
        .collect()
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct ImportParams {
    /// `permit`, `entry_exit` or `absconding`.
    kind: Option<String>,
    /// The file's name, for the report.
    file: Option<String>,
    /// Refuse the file at any value that cannot be read (default: count them and go on).
    strict: Option<bool>,
}

/// Import a person register into your economy's person index (CSV or XLSX, the request body):
/// columns `given_name`, `surname`, `full_name`, `date_of_birth`, `sex`, `nationality`,
/// `passport_number`, `event_date`, `event` (others left aside). Values that cannot be read are
/// counted per column with their first lines, never refused unless `strict`; the new records are
/// matched against the economy's cases and the pairs suggested for review.
#[utoipa::path(post, path = "/api/v1/person-registers", params(ImportParams), request_body(content = String, content_type = "text/csv"), responses((status = 201, description = "imported, with the unreadable values per column"), (status = 422, description = "a structural fault, or with strict the values at fault")))]
async fn import_persons(
    State(s): State<AppState>,
    auth: Auth,
    Query(q): Query<ImportParams>,
    body: Bytes,
) -> ApiResult {
    let p = &auth.principal;
    officer(p)?;
    let kind: PersonRecordKind = q
        .kind
        .unwrap_or_default()
        .parse()
        .map_err(|e: pathways_app::domain::code::UnknownCode| AppError::invalid("kind", e.to_string()))?;
    let file = q.file.unwrap_or_else(|| "register.csv".into());
    let report = s
        .app
        .import_person_register(p, kind, &file, &body, q.strict.unwrap_or(false))
        .await?;
    Ok((axum::http::StatusCode::CREATED, Json(report)).into_response())
}

/// Your economy's person registers as imported, the newest first.
#[utoipa::path(get, path = "/api/v1/person-registers", responses((status = 200, description = "the imports")))]
async fn person_imports(State(s): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    Ok(Json(json!(s.app.person_imports(&auth.principal).await?)))
}

#[derive(Template)]
#[template(path = "screening/person_import.html")]
struct ImportPage<'a> {
    page: Page<'a>,
    file: String,
    kind: String,
    report: PersonImportReport,
}

async fn import_persons_form(State(s): State<AppState>, auth: SignedIn, mut m: Multipart) -> UiResult {
    let p = auth.0.principal.clone();
    // Refused before a byte of the form is read.
    officer(&p).back("/screening/identity")?;
    let (mut kind, mut strict) = (String::new(), false);
    while let Ok(Some(field)) = m.next_field().await {
        match field.name() {
            Some("kind") => kind = field.text().await.unwrap_or_default(),
            Some("strict") => strict = field.text().await.is_ok_and(|v| v == "on"),
            Some("file") => {
                let k: PersonRecordKind = kind
                    .parse()
                    .map_err(|e: pathways_app::domain::code::UnknownCode| AppError::invalid("kind", e.to_string()))
                    .back("/screening/identity")?;
                let name = field.file_name().unwrap_or("register.csv").to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::invalid("file", e.to_string()))
                    .back("/screening/identity")?;
                let report = s
                    .app
                    .import_person_register(&p, k, &name, &bytes, strict)
                    .await
                    .back("/screening/identity")?;
                let kind = label(&s, "person-kind", k.as_str());
                return Ok(render(ImportPage {
                    page: page(&s, &MaybeAuth(Some(auth.0))),
                    file: name,
                    kind,
                    report,
                }));
            }
            _ => {}
        }
    }
    Err(AppError::invalid(
        "file",
        pathways_app::domain::wording::say("no-file-uploaded", &[]),
    ))
    .back("/screening/identity")
}

fn decisions(s: &AppState) -> Vec<(String, String)> {
    LinkState::DECISIONS
        .iter()
        .map(|d| (d.as_str().to_string(), label(s, "link", d.as_str())))
        .collect()
}

async fn queue_page(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let links = s.app.identity_queue(&p, 100, Channel::Ui).await.back("/screening")?;
    let imports = s.app.person_imports(&p).await.back("/screening")?;
    let economy = p.economy.clone().unwrap_or_default();
    let pv = s.app.linkage_params(&p, &economy).await.back("/screening")?;
    let mut versions: Vec<VersionRow> = pv
        .versions
        .iter()
        .map(|v| {
            let e: pathways_app::screening::training::Evaluation =
                serde_json::from_str(&v.evaluation).unwrap_or_default();
            VersionRow {
                version: v.version,
                in_use: v.version == pv.in_use,
                by: v.created_by.clone(),
                at: crate::ui::when(&v.created_at),
                note: v.note.clone(),
                before: crate::i18n::percent(e.before.f1 * 100.0, 0),
                after: crate::i18n::percent(e.after.f1 * 100.0, 0),
                held: format!("{} + {}", e.held_same, e.held_different),
            }
        })
        .collect();
    versions.push(VersionRow {
        version: 0,
        in_use: pv.in_use == 0,
        by: String::new(),
        at: String::new(),
        note: s.i18n.t("params-shipped"),
        before: String::new(),
        after: String::new(),
        held: String::new(),
    });
    Ok(render(QueuePage {
        person_columns: &pathways_app::screening::persons::PERSON_COLUMNS,
        page: page(&s, &MaybeAuth(Some(auth.0))),
        links: links.into_iter().map(|v| card(&s, v)).collect(),
        decisions: decisions(&s),
        imports: imports
            .into_iter()
            .map(|i| {
                let unreadable: pathways_app::screening::persons::Unreadable =
                    serde_json::from_str(&i.unreadable).unwrap_or_default();
                (
                    label(&s, "person-kind", i.kind.as_str()),
                    i.file,
                    i.rows,
                    unreadable.total(),
                    i.imported_by,
                    crate::ui::when(&i.imported_at),
                )
            })
            .collect(),
        kinds: kinds(&s),
        versions,
    }))
}

async fn decide_form(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    officer(&p).back("/screening")?;
    let f = form_pairs(&body);
    let b = DecisionBody {
        seen: form_get(&f, "seen").unwrap_or_default().to_string(),
        state: form_get(&f, "state").unwrap_or_default().to_string(),
        note: form_get(&f, "note").unwrap_or_default().to_string(),
    };
    let back = form_get(&f, "back")
        .filter(|b| b.starts_with("/screening/"))
        .unwrap_or("/screening/identity")
        .to_string();
    let decided = match states(&b) {
        Ok(st) => s.app.decide_link(&p, &id, st, &b.note, Channel::Ui).await,
        Err(e) => Err(e),
    };
    decided.back(&back)?;
    Ok(Redirect::to(&back).into_response())
}

/// A case's identity section: the person's timeline (confirmed links) and its links still to
/// decide.
pub(super) struct CaseIdentity {
    pub timeline: Vec<(String, String, String)>,
    pub open: Vec<LinkCard>,
    pub decisions: Vec<(String, String)>,
    /// Where a decision made on the case page returns.
    pub back: String,
}

pub(super) async fn case_identity(s: &AppState, p: &pathways_app::domain::Principal, id: &str) -> CaseIdentity {
    // The case page opens whatever this section finds: an officer who reads the case reads it.
    let timeline = s.app.person_timeline(p, id).await.unwrap_or_default();
    let mut open = vec![];
    for l in s.app.record_links(p, id).await.unwrap_or_default() {
        if l.state.open()
            && let Ok(v) = s.app.identity_link(p, &l.id, Channel::Ui).await
        {
            open.push(card(s, v));
        }
    }
    CaseIdentity {
        timeline: if timeline.len() > 1 {
            timeline
                .into_iter()
                .map(|e| (e.day, said(&e.what), href(&e.id)))
                .collect()
        } else {
            vec![]
        },
        open,
        decisions: decisions(s),
        back: format!("/screening/cases/{id}"),
    }
}
