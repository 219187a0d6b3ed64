//! What every server-rendered page shares: the page context (who is signed in, the CSRF token, the
//! messages), rendering, the error page, form and upload helpers, the `SignedIn` extractor and
//! downloads. Features build their pages on this module; it knows no feature.

use askama::Template;
use axum::extract::Multipart;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pathways_app::AppError;
use pathways_app::domain::{Action, Principal};
use serde_json::Value;

use crate::AppState;
use crate::auth::{Auth, MaybeAuth};
use crate::i18n::Messages;
use crate::svg;

// ---- filters and page context -------------------------------------------------------------------

pub mod assets;
pub mod cache;
pub mod error;

pub(crate) use error::{OrBack, UiResult, fail};

pub(crate) mod filters {
    use askama::filters::Safe;
    use serde_json::Value;

    /// A JSON value as display text (`null` → empty).
    #[askama::filter_fn]
    pub fn s(v: &Value, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::text(v))
    }

    #[askama::filter_fn]
    pub fn num(v: &Value, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(v.as_f64().map(crate::i18n::number).unwrap_or_default())
    }

    #[askama::filter_fn]
    pub fn numf(v: &f64, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(crate::i18n::number(*v))
    }

    /// Escapes text and shows the identifiers it cites (a dataset code such as Eurostat's
    /// `migr_resfirst`) as code, since a reader must find them exactly as written.
    #[askama::filter_fn]
    pub fn identifiers(v: impl ToString, _: &dyn askama::Values) -> askama::Result<Safe<String>> {
        let text = v.to_string();
        let words: Vec<String> = text
            .split(' ')
            .map(|w| {
                let core = w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
                if core.contains('_')
                    && core
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    crate::svg::esc(w).replace(core, &format!("<code>{core}</code>"))
                } else {
                    crate::svg::esc(w)
                }
            })
            .collect();
        Ok(Safe(words.join(" ")))
    }

    /// Escapes text and turns http(s) URLs into links.
    #[askama::filter_fn]
    pub fn linkify(v: impl ToString, _: &dyn askama::Values) -> askama::Result<Safe<String>> {
        Ok(Safe(super::linkify(&v.to_string())))
    }
}

/// A JSON value as a reader sees it: booleans as the locale's yes/no, numbers in its writing, lists
/// joined.
pub fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => {
            let key = if *b { "opt-yes" } else { "opt-no" };
            crate::i18n::global().map_or_else(|| key.trim_start_matches("opt-").to_string(), |m| m.t(key))
        }
        Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join("; "),
        Value::Number(n) => n.as_f64().map(crate::i18n::number).unwrap_or_else(|| n.to_string()),
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

/// A stored RFC 3339 time as people of the page's language read it: `6 Dec 2026, 13:08 UTC`
/// (to the minute; the stored value keeps the nanoseconds for ordering).
pub(crate) fn when(t: &str) -> String {
    crate::i18n::timestamp(t)
}

impl Messages {
    /// The words for a code of a vocabulary: the message `VOCAB-CODE`.
    pub fn code(&self, vocab: &str, code: &str) -> String {
        self.t(&format!("{vocab}-{code}"))
    }

    /// A reporting period in words: `2023`, `January 2026`, `January–June 2025`, `February
    /// 2024 – January 2025`; text that is no period is shown as it is.
    pub fn period(&self, s: &str) -> String {
        pathways_app::domain::period::period_in_words(s, |m| self.t(&format!("month-{m}")))
    }

    /// A source's confidence (`high`, `medium`, `low`) in words.
    pub fn confidence(&self, v: &Value) -> String {
        match v.as_str() {
            Some(c) if !c.is_empty() => self.t(&format!("conf-{c}")),
            _ => String::new(),
        }
    }

    /// An indicator's unit (`permits`) and measure (`flow`) in words.
    pub fn unit(&self, unit: &str) -> String {
        self.t(&format!("unit-{unit}"))
    }

    pub fn measure(&self, measure: &str) -> String {
        self.t(&format!("measure-{measure}"))
    }

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
    /// The path of the page being shown, to mark the menu entry the user is in.
    pub path: String,
    pub me: Option<Principal>,
    pub csrf: String,
    pub signed_in: bool,
    pub can_audit: bool,
    pub can_manage_users: bool,
    /// Whether the user may change any data (not a viewer): the Import and New entries.
    pub can_write: bool,
    /// Unread notifications (the menu's badge).
    pub unread: i64,
    pub role_label: String,
    pub flash: Option<String>,
    /// The language the page is written in (`<html lang>`, the switcher's current entry).
    pub locale: crate::i18n::Locale,
    /// Whether the page's language is a translation not yet reviewed (a discreet note says so).
    pub draft: bool,
}

impl Page<'_> {
    /// Whether the menu entry `href` is where the user is: the page itself or one below it.
    pub fn current(&self, href: &str) -> bool {
        match href {
            "/" => self.path == "/",
            _ => self.path == href || self.path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')),
        }
    }

    /// The languages the switcher offers, each with its own name and whether it is the page's.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        crate::i18n::Locale::ALL
            .iter()
            .map(|l| (l.tag(), l.native_name(), *l == self.locale))
            .collect()
    }

    /// This page's address with another language: what a visitor's switcher links to.
    pub fn with_lang(&self, tag: &str) -> String {
        format!("{}?lang={tag}", if self.path.is_empty() { "/" } else { &self.path })
    }

    /// Whether the user is in any of the entries of a menu group.
    pub fn within(&self, hrefs: &[&str]) -> bool {
        hrefs.iter().any(|h| self.current(h))
    }
}

tokio::task_local! {
    /// The request's path, for the page context (set by [`remember_path`] around each request).
    static CURRENT_PATH: String;
}

/// Keeps the request's path for the page being rendered, so that every page can mark where the
/// user is in the menu without each handler passing it along.
pub(crate) async fn remember_path(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path().to_string();
    CURRENT_PATH.scope(path, next.run(req)).await
}

pub(crate) fn page<'a>(s: &'a AppState, auth: &MaybeAuth) -> Page<'a> {
    let me = auth.0.as_ref().map(|a| a.principal.clone());
    Page {
        tr: &s.i18n,
        path: CURRENT_PATH.try_with(Clone::clone).unwrap_or_default(),
        signed_in: me.is_some(),
        can_audit: me.as_ref().is_some_and(|p| p.may(Action::ReadAudit, None)),
        can_manage_users: me.as_ref().is_some_and(|p| p.may(Action::ManageUsers, None)),
        can_write: me
            .as_ref()
            .is_some_and(|p| p.role != pathways_app::domain::Role::Viewer),
        unread: auth.0.as_ref().map_or(0, |a| a.unread),
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
        locale: crate::i18n::current(),
        draft: s.i18n.is_draft(),
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
#[template(path = "ui/error.html")]
struct ErrorPage<'a> {
    page: Page<'a>,
    title: String,
    message: String,
    problems: Vec<String>,
    back: String,
}

/// The error page for `e`, with a link back to `back`; the status is the one the API gives.
pub(crate) fn error_page(s: &AppState, auth: &MaybeAuth, e: &AppError, back: &str) -> Response {
    if matches!(e, AppError::Unauthenticated) {
        return Redirect::to(&format!("/login?next={}", urlencode(back))).into_response();
    }
    let status = crate::error::status(e);
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!(error = %e, "internal error");
    }
    let problems = match e {
        AppError::Invalid(ps) => ps.iter().map(crate::i18n::problem).collect(),
        _ => vec![],
    };
    let title = s.i18n.t(&format!("error-{}", e.code()));
    let message = if problems.is_empty() {
        crate::error::public_message(e, &s.i18n)
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

/// The six economies as (code, name) choices of a form, in the vocabulary's order.
pub(crate) fn economy_choices(s: &AppState) -> Vec<(String, String)> {
    s.vocab()
        .economies
        .iter()
        .map(|e| (e.code.clone(), e.display_name.clone()))
        .collect()
}

/// The countries of the vocabulary as choices (code and name), in the reader's alphabetical order.
pub(crate) fn country_choices(s: &AppState) -> Vec<(String, String)> {
    let mut c: Vec<(String, String)> = s
        .vocab()
        .countries
        .iter()
        .map(|c| (c.code.clone(), c.label.clone()))
        .collect();
    s.i18n.formats().sort_by_text(&mut c, |(_, name)| name);
    c
}

/// A country's name in the vocabulary (its code when unknown).
pub(crate) fn country_name(s: &AppState, code: &str) -> String {
    pathways_app::domain::vocab::Vocabulary::label(&s.vocab().countries, code).to_string()
}

/// A code's label in the interface language (`prefix-code`, underscores as hyphens).
pub(crate) fn label(s: &AppState, prefix: &str, code: &str) -> String {
    s.i18n.t(&format!("{prefix}-{}", code.replace('_', "-")))
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

pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The body a file upload may have: the largest file kept and the multipart form around it, a
/// little over, so that the use case (not the transport) refuses a larger file with its message.
pub(crate) const UPLOAD_LIMIT: usize = pathways_app::upload::MAX_FILE + 2 * 1024 * 1024;

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
    Err(AppError::invalid(
        "file",
        pathways_app::domain::wording::say("no-file-uploaded", &[]),
    ))
}
/// A file download. Never rendered by the browser as a page of ours: an attachment, not sniffed,
/// and sandboxed should a browser open it anyway.
pub(crate) fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> Response {
    let name: String = name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\'))
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
        ],
        bytes,
    )
        .into_response()
}
