//! The public pages anyone may read without signing in — the regional picture, the economy
//! profiles, the Countries of Origin, the lists — rendered once per address, language and day
//! and served from memory until the next change to the database. They are the pages most opened
//! and the costliest to render (every kind of record of an economy is read and summarised).
//!
//! Invariants: only an anonymous GET (no session cookie, no `Authorization`) is answered from
//! or kept in the cache, so nothing a signed-in user sees is ever shown to another; only a 200
//! without `Set-Cookie` is kept; an entry is served only while no write transaction has
//! committed since it was rendered (the store's count of writes, read before rendering, so a
//! write during the render makes the entry stale at once).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::SESSION_COOKIE;
use crate::i18n::{self, Locale};

/// The routes whose anonymous answers are kept.
const PAGES: &[&str] = &["/", "/economies/{code}", "/countries-of-origin", "/{plural}"];
/// Entries kept at most (addresses × languages); the cache is emptied when it is full, which
/// bounds its memory whatever addresses clients try.
const MAX_ENTRIES: usize = 512;
/// The largest page kept.
const MAX_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    locale: Locale,
    day: String,
}

#[derive(Debug, Clone)]
struct Entry {
    writes: u64,
    headers: HeaderMap,
    body: Bytes,
}

/// The kept pages, with how often one was served from memory.
#[derive(Debug, Default)]
pub struct PageCache {
    entries: Mutex<HashMap<Key, Entry>>,
    hits: AtomicU64,
}

impl PageCache {
    /// Requests answered from memory since the server started.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    fn get(&self, key: &Key, writes: u64) -> Option<Entry> {
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.get(key).filter(|e| e.writes == writes).cloned()
    }

    fn put(&self, key: Key, entry: Entry) {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, entry);
    }
}

fn anonymous(headers: &HeaderMap) -> bool {
    !headers.contains_key(header::AUTHORIZATION) && crate::cookies::cookie(headers, SESSION_COOKIE).is_none()
}

/// Answers a public page from memory when it is current, else renders it and keeps it.
pub async fn serve(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let cacheable = req.method() == Method::GET
        && anonymous(req.headers())
        && req
            .extensions()
            .get::<MatchedPath>()
            .is_some_and(|m| PAGES.contains(&m.as_str()));
    if !cacheable {
        return next.run(req).await;
    }
    let key = Key {
        uri: req.uri().to_string(),
        locale: i18n::current(),
        day: pathways_app::today(),
    };
    let writes = s.app.writes();
    if let Some(hit) = s.pages.get(&key, writes) {
        s.pages.hits.fetch_add(1, Ordering::Relaxed);
        let mut response = Response::new(Body::from(hit.body));
        *response.headers_mut() = hit.headers;
        return response;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // A rendered page is one buffer of known size; anything else passes through unkept.
    if axum::body::HttpBody::size_hint(&body)
        .exact()
        .is_none_or(|n| n > MAX_BYTES as u64)
    {
        return Response::from_parts(parts, body);
    }
    match axum::body::to_bytes(body, MAX_BYTES).await {
        Ok(body) => {
            let mut headers = parts.headers.clone();
            headers.remove(header::CONTENT_LENGTH);
            s.pages.put(
                key,
                Entry {
                    writes,
                    headers,
                    body: body.clone(),
                },
            );
            Response::from_parts(parts, Body::from(body))
        }
        // The body failed while being read: nothing is left to send.
        Err(e) => {
            tracing::warn!(error = %e, "a public page could not be kept");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
