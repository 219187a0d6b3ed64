//! Consultations and workshops through the use cases: who may record and read which events,
//! validation with the field at fault, version conflicts, attachments kept with their checksum and
//! refused above the size limit, and the findings raised at events listed for the analysis.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;
use pathways_app::{App, AppError, AuditQuery};
use serde_json::{Value, json};

use crate::support::{ECONOMIES, who};

pub(crate) fn consultation(economy: &str) -> Value {
    json!({
        "kind": "national_consultation",
        "title": format!("National consultation {economy}"),
        "date": "2026-10-15",
        "place": "Capital",
        "economies": [economy],
        "persons": [{"name": "A. Person", "role": "Head of unit", "institution": "Ministry"}],
        "agenda": "1. Screening\n2. Agencies",
        "notes": "**Agreed**: more checks. <script>alert(1)</script>",
        "decisions": ["Share the agency register"],
        "follow_ups": [{"action": "Send the register", "owner": "Ministry of Labour", "due": "2026-11-30"}],
        "findings": [{"economy": economy, "stage": "recruitment", "text": "No public register of agencies"}]
    })
}

#[tokio::test]
async fn focal_points_record_their_own_consultations_and_analysts_the_regional_ones() {
    let app = App::in_memory().await.unwrap();
    for own in ECONOMIES {
        let fp = who(Role::FocalPoint, Some(own));
        for e in ECONOMIES {
            let r = app.create_event(&fp, consultation(e)).await;
            if e == own {
                r.unwrap();
            } else {
                assert!(matches!(r, Err(AppError::Forbidden(_))), "{own} records for {e}");
            }
        }
    }
    let mut regional = consultation("RS");
    regional["kind"] = json!("regional_workshop");
    regional["economies"] = json!(ECONOMIES);
    regional["findings"] =
        json!([{"economy": "WB6", "stage": "pre_departure", "text": "Demand letters are not verified with CoO"}]);
    assert!(matches!(
        app.create_event(&who(Role::FocalPoint, Some("RS")), regional.clone())
            .await,
        Err(AppError::Forbidden(_))
    ));
    let analyst = who(Role::Analyst, None);
    let workshop = app.create_event(&analyst, regional).await.unwrap();
    assert!(matches!(
        app.create_event(&who(Role::Viewer, None), consultation("AL")).await,
        Err(AppError::Forbidden(_))
    ));

    // Reading: each focal point sees their consultation and the regional workshop.
    for own in ECONOMIES {
        let seen = app.events(&who(Role::FocalPoint, Some(own))).await.unwrap();
        assert_eq!(seen.len(), 2, "{own}");
        assert!(seen.iter().any(|e| e.id == workshop.id));
    }
    assert_eq!(app.events(&analyst).await.unwrap().len(), 7);
    assert!(app.events(&who(Role::Viewer, None)).await.unwrap().is_empty());
    let findings = app.raised_findings(&analyst).await.unwrap();
    assert_eq!(findings.len(), 7);
    assert!(
        findings
            .iter()
            .any(|f| f.economy == "WB6" && f.stage == "pre_departure")
    );
    let rs_only = app.raised_findings(&who(Role::FocalPoint, Some("RS"))).await.unwrap();
    assert!(rs_only.iter().all(|f| f.economy == "RS" || f.economy == "WB6"));
}

#[tokio::test]
async fn bad_events_are_refused_with_the_field_and_saves_do_not_overwrite() {
    let app = App::in_memory().await.unwrap();
    let analyst = who(Role::Analyst, None);
    let mut bad = consultation("ME");
    bad["date"] = json!("2026-02-30");
    bad["follow_ups"][0]["due"] = json!("soon");
    bad["findings"][0]["stage"] = json!("nowhere");
    bad["findings"]
        .as_array_mut()
        .unwrap()
        .push(json!({"economy": "AL", "stage": "visa", "text": "x"}));
    bad["institutions"] = json!(["me-ghost"]);
    let AppError::Invalid(problems) = app.create_event(&analyst, bad).await.unwrap_err() else {
        panic!()
    };
    let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
    for f in ["date", "institutions", "follow_ups[1]", "findings[1]", "findings[2]"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    assert!(app.events(&analyst).await.unwrap().is_empty(), "nothing stored");

    let e = app.create_event(&analyst, consultation("ME")).await.unwrap();
    let mut changed = consultation("ME");
    changed["decisions"] = json!(["Share the register", "Meet again in March"]);
    let v2 = app
        .update_event(&who(Role::FocalPoint, Some("ME")), &e.id, 1, changed.clone())
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    let stale = app
        .update_event(&analyst, &e.id, 1, consultation("ME"))
        .await
        .unwrap_err();
    let AppError::Conflict { current, .. } = stale else {
        panic!("{stale}")
    };
    assert_eq!(
        current.body["decisions"][1], "Meet again in March",
        "the other save is shown"
    );
    let moved = app
        .update_event(&who(Role::FocalPoint, Some("ME")), &e.id, 2, consultation("AL"))
        .await;
    assert!(
        matches!(moved, Err(AppError::Forbidden(_))),
        "a focal point cannot move an event to another economy"
    );
    app.delete_event(&analyst, &e.id, 2).await.unwrap();
    assert!(app.events(&analyst).await.unwrap().is_empty());
}

#[tokio::test]
async fn attachments_keep_their_checksum_and_have_a_size_limit() {
    let app = App::in_memory().await.unwrap();
    let fp = who(Role::FocalPoint, Some("MK"));
    let e = app.create_event(&fp, consultation("MK")).await.unwrap();
    let a = app
        .add_attachment(
            &fp,
            &e.id,
            "C:\\docs\\minutes.pdf",
            "application/pdf",
            b"%PDF-1.7 minutes",
        )
        .await
        .unwrap();
    assert_eq!(a.file_name, "minutes.pdf");
    assert_eq!(a.size, 16);
    let back = app.attachment(&fp, &a.id).await.unwrap();
    assert_eq!(back.bytes, b"%PDF-1.7 minutes");
    use sha2::Digest;
    assert_eq!(back.sha256, hex::encode(sha2::Sha256::digest(&back.bytes)));
    let big = vec![0u8; pathways_app::events::MAX_ATTACHMENT + 1];
    let err = app
        .add_attachment(&fp, &e.id, "video.mp4", "video/mp4", &big)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("video.mp4") && err.to_string().contains("10 MB"),
        "{err}"
    );
    assert!(matches!(
        app.attachment(&who(Role::FocalPoint, Some("AL")), &a.id).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.add_attachment(&who(Role::FocalPoint, Some("AL")), &e.id, "x.txt", "text/plain", b"x")
            .await,
        Err(AppError::Forbidden(_))
    ));
    let (_, files) = app.event(&fp, &e.id).await.unwrap();
    assert_eq!(files.len(), 1);
    let audit = app
        .audit(
            &who(Role::Admin, None),
            &AuditQuery {
                entity_id: Some(e.id.clone()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit.iter().map(|a| a.entry.action.as_str()).collect::<Vec<_>>(),
        vec!["event.attach", "event.create"]
    );
}

/// Issue 15: an attachment is stored with the type its bytes show, never the one claimed (an
/// HTML or SVG file claimed as such would run on our origin).
#[test]
fn attachments_get_a_safe_type_from_their_bytes() {
    use pathways_app::events::stored_type;
    assert_eq!(stored_type("minutes.pdf", b"%PDF-1.7"), "application/pdf");
    assert_eq!(
        stored_type("x.html", b"<script>alert(1)</script>"),
        "application/octet-stream"
    );
    assert_eq!(
        stored_type("x.svg", b"<svg onload=alert(1)>"),
        "application/octet-stream"
    );
    assert_eq!(stored_type("notes.txt", b"plain words"), "text/plain; charset=utf-8");
    assert_eq!(stored_type("notes.txt", b"\0binary"), "application/octet-stream");
    assert_eq!(stored_type("fake.pdf", b"<html>"), "application/octet-stream");
    assert_eq!(
        stored_type("paper.docx", b"PK\x03\x04rest"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert_eq!(stored_type("photo.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]), "image/jpeg");
}

/// Issue 15: a finding raised at a consultation is listed on the analysis only to those who may
/// read that consultation, until an analyst accepts it.
#[tokio::test]
async fn findings_raised_at_events_are_as_private_as_the_event() {
    let app = App::in_memory().await.unwrap();
    let fp = who(Role::FocalPoint, Some("RS"));
    app.create_event(&fp, consultation("RS")).await.unwrap();
    let raised = |a: &pathways_app::analysis::Analysis| {
        a.findings
            .iter()
            .filter(|f| f.candidate.text.contains("No public register of agencies"))
            .map(|f| f.candidate.key.clone())
            .collect::<Vec<_>>()
    };
    let analyst = who(Role::Analyst, None);
    let keys = raised(&app.analysis(&analyst).await.unwrap());
    assert_eq!(keys.len(), 1);
    assert_eq!(
        raised(&app.analysis(&fp).await.unwrap()).len(),
        1,
        "the economy's own focal point"
    );
    for other in [who(Role::Viewer, None), who(Role::FocalPoint, Some("AL"))] {
        assert!(
            raised(&app.analysis(&other).await.unwrap()).is_empty(),
            "{:?}",
            other.role
        );
    }
    app.decide_finding(&analyst, &keys[0], "accepted", None, 0)
        .await
        .unwrap();
    assert_eq!(
        raised(&app.analysis(&who(Role::Viewer, None)).await.unwrap()).len(),
        1,
        "accepted: published"
    );
}
