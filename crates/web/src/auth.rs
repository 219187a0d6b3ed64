//! Who is calling, and whether a state-changing request is genuine.
//!
//! Callers authenticate with a personal API token (`Authorization: Bearer …`) or a session
//! cookie. Requests carried by a cookie that change state must also carry the session's CSRF
//! token (header `X-CSRF-Token` for htmx, hidden field `csrf_token` for plain forms) and, when the
//! browser sends one, an `Origin` matching the host. Before sign-in the same check runs against a
//! short-lived double-submit cookie, so the login form cannot be posted from another site.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pathways_app::AppError;
use pathways_app::domain::{Principal, Role};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::error::ApiError;

pub const SESSION_COOKIE: &str = "pathways_session";
pub const PRE_COOKIE: &str = "pathways_pre";
pub const SESSION_HOURS: i64 = 12;

/// A fixed-window limiter for sign-in attempts. Three are used together (see [`SignInLimits`]):
/// one key per address and e-mail, one per address across accounts (password spraying from one
/// client), one per account across addresses (guessing one password from many clients).
pub struct Limiter {
    max: u32,
    window: Duration,
    hits: std::sync::Mutex<HashMap<String, (u32, Instant)>>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Limiter {
        Limiter {
            max,
            window,
            hits: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt and returns the key's attempts in the current window (`u32::MAX` when
    /// the count cannot be kept, which refuses).
    pub fn hit(&self, key: &str) -> u32 {
        let Ok(mut hits) = self.hits.lock() else {
            return u32::MAX;
        };
        let now = Instant::now();
        hits.retain(|_, (_, start)| now.duration_since(*start) < self.window);
        let e = hits.entry(key.to_string()).or_insert((0, now));
        e.0 = e.0.saturating_add(1);
        e.0
    }

    pub fn max(&self) -> u32 {
        self.max
    }

    pub fn reset(&self, key: &str) {
        if let Ok(mut hits) = self.hits.lock() {
            hits.remove(key);
        }
    }
}

/// The sign-in limits: per address and account, per address across accounts, per account across
/// addresses.
pub struct SignInLimits {
    pair: Limiter,
    address: Limiter,
    account: Limiter,
}

/// What the limits say of one more sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Refused; the budget was already spent before this attempt.
    Refused,
    /// Refused, and this attempt is the one that spent a budget across accounts or addresses:
    /// the lockout is worth a line in the audit log (once per window).
    LockedOut(LockScope),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockScope {
    /// Too many attempts from one address across accounts.
    Address,
    /// Too many attempts on one account across addresses.
    Account,
}

impl SignInLimits {
    pub fn new() -> SignInLimits {
        SignInLimits {
            pair: Limiter::new(10, Duration::from_secs(300)),
            address: Limiter::new(30, Duration::from_secs(900)),
            account: Limiter::new(20, Duration::from_secs(900)),
        }
    }

    pub fn attempt(&self, address: &str, email: &str) -> Verdict {
        let email = email.trim().to_ascii_lowercase();
        let pair = self.pair.hit(&format!("{address}|{email}"));
        let by_address = self.address.hit(address);
        let by_account = self.account.hit(&email);
        if by_address == self.address.max().saturating_add(1) {
            Verdict::LockedOut(LockScope::Address)
        } else if by_account == self.account.max().saturating_add(1) {
            Verdict::LockedOut(LockScope::Account)
        } else if pair > self.pair.max() || by_address > self.address.max() || by_account > self.account.max() {
            Verdict::Refused
        } else {
            Verdict::Allowed
        }
    }

    /// After a successful sign-in, that address's failures on that account are forgiven (the
    /// budgets across accounts and addresses are not: they are what spraying spends).
    pub fn succeeded(&self, address: &str, email: &str) {
        self.pair
            .reset(&format!("{address}|{}", email.trim().to_ascii_lowercase()));
    }
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits::new()
    }
}

pub use crate::cookies::{cookie, set_cookie};

fn bearer(headers: &axum::http::HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Auth {
    pub principal: Principal,
    /// The session's CSRF token, for forms; `None` for token-authenticated calls.
    pub csrf: Option<String>,
    /// Unread notifications, for the menu's badge (browser sessions only).
    pub unread: i64,
}

/// The caller, if any: signed-in users and anonymous readers alike.
#[derive(Debug, Clone)]
pub struct MaybeAuth(pub Option<Auth>);

impl MaybeAuth {
    /// The principal for read-only use cases; anonymous readers read as viewers.
    pub fn reader(&self) -> Principal {
        self.0
            .as_ref()
            .map(|a| a.principal.clone())
            .unwrap_or_else(|| Principal {
                user_id: "anonymous".into(),
                email: "anonymous".into(),
                role: Role::Viewer,
                economy: None,
            })
    }
}

async fn resolve(parts: &Parts, state: &AppState) -> Result<Option<Auth>, AppError> {
    resolve_headers(&parts.headers, state).await
}

/// The caller a request's headers name; anyone whose credentials cannot be read is anonymous.
pub async fn caller(state: &AppState, headers: &axum::http::HeaderMap) -> MaybeAuth {
    MaybeAuth(resolve_headers(headers, state).await.ok().flatten())
}

async fn resolve_headers(headers: &axum::http::HeaderMap, state: &AppState) -> Result<Option<Auth>, AppError> {
    if let Some(token) = bearer(headers) {
        let principal = state.app.principal_for_token(&token).await?;
        return Ok(Some(Auth {
            principal,
            csrf: None,
            unread: 0,
        }));
    }
    if let Some(sid) = cookie(headers, SESSION_COOKIE) {
        return match state.app.session(&sid).await {
            Ok((principal, csrf)) => {
                let unread = state.app.unread_notifications(&principal).await.unwrap_or(0);
                Ok(Some(Auth {
                    principal,
                    csrf: Some(csrf),
                    unread,
                }))
            }
            Err(AppError::Unauthenticated) => Ok(None),
            Err(e) => Err(e),
        };
    }
    Ok(None)
}

impl FromRequestParts<AppState> for MaybeAuth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(a) = parts.extensions.get::<MaybeAuth>() {
            return Ok(a.clone());
        }
        Ok(MaybeAuth(resolve(parts, state).await?))
    }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match MaybeAuth::from_request_parts(parts, state).await?.0 {
            Some(a) => Ok(a),
            None => Err(ApiError(AppError::Unauthenticated)),
        }
    }
}

fn same_origin(headers: &axum::http::HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin.split_once("://").is_some_and(|(_, h)| h == host)
}

fn eq(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

fn refuse(msg: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::Json(serde_json::json!({"error": {"code": "csrf", "message": msg}})),
    )
        .into_response()
}

/// The `csrf_token` field of a URL-encoded or multipart form body. A multipart form is read only
/// up to that field's value; the files in it are not parsed here.
async fn token_in_body(content_type: &str, bytes: &bytes::Bytes) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
            .ok()?
            .into_iter()
            .find_map(|(k, v)| (k == "csrf_token").then_some(v));
    }
    let boundary = multer::parse_boundary(content_type).ok()?;
    let body = bytes.clone();
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::with_constraints(
        stream,
        boundary,
        multer::Constraints::new().size_limit(multer::SizeLimit::new().per_field(BODY_LIMIT as u64)),
    );
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("csrf_token") {
            let text = field.text().await.ok()?;
            return (text.len() <= 256).then_some(text);
        }
    }
    None
}

/// The largest body a form or import may have.
pub const BODY_LIMIT: usize = 20 * 1024 * 1024;

/// Refuses cookie-carried state changes without a valid CSRF token and a matching origin.
pub async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !unsafe_method || bearer(req.headers()).is_some() {
        return next.run(req).await;
    }
    if !same_origin(req.headers()) {
        return refuse("cross-origin request refused");
    }
    let (mut parts, body) = req.into_parts();
    let auth = match resolve(&parts, &state).await {
        Ok(a) => a,
        Err(e) => return ApiError(e).into_response(),
    };
    // Without ambient credentials there is nothing to forge, except the sign-in forms themselves.
    let path = parts.uri.path();
    if auth.is_none() && path != "/login" && path != "/setup" {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let expected = match &auth {
        Some(a) => a.csrf.clone().unwrap_or_default(),
        None => cookie(&parts.headers, PRE_COOKIE).unwrap_or_default(),
    };
    let from_header = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = match http_body_util::BodyExt::collect(http_body_util::Limited::new(body, BODY_LIMIT)).await {
        Ok(c) => c.to_bytes(),
        Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response(),
    };
    // Never from the query string: a token in a URL ends up in logs, history and Referer headers.
    let from_body = match from_header {
        Some(_) => None,
        None => token_in_body(&content_type, &bytes).await,
    };
    let given = from_header.or(from_body).unwrap_or_default();
    if !eq(&given, &expected) {
        return refuse("missing or invalid CSRF token; reload the page and try again");
    }
    parts.extensions.insert(MaybeAuth(auth));
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}
