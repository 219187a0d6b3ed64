//! Validation exercises and the roadmap over HTTP: a delegate cannot read another delegate's
//! ratings through the API or the pages, analysts see who answered and not what, progress is
//! reported only by the focal point of the action's economy (and analysts), drafting is the
//! analysts', the pages render the demo cycle, and the OpenAPI document lists the endpoints.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_app::auth::system;
use pathways_web::{AppState, router};
use serde_json::{Value, json};
use tower::ServiceExt;

const PW: &str = "a long test password";
const ECONOMIES: [&str; 6] = ["AL", "BA", "ME", "MK", "RS", "XK"];

struct T {
    app: App,
    r: axum::Router,
}

impl T {
    async fn new() -> T {
        let app = App::in_memory().await.unwrap();
        app.ensure_demo_users(PW).await.unwrap();
        app.ensure_demo_cycle().await.unwrap();
        let r = router(AppState::new(app.clone(), None, true).unwrap())
            .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9))));
        T { app, r }
    }

    async fn token(&self, email: &str) -> String {
        self.app.issue_token(&system("t"), email, 90, "test").await.unwrap()
    }

    async fn api(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        let body = match body {
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        let resp = self.r.clone().oneshot(req.body(body).unwrap()).await.unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// A form posted from a page, signed in as `email` (with the CSRF token and same origin).
    async fn form(&self, uri: &str, email: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let p = self.app.authenticate(email, PW).await.unwrap();
        let (sid, csrf) = self.app.start_session(&p, 1).await.unwrap();
        let resp = self
            .r
            .clone()
            .oneshot(
                Request::builder()
                    .method("POST")
                    .uri(uri)
                    .header(header::HOST, "pathways.test")
                    .header(header::ORIGIN, "https://pathways.test")
                    .header(header::COOKIE, format!("pathways_session={sid}"))
                    .header("x-csrf-token", csrf)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
                    .unwrap(),
            )
            .await
            .unwrap();
        let s = resp.status();
        (
            s,
            String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned(),
        )
    }

    async fn page(&self, uri: &str, email: &str) -> (StatusCode, String) {
        let p = self.app.authenticate(email, PW).await.unwrap();
        let (sid, _) = self.app.start_session(&p, 1).await.unwrap();
        let resp = self
            .r
            .clone()
            .oneshot(
                Request::builder()
                    .uri(uri)
                    .header(header::COOKIE, format!("pathways_session={sid}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let s = resp.status();
        (
            s,
            String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned(),
        )
    }
}

#[tokio::test]
async fn a_delegate_cannot_read_another_delegates_ratings_through_the_api_or_the_pages() {
    let t = T::new().await;
    let analyst = t.token("analyst@demo").await;
    let a = t.app.analysis(&system("t")).await.unwrap();
    let stages: Vec<String> = a.priorities.iter().take(2).map(|p| p.stage.clone()).collect();
    let (s, x) = t
        .api(
            "POST",
            "/api/v1/exercises",
            &analyst,
            Some(json!({"title": "Panel", "priorities": stages})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{x}");
    let id = x["id"].as_str().unwrap().to_string();
    for e in ["rs", "al"] {
        let (s, _) = t
            .api(
                "POST",
                &format!("/api/v1/exercises/{id}/participants"),
                &analyst,
                Some(json!({"email": format!("fp-{e}@demo"), "role": "delegate"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
    }
    let (_, v) = t.api("GET", &format!("/api/v1/exercises/{id}"), &analyst, None).await;
    let (s, _) = t
        .api(
            "POST",
            &format!("/api/v1/exercises/{id}/rounds"),
            &analyst,
            Some(json!({"version": v["version"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let rs = t.token("fp-rs@demo").await;
    let item = format!("priority:{}", stages[0]);
    let (s, _) = t
        .api(
            "POST",
            &format!("/api/v1/exercises/{id}/ratings"),
            &rs,
            Some(json!({"ratings": [
                {"item": item, "rating": 3, "stance": "amend", "amendment": "wording-from-rs", "comment": "secret-reason-rs"},
                {"item": format!("priority:{}", stages[1]), "rating": 8, "stance": "agree"}]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // Another delegate, the analyst and an observer see nothing of it while the round runs.
    let al = t.token("fp-al@demo").await;
    for (who, tok) in [("fp-al@demo", &al), ("analyst@demo", &analyst)] {
        let (s, v) = t.api("GET", &format!("/api/v1/exercises/{id}"), tok, None).await;
        assert_eq!(s, StatusCode::OK);
        let text = v.to_string();
        assert!(
            !text.contains("secret-reason-rs") && !text.contains("wording-from-rs"),
            "{who}: {text}"
        );
        let (s, page) = t.page(&format!("/exercises/{id}"), who).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!page.contains("secret-reason-rs"), "{who}");
    }
    // The analyst sees that RS answered.
    let (_, v) = t.api("GET", &format!("/api/v1/exercises/{id}"), &analyst, None).await;
    let done: Vec<&str> = v["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p[1] == true)
        .map(|p| p[0]["email"].as_str().unwrap())
        .collect();
    assert_eq!(done, vec!["fp-rs@demo"]);
    // The author sees their own answer.
    let (_, v) = t.api("GET", &format!("/api/v1/exercises/{id}"), &rs, None).await;
    assert_eq!(v["my_current"][&item]["comment"], "secret-reason-rs");
    // A viewer who is not invited cannot see the exercise; a delegate cannot run it.
    let viewer = t.token("viewer@demo").await;
    let (s, _) = t.api("GET", &format!("/api/v1/exercises/{id}"), &viewer, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t
        .api(
            "POST",
            &format!("/api/v1/exercises/{id}/rounds/close"),
            &rs,
            Some(json!({"version": 4})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = t
        .api("POST", &format!("/api/v1/exercises/{id}/reminders"), &analyst, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["reminded"], json!(["fp-al@demo"]));
}

#[tokio::test]
async fn progress_is_reported_by_the_economys_focal_point_and_drafting_is_the_analysts() {
    let t = T::new().await;
    let analyst = t.token("analyst@demo").await;
    let (s, v) = t
        .api(
            "POST",
            "/api/v1/roadmap/drafts",
            &analyst,
            Some(json!({"intervention": "employer-vetting", "scope": "RS", "start": "2027-01-01"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap().to_string();
    let mut version = v["version"].as_i64().unwrap();
    for e in ECONOMIES {
        let tok = t.token(&format!("fp-{}@demo", e.to_lowercase())).await;
        let (s, body) = t
            .api(
                "POST",
                &format!("/api/v1/roadmap/actions/{id}/updates"),
                &tok,
                Some(
                    json!({"version": version, "status": "limited", "note": "Started", "evidence": "Decision 12/2027"}),
                ),
            )
            .await;
        if e == "RS" {
            assert_eq!(s, StatusCode::CREATED, "{body}");
            version += 1;
        } else {
            assert_eq!(s, StatusCode::FORBIDDEN, "{e}");
        }
        // Focal points never draft.
        let (s, _) = t
            .api(
                "POST",
                "/api/v1/roadmap/drafts",
                &tok,
                Some(json!({"intervention": "fee-ban", "scope": e, "start": "2027-01-01"})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    let viewer = t.token("viewer@demo").await;
    let (s, _) = t
        .api(
            "POST",
            &format!("/api/v1/roadmap/actions/{id}/updates"),
            &viewer,
            Some(json!({"version": version, "status": "limited", "note": "x", "evidence": "y"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = t
        .api("GET", &format!("/api/v1/roadmap/actions/{id}/updates"), &viewer, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["count"], 1);
    // A stale version is refused with the current state.
    let rs = t.token("fp-rs@demo").await;
    let (s, _) = t
        .api(
            "POST",
            &format!("/api/v1/roadmap/actions/{id}/updates"),
            &rs,
            Some(json!({"version": version - 1, "status": "complete", "note": "x", "evidence": "y"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, d) = t.api("GET", "/api/v1/roadmap/dashboard", &viewer, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(d["status_counts"].as_array().unwrap().len() == 4);
}

#[tokio::test]
async fn the_pages_show_the_demo_cycle_and_the_progress_form_only_to_those_who_may_report() {
    let t = T::new().await;
    let (s, page) = t.page("/roadmap", "viewer@demo").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Demo content") && page.contains("<svg") && page.contains("Monitoring"));
    assert!(!page.contains("Draft from the catalogue"), "viewers do not draft");
    let (_, page) = t.page("/roadmap", "analyst@demo").await;
    assert!(page.contains("Draft from the catalogue"));
    let actions = t.app.roadmap(&system("t")).await.unwrap();
    // The timeline draws one bar per intervention and period, naming the scopes it is for,
    // not one identical bar per scope.
    let timeline = &page[page.find("<svg").unwrap()..];
    let timeline = &timeline[..timeline.find("</svg>").unwrap()];
    let bars: std::collections::BTreeSet<(&str, &str, &str)> = actions
        .iter()
        .map(|a| (a.action.title.as_str(), a.action.start.as_str(), a.action.end.as_str()))
        .collect();
    assert!(
        bars.len() < actions.len(),
        "the demo drafts one intervention for several scopes"
    );
    assert!(
        timeline.contains(&format!("{} bars on a time axis", bars.len())),
        "{timeline}"
    );
    assert!(timeline.contains("Regional, ") && !timeline.contains("WB6 ·"));
    let rs = actions.iter().find(|a| a.action.scope == "RS").unwrap();
    let (s, page) = t.page(&format!("/roadmap/actions/{}", rs.id), "fp-rs@demo").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Report progress") && page.contains("History"));
    assert!(
        page.contains("Demo: working group set up"),
        "the seeded report is in the history"
    );
    let (_, page) = t.page(&format!("/roadmap/actions/{}", rs.id), "fp-al@demo").await;
    assert!(!page.contains("Report progress"));
    let ex = t.app.exercises(&system("t")).await.unwrap();
    let (s, page) = t.page(&format!("/exercises/{}", ex[0].id), "fp-rs@demo").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Kendall") && page.contains("validated"));
    let (s, page) = t.page("/notifications", "fp-rs@demo").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Round 1") && page.contains("New:"));
    // Reading the list changes nothing; "mark all as read" (a POST) does.
    let (_, page) = t.page("/notifications", "fp-rs@demo").await;
    assert!(page.contains("Round 1") && page.contains("New:"));
    let (s, _) = t.form("/notifications/read", "fp-rs@demo", &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page) = t.page("/notifications", "fp-rs@demo").await;
    assert!(page.contains("Round 1") && !page.contains("New:"));
    let (s, _) = t.page("/roadmap/documents/roadmap-XK.html", "viewer@demo").await;
    assert_eq!(s, StatusCode::OK);

    // An analyst tailors the drafted action: milestones, alignment, dates; a focal point cannot.
    let (view, _) = t.app.roadmap_action(&system("t"), &rs.id).await.unwrap();
    let version = view.version.to_string();
    let uri = format!("/roadmap/actions/{}", rs.id);
    let lead = view.action.lead.clone().unwrap();
    let fields = [
        ("op", "edit"),
        ("version", version.as_str()),
        ("title", "Vet employers, tailored"),
        ("rationale", "Tailored to Serbia."),
        ("partners", "Tax Administration; Labour Inspectorate"),
        ("lead", lead.as_str()),
        ("alignment", "dir-2009-52"),
        ("alignment", "chapter24"),
        (
            "milestones",
            "2027-03-01 Criteria adopted\n2027-09-01 Applied to new employers",
        ),
        ("start", "2027-01-01"),
        ("end", "2027-12-31"),
    ];
    let (s, _) = t.form(&uri, "fp-rs@demo", &fields).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, body) = t.form(&uri, "analyst@demo", &fields).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let (after, _) = t.app.roadmap_action(&system("t"), &rs.id).await.unwrap();
    assert_eq!(after.action.title, "Vet employers, tailored");
    assert_eq!(after.action.alignment, vec!["dir-2009-52", "chapter24"]);
    assert_eq!(after.action.milestones.len(), 2);
    assert_eq!(after.action.milestones[1].due, "2027-09-01");
    assert_eq!(after.action.partners.len(), 2);
    // The same form again, at the old version, is refused rather than overwriting.
    let (s, _) = t.form(&uri, "analyst@demo", &fields).await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_openapi_document_lists_the_exercise_and_roadmap_endpoints() {
    let t = T::new().await;
    let resp =
        t.r.clone()
            .oneshot(Request::builder().uri("/api/openapi.json").body(Body::empty()).unwrap())
            .await
            .unwrap();
    let v: Value = serde_json::from_slice(&resp.into_body().collect().await.unwrap().to_bytes()).unwrap();
    for p in [
        "/api/v1/exercises",
        "/api/v1/exercises/{id}/ratings",
        "/api/v1/roadmap/actions/{id}/updates",
        "/api/v1/roadmap/drafts",
    ] {
        assert!(v["paths"][p].is_object(), "{p}");
    }
}

/// Issue 17, point 12: the rating form does not lead — no position is pre-chosen, the 1–9 scale
/// has its anchors — and an analyst is offered Validate and Drop only once a round has rated the
/// item.
#[tokio::test]
async fn the_rating_form_does_not_lead_and_decisions_wait_for_ratings() {
    let t = T::new().await;
    let analyst = t.app.principal_by_email("analyst@demo").await.unwrap();
    let (id, version) = crate::support::exercise_with_delegate(&t.app, "Unbiased", "fp-rs@demo").await;
    let (_, before) = t.page(&format!("/exercises/{id}"), "analyst@demo").await;
    assert!(before.contains("Not rated yet") && !before.contains(r#"value="validated""#));
    t.app.open_exercise_round(&analyst, &id, version).await.unwrap();
    let (s, form) = t.page(&format!("/exercises/{id}"), "fp-rs@demo").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        form.contains(r#"<option value="">Choose a position</option>"#),
        "{form}"
    );
    assert!(!form.contains(r#"value="agree" selected"#));
    assert!(form.contains("not a priority, disagree entirely") && form.contains("essential, agree entirely"));
    // A rating without a chosen position is refused with the reason, and nothing is saved; with
    // one it is saved.
    let item = t.app.exercise(&analyst, &id).await.unwrap().items[0].id.clone();
    let (rating, stance) = (format!("rating-{item}"), format!("stance-{item}"));
    let url = format!("/exercises/{id}");
    let (s, body) = t
        .form(&url, "fp-rs@demo", &[("op", "rate"), (&rating, "7"), (&stance, "")])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("choose a position"));
    let fp = t.app.principal_by_email("fp-rs@demo").await.unwrap();
    assert!(t.app.exercise(&fp, &id).await.unwrap().my_current.is_empty());
    let (s, _) = t
        .form(
            &url,
            "fp-rs@demo",
            &[("op", "rate"), (&rating, "7"), (&stance, "disagree")],
        )
        .await;
    assert!(s.is_redirection(), "{s}");
    let mine = t.app.exercise(&fp, &id).await.unwrap().my_current;
    assert_eq!((mine[&item].rating, mine[&item].stance.as_str()), (7, "disagree"));
}
