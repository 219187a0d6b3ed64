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

use crate::support::{self, who};

fn person(given: &str, surname: &str, dob: &str, passport: &str) -> CaseFields {
    support::person("RS", given, surname, dob, passport)
}

fn identity(c: &CaseView) -> (CheckResult, String) {
    support::check(c, "earlier_cases")
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
    assert!(said.starts_with("Records that may be the same person (1)"), "{said}");
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

#[tokio::test]
async fn a_dirty_absconding_register_is_read_whole_counted_by_column_and_linked_to_the_case() {
    use pathways_app::domain::identity::PersonRecordKind;
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let case = app
        .create_case(&rs, person("Ram Bahadur", "Thapa", "1990-05-01", "PA1234567"), false)
        .await
        .unwrap();
    // Line 2 is the man of the case with a stray character in his passport number and his
    // name in one column; line 3 has an impossible date and an unknown sex code; line 4 an
    // event date that is no date. `employer` is no column of a person register: left aside.
    let file = "full_name,date_of_birth,sex,nationality,passport,event_date,event,employer\n\
                THAPA Ram Bahadur,1990-05-01,M,NP,PA1234567#,2026-06-30,left the employer,Gradnja\n\
                Sita Gurung,1985-13-45,Q,NP,PC1111111,2026-07-01,left the employer,Gradnja\n\
                Anil Rai,1979-02-03,M,NP,PD2222222,last summer,left the economy,Gradnja\n";
    // Only an economy's officers import, refused before the file is read.
    for p in [who(Role::Analyst, None), who(Role::CooLiaison, Some("NP"))] {
        assert!(matches!(
            app.import_person_register(&p, PersonRecordKind::Absconding, "a.csv", file.as_bytes(), false)
                .await,
            Err(AppError::Forbidden(_))
        ));
    }
    // Strict: refused, each value named by line and column, nothing stored.
    let err = app
        .import_person_register(&rs, PersonRecordKind::Absconding, "a.csv", file.as_bytes(), true)
        .await
        .unwrap_err()
        .to_string();
    for expected in [
        "a.csv:3: column `date_of_birth`: `1985-13-45` is not a date in any of the formats",
        "a.csv:3: column `sex`: `Q` is none of the codes m, f, x\n",
        "a.csv:2: column `passport`: `PA1234567#` has characters no document number has\n",
        "a.csv:4: column `event_date`: `last summer` is not a date (YYYY-MM-DD)",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(app.person_imports(&rs).await.unwrap().is_empty());
    // A missing identity column is structural: refused whatever the mode.
    let err = app
        .import_person_register(
            &rs,
            PersonRecordKind::Absconding,
            "b.csv",
            b"full_name,sex\nA,M\n",
            false,
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("b.csv:1: missing columns date_of_birth, passport_number"),
        "{err}"
    );
    // Lenient: every row read, every unreadable value counted with its line.
    let report = app
        .import_person_register(&rs, PersonRecordKind::Absconding, "a.csv", file.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((report.rows, report.suggested, report.rechecked), (3, 1, 1));
    assert_eq!(report.ignored_columns, ["employer"]);
    let count = |c: &str| {
        report
            .unreadable
            .columns
            .iter()
            .find(|t| t.column == c)
            .map(|t| t.count)
    };
    assert_eq!(count("date_of_birth"), Some(1));
    assert_eq!(count("sex"), Some(1));
    assert_eq!(count("passport"), Some(1));
    assert_eq!(count("event_date"), Some(1));
    assert_eq!(report.unreadable.columns[0].column, "date_of_birth");
    let imports = app.person_imports(&rs).await.unwrap();
    assert_eq!(imports.len(), 1);
    assert!(imports[0].unreadable.contains("1985-13-45"));
    // The case's identity check now names the absconding report.
    let c = app.case(&rs, &case.id, Channel::Ui).await.unwrap().case;
    let (result, said) = identity(&c);
    assert_eq!(result, CheckResult::Flag);
    assert!(
        said.contains("an absconding report of 2026-06-30: left the employer"),
        "{said}"
    );
    // Confirmed, it joins the case's timeline.
    let queue = app.identity_queue(&rs, 10, Channel::Ui).await.unwrap();
    app.decide_link(
        &rs,
        &queue[0].link.id,
        (LinkState::Suggested, LinkState::Same),
        "",
        Channel::Ui,
    )
    .await
    .unwrap();
    let timeline = app.person_timeline(&rs, &case.id).await.unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(
        (timeline[0].day.as_str(), timeline[1].day.as_str()),
        ("2026-06-30", "2026-11-02")
    );
    assert!(timeline[0].what.starts_with("an absconding report"));
    assert_eq!(timeline[1].id, case.id);
}

#[tokio::test]
async fn decided_pairs_retrain_the_parameters_with_before_and_after_and_a_version_to_roll_back() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    // Twelve people applying twice (a renewed passport, a misspelt surname) and twelve namesakes
    // (same name and birth date, another person): the queue holds both kinds.
    let given = [
        "Ram", "Sita", "Anil", "Bikash", "Nasrin", "Karim", "Rina", "Tariq", "Sunil", "Priya", "Arjun", "Kamal",
    ];
    for (k, g) in given.iter().enumerate() {
        let dob = format!("19{:02}-0{}-1{}", 70 + k, 1 + k % 9, k % 10);
        app.create_case(&rs, person(g, "Thapa", &dob, &format!("PA{k:07}")), false)
            .await
            .unwrap();
        app.create_case(&rs, person(g, "Thappa", &dob, &format!("PB{k:07}")), false)
            .await
            .unwrap();
        let mut namesake = person(g, "Thapa", &dob, &format!("NS{k:07}"));
        namesake.sex = "F".into();
        app.create_case(&rs, namesake, false).await.unwrap();
    }
    // Too few decisions yet: refused, saying how many are needed.
    let err = app.train_linkage(&rs, "RS").await.unwrap_err().to_string();
    assert!(err.contains("at least 5 are needed"), "{err}");
    // Officers decide every suggestion: the renewed passports are the same person, the
    // namesakes (another sex, another passport) are not.
    for link in app.identity_queue(&rs, 1000, Channel::Api).await.unwrap() {
        let passports: Vec<String> = [&link.left, &link.right]
            .iter()
            .map(|r| r.as_ref().unwrap().passport_number.clone())
            .collect();
        let same = !passports.iter().any(|p| p.starts_with("NS"));
        let to = if same { LinkState::Same } else { LinkState::Different };
        app.decide_link(
            &rs,
            &link.link.id,
            (LinkState::Suggested, to),
            "checked against the passports",
            Channel::Api,
        )
        .await
        .unwrap();
    }
    // Only an economy's officers or an admin train it.
    for p in [who(Role::Analyst, None), who(Role::CaseOfficer, Some("AL"))] {
        assert!(matches!(app.train_linkage(&p, "RS").await, Err(AppError::Forbidden(_))));
    }
    let (stored, e) = app.train_linkage(&rs, "RS").await.unwrap();
    assert_eq!(stored.version, 1);
    assert!(e.trained_same >= 5 && e.held_same + e.held_different > 0, "{e:?}");
    assert_eq!(e.before_version, 0);
    assert!((0.0..=1.0).contains(&e.before.f1) && (0.0..=1.0).contains(&e.after.f1));
    let versions = app.linkage_params(&rs, "RS").await.unwrap();
    assert_eq!((versions.in_use, versions.versions.len()), (1, 1));
    // The namesakes' different sex now weighs: m of a sex disagreement among the confirmed pairs
    // is below the shipped one.
    let params: pathways_linkage::index::Params = serde_json::from_str(&stored.params).unwrap();
    let shipped = pathways_linkage::index::Params::default_worker().unwrap();
    let sex = params.fields.iter().position(|f| f.name == "sex").unwrap();
    let last = params.fields[sex].m.len() - 1;
    assert!(params.fields[sex].m[last] < shipped.fields[sex].m[last]);
    // Rolled back to the shipped parameters; audited both ways.
    app.use_linkage_params(&rs, "RS", 0).await.unwrap();
    assert_eq!(app.linkage_params(&rs, "RS").await.unwrap().in_use, 0);
    assert!(app.use_linkage_params(&rs, "RS", 7).await.is_err());
    let audit = app
        .audit(&who(Role::Admin, None), &AuditQuery::default())
        .await
        .unwrap();
    assert!(audit.iter().any(|a| a.entry.action == "linkage.train"));
    assert!(audit.iter().any(|a| a.entry.action == "linkage.use"));
}
