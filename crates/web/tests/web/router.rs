//! HTTP tests of the router, without a network: every role and economy against the UI and the
//! API, CSRF refusal, the 409 conflict, sign-in, and the completeness of the English messages.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pathways_app::domain::{Kind, Role};
use serde_json::json;

use crate::support::{PW, T};

const ECONOMIES: [&str; 6] = ["AL", "BA", "ME", "MK", "RS", "XK"];

fn fp(e: &str) -> String {
    format!("fp-{}@demo", e.to_ascii_lowercase())
}

#[tokio::test]
async fn the_api_lists_the_six_economies_and_facts_with_provenance() {
    let t = T::new().await;
    let (s, v) = t.api("GET", "/api/v1/economies", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let mut codes: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, ECONOMIES);
    for e in ECONOMIES {
        let (_, v) = t
            .api("GET", &format!("/api/v1/practices?economy={e}"), None, None)
            .await;
        let items = v["items"].as_array().unwrap();
        assert!(
            items
                .iter()
                .all(|p| p["provenance"]["source"].is_string() && p["stage"].is_string() && p["version"].is_i64())
        );
    }
    let (s, v) = t.api("GET", "/api/v1/practices?colour=blue", None, None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
}

#[tokio::test]
async fn api_writes_per_role_and_economy() {
    let t = T::new().await;
    for target in ECONOMIES {
        let (_, v) = t
            .api("GET", &format!("/api/v1/institutions?economy={target}"), None, None)
            .await;
        let id = v["items"][0]["id"].as_str().unwrap().to_string();
        for who in ECONOMIES {
            let token = t.token(&fp(who)).await;
            let (_, cur) = t.api("GET", &format!("/api/v1/institutions/{id}"), None, None).await;
            let body = json!({"version": cur["version"], "website": format!("https://example.org/{who}")});
            let (s, _) = t
                .api("PATCH", &format!("/api/v1/institutions/{id}"), Some(&token), Some(body))
                .await;
            let expected = if who == target {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(s, expected, "fp of {who} patching {target}");
        }
        for (email, expected) in [
            ("viewer@demo", StatusCode::FORBIDDEN),
            ("analyst@demo", StatusCode::OK),
            ("admin@demo", StatusCode::OK),
        ] {
            let token = t.token(email).await;
            let (_, cur) = t.api("GET", &format!("/api/v1/institutions/{id}"), None, None).await;
            let (s, _) = t
                .api(
                    "PATCH",
                    &format!("/api/v1/institutions/{id}"),
                    Some(&token),
                    Some(json!({"version": cur["version"], "interest": 4})),
                )
                .await;
            assert_eq!(s, expected, "{email} patching {target}");
        }
    }
    let (s, v) = t
        .api(
            "PATCH",
            "/api/v1/institutions/rs-nsz",
            None,
            Some(json!({"version": 1})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );
}

#[tokio::test]
async fn a_stale_api_save_gets_409_with_the_current_record() {
    let t = T::new().await;
    let token = t.token("fp-rs@demo").await;
    let (s, _) = t
        .api(
            "PATCH",
            "/api/v1/institutions/rs-ite",
            Some(&token),
            Some(json!({"version": 1, "website": "https://one.example"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = t
        .api(
            "PATCH",
            "/api/v1/institutions/rs-ite",
            Some(&token),
            Some(json!({"version": 1, "website": "https://two.example"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(v["error"]["code"], "version_conflict");
    assert_eq!(v["error"]["current"]["website"], "https://one.example");
    let analyst = t.token("analyst@demo").await;
    let (s, v) = t
        .api("GET", "/api/v1/audit?entity_id=rs-ite", Some(&analyst), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["items"][0]["after"]["website"], "https://one.example");
    let (s, _) = t.api("GET", "/api/v1/audit?entity_id=rs-ite", Some(&token), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ui_edit_pages_per_role_and_economy() {
    let t = T::new().await;
    for who in ECONOMIES {
        let (cookie, _) = t.session(&fp(who)).await;
        for target in ECONOMIES {
            let (_, v) = t
                .api("GET", &format!("/api/v1/institutions?economy={target}"), None, None)
                .await;
            let id = v["items"][0]["id"].as_str().unwrap();
            let (s, _, body) = t.page(&format!("/institutions/{id}/edit"), Some(&cookie)).await;
            if who == target {
                assert_eq!(s, StatusCode::OK, "fp of {who} on {target}");
                assert!(body.contains("name=\"csrf_token\""));
            } else {
                assert_eq!(s, StatusCode::FORBIDDEN, "fp of {who} on {target}");
            }
        }
    }
    let (cookie, _) = t.session("viewer@demo").await;
    let (s, _, _) = t.page("/institutions/rs-nsz/edit", Some(&cookie)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, h, _) = t.page("/institutions/rs-nsz/edit", None).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(h[header::LOCATION].to_str().unwrap().starts_with("/login"));
}

/// The Serbian employment service's edit form posted with `cookie` from `origin`.
async fn edit_rs(
    t: &T,
    cookie: &str,
    csrf: &str,
    version: &str,
    website: &str,
    origin: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    t.post_form(
        "/institutions/rs-nsz/edit",
        cookie,
        &edit_form(csrf, version, website),
        origin,
    )
    .await
}

fn edit_form<'a>(csrf: &'a str, version: &'a str, website: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("version", version),
        ("economy", "RS"),
        ("kind", "employment_service"),
        ("name", "National Employment Service"),
        ("stages", "demand;monitoring;data"),
        ("mandate", "Labour-market test."),
        ("power", "4"),
        ("interest", "4"),
        ("website", website),
        ("source", "https://nsz.gov.rs"),
        ("source_date", "2024-02"),
        ("confidence", "high"),
    ]
}

#[tokio::test]
async fn ui_forms_need_the_csrf_token_and_a_same_origin() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let (s, _, body) = edit_rs(&t, &cookie, "", "1", "https://x.example", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    let (s, _, _) = edit_rs(&t, &cookie, "forged", "1", "https://x.example", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = edit_rs(
        &t,
        &cookie,
        &csrf,
        "1",
        "https://x.example",
        Some("https://evil.example"),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        t.api("GET", "/api/v1/institutions/rs-nsz", None, None).await.1["version"],
        1
    );
    let (s, h, _) = edit_rs(
        &t,
        &cookie,
        &csrf,
        "1",
        "https://x.example",
        Some("http://pathways.test"),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(
        h[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/institutions/rs-nsz")
    );
    let (_, v) = t.api("GET", "/api/v1/institutions/rs-nsz", None, None).await;
    assert_eq!(
        (v["version"].as_i64(), v["website"].as_str()),
        (Some(2), Some("https://x.example"))
    );
    // The record page shows the change in its history.
    let (_, _, page) = t.page("/institutions/rs-nsz", Some(&cookie)).await;
    assert!(page.contains("https://x.example") && page.contains("fp-rs@demo"));
}

#[tokio::test]
async fn a_source_date_is_chosen_by_year_month_and_day_and_saved_to_its_precision() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let (_, _, form) = t.page("/institutions/rs-nsz/edit", Some(&cookie)).await;
    assert!(
        form.contains(r#"name="source_date.year""#) && form.contains(">February<"),
        "{form}"
    );
    let mut fields: Vec<(&str, &str)> = edit_form(&csrf, "1", "https://nsz.gov.rs")
        .into_iter()
        .filter(|(k, _)| *k != "source_date")
        .collect();
    fields.extend([
        ("source_date.year", "2023"),
        ("source_date.month", "11"),
        ("source_date.day", ""),
    ]);
    let (s, _, body) = t.post_form("/institutions/rs-nsz/edit", &cookie, &fields, None).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let (_, v) = t.api("GET", "/api/v1/institutions/rs-nsz", None, None).await;
    assert_eq!(v["provenance"]["date"], "2023-11", "{v}");
    // The form shows the saved parts again, the month by name.
    let (_, _, form) = t.page("/institutions/rs-nsz/edit", Some(&cookie)).await;
    assert!(form.contains(r#"value="2023""#) && form.contains(r#"<option value="11" selected>November"#));
}

#[tokio::test]
async fn a_stale_ui_save_shows_the_other_change_and_keeps_the_users_text() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let (s, _, _) = edit_rs(&t, &cookie, &csrf, "1", "https://first.example", None).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, _, body) = edit_rs(&t, &cookie, &csrf, "1", "https://second.example", None).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(body.contains("https://first.example") && body.contains("https://second.example"));
    assert!(body.contains(r#"name="version" value="2""#));
    let (_, v) = t.api("GET", "/api/v1/institutions/rs-nsz", None, None).await;
    assert_eq!(v["website"], "https://first.example");
}

#[tokio::test]
async fn sign_in_sets_a_fresh_secure_session_and_is_rate_limited() {
    let t = T::new().await;
    let pre = "pre-token-value";
    let cookie = format!("pathways_pre={pre}; pathways_session=stale-old-session");
    let (s, h, _) = t
        .post_form(
            "/login",
            &cookie,
            &[
                ("csrf_token", pre),
                ("email", "fp-al@demo"),
                ("password", PW),
                ("next", "/economies/AL"),
            ],
            None,
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h[header::LOCATION], "/economies/AL");
    let set: Vec<&str> = h
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let session = set.iter().find(|c| c.starts_with("pathways_session=")).unwrap();
    assert!(session.contains("HttpOnly") && session.contains("Secure") && session.contains("SameSite=Lax"));
    assert!(!session.contains("stale-old-session"));
    // Without the pre-session token the form is refused (login CSRF).
    let (s, _, _) = t
        .post_form(
            "/login",
            "pathways_pre=abc",
            &[("csrf_token", "xyz"), ("email", "fp-al@demo"), ("password", PW)],
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // An open redirect is not followed.
    let (_, h, _) = t
        .post_form(
            "/login",
            &cookie,
            &[
                ("csrf_token", pre),
                ("email", "fp-al@demo"),
                ("password", PW),
                ("next", "//evil.example"),
            ],
            None,
        )
        .await;
    assert_eq!(h[header::LOCATION], "/work", "a hostile next lands on My work");
    for i in 0..12 {
        let (s, _, _) = t
            .post_form(
                "/login",
                &cookie,
                &[
                    ("csrf_token", pre),
                    ("email", "viewer@demo"),
                    ("password", "wrong password"),
                ],
                None,
            )
            .await;
        let expected = if i < 10 {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(s, expected, "attempt {i}");
    }
}

#[tokio::test]
async fn public_pages_render_with_the_kosovo_footnote() {
    let t = T::new().await;
    for path in [
        "/",
        "/economies/XK",
        "/economies/RS",
        "/institutions",
        "/practices?stage=pre_departure",
        "/observations?economy=BA",
        "/countries-of-origin",
        "/institutions/rs-nsz",
        "/login",
        "/api/docs",
    ] {
        let (s, _, body) = t.page(path, None).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        if path != "/api/docs" {
            assert!(body.contains("Kosovo*") || path != "/", "{path}");
            assert!(body.contains("UNSCR 1244/1999"), "{path}");
        }
    }
    let (s, h, _) = t.page("/static/htmx-2.0.11.min.js", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().contains("javascript"));
    let (s, h, body) = t.page("/observations/export.csv?economy=RS", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("observations.csv")
    );
    assert!(body.lines().skip(1).all(|l| l.contains(",RS,")));
}

#[tokio::test]
async fn openapi_describes_every_collection() {
    let t = T::new().await;
    let (s, v) = t.api("GET", "/api/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    for k in Kind::ALL {
        let p = format!("/api/v1/{}", k.plural());
        assert!(v["paths"][&p]["get"].is_object(), "{p}");
        assert!(v["paths"][format!("{p}/{{id}}")]["patch"].is_object(), "{p}");
    }
}

#[test]
fn every_message_used_in_templates_and_code_exists_in_english() {
    let m = pathways_web::i18n::Messages::load().unwrap();
    // Templates sit beside their handlers: every `.html` and `.rs` file under `src/`.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut keys = vec![];
    let mut dirs = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html" || e == "rs") {
                keys.extend(pathways_web::i18n::keys_in(&std::fs::read_to_string(path).unwrap()));
            }
        }
    }
    keys.extend(
        [
            "shared_vulnerability",
            "procedural_gap",
            "cross_cutting_trend",
            "secondary_migration",
            "institutional_challenge",
            "raised_at_event",
        ]
        .map(|k| format!("finding-kind-{k}")),
    );
    keys.extend(["candidate", "accepted", "edited", "rejected"].map(|k| format!("finding-status-{k}")));
    keys.extend(pathways_app::domain::event::EVENT_KINDS.map(|k| format!("event-kind-{k}")));
    keys.extend(
        [
            "open",
            "closed",
            "draft",
            "submitted",
            "has_issues",
            "approved",
            "rejected",
        ]
        .map(|s| format!("rstate-{s}")),
    );
    for k in Kind::ALL {
        keys.push(format!("kind-{}", k.as_str()));
        keys.extend(
            pathways_app::domain::dataset::header(k)
                .iter()
                .filter(|c| **c != "id")
                .map(|c| format!("field-{c}")),
        );
    }
    keys.extend(["absent", "partial", "complete", "unknown"].map(|s| format!("status-{s}")));
    // Screening's code lists, labelled through `ui::label` (underscores as hyphens).
    let hyphens = |prefix: &str, code: &str| format!("{prefix}-{}", code.replace('_', "-"));
    keys.extend(
        pathways_app::domain::checks::CheckCode::ALL
            .iter()
            .map(|c| hyphens("check", c.as_str())),
    );
    keys.extend(
        [
            "date_of_birth",
            "sex",
            "passport_number",
            "passport_expiry",
            "contract_start",
            "contract_end",
            "application_date",
            "pathway",
            "occupation",
            "mrz",
        ]
        .map(|f| hyphens("case-field", f)),
    );
    keys.extend(Role::ALL.map(|r| format!("role-{}", r.as_str())));
    keys.extend(
        [
            "unauthenticated",
            "forbidden",
            "not_found",
            "version_conflict",
            "invalid",
            "in_use",
            "io",
            "duplicate",
            "internal",
        ]
        .map(|c| format!("error-{c}")),
    );
    let missing: Vec<&String> = keys.iter().filter(|k| !k.contains('{') && !m.has(k)).collect();
    assert!(missing.is_empty(), "missing English messages: {missing:?}");
    assert!(keys.len() > 150);
}

/// A multipart form as a browser sends it: the CSRF token as a field, then the file.
fn multipart(file_name: &str, content: &[u8], csrf: &str) -> (String, Vec<u8>) {
    let boundary = "pathways-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn ui_import_refuses_a_bad_file_whole_and_accepts_a_good_one() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let before = t.api("GET", "/api/v1/observations?economy=RS", None, None).await.1["count"].clone();
    let post = |csv: &'static str, token: String| {
        let (ct, body) = multipart("figures.csv", csv.as_bytes(), &token);
        Request::builder()
            .method("POST")
            .uri("/import/observations")
            .header(header::COOKIE, cookie.clone())
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap()
    };
    let bad = "INDICATOR,REF_AREA,TIME_PERIOD,CITIZENSHIP,SECTOR,SEX,OBS_VALUE,OBS_FLAG,SOURCE\n\
               RS_SINGLE_PERMITS,RS,2030,NP,_T,_T,100,,https://example.org/a\n\
               RS_SINGLE_PERMITS,RS,2031,NP,_T,_T,1.2.3,,https://example.org/b\n";
    let (s, _, _) = t.send(post(bad, "forged".into())).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, body) = t.send(post(bad, csrf.clone())).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("figures.csv:3: column `OBS_VALUE`"), "{body}");
    assert_eq!(
        t.api("GET", "/api/v1/observations?economy=RS", None, None).await.1["count"],
        before
    );
    let good = "INDICATOR,REF_AREA,TIME_PERIOD,CITIZENSHIP,SECTOR,SEX,OBS_VALUE,OBS_FLAG,SOURCE\n\
                RS_SINGLE_PERMITS,RS,2030,NP,_T,_T,100,,https://example.org/a\n";
    let (s, _, body) = t.send(post(good, csrf)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(body.contains("1 created"));
    assert_eq!(
        t.api("GET", "/api/v1/observations?economy=RS", None, None).await.1["count"],
        before.as_i64().unwrap() + 1
    );
}

/// Issue 17: the content security policy allows no inline script or handler, so none is written:
/// behaviour comes from `static/pathways.js` through data attributes.
#[test]
fn no_template_has_an_inline_script_or_handler() {
    let mut found = vec![];
    for (path, text) in templates() {
        {
            for (n, line) in text.lines().enumerate() {
                let lower = line.to_ascii_lowercase();
                let handler = lower.match_indices(" on").any(|(i, _)| {
                    lower[i + 3..].chars().take_while(char::is_ascii_alphabetic).count() > 2
                        && lower[i + 3..]
                            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                            .starts_with('=')
                });
                let inline_script = lower.contains("<script") && !lower.contains("src=");
                if handler || inline_script || lower.contains("javascript:") {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "inline script in templates:\n{}", found.join("\n"));
}

/// Every template of the web crate: its path and text.
fn templates() -> Vec<(std::path::PathBuf, String)> {
    let mut out = vec![];
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out
}

/// Issue 17: on a phone a wide table scrolls inside its box instead of widening the page, so every
/// table sits in a `table-scroll` box (the stylesheet gives it its scrolling).
#[test]
fn every_table_scrolls_inside_its_box() {
    let mut bare = vec![];
    for (path, text) in templates() {
        for (at, _) in text.match_indices("<table") {
            if !text[..at].ends_with("<div class=\"table-scroll\">") {
                bare.push(format!("{}: {}", path.display(), &text[at..(at + 60).min(text.len())]));
            }
        }
    }
    assert!(bare.is_empty(), "tables outside a scrolling box:\n{}", bare.join("\n"));
    let css = include_str!("../../static/pathways.css");
    assert!(css.contains(".table-scroll { overflow-x: auto;"));
}

/// Issue 16: the OpenAPI document is generated from the handlers; a client generated from it
/// needs one name per operation, the error body on every operation, and the request types of the
/// handlers as schemas.
#[test]
fn the_generated_openapi_document_names_each_operation_once_and_types_its_bodies() {
    let doc = pathways_web::api::openapi_doc();
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap().to_string();
            assert!(ids.insert(id.clone()), "{method} {path}: operationId {id} twice");
            assert!(op["responses"]["4XX"].is_object(), "{method} {path}: no error body");
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{method} {path}: no summary"
            );
        }
    }
    let save = &doc["paths"]["/api/v1/responses/{id}"]["patch"];
    assert_eq!(
        save["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Save"
    );
    assert!(doc["components"]["schemas"]["NewRound"]["properties"]["deadline"].is_object());
    // Reads of the map are open; everything else asks for a token or a session.
    assert!(doc["paths"]["/api/v1/institutions"]["get"].get("security").is_none());
    assert!(doc["paths"]["/api/v1/rounds"]["get"]["security"].is_array());
}

/// Issue 17, point 10: stages are boxes to tick, not codes typed with semicolons; the ticked
/// boxes are saved as the list and shown ticked again.
#[tokio::test]
async fn stages_are_ticked_not_typed() {
    let t = T::new().await;
    let (cookie, csrf) = t.session("fp-rs@demo").await;
    let (_, _, form) = t.page("/institutions/rs-nsz/edit", Some(&cookie)).await;
    assert!(
        form.contains("type=\"checkbox\" name=\"stages\" value=\"demand\" checked"),
        "current stages ticked"
    );
    assert!(form.contains("Labour demand"), "each box with its label");
    let mut fields = edit_form(&csrf, "1", "https://nsz.gov.rs");
    fields.retain(|(k, _)| *k != "stages");
    fields.extend([("stages", "demand"), ("stages", "entry")]);
    let (s, _, _) = t.post_form("/institutions/rs-nsz/edit", &cookie, &fields, None).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, v) = t.api("GET", "/api/v1/institutions/rs-nsz", None, None).await;
    assert_eq!(v["stages"], serde_json::json!(["demand", "entry"]));
    let (_, _, form) = t.page("/institutions/rs-nsz/edit", Some(&cookie)).await;
    assert!(form.contains("value=\"entry\" checked") && !form.contains("value=\"data\" checked"));
}
