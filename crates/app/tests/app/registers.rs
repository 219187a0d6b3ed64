//! Registers and the checks that read them, per role: an economy's officers load its employers
//! and agencies, a Country of Origin's list is loaded by its liaison or by any officer; a file is
//! taken whole or refused whole with every bad row named; a new register re-checks the open
//! cases it bears on; a case's checks find the employer, its recent applications, the agencies'
//! licences on the application date and earlier cases of the same person.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine as _;
use pathways_app::domain::Role;
use pathways_app::domain::case::CaseFields;
use pathways_app::domain::register::RegisterKind;
use pathways_app::domain::screening::CheckResult;
use pathways_app::screening::cases::{CaseQuery, Channel};
use pathways_app::screening::files::Attached;
use pathways_app::{App, AppError};

use crate::support::{check as result, who};

const EMPLOYERS: &str =
    "registration_number,name,status,employees,sector\nRS-100,Gradnja doo,active,4,F\nRS-200,Stara firma,closed,50,C\n";
const NEPAL: &str = "licence;name;status;valid_from;valid_to\n1042/079;Everest Manpower;valid;2022-01-01;2030-12-31\n88/070;Himal HR;banned;2015-01-01;2030-12-31\n";

fn worker(employer: &str, coo_agency: &str, passport: &str) -> CaseFields {
    CaseFields {
        economy: "RS".into(),
        given_name: "Ram".into(),
        surname: "Thapa".into(),
        date_of_birth: "1990-05-01".into(),
        nationality: "NP".into(),
        passport_number: passport.into(),
        employer: employer.into(),
        coo_agency: coo_agency.into(),
        application_date: "2026-11-02".into(),
        ..Default::default()
    }
}

/// An app whose Serbian employer register is loaded, and a Serbian case officer.
async fn serbia_with_employers() -> (App, pathways_app::domain::Principal) {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    app.load_register(
        &rs,
        RegisterKind::Employers,
        "RS",
        "emp.csv",
        EMPLOYERS.as_bytes(),
        false,
    )
    .await
    .unwrap();
    (app, rs)
}

#[tokio::test]
async fn registers_load_whole_for_the_right_roles_and_feed_the_checks() {
    let app = App::in_memory().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let before = app
        .create_case(&rs, worker("RS-100", "Everest Manpower", "PA1"), false)
        .await
        .unwrap();
    assert_eq!(
        result(&before, "employer_register").0,
        CheckResult::Pending,
        "no register yet"
    );
    assert_eq!(result(&before, "coo_agency_licence").0, CheckResult::Pending);

    // Who may load what: checked before the file is read.
    for (p, kind, scope) in [
        (who(Role::CaseOfficer, Some("AL")), RegisterKind::Employers, "RS"),
        (who(Role::Analyst, None), RegisterKind::Employers, "RS"),
        (who(Role::Admin, None), RegisterKind::CooAgencies, "NP"),
        (who(Role::CooLiaison, Some("BD")), RegisterKind::CooAgencies, "NP"),
        (who(Role::CooLiaison, Some("NP")), RegisterKind::LocalAgencies, "RS"),
    ] {
        assert!(
            matches!(
                app.load_register(&p, kind, scope, "x.csv", b"\xff\xfe garbage", false)
                    .await,
                Err(AppError::Forbidden(_))
            ),
            "{:?} {kind:?} {scope}",
            p.role
        );
    }

    // A bad file changes nothing and names every bad row.
    let bad = "registration_number,name,status,employees\nRS-1,A,active,3\nRS-1,B,bankrupt,x\n";
    match app
        .load_register(&rs, RegisterKind::Employers, "RS", "emp.csv", bad.as_bytes(), false)
        .await
    {
        Err(AppError::Invalid(p)) => {
            let at: Vec<_> = p
                .iter()
                .map(|p| (p.line, p.field.clone().unwrap_or_default()))
                .collect();
            assert_eq!(
                at,
                [
                    (Some(3), "registration_number".into()),
                    (Some(3), "status".into()),
                    (Some(3), "employees".into())
                ]
            );
            assert!(p[0].file == "emp.csv", "{:?}", p[0]);
        }
        other => panic!("{other:?}"),
    }
    assert!(app.register_imports(&rs).await.unwrap().is_empty());

    let report = app
        .load_register(
            &rs,
            RegisterKind::Employers,
            "rs",
            "emp.csv",
            EMPLOYERS.as_bytes(),
            false,
        )
        .await
        .unwrap();
    assert_eq!((report.import.rows, report.rechecked), (2, 1));
    let np = who(Role::CooLiaison, Some("NP"));
    app.load_register(
        &np,
        RegisterKind::CooAgencies,
        "NP",
        "dofe.csv",
        NEPAL.as_bytes(),
        false,
    )
    .await
    .unwrap();
    // The open case was checked again against both registers.
    let again = app.case(&rs, &before.id, Channel::Api).await.unwrap();
    assert_eq!(result(&again, "employer_register").0, CheckResult::Pass);
    let (coo, why) = result(&again, "coo_agency_licence");
    assert_eq!(coo, CheckResult::Pass, "{why}");
    assert!(
        why.contains("Everest Manpower (licence 1042/079)") && why.contains("2026-11-02"),
        "{why}"
    );
    assert_eq!(again.version, before.version, "a re-check is not the officer's edit");

    // A banned agency fails; a closed employer fails; an unknown one is flagged.
    let banned = app
        .create_case(&rs, worker("Stara firma", "88-070", "PA2"), false)
        .await
        .unwrap();
    assert_eq!(result(&banned, "coo_agency_licence").0, CheckResult::Fail);
    assert_eq!(result(&banned, "employer_register").0, CheckResult::Fail);
    let unknown = app
        .create_case(&rs, worker("Nobody Ltd", "Nowhere", "PA3"), false)
        .await
        .unwrap();
    assert_eq!(result(&unknown, "employer_register").0, CheckResult::Flag);
    assert_eq!(result(&unknown, "coo_agency_licence").0, CheckResult::Flag);

    // Gradnja has 4 employees: at 0.5 per employee, a third application in 90 days is flagged.
    let third = app
        .create_case(&rs, worker("gradnja DOO", "", "PA4"), false)
        .await
        .unwrap();
    assert_eq!(
        result(&third, "employer_volume").0,
        CheckResult::Pass,
        "{}",
        result(&third, "employer_volume").1
    );
    let fourth = app.create_case(&rs, worker("RS-100", "", "PA5"), false).await.unwrap();
    let (volume, why) = result(&fourth, "employer_volume");
    assert_eq!(volume, CheckResult::Flag, "{why}");
    assert!(
        why.contains("3 permit applications") && why.contains("allows 2"),
        "{why}"
    );

    // The same passport, or the same birth date and a like name, is an earlier case.
    let same = app.create_case(&rs, worker("RS-100", "", "pa1"), false).await.unwrap();
    let (earlier, why) = result(&same, "earlier_cases");
    assert_eq!(earlier, CheckResult::Flag);
    assert!(
        why.contains(&before.id) && why.contains("same passport number"),
        "{why}"
    );
    let mut renamed = worker("", "", "NEW9");
    renamed.given_name = "Raam".into();
    let alike = app.create_case(&rs, renamed, false).await.unwrap();
    assert!(result(&alike, "earlier_cases").1.contains("same date of birth"));
    let mut other = worker("", "", "ZZ1");
    other.given_name = "Sita".into();
    other.surname = "Gurung".into();
    assert_eq!(
        result(&app.create_case(&rs, other, false).await.unwrap(), "earlier_cases").0,
        CheckResult::Pass
    );

    // Other economies' officers see the Nepal list's import (they check against it), not Serbia's employers.
    let al = who(Role::CaseOfficer, Some("AL"));
    let seen: Vec<RegisterKind> = app
        .register_imports(&al)
        .await
        .unwrap()
        .iter()
        .map(|i| i.kind)
        .collect();
    assert_eq!(seen, [RegisterKind::CooAgencies]);
}

#[tokio::test]
async fn an_edit_runs_the_checks_again_and_never_overwrites_a_newer_version() {
    let (app, rs) = serbia_with_employers().await;
    let c = app
        .create_case(&rs, worker("Nobody Ltd", "", "PA1"), false)
        .await
        .unwrap();
    assert_eq!(result(&c, "employer_register").0, CheckResult::Flag);
    let mut fixed = c.fields.clone();
    fixed.employer = "RS-100".into();
    fixed.economy = "AL".into();
    let edited = app.edit_case(&rs, &c.id, fixed.clone(), c.version).await.unwrap();
    assert_eq!(
        (edited.version, edited.fields.economy.as_str()),
        (2, "RS"),
        "a case stays with its economy"
    );
    assert_eq!(result(&edited, "employer_register").0, CheckResult::Pass);
    assert!(matches!(
        app.edit_case(&rs, &c.id, fixed.clone(), c.version).await,
        Err(AppError::CaseConflict {
            yours: 1,
            current: 2,
            ..
        })
    ));
    assert!(matches!(
        app.edit_case(&who(Role::CaseOfficer, Some("AL")), &c.id, fixed, 2)
            .await,
        Err(AppError::NotFound { .. })
    ));
}

#[tokio::test]
async fn the_demo_caseload_has_every_state_requests_open_overdue_and_answered_and_is_synthetic() {
    use pathways_app::domain::screening::CaseState;
    let app = App::in_memory().await.unwrap();
    app.ensure_demo_users("a long demo password").await.unwrap();
    let made = app.ensure_demo_caseload().await.unwrap();
    assert_eq!(made, 6 * pathways_app::screening::CASES_PER_ECONOMY);
    assert_eq!(app.ensure_demo_caseload().await.unwrap(), 0, "seeded once");
    let rs = who(Role::CaseOfficer, Some("RS"));
    let cases = app
        .cases(
            &rs,
            &CaseQuery {
                limit: Some(500),
                ..Default::default()
            },
            Channel::Api,
        )
        .await
        .unwrap();
    assert_eq!(cases.len(), pathways_app::screening::CASES_PER_ECONOMY);
    assert!(cases.iter().all(|c| c.synthetic && c.fields.economy == "RS"));
    for s in CaseState::ALL {
        assert!(cases.iter().filter(|c| c.state == *s).count() >= 5, "{s:?}");
    }
    let flagged = |code: &str, r: CheckResult| {
        cases
            .iter()
            .filter(|c| c.checks.iter().any(|k| k.code == code && k.result == r))
            .count()
    };
    for (code, r) in [
        ("passport_mrz", CheckResult::Fail),
        ("coo_agency_licence", CheckResult::Fail),
        ("coo_agency_licence", CheckResult::Flag),
        ("employer_register", CheckResult::Flag),
        ("employer_register", CheckResult::Pass),
    ] {
        assert!(flagged(code, r) > 0, "{code} {r:?}");
    }
    let requests = app.verification_requests(&rs).await.unwrap();
    assert!(requests.iter().any(|r| r.overdue), "some overdue");
    assert!(
        requests.iter().any(|r| r.outcome.is_none() && !r.overdue),
        "some open, not yet due"
    );
    assert!(requests.iter().any(|r| r.outcome.as_deref() == Some("not_confirmed")));
    let decided = cases.iter().filter(|c| c.decision.is_some()).count();
    assert!(decided > 0);
    let mut issued = 0;
    for c in cases
        .iter()
        .filter(|c| c.decision.as_ref().is_some_and(|d| d["decision"] == "grant"))
    {
        let page = app.case(&rs, &c.id, Channel::Ui).await.unwrap();
        issued += page
            .outcomes
            .iter()
            .filter(|o| o.kind.as_str() == "permit_issued")
            .count();
    }
    assert!(issued > 0, "granted permits were issued");

    // The pseudonymised export: no name or passport; one pseudonym per person, new each time.
    let csv = String::from_utf8(app.pseudonymised_cases(&rs).await.unwrap()).unwrap();
    let first_line = csv.lines().next().unwrap();
    assert!(
        first_line.starts_with("person,economy,nationality") && first_line.ends_with("earlier_cases,records_abroad")
    );
    assert_eq!(csv.lines().count(), cases.len() + 1);
    for c in cases.iter().take(20) {
        assert!(!csv.contains(&c.fields.passport_number) && !csv.contains(&c.fields.surname));
        assert!(c.fields.date_of_birth.len() < 10 || !csv.contains(&c.fields.date_of_birth));
    }
    let again = String::from_utf8(app.pseudonymised_cases(&rs).await.unwrap()).unwrap();
    let pseudonym = |t: &str| t.lines().nth(1).unwrap().split(',').next().unwrap().to_string();
    assert_ne!(pseudonym(&csv), pseudonym(&again), "two exports cannot be joined");
    assert!(app.pseudonymised_cases(&who(Role::Analyst, None)).await.is_err());

    // Overdue requests are reminded of once a week.
    let overdue = requests.iter().filter(|r| r.overdue).count();
    let reminded = app.remind_overdue().await.unwrap();
    assert!(reminded >= overdue && reminded > 0, "{reminded} of {overdue} in RS");
    assert_eq!(app.remind_overdue().await.unwrap(), 0, "not again within the week");
    let np = app.principal_by_email("coo-np@demo").await.unwrap();
    assert!(
        app.notifications(&np)
            .await
            .unwrap()
            .iter()
            .any(|n| n.text.contains("has no answer yet"))
    );
    // The officer who asked is told too, with the case to open.
    let officer = app.principal_by_email("officer-rs@demo").await.unwrap();
    let told = app.notifications(&officer).await.unwrap();
    assert!(
        told.iter()
            .any(|n| n.text.contains("has not answered your request") && n.link.starts_with("/screening/cases/")),
        "{told:?}"
    );

    // The list filters by state, by passport or name, and refuses another economy.
    let q = |state: Option<&str>, text: Option<&str>| CaseQuery {
        state: state.map(str::to_string),
        q: text.map(str::to_string),
        limit: Some(500),
        ..Default::default()
    };
    let waiting = app
        .cases(&rs, &q(Some("awaiting_coo"), None), Channel::Ui)
        .await
        .unwrap();
    assert!(!waiting.is_empty() && waiting.iter().all(|c| c.state == CaseState::AwaitingCoo));
    let one = &cases[7];
    let by_passport = app
        .cases(
            &rs,
            &q(None, Some(&one.fields.passport_number.to_lowercase())),
            Channel::Ui,
        )
        .await
        .unwrap();
    assert!(by_passport.iter().any(|c| c.id == one.id));
    let by_name = app
        .cases(&rs, &q(None, Some(&one.fields.surname)), Channel::Ui)
        .await
        .unwrap();
    assert!(by_name.iter().all(|c| c.fields.surname == one.fields.surname) && !by_name.is_empty());
    assert!(app.cases(&rs, &q(Some("approved"), None), Channel::Ui).await.is_err());
    let al = who(Role::CaseOfficer, Some("AL"));
    let theirs = CaseQuery {
        economy: Some("rs".into()),
        ..Default::default()
    };
    assert!(matches!(
        app.cases(&al, &theirs, Channel::Api).await,
        Err(AppError::Forbidden(_))
    ));
    // A list is a read of every case it shows.
    let reads = app.case_reads(&rs, &one.id).await.unwrap();
    assert!(reads.iter().any(|r| r.channel == "ui"), "{reads:?}");
}

#[tokio::test]
async fn figures_are_per_role_suppress_small_counts_and_publish_real_cases_only() {
    use pathways_app::domain::Kind;
    let app = App::in_memory().await.unwrap();
    app.ensure_demo_users("a long demo password").await.unwrap();
    app.ensure_demo_caseload().await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let mine = app.coo_dashboard(&rs).await.unwrap();
    assert!(!mine.is_empty() && mine.iter().all(|r| r.economy.as_deref() == Some("RS")));
    assert!(
        mine.iter()
            .any(|r| r.overdue.unwrap() > 0 && r.median_answer_days.is_some())
    );
    let np = app.coo_dashboard(&who(Role::CooLiaison, Some("NP"))).await.unwrap();
    assert!(
        np.iter().all(|r| r.country == "NP") && np.len() == 6,
        "one row per economy"
    );
    let analyst = who(Role::Analyst, None);
    let all = app.coo_dashboard(&analyst).await.unwrap();
    assert!(all.iter().all(|r| r.economy.is_none() && r.sent.is_none_or(|n| n >= 5)));
    let sent: i64 = all.iter().filter_map(|r| r.sent).sum();
    let per_officer: i64 = mine.iter().filter_map(|r| r.sent).sum();
    assert!(sent > per_officer, "{sent} across economies");

    // The demo caseload is synthetic: nothing of it is published.
    let first = app.publish_screening_figures(&analyst).await.unwrap();
    assert_eq!(first.created, 0, "{first:?}");
    assert!(
        app.publish_screening_figures(&rs).await.is_err(),
        "analysts and admins publish"
    );

    // Six real applications from Nepal and three from Bangladesh: only Nepal's count is published.
    let today = pathways_app::today();
    for (i, nat) in ["NP", "NP", "NP", "NP", "NP", "NP", "BD", "BD", "BD"]
        .iter()
        .enumerate()
    {
        let mut f = worker("", "", &format!("RX{i}"));
        f.nationality = (*nat).into();
        f.given_name = format!("Person{i}");
        f.application_date = today.clone();
        f.pathway = "rs-single-employment".into();
        let c = app.create_case(&rs, f, false).await.unwrap();
        // Five of Nepal's refused for a false document, two of them also for a doubtful identity.
        if i < 5 {
            app.move_case(&rs, &c.id, "screening", None).await.unwrap();
            let mut reasons = vec!["document_false".to_string()];
            if i < 2 {
                reasons.push("identity_doubt".into());
            }
            app.decide(
                &rs,
                &c.id,
                pathways_app::screening::decisions::DecisionInput {
                    decision: "refuse".into(),
                    reasons,
                    note: "The demand letter was forged.".into(),
                    version: None,
                },
            )
            .await
            .unwrap();
        }
    }
    let report = app.publish_screening_figures(&analyst).await.unwrap();
    assert!(report.created >= 2 && report.suppressed >= 1, "{report:?}");
    let obs = app
        .list(&analyst, Kind::Observation, &Default::default())
        .await
        .unwrap();
    let screening: Vec<_> = obs
        .iter()
        .filter(|r| r.body["indicator"].as_str().is_some_and(|i| i.starts_with("SCR_")))
        .collect();
    let value = |country: &str| {
        screening
            .iter()
            .find(|r| r.body["indicator"] == "SCR_CASES" && r.body["citizenship"] == country)
            .map(|r| r.body["value"].as_f64().unwrap())
    };
    assert_eq!((value("NP"), value("BD"), value("_T")), (Some(6.0), None, Some(9.0)));
    // Refusals by reason: each reason its indicator, a refusal counted under each of its reasons,
    // counts below 5 left out.
    let refused = |indicator: &str| {
        screening
            .iter()
            .find(|r| r.body["indicator"] == indicator && r.body["citizenship"] == "NP")
            .map(|r| r.body["value"].as_f64().unwrap())
    };
    assert_eq!(refused("SCR_REFUSALS"), Some(5.0));
    assert_eq!(refused("SCR_REFUSED_DOCUMENT_FALSE"), Some(5.0));
    assert_eq!(refused("SCR_REFUSED_IDENTITY_DOUBT"), None, "2 refusals: suppressed");
    // By pathway too, every nationality together; the map's series read every pathway only.
    let by_pathway = screening
        .iter()
        .find(|r| r.body["indicator"] == "SCR_CASES" && r.body["pathway"] == "rs-single-employment")
        .unwrap();
    assert_eq!(
        (
            by_pathway.body["citizenship"].as_str(),
            by_pathway.body["value"].as_f64()
        ),
        (Some("_T"), Some(9.0))
    );
    let profile = app.profile("RS").await.unwrap();
    let cases = profile.series.iter().find(|s| s.indicator.code == "SCR_CASES").unwrap();
    assert!(
        cases
            .observations
            .iter()
            .all(pathways_app::domain::entity::every_pathway)
    );
    assert_eq!(cases.observations.len(), 2, "NP and the total");
    assert!(
        screening[0].body["provenance"]["source"]
            .as_str()
            .unwrap()
            .starts_with("Screening register of Serbia")
    );
    let again = app.publish_screening_figures(&analyst).await.unwrap();
    assert_eq!((again.created, again.unchanged), (0, report.created), "{again:?}");
}

#[tokio::test]
async fn a_purge_leaves_no_personal_data_in_the_database_file_and_keeps_the_figures() {
    let dir = std::env::temp_dir().join(format!("pathways-purge-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("p.db");
    let (app, _) = App::open(db.to_str().unwrap(), None).await.unwrap();
    let rs = who(Role::CaseOfficer, Some("RS"));
    let np = who(Role::CooLiaison, Some("NP"));
    let mut f = worker("", "", "QX9876543");
    f.given_name = "Zzyzxquux".into();
    f.surname = "Qwertyuiop".into();
    let c = app.create_case(&rs, f, false).await.unwrap();
    let r = app
        .request_verification(&rs, &c.id, "NP", "identity", None, "Is Zzyzxquux Qwertyuiop known?")
        .await
        .unwrap();
    app.answer_verification(
        &np,
        &r.id,
        "confirmed",
        "Zzyzxquux Qwertyuiop holds passport QX9876543.",
    )
    .await
    .unwrap();
    app.decide(
        &rs,
        &c.id,
        pathways_app::screening::decisions::DecisionInput {
            decision: "grant".into(),
            reasons: vec!["coo_confirmed".into()],
            note: "Zzyzxquux Qwertyuiop confirmed by Nepal.".into(),
            version: None,
        },
    )
    .await
    .unwrap();
    app.record_outcome(&rs, &c.id, "entry", &pathways_app::today(), "Zzyzxquux arrived.")
        .await
        .unwrap();
    // A scan kept with the case, and the Country of Origin's evidence with its answer.
    let scan = b"%PDF-1.7 passport of Zzyzxquux Qwertyuiop QX9876543";
    app.attach_case_file(&rs, Attached::Case(&c.id), "passport-Zzyzxquux.pdf", scan)
        .await
        .unwrap();
    app.attach_case_file(
        &np,
        Attached::Request(&r.id),
        "record.pdf",
        b"%PDF-1.7 Qwertyuiop on record",
    )
    .await
    .unwrap();
    app.move_case(&rs, &c.id, "closed", None).await.unwrap();
    let export = app.person_export(&rs, &c.id).await.unwrap();
    let text = export.to_string();
    assert!(text.contains("QX9876543") && text.contains("Zzyzxquux arrived.") && text.contains("holds passport"));
    assert_eq!(export["files"].as_array().unwrap().len(), 2);
    assert_eq!(
        export["files"][0]["content_base64"],
        base64::engine::general_purpose::STANDARD.encode(scan)
    );
    assert!(
        app.person_export(&who(Role::CaseOfficer, Some("AL")), &c.id)
            .await
            .is_err()
    );

    // Not yet: five years after closure by default; and only admins (or the server) purge.
    assert_eq!(
        app.purge_expired(&who(Role::Admin, None), &pathways_app::today())
            .await
            .unwrap()
            .cases,
        0
    );
    assert!(app.purge_expired(&rs, "2099-01-01").await.is_err());
    let report = app.purge_expired(&who(Role::Admin, None), "2099-01-01").await.unwrap();
    assert_eq!(report.cases, 1);
    drop(app);

    let mut bytes = std::fs::read(&db).unwrap();
    if let Ok(wal) = std::fs::read(dir.join("p.db-wal")) {
        bytes.extend(wal);
    }
    let raw = String::from_utf8_lossy(&bytes);
    for personal in ["Zzyzxquux", "Qwertyuiop", "QX9876543"] {
        assert!(!raw.contains(personal), "{personal} is still in the database file");
    }
    // What the figures need is kept.
    let (app, _) = App::open(db.to_str().unwrap(), None).await.unwrap();
    let kept = app.case(&rs, &c.id, Channel::Api).await.unwrap();
    assert!(kept.purged_at.is_some(), "a purged case says so");
    assert!(c.purged_at.is_none());
    assert_eq!(
        (kept.fields.nationality.as_str(), kept.fields.surname.as_str()),
        ("NP", "")
    );
    assert_eq!(kept.decision.as_ref().unwrap()["reasons"][0], "coo_confirmed");
    assert_eq!(kept.outcomes.len(), 1);
    let mine = app.coo_dashboard(&rs).await.unwrap();
    assert_eq!(mine[0].sent, Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn cases_import_whole_or_not_at_all_with_their_checks() {
    let (app, rs) = serbia_with_employers().await;
    let bad = "given_name,surname,date_of_birth,nationality,passport_number,employer,colour\nRam,Thapa,1990-05-01,NP,PA1,RS-100,red\n";
    match app.import_cases(&rs, "cases.csv", bad.as_bytes(), false, false).await {
        Err(AppError::Invalid(p)) => assert_eq!((p[0].line, p[0].field.as_deref()), (Some(1), Some("colour"))),
        other => panic!("{other:?}"),
    }
    let rows = "given_name;surname;date_of_birth;nationality;passport_number;employer;economy\n\
                Ram;Thapa;1990-05-01;NP;PA1;RS-100;RS\n\
                Sita;;1991-02-30;XX;P A;;\n\
                Bikash;Rai;1992;NP;PA3;Nobody;AL\n";
    // Strict: every value not as a case holds it is refused, as the case form refuses it.
    let refused_at = |r: Result<pathways_app::screening::import::CaseImport, AppError>| -> Vec<(u64, String)> {
        match r {
            Err(AppError::Invalid(p)) => p
                .iter()
                .map(|p| (p.line.unwrap(), p.field.clone().unwrap_or_default()))
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        refused_at(app.import_cases(&rs, "cases.csv", rows.as_bytes(), false, true).await),
        [
            (3, "surname".into()),
            (3, "date_of_birth".into()),
            (3, "nationality".into()),
            (3, "passport_number".into()),
            (4, "economy".into())
        ]
    );
    // Lenient (the default): the impossible date is read by its year and the stray space of
    // the passport number dropped; a row without a surname or a known nationality is no case.
    assert_eq!(
        refused_at(app.import_cases(&rs, "cases.csv", rows.as_bytes(), false, false).await),
        [(3, "surname".into()), (3, "nationality".into()), (4, "economy".into())]
    );
    let q = CaseQuery::default();
    assert!(
        app.cases(&rs, &q, Channel::Api).await.unwrap().is_empty(),
        "nothing written"
    );
    let good = "given_name,surname,date_of_birth,nationality,passport_number,employer\nRam,Thapa,1990-05-01,NP,PA1,RS-100\nSita,Gurung,1991,NP,PA2,Nobody\n";
    let report = app
        .import_cases(&rs, "cases.csv", good.as_bytes(), false, false)
        .await
        .unwrap();
    assert_eq!((report.cases, report.flagged), (2, 1));
    assert!(report.unreadable.is_empty());
    let cases = app.cases(&rs, &q, Channel::Api).await.unwrap();
    assert_eq!(cases.len(), 2);
    assert!(cases.iter().all(|c| !c.checks.is_empty()));
    assert!(
        app.import_cases(&who(Role::Analyst, None), "c.csv", good.as_bytes(), false, false)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_dirty_case_file_is_imported_whole_its_unreadable_values_set_aside_and_reported() {
    let (app, rs) = serbia_with_employers().await;
    // As a permit system exports: its own column names in another case, regional dates, a
    // country by name, an impossible date, a sex code of its own, a passport with a dash.
    let rows = "Given_Name,Surname,Date_of_Birth,Sex,Nationality,Passport_Number,Passport_Expiry,Employer\n\
                Ram,Thapa,14.02.1991,M,Nepal,PA-1234567,31.12.2031,RS-100\n\
                Sita,Gurung,1945-04-93,Q,NP,PB7654321,someday,RS-100\n\
                Anil,Rai,00.00.1988,,NP,PC1112223,,RS-100\n";
    let report = app
        .import_cases(&rs, "permits.csv", rows.as_bytes(), false, false)
        .await
        .unwrap();
    assert_eq!(report.cases, 3);
    let lines = report.unreadable.lines();
    assert_eq!(report.unreadable.total(), 4, "{lines:?}");
    for said in [
        "column `Passport_Number`: 1 unreadable value",
        "  line 2: `PA-1234567` — characters a passport number has not; read as PA1234567",
        "  line 3: `1945-04-93` — not a date; read as the year 1945",
        "  line 3: `Q` — not a sex code (F, M, X); left empty",
        "  line 3: `someday` — not a date; left empty",
    ] {
        assert!(lines.iter().any(|l| l == said), "{said} not in {lines:?}");
    }
    let mut cases = app.cases(&rs, &CaseQuery::default(), Channel::Api).await.unwrap();
    cases.sort_by(|a, b| a.fields.given_name.cmp(&b.fields.given_name));
    let (anil, ram, sita) = (&cases[0], &cases[1], &cases[2]);
    assert_eq!(
        (
            ram.fields.date_of_birth.as_str(),
            ram.fields.nationality.as_str(),
            ram.fields.passport_expiry.as_str()
        ),
        ("1991-02-14", "NP", "2031-12-31")
    );
    assert_eq!(anil.fields.date_of_birth, "1988");
    assert!(anil.fields.set_aside.is_empty());
    assert_eq!(sita.fields.date_of_birth, "1945");
    assert_eq!(sita.fields.set_aside["date_of_birth"], "1945-04-93");
    assert_eq!(sita.fields.set_aside["sex"], "Q");
    // The officer corrects the sex: what was set aside for it goes, the rest stays.
    let mut fixed = sita.fields.clone();
    fixed.sex = "F".into();
    let edited = app.edit_case(&rs, &sita.id, fixed, sita.version).await.unwrap();
    assert!(!edited.fields.set_aside.contains_key("sex"));
    assert_eq!(edited.fields.set_aside["date_of_birth"], "1945-04-93");
}

#[tokio::test]
async fn an_import_checks_each_row_against_the_cases_before_it_and_its_own_earlier_rows() {
    let (app, rs) = serbia_with_employers().await;
    let first = app.create_case(&rs, worker("RS-100", "", "PA1"), false).await.unwrap();
    let rows = "given_name,surname,date_of_birth,nationality,passport_number,employer,application_date\n\
                Ram,Thapa,1990-05-01,NP,PA1,RS-100,2026-11-03\n\
                Ram,Thappa,1990-05-01,NP,PB2,Gradnja doo,2026-11-04\n\
                Sita,Gurung,1990-05-01,NP,PC3,RS-100,2026-11-05\n";
    app.import_cases(&rs, "cases.csv", rows.as_bytes(), false, false)
        .await
        .unwrap();
    let mut cases = app.cases(&rs, &CaseQuery::default(), Channel::Api).await.unwrap();
    cases.retain(|c| c.id != first.id);
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    let said: Vec<(CheckResult, String)> = cases.iter().map(|c| result(c, "earlier_cases")).collect();
    // The same passport as the case opened before; then the same birth date and a name alike,
    // against that case and the file's first row; a different name is nobody earlier.
    assert_eq!(said[0].0, CheckResult::Flag, "{}", said[0].1);
    assert!(
        said[0].1.starts_with("Records that may be the same person (1)"),
        "{}",
        said[0].1
    );
    assert!(said[0].1.contains("the same passport number"), "{}", said[0].1);
    assert!(
        said[1].1.starts_with("Records that may be the same person (2)"),
        "{}",
        said[1].1
    );
    assert_eq!(said[2].0, CheckResult::Pass, "{}", said[2].1);
    // Gradnja doo has 4 employees on record; the fourth application in 90 days (the file's third
    // row, named by the register's name on its second) is counted with those before it.
    let volume: Vec<String> = cases.iter().map(|c| result(c, "employer_volume").1).collect();
    assert!(volume[0].contains("2 permit applications"), "{}", volume[0]);
    assert!(volume[1].contains("3 permit applications"), "{}", volume[1]);
    assert!(volume[2].contains("4 permit applications"), "{}", volume[2]);
}

#[tokio::test]
async fn an_economys_officers_set_its_rules_as_versions_that_recheck_its_open_cases() {
    use pathways_app::screening::rules::{RuleInput, RulesInput};
    let (app, rs) = serbia_with_employers().await;
    let c = app.create_case(&rs, worker("RS-100", "", "PA1"), false).await.unwrap();
    app.create_case(&rs, worker("RS-100", "", "PB2"), false).await.unwrap();
    assert_eq!(result(&c, "employer_volume").0, CheckResult::Pass);
    let shipped = app.screening_rules(&rs, "RS").await.unwrap();
    assert_eq!(shipped.version, 0);
    assert!(shipped.rules.iter().all(|r| !r.own && r.applies));
    let input = |version: i64, note: &str| RulesInput {
        version,
        note: note.into(),
        rules: vec![
            RuleInput {
                check: "employer_volume".into(),
                applies: true,
                pathways: None,
                threshold: Some(0.1),
            },
            RuleInput {
                check: "coo_agency_licence".into(),
                applies: false,
                pathways: None,
                threshold: None,
            },
        ],
    };

    // Only Serbia's officers set Serbia's rules; a reason is required; bad rules are named.
    for other in [
        who(Role::CaseOfficer, Some("AL")),
        who(Role::Analyst, None),
        who(Role::Admin, None),
        who(Role::CooLiaison, Some("NP")),
    ] {
        assert!(matches!(
            app.set_screening_rules(&other, "RS", input(0, "stricter")).await,
            Err(AppError::Forbidden(_))
        ));
    }
    assert!(app.screening_rules(&who(Role::Analyst, None), "RS").await.is_ok());
    assert!(
        app.screening_rules(&who(Role::CooLiaison, Some("NP")), "RS")
            .await
            .is_err()
    );
    assert!(app.set_screening_rules(&rs, "RS", input(0, " ")).await.is_err());
    let mut bad = input(0, "typo");
    bad.rules[0].threshold = Some(-1.0);
    bad.rules[1].check = "horoscope".into();
    bad.rules.push(RuleInput {
        check: "passport_mrz".into(),
        applies: true,
        pathways: Some(vec!["al-seasonal".into()]),
        threshold: Some(3.0),
    });
    match app.set_screening_rules(&rs, "RS", bad).await {
        Err(AppError::Invalid(p)) => {
            let at: Vec<(u64, &str)> = p
                .iter()
                .map(|p| (p.line.unwrap(), p.field.as_deref().unwrap()))
                .collect();
            assert_eq!(
                at,
                [(1, "threshold"), (2, "check"), (3, "threshold"), (3, "pathways")],
                "{p:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.screening_rules(&rs, "RS").await.unwrap().version,
        0,
        "nothing saved"
    );

    let saved = app
        .set_screening_rules(&rs, "RS", input(0, "Volume abuse seen in 2026."))
        .await
        .unwrap();
    assert_eq!((saved.version, saved.rechecked), (1, 2));
    // The open case was checked again under version 1: the volume rule is stricter, the CoO
    // licence check switched off.
    let now = app.case(&rs, &c.id, Channel::Api).await.unwrap();
    let (volume, said) = result(&now, "employer_volume");
    assert_eq!(volume, CheckResult::Flag, "{said}");
    let k = now.checks.iter().find(|k| k.code == "employer_volume").unwrap();
    assert_eq!(k.rules_version, "RS:v1");
    assert!(now.checks.iter().all(|k| k.code != "coo_agency_licence"));
    // Other economies keep the regional rules.
    let al = who(Role::CaseOfficer, Some("AL"));
    let theirs = app.screening_rules(&al, "AL").await.unwrap();
    assert!(theirs.rules.iter().all(|r| !r.own));

    // A save against an older version is refused; the audit keeps before and after and why.
    assert!(matches!(
        app.set_screening_rules(&rs, "RS", input(0, "again")).await,
        Err(AppError::Invalid(_))
    ));
    let second = app
        .set_screening_rules(&rs, "RS", input(1, "Same rules, reviewed."))
        .await
        .unwrap();
    assert_eq!(second.history.len(), 2);
    assert_eq!(second.history[1].note, "Volume abuse seen in 2026.");
    let audit = app
        .audit(&who(Role::Admin, None), &pathways_app::AuditQuery::default())
        .await
        .unwrap();
    let last = audit.iter().find(|a| a.entry.action == "screening.rules").unwrap();
    assert_eq!(last.entry.version, Some(2));
    assert!(
        last.entry.before.as_ref().unwrap()["rules"]
            .as_str()
            .unwrap()
            .contains("RS,employer_volume,*,0.1,v1")
    );
}
