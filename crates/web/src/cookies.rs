//! Reading a cookie from a request and writing the `Set-Cookie` value of one: the one place the
//! cookies' attributes (path, `HttpOnly`, `SameSite`, `Secure`) are decided. Knows nothing else,
//! so that sign-in and the language choice can both use it.

use axum::http::header;

pub fn cookie(parts: &axum::http::HeaderMap, name: &str) -> Option<String> {
    parts
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}
