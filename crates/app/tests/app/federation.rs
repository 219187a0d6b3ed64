//! Identity linkage between economies without sharing names, per role and per economy: an
//! economy's export holds no name, date or passport number; another economy's cases are matched
//! against it on save and when it arrives; a hit says which economy and how close, and a query
//! goes to that economy's officers (not the Country of Origin's liaisons), who see their own
//! record behind the pseudonym; bad files change nothing; keys rotate.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;
use pathways_app::domain::screening::CheckResult;
use pathways_app::screening::cases::{CaseView, Channel};
use pathways_app::{App, AppError};

use crate::support::{check, person, who};

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef-the-key-the-six-agreed";

fn abroad(c: &CaseView) -> (CheckResult, String) {
    check(c, "records_abroad")
}

async fn fresh(app: &App, p: &pathways_app::domain::Principal, id: &str) -> CaseView {
    app.case(p, id, Channel::Api).await.unwrap().case
}

#[tokio::test]
async fn an_applicant_known_in_another_economy_is_found_without_names_and_asked_about() {
    let app = App::in_memory().await.unwrap();
    let admin = who(Role::Admin, None);
    let rs = who(Role::CaseOfficer, Some("RS"));
    let al = who(Role::CaseOfficer, Some("AL"));
    // Nothing to export before the economies agreed a key.
    app.create_case(
        &rs,
        person("RS", "Ram Bahadur", "Thapa", "1990-05-01", "PA1234567"),
        false,
    )
    .await
    .unwrap();
    app.create_case(&rs, person("RS", "Sita", "Gurung", "1985-03-12", "PB7654321"), false)
        .await
        .unwrap();
    assert!(matches!(
        app.export_encoded_register(&rs).await,
        Err(AppError::Invalid(_))
    ));
    for p in [who(Role::Analyst, None), who(Role::CaseOfficer, Some("RS"))] {
        assert!(matches!(
            app.add_federation_key(&p, KEY).await,
            Err(AppError::Forbidden(_))
        ));
    }
    let fingerprint = app.add_federation_key(&admin, KEY).await.unwrap();

    // An applicant in Albania before any register arrived: nothing to look in.
    let before = app
        .create_case(&al, person("AL", "Ram", "Thapa", "1990-05-01", "PA1234567"), false)
        .await
        .unwrap();
    assert_eq!(abroad(&before).0, CheckResult::Pending, "{}", abroad(&before).1);
    let other = app
        .create_case(&al, person("AL", "Bikash", "Tamang", "1979-12-30", "PC1112223"), false)
        .await
        .unwrap();

    // Serbia's export: a pseudonym and a filter per record, nothing readable.
    let export = app.export_encoded_register(&rs).await.unwrap();
    assert_eq!(export.records, 2);
    let text = String::from_utf8(export.bytes.clone()).unwrap();
    for secret in [
        "Thapa",
        "thapa",
        "THAPA",
        "Gurung",
        "GURUNG",
        "1990-05-01",
        "19900501",
        "PA1234567",
        "case_",
    ] {
        assert!(!text.contains(secret), "the export reveals `{secret}`");
    }
    assert!(text.contains(&format!("key={fingerprint}")));
    // Analysts and other roles export nothing; an officer exports their own economy only.
    assert!(matches!(
        app.export_encoded_register(&who(Role::Analyst, None)).await,
        Err(AppError::Forbidden(_))
    ));

    // Bad files are refused whole and say where.
    for (bytes, says) in [
        (b"name,dob\nRam,1990\n".to_vec(), "line 1"),
        (export.bytes.clone(), "your economy's own"),
    ] {
        let who_imports = if says == "line 1" { &al } else { &rs };
        match app.import_encoded_register(who_imports, &bytes).await {
            Err(e @ AppError::Invalid(_)) => assert!(format!("{e:?}").contains(says), "{e:?}"),
            other => panic!("{other:?}"),
        }
    }
    let under_other_key = String::from_utf8(export.bytes.clone())
        .unwrap()
        .replace(&format!("key={fingerprint}"), "key=000000000000");
    match app.import_encoded_register(&al, under_other_key.as_bytes()).await {
        Err(e @ AppError::Invalid(_)) => assert!(format!("{e:?}").contains("000000000000"), "{e:?}"),
        other => panic!("{other:?}"),
    }
    assert!(app.encoded_registers(&al).await.unwrap().is_empty());

    // Albania imports it: its open cases are matched at once.
    let r = app.import_encoded_register(&al, &export.bytes).await.unwrap();
    assert_eq!((r.meta.from_economy.as_str(), r.meta.records), ("RS", 2));
    let now = fresh(&app, &al, &before.id).await;
    let (result, says) = abroad(&now);
    assert_eq!(result, CheckResult::Flag, "{says}");
    assert!(says.contains("Serbia") && !says.contains("Thapa"), "{says}");
    let (result, says) = abroad(&fresh(&app, &al, &other.id).await);
    assert_eq!(result, CheckResult::Pass, "{says}");
    // Serbia reads nothing Albania received; Albania cannot export Serbia's.
    assert!(app.encoded_registers(&rs).await.unwrap().is_empty());

    // A new Albanian case with a typo in the name is matched on save.
    let typo = app
        .create_case(&al, person("AL", "Raam", "Thapa", "1990-05-01", "PA1234567"), false)
        .await
        .unwrap();
    assert_eq!(abroad(&typo).0, CheckResult::Flag, "{}", abroad(&typo).1);
    let hits = app.case_abroad(&al, &typo.id).await.unwrap().hits;
    assert_eq!(hits.len(), 1);
    assert!(hits[0].dice >= 0.8 && hits[0].economy == "RS", "{hits:?}");
    // Serbia's officers may not read Albania's case, nor what it matched.
    assert!(app.case_abroad(&rs, &typo.id).await.is_err());

    // The query goes to Serbia's officers, carrying no name.
    assert!(app.ask_economy(&al, &typo.id, "RS", "p-not-a-hit", "?").await.is_err());
    let q = app
        .ask_economy(&al, &typo.id, "RS", &hits[0].record, "Same person? What is on record?")
        .await
        .unwrap();
    let excerpt = q.excerpt.to_string().to_lowercase();
    assert!(
        !excerpt.contains("thapa") && !excerpt.contains("pa1234567"),
        "{excerpt}"
    );
    let asked = app.verification_request(&rs, &q.id).await.unwrap();
    let (_, what) = asked
        .record
        .clone()
        .expect("Serbia sees its own record behind the pseudonym");
    assert!(what.starts_with("case "), "{what}");
    assert!(asked.case_id.is_none(), "Serbia never reads Albania's case");
    assert!(
        app.verification_requests(&rs)
            .await
            .unwrap()
            .iter()
            .any(|r| r.id == q.id)
    );
    // Not the Country of Origin's: Nepal's liaison neither reads nor answers it, nor sees it listed.
    let np = who(Role::CooLiaison, Some("NP"));
    assert!(app.verification_request(&np, &q.id).await.is_err());
    assert!(app.answer_verification(&np, &q.id, "confirmed", "").await.is_err());
    assert!(
        app.verification_requests(&np)
            .await
            .unwrap()
            .iter()
            .all(|r| r.id != q.id)
    );
    // Nor another economy's officers; the asking officer cannot answer their own query.
    let ba = who(Role::CaseOfficer, Some("BA"));
    assert!(app.verification_request(&ba, &q.id).await.is_err());
    assert!(app.answer_verification(&al, &q.id, "confirmed", "").await.is_err());
    app.answer_verification(&rs, &q.id, "confirmed", "Refused in 2026 for a forged demand letter.")
        .await
        .unwrap();
    let answered = app.verification_request(&al, &q.id).await.unwrap();
    assert_eq!(answered.outcome.as_deref(), Some("confirmed"));

    // Rotation: a new key encodes exports; the register under the old key is matched until the
    // old key is retired.
    let newer = app
        .add_federation_key(&admin, b"another-key-agreed-by-the-six-economies-2027")
        .await
        .unwrap();
    let keys = app.federation_keys(&admin).await.unwrap();
    assert!(keys[0].current && keys[0].fingerprint == newer);
    assert_eq!(app.case_abroad(&al, &typo.id).await.unwrap().hits.len(), 1);
    app.retire_federation_key(&admin, &fingerprint).await.unwrap();
    assert!(app.case_abroad(&al, &typo.id).await.unwrap().registers.is_empty());
    assert!(app.encoded_registers(&al).await.unwrap()[0].retired_key);
    let again = app.export_encoded_register(&rs).await.unwrap();
    assert!(
        String::from_utf8(again.bytes.clone())
            .unwrap()
            .contains(&format!("key={newer}"))
    );
    app.import_encoded_register(&al, &again.bytes).await.unwrap();
    assert_eq!(app.case_abroad(&al, &typo.id).await.unwrap().hits.len(), 1);
}

#[tokio::test]
async fn an_economy_publishes_to_the_others_of_the_deployment_and_never_matches_itself() {
    let app = App::in_memory().await.unwrap();
    app.add_federation_key(&who(Role::Admin, None), KEY).await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let ba = who(Role::CaseOfficer, Some("BA"));
    let me = who(Role::CaseOfficer, Some("ME"));
    let mine = app
        .create_case(&rs, person("RS", "Hari", "Shrestha", "1991-02-14", "N7000001"), false)
        .await
        .unwrap();
    let there = app
        .create_case(&ba, person("BA", "Hari", "Shrestha", "1991-02-14", "N7000001"), false)
        .await
        .unwrap();
    assert_eq!(abroad(&there).0, CheckResult::Pending);
    app.publish_encoded_register(&rs).await.unwrap();
    // Bosnia and Herzegovina's open case was matched when it was published; Montenegro's new
    // one is matched on save; Serbia's own case never against its own register.
    assert_eq!(abroad(&fresh(&app, &ba, &there.id).await).0, CheckResult::Flag);
    let later = app
        .create_case(&me, person("ME", "Hari", "Shrestha", "1991-02-14", "N7000001"), false)
        .await
        .unwrap();
    assert_eq!(abroad(&later).0, CheckResult::Flag, "{}", abroad(&later).1);
    assert_eq!(abroad(&fresh(&app, &rs, &mine.id).await).0, CheckResult::Pending);
    assert_eq!(app.encoded_registers(&ba).await.unwrap().len(), 1);
    assert!(app.encoded_registers(&rs).await.unwrap().is_empty());
}
