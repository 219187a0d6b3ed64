//! Consultations and workshops over HTTP: the form records an event and shows problems by list and
//! line, notes render without the author's HTML, attachments upload (larger than the default body
//! limit) and download with their checksum, and the API follows the same permissions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{StatusCode, header};
use serde_json::{Value, json};

use crate::support::T;

#[tokio::test]
async fn a_focal_point_records_a_consultation_through_the_form() {
    let t = T::new().await;
    let me = t.session("fp-rs@demo").await;
    let (s, page) = t.text("/events/new", &me.0).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("National consultation"));
    let form = vec![
        ("kind", "national_consultation"),
        ("title", "Consultation on agencies"),
        ("date", "2026-10-15"),
        ("place", "Belgrade"),
        ("economy", "RS"),
        ("institution", "rs-nsz"),
        ("person_name", "Ana Jović"),
        ("person_role", "Head of unit"),
        ("person_institution", "NSZ"),
        ("person_name", "Marko P."),
        ("person_role", "Inspector"),
        ("person_institution", "Labour Inspectorate"),
        // A blank row, as the form sends it, is left out.
        ("person_name", ""),
        ("person_role", ""),
        ("person_institution", ""),
        ("agenda", "1. Licensing\n2. Fees"),
        ("notes", "**Agreed** to publish the register. <script>alert(1)</script>"),
        ("decisions", "Publish the register\nMeet in March"),
        ("follow_action", "Publish the register"),
        ("follow_owner", "Ministry of Labour"),
        ("follow_due", "2026-01-31"),
        ("follow_state", "open"),
        ("follow_action", "Send data"),
        ("follow_owner", "NSZ"),
        ("follow_due", "2027-03-01"),
        ("follow_state", "done"),
        ("follow_action", ""),
        ("follow_owner", ""),
        ("follow_due", ""),
        ("follow_state", "open"),
        ("finding_economy", "RS"),
        ("finding_stage", "recruitment"),
        ("finding_text", "No public register of licensed agencies"),
        ("finding_economy", "WB6"),
        ("finding_stage", "coo_cooperation"),
        ("finding_text", "No verification channel with Nepal"),
    ];
    // A bad line is refused with the list and line, and nothing is stored.
    let mut bad = form.clone();
    bad.retain(|(k, _)| !k.starts_with("finding_"));
    bad.extend([
        ("finding_economy", "RS"),
        ("finding_stage", "nowhere"),
        ("finding_text", "x"),
    ]);
    let (s, _, body) = t.submit("/events/new", &me, &bad, false).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("findings[1]") && body.contains("nowhere"), "{body}");
    assert!(t.app.events(&analyst()).await.unwrap().is_empty());
    let (s, headers, _) = t.submit("/events/new", &me, &form, false).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let url = headers[header::LOCATION].to_str().unwrap().to_string();
    // Issue 17, point 10: rows of inputs, not `a | b | c` lines; blank rows are left out.
    let saved = &t.app.events(&analyst()).await.unwrap()[0].body;
    assert_eq!(saved["persons"].as_array().unwrap().len(), 2);
    assert_eq!(saved["follow_ups"][1]["done"], true);
    assert_eq!(saved["findings"][1]["stage"], "coo_cooperation");
    let (_, edit) = t.text(&format!("{url}/edit"), &me.0).await;
    assert!(
        edit.contains("type=\"date\" name=\"follow_due\" value=\"2026-01-31\""),
        "a date picker"
    );
    assert!(
        edit.contains("<option value=\"coo_cooperation\" selected>"),
        "stages chosen by label"
    );
    assert!(!edit.contains("| "), "no pipe syntax left");
    let (s, page) = t.text(&url, &me.0).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("<strong>Agreed</strong>") && !page.contains("<script>alert"),
        "notes rendered safely"
    );
    assert!(page.contains("overdue"), "a past due date is flagged");
    assert!(page.contains("No public register of licensed agencies"));
    assert!(
        page.contains("National Employment Service"),
        "institutions of the map are linked"
    );
    // Another economy's focal point cannot open it; the analyst can.
    let other = t.session("fp-al@demo").await;
    assert_eq!(t.text(&url, &other.0).await.0, StatusCode::FORBIDDEN);
    let analyst_s = t.session("analyst@demo").await;
    assert_eq!(t.text(&url, &analyst_s.0).await.0, StatusCode::OK);
    let (s, list) = t.text("/events", &analyst_s.0).await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.contains("Consultation on agencies"));
}

fn analyst() -> pathways_app::domain::Principal {
    pathways_app::domain::Principal {
        user_id: "a".into(),
        email: "analyst@demo".into(),
        role: pathways_app::domain::Role::Analyst,
        economy: None,
    }
}

#[tokio::test]
async fn the_api_records_events_and_keeps_attachments_with_their_checksum() {
    let t = T::new().await;
    let event = json!({"kind": "bilateral_consultation", "title": "With NP embassy", "date": "2026-09-01", "economies": ["ME"],
        "findings": [{"economy": "ME", "stage": "pre_departure", "text": "Demand letters attested in Kathmandu only"}]});
    let (s, b) = t
        .api_bytes(
            "POST",
            "/api/v1/events",
            "fp-me@demo",
            Some(Body::from(event.to_string())),
            "application/json",
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let e: Value = serde_json::from_slice(&b).unwrap();
    let id = e["id"].as_str().unwrap().to_string();
    let (s, _) = t
        .api_bytes(
            "POST",
            "/api/v1/events",
            "fp-al@demo",
            Some(Body::from(event.to_string())),
            "application/json",
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Larger than axum's default 2 MB body limit, smaller than the 10 MB attachment limit.
    let file = vec![7u8; 3 * 1024 * 1024];
    let (s, b) = t
        .api_bytes(
            "POST",
            &format!("/api/v1/events/{id}/attachments?file_name=minutes.pdf"),
            "fp-me@demo",
            Some(Body::from(file.clone())),
            "application/pdf",
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{}", String::from_utf8_lossy(&b));
    let a: Value = serde_json::from_slice(&b).unwrap();
    use sha2::Digest;
    assert_eq!(a["sha256"], hex::encode(sha2::Sha256::digest(&file)));
    let (s, back) = t
        .api_bytes(
            "GET",
            &format!("/api/v1/attachments/{}", a["id"].as_str().unwrap()),
            "analyst@demo",
            None,
            "",
        )
        .await;
    assert_eq!((s, back.len()), (StatusCode::OK, file.len()));
    let (s, b) = t
        .api_bytes(
            "POST",
            &format!("/api/v1/events/{id}/attachments?file_name=big.bin"),
            "fp-me@demo",
            Some(Body::from(vec![0u8; 11 * 1024 * 1024])),
            "application/octet-stream",
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(String::from_utf8_lossy(&b).contains("10 MB"));
    let (s, b) = t.api_bytes("GET", "/api/v1/findings", "analyst@demo", None, "").await;
    let f: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!((s, f["count"].as_u64()), (StatusCode::OK, Some(1)));
    assert_eq!(f["items"][0]["stage"], "pre_departure");
    let (s, _) = t
        .api_bytes("GET", &format!("/api/v1/events/{id}"), "viewer@demo", None, "")
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let patch = json!({"version": 1, "kind": "bilateral_consultation", "title": "With the NP embassy", "date": "2026-09-01", "economies": ["ME"]});
    let (s, _) = t
        .api_bytes(
            "PATCH",
            &format!("/api/v1/events/{id}"),
            "analyst@demo",
            Some(Body::from(patch.to_string())),
            "application/json",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = t
        .api_bytes(
            "PATCH",
            &format!("/api/v1/events/{id}"),
            "fp-me@demo",
            Some(Body::from(patch.to_string())),
            "application/json",
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "a stale version");
    let v: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["error"]["current"]["title"], "With the NP embassy");
}
