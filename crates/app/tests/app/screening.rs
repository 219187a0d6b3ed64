//! Screening through the use cases, per role and economy: only an economy's case officers create,
//! read and list its cases; to anyone else a case does not exist; every read is logged with its
//! door; a wrong MRZ check digit fails the case's MRZ check; bad input names its fields and
//! stores nothing; the audit holds no personal data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;
use pathways_app::domain::case::CaseFields;
use pathways_app::domain::mrz::{Holder, mistype_number_digit, write_td3};
use pathways_app::domain::screening::{CaseState, CheckResult};
use pathways_app::screening::cases::{CaseQuery, Channel};
use pathways_app::{App, AppError, AuditQuery};

use crate::support::{ECONOMIES, who};

fn sunita(economy: &str, wrong_digit: bool) -> CaseFields {
    let [l1, mut l2] = write_td3(&Holder {
        surname: "Tamang",
        given_names: "Sunita",
        nationality: "NPL",
        number: "PA1234567",
        date_of_birth: "1994-03-17",
        sex: 'F',
        expiry: "2031-01-31",
    });
    if wrong_digit {
        l2 = mistype_number_digit(&l2);
    }
    CaseFields {
        economy: economy.into(),
        given_name: "Sunita".into(),
        surname: "Tamang".into(),
        date_of_birth: "1994-03-17".into(),
        sex: "F".into(),
        nationality: "NP".into(),
        passport_number: "PA1234567".into(),
        passport_expiry: "2031-01-31".into(),
        mrz: vec![l1, l2],
        occupation: "7112".into(),
        contract_start: "2027-01-01".into(),
        contract_end: "2028-12-31".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn only_the_economys_case_officers_create_read_and_list_its_cases() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let c = app.create_case(&rs, sunita("rs", false), false).await.unwrap();
    assert_eq!((c.state, c.fields.economy.as_str()), (CaseState::Received, "RS"));
    let mrz = c.checks.iter().find(|x| x.code == "passport_mrz").unwrap();
    assert_eq!(mrz.result, CheckResult::Pass, "{}", mrz.explanation);

    for e in ECONOMIES.iter().filter(|e| **e != "RS") {
        let other = who(Role::CaseOfficer, Some(e));
        assert!(
            matches!(
                app.case(&other, &c.id, Channel::Api).await,
                Err(AppError::NotFound { .. })
            ),
            "{e}"
        );
        assert!(matches!(
            app.create_case(&other, sunita("RS", false), false).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(
            app.cases(&other, &CaseQuery::default(), Channel::Api)
                .await
                .unwrap()
                .is_empty(),
            "{e} lists none of Serbia's"
        );
    }
    for p in [
        who(Role::Admin, None),
        who(Role::Analyst, None),
        who(Role::Viewer, None),
        who(Role::FocalPoint, Some("RS")),
        who(Role::CooLiaison, Some("NP")),
    ] {
        assert!(
            matches!(app.case(&p, &c.id, Channel::Ui).await, Err(AppError::NotFound { .. })),
            "{:?} reads a person's case",
            p.role
        );
        assert!(
            app.cases(&p, &CaseQuery::default(), Channel::Api).await.is_err(),
            "{:?} lists cases",
            p.role
        );
        assert!(app.create_case(&p, sunita("RS", false), false).await.is_err());
    }
    let listed = app.cases(&rs, &CaseQuery::default(), Channel::Api).await.unwrap();
    assert_eq!(listed.len(), 1);

    // Every read is logged with its door, the list's too; the log is the officers' and the admins'.
    app.case(&rs, &c.id, Channel::Api).await.unwrap();
    app.case(&rs, &c.id, Channel::Ui).await.unwrap();
    let reads = app.case_reads(&rs, &c.id).await.unwrap();
    let doors: Vec<&str> = reads.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(doors, ["ui", "api", "api"]);
    assert_eq!(app.case_reads(&who(Role::Admin, None), &c.id).await.unwrap().len(), 3);
    assert!(app.case_reads(&who(Role::Analyst, None), &c.id).await.is_err());
    assert!(
        app.case_reads(&who(Role::CaseOfficer, Some("AL")), &c.id)
            .await
            .is_err()
    );

    // The audit says a case was created, not whose.
    let audit = app
        .audit(&who(Role::Admin, None), &AuditQuery::default())
        .await
        .unwrap();
    let entry = audit.iter().find(|a| a.entry.action == "case.create").unwrap();
    let text = serde_json::to_string(entry).unwrap();
    assert!(
        !text.contains("Tamang") && !text.contains("PA1234567") && !text.contains("1994"),
        "{text}"
    );
}

#[tokio::test]
async fn a_wrong_check_digit_fails_the_mrz_check_and_bad_input_names_its_fields() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let c = app.create_case(&rs, sunita("RS", true), false).await.unwrap();
    let mrz = c.checks.iter().find(|x| x.code == "passport_mrz").unwrap();
    assert_eq!(mrz.result, CheckResult::Fail);
    assert!(
        mrz.explanation.contains("check digit of the passport number"),
        "{}",
        mrz.explanation
    );
    let expiry = c.checks.iter().find(|x| x.code == "passport_expiry").unwrap();
    assert_eq!(expiry.result, CheckResult::Pass, "{}", expiry.explanation);

    let bad = CaseFields {
        date_of_birth: "17.03.1994".into(),
        nationality: "Nepal".into(),
        pathway: "no-such-pathway".into(),
        ..sunita("RS", false)
    };
    match app.create_case(&rs, bad, false).await {
        Err(AppError::Invalid(problems)) => {
            let fields: Vec<String> = problems.into_iter().filter_map(|p| p.field).collect();
            assert_eq!(fields, ["date_of_birth", "nationality", "pathway"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.cases(&rs, &CaseQuery::default(), Channel::Api).await.unwrap().len(),
        1,
        "the refused case was not stored"
    );
}

#[tokio::test]
async fn a_country_sees_only_its_requests_with_an_excerpt_and_answers_once() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let (np, bd) = (who(Role::CooLiaison, Some("NP")), who(Role::CooLiaison, Some("BD")));
    let c = app.create_case(&rs, sunita("RS", false), false).await.unwrap();
    let r = app
        .request_verification(
            &rs,
            &c.id,
            "np",
            "demand_letter",
            None,
            "Was this demand letter attested?",
        )
        .await
        .unwrap();
    assert_eq!((r.country.as_str(), r.overdue), ("NP", false));
    assert!(r.due > pathways_app::today(), "a due date by default");
    let after = app.case(&rs, &c.id, Channel::Api).await.unwrap();
    assert_eq!(after.state, CaseState::AwaitingCoo);

    let seen = app.verification_requests(&np).await.unwrap();
    assert_eq!(seen.len(), 1);
    let json = serde_json::to_value(&seen[0]).unwrap();
    assert_eq!(json["excerpt"]["name"], "Sunita Tamang");
    assert_eq!(json["excerpt"]["passport_number"], "PA1234567");
    for hidden in ["case_id", "checks", "decision", "history", "mrz", "contract_end"] {
        assert!(
            json.get(hidden).is_none() && json["excerpt"].get(hidden).is_none(),
            "{hidden}: {json}"
        );
    }
    assert!(app.verification_requests(&bd).await.unwrap().is_empty());
    assert!(matches!(
        app.answer_verification(&bd, &r.id, "confirmed", "").await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        app.case(&np, &c.id, Channel::Api).await,
        Err(AppError::NotFound { .. })
    ));
    for p in [
        who(Role::Analyst, None),
        who(Role::Admin, None),
        who(Role::FocalPoint, Some("RS")),
    ] {
        assert!(app.verification_requests(&p).await.is_err(), "{:?}", p.role);
        assert!(app.answer_verification(&p, &r.id, "confirmed", "").await.is_err());
    }
    let answered = app
        .answer_verification(
            &np,
            &r.id,
            "not_confirmed",
            "No attestation of this demand letter on record.",
        )
        .await
        .unwrap();
    assert_eq!(answered.outcome.as_deref(), Some("not_confirmed"));
    assert!(
        app.answer_verification(&np, &r.id, "confirmed", "").await.is_err(),
        "answered once"
    );
    let mine = app.case_requests(&rs, &c.id).await.unwrap();
    assert_eq!(
        (mine[0].outcome.as_deref(), mine[0].case_id.as_deref()),
        (Some("not_confirmed"), Some(c.id.as_str()))
    );
    assert!(
        app.case_requests(&who(Role::CaseOfficer, Some("AL")), &c.id)
            .await
            .is_err()
    );

    // Bad requests name their field and send nothing.
    for (country, subject, due, field) in [
        ("ZZ", "identity", None, "country"),
        ("NP", "horoscope", None, "subject"),
        ("NP", "identity", Some("2020-01-01"), "due"),
        ("NP", "identity", Some("soon"), "due"),
    ] {
        match app.request_verification(&rs, &c.id, country, subject, due, "").await {
            Err(AppError::Invalid(p)) => assert_eq!(p[0].field.as_deref(), Some(field)),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(app.case_requests(&rs, &c.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_last_answer_readies_a_case_and_only_an_officer_with_reasons_decides_it() {
    use pathways_app::screening::decisions::DecisionInput;
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let np = who(Role::CooLiaison, Some("NP"));
    let c = app.create_case(&rs, sunita("RS", false), false).await.unwrap();
    let decide = |decision: &str, reasons: &[&str], note: &str, version: Option<i64>| DecisionInput {
        decision: decision.into(),
        reasons: reasons.iter().map(|r| r.to_string()).collect(),
        note: note.into(),
        version,
    };
    // A received case is not decided before its screening starts.
    match app
        .decide(&rs, &c.id, decide("grant", &["checks_satisfied"], "ok", None))
        .await
    {
        Err(AppError::Invalid(p)) => assert!(p[0].message.contains("received"), "{p:?}"),
        other => panic!("{other:?}"),
    }
    let moved = app.move_case(&rs, &c.id, "screening", Some(c.version)).await.unwrap();
    assert_eq!((moved.state, moved.version), (CaseState::Screening, 2));
    assert!(matches!(
        app.move_case(&rs, &c.id, "decided", None).await,
        Err(AppError::Invalid(_))
    ));
    let r1 = app
        .request_verification(&rs, &c.id, "NP", "demand_letter", None, "")
        .await
        .unwrap();
    let r2 = app
        .request_verification(&rs, &c.id, "NP", "police_clearance", None, "")
        .await
        .unwrap();
    app.answer_verification(&np, &r1.id, "confirmed", "").await.unwrap();
    let waiting = app.case(&rs, &c.id, Channel::Api).await.unwrap();
    assert_eq!(waiting.state, CaseState::AwaitingCoo, "one answer still due");
    app.answer_verification(&np, &r2.id, "not_confirmed", "No clearance issued.")
        .await
        .unwrap();
    let ready = app.case(&rs, &c.id, Channel::Api).await.unwrap();
    assert_eq!(ready.state, CaseState::ReadyForDecision);

    assert!(
        app.record_outcome(&rs, &c.id, "entry", "2026-01-01", "").await.is_err(),
        "not decided yet"
    );
    // Nobody else decides; no decision without fitting reasons and a note; none on a stale version.
    for p in [
        who(Role::CaseOfficer, Some("AL")),
        who(Role::Admin, None),
        who(Role::Analyst, None),
        np.clone(),
    ] {
        assert!(
            matches!(
                app.decide(&p, &c.id, decide("refuse", &["coo_not_confirmed"], "x", None))
                    .await,
                Err(AppError::NotFound { .. })
            ),
            "{:?}",
            p.role
        );
    }
    for (d, field) in [
        (decide("refuse", &[], "No clearance.", None), "reasons"),
        (decide("refuse", &["coo_not_confirmed"], " ", None), "note"),
        (decide("grant", &["document_false"], "x", None), "reasons"),
        (decide("approve", &["other"], "x", None), "decision"),
    ] {
        match app.decide(&rs, &c.id, d).await {
            Err(AppError::Invalid(p)) => assert_eq!(p[0].field.as_deref(), Some(field)),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!(matches!(
        app.decide(&rs, &c.id, decide("refuse", &["coo_not_confirmed"], "x", Some(1)))
            .await,
        Err(AppError::CaseConflict { yours: 1, .. })
    ));
    let unchanged = app.case(&rs, &c.id, Channel::Api).await.unwrap();
    assert_eq!(
        (unchanged.state, unchanged.decision.is_none()),
        (CaseState::ReadyForDecision, true)
    );

    let note = "The police clearance was not issued by Nepal Police.";
    let done = app
        .decide(
            &rs,
            &c.id,
            decide("refuse", &["coo_not_confirmed"], note, Some(ready.version)),
        )
        .await
        .unwrap();
    assert_eq!(done.state, CaseState::Decided);
    let d = done.decision.unwrap();
    assert_eq!(
        (d["decision"].as_str(), d["note"].as_str()),
        (Some("refuse"), Some(note))
    );
    assert_eq!(d["checks_seen"].as_array().unwrap().len(), done.checks.len());
    assert_eq!(d["answers_seen"].as_array().unwrap().len(), 2);
    assert!(
        app.decide(&rs, &c.id, decide("grant", &["other"], "changed my mind", None))
            .await
            .is_err(),
        "decided once"
    );
    // What happened after: dated, never in the future, on the case's page in order.
    assert!(app.record_outcome(&rs, &c.id, "entry", "2999-01-01", "").await.is_err());
    assert!(
        app.record_outcome(&rs, &c.id, "vanished", "2026-01-01", "")
            .await
            .is_err()
    );
    assert!(
        app.record_outcome(&who(Role::CaseOfficer, Some("AL")), &c.id, "return", "2026-01-01", "")
            .await
            .is_err()
    );
    app.record_outcome(
        &rs,
        &c.id,
        "irregular_onward_movement",
        "2026-03-02",
        "Stopped at the border.",
    )
    .await
    .unwrap();
    app.record_outcome(&rs, &c.id, "return", "2026-04-10", "")
        .await
        .unwrap();
    let closed = app.move_case(&rs, &c.id, "closed", None).await.unwrap();
    assert_eq!(closed.state, CaseState::Closed);
    let page = app.case(&rs, &c.id, Channel::Ui).await.unwrap();
    let kinds: Vec<&str> = page.outcomes.iter().map(|o| o.kind.as_str()).collect();
    assert_eq!(kinds, ["irregular_onward_movement", "return"]);
    let states: Vec<&str> = page.history.iter().map(|v| v.state.as_str()).collect();
    assert_eq!(
        states,
        [
            "received",
            "screening",
            "awaiting_coo",
            "ready_for_decision",
            "decided",
            "closed"
        ]
    );
    assert_eq!(page.verification_requests.len(), 2);

    // The audit says what was decided and why by code, never the note about the person.
    let audit = app
        .audit(&who(Role::Admin, None), &AuditQuery::default())
        .await
        .unwrap();
    let entry = audit.iter().find(|a| a.entry.action == "case.decide").unwrap();
    let text = serde_json::to_string(entry).unwrap();
    assert!(
        text.contains("coo_not_confirmed") && !text.contains("Nepal Police"),
        "{text}"
    );
}

#[tokio::test]
async fn requests_answers_and_overdue_reminders_notify_in_the_app_and_by_mail_without_names() {
    let app = App::in_memory().await.unwrap();
    let admin = who(Role::Admin, None);
    let officer = app
        .add_user(
            &admin,
            "officer@rs.example",
            Role::CaseOfficer,
            Some("RS"),
            "a long test password",
        )
        .await
        .unwrap();
    let liaison = app
        .add_user(
            &admin,
            "desk@dofe.example",
            Role::CooLiaison,
            Some("NP"),
            "a long test password",
        )
        .await
        .unwrap();
    app.add_user(
        &admin,
        "desk@bmet.example",
        Role::CooLiaison,
        Some("BD"),
        "a long test password",
    )
    .await
    .unwrap();
    let rs = app.principal_by_email(&officer.email).await.unwrap();
    let np = app.principal_by_email(&liaison.email).await.unwrap();
    let c = app.create_case(&rs, sunita("RS", false), false).await.unwrap();
    let r = app
        .request_verification(&rs, &c.id, "NP", "police_clearance", None, "")
        .await
        .unwrap();
    let notes = app.notifications(&np).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].text.contains("Serbia") && notes[0].link.ends_with(&r.id),
        "{notes:?}"
    );
    let outbox = app.outbox(5, 100).await.unwrap();
    let to: Vec<&str> = outbox.iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(to, ["desk@dofe.example"], "only the addressed country's liaisons");
    for m in &outbox {
        assert!(!m.body.contains("Tamang") && !m.subject.contains("PA1234567"), "{m:?}");
    }
    app.mail_attempted(&outbox[0].id, None).await.unwrap();
    assert!(app.outbox(5, 100).await.unwrap().is_empty(), "sent once");

    app.answer_verification(&np, &r.id, "confirmed", "").await.unwrap();
    let mine = app.notifications(&rs).await.unwrap();
    assert!(
        mine[0].text.contains("Nepal answered") && mine[0].link.ends_with(&c.id),
        "{mine:?}"
    );
    let pending = app.outbox(5, 100).await.unwrap();
    assert_eq!(pending[0].recipient, "officer@rs.example");
    app.mail_attempted(&pending[0].id, Some("connection refused"))
        .await
        .unwrap();
    assert_eq!(app.outbox(5, 100).await.unwrap()[0].attempts, 1, "tried again later");
    assert!(
        app.outbox(1, 100).await.unwrap().is_empty(),
        "until the attempts run out"
    );

    // Nothing is overdue yet; an answered request is never reminded of.
    assert_eq!(app.remind_overdue().await.unwrap(), 0);
}

#[tokio::test]
async fn files_are_kept_with_their_checksum_and_read_exactly_where_their_case_or_request_is() {
    use pathways_app::screening::files::Attached;
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let np = who(Role::CooLiaison, Some("NP"));
    let c = app.create_case(&rs, sunita("RS", false), false).await.unwrap();
    let r = app
        .request_verification(&rs, &c.id, "NP", "demand_letter", None, "")
        .await
        .unwrap();
    let letter = b"%PDF-1.7 demand letter";
    let kept = app
        .attach_case_file(&rs, Attached::Case(&c.id), "C:\\scans\\letter.pdf", letter)
        .await
        .unwrap();
    assert_eq!(
        (kept.file_name.as_str(), kept.content_type.as_str(), kept.size),
        ("letter.pdf", "application/pdf", 22)
    );
    // The checksum of the bytes (sha256sum of the same 22 bytes).
    assert_eq!(
        kept.sha256,
        "6a05d8a955ad7981b1147da4c239a6318bd0596bab4dd17b9572316839817a1a"
    );

    // Nobody else attaches to the case: to them it does not exist; the liaison attaches to the
    // request addressed to their country only.
    for other in [
        who(Role::CaseOfficer, Some("AL")),
        np.clone(),
        who(Role::Analyst, None),
        who(Role::Admin, None),
    ] {
        let refused = app
            .attach_case_file(&other, Attached::Case(&c.id), "x.pdf", letter)
            .await;
        assert!(
            matches!(refused, Err(AppError::NotFound { .. })),
            "{:?}: {refused:?}",
            other.role
        );
    }
    let bd = who(Role::CooLiaison, Some("BD"));
    assert!(matches!(
        app.may_attach_case_file(&bd, Attached::Request(&r.id)).await,
        Err(AppError::NotFound { .. })
    ));
    let png = b"\x89PNG\r\n\x1a\nattestation";
    let evidence = app
        .attach_case_file(&np, Attached::Request(&r.id), "attestation.png", png)
        .await
        .unwrap();
    assert_eq!(evidence.request_id.as_deref(), Some(r.id.as_str()));

    // A page that would run scripts, a file claiming to be a PDF, nothing: refused, nothing kept.
    for (name, bytes) in [
        ("letter.html", b"<html><script>alert(1)</script></html>".as_slice()),
        ("letter.pdf", b"GIF89a not a pdf"),
        ("empty.pdf", b""),
    ] {
        match app.attach_case_file(&rs, Attached::Case(&c.id), name, bytes).await {
            Err(AppError::Invalid(p)) => assert!(p[0].message.starts_with(name), "{}", p[0].message),
            other => panic!("{name}: {other:?}"),
        }
    }
    let listed = app.case_file_list(&rs, &c.id, Channel::Api).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|f| f.bytes.is_empty()), "a list leaves the bytes out");

    // Reading: the officer reads both (each read logged); the liaison the request's file only;
    // another country's liaison and an analyst neither.
    let reads_before = app.case_reads(&rs, &c.id).await.unwrap().len();
    assert_eq!(app.case_file(&rs, &kept.id, Channel::Ui).await.unwrap().bytes, letter);
    assert_eq!(app.case_file(&rs, &evidence.id, Channel::Api).await.unwrap().bytes, png);
    assert_eq!(app.case_reads(&rs, &c.id).await.unwrap().len(), reads_before + 2);
    assert_eq!(app.case_file(&np, &evidence.id, Channel::Ui).await.unwrap().bytes, png);
    assert_eq!(app.request_files(&np, &r.id).await.unwrap().len(), 1);
    for (p, id) in [
        (&np, &kept.id),
        (&bd, &evidence.id),
        (&who(Role::Analyst, None), &kept.id),
        (&who(Role::CaseOfficer, Some("AL")), &evidence.id),
    ] {
        assert!(matches!(
            app.case_file(p, id, Channel::Api).await,
            Err(AppError::NotFound { .. })
        ));
    }
    assert!(app.request_files(&bd, &r.id).await.is_err());

    // The audit tells of the files by checksum, never by name.
    let audit = app
        .audit(&who(Role::Admin, None), &AuditQuery::default())
        .await
        .unwrap();
    let filed: Vec<_> = audit.iter().filter(|e| e.entry.action == "case.file").collect();
    assert_eq!(filed.len(), 2);
    for e in filed {
        let t = serde_json::to_string(&e.entry).unwrap();
        assert!(!t.contains("letter") && !t.contains("attestation"), "{t}");
        assert!(t.contains(&kept.sha256) || t.contains(&evidence.sha256), "{t}");
    }
}
