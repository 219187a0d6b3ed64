//! Which language a request is answered in: `?lang=` (a shareable link; it also sets the
//! cookie, so the choice sticks), then the language cookie (set by the switcher, by `?lang=` and
//! at sign-in from the user's saved preference), then the browser's `Accept-Language`, then
//! English.
//!
//! The `lang` parameter is taken out of the query before the handler sees it, so no page's own
//! query parsing has to know about it.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;

use super::Locale;
use crate::AppState;
use crate::cookies::{cookie, set_cookie};

pub const LANG_COOKIE: &str = "pathways_lang";
/// A year: a language choice is not a secret and outlives sessions.
pub const LANG_COOKIE_SECONDS: i64 = 365 * 24 * 3600;

/// The `lang` parameter of a query, and the query without it.
fn split_lang(query: &str) -> (Option<String>, String) {
    let mut lang = None;
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("lang=") {
            Some(v) => {
                lang = Some(v.to_string());
                false
            }
            None => !pair.is_empty(),
        })
        .collect();
    (lang, rest.join("&"))
}

/// The cookie that keeps a language choice.
pub fn lang_cookie(locale: Locale, secure: bool) -> Option<HeaderValue> {
    set_cookie(LANG_COOKIE, locale.tag(), LANG_COOKIE_SECONDS, secure)
        .parse()
        .ok()
}

pub async fn choose(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let (asked, query) = split_lang(req.uri().query().unwrap_or(""));
    if asked.is_some() {
        let pq = if query.is_empty() {
            req.uri().path().to_string()
        } else {
            format!("{}?{query}", req.uri().path())
        };
        if let Ok(uri) = Uri::builder().path_and_query(pq).build() {
            *req.uri_mut() = uri;
        }
    }
    let asked = asked.and_then(|t| Locale::parse(&t));
    let kept = cookie(req.headers(), LANG_COOKIE).and_then(|t| Locale::parse(&t));
    let browser = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::negotiate);
    let locale = asked.or(kept).or(browser).unwrap_or_default();
    let mut response = super::scope(locale, next.run(req)).await;
    let headers = response.headers_mut();
    if let Some(l) = asked.filter(|l| Some(*l) != kept)
        && let Some(v) = lang_cookie(l, s.secure_cookies)
    {
        headers.append(header::SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(locale.tag()) {
        headers.insert(header::CONTENT_LANGUAGE, v);
    }
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    response
}

#[cfg(test)]
mod tests {
    use super::split_lang;

    #[test]
    fn the_lang_parameter_is_taken_out_of_the_query() {
        assert_eq!(split_lang("lang=sq"), (Some("sq".into()), String::new()));
        assert_eq!(
            split_lang("a=1&lang=sr-Cyrl&b=2"),
            (Some("sr-Cyrl".into()), "a=1&b=2".into())
        );
        assert_eq!(split_lang("a=1"), (None, "a=1".into()));
        assert_eq!(split_lang("language=x"), (None, "language=x".into()));
    }
}
