//! Sign-in, sign-out and the first-run set-up of the administrator.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pathways_app::AppError;
use pathways_app::domain::Role;
use pathways_app::domain::states::LinkPurpose;

use crate::AppState;
use crate::auth::{LockScope, MaybeAuth, PRE_COOKIE, SESSION_COOKIE, SESSION_HOURS, Verdict, cookie, set_cookie};
use crate::routes::Routes;
use crate::ui::{OrBack, Page, UiResult, fail, page, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/login", login_form)
        .post("/login", login)
        .post("/logout", logout)
        .get("/setup", setup_form)
        .post("/setup", setup)
        .get("/welcome/{token}", welcome_form)
        .post("/welcome/{token}", welcome)
}

// ---- sign-in ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "signin/login.html")]
struct Login<'a> {
    page: Page<'a>,
    pre: String,
    next: String,
    email: String,
    error: Option<String>,
    /// Shown above the form (after a password was set with a link).
    notice: Option<String>,
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
        email: q.get("email").cloned().unwrap_or_default(),
        error: None,
        notice: q.contains_key("password-set").then(|| s.i18n.t("welcome-done")),
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
) -> UiResult {
    let address = addr.ip().to_string();
    let refuse = |msg: String, status: StatusCode| {
        let pre = pathways_app::auth::random_token("");
        let t = Login {
            page: page(&s, &MaybeAuth(None)),
            pre: pre.clone(),
            next: f.next.clone(),
            email: f.email.clone(),
            error: Some(msg),
            notice: None,
        };
        Ok(with_pre(&s, t, &pre, status))
    };
    match s.limiter.attempt(&address, &f.email) {
        Verdict::Allowed => {}
        Verdict::Refused => return refuse(s.i18n.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS),
        Verdict::LockedOut(scope) => {
            let scope = match scope {
                LockScope::Address => "from one address across accounts",
                LockScope::Account => "on one account across addresses",
            };
            if let Err(e) = s.app.record_lockout(&f.email, &address, scope).await {
                tracing::error!(error = %e, "could not record a sign-in lockout");
            }
            return refuse(s.i18n.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS);
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
            let (sid, _csrf) = s.app.start_session(&p, SESSION_HOURS).await.back("/login")?;
            // Signing in lands on "My work" unless the user was on their way somewhere.
            let next = match safe_next(&f.next).as_str() {
                "/" => "/work".to_string(),
                other => other.to_string(),
            };
            let mut r = Redirect::to(&next).into_response();
            if let Ok(v) = set_cookie(SESSION_COOKIE, &sid, SESSION_HOURS * 3600, s.secure_cookies).parse() {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            if let Ok(v) = set_cookie(PRE_COOKIE, "", 0, s.secure_cookies).parse() {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            // The language saved with the account follows the user to this browser.
            if let Ok(Some(l)) = s.app.language(&p).await
                && let Some(v) = crate::i18n::negotiate::lang_cookie(l, s.secure_cookies)
            {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(r)
        }
        Err(AppError::Unauthenticated) => refuse(s.i18n.t("login-failed"), StatusCode::UNAUTHORIZED),
        Err(e) => fail(e, "/login"),
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
#[template(path = "signin/setup.html")]
struct Setup<'a> {
    page: Page<'a>,
    pre: String,
    token: String,
    error: Option<String>,
}

async fn setup_form(State(s): State<AppState>, auth: MaybeAuth, Query(q): Query<BTreeMap<String, String>>) -> UiResult {
    let token = q.get("token").cloned().unwrap_or_default();
    if !setup_token_ok(&s, &token).await {
        return fail(AppError::Forbidden(s.i18n.t("setup-closed")), "/");
    }
    let pre = pathways_app::auth::random_token("");
    Ok(with_pre(
        &s,
        Setup {
            page: page(&s, &auth),
            pre: pre.clone(),
            token,
            error: None,
        },
        &pre,
        StatusCode::OK,
    ))
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

async fn setup(State(s): State<AppState>, auth: MaybeAuth, Form(f): Form<SetupForm>) -> UiResult {
    let mut guard = s.setup_token.lock().await;
    let ok = guard
        .as_deref()
        .is_some_and(|t| subtle::ConstantTimeEq::ct_eq(t.as_bytes(), f.token.as_bytes()).into());
    if !ok || s.app.user_count().await.unwrap_or(1) > 0 {
        *guard = None;
        return fail(AppError::Forbidden(s.i18n.t("setup-closed")), "/");
    }
    let by = pathways_app::auth::system("first-run-setup");
    Ok(
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
        },
    )
}

// ---- one-time links: an invited or reset user sets their password ------------------------------

#[derive(Template)]
#[template(path = "signin/welcome.html")]
struct Welcome<'a> {
    page: Page<'a>,
    pre: String,
    token: String,
    email: String,
    /// `invite` or `reset`: the page's wording.
    purpose: String,
    error: Option<String>,
}

/// The page of a link that works, with the problem that refused the last try if any.
fn welcome_page(
    s: &AppState,
    auth: &MaybeAuth,
    token: String,
    (user, purpose): (pathways_app::User, LinkPurpose),
    error: Option<String>,
) -> Response {
    let pre = pathways_app::auth::random_token("");
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let t = Welcome {
        page: page(s, auth),
        pre: pre.clone(),
        token,
        email: user.email,
        purpose: purpose.to_string(),
        error,
    };
    with_pre(s, t, &pre, status)
}

async fn welcome_form(State(s): State<AppState>, auth: MaybeAuth, Path(token): Path<String>) -> UiResult {
    let link = s.app.password_link(&token).await.back("/login")?;
    Ok(welcome_page(&s, &auth, token, link, None))
}
#[derive(serde::Deserialize)]
struct WelcomeForm {
    password: String,
    repeat: String,
}

async fn welcome(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(token): Path<String>,
    Form(f): Form<WelcomeForm>,
) -> UiResult {
    let link = s.app.password_link(&token).await.back("/login")?;
    let result = if f.password != f.repeat {
        Err(AppError::invalid("repeat", s.i18n.t("welcome-mismatch")))
    } else {
        s.app.set_password_by_link(&token, &f.password).await
    };
    match result {
        Ok(p) => {
            let query = serde_urlencoded::to_string([("password-set", "1"), ("email", p.email.as_str())])
                .map_err(|e| crate::ui::error::UiError::from(AppError::Internal(e.to_string())))?;
            Ok(Redirect::to(&format!("/login?{query}")).into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let error = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            Ok(welcome_page(&s, &auth, token, link, Some(error)))
        }
        Err(e) => fail(e, "/login"),
    }
}
