//! The server-rendered UI: regional overview, economy profiles, lists with filters and exports,
//! record pages with provenance and history, forms to create, edit and delete, the audit log,
//! imports, sign-in and first-run set-up. Every page reads without JavaScript; htmx only makes
//! list filtering live.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pathways_app::AppError;
use pathways_app::domain::dataset::{from_fields, header as columns_of, to_row};
use pathways_app::domain::{Action, Kind, Principal, Record, Role};
use pathways_app::records::to_api_json;
use pathways_app::{AuditEntry, AuditQuery, StoredRecord};
use serde_json::Value;

use crate::AppState;
use crate::api::{filter_fields, kind_of, list_filter};
use crate::auth::{Auth, LockScope, MaybeAuth, PRE_COOKIE, SESSION_COOKIE, SESSION_HOURS, Verdict, cookie, set_cookie};
use crate::i18n::Messages;
use crate::routes::Routes;
use crate::svg;

pub fn routes() -> Routes {
    Routes::new()
        .get("/", home)
        .get("/economies/{code}", economy)
        .get("/countries-of-origin", origins)
        .get("/login", login_form)
        .post("/login", login)
        .post("/logout", logout)
        .get("/setup", setup_form)
        .post("/setup", setup)
        .get("/audit", audit)
        .get("/import", import_page)
        .post("/import/observations", import_observations)
        .post("/import/stakeholders", import_stakeholders)
        .get("/export/all.xlsx", export_all)
        .get("/export/stakeholders.xlsx", export_kumu)
        .get("/static/{file}", asset)
        .get("/api/docs", api_docs)
        .get("/{plural}", list)
        .get("/{plural}/export.csv", export_csv)
        .get("/{plural}/export.xlsx", export_xlsx)
        .get("/{plural}/export.sdmx.csv", export_sdmx)
        .get("/{plural}/new", new_form)
        .post("/{plural}/new", create)
        .get("/{plural}/{id}", record)
        .get("/{plural}/{id}/edit", edit_form)
        .post("/{plural}/{id}/edit", save)
        .post("/{plural}/{id}/delete", delete)
}

// ---- filters and page context -------------------------------------------------------------------

mod filters {
    use askama::filters::Safe;
    use serde_json::Value;

    /// A JSON value as display text (`null` → empty).
    #[askama::filter_fn]
    pub fn s(v: &Value, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::text(v))
    }

    #[askama::filter_fn]
    pub fn num(v: &Value, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(v.as_f64().map(crate::svg::thousands).unwrap_or_default())
    }

    #[askama::filter_fn]
    pub fn numf(v: &f64, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(crate::svg::thousands(*v))
    }

    /// Escapes text and turns http(s) URLs into links.
    #[askama::filter_fn]
    pub fn linkify(v: impl ToString, _: &dyn askama::Values) -> askama::Result<Safe<String>> {
        Ok(Safe(super::linkify(&v.to_string())))
    }
}

pub fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join("; "),
        Value::Number(n) => n.as_f64().map(svg::thousands).unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
}

pub fn linkify(s: &str) -> String {
    let mut out = String::new();
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("https://") || word.starts_with("http://") {
            let e = svg::esc(word);
            out.push_str(&format!(r#"<a href="{e}" rel="noopener noreferrer">{e}</a>"#));
        } else {
            out.push_str(&svg::esc(word));
        }
    }
    out
}

impl Messages {
    pub fn status(&self, s: &str) -> String {
        self.t(&format!("status-{s}"))
    }

    /// A tri-state boolean: yes / no / not known.
    pub fn yn(&self, v: &Value) -> String {
        self.t(match v.as_bool() {
            Some(true) => "opt-yes",
            Some(false) => "opt-no",
            None => "opt-unknown",
        })
    }
}

pub struct Page<'a> {
    pub tr: &'a Messages,
    pub me: Option<Principal>,
    pub csrf: String,
    pub signed_in: bool,
    pub can_audit: bool,
    pub role_label: String,
    pub flash: Option<String>,
}

pub(crate) fn page<'a>(s: &'a AppState, auth: &MaybeAuth) -> Page<'a> {
    let me = auth.0.as_ref().map(|a| a.principal.clone());
    Page {
        tr: &s.i18n,
        signed_in: me.is_some(),
        can_audit: me.as_ref().is_some_and(|p| p.may(Action::ReadAudit, None)),
        role_label: me
            .as_ref()
            .map(|p| {
                let r = s.i18n.t(&format!("role-{}", p.role.as_str()));
                match &p.economy {
                    Some(e) => format!("{r}, {e}"),
                    None => r,
                }
            })
            .unwrap_or_default(),
        csrf: auth.0.as_ref().and_then(|a| a.csrf.clone()).unwrap_or_default(),
        me,
        flash: None,
    }
}

pub(crate) fn render(t: impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; the details are in the server log",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Page<'a>,
    title: String,
    message: String,
    problems: Vec<String>,
    back: String,
}

pub(crate) fn error_page(s: &AppState, auth: &MaybeAuth, e: AppError, back: &str) -> Response {
    if matches!(e, AppError::Unauthenticated) {
        return Redirect::to(&format!("/login?next={}", urlencode(back))).into_response();
    }
    let status = crate::error::status(&e);
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!(error = %e, "internal error");
    }
    let problems = match &e {
        AppError::Invalid(ps) => ps.iter().map(ToString::to_string).collect(),
        _ => vec![],
    };
    let title = s.i18n.t(&format!("error-{}", e.code()));
    let message = if problems.is_empty() {
        crate::error::public_message(&e)
    } else {
        s.i18n.t("form-problems")
    };
    let t = ErrorPage {
        page: page(s, auth),
        title,
        message,
        problems,
        back: back.to_string(),
    };
    (status, render(t)).into_response()
}

/// The fields of a URL-encoded form body, repeated names kept in order.
pub(crate) fn form_pairs(body: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// The first value of a form field.
pub(crate) fn form_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

pub(crate) fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)])
        .map(|v| v[2..].to_string())
        .unwrap_or_default()
}

/// A signed-in user for a UI page; anyone else is sent to the sign-in page and back.
pub struct SignedIn(pub Auth);

impl axum::extract::FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &AppState) -> Result<Self, Response> {
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        match <MaybeAuth as axum::extract::FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(MaybeAuth(Some(a))) => Ok(SignedIn(a)),
            // An htmx request (an answer being saved) is answered 401, which htmx does not swap:
            // following the redirect would put the sign-in page where the form was, and the
            // answer typed would be lost. pathways.js offers to sign in again and then resends.
            Ok(MaybeAuth(None)) if parts.headers.contains_key("hx-request") => {
                Err((StatusCode::UNAUTHORIZED, "your session has expired; sign in again").into_response())
            }
            Ok(MaybeAuth(None)) => Err(Redirect::to(&format!("/login?next={}", urlencode(&here))).into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

// ---- overview pages ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    page: Page<'a>,
    regional: Vec<pathways_app::overview::Headline>,
    economies: Vec<pathways_app::overview::EconomySummary>,
}

async fn home(State(s): State<AppState>, auth: MaybeAuth) -> Response {
    let data = async { Ok::<_, AppError>((s.app.regional_figures().await?, s.app.economy_summaries().await?)) }.await;
    match data {
        Ok((regional, economies)) => render(Home {
            page: page(&s, &auth),
            regional,
            economies,
        }),
        Err(e) => error_page(&s, &auth, e, "/"),
    }
}

#[derive(Template)]
#[template(path = "economy.html")]
struct EconomyPage<'a> {
    page: Page<'a>,
    p: pathways_app::overview::Profile,
    can_edit: bool,
    by_stage: Vec<(String, Vec<(String, String)>)>,
    /// Each relationship with the names of its two ends.
    relationships: Vec<(Value, String, String)>,
    network: String,
    grid: String,
    series: Vec<(pathways_app::overview::Series, String)>,
    practices: Vec<(String, Value)>,
}

async fn economy(State(s): State<AppState>, auth: MaybeAuth, Path(code): Path<String>) -> Response {
    let code = code.to_ascii_uppercase();
    if !s.app.vocab().is_economy(&code) {
        return error_page(
            &s,
            &auth,
            AppError::NotFound {
                kind: "economy".into(),
                id: code,
            },
            "/",
        );
    }
    let p = match s.app.profile(&code).await {
        Ok(p) => p,
        Err(e) => return error_page(&s, &auth, e, "/"),
    };
    let all = s
        .app
        .list(&auth.reader(), Kind::Institution, &Default::default())
        .await
        .unwrap_or_default();
    let name_of = |id: &str| {
        all.iter()
            .find(|r| r.id == id)
            .map(|r| format!("{} ({})", text(&r.body["name"]), r.owner.clone().unwrap_or_default()))
            .unwrap_or_else(|| id.to_string())
    };
    let relationships: Vec<(Value, String, String)> = p
        .relationships
        .iter()
        .map(|r| (r.clone(), name_of(&text(&r["from"])), name_of(&text(&r["to"]))))
        .collect();
    let vocab = s.app.vocab();
    let by_stage = vocab
        .stages
        .iter()
        .map(|st| {
            let insts = p
                .institutions
                .iter()
                .filter(|i| {
                    i["stages"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == st.code.as_str()))
                })
                .map(|i| (text(&i["id"]), text(&i["name"])))
                .collect();
            (st.label.clone(), insts)
        })
        .collect();
    let map = p.stakeholder_map();
    let network = svg::network(
        &s.i18n
            .fmt("network-title", &[("economy", p.summary.display_name.clone())]),
        &map.nodes,
        &map.edges,
    );
    let grid = svg::power_interest(
        &s.i18n.t("profile-grid"),
        [
            s.i18n.t("grid-satisfied").as_str(),
            &s.i18n.t("grid-manage"),
            &s.i18n.t("grid-monitor"),
            &s.i18n.t("grid-inform"),
            &s.i18n.t("grid-interest"),
            &s.i18n.t("grid-power"),
        ],
        &map.points,
    );
    let series = p
        .series
        .iter()
        .map(|se| {
            let totals: Vec<(String, f64)> = se
                .observations
                .iter()
                .filter(|o| ["citizenship", "sector", "sex"].iter().all(|k| o[*k] == "_T"))
                .map(|o| (text(&o["period"]), o["value"].as_f64().unwrap_or(0.0)))
                .collect();
            let chart = if totals.len() > 1 {
                svg::bars(
                    &format!("{} ({})", se.indicator.label, se.indicator.unit),
                    &se.indicator.unit,
                    &totals,
                )
            } else {
                let by: Vec<(String, f64)> = se
                    .observations
                    .iter()
                    .filter(|o| o["citizenship"] != "_T" || o["sector"] != "_T")
                    .map(|o| {
                        let k = if o["citizenship"] != "_T" {
                            text(&o["citizenship"])
                        } else {
                            text(&o["sector"])
                        };
                        (
                            format!("{k} {}", text(&o["period"])),
                            o["value"].as_f64().unwrap_or(0.0),
                        )
                    })
                    .collect();
                if by.len() > 1 {
                    svg::bars(&se.indicator.label, &se.indicator.unit, &by)
                } else {
                    String::new()
                }
            };
            (se.clone(), chart)
        })
        .collect();
    let order: Vec<&str> = vocab.stages.iter().map(|st| st.code.as_str()).collect();
    let mut practices: Vec<(String, Value)> = p
        .practices
        .iter()
        .map(|x| {
            let code = text(&x["stage"]);
            (vocab.stage(&code).map(|st| st.label.clone()).unwrap_or(code), x.clone())
        })
        .collect();
    practices.sort_by_key(|(_, x)| order.iter().position(|c| *c == text(&x["stage"])).unwrap_or(99));
    let can_edit = auth
        .0
        .as_ref()
        .is_some_and(|a| a.principal.may(Action::Write, Some(&code)));
    render(EconomyPage {
        page: page(&s, &auth),
        p,
        can_edit,
        by_stage,
        relationships,
        network,
        grid,
        series,
        practices,
    })
}

#[derive(Template)]
#[template(path = "origins.html")]
struct Origins<'a> {
    page: Page<'a>,
    countries: Vec<(String, Vec<Value>, Vec<Value>)>,
    frameworks: Vec<Value>,
}

async fn origins(State(s): State<AppState>, auth: MaybeAuth) -> Response {
    let p = auth.reader();
    let f = pathways_app::records::ListFilter::default();
    let data = async {
        let systems = s.app.list(&p, Kind::CooSystem, &f).await?;
        let insts = s.app.list(&p, Kind::Institution, &f).await?;
        let frameworks = s.app.list(&p, Kind::Framework, &f).await?;
        Ok::<_, AppError>((systems, insts, frameworks))
    }
    .await;
    let (systems, insts, frameworks) = match data {
        Ok(d) => d,
        Err(e) => return error_page(&s, &auth, e, "/"),
    };
    let countries = s
        .app
        .vocab()
        .origins
        .iter()
        .map(|code| {
            let of = |v: &[StoredRecord]| {
                v.iter()
                    .filter(|r| r.owner.as_deref() == Some(code))
                    .map(to_api_json)
                    .collect::<Vec<_>>()
            };
            (
                s.app.vocab().owner_name(code).unwrap_or(code).to_string(),
                of(&systems),
                of(&insts),
            )
        })
        .collect();
    render(Origins {
        page: page(&s, &auth),
        countries,
        frameworks: frameworks.iter().map(to_api_json).collect(),
    })
}

// ---- sign-in ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "login.html")]
struct Login<'a> {
    page: Page<'a>,
    pre: String,
    next: String,
    email: String,
    error: Option<String>,
}

/// A page carrying a pre-session CSRF token, set as a cookie and echoed by the form.
fn with_pre(s: &AppState, t: impl Template, pre: &str, status: StatusCode) -> Response {
    let mut r = (status, render(t)).into_response();
    if let Ok(v) = set_cookie(PRE_COOKIE, pre, 3600, s.secure_cookies).parse() {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

async fn login_form(State(s): State<AppState>, auth: MaybeAuth, Query(q): Query<BTreeMap<String, String>>) -> Response {
    let pre = pathways_app::auth::random_token("");
    let next = safe_next(q.get("next").map_or("/", String::as_str));
    let t = Login {
        page: page(&s, &auth),
        pre: pre.clone(),
        next,
        email: String::new(),
        error: None,
    };
    with_pre(&s, t, &pre, StatusCode::OK)
}

#[derive(serde::Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Where to go after sign-in: a same-origin path, or `/`.
///
/// Browsers drop tabs and line breaks anywhere in a URL and read `\` as `/`, so `/\t/evil.example`
/// and `/\\evil.example` are links to another host; control characters would also make the
/// `Location` header invalid. Only a path that starts with one `/` and holds none of those passes.
pub fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next[1..].starts_with(['/', '\\'])
        && !next.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        && next.len() <= 2048;
    if ok { next.to_string() } else { "/".into() }
}

async fn login(
    State(s): State<AppState>,
    auth: MaybeAuth,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let address = addr.ip().to_string();
    let fail = |msg: String, status: StatusCode| {
        let pre = pathways_app::auth::random_token("");
        let t = Login {
            page: page(&s, &MaybeAuth(None)),
            pre: pre.clone(),
            next: f.next.clone(),
            email: f.email.clone(),
            error: Some(msg),
        };
        with_pre(&s, t, &pre, status)
    };
    match s.limiter.attempt(&address, &f.email) {
        Verdict::Allowed => {}
        Verdict::Refused => return fail(s.i18n.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS),
        Verdict::LockedOut(scope) => {
            let scope = match scope {
                LockScope::Address => "from one address across accounts",
                LockScope::Account => "on one account across addresses",
            };
            if let Err(e) = s.app.record_lockout(&f.email, &address, scope).await {
                tracing::error!(error = %e, "could not record a sign-in lockout");
            }
            return fail(s.i18n.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS);
        }
    }
    match s.app.authenticate(&f.email, &f.password).await {
        Ok(p) => {
            s.limiter.succeeded(&address, &f.email);
            // A new session id on every sign-in (no fixation), and the old one ended.
            if let Some(old) = cookie(&headers, SESSION_COOKIE) {
                let _ = s.app.end_session(&old).await;
            }
            let _ = auth;
            match s.app.start_session(&p, SESSION_HOURS).await {
                Ok((sid, _csrf)) => {
                    let mut r = Redirect::to(&safe_next(&f.next)).into_response();
                    if let Ok(v) = set_cookie(SESSION_COOKIE, &sid, SESSION_HOURS * 3600, s.secure_cookies).parse() {
                        r.headers_mut().append(header::SET_COOKIE, v);
                    }
                    if let Ok(v) = set_cookie(PRE_COOKIE, "", 0, s.secure_cookies).parse() {
                        r.headers_mut().append(header::SET_COOKIE, v);
                    }
                    r
                }
                Err(e) => error_page(&s, &MaybeAuth(None), e, "/login"),
            }
        }
        Err(AppError::Unauthenticated) => fail(s.i18n.t("login-failed"), StatusCode::UNAUTHORIZED),
        Err(e) => error_page(&s, &MaybeAuth(None), e, "/login"),
    }
}

async fn logout(State(s): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(sid) = cookie(&headers, SESSION_COOKIE) {
        let _ = s.app.end_session(&sid).await;
    }
    let mut r = Redirect::to("/").into_response();
    if let Ok(v) = set_cookie(SESSION_COOKIE, "", 0, s.secure_cookies).parse() {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

#[derive(Template)]
#[template(path = "setup.html")]
struct Setup<'a> {
    page: Page<'a>,
    pre: String,
    token: String,
    error: Option<String>,
}

async fn setup_form(State(s): State<AppState>, auth: MaybeAuth, Query(q): Query<BTreeMap<String, String>>) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    if !setup_token_ok(&s, &token).await {
        return error_page(&s, &auth, AppError::Forbidden(s.i18n.t("setup-closed")), "/");
    }
    let pre = pathways_app::auth::random_token("");
    with_pre(
        &s,
        Setup {
            page: page(&s, &auth),
            pre: pre.clone(),
            token,
            error: None,
        },
        &pre,
        StatusCode::OK,
    )
}

async fn setup_token_ok(s: &AppState, token: &str) -> bool {
    let guard = s.setup_token.lock().await;
    guard
        .as_deref()
        .is_some_and(|t| !token.is_empty() && subtle::ConstantTimeEq::ct_eq(t.as_bytes(), token.as_bytes()).into())
}

#[derive(serde::Deserialize)]
struct SetupForm {
    token: String,
    email: String,
    password: String,
}

async fn setup(State(s): State<AppState>, auth: MaybeAuth, Form(f): Form<SetupForm>) -> Response {
    let mut guard = s.setup_token.lock().await;
    let ok = guard
        .as_deref()
        .is_some_and(|t| subtle::ConstantTimeEq::ct_eq(t.as_bytes(), f.token.as_bytes()).into());
    if !ok || s.app.user_count().await.unwrap_or(1) > 0 {
        *guard = None;
        return error_page(&s, &auth, AppError::Forbidden(s.i18n.t("setup-closed")), "/");
    }
    let by = pathways_app::auth::system("first-run-setup");
    match s.app.add_user(&by, &f.email, Role::Admin, None, &f.password).await {
        Ok(_) => {
            *guard = None;
            Redirect::to("/login").into_response()
        }
        Err(e) => {
            let pre = pathways_app::auth::random_token("");
            let t = Setup {
                page: page(&s, &auth),
                pre: pre.clone(),
                token: f.token,
                error: Some(e.to_string()),
            };
            with_pre(&s, t, &pre, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

// ---- lists and exports ------------------------------------------------------------------------

/// The columns a list shows for a kind (the first links to the record).
fn list_columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Institution => &["name", "acronym", "kind", "stages"],
        Kind::Relationship => &["kind", "from", "to", "description"],
        Kind::Pathway => &["name", "permit_type", "legal_basis", "validity"],
        Kind::Observation => &["indicator", "period", "citizenship", "sector", "value"],
        Kind::Practice => &["check", "stage", "status", "responsible"],
        Kind::AgencyRegulation => &["scope", "licensing", "authority"],
        Kind::CooSystem => &["name", "purpose", "operator"],
        Kind::Framework => &["name", "category", "content"],
    }
}

/// Coded options for a field, from the vocabulary.
fn options(s: &AppState, kind: Kind, field: &str) -> Option<Vec<(String, String)>> {
    let v = s.app.vocab();
    let codes = |l: &[pathways_app::domain::vocab::Code]| {
        l.iter().map(|c| (c.code.clone(), c.label.clone())).collect::<Vec<_>>()
    };
    let yn = || {
        vec![
            ("yes".to_string(), s.i18n.t("opt-yes")),
            ("no".to_string(), s.i18n.t("opt-no")),
            ("unknown".to_string(), s.i18n.t("opt-unknown")),
        ]
    };
    Some(match (kind, field) {
        (_, "stage" | "stages") => v.stages.iter().map(|st| (st.code.clone(), st.label.clone())).collect(),
        (Kind::Institution, "kind") => codes(&v.institution_kinds),
        (Kind::Relationship, "kind") => codes(&v.relationship_kinds),
        (_, "permit_type") => codes(&v.permit_types),
        (_, "sector") => std::iter::once(("_T".into(), s.i18n.t("opt-total")))
            .chain(codes(&v.sectors))
            .collect(),
        (_, "indicator") => v
            .indicators
            .iter()
            .map(|i| (i.code.clone(), format!("{} ({})", i.label, i.code)))
            .collect(),
        (_, "status") => ["absent", "partial", "complete", "unknown"]
            .iter()
            .map(|x| (x.to_string(), s.i18n.status(x)))
            .collect(),
        (_, "confidence") => ["high", "medium", "low"]
            .iter()
            .map(|x| (x.to_string(), x.to_string()))
            .collect(),
        (_, "mode") => ["digital", "paper", "mixed"]
            .iter()
            .map(|x| (x.to_string(), x.to_string()))
            .collect(),
        (_, "sex") => vec![
            ("_T".into(), s.i18n.t("opt-total")),
            ("M".into(), s.i18n.t("opt-male")),
            ("F".into(), s.i18n.t("opt-female")),
        ],
        (_, "flag") => vec![
            ("p".into(), s.i18n.t("opt-flag-p")),
            ("e".into(), s.i18n.t("opt-flag-e")),
            ("b".into(), s.i18n.t("opt-flag-b")),
        ],
        (_, "category") => pathways_app::domain::entity::FRAMEWORK_CATEGORIES
            .iter()
            .map(|x| (x.to_string(), x.to_string()))
            .collect(),
        (_, "citizenship") => std::iter::once(("_T".into(), s.i18n.t("opt-total")))
            .chain(v.economies.iter().map(|e| (e.code.clone(), e.name.clone())))
            .chain(codes(&v.countries))
            .collect(),
        (
            _,
            "quota" | "lmt_required" | "employer_change" | "public_register" | "worker_fees_banned" | "public_lookup",
        ) => yn(),
        (Kind::Institution, "economy") => v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.name.clone()))
            .chain(codes(&v.countries))
            .collect(),
        (Kind::CooSystem, "economy") => v
            .origins
            .iter()
            .map(|c| (c.clone(), v.owner_name(c).unwrap_or(c).to_string()))
            .collect(),
        (Kind::Observation, "economy") => v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.name.clone()))
            .chain(std::iter::once((
                pathways_app::domain::vocab::REGION.to_string(),
                s.i18n.t("opt-region"),
            )))
            .collect(),
        (_, "economy") => v
            .economies
            .iter()
            .map(|e| (e.code.clone(), e.name.clone()))
            .chain(codes(&v.countries))
            .collect(),
        _ => return None,
    })
}

/// Coded choices of a select: `(code, label)`.
type Options = Vec<(String, String)>;

struct Row {
    id: String,
    owner: String,
    cells: Vec<String>,
    confidence: String,
    date: String,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage<'a> {
    page: Page<'a>,
    title: String,
    plural: String,
    owners: Vec<(String, String)>,
    economy: String,
    filters: Vec<(String, Options, String)>,
    q: String,
    query: String,
    columns: Vec<String>,
    rows: Vec<Row>,
}

async fn list(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let back = format!("/{plural}");
    let kind = match kind_of(&plural) {
        Ok(k) => k,
        Err(e) => return error_page(&s, &auth, e, "/"),
    };
    let f = match list_filter(kind, &params) {
        Ok(f) => f,
        Err(e) => return error_page(&s, &auth, e, &back),
    };
    let records = match s.app.list(&auth.reader(), kind, &f).await {
        Ok(r) => r,
        Err(e) => return error_page(&s, &auth, e, &back),
    };
    let cols = list_columns(kind);
    let rows = records
        .iter()
        .map(|r| Row {
            id: r.id.clone(),
            owner: r.owner.clone().unwrap_or_default(),
            cells: cols.iter().map(|c| text(&r.body[*c])).collect(),
            confidence: text(&r.body["provenance"]["confidence"]),
            date: text(&r.body["provenance"]["date"]),
        })
        .collect();
    let v = s.app.vocab();
    let mut owners: Vec<(String, String)> = v.economies.iter().map(|e| (e.code.clone(), e.name.clone())).collect();
    if matches!(kind, Kind::Institution | Kind::CooSystem | Kind::Relationship) {
        owners.extend(
            v.origins
                .iter()
                .map(|c| (c.clone(), v.owner_name(c).unwrap_or(c).to_string())),
        );
    }
    if kind == Kind::Observation {
        owners.push((pathways_app::domain::vocab::REGION.into(), s.i18n.t("opt-region")));
    }
    let filters = filter_fields(kind)
        .iter()
        .filter_map(|field| {
            let opts = options(&s, kind, field)?;
            Some((field.to_string(), opts, params.get(*field).cloned().unwrap_or_default()))
        })
        .collect();
    let query = serde_urlencoded::to_string(&params).unwrap_or_default();
    render(ListPage {
        page: page(&s, &auth),
        title: s.i18n.t(&format!("kind-{}", kind.as_str())),
        plural,
        owners,
        economy: f.owner.unwrap_or_default(),
        filters,
        q: f.text.unwrap_or_default(),
        query,
        columns: cols.iter().map(|c| c.to_string()).collect(),
        rows,
    })
}

fn download(bytes: Vec<u8>, mime: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The export formats of a list.
#[derive(Clone, Copy)]
enum ExportFormat {
    Csv,
    Xlsx,
    Sdmx,
}

/// A list's records as a download, with the list's filters.
async fn export_list(
    s: &AppState,
    auth: &MaybeAuth,
    plural: &str,
    params: &BTreeMap<String, String>,
    format: ExportFormat,
) -> Response {
    let r = async {
        let kind = kind_of(plural)?;
        let f = list_filter(kind, params)?;
        match format {
            ExportFormat::Csv => s.app.export_csv(&auth.reader(), kind, &f).await,
            ExportFormat::Xlsx => s.app.export_xlsx(&auth.reader(), &[kind], &f).await,
            ExportFormat::Sdmx if kind == Kind::Observation => s.app.export_observations_sdmx(&auth.reader(), &f).await,
            ExportFormat::Sdmx => Err(AppError::NotFound {
                kind: "export".into(),
                id: format!("{plural}/export.sdmx.csv"),
            }),
        }
    }
    .await;
    match (r, format) {
        (Ok(b), ExportFormat::Csv) => download(b, "text/csv; charset=utf-8", &format!("{plural}.csv")),
        (Ok(b), ExportFormat::Xlsx) => download(b, XLSX, &format!("{plural}.xlsx")),
        (Ok(b), ExportFormat::Sdmx) => download(b, "text/csv; charset=utf-8", &format!("{plural}.sdmx.csv")),
        (Err(e), _) => error_page(s, auth, e, &format!("/{plural}")),
    }
}

async fn export_csv(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    export_list(&s, &auth, &plural, &q, ExportFormat::Csv).await
}

async fn export_xlsx(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    export_list(&s, &auth, &plural, &q, ExportFormat::Xlsx).await
}

async fn export_sdmx(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    export_list(&s, &auth, &plural, &q, ExportFormat::Sdmx).await
}

async fn export_all(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let f = pathways_app::records::ListFilter {
        owner: params.get("economy").map(|e| e.to_ascii_uppercase()),
        ..Default::default()
    };
    match s.app.export_xlsx(&auth.reader(), &Kind::ALL, &f).await {
        Ok(b) => download(b, XLSX, "pathways.xlsx"),
        Err(e) => error_page(&s, &auth, e, "/import"),
    }
}

async fn export_kumu(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let owner = params.get("economy").map(|e| e.to_ascii_uppercase());
    match s.app.export_kumu(&auth.reader(), owner.as_deref()).await {
        Ok(b) => download(b, XLSX, "stakeholders.xlsx"),
        Err(e) => error_page(&s, &auth, e, "/import"),
    }
}

// ---- records ----------------------------------------------------------------------------------

struct HistoryRow {
    at: String,
    who: String,
    action: String,
    version: i64,
    changes: Vec<(String, String, String)>,
    note: Option<String>,
}

/// Flattens a body to `field → text` (provenance fields prefixed), for diffs.
fn flat(v: &Option<Value>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(Value::Object(m)) = v {
        for (k, x) in m {
            if let Value::Object(inner) = x {
                for (k2, y) in inner {
                    out.insert(format!("{k}.{k2}"), text(y));
                }
            } else {
                out.insert(k.clone(), text(x));
            }
        }
    }
    out
}

fn changes(before: &Option<Value>, after: &Option<Value>) -> Vec<(String, String, String)> {
    let (b, a) = (flat(before), flat(after));
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (
                b.get(k).cloned().unwrap_or_default(),
                a.get(k).cloned().unwrap_or_default(),
            );
            (x != y).then(|| (k.clone(), x, y))
        })
        .collect()
}

fn history_rows(h: Vec<AuditEntry>) -> Vec<HistoryRow> {
    h.into_iter()
        .map(|e| {
            let ch = if e.action == "create" {
                vec![]
            } else {
                changes(&e.before, &e.after)
            };
            HistoryRow {
                at: e.at,
                who: e.actor_email,
                action: e.action,
                version: e.version.unwrap_or(0),
                changes: ch,
                note: e.note,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage<'a> {
    page: Page<'a>,
    plural: String,
    kind_title: String,
    id: String,
    label: String,
    owner: Option<String>,
    fields: Vec<(String, String)>,
    version: i64,
    updated_at: String,
    can_edit: bool,
    history: Vec<HistoryRow>,
    error: Option<String>,
}

async fn record(State(s): State<AppState>, auth: MaybeAuth, Path((plural, id)): Path<(String, String)>) -> Response {
    let back = format!("/{plural}");
    let r = async {
        let kind = kind_of(&plural)?;
        let rec = s.app.get(&auth.reader(), kind, &id).await?;
        let history = match &auth.0 {
            Some(a) => s.app.history(&a.principal, kind, &id).await?,
            None => vec![],
        };
        Ok::<_, AppError>((kind, rec, history))
    }
    .await;
    let (kind, rec, history) = match r {
        Ok(x) => x,
        Err(e) => return error_page(&s, &auth, e, &back),
    };
    let domain = Record::from_json(kind, rec.body.clone()).ok();
    let fields = match &domain {
        Some(d) => columns_of(kind)
            .iter()
            .zip(to_row(&rec.id, d))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        None => vec![],
    };
    let can_edit = auth
        .0
        .as_ref()
        .is_some_and(|a| a.principal.may(Action::Write, rec.owner.as_deref()));
    render(RecordPage {
        page: page(&s, &auth),
        kind_title: s.i18n.t(&format!("kind-{}", kind.as_str())),
        plural,
        label: domain.map(|d| d.label()).unwrap_or_else(|| rec.id.clone()),
        owner: rec.owner.clone(),
        id: rec.id.clone(),
        fields,
        version: rec.version,
        updated_at: rec.updated_at.clone(),
        can_edit,
        history: history_rows(history),
        error: None,
    })
}

enum Input {
    Text,
    Area,
    Number,
    Select(Vec<(String, String)>),
}

struct Field {
    name: String,
    label: String,
    input: Input,
    value: String,
    required: bool,
    hint: String,
}

struct ConflictView {
    message: String,
    changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "edit.html")]
struct EditPage<'a> {
    page: Page<'a>,
    title: String,
    action: String,
    version: i64,
    fields: Vec<Field>,
    problems: Vec<String>,
    conflict: Option<ConflictView>,
}

const REQUIRED: [&str; 14] = [
    "economy",
    "kind",
    "name",
    "mandate",
    "power",
    "interest",
    "from",
    "to",
    "permit_type",
    "legal_basis",
    "indicator",
    "period",
    "value",
    "check",
];

fn form_fields(
    s: &AppState,
    kind: Kind,
    values: &BTreeMap<String, String>,
    institutions: &[(String, String)],
) -> Vec<Field> {
    columns_of(kind)
        .iter()
        .filter(|c| **c != "id")
        .map(|c| {
            let name = c.to_string();
            let input = if matches!(
                *c,
                "from" | "to" | "responsible" | "issuing_institution" | "authority" | "operator"
            ) {
                Input::Select(institutions.to_vec())
            } else if *c == "stages" {
                Input::Text
            } else if let Some(o) = options(s, kind, c) {
                Input::Select(o)
            } else if matches!(*c, "power" | "interest" | "value") {
                Input::Number
            } else if matches!(
                *c,
                "mandate"
                    | "notes"
                    | "note"
                    | "description"
                    | "content"
                    | "purpose"
                    | "wb6_relevance"
                    | "licensing"
                    | "source"
                    | "looked_in"
                    | "legal_basis"
            ) {
                Input::Area
            } else {
                Input::Text
            };
            let required = REQUIRED.contains(c)
                || matches!(*c, "source" | "source_date" | "confidence")
                || (kind == Kind::Practice && matches!(*c, "stage" | "status"))
                || (kind == Kind::AgencyRegulation && matches!(*c, "scope" | "licensing"))
                || (kind == Kind::CooSystem && matches!(*c, "purpose" | "wb6_relevance"));
            let hint = match *c {
                "stages" => s.i18n.t("hint-stages"),
                "source_date" => s.i18n.t("hint-date"),
                "period" => s.i18n.t("hint-period"),
                "looked_in" => s.i18n.t("hint-looked-in"),
                "power" | "interest" => s.i18n.t("hint-scale"),
                _ => String::new(),
            };
            Field {
                label: s.i18n.t(&format!("field-{c}")),
                value: values.get(&name).cloned().unwrap_or_default(),
                name,
                input,
                required,
                hint,
            }
        })
        .collect()
}

async fn institution_options(s: &AppState, p: &Principal) -> Vec<(String, String)> {
    let f = pathways_app::records::ListFilter::default();
    s.app
        .list(p, Kind::Institution, &f)
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                format!("{} – {}", r.owner.clone().unwrap_or_default(), text(&r.body["name"])),
            )
        })
        .collect()
}

fn values_of(kind: Kind, rec: &StoredRecord) -> BTreeMap<String, String> {
    match Record::from_json(kind, rec.body.clone()) {
        Ok(d) => columns_of(kind)
            .iter()
            .map(|c| c.to_string())
            .zip(to_row(&rec.id, &d))
            .collect(),
        Err(_) => BTreeMap::new(),
    }
}

async fn new_form(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    let mauth = MaybeAuth(Some(auth.clone()));
    let kind = match kind_of(&plural) {
        Ok(k) => k,
        Err(e) => return error_page(&s, &mauth, e, "/"),
    };
    // A form nobody could save is not offered: viewers change nothing.
    if !auth.principal.may(Action::Write, auth.principal.economy.as_deref()) {
        return error_page(
            &s,
            &mauth,
            AppError::Forbidden("viewers cannot make changes".into()),
            &format!("/{plural}"),
        );
    }
    let mut values = BTreeMap::new();
    let economy = q
        .get("economy")
        .cloned()
        .or(auth.principal.economy.clone())
        .unwrap_or_default();
    values.insert("economy".to_string(), economy);
    let insts = institution_options(&s, &auth.principal).await;
    render(EditPage {
        page: page(&s, &mauth),
        title: s
            .i18n
            .fmt("new-title", &[("kind", s.i18n.t(&format!("kind-{}", kind.as_str())))]),
        action: format!("/{plural}/new"),
        version: 0,
        fields: form_fields(&s, kind, &values, &insts),
        problems: vec![],
        conflict: None,
    })
}

fn submitted(form: &[(String, String)]) -> (Vec<(String, String)>, i64) {
    let version = form
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let fields = form
        .iter()
        .filter(|(k, _)| k != "csrf_token" && k != "version")
        .cloned()
        .collect();
    (fields, version)
}

async fn create(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(plural): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let mauth = MaybeAuth(Some(auth.clone()));
    let kind = match kind_of(&plural) {
        Ok(k) => k,
        Err(e) => return error_page(&s, &mauth, e, "/"),
    };
    let (mut fields, _) = submitted(&form);
    fields.push(("id".into(), String::new()));
    let result = match from_fields(kind, &fields) {
        Ok(rec) => s.app.create(&auth.principal, kind, rec.to_json()).await,
        Err(ps) => Err(AppError::Invalid(ps)),
    };
    match result {
        Ok(r) => Redirect::to(&format!("/{plural}/{}", r.id)).into_response(),
        Err(AppError::Invalid(ps)) => {
            let values: BTreeMap<String, String> = fields.into_iter().collect();
            let insts = institution_options(&s, &auth.principal).await;
            let t = EditPage {
                page: page(&s, &mauth),
                title: s
                    .i18n
                    .fmt("new-title", &[("kind", s.i18n.t(&format!("kind-{}", kind.as_str())))]),
                action: format!("/{plural}/new"),
                version: 0,
                fields: form_fields(&s, kind, &values, &insts),
                problems: ps.iter().map(ToString::to_string).collect(),
                conflict: None,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(t)).into_response()
        }
        Err(e) => error_page(&s, &mauth, e, &format!("/{plural}")),
    }
}

async fn edit_form(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((plural, id)): Path<(String, String)>,
) -> Response {
    let mauth = MaybeAuth(Some(auth.clone()));
    let back = format!("/{plural}/{id}");
    let r = async {
        let kind = kind_of(&plural)?;
        let rec = s.app.get(&auth.principal, kind, &id).await?;
        if !auth.principal.may(Action::Write, rec.owner.as_deref()) {
            return Err(AppError::Forbidden(
                s.i18n
                    .fmt("forbidden-edit", &[("owner", rec.owner.clone().unwrap_or_default())]),
            ));
        }
        Ok((kind, rec))
    }
    .await;
    let (kind, rec) = match r {
        Ok(x) => x,
        Err(e) => return error_page(&s, &mauth, e, &back),
    };
    let insts = institution_options(&s, &auth.principal).await;
    render(EditPage {
        page: page(&s, &mauth),
        title: s.i18n.fmt(
            "edit-title",
            &[(
                "label",
                Record::from_json(kind, rec.body.clone())
                    .map(|d| d.label())
                    .unwrap_or_default(),
            )],
        ),
        action: format!("/{plural}/{id}/edit"),
        version: rec.version,
        fields: form_fields(&s, kind, &values_of(kind, &rec), &insts),
        problems: vec![],
        conflict: None,
    })
}

async fn save(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((plural, id)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let mauth = MaybeAuth(Some(auth.clone()));
    let back = format!("/{plural}/{id}");
    let kind = match kind_of(&plural) {
        Ok(k) => k,
        Err(e) => return error_page(&s, &mauth, e, "/"),
    };
    let (mut fields, version) = submitted(&form);
    fields.push(("id".into(), id.clone()));
    let result = match from_fields(kind, &fields) {
        Ok(rec) => {
            let mut patch = rec.to_json();
            // Fields left empty in the form clear the stored value.
            if let (Ok(current), Value::Object(p)) = (s.app.get(&auth.principal, kind, &id).await, &mut patch) {
                if let Value::Object(c) = &current.body {
                    for k in c.keys() {
                        p.entry(k.clone()).or_insert(Value::Null);
                    }
                }
                p.insert("version".into(), Value::from(version));
            }
            s.app.update(&auth.principal, kind, &id, patch).await
        }
        Err(ps) => Err(AppError::Invalid(ps)),
    };
    let values: BTreeMap<String, String> = fields.iter().cloned().collect();
    let insts = institution_options(&s, &auth.principal).await;
    let title = s.i18n.fmt("edit-title", &[("label", id.clone())]);
    match result {
        Ok(_) => Redirect::to(&format!("{back}#history")).into_response(),
        Err(AppError::Invalid(ps)) => {
            let t = EditPage {
                page: page(&s, &mauth),
                title,
                action: format!("{back}/edit"),
                version,
                fields: form_fields(&s, kind, &values, &insts),
                problems: ps.iter().map(ToString::to_string).collect(),
                conflict: None,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(t)).into_response()
        }
        Err(e @ AppError::Conflict { .. }) => {
            let message = e.to_string();
            let AppError::Conflict { current, .. } = e else {
                return error_page(&s, &mauth, AppError::Internal("conflict".into()), &back);
            };
            let theirs = values_of(kind, &current);
            let diff = theirs
                .iter()
                .filter(|(k, v)| values.get(*k).is_some_and(|y| y != *v))
                .map(|(k, v)| (k.clone(), v.clone(), values.get(k).cloned().unwrap_or_default()))
                .collect();
            // The form keeps what the user typed and now carries the current version, so saving
            // again is a deliberate overwrite after seeing the other change.
            let t = EditPage {
                page: page(&s, &mauth),
                title,
                action: format!("{back}/edit"),
                version: current.version,
                fields: form_fields(&s, kind, &values, &insts),
                problems: vec![],
                conflict: Some(ConflictView { message, changes: diff }),
            };
            (StatusCode::CONFLICT, render(t)).into_response()
        }
        Err(e) => error_page(&s, &mauth, e, &back),
    }
}

async fn delete(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((plural, id)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let mauth = MaybeAuth(Some(auth.clone()));
    let (_, version) = submitted(&form);
    let r = async {
        let kind = kind_of(&plural)?;
        s.app.delete(&auth.principal, kind, &id, version).await
    }
    .await;
    match r {
        Ok(()) => Redirect::to(&format!("/{plural}")).into_response(),
        Err(e) => error_page(&s, &mauth, e, &format!("/{plural}/{id}")),
    }
}

// ---- audit, import ----------------------------------------------------------------------------

struct AuditRow {
    seq: i64,
    at: String,
    actor_email: String,
    action: String,
    entity: String,
    link: Option<String>,
    owner: String,
    note: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: Page<'a>,
    entries: Vec<AuditRow>,
    economy: String,
    actor: String,
    entity_id: String,
    older: Option<i64>,
    query: String,
}

async fn audit(
    State(s): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let mauth = MaybeAuth(Some(auth.clone()));
    let get = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
    let q = AuditQuery {
        entity_id: get("entity_id"),
        entity_kind: None,
        owner: get("economy").map(|e| e.to_ascii_uppercase()),
        actor_email: get("actor"),
        before_seq: get("before").and_then(|b| b.parse().ok()),
        limit: 100,
    };
    match s.app.audit(&auth.principal, &q).await {
        Ok(entries) => {
            let older = (entries.len() == 100).then(|| entries.last().map(|e| e.seq)).flatten();
            let rows = entries
                .into_iter()
                .map(|e| AuditRow {
                    link: match (&e.entity_kind, &e.entity_id) {
                        (Some(k), Some(id)) => Kind::parse(k).map(|k| format!("/{}/{id}", k.plural())),
                        _ => None,
                    },
                    entity: format!(
                        "{} {}",
                        e.entity_kind.unwrap_or_default(),
                        e.entity_id.unwrap_or_default()
                    ),
                    seq: e.seq,
                    at: e.at,
                    actor_email: e.actor_email,
                    action: e.action,
                    owner: e.owner.unwrap_or_default(),
                    note: e.note.unwrap_or_default(),
                })
                .collect();
            let mut rest = params.clone();
            rest.remove("before");
            render(AuditPage {
                page: page(&s, &mauth),
                entries: rows,
                economy: q.owner.unwrap_or_default(),
                actor: q.actor_email.unwrap_or_default(),
                entity_id: q.entity_id.unwrap_or_default(),
                older,
                query: serde_urlencoded::to_string(&rest).unwrap_or_default(),
            })
        }
        Err(e) => error_page(&s, &mauth, e, "/"),
    }
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage<'a> {
    page: Page<'a>,
    result: Option<String>,
    problems: Vec<String>,
}

async fn import_page(State(s): State<AppState>, SignedIn(auth): SignedIn) -> Response {
    if let Err(e) = pathways_app::exchange::may_import(&auth.principal) {
        return error_page(&s, &MaybeAuth(Some(auth)), e, "/");
    }
    render(ImportPage {
        page: page(&s, &MaybeAuth(Some(auth))),
        result: None,
        problems: vec![],
    })
}

pub(crate) async fn upload(mut m: Multipart) -> Result<(String, Vec<u8>), AppError> {
    while let Ok(Some(field)) = m.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("upload").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::invalid("file", e.to_string()))?;
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(AppError::invalid("file", "no file was uploaded"))
}

async fn import_result(
    s: &AppState,
    auth: Auth,
    r: Result<pathways_app::exchange::ImportReport, AppError>,
) -> Response {
    let mauth = MaybeAuth(Some(auth));
    match r {
        Ok(rep) => {
            let msg = s.i18n.fmt(
                "import-done",
                &[
                    ("created", rep.created.to_string()),
                    ("updated", rep.updated.to_string()),
                    ("unchanged", rep.unchanged.to_string()),
                ],
            );
            render(ImportPage {
                page: page(s, &mauth),
                result: Some(msg),
                problems: vec![],
            })
        }
        Err(AppError::Invalid(ps)) => {
            let t = ImportPage {
                page: page(s, &mauth),
                result: None,
                problems: ps.iter().map(ToString::to_string).collect(),
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(t)).into_response()
        }
        Err(e) => error_page(s, &mauth, e, "/import"),
    }
}

async fn import_observations(State(s): State<AppState>, SignedIn(auth): SignedIn, m: Multipart) -> Response {
    if let Err(e) = pathways_app::exchange::may_import(&auth.principal) {
        return error_page(&s, &MaybeAuth(Some(auth)), e, "/import");
    }
    let r = match upload(m).await {
        Ok((name, bytes)) => s.app.import_observations(&auth.principal, &name, &bytes).await,
        Err(e) => Err(e),
    };
    import_result(&s, auth, r).await
}

async fn import_stakeholders(State(s): State<AppState>, SignedIn(auth): SignedIn, m: Multipart) -> Response {
    if let Err(e) = pathways_app::exchange::may_import(&auth.principal) {
        return error_page(&s, &MaybeAuth(Some(auth)), e, "/import");
    }
    let r = match upload(m).await {
        Ok((name, bytes)) => s.app.import_kumu(&auth.principal, &name, &bytes).await,
        Err(e) => Err(e),
    };
    import_result(&s, auth, r).await
}

// ---- assets -----------------------------------------------------------------------------------

#[derive(rust_embed::RustEmbed)]
#[folder = "static/"]
struct Assets;

async fn asset(Path(file): Path<String>) -> Response {
    match Assets::get(&file) {
        Some(f) => {
            let mime = mime_guess::from_path(&file).first_or_octet_stream().to_string();
            // File names carry versions where they change, so they can be cached for long.
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
                ],
                f.data.into_owned(),
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

async fn api_docs() -> Response {
    Html(include_str!("../static/swagger.html")).into_response()
}
