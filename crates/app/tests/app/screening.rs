//! Screening through the use cases, per role and economy: only an economy's case officers create,
//! read and list its cases; to anyone else a case does not exist; every read is logged with its
//! door; a wrong MRZ check digit fails the case's MRZ check; bad input names its fields and
//! stores nothing; the audit holds no personal data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;
use pathways_app::domain::case::CaseFields;
use pathways_app::domain::mrz::check_digit;
use pathways_app::domain::screening::{CaseState, CheckResult};
use pathways_app::screening::cases::Channel;
use pathways_app::{App, AppError, AuditQuery};

use crate::support::{ECONOMIES, who};

fn sunita(economy: &str, wrong_digit: bool) -> CaseFields {
    let doc = "PA1234567";
    let (b, e, opt) = ("940317", "310131", "<".repeat(14));
    let mut dd = check_digit(doc);
    if wrong_digit {
        dd = char::from_digit((dd.to_digit(10).unwrap() + 1) % 10, 10).unwrap();
    }
    let body = format!("{doc}{dd}NPL{b}{}F{e}{}{opt}<", check_digit(b), check_digit(e));
    let composite = format!("{}{}{}", &body[..10], &body[13..20], &body[21..43]);
    CaseFields {
        economy: economy.into(),
        given_name: "Sunita".into(),
        surname: "Tamang".into(),
        date_of_birth: "1994-03-17".into(),
        sex: "F".into(),
        nationality: "NP".into(),
        passport_number: doc.into(),
        passport_expiry: "2031-01-31".into(),
        mrz: vec![
            format!("P<NPL{:<<39}", "TAMANG<<SUNITA"),
            format!("{body}{}", check_digit(&composite)),
        ],
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
            app.cases(&other, 100).await.unwrap().is_empty(),
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
        assert!(app.cases(&p, 100).await.is_err(), "{:?} lists cases", p.role);
        assert!(app.create_case(&p, sunita("RS", false), false).await.is_err());
    }
    let listed = app.cases(&rs, 100).await.unwrap();
    assert_eq!(listed.len(), 1);

    // Every read is logged with its door; the log is the officers' and the admins'.
    app.case(&rs, &c.id, Channel::Api).await.unwrap();
    app.case(&rs, &c.id, Channel::Ui).await.unwrap();
    let reads = app.case_reads(&rs, &c.id).await.unwrap();
    let doors: Vec<&str> = reads.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(doors, ["ui", "api"]);
    assert_eq!(app.case_reads(&who(Role::Admin, None), &c.id).await.unwrap().len(), 2);
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
        app.cases(&rs, 100).await.unwrap().len(),
        1,
        "the refused case was not stored"
    );
}
