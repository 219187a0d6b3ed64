//! Identity linkage inside screening, per role and per economy: a case is matched against its
//! economy's person index when it is saved and its identity check says which records may be the
//! same person and why; the suggestions wait in the economy's review queue; an officer's
//! decision is audited, "different persons" is never suggested again, "same person" joins the
//! records into one timeline that the check then shows; another economy's officers never see the
//! pair, and a save refused leaves the index as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;
use pathways_app::domain::case::CaseFields;
use pathways_app::domain::identity::LinkState;
use pathways_app::domain::screening::CheckResult;
use pathways_app::screening::cases::{CaseView, Channel};
use pathways_app::{App, AppError, AuditQuery};

use crate::support::who;

fn person(given: &str, surname: &str, dob: &str, passport: &str) -> CaseFields {
    CaseFields {
        economy: "RS".into(),
        given_name: given.into(),
        surname: surname.into(),
        date_of_birth: dob.into(),
        sex: "M".into(),
        nationality: "NP".into(),
        passport_number: passport.into(),
        application_date: "2026-11-02".into(),
        ..Default::default()
    }
}

fn identity(c: &CaseView) -> (CheckResult, String) {
    let k = c.checks.iter().find(|k| k.code == "earlier_cases").unwrap();
    (k.result, k.explanation.clone())
}

#[tokio::test]
async fn a_renewed_passport_is_suggested_decided_once_and_joins_the_timeline() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let al = who(Role::CaseOfficer, Some("AL"));
    // Others in the index, so that it is not the only record.
    for (k, (g, s)) in [("Sita", "Gurung"), ("Anil", "Rai"), ("Bikash", "Tamang")]
        .iter()
        .enumerate()
    {
        app.create_case(
            &rs,
            person(g, s, &format!("198{k}-02-0{}", k + 1), &format!("PX{k}0000")),
            false,
        )
        .await
        .unwrap();
    }
    let first = app
        .create_case(&rs, person("Ram Bahadur", "Thapa", "1990-05-01", "PA1234567"), false)
        .await
        .unwrap();
    assert_eq!(identity(&first).0, CheckResult::Pass, "{}", identity(&first).1);
    // The same man a year later: a renewed passport, his name transliterated otherwise.
    let again = app
        .create_case(&rs, person("Ram Bahadur", "Thappa", "1990-05-01", "PB7654321"), false)
        .await
        .unwrap();
    let (result, said) = identity(&again);
    assert_eq!(result, CheckResult::Flag, "{said}");
    assert!(said.starts_with("1 record may be the same person"), "{said}");
    assert!(said.contains(&format!("case {}", first.id)), "{said}");
    assert!(
        said.contains("the same date of birth") && said.contains("different passport numbers"),
        "{said}"
    );
    assert!(!said.contains("jw>=") && !said.contains("else"), "{said}");
    // The queue shows the pair with both identities; another economy's officers see nothing.
    let queue = app.identity_queue(&rs, 100, Channel::Api).await.unwrap();
    assert_eq!(queue.len(), 1);
    let link = &queue[0];
    assert_eq!(link.link.state, LinkState::Suggested);
    let names: Vec<String> = [&link.left, &link.right]
        .iter()
        .map(|r| r.as_ref().unwrap().surname.clone())
        .collect();
    assert!(names.contains(&"Thapa".to_string()) && names.contains(&"Thappa".to_string()));
    assert!(app.identity_queue(&al, 100, Channel::Api).await.unwrap().is_empty());
    assert!(matches!(
        app.identity_link(&al, &link.link.id, Channel::Api).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        app.identity_queue(&who(Role::Analyst, None), 100, Channel::Api).await,
        Err(AppError::Forbidden(_))
    ));
    // Showing the pair is a read of both cases, logged.
    let reads = app.case_reads(&who(Role::Admin, None), &first.id).await.unwrap();
    assert!(reads.iter().any(|r| r.email == rs.email && r.channel == "api"));
    // "Different" needs a note; another economy's officer cannot decide it.
    let id = link.link.id.clone();
    let decide = |p, to, note: &'static str| {
        let app = app.clone();
        let id = id.clone();
        async move {
            app.decide_link(&p, &id, (LinkState::Suggested, to), note, Channel::Api)
                .await
        }
    };
    assert!(matches!(
        decide(rs.clone(), LinkState::Different, "").await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        decide(al.clone(), LinkState::Same, "").await,
        Err(AppError::NotFound { .. })
    ));
    let decided = decide(rs.clone(), LinkState::Same, "").await.unwrap();
    assert_eq!(decided.link.state, LinkState::Same);
    assert_eq!(decided.link.decided_by.as_deref(), Some(rs.email.as_str()));
    // Decided against a state no longer current: refused, the decision kept.
    assert!(matches!(
        decide(rs.clone(), LinkState::Different, "no").await,
        Err(AppError::Decided(_))
    ));
    // Audited without names.
    let audit = app
        .audit(&who(Role::Admin, None), &AuditQuery::default())
        .await
        .unwrap();
    let entry = audit.iter().find(|a| a.entry.action == "identity.decide").unwrap();
    let text = serde_json::to_string(entry).unwrap();
    assert!(text.contains("\"same\"") && !text.contains("Thap"), "{text}");
    // The case's check now says it is confirmed, and the timeline holds both cases.
    let again = app.case(&rs, &again.id, Channel::Api).await.unwrap().case;
    let (result, said) = identity(&again);
    assert_eq!(result, CheckResult::Flag);
    assert!(said.starts_with("Confirmed by an officer as the same person"), "{said}");
    let timeline = app.person_timeline(&rs, &again.id).await.unwrap();
    let ids: Vec<&str> = timeline.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&first.id.as_str()) && ids.contains(&again.id.as_str()));
    assert!(app.identity_queue(&rs, 100, Channel::Api).await.unwrap().is_empty());
}

#[tokio::test]
async fn different_persons_are_never_suggested_again_and_a_failed_save_leaves_the_index_unchanged() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let a = app
        .create_case(&rs, person("Mohammad", "Hossain", "1991-04-12", "BX1234567"), false)
        .await
        .unwrap();
    // A namesake born the same day, another passport: suggested.
    let b = app
        .create_case(&rs, person("Mohammad", "Hossain", "1991-04-12", "BD9999999"), false)
        .await
        .unwrap();
    assert_eq!(identity(&b).0, CheckResult::Flag, "{}", identity(&b).1);
    let queue = app.identity_queue(&rs, 100, Channel::Ui).await.unwrap();
    assert_eq!(queue.len(), 1);
    app.decide_link(
        &rs,
        &queue[0].link.id,
        (LinkState::Suggested, LinkState::Different),
        "Different fathers' names in the passports; the CoO confirmed two persons.",
        Channel::Ui,
    )
    .await
    .unwrap();
    // Editing b (a new application date) matches it again: the pair stays decided.
    let mut fields = b.fields.clone();
    fields.application_date = "2026-11-20".into();
    let b = app.edit_case(&rs, &b.id, fields, b.version).await.unwrap();
    assert_eq!(identity(&b).0, CheckResult::Pass, "{}", identity(&b).1);
    assert!(app.identity_queue(&rs, 100, Channel::Ui).await.unwrap().is_empty());
    // A save refused (a stale version) leaves the index as it was: a third record like both still
    // finds b under its stored name.
    let mut stale = b.fields.clone();
    stale.given_name = "Someone".into();
    stale.surname = "Else".into();
    assert!(app.edit_case(&rs, &b.id, stale, b.version - 1).await.is_err());
    let c = app
        .create_case(&rs, person("Mohammad", "Hossain", "1991-04-12", "BX1234567"), false)
        .await
        .unwrap();
    let (_, said) = identity(&c);
    assert!(said.contains(&a.id) && said.contains(&b.id), "{said}");
}
