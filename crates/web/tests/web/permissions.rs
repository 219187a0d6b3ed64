//! The permission matrix, generated from the router: for every route the server answers and
//! every role (anonymous, viewer, a focal point of another economy, the focal point of the
//! record's economy, analyst, admin), the expected outcome is declared in one table, [`EXPECTED`],
//! and checked against a fresh copy of one seeded database. A route added without a row fails.
//!
//! Outcomes: `A` allowed (not 401/403, no sign-in redirect, no 5xx; a 4xx about the empty body
//! or a 404 after an earlier role deleted the record count as allowed), `L` sent to sign in
//! (UI), `U` 401 (API), `F` 403, `N` 404 (the record is hidden from that caller).
//!
//! Requests carry no meaningful body: what is checked is who gets past the permission check, not
//! what a valid change does (the feature tests do that). Roles run from the least to the most
//! privileged on the same copy, so what an allowed role changes cannot hide a refusal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_app::auth::system;
use pathways_app::domain::Kind;
use pathways_web::{AppState, router, routes};
use serde_json::{Value, json};
use tower::ServiceExt;

const PW: &str = "a long test password";
const FORM: &[u8] = include_bytes!("../../../../data/questionnaires/mapping.xlsx");

/// The callers, in the order they are tried on each route.
const ROLES: [&str; 6] = [
    "anonymous",
    "viewer@demo",
    "fp-al@demo",
    "fp-rs@demo",
    "analyst@demo",
    "admin@demo",
];

/// (method, path pattern, outcome per role in [`ROLES`] order).
const EXPECTED: &[(&str, &str, &str)] = &[
    // Public pages and documents.
    ("GET", "/", "AAAAAA"),
    ("GET", "/economies/{code}", "AAAAAA"),
    ("GET", "/countries-of-origin", "AAAAAA"),
    ("GET", "/login", "AAAAAA"),
    ("POST", "/login", "UUUUUU"),
    ("POST", "/logout", "AAAAAA"),
    ("GET", "/setup", "FFFFFF"),
    ("POST", "/setup", "FFFFFF"),
    ("GET", "/welcome/{token}", "AAAAAA"),
    ("POST", "/welcome/{token}", "AAAAAA"),
    ("GET", "/static/{file}", "AAAAAA"),
    ("GET", "/api/docs", "AAAAAA"),
    ("GET", "/healthz", "AAAAAA"),
    // The operators': readiness for anyone, metrics for the host (a loopback client here).
    ("GET", "/readyz", "AAAAAA"),
    ("GET", "/metrics", "AAAAAA"),
    ("GET", "/favicon.ico", "AAAAAA"),
    ("GET", "/{plural}", "AAAAAA"),
    ("GET", "/{plural}/export.csv", "AAAAAA"),
    ("GET", "/{plural}/export.xlsx", "AAAAAA"),
    ("GET", "/{plural}/export.sdmx.csv", "AAAAAA"),
    ("GET", "/{plural}/{id}", "AAAAAA"),
    ("GET", "/export/all.xlsx", "AAAAAA"),
    ("GET", "/export/stakeholders.xlsx", "AAAAAA"),
    // Changing the map: the record's economy, analysts and admins.
    ("GET", "/{plural}/new", "LFAAAA"),
    ("POST", "/{plural}/new", "LFFAAA"),
    ("GET", "/{plural}/{id}/edit", "LFFAAA"),
    ("POST", "/{plural}/{id}/edit", "LFFAAA"),
    ("POST", "/{plural}/{id}/delete", "LFFAAA"),
    ("GET", "/import", "LFAAAA"),
    ("POST", "/import/observations", "LFAAAA"),
    ("POST", "/import/stakeholders", "LFAAAA"),
    ("GET", "/audit", "LFFFAA"),
    // Account.
    ("GET", "/admin/users", "LFFFFA"),
    ("POST", "/admin/users", "LFFFFA"),
    ("POST", "/admin/users/role", "LFFFFA"),
    ("POST", "/admin/users/reset", "LFFFFA"),
    ("POST", "/admin/users/disable", "LFFFFA"),
    ("POST", "/admin/users/enable", "LFFFFA"),
    ("GET", "/work", "LAAAAA"),
    ("GET", "/account", "LAAAAA"),
    ("POST", "/account/language", "LAAAAA"),
    ("POST", "/account/tokens", "LAAAAA"),
    ("POST", "/account/tokens/{id}/revoke", "LNNANA"),
    // Questionnaire rounds.
    ("GET", "/rounds", "LAAAAA"),
    ("POST", "/rounds", "LFFFAA"),
    ("POST", "/questionnaires", "LFFFAA"),
    ("GET", "/questionnaires/{id}/form.xlsx", "LAAAAA"),
    ("GET", "/questionnaires/{id}/form.xml", "LAAAAA"),
    ("GET", "/rounds/{id}", "LFAAAA"),
    ("POST", "/rounds/{id}/state", "LFFFAA"),
    ("GET", "/rounds/{id}/export.xlsx", "LFAAAA"),
    ("GET", "/rounds/{id}/export.csv", "LFAAAA"),
    ("GET", "/responses/{id}", "LFFAAA"),
    ("POST", "/responses/{id}/save", "LFFAAA"),
    ("POST", "/responses/{id}/submit", "LFFAAA"),
    ("GET", "/responses/{id}/review", "LFFFAA"),
    ("POST", "/responses/{id}/review", "LFFFAA"),
    ("GET", "/responses/{id}/versions", "LFFAAA"),
    // Events.
    ("GET", "/events", "LAAAAA"),
    ("GET", "/events/new", "LAAAAA"),
    ("POST", "/events/new", "LAAAAA"),
    ("GET", "/events/{id}", "LFFAAA"),
    ("GET", "/events/{id}/edit", "LFFAAA"),
    ("POST", "/events/{id}/edit", "LFFAAA"),
    ("POST", "/events/{id}/delete", "LFFAAA"),
    ("POST", "/events/{id}/attachments", "LFFAAA"),
    ("GET", "/attachments/{id}", "LFFAAA"),
    // Analysis and documents.
    ("GET", "/analysis", "LAAAAA"),
    ("POST", "/analysis", "LFFFAA"),
    ("GET", "/documents", "LAAAAA"),
    ("GET", "/documents/{file}", "LAAAAA"),
    // Validation and roadmap.
    ("GET", "/exercises", "LAAAAA"),
    ("POST", "/exercises", "LFFFAA"),
    ("GET", "/exercises/{id}", "LAAAAA"),
    ("POST", "/exercises/{id}", "LFFFAA"),
    ("GET", "/exercises/{id}/minutes/{file}", "LAAAAA"),
    ("GET", "/roadmap", "LAAAAA"),
    ("POST", "/roadmap/draft", "LFFFAA"),
    ("GET", "/roadmap/actions/{id}", "LAAAAA"),
    ("POST", "/roadmap/actions/{id}", "LFFAAA"),
    ("GET", "/roadmap/documents/{file}", "LAAAAA"),
    ("GET", "/notifications", "LAAAAA"),
    ("POST", "/notifications/read", "LAAAAA"),
    // The JSON API: reads of published facts are open; everything else needs a token.
    ("GET", "/api/openapi.json", "AAAAAA"),
    ("GET", "/api/v1/me", "UAAAAA"),
    ("GET", "/api/v1/vocabulary", "AAAAAA"),
    ("GET", "/api/v1/economies", "AAAAAA"),
    ("GET", "/api/v1/economies/{code}", "AAAAAA"),
    ("GET", "/api/v1/audit", "UFFFAA"),
    ("GET", "/api/v1/{kinds}", "AAAAAA"),
    ("POST", "/api/v1/{kinds}", "UFFAAA"),
    ("GET", "/api/v1/{kinds}/{id}", "AAAAAA"),
    ("PATCH", "/api/v1/{kinds}/{id}", "UFFAAA"),
    ("DELETE", "/api/v1/{kinds}/{id}", "UFFAAA"),
    ("GET", "/api/v1/{kinds}/{id}/history", "UAAAAA"),
    ("GET", "/api/v1/questionnaires", "UFFFAA"),
    ("POST", "/api/v1/questionnaires", "UFFFAA"),
    ("GET", "/api/v1/questionnaires/{id}", "UAAAAA"),
    ("GET", "/api/v1/questionnaires/{id}/form.xlsx", "UAAAAA"),
    ("GET", "/api/v1/questionnaires/{id}/form.xml", "UAAAAA"),
    ("GET", "/api/v1/rounds", "UAAAAA"),
    ("POST", "/api/v1/rounds", "UFFFAA"),
    ("GET", "/api/v1/rounds/{id}", "UFAAAA"),
    ("POST", "/api/v1/rounds/{id}/close", "UFFFAA"),
    ("GET", "/api/v1/rounds/{id}/export.xlsx", "UFAAAA"),
    ("GET", "/api/v1/rounds/{id}/export.csv", "UFAAAA"),
    ("POST", "/api/v1/rounds/{id}/reopen", "UFFFAA"),
    ("GET", "/api/v1/responses/{id}", "UFFAAA"),
    ("PATCH", "/api/v1/responses/{id}", "UFFAAA"),
    ("POST", "/api/v1/responses/{id}/submit", "UFFAAA"),
    ("POST", "/api/v1/responses/{id}/review", "UFFFAA"),
    ("GET", "/api/v1/responses/{id}/versions", "UFFAAA"),
    ("GET", "/api/v1/responses/{id}/proposals", "UFFFAA"),
    ("GET", "/api/v1/events", "UAAAAA"),
    ("POST", "/api/v1/events", "UFFAAA"),
    ("GET", "/api/v1/events/{id}", "UFFAAA"),
    ("PATCH", "/api/v1/events/{id}", "UFFAAA"),
    ("DELETE", "/api/v1/events/{id}", "UFFAAA"),
    ("GET", "/api/v1/events/{id}/attachments", "UFFAAA"),
    ("POST", "/api/v1/events/{id}/attachments", "UFFAAA"),
    ("GET", "/api/v1/attachments/{id}", "UFFAAA"),
    ("GET", "/api/v1/findings", "UAAAAA"),
    ("GET", "/api/v1/exercises", "UAAAAA"),
    ("POST", "/api/v1/exercises", "UFFFAA"),
    ("GET", "/api/v1/exercises/{id}", "UAAAAA"),
    ("POST", "/api/v1/exercises/{id}/participants", "UFFFAA"),
    ("POST", "/api/v1/exercises/{id}/rounds", "UFFFAA"),
    ("POST", "/api/v1/exercises/{id}/rounds/close", "UFFFAA"),
    // Only the exercise's delegates rate (the demo invites every focal point, not analysts).
    ("POST", "/api/v1/exercises/{id}/ratings", "UFAAFF"),
    ("POST", "/api/v1/exercises/{id}/reminders", "UFFFAA"),
    ("POST", "/api/v1/exercises/{id}/items/{item}", "UFFFAA"),
    ("POST", "/api/v1/exercises/{id}/close", "UFFFAA"),
    ("GET", "/api/v1/roadmap/actions", "UAAAAA"),
    ("POST", "/api/v1/roadmap/actions", "UFFFAA"),
    ("GET", "/api/v1/roadmap/actions/{id}", "UAAAAA"),
    ("PUT", "/api/v1/roadmap/actions/{id}", "UFFFAA"),
    ("DELETE", "/api/v1/roadmap/actions/{id}", "UFFFAA"),
    ("GET", "/api/v1/roadmap/actions/{id}/updates", "UAAAAA"),
    ("POST", "/api/v1/roadmap/actions/{id}/updates", "UFFAAA"),
    ("POST", "/api/v1/roadmap/drafts", "UFFFAA"),
    ("GET", "/api/v1/roadmap/catalogue", "UAAAAA"),
    ("GET", "/api/v1/roadmap/alignment", "UAAAAA"),
    ("GET", "/api/v1/roadmap/dashboard", "UAAAAA"),
    ("GET", "/api/v1/notifications", "UAAAAA"),
    ("POST", "/api/v1/notifications/read", "UAAAAA"),
    // Screening: a case is its economy's case officers' (none of these roles); to the others it
    // does not exist. The case officers' own access is in `screening.rs`.
    ("GET", "/api/v1/cases", "UFFFFF"),
    ("POST", "/api/v1/cases", "UFFFFF"),
    ("GET", "/api/v1/cases/{id}", "UNNNNN"),
    // Admins read who read a case (not the case).
    ("GET", "/api/v1/cases/{id}/reads", "UNNNNA"),
    ("POST", "/api/v1/cases/{id}/verification-requests", "UFFFFF"),
    ("GET", "/api/v1/cases/{id}/verification-requests", "UNNNNN"),
    ("GET", "/api/v1/verification-requests", "UFFFFF"),
    ("POST", "/api/v1/verification-requests/{id}/answer", "UFFFFF"),
    ("POST", "/api/v1/cases/{id}/decision", "UFFFFF"),
    ("POST", "/api/v1/cases/{id}/state", "UFFFFF"),
    // The reasons are a code list, not a person's data.
    ("GET", "/api/v1/decision-reasons", "UAAAAA"),
    ("PUT", "/api/v1/cases/{id}", "UFFFFF"),
    ("POST", "/api/v1/cases/{id}/outcomes", "UFFFFF"),
    ("GET", "/api/v1/cases/{id}/export", "UNNNNN"),
    ("GET", "/api/v1/screening/pseudonymised.csv", "UFFFFF"),
    ("POST", "/api/v1/cases/import", "UFFFFF"),
    // Rules hold no one's data: read by analysts and admins too, set by officers only.
    ("GET", "/api/v1/screening/rules", "UFFFAA"),
    ("PUT", "/api/v1/screening/rules", "UFFFFF"),
    ("GET", "/screening/rules", "LFFFAA"),
    ("POST", "/screening/rules", "LFFFFF"),
    // Identity links join cases: their economy's case officers' only (see `screening.rs`).
    ("GET", "/api/v1/identity-links", "UFFFFF"),
    ("GET", "/api/v1/identity-links/{id}", "UNNNNN"),
    ("POST", "/api/v1/identity-links/{id}/decision", "UFFFFF"),
    ("GET", "/api/v1/records/{id}/timeline", "UFFFFF"),
    ("GET", "/screening/identity", "LFFFFF"),
    ("POST", "/api/v1/person-registers", "UFFFFF"),
    ("GET", "/api/v1/person-registers", "UFFFFF"),
    ("POST", "/screening/persons", "LFFFFF"),
    ("GET", "/api/v1/linkage-params", "UFFFFF"),
    ("POST", "/api/v1/linkage-params/train", "UFFFFF"),
    ("POST", "/api/v1/linkage-params/{version}/use", "UFFFFF"),
    ("POST", "/screening/identity/train", "LFFFFF"),
    ("POST", "/screening/identity/params/{version}", "LFFFFF"),
    ("POST", "/screening/identity/{id}", "LFFFFF"),
    // A case's files are read exactly where the case is; a request's also by its country.
    ("GET", "/api/v1/cases/{id}/files", "UNNNNN"),
    ("POST", "/api/v1/cases/{id}/files", "UNNNNN"),
    ("GET", "/api/v1/verification-requests/{id}/files", "UNNNNN"),
    ("POST", "/api/v1/verification-requests/{id}/files", "UNNNNN"),
    ("GET", "/api/v1/case-files/{id}", "UNNNNN"),
    ("POST", "/screening/cases/{id}/files", "LNNNNN"),
    ("POST", "/screening/requests/{id}/files", "LNNNNN"),
    ("GET", "/screening/files/{id}", "LNNNNN"),
    // The screening desks: figures for everyone signed in; cases and requests for none of these.
    ("GET", "/screening", "LAAAAA"),
    ("GET", "/screening/cases/new", "LFFFFF"),
    ("POST", "/screening/cases/new", "LFFFFF"),
    ("GET", "/screening/cases/{id}", "LNNNNN"),
    ("POST", "/screening/cases/{id}/requests", "LNNNNN"),
    ("POST", "/screening/cases/{id}/state", "LNNNNN"),
    ("POST", "/screening/cases/{id}/decision", "LNNNNN"),
    ("POST", "/screening/cases/{id}/outcomes", "LNNNNN"),
    ("GET", "/screening/requests", "LFFFFF"),
    ("GET", "/screening/requests/{id}", "LNNNNN"),
    ("POST", "/screening/requests/{id}/answer", "LNNNNN"),
    ("POST", "/screening/registers", "LFFFFF"),
    // Figures, never persons: everyone signed in; analysts and admins publish them.
    ("GET", "/api/v1/screening/figures", "UAAAAA"),
    ("POST", "/api/v1/screening/figures/publish", "UFFFAA"),
    ("POST", "/api/v1/registers/{kind}/{scope}", "UFFFFF"),
    // The list is filtered to what the caller works with: empty for these roles.
    ("GET", "/api/v1/registers", "UAAAAA"),
    // Encoded registers between economies: the case officers'; the keys' fingerprints also the
    // administrators' (who add them).
    ("GET", "/api/v1/federation-keys", "UFFFFA"),
    ("GET", "/api/v1/encoded-registers", "UFFFFF"),
    ("POST", "/api/v1/encoded-registers", "UFFFFF"),
    ("POST", "/api/v1/encoded-registers/export", "UFFFFF"),
    ("POST", "/api/v1/encoded-registers/publish", "UFFFFF"),
    ("GET", "/api/v1/cases/{id}/abroad", "UNNNNN"),
    ("POST", "/api/v1/cases/{id}/economy-queries", "UFFFFF"),
    ("GET", "/screening/federation", "LFFFFF"),
    ("POST", "/screening/federation/export", "LFFFFF"),
    ("POST", "/screening/federation/publish", "LFFFFF"),
    ("POST", "/screening/federation/import", "LFFFFF"),
    ("POST", "/screening/cases/{id}/economy-queries", "LFFFFF"),
];

/// The seeded database every route is tried on (a copy per route), the ids in it, and the
/// bodies of requests that would succeed for a caller allowed to make them.
struct World {
    db: PathBuf,
    ids: BTreeMap<&'static str, String>,
    institution: Value,
    institution_form: Vec<(String, String)>,
    event: Value,
    action: Value,
    exercise_version: i64,
    action_version: i64,
    response_version: i64,
}

/// What a request carries.
enum Payload {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
    /// A multipart form with one file.
    File(&'static str, Vec<u8>),
    /// The raw bytes of a file (the API's uploads).
    Bytes(Vec<u8>),
}

/// An event of RS as the event form posts it (the last field only when editing).
const EVENT_FORM: [(&str, &str); 5] = [
    ("kind", "national_consultation"),
    ("title", "Meeting"),
    ("date", "2026-11-02"),
    ("economies", "RS"),
    ("version", "1"),
];

fn form(pairs: &[(&str, &str)]) -> Payload {
    Payload::Form(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

/// A request that an allowed caller could make successfully (or nearly: a duplicate or a stale
/// version after an earlier role's change is fine), so that the answer shows the permission.
fn payload(method: &Method, path: &str, w: &World) -> (String, Payload) {
    let ids = &w.ids;
    let v = |n: i64| n.to_string();
    let json_with = |mut body: Value, extra: Value| {
        if let (Some(o), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        body
    };
    let uri = concrete(path, ids);
    let none = (uri.clone(), Payload::None);
    match (method.as_str(), path) {
        ("GET", _) => none,
        ("POST", "/login") => (
            uri,
            form(&[("email", "nobody@demo"), ("password", "wrong password 123")]),
        ),
        ("POST", "/setup") => (
            uri,
            form(&[
                ("token", "guess"),
                ("email", "root@demo"),
                ("password", "a long password 123"),
            ]),
        ),
        ("POST", "/{plural}/new") => {
            let mut f = w.institution_form.clone();
            f.retain(|(k, _)| k != "id");
            (uri, Payload::Form(f))
        }
        ("POST", "/{plural}/{id}/edit") => {
            let mut f = w.institution_form.clone();
            f.push(("version".into(), "1".into()));
            (uri, Payload::Form(f))
        }
        ("POST", "/{plural}/{id}/delete") => (uri, form(&[("version", "1")])),
        ("POST", "/import/observations") => (
            uri,
            Payload::File(
                "figures.csv",
                b"INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,SOURCE\n".to_vec(),
            ),
        ),
        ("POST", "/import/stakeholders") => (uri, Payload::File("map.xlsx", vec![])),
        ("POST", "/questionnaires") => (uri, Payload::File("mapping.xlsx", FORM.to_vec())),
        ("POST", "/events/{id}/attachments") => (uri, Payload::File("minutes.pdf", b"%PDF-1.7".to_vec())),
        ("POST", "/screening/registers") => (uri, Payload::File("employers.csv", b"id,name,status\n".to_vec())),
        ("POST", "/screening/persons") => (
            uri,
            Payload::File("absconding.csv", b"full_name,date_of_birth,passport_number\n".to_vec()),
        ),
        ("POST", "/api/v1/encoded-registers") => (uri, Payload::Bytes(b"pathways-federated/1 economy=AL\n".to_vec())),
        ("POST", "/screening/federation/import") => (
            uri,
            Payload::File("register.csv", b"pathways-federated/1 economy=AL\n".to_vec()),
        ),
        ("POST", "/api/v1/person-registers") => (
            format!("{uri}?kind=absconding"),
            Payload::Bytes(b"full_name,date_of_birth,passport_number\n".to_vec()),
        ),
        ("POST", "/screening/cases/{id}/files") | ("POST", "/screening/requests/{id}/files") => {
            (uri, Payload::File("letter.pdf", b"%PDF-1.7".to_vec()))
        }
        ("POST", "/account/tokens") => (uri, form(&[("label", "script"), ("days", "30")])),
        ("POST", "/account/language") => (uri, form(&[("lang", "sq"), ("back", "/account")])),
        ("POST", "/rounds") => (
            uri,
            form(&[
                ("questionnaire", &ids["questionnaire"]),
                ("title", "Round"),
                ("economy", "RS"),
                ("deadline", "2027-12-31"),
            ]),
        ),
        ("POST", "/rounds/{id}/state") => (uri, form(&[("op", "close")])),
        ("POST", "/responses/{id}/save") => (uri, form(&[("version", &v(w.response_version))])),
        ("POST", "/responses/{id}/submit") => (uri, form(&[("version", &v(w.response_version))])),
        ("POST", "/responses/{id}/review") => (
            uri,
            form(&[("version", &v(w.response_version)), ("decision", "approve")]),
        ),
        ("POST", "/events/new") => (uri, form(&EVENT_FORM[..4])),
        ("POST", "/events/{id}/edit") => (uri, form(&EVENT_FORM)),
        ("POST", "/events/{id}/delete") => (uri, form(&[("version", "1")])),
        ("POST", "/analysis") => (
            uri,
            form(&[("key", &ids["finding"]), ("status", "accepted"), ("version", "0")]),
        ),
        ("POST", "/exercises") => (uri, form(&[("title", "Exercise"), ("priority", "pre_departure")])),
        ("POST", "/exercises/{id}") => (
            uri,
            form(&[("op", "invite"), ("email", "fp-me@demo"), ("role", "delegate")]),
        ),
        ("POST", "/roadmap/draft") => (
            uri,
            form(&[
                ("intervention", "coo-demand-attestation"),
                ("scope", "RS"),
                ("start", "2027-01-01"),
            ]),
        ),
        ("POST", "/roadmap/actions/{id}") => (
            uri,
            form(&[
                ("op", "progress"),
                ("version", &v(w.action_version)),
                ("status", "limited"),
                ("note", "started"),
            ]),
        ),
        ("POST", "/api/v1/{kinds}") => (
            uri,
            Payload::Json(json_with(w.institution.clone(), json!({"id": "rs-permission-test"}))),
        ),
        ("PATCH", "/api/v1/{kinds}/{id}") => (
            uri,
            Payload::Json(json!({"version": 1, "website": "https://perm.example"})),
        ),
        ("DELETE", "/api/v1/{kinds}/{id}") => (format!("{uri}?version=1"), Payload::None),
        ("POST", "/api/v1/questionnaires") => (format!("{uri}?file_name=mapping.xlsx"), Payload::Bytes(FORM.to_vec())),
        ("POST", "/api/v1/rounds") => (
            uri,
            Payload::Json(
                json!({"questionnaire": ids["questionnaire"], "title": "R", "economies": ["RS"], "deadline": "2027-12-31"}),
            ),
        ),
        ("PATCH", "/api/v1/responses/{id}") => (uri, Payload::Json(json!({"version": w.response_version}))),
        ("POST", "/api/v1/responses/{id}/submit") => (uri, Payload::Json(json!({"version": w.response_version}))),
        ("POST", "/api/v1/responses/{id}/review") => (
            uri,
            Payload::Json(json!({"version": w.response_version, "decision": "approve"})),
        ),
        ("POST", "/api/v1/events") => (uri, Payload::Json(w.event.clone())),
        ("PATCH", "/api/v1/events/{id}") => (uri, Payload::Json(json_with(w.event.clone(), json!({"version": 1})))),
        ("DELETE", "/api/v1/events/{id}") => (format!("{uri}?version=1"), Payload::None),
        ("POST", "/api/v1/cases/{id}/files") | ("POST", "/api/v1/verification-requests/{id}/files") => (
            format!("{uri}?file_name=letter.pdf"),
            Payload::Bytes(b"%PDF-1.7".to_vec()),
        ),
        ("POST", "/api/v1/events/{id}/attachments") => (
            format!("{uri}?file_name=minutes.pdf"),
            Payload::Bytes(b"%PDF-1.7".to_vec()),
        ),
        ("POST", "/api/v1/exercises") => (
            uri,
            Payload::Json(json!({"title": "E", "priorities": ["pre_departure"]})),
        ),
        ("POST", "/api/v1/exercises/{id}/participants") => {
            (uri, Payload::Json(json!({"email": "fp-me@demo", "role": "delegate"})))
        }
        ("POST", "/api/v1/exercises/{id}/rounds")
        | ("POST", "/api/v1/exercises/{id}/rounds/close")
        | ("POST", "/api/v1/exercises/{id}/close") => (uri, Payload::Json(json!({"version": w.exercise_version}))),
        ("POST", "/api/v1/exercises/{id}/items/{item}") => (
            uri,
            Payload::Json(json!({"version": w.exercise_version, "outcome": "validated"})),
        ),
        ("POST", "/api/v1/exercises/{id}/ratings") => (uri, Payload::Json(json!({"ratings": []}))),
        ("POST", "/api/v1/roadmap/actions") => (uri, Payload::Json(w.action.clone())),
        ("PUT", "/api/v1/roadmap/actions/{id}") => (
            uri,
            Payload::Json(json!({"version": w.action_version, "action": w.action})),
        ),
        ("DELETE", "/api/v1/roadmap/actions/{id}") => (uri, Payload::Json(json!({"version": w.action_version}))),
        ("POST", "/api/v1/roadmap/actions/{id}/updates") => (
            uri,
            Payload::Json(json!({"version": w.action_version, "status": "limited", "note": "started"})),
        ),
        ("POST", "/api/v1/roadmap/drafts") => (
            uri,
            Payload::Json(json!({"intervention": "coo-demand-attestation", "scope": "RS", "start": "2027-01-01"})),
        ),
        _ => none,
    }
}

async fn seed(dir: &Path) -> World {
    let db = dir.join("seed.db");
    let (app, _) = App::open(db.to_str().unwrap(), None).await.unwrap();
    app.ensure_demo_users(PW).await.unwrap();
    app.ensure_demo_cycle().await.unwrap();
    let admin = system("permissions");
    let analyst = app.principal_by_email("analyst@demo").await.unwrap();
    let fp_rs = app.principal_by_email("fp-rs@demo").await.unwrap();
    let mut ids = BTreeMap::new();
    for role in &ROLES[1..] {
        ids.insert(*role, app.issue_token(&admin, role, 90, "permissions").await.unwrap());
    }
    let q = app.import_questionnaire(&analyst, "mapping.xlsx", FORM).await.unwrap();
    let round = app
        .open_round(
            &analyst,
            &q.id,
            "Mapping",
            &["RS".to_string(), "AL".to_string()],
            "2027-12-31",
        )
        .await
        .unwrap();
    let rows = app.dashboard(&analyst, &round.id).await.unwrap().rows;
    let response = rows.iter().find(|r| r.economy == "RS").unwrap().response_id.clone();
    let event = app
        .create_event(
            &fp_rs,
            json!({"kind": "national_consultation", "title": "Consultation", "date": "2026-10-15",
                   "economies": ["RS"], "notes": "notes"}),
        )
        .await
        .unwrap();
    let attachment = app
        .add_attachment(&fp_rs, &event.id, "minutes.pdf", "application/pdf", b"%PDF-1.7 minutes")
        .await
        .unwrap();
    let exercise = app.exercises(&analyst).await.unwrap()[0].clone();
    let view = app.exercise(&analyst, &exercise.id).await.unwrap();
    let action = app
        .roadmap(&analyst)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.action.scope == "RS")
        .unwrap();
    app.issue_token(&admin, "fp-rs@demo", 90, "to revoke").await.unwrap();
    let token = app.tokens(&admin, "fp-rs@demo").await.unwrap()[0].id.clone();
    ids.insert("questionnaire", q.id);
    ids.insert("round", round.id);
    ids.insert("response", response);
    ids.insert("event", event.id);
    ids.insert("attachment", attachment.id);
    ids.insert("exercise", exercise.id);
    ids.insert("item", view.items[0].id.clone());
    ids.insert("action", action.id);
    ids.insert("token", token);
    let officer = app.principal_by_email("officer-rs@demo").await.unwrap();
    let case = app
        .create_case(
            &officer,
            pathways_app::domain::case::CaseFields {
                economy: "RS".into(),
                full_name: "Sunita Tamang".into(),
                date_of_birth: "1994".into(),
                nationality: "NP".into(),
                passport_number: "PA1234567".into(),
                ..Default::default()
            },
            true,
        )
        .await
        .unwrap();
    let request = app
        .request_verification(&officer, &case.id, "NP", "identity", None, "")
        .await
        .unwrap();
    let file = app
        .attach_case_file(
            &officer,
            pathways_app::screening::files::Attached::Case(&case.id),
            "letter.pdf",
            b"%PDF-1.7",
        )
        .await
        .unwrap();
    ids.insert("file", file.id);
    ids.insert("case", case.id);
    ids.insert("request", request.id);
    ids.insert(
        "finding",
        app.analysis(&analyst).await.unwrap().findings[0].candidate.key.clone(),
    );
    let institution =
        pathways_app::map::records::to_api_json(&app.get(&analyst, Kind::Institution, "rs-nsz").await.unwrap());
    let mut institution = institution;
    if let Some(o) = institution.as_object_mut() {
        o.remove("id");
        o.remove("version");
        o.remove("updated_at");
        o.remove("created_at");
    }
    let csv = app
        .export_csv(
            &analyst,
            Kind::Institution,
            &pathways_app::map::records::ListFilter::default(),
        )
        .await
        .unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let row = rdr
        .records()
        .map(Result::unwrap)
        .find(|r| r.get(0) == Some("rs-nsz"))
        .unwrap();
    let institution_form = header.into_iter().zip(row.iter().map(str::to_string)).collect();
    let action_json = serde_json::to_value(&action.action).unwrap();
    let response_version = app.response(&analyst, &ids["response"]).await.unwrap().response.version;
    World {
        db,
        institution,
        institution_form,
        event: json!({"kind": "national_consultation", "title": "Meeting", "date": "2026-11-02", "economies": ["RS"]}),
        action: action_json,
        exercise_version: exercise.version,
        action_version: action.version,
        response_version,
        ids,
    }
}

/// The concrete path for a route pattern.
fn concrete(path: &str, ids: &BTreeMap<&'static str, String>) -> String {
    let id_of = |prefix: &str| -> &str {
        let key = [
            ("/api/v1/{kinds}/", "institution"),
            ("/{plural}/", "institution"),
            ("/account/tokens/", "token"),
            ("/events/", "event"),
            ("/api/v1/events/", "event"),
            ("/attachments/", "attachment"),
            ("/api/v1/attachments/", "attachment"),
            ("/rounds/", "round"),
            ("/api/v1/rounds/", "round"),
            ("/responses/", "response"),
            ("/api/v1/responses/", "response"),
            ("/questionnaires/", "questionnaire"),
            ("/api/v1/questionnaires/", "questionnaire"),
            ("/exercises/", "exercise"),
            ("/api/v1/exercises/", "exercise"),
            ("/roadmap/actions/", "action"),
            ("/api/v1/roadmap/actions/", "action"),
            ("/api/v1/cases/", "case"),
            ("/screening/cases/", "case"),
            ("/screening/requests/", "request"),
            ("/api/v1/verification-requests/", "request"),
            ("/api/v1/case-files/", "file"),
            // No role here may reach a link or a timeline: any id shows it.
            ("/api/v1/identity-links/", "case"),
            ("/screening/identity/", "case"),
            ("/api/v1/records/", "case"),
            ("/screening/files/", "file"),
        ]
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, k)| *k)
        .unwrap_or_else(|| panic!("no id for {prefix}"));
        if key == "institution" { "rs-nsz" } else { &ids[key] }
    };
    let file = if path.starts_with("/static/") {
        "pathways.css"
    } else if path.starts_with("/documents/") {
        "country-RS.html"
    } else if path.starts_with("/roadmap/documents/") {
        "roadmap-RS.html"
    } else {
        "minutes.html"
    };
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let end = rest.find('}').unwrap();
        let name = &rest[start + 1..end];
        out.push_str(&rest[..start]);
        let value = match name {
            "plural" | "kinds" => "institutions".to_string(),
            "code" | "scope" => "RS".to_string(),
            "kind" => "employers".to_string(),
            "file" => file.to_string(),
            "item" => ids["item"].clone(),
            // Anyone may open a one-time link; an unknown one says so (the link tests use real ones).
            "token" => "pwl_unknown".to_string(),
            // The shipped parameters: a version every economy has.
            "version" => "0".to_string(),
            "id" => id_of(&path[..path.find("{id}").unwrap()]).to_string(),
            other => panic!("unknown path parameter {other} in {path}"),
        };
        out.push_str(&value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A copy of the seeded database, opened, and its router.
async fn fresh_copy(dir: &Path, seed: &Path) -> (App, axum::Router) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let db = dir.join(format!("route-{n}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", seed.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", db.display())).unwrap();
        }
    }
    let (app, _) = App::open(db.to_str().unwrap(), None).await.unwrap();
    let state = AppState::new(app.clone(), None, true).unwrap();
    let r = router(state).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9999))));
    (app, r)
}

fn outcome(path: &str, status: StatusCode, location: Option<&str>) -> char {
    match status {
        StatusCode::UNAUTHORIZED => 'U',
        StatusCode::FORBIDDEN => 'F',
        StatusCode::NOT_FOUND if !path.contains('{') || path.contains("{id}") => 'N',
        s if s.is_redirection() && location.is_some_and(|l| l.starts_with("/login")) => 'L',
        s if s.is_server_error() => '!',
        _ => 'A',
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_declared() {
    let dir = std::env::temp_dir().join(format!("pathways-permissions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let world = seed(&dir).await;
    let table = routes();
    let mut unknown = vec![];
    let mut wrong = vec![];
    for (method, path) in table.table() {
        let Some((_, _, expected)) = EXPECTED.iter().find(|(m, p, _)| *m == method.as_str() && *p == *path) else {
            unknown.push(format!("{method} {path}"));
            continue;
        };
        let (uri, payload) = payload(method, path, &world);
        let payload = &payload;
        // What one role deletes, the next cannot: deleting routes get a fresh copy per role.
        let deletes = *method == Method::DELETE || path.ends_with("/delete");
        let mut fresh = fresh_copy(&dir, &world.db).await;
        let mut got = String::new();
        let mut statuses = vec![];
        for role in ROLES {
            if deletes && role != ROLES[0] {
                fresh = fresh_copy(&dir, &world.db).await;
            }
            let (app, r) = &fresh;
            let mut b = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .header(header::HOST, "pathways.test");
            let is_api = path.starts_with("/api/v1/");
            if role != "anonymous" {
                if is_api {
                    b = b.header(header::AUTHORIZATION, format!("Bearer {}", world.ids[role]));
                } else {
                    let p = app.principal_by_email(role).await.unwrap();
                    let (sid, csrf) = app.start_session(&p, 1).await.unwrap();
                    b = b
                        .header(header::COOKIE, format!("pathways_session={sid}"))
                        .header("x-csrf-token", csrf);
                }
            } else if *path == "/login" || *path == "/setup" {
                b = b.header(header::COOKIE, "pathways_pre=t").header("x-csrf-token", "t");
            }
            let body = match payload {
                Payload::None => Body::empty(),
                Payload::Json(v) => {
                    b = b.header(header::CONTENT_TYPE, "application/json");
                    Body::from(v.to_string())
                }
                Payload::Form(f) => {
                    b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                    Body::from(serde_urlencoded::to_string(f).unwrap())
                }
                Payload::Bytes(bytes) => {
                    b = b.header(header::CONTENT_TYPE, "application/octet-stream");
                    Body::from(bytes.clone())
                }
                Payload::File(name, bytes) => {
                    let boundary = "permissions-boundary";
                    let mut body = format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .into_bytes();
                    body.extend_from_slice(bytes);
                    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
                    b = b.header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={boundary}"),
                    );
                    Body::from(body)
                }
            };
            let res = r.clone().oneshot(b.body(body).unwrap()).await.unwrap();
            let status = res.status();
            let location = res
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let _ = res.into_body().collect().await;
            got.push(outcome(path, status, location.as_deref()));
            statuses.push(status.as_u16());
        }
        if got != *expected {
            wrong.push(format!(
                "{method} {path}: expected {expected}, got {got} {statuses:?} ({uri})"
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        unknown.is_empty(),
        "routes without a row in EXPECTED (add one):\n  {}",
        unknown.join("\n  ")
    );
    assert!(wrong.is_empty(), "roles: {ROLES:?}\n  {}", wrong.join("\n  "));
    let declared: Vec<_> = EXPECTED
        .iter()
        .filter(|(m, p, _)| !table.table().iter().any(|(tm, tp)| tm.as_str() == *m && *tp == *p))
        .collect();
    assert!(
        declared.is_empty(),
        "rows for routes that no longer exist: {declared:?}"
    );
}

/// Every route under `/api/v1` is described in the OpenAPI document, with its method, so that a
/// client generated from it can call each one (issue 16).
#[test]
fn the_openapi_document_describes_every_api_route() {
    let doc = pathways_web::api::openapi_doc();
    let paths = doc["paths"].as_object().unwrap();
    let kinds: Vec<&str> = pathways_app::domain::Kind::ALL.iter().map(|k| k.plural()).collect();
    let mut missing = vec![];
    for (method, path) in routes().table() {
        let Some(rest) = path.strip_prefix("/api") else {
            continue;
        };
        if !rest.starts_with("/v1/") {
            continue;
        }
        // `{kinds}` stands for each collection, described one by one.
        let concrete: Vec<String> = if path.contains("{kinds}") {
            kinds.iter().map(|k| path.replace("{kinds}", k)).collect()
        } else {
            vec![path.to_string()]
        };
        for p in concrete {
            let described = paths
                .get(&p)
                .and_then(|item| item.get(method.as_str().to_ascii_lowercase()))
                .is_some();
            if !described {
                missing.push(format!("{method} {p}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes missing from /api/openapi.json:\n  {}",
        missing.join("\n  ")
    );
}
