//! Regression tests of the security findings (issue 15), each failing before its fix: history
//! only of a record of the kind named, bounded uploads checked after the role, same-origin
//! redirects, tokens that expire, can be revoked and stop with their user, exports that do not
//! run formulas, no state change by GET or with a token in the query string, impossible dates,
//! password spraying, and a panic that does not stop the server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_app::auth::system;
use pathways_web::{AppState, routes, with_edge};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::support::{PW, T, exercise_with_delegate};

/// Issue 15, item 1: history is readable exactly when the record of that kind is.
#[tokio::test]
async fn history_only_of_a_record_of_the_kind_named() {
    let t = T::new().await;
    let viewer = t.token("viewer@demo").await;
    let analyst = t.token("analyst@demo").await;
    // An event (notes, participants) and a user account both have audit trails.
    let (s, ev) = t
        .api_as(
            "POST",
            "/api/v1/events",
            &analyst,
            Some(
                json!({"kind": "national_consultation", "title": "Closed meeting", "date": "2025-03-04",
                        "economies": ["RS"], "notes": "named person said X"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ev}");
    let event_id = ev["id"].as_str().unwrap().to_string();
    let users = t.app.users(&system("t")).await.unwrap();
    let admin_id = users.iter().find(|u| u.email == "admin@demo").unwrap().id.clone();
    for id in [&event_id, &admin_id] {
        for kind in ["institutions", "practices", "observations"] {
            let (s, v) = t
                .api_as("GET", &format!("/api/v1/{kind}/{id}/history"), &viewer, None)
                .await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{kind}/{id}: {v}");
            assert!(!v.to_string().contains("named person"));
        }
    }
    // A record's history under its own kind, not under another.
    let (s, v) = t
        .api_as("GET", "/api/v1/institutions/rs-nsz/history", &viewer, None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = t.api_as("GET", "/api/v1/practices/rs-nsz/history", &viewer, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// A workbook whose sheet holds a cell at `XFD1048576`: 2 KB on disk, hundreds of gigabytes for
/// a reader that builds the dense range.
fn hostile_xlsx(sheet: &str) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name(sheet)
        .unwrap()
        .write_string(0, 0, "Label")
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Label</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(vec![]));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = vec![];
        f.read_to_end(&mut data).unwrap();
        out.start_file(name.clone(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(if name == "xl/worksheets/sheet1.xml" {
            xml.as_bytes()
        } else {
            &data
        })
        .unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Issue 15, item 2: the role is checked before an upload is parsed, and a hostile workbook is
/// refused with the cell it names, quickly, without taking the server down.
#[tokio::test]
async fn hostile_workbooks_are_refused_after_the_role_check() {
    let t = T::new().await;
    let bomb = hostile_xlsx("Elements");
    assert!(bomb.len() < 8 * 1024, "{}", bomb.len());
    let (viewer, vcsrf) = t.session("viewer@demo").await;
    let (s, _) = t
        .upload("/import/stakeholders", &viewer, &vcsrf, "map.xlsx", &bomb)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (analyst, acsrf) = t.session("analyst@demo").await;
    let started = std::time::Instant::now();
    let (s, body) = t
        .upload("/import/stakeholders", &analyst, &acsrf, "map.xlsx", &bomb)
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("XFD1048576"), "{body}");
    let (s, body) = t
        .upload(
            "/questionnaires",
            &analyst,
            &acsrf,
            "form.xlsx",
            &hostile_xlsx("survey"),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("XFD1048576"), "{body}");
    assert!(started.elapsed().as_secs() < 10);
    // And the server still answers.
    let (s, _, _) = t.get("/healthz", "").await;
    assert_eq!(s, StatusCode::OK);
}

/// A panic in a handler is a 500 for that request, and the next request is served.
#[tokio::test]
async fn a_panicking_handler_does_not_stop_the_server() {
    let app = App::in_memory().await.unwrap();
    let state = AppState::new(app, None, true).unwrap();
    async fn boom() -> &'static str {
        let v: Vec<&str> = vec![];
        // An index out of range: the kind of bug a handler may have.
        v[std::hint::black_box(3)]
    }
    let boom = routes().into_router().route("/boom", axum::routing::get(boom));
    let r = with_edge(boom, state);
    let res = r
        .clone()
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    assert!(
        !String::from_utf8_lossy(&body).contains("index out of bounds"),
        "internals are not sent"
    );
    let res = r
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

/// Issue 15, item 3: after sign-in only a same-origin path is followed; anything else lands on
/// "My work", the signed-in home (issue 17).
#[tokio::test]
async fn sign_in_redirects_only_to_same_origin_paths() {
    let t = T::new().await;
    let pre = "pre-token";
    let cookie = format!("pathways_pre={pre}");
    for (next, expected) in [
        ("/\t/evil.example", "/work"),
        ("/\n/evil.example", "/work"),
        ("/\\evil.example", "/work"),
        ("\\\\evil.example", "/work"),
        ("//evil.example", "/work"),
        ("https://evil.example", "/work"),
        ("/ok\u{1}", "/work"),
        ("/economies/RS?tab=stages", "/economies/RS?tab=stages"),
    ] {
        let (s, h, body) = t
            .post(
                "/login",
                &cookie,
                &[
                    ("csrf_token", pre),
                    ("email", "viewer@demo"),
                    ("password", PW),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{next:?}: {body}");
        assert_eq!(h[header::LOCATION], expected, "{next:?}");
    }
    // The form shown for a hostile `next` does not carry it either.
    let (s, _, body) = t.get("/login?next=%2F%09%2Fevil.example", "").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!body.contains("evil.example"));
}

/// Issue 15, item 4: tokens are listed (never shown again), record their last use, can be
/// revoked, and stop with their user; a disabled user's session ends at once.
#[tokio::test]
async fn tokens_expire_are_revoked_and_stop_with_their_user() {
    let t = T::new().await;
    let admin = system("test");
    let token = t.token("fp-rs@demo").await;
    let (s, _) = t.api_as("GET", "/api/v1/me", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    let list = t.app.tokens(&admin, "fp-rs@demo").await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].last_used_at.is_some(), "{list:?}");
    let expires = list[0].expires_at.clone().unwrap();
    // Ninety days from now by default.
    let in_days = |d: i64| {
        (time::OffsetDateTime::now_utc() + time::Duration::days(d))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let (in_89_days, in_91_days) = (in_days(89), in_days(91));
    assert!(expires > in_89_days && expires < in_91_days, "{expires}");
    // Out-of-range lifetimes are refused.
    assert!(t.app.issue_token(&admin, "fp-rs@demo", 0, "x").await.is_err());
    assert!(t.app.issue_token(&admin, "fp-rs@demo", 10_000, "x").await.is_err());
    // Another focal point can neither list nor revoke it.
    let other = t.app.principal_by_email("fp-al@demo").await.unwrap();
    assert!(t.app.tokens(&other, "fp-rs@demo").await.is_err());
    assert!(t.app.revoke_token(&other, &list[0].id).await.is_err());
    // Revoked: refused at once.
    t.app.revoke_token(&admin, &list[0].id).await.unwrap();
    let (s, _) = t.api_as("GET", "/api/v1/me", &token, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // Disabling a user stops their tokens and sessions at once.
    let token = t.token("fp-al@demo").await;
    let (cookie, _) = t.session("fp-al@demo").await;
    assert_eq!(t.get("/account", &cookie).await.0, StatusCode::OK);
    t.app.set_user_disabled(&admin, "fp-al@demo", true).await.unwrap();
    assert_eq!(
        t.api_as("GET", "/api/v1/me", &token, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (s, h, _) = t.get("/account", &cookie).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(h[header::LOCATION].to_str().unwrap().starts_with("/login"));
    assert!(t.app.authenticate("fp-al@demo", PW).await.is_err());
    // Only admins disable; enabling restores sign-in, not the ended sessions.
    let analyst = t.app.principal_by_email("analyst@demo").await.unwrap();
    assert!(t.app.set_user_disabled(&analyst, "fp-rs@demo", true).await.is_err());
    t.app.set_user_disabled(&admin, "fp-al@demo", false).await.unwrap();
    assert!(t.app.authenticate("fp-al@demo", PW).await.is_ok());
    assert_eq!(t.get("/account", &cookie).await.0, StatusCode::SEE_OTHER);
}

/// The account page creates a token shown once, lists it, and revokes it, by POST with CSRF.
#[tokio::test]
async fn the_account_page_creates_lists_and_revokes_tokens() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-me@demo").await;
    let (s, _, body) = t
        .post(
            "/account/tokens",
            &cookie,
            &[("csrf_token", &csrf), ("label", "nightly sync"), ("days", "30")],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let token = body
        .split("<code id=\"new-token\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    assert!(token.starts_with("pwt_"));
    assert_eq!(t.api_as("GET", "/api/v1/me", &token, None).await.0, StatusCode::OK);
    let (_, _, page) = t.get("/account", &cookie).await;
    assert!(
        page.contains("nightly sync") && !page.contains(&token),
        "the token is shown once"
    );
    let me = t.app.principal_by_email("fp-me@demo").await.unwrap();
    let id = t.app.tokens(&me, "fp-me@demo").await.unwrap()[0].id.clone();
    let (s, _, _) = t
        .post(
            &format!("/account/tokens/{id}/revoke"),
            &cookie,
            &[("csrf_token", "forged")],
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = t
        .post(
            &format!("/account/tokens/{id}/revoke"),
            &cookie,
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(
        t.api_as("GET", "/api/v1/me", &token, None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

/// Issue 15, item 5: formula-like text in an export is text, in CSV and in XLSX, and numbers
/// stay numbers.
#[tokio::test]
async fn exports_do_not_run_formulas() {
    let t = T::new().await;
    let analyst = t.token("analyst@demo").await;
    let (s, v) = t
        .api_as(
            "PATCH",
            "/api/v1/institutions/rs-nsz",
            &analyst,
            Some(json!({"version": 1, "name": "=HYPERLINK(\"http://evil.example\",\"x\")", "acronym": "+SUM(1,1)"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _, csv) = t.get("/institutions/export.csv?economy=RS", "").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'+SUM(1,1)"));
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",+SUM"));
    let res = t
        .router
        .clone()
        .oneshot(
            Request::get("/institutions/export.xlsx?economy=RS")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("institutions").unwrap();
    let cells: Vec<String> = range.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(
        cells.iter().any(|c| c == "=HYPERLINK(\"http://evil.example\",\"x\")"),
        "value kept as text"
    );
    // Observations keep their values as numbers.
    let (_, _, sdmx) = t.get("/observations/export.sdmx.csv?economy=RS", "").await;
    assert!(
        !sdmx.contains(",'"),
        "no number or code was quoted: {}",
        &sdmx[..200.min(sdmx.len())]
    );
}

/// Issue 15, item 6: reading notifications changes nothing; marking them read is a POST with
/// the CSRF token, which is never taken from the query string.
#[tokio::test]
async fn state_changes_only_by_post_with_a_token_in_the_body() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let me = t.app.principal_by_email("fp-rs@demo").await.unwrap();
    // Opening a round of an exercise notifies its delegates.
    let analyst = t.app.principal_by_email("analyst@demo").await.unwrap();
    let (id, version) = exercise_with_delegate(&t.app, "Priorities", "fp-rs@demo").await;
    t.app.open_exercise_round(&analyst, &id, version).await.unwrap();
    let unread = |t: &T| {
        let me = me.clone();
        let app = t.app.clone();
        async move {
            app.notifications(&me)
                .await
                .unwrap()
                .iter()
                .filter(|n| n.read_at.is_none())
                .count()
        }
    };
    assert_eq!(unread(&t).await, 1);
    let (s, _, page) = t.get("/notifications", &cookie).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Priorities"));
    assert_eq!(unread(&t).await, 1, "a GET marks nothing read");
    let (s, _, _) = t
        .post(&format!("/notifications/read?csrf_token={csrf}"), &cookie, &[])
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a token in the query string is not accepted");
    assert_eq!(unread(&t).await, 1);
    let (s, _, _) = t.post("/notifications/read", &cookie, &[("csrf_token", &csrf)]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(unread(&t).await, 0);
}

/// Issue 15, item 8: a source date that does not exist is refused like other dates.
#[tokio::test]
async fn impossible_source_dates_are_refused() {
    let t = T::new().await;
    let analyst = t.token("analyst@demo").await;
    for (date, ok) in [("2024-02-30", false), ("2023-02-29", false), ("2024-02-29", true)] {
        let (s, v) = t
            .api_as(
                "PATCH",
                "/api/v1/institutions/rs-nsz",
                &analyst,
                Some(
                    json!({"version": t.api_as("GET", "/api/v1/institutions/rs-nsz", &analyst, None).await.1["version"],
                            "provenance": {"source": "https://www.nsz.gov.rs", "date": date, "confidence": "high"}}),
                ),
            )
            .await;
        if ok {
            assert_eq!(s, StatusCode::OK, "{date}: {v}");
        } else {
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{date}: {v}");
            assert!(v.to_string().contains("source_date"), "{v}");
        }
    }
}

/// Issue 15, item 9: one client trying passwords across accounts is stopped, and the lockout
/// is in the audit log.
#[tokio::test]
async fn password_spraying_is_limited_and_audited() {
    let t = T::new().await;
    let pre = "pre-token";
    let cookie = format!("pathways_pre={pre}");
    let accounts = [
        "admin@demo",
        "analyst@demo",
        "viewer@demo",
        "fp-al@demo",
        "fp-ba@demo",
        "fp-me@demo",
    ];
    let mut refused_at = None;
    for i in 0..40 {
        let email = accounts[i % accounts.len()];
        let (s, _, _) = t
            .post(
                "/login",
                &cookie,
                &[
                    ("csrf_token", pre),
                    ("email", email),
                    ("password", "wrong password 123"),
                ],
            )
            .await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            refused_at = Some(i);
            break;
        }
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        refused_at,
        Some(30),
        "thirty attempts from one address, across accounts"
    );
    // Even the right password is refused from that address for now.
    let (s, _, _) = t
        .post(
            "/login",
            &cookie,
            &[("csrf_token", pre), ("email", "fp-rs@demo"), ("password", PW)],
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    let log = t
        .app
        .audit(
            &system("t"),
            &pathways_app::AuditQuery {
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let lockouts: Vec<_> = log.iter().filter(|e| e.entry.action == "login_lockout").collect();
    assert_eq!(lockouts.len(), 1, "recorded once per window");
    assert!(lockouts[0].entry.note.as_deref().unwrap_or("").contains("127.0.0.1"));
}

/// The per-account limit, across addresses.
#[test]
fn one_account_from_many_addresses_is_limited() {
    let limits = pathways_web::auth::SignInLimits::new();
    let mut verdicts = vec![];
    for i in 0..22 {
        verdicts.push(limits.attempt(&format!("10.0.0.{i}"), "Admin@Demo"));
    }
    use pathways_web::auth::{LockScope, Verdict};
    assert!(verdicts[..20].iter().all(|v| *v == Verdict::Allowed));
    assert_eq!(verdicts[20], Verdict::LockedOut(LockScope::Account));
    assert_eq!(verdicts[21], Verdict::Refused);
}

/// Content security policy: no plug-ins, no base-URL hijack.
#[tokio::test]
async fn the_content_security_policy_closes_base_and_objects() {
    let t = T::new().await;
    let (_, h, _) = t.get("/", "").await;
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("base-uri 'none'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
}

/// Attachments are downloads with a type from their bytes, never rendered as a page of ours.
#[tokio::test]
async fn attachments_are_sandboxed_downloads() {
    let t = T::new().await;
    let fp = t.token("fp-rs@demo").await;
    let (s, ev) = t
        .api_as(
            "POST",
            "/api/v1/events",
            &fp,
            Some(json!({"kind": "national_consultation", "title": "M", "date": "2025-03-04", "economies": ["RS"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ev}");
    let id = ev["id"].as_str().unwrap();
    let res = t
        .router
        .clone()
        .oneshot(
            Request::post(format!("/api/v1/events/{id}/attachments?file_name=page.html"))
                .header(header::AUTHORIZATION, format!("Bearer {fp}"))
                .header(header::CONTENT_TYPE, "text/html")
                .body(Body::from("<script>alert(document.cookie)</script>"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let a: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(a["content_type"], "application/octet-stream", "{a}");
    let res = t
        .router
        .clone()
        .oneshot(
            Request::get(format!("/api/v1/attachments/{}", a["id"].as_str().unwrap()))
                .header(header::AUTHORIZATION, format!("Bearer {fp}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let h = res.headers();
    assert_eq!(h[header::CONTENT_TYPE], "application/octet-stream");
    assert_eq!(h[header::CONTENT_SECURITY_POLICY], "sandbox");
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(
        h[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
}

/// Issue 17 (smaller points): pages are compressed when the browser accepts it, and the icon a
/// browser asks for exists.
#[tokio::test]
async fn pages_are_compressed_and_the_icon_exists() {
    let t = T::new().await;
    let res = t
        .router
        .clone()
        .oneshot(
            Request::get("/economies/RS")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
    let (s, h, _) = t.get("/favicon.ico", "").await;
    assert!(s.is_redirection());
    let (s, h2, svg) = t.get(h[header::LOCATION].to_str().unwrap(), "").await;
    assert_eq!(s, StatusCode::OK);
    assert!(h2[header::CONTENT_TYPE].to_str().unwrap().starts_with("image/svg+xml") && svg.contains("<svg"));
}
