//! The signed-in user's account page: their interface language (saved with the account, so it
//! follows them to every browser) and their personal API tokens (create, see when each was last
//! used and when it expires, revoke). A new token is shown once, on the page that created it;
//! only its digest is kept.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::TokenInfo;
use pathways_app::auth::{DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS};

use axum::http::header;
use pathways_app::AppError;

use crate::AppState;
use crate::auth::{MaybeAuth, set_cookie};
use crate::i18n::Locale;
use crate::i18n::negotiate::{LANG_COOKIE, lang_cookie};
use crate::routes::Routes;
use crate::signin::safe_next;
use crate::ui::{OrBack, Page, SignedIn, UiResult, form_get, form_pairs, page, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/account", account)
        .post("/account/language", set_language)
        .post("/account/tokens", create_token)
        .post("/account/tokens/{id}/revoke", revoke_token)
}

/// A token as the list shows it.
pub struct TokenRow {
    pub id: String,
    pub label: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    pub state: &'static str,
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage<'a> {
    page: Page<'a>,
    tokens: Vec<TokenRow>,
    /// A token just created: shown this once.
    new_token: Option<String>,
    default_days: u32,
    max_days: u32,
    /// The saved language (`None`: the browser's decides).
    language: Option<Locale>,
    /// Its tag, empty when none is saved.
    language_tag: &'static str,
}

fn day(t: &str) -> String {
    crate::ui::when(t)
}

fn rows(tokens: Vec<TokenInfo>, now: &str) -> Vec<TokenRow> {
    tokens
        .into_iter()
        .map(|t| {
            let state = match (&t.revoked_at, &t.expires_at) {
                (Some(_), _) => "acct-revoked",
                (None, Some(e)) if e.as_str() <= now => "acct-expired",
                _ => "acct-active",
            };
            TokenRow {
                id: t.id,
                label: t.label,
                created: day(&t.created_at),
                expires: t.expires_at.as_deref().map(day).unwrap_or_default(),
                last_used: t.last_used_at.as_deref().map(day).unwrap_or_default(),
                state,
            }
        })
        .collect()
}

async fn show(s: &AppState, auth: SignedIn, new_token: Option<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let tokens = s.app.tokens(&p, &p.email).await.back("/")?;
    let language = s.app.language(&p).await.back("/")?;
    Ok(render(AccountPage {
        page: page(s, &MaybeAuth(Some(auth.0))),
        tokens: rows(tokens, &pathways_app::now()),
        new_token,
        default_days: DEFAULT_TOKEN_DAYS,
        max_days: MAX_TOKEN_DAYS,
        language,
        language_tag: language.map_or("", Locale::tag),
    }))
}

async fn account(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    show(&s, auth, None).await
}

/// Saves the caller's language (from the account page or the switcher of any page) and answers
/// the page they were on, now in that language. An empty `lang` goes back to the browser's.
async fn set_language(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let f = form_pairs(&body);
    let back = safe_next(form_get(&f, "back").unwrap_or("/account"));
    let locale = match form_get(&f, "lang").unwrap_or("") {
        "" => None,
        tag => Some(Locale::parse(tag).ok_or_else(|| {
            AppError::invalid(
                "lang",
                pathways_app::domain::wording::say("no-language", &[("code", tag)]),
            )
        })?),
    };
    s.app.set_language(&auth.0.principal, locale).await.back(back.clone())?;
    let mut r = Redirect::to(&back).into_response();
    let cookie = match locale {
        Some(l) => lang_cookie(l, s.secure_cookies),
        None => set_cookie(LANG_COOKIE, "", 0, s.secure_cookies).parse().ok(),
    };
    if let Some(v) = cookie {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

async fn create_token(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = form_pairs(&body);
    let days = form_get(&f, "days")
        .and_then(|d| d.trim().parse::<u32>().ok())
        .unwrap_or(DEFAULT_TOKEN_DAYS);
    let label = form_get(&f, "label").unwrap_or("");
    let token = s.app.issue_token(&p, &p.email, days, label).await.back("/account")?;
    show(&s, auth, Some(token)).await
}

async fn revoke_token(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    s.app.revoke_token(&auth.0.principal, &id).await.back("/account")?;
    Ok(Redirect::to("/account").into_response())
}
