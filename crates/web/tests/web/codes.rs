//! No raw code on a page a user reads: the pages are crawled as each role, following the links
//! they are offered, on a database with the demo cycle and caseload, and every `snake_case`
//! token in the visible text fails the test (`border_police`, `data_exchange`, `user_disable`).
//! Text a user must type exactly (column names of an import, commands) is shown as `<code>`,
//! which the crawl reads past.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::http::StatusCode;

use crate::support::T;

/// Pages a role is offered at most (enough to reach every kind of page through the menus).
const MAX_PAGES: usize = 140;

/// The text of a page a reader sees: tags, scripts, styles, `<code>` and form values left out.
fn readable(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    // Nothing in the head is read, except the title.
    if let Some(i) = rest.find("<body") {
        rest = &rest[i..];
    }
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = &rest[i..];
        let skip_to = ["script", "style", "code", "pre", "textarea", "kbd", "template"]
            .iter()
            .find(|t| rest[1..].starts_with(**t))
            .map(|t| format!("</{t}>"));
        let end = match skip_to {
            Some(close) => rest.find(&close).map_or(rest.len(), |j| j + close.len()),
            None => rest.find('>').map_or(rest.len(), |j| j + 1),
        };
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
}

/// The `snake_case` codes of a text. Not codes: addresses (`https://…/a_b`), file names
/// (`agency_regulations.csv:8`) and record ids (`case_01a250c0e2ea…`), which are data.
fn snake_case_tokens(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let is_id = |w: &str| {
        w.split('_')
            .any(|p| p.len() >= 12 && p.chars().all(|c| c.is_ascii_hexdigit()) && p.chars().any(|c| c.is_ascii_digit()))
    };
    let prose: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            let file = w
                .split_once('.')
                .is_some_and(|(_, ext)| ext.starts_with(|c: char| c.is_ascii_alphabetic()));
            !w.contains("://") && !w.starts_with("www.") && !file
        })
        .collect();
    for word in prose
        .iter()
        .flat_map(|w| w.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
    {
        if is_id(word) {
            continue;
        }
        let parts: Vec<&str> = word.split('_').collect();
        if parts.len() >= 2
            && parts.iter().all(|p| !p.is_empty())
            && parts[0].starts_with(|c: char| c.is_ascii_lowercase())
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            found.insert(word.to_string());
        }
    }
    found
}

/// Same-site links of a page worth reading (no downloads, API, assets or sign-out).
/// Message ids shown as they are: a message missing from the locale's file shows its id.
fn message_ids(text: &str, ids: &BTreeSet<String>) -> BTreeSet<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-')))
        .filter(|w| w.contains('-') && ids.contains(*w))
        .map(str::to_string)
        .collect()
}

fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .filter(|h| {
            !h.is_empty()
                && !h.starts_with("/api/")
                && !h.starts_with("/static/")
                && !h.contains("lang=")
                && ![
                    ".csv", ".xlsx", ".pdf", ".docx", ".xml", ".png", ".jpg", ".svg", ".json", ".ico",
                ]
                .iter()
                .any(|ext| h.split('?').next().unwrap_or("").ends_with(ext))
                && !h.contains("/download")
                && !h.contains("/files/")
                && !h.contains("/attachments/")
        })
        .collect()
}

/// The pattern of a path (ids replaced), so that a thousand cases are one page to read.
fn pattern(path: &str) -> String {
    let (p, q) = path.split_once('?').unwrap_or((path, ""));
    let segs: Vec<String> = p
        .split('/')
        .map(|s| {
            if s.len() > 12 || s.chars().any(|c| c.is_ascii_digit()) {
                "{id}".into()
            } else {
                s.to_string()
            }
        })
        .collect();
    let keys: Vec<&str> = q.split('&').filter_map(|kv| kv.split('=').next()).collect();
    format!("{}?{}", segs.join("/"), keys.join("&"))
}

async fn crawl(t: &T, cookie: &str) -> (usize, BTreeMap<String, BTreeSet<String>>) {
    let ids: BTreeSet<String> = pathways_web::i18n::variables(&pathways_web::i18n::ftl(pathways_web::i18n::Locale::En))
        .into_keys()
        .collect();
    let mut queue: VecDeque<String> = ["/work", "/", "/rounds", "/screening", "/account"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut seen_patterns = BTreeSet::new();
    let mut bad: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut read = 0;
    while let Some(path) = queue.pop_front() {
        if read >= MAX_PAGES || !seen_patterns.insert(pattern(&path)) {
            continue;
        }
        let (status, headers, page) = t.get(&path, cookie).await;
        let html = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if status != StatusCode::OK || !html {
            continue;
        }
        read += 1;
        let text = readable(&page);
        let mut codes = snake_case_tokens(&text);
        codes.extend(message_ids(&text, &ids));
        if !codes.is_empty() {
            bad.insert(path.clone(), codes);
        }
        queue.extend(links(&page));
    }
    (read, bad)
}

#[test]
fn the_reader_sees_past_code_and_markup() {
    let page = "<html><head><title>x</title></head><body><p>Kind: border_police</p><code>given_name</code><script>let a_b = 1;</script><a href=\"/x_y\">Data exchange</a></body></html>";
    assert_eq!(
        snake_case_tokens(&readable(page)),
        BTreeSet::from(["border_police".to_string()])
    );
    assert!(snake_case_tokens("Pathways, e-mail, 2026-12-07, SHA-256, X_Y").is_empty());
    assert!(snake_case_tokens("https://x.org/a_b agency_regulations.csv:8 case_01a250c0e2ea75d795f6").is_empty());
    let ids = BTreeSet::from(["audit-user-add".to_string()]);
    assert_eq!(message_ids("did audit-user-add, e-mail", &ids).len(), 1);
}

#[tokio::test]
async fn no_page_shows_a_raw_code_to_any_role() {
    let t = T::new().await;
    t.app.ensure_demo_cycle().await.unwrap();
    t.app.ensure_demo_caseload().await.unwrap();
    let mut failures = vec![];
    for email in [
        "admin@demo",
        "analyst@demo",
        "viewer@demo",
        "fp-rs@demo",
        "officer-rs@demo",
        "coo-np@demo",
    ] {
        let (cookie, _) = t.session(email).await;
        let (read, bad) = crawl(&t, &cookie).await;
        assert!(read >= 10, "{email} read only {read} pages");
        for (path, codes) in bad {
            failures.push(format!("{email} {path}: {codes:?}"));
        }
    }
    // A visitor, too.
    let (_, bad) = crawl(&t, "").await;
    failures.extend(bad.into_iter().map(|(p, c)| format!("visitor {p}: {c:?}")));
    assert!(failures.is_empty(), "raw codes on pages:\n{}", failures.join("\n"));
}
