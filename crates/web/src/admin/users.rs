//! The administrator's user screens: every account with its role, economy, state and last
//! sign-in; inviting a user, changing a role, resetting a password, disabling and enabling.
//! Invitation and reset links are shown once, on the page that made them, for the admin to pass on
//! (Pathways sends no e-mail); only their digests are kept.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::accounts::NewLink;
use pathways_app::domain::Role;
use pathways_app::domain::states::LinkPurpose;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, economy_choices, fail, form_get, form_pairs, page, render, when};

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/users", users_page)
        .post("/admin/users", invite)
        .post("/admin/users/role", change_role)
        .post("/admin/users/reset", reset)
        .post("/admin/users/disable", disable)
        .post("/admin/users/enable", enable)
}

/// An account as the list shows it.
struct Row {
    email: String,
    role: String,
    /// The role's label.
    role_label: String,
    economy: String,
    disabled: bool,
    /// An invited user who has not chosen a password yet.
    pending: bool,
    last_sign_in: String,
    me: bool,
}

/// A link just made, shown once.
struct Shown {
    email: String,
    /// The full link, with this server's address.
    url: String,
    expires: String,
    invite: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage<'a> {
    page: Page<'a>,
    rows: Vec<Row>,
    roles: Vec<(String, String)>,
    economies: Vec<(String, String)>,
    /// The countries a CoO liaison may be scoped to, offered in the same select.
    countries: Vec<(String, String)>,
    link: Option<Shown>,
    problems: Vec<String>,
    /// The invitation form's values when it was refused.
    email: String,
    role: String,
    economy: String,
}

/// The users page, with a link just made, a notice, or the problems that refused a form.
async fn show(
    s: &AppState,
    auth: SignedIn,
    link: Option<Shown>,
    problems: Vec<String>,
    form: (&str, &str, &str),
) -> UiResult {
    let p = auth.0.principal.clone();
    let accounts = s.app.accounts(&p).await.back("/")?;
    let label = |r: &str| s.i18n.t(&format!("role-{r}"));
    let rows = accounts
        .into_iter()
        .map(|a| Row {
            role_label: label(&a.user.role),
            me: a.user.id == p.user_id,
            email: a.user.email,
            role: a.user.role,
            economy: a.user.economy.unwrap_or_default(),
            disabled: a.user.disabled,
            pending: !a.has_password,
            last_sign_in: a.last_sign_in.as_deref().map(when).unwrap_or_default(),
        })
        .collect();
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let t = UsersPage {
        page: page(s, &MaybeAuth(Some(auth.0))),
        rows,
        roles: Role::ALL
            .iter()
            .map(|r| (r.as_str().to_string(), label(r.as_str())))
            .collect(),
        economies: economy_choices(s),
        countries: crate::ui::country_choices(s),
        link,
        problems,
        email: form.0.into(),
        role: form.1.into(),
        economy: form.2.into(),
    };
    Ok((status, render(t)).into_response())
}

async fn users_page(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    show(&s, auth, None, vec![], ("", "", "")).await
}

/// The link as the user will open it: this server's address (as the admin reached it) and path.
fn shown(l: NewLink, origin: &str) -> Shown {
    Shown {
        email: l.user.email,
        url: format!("{origin}/welcome/{}", l.token),
        expires: when(&l.expires_at),
        invite: l.purpose == LinkPurpose::Invite,
    }
}

/// This server's address as the admin's browser sees it: the form's `Origin` (browsers send it
/// with every POST, and the CSRF guard has checked it), else the `Host`.
fn origin(headers: &axum::http::HeaderMap) -> String {
    let get = |h| headers.get(h).and_then(|v: &axum::http::HeaderValue| v.to_str().ok());
    match (get(axum::http::header::ORIGIN), get(axum::http::header::HOST)) {
        (Some(o), _) if o != "null" => o.trim_end_matches('/').to_string(),
        (_, Some(host)) => format!("http://{host}"),
        _ => String::new(),
    }
}

/// A role from the form, or the problem it is.
fn role_of(code: &str) -> Result<Role, AppError> {
    match code.trim() {
        "" => Err(AppError::invalid(
            "role",
            pathways_app::domain::wording::say("choose-role", &[]),
        )),
        c => Role::parse(c).ok_or_else(|| {
            AppError::invalid(
                "role",
                pathways_app::domain::wording::say("unknown-role", &[("code", c)]),
            )
        }),
    }
}

/// A form refused for its content shows the page again with the problems; other errors the error page.
async fn refused(s: &AppState, auth: SignedIn, e: AppError, form: (&str, &str, &str)) -> UiResult {
    match e {
        AppError::Invalid(problems) => {
            let problems = problems.iter().map(crate::i18n::problem).collect();
            show(s, auth, None, problems, form).await
        }
        e => fail(e, "/admin/users"),
    }
}

async fn invite(State(s): State<AppState>, auth: SignedIn, headers: axum::http::HeaderMap, body: String) -> UiResult {
    let f = form_pairs(&body);
    let (email, role, economy) = (
        form_get(&f, "email").unwrap_or(""),
        form_get(&f, "role").unwrap_or(""),
        form_get(&f, "economy").unwrap_or(""),
    );
    let economy_opt = Some(economy).filter(|e| !e.is_empty());
    let r = match role_of(role) {
        Ok(r) => s.app.invite_user(&auth.0.principal, email, r, economy_opt).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(l) => {
            let link = shown(l, &origin(&headers));
            show(&s, auth, Some(link), vec![], ("", "", "")).await
        }
        Err(e) => refused(&s, auth, e, (email, role, economy)).await,
    }
}

async fn change_role(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let f = form_pairs(&body);
    let email = form_get(&f, "email").unwrap_or("");
    let economy = form_get(&f, "economy").filter(|e| !e.is_empty());
    let r = match role_of(form_get(&f, "role").unwrap_or("")) {
        Ok(r) => s
            .app
            .change_role(&auth.0.principal, email, r, economy)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match r {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(e) => refused(&s, auth, e, ("", "", "")).await,
    }
}

async fn reset(State(s): State<AppState>, auth: SignedIn, headers: axum::http::HeaderMap, body: String) -> UiResult {
    let f = form_pairs(&body);
    let email = form_get(&f, "email").unwrap_or("");
    match s.app.reset_password(&auth.0.principal, email).await {
        Ok(l) => {
            let link = shown(l, &origin(&headers));
            show(&s, auth, Some(link), vec![], ("", "", "")).await
        }
        Err(e) => refused(&s, auth, e, ("", "", "")).await,
    }
}

async fn set_disabled(s: &AppState, auth: SignedIn, body: &str, disabled: bool) -> UiResult {
    let f = form_pairs(body);
    let email = form_get(&f, "email").unwrap_or("");
    match s.app.set_user_disabled(&auth.0.principal, email, disabled).await {
        Ok(_) => Ok(Redirect::to("/admin/users").into_response()),
        Err(e) => refused(s, auth, e, ("", "", "")).await,
    }
}

async fn disable(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    set_disabled(&s, auth, &body, true).await
}

async fn enable(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    set_disabled(&s, auth, &body, false).await
}
