//! Use-case tests of `pathways-app` on a real SQLite store loaded with the shipped dataset:
//! permissions per role and economy, version conflicts, the audit trail, imports that change
//! nothing when a row is bad, and the idempotent reference load.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::{Kind, Principal, Role};
use pathways_app::map::records::ListFilter;
use pathways_app::{App, AppError, AuditQuery, auth};
use serde_json::json;

use crate::support::{ECONOMIES, who};

async fn first_institution(app: &App, economy: &str) -> (String, i64) {
    let f = ListFilter::of_owner(Some(economy));
    let r = app.list(&who(Role::Viewer, None), Kind::Institution, &f).await.unwrap();
    (r[0].id.clone(), r[0].version)
}

async fn count(app: &App, kind: Kind) -> usize {
    app.list(&who(Role::Viewer, None), kind, &ListFilter::default())
        .await
        .unwrap()
        .len()
}

async fn audit_len(app: &App) -> usize {
    app.audit(
        &who(Role::Admin, None),
        &AuditQuery {
            limit: 100_000,
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .len()
}

#[tokio::test]
async fn focal_points_edit_their_own_economy_and_nothing_else() {
    let app = App::in_memory().await.unwrap();
    for target in ECONOMIES {
        for fp in ECONOMIES {
            let (id, version) = first_institution(&app, target).await;
            let patch = json!({"version": version, "website": format!("https://example.org/{fp}")});
            let r = app
                .update(&who(Role::FocalPoint, Some(fp)), Kind::Institution, &id, patch)
                .await;
            if fp == target {
                assert!(r.is_ok(), "{fp} on {target}: {r:?}");
            } else {
                assert!(matches!(r, Err(AppError::Forbidden(_))), "{fp} on {target}: {r:?}");
            }
        }
    }
}

#[tokio::test]
async fn viewers_edit_nothing_analysts_and_admins_edit_everything() {
    let app = App::in_memory().await.unwrap();
    for e in ECONOMIES {
        let (id, version) = first_institution(&app, e).await;
        let r = app
            .update(
                &who(Role::Viewer, None),
                Kind::Institution,
                &id,
                json!({"version": version, "power": 2}),
            )
            .await;
        assert!(matches!(r, Err(AppError::Forbidden(_))));
        let r = app
            .update(
                &who(Role::Analyst, None),
                Kind::Institution,
                &id,
                json!({"version": version, "power": 2}),
            )
            .await;
        assert_eq!(r.unwrap().version, version + 1);
        let r = app
            .update(
                &who(Role::Admin, None),
                Kind::Institution,
                &id,
                json!({"version": version + 1, "power": 3}),
            )
            .await;
        assert_eq!(r.unwrap().version, version + 2);
    }
}

#[tokio::test]
async fn a_focal_point_cannot_move_a_record_into_another_economy_or_create_there() {
    let app = App::in_memory().await.unwrap();
    let fp = who(Role::FocalPoint, Some("RS"));
    let r = app
        .update(&fp, Kind::Practice, "rs-entry", json!({"version": 1, "economy": "AL"}))
        .await;
    assert!(matches!(r, Err(AppError::Forbidden(_))), "{r:?}");
    let body = json!({"economy": "AL", "stage": "permit", "check": "x", "status": "partial",
        "provenance": {"source": "s", "date": "2025", "confidence": "low"}});
    assert!(matches!(
        app.create(&fp, Kind::Practice, body).await,
        Err(AppError::Forbidden(_))
    ));
}

#[tokio::test]
async fn a_stale_version_is_refused_with_the_current_record() {
    let app = App::in_memory().await.unwrap();
    let fp = who(Role::FocalPoint, Some("RS"));
    app.update(
        &fp,
        Kind::Institution,
        "rs-nsz",
        json!({"version": 1, "website": "https://a.example"}),
    )
    .await
    .unwrap();
    let r = app
        .update(
            &fp,
            Kind::Institution,
            "rs-nsz",
            json!({"version": 1, "website": "https://b.example"}),
        )
        .await;
    match r {
        Err(AppError::Conflict { yours, current, .. }) => {
            assert_eq!(yours, 1);
            assert_eq!(current.version, 2);
            assert_eq!(current.body["website"], "https://a.example");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let stored = app.get(&fp, Kind::Institution, "rs-nsz").await.unwrap();
    assert_eq!(stored.body["website"], "https://a.example");
    assert!(matches!(
        app.delete(&fp, Kind::Institution, "rs-labour-inspectorate", 7).await,
        Err(AppError::Conflict { .. })
    ));
}

#[tokio::test]
async fn every_change_is_audited_with_before_and_after_and_a_refused_change_leaves_no_trace() {
    let app = App::in_memory().await.unwrap();
    let fp = who(Role::FocalPoint, Some("ME"));
    let before = audit_len(&app).await;
    app.update(
        &fp,
        Kind::Institution,
        "me-mup",
        json!({"version": 1, "acronym": "MUP-CG"}),
    )
    .await
    .unwrap();
    let h = app.history(&fp, Kind::Institution, "me-mup").await.unwrap();
    assert_eq!(h[0].entry.action, "update");
    assert_eq!(h[0].entry.actor_email, "focal-point@test");
    assert_eq!(h[0].entry.before.as_ref().unwrap()["acronym"], "MUP");
    assert_eq!(h[0].entry.after.as_ref().unwrap()["acronym"], "MUP-CG");
    assert_eq!(
        h.last().unwrap().entry.actor_email,
        pathways_app::map::reference::LOADER
    );
    // Invalid (power out of range) and forbidden changes write nothing.
    let r = app
        .update(&fp, Kind::Institution, "me-mup", json!({"version": 2, "power": 9}))
        .await;
    assert!(matches!(r, Err(AppError::Invalid(_))));
    let r = app
        .update(&fp, Kind::Institution, "rs-nsz", json!({"version": 1, "power": 2}))
        .await;
    assert!(matches!(r, Err(AppError::Forbidden(_))));
    assert_eq!(audit_len(&app).await, before + 1);
    assert!(matches!(
        app.audit(&fp, &AuditQuery::default()).await,
        Err(AppError::Forbidden(_))
    ));
}

#[tokio::test]
async fn unknown_codes_and_dangling_references_are_refused_on_edit() {
    let app = App::in_memory().await.unwrap();
    let a = who(Role::Analyst, None);
    let r = app
        .update(
            &a,
            Kind::Practice,
            "rs-demand",
            json!({"version": 1, "stage": "landing"}),
        )
        .await;
    assert!(
        matches!(&r, Err(AppError::Invalid(p)) if p[0].field.as_deref() == Some("stage")),
        "{r:?}"
    );
    let r = app
        .update(
            &a,
            Kind::Practice,
            "rs-demand",
            json!({"version": 1, "responsible": "rs-ghost"}),
        )
        .await;
    assert!(
        matches!(&r, Err(AppError::Invalid(p)) if p[0].message.contains("rs-ghost")),
        "{r:?}"
    );
    let r = app
        .update(
            &a,
            Kind::Practice,
            "rs-demand",
            json!({"version": 1, "provenance": {"source": "", "date": "2025", "confidence": "high"}}),
        )
        .await;
    assert!(
        matches!(&r, Err(AppError::Invalid(p)) if p[0].field.as_deref() == Some("source")),
        "{r:?}"
    );
}

#[tokio::test]
async fn an_institution_still_referred_to_cannot_be_deleted() {
    let app = App::in_memory().await.unwrap();
    let a = who(Role::Analyst, None);
    let r = app.delete(&a, Kind::Institution, "rs-nsz", 1).await;
    assert!(
        matches!(&r, Err(AppError::InUse(m)) if m.contains("rs-nsz-mup-consent")),
        "{r:?}"
    );
    app.delete(&a, Kind::Institution, "rs-trafficking-centre", 1)
        .await
        .unwrap();
    assert!(matches!(
        app.get(&a, Kind::Institution, "rs-trafficking-centre").await,
        Err(AppError::NotFound { .. })
    ));
    assert_eq!(
        app.history(&a, Kind::Institution, "rs-trafficking-centre")
            .await
            .unwrap()[0]
            .entry
            .action,
        "delete"
    );
}

const HEADER: &str = "INDICATOR,REF_AREA,TIME_PERIOD,CITIZENSHIP,SECTOR,SEX,OBS_VALUE,OBS_FLAG,SOURCE\n";

async fn import_refused(app: &App, csv: &str) -> Vec<pathways_app::domain::Problem> {
    let (obs, audit) = (count(app, Kind::Observation).await, audit_len(app).await);
    let r = app
        .import_observations(&who(Role::Analyst, None), "t.csv", csv.as_bytes())
        .await;
    assert_eq!(
        count(app, Kind::Observation).await,
        obs,
        "a refused import changed the data"
    );
    assert_eq!(audit_len(app).await, audit, "a refused import wrote to the audit log");
    match r {
        Err(AppError::Invalid(p)) => p,
        other => panic!("expected the import to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn observation_imports_are_all_or_nothing_and_name_row_and_column() {
    let app = App::in_memory().await.unwrap();
    let good = "RS_SINGLE_PERMITS,RS,2030,NP,_T,_T,100,,https://example.org/a\n";
    // Bad number.
    let p = import_refused(
        &app,
        &format!("{HEADER}{good}RS_SINGLE_PERMITS,RS,2031,NP,_T,_T,not-a-number,,https://example.org/b\n"),
    )
    .await;
    assert_eq!((p[0].line, p[0].field.as_deref()), (Some(3), Some("OBS_VALUE")));
    // Unknown code.
    let p = import_refused(
        &app,
        &format!("{HEADER}{good}RS_SINGLE_PERMITS,ZZ,2031,NP,_T,_T,5,,https://example.org/b\n"),
    )
    .await;
    assert_eq!((p[0].line, p[0].field.as_deref()), (Some(3), Some("REF_AREA")));
    let p = import_refused(
        &app,
        &format!("{HEADER}NO_SUCH_INDICATOR,RS,2031,_T,_T,_T,5,,https://example.org/b\n"),
    )
    .await;
    assert_eq!((p[0].line, p[0].field.as_deref()), (Some(2), Some("INDICATOR")));
    // Duplicate key inside the file.
    let p = import_refused(&app, &format!("{HEADER}{good}{good}")).await;
    assert_eq!(p[0].line, Some(3));
    assert!(p[0].message.contains("duplicate of row 2"));
    // Bad file: not a CSV with the expected header, and a broken line.
    let p = import_refused(&app, "this is not,a statistics file\n1,2\n").await;
    assert!(
        p.iter()
            .any(|p| p.field.as_deref() == Some("INDICATOR") && p.line == Some(1))
    );
    let p = import_refused(&app, &format!("{HEADER}{good}RS_SINGLE_PERMITS,RS\n")).await;
    assert_eq!(p[0].line, Some(3));
    // Missing source (provenance).
    let p = import_refused(&app, &format!("{HEADER}RS_SINGLE_PERMITS,RS,2031,NP,_T,_T,5,,\n")).await;
    assert_eq!(p[0].field.as_deref(), Some("SOURCE"));
}

#[tokio::test]
async fn observation_imports_create_and_update_by_key_within_the_callers_economy() {
    let app = App::in_memory().await.unwrap();
    let fp = who(Role::FocalPoint, Some("RS"));
    let csv = format!("{HEADER}RS_SINGLE_PERMITS,RS,2030,NP,_T,_T,100,p,https://example.org/a\n");
    let r = app.import_observations(&fp, "a.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((r.created, r.updated), (1, 0));
    let csv = format!("{HEADER}RS_SINGLE_PERMITS,RS,2030,NP,_T,_T,120,,https://example.org/a\n");
    let r = app.import_observations(&fp, "b.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((r.created, r.updated), (0, 1));
    let r = app.import_observations(&fp, "b.csv", csv.as_bytes()).await.unwrap();
    assert_eq!(r.unchanged, 1);
    let csv = format!("{HEADER}RS_SINGLE_PERMITS,AL,2030,NP,_T,_T,120,,https://example.org/a\n");
    let p = import_refused_as(&app, &fp, &csv).await;
    assert_eq!(p[0].field.as_deref(), Some("REF_AREA"));
}

async fn import_refused_as(app: &App, p: &Principal, csv: &str) -> Vec<pathways_app::domain::Problem> {
    match app.import_observations(p, "t.csv", csv.as_bytes()).await {
        Err(AppError::Invalid(p)) => p,
        other => panic!("expected refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn the_stakeholder_map_round_trips_through_kumu() {
    let app = App::in_memory().await.unwrap();
    let a = who(Role::Analyst, None);
    let bytes = app.export_kumu(&a, Some("AL")).await.unwrap();
    let r = app.import_kumu(&a, "al.xlsx", &bytes).await.unwrap();
    let (insts, rels) = (
        app.list(&a, Kind::Institution, &ListFilter::of_owner(Some("AL")))
            .await
            .unwrap()
            .len(),
        app.list(&a, Kind::Relationship, &ListFilter::of_owner(Some("AL")))
            .await
            .unwrap()
            .len(),
    );
    assert_eq!(
        r,
        pathways_app::map::exchange::ImportReport {
            created: 0,
            updated: 0,
            unchanged: insts + rels
        }
    );
    // A focal point of another economy cannot push the same workbook.
    let fp = who(Role::FocalPoint, Some("RS"));
    assert!(matches!(
        app.import_kumu(&fp, "al.xlsx", &bytes).await,
        Err(AppError::Invalid(_))
    ));
    // Garbage is refused as a file.
    assert!(matches!(
        app.import_kumu(&a, "x.xlsx", b"not a workbook").await,
        Err(AppError::Invalid(_))
    ));
}

#[tokio::test]
async fn exports_carry_every_record_with_provenance() {
    let app = App::in_memory().await.unwrap();
    let a = who(Role::Viewer, None);
    let csv = app
        .export_csv(&a, Kind::Practice, &ListFilter::default())
        .await
        .unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("id,economy,stage,check,status"));
    assert_eq!(text.lines().count(), 1 + count(&app, Kind::Practice).await);
    // A figure of one pathway (as the screening register publishes them), and a pathway that is
    // no id, refused with its column.
    let admin = who(Role::Admin, None);
    let one = "INDICATOR,REF_AREA,TIME_PERIOD,PATHWAY,OBS_VALUE,SOURCE\n\
               SCR_CASES,RS,2026-Q3,rs-single-employment,7,Screening register of Serbia\n";
    assert_eq!(
        app.import_observations(&admin, "p.csv", one.as_bytes())
            .await
            .unwrap()
            .created,
        1
    );
    let bad = "INDICATOR,REF_AREA,TIME_PERIOD,PATHWAY,OBS_VALUE,SOURCE\nSCR_CASES,RS,2026-Q3,Single permit!,7,S\n";
    match app.import_observations(&admin, "p.csv", bad.as_bytes()).await {
        Err(AppError::Invalid(p)) => assert_eq!(p[0].field.as_deref(), Some("PATHWAY"), "{p:?}"),
        other => panic!("{other:?}"),
    }
    let sdmx = app
        .export_observations_sdmx(&a, &ListFilter::of_owner(Some("RS")))
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&sdmx).contains(",rs-single-employment,7,"));
    // What we export as SDMX-CSV, we can import back unchanged.
    let r = app
        .import_observations(&who(Role::Admin, None), "rs.csv", &sdmx)
        .await
        .unwrap();
    assert_eq!((r.created, r.updated), (0, 0));
    let xlsx = app.export_xlsx(&a, &Kind::ALL, &ListFilter::default()).await.unwrap();
    assert_eq!(&xlsx[..2], b"PK");
}

#[tokio::test]
async fn the_reference_dataset_loads_once_and_user_edits_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("pathways-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("p.db").display().to_string();
    let (app, first) = App::open(&db, None).await.unwrap();
    assert!(first.reference_inserted > 200);
    let fp = who(Role::FocalPoint, Some("XK"));
    app.update(
        &fp,
        Kind::Institution,
        "xk-dcam",
        json!({"version": 1, "acronym": "DSHAM"}),
    )
    .await
    .unwrap();
    app.delete(&who(Role::Admin, None), Kind::Institution, "xk-government", 1)
        .await
        .ok();
    drop(app);
    let (app, second) = App::open(&db, None).await.unwrap();
    assert_eq!(second.reference_inserted, 0);
    assert_eq!(
        app.get(&fp, Kind::Institution, "xk-dcam").await.unwrap().body["acronym"],
        "DSHAM"
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn uuid_like() -> String {
    format!(
        "{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[tokio::test]
async fn passwords_tokens_and_sessions() {
    let app = App::in_memory().await.unwrap();
    let admin = auth::system("test");
    app.add_user(
        &admin,
        "fp@example.org",
        Role::FocalPoint,
        Some("mk"),
        "correct horse battery",
    )
    .await
    .unwrap();
    assert!(matches!(
        app.add_user(&admin, "x@example.org", Role::FocalPoint, None, "correct horse battery")
            .await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        app.add_user(&admin, "y@example.org", Role::Viewer, None, "short").await,
        Err(AppError::Invalid(_))
    ));
    assert!(
        app.add_user(
            &who(Role::Analyst, None),
            "z@example.org",
            Role::Viewer,
            None,
            "correct horse battery"
        )
        .await
        .is_err()
    );
    let p = app
        .authenticate("FP@example.org", "correct horse battery")
        .await
        .unwrap();
    assert_eq!(p.economy.as_deref(), Some("MK"));
    assert!(matches!(
        app.authenticate("fp@example.org", "wrong password!!").await,
        Err(AppError::Unauthenticated)
    ));
    assert!(matches!(
        app.authenticate("nobody@example.org", "correct horse battery").await,
        Err(AppError::Unauthenticated)
    ));
    let token = app.issue_token(&admin, "fp@example.org", 90, "test").await.unwrap();
    assert_eq!(app.principal_for_token(&token).await.unwrap().email, "fp@example.org");
    assert!(matches!(
        app.principal_for_token("pwt_forged").await,
        Err(AppError::Unauthenticated)
    ));
    let (sid, csrf) = app.start_session(&p, 1).await.unwrap();
    let (again, csrf2) = app.session(&sid).await.unwrap();
    assert_eq!((again.email.as_str(), csrf2), ("fp@example.org", csrf));
    app.end_session(&sid).await.unwrap();
    assert!(matches!(app.session(&sid).await, Err(AppError::Unauthenticated)));
}

/// Issue 18: every fact shipped in `data/` cites a source its reader can open — a web address, a
/// law or a gazette — never our internal reference dossier; and a gap says which public sources
/// were searched, not which section of the dossier.
#[tokio::test]
async fn shipped_facts_cite_original_public_sources_never_the_dossier() {
    let app = App::in_memory().await.unwrap();
    let reader = who(Role::Viewer, None);
    let mut internal = vec![];
    for kind in Kind::ALL {
        for r in app.list(&reader, kind, &ListFilter::default()).await.unwrap() {
            let p = &r.body["provenance"];
            for field in ["source", "looked_in"] {
                let text = p[field].as_str().unwrap_or_default();
                if text.to_lowercase().contains("dossier") {
                    internal.push(format!("{} `{}` {field}: {text}", kind.as_str(), r.id));
                }
            }
            assert!(
                !p["source"].as_str().unwrap_or_default().trim().is_empty(),
                "{} `{}` has a source",
                kind.as_str(),
                r.id
            );
        }
    }
    assert!(internal.is_empty(), "{}", internal.join("\n"));
}

/// Issue 22: every code of the lists readers see as words (economies, countries, stages, kinds,
/// permit types, sectors, indicators) has its words in every locale, and a translation that names a code
/// that does not exist is refused with its file and line.
#[test]
fn every_code_list_is_translated_into_every_locale() {
    use pathways_app::domain::locale::Locale;
    let files = pathways_app::map::reference::embedded_files();
    let data = pathways_app::domain::dataset::parse(&files).unwrap();
    let v = &data.vocab;
    for locale in Locale::ALL {
        let local = v.in_locale(locale);
        for list in pathways_app::domain::vocab::TRANSLATED_LISTS {
            let english = v.codes_of(list);
            assert!(!english.is_empty(), "{list}");
            for code in english {
                let translated = match locale {
                    Locale::En => true,
                    Locale::SrCyrl => {
                        v.translations[&Locale::SrLatn].contains_key(&(list.to_string(), code.to_string()))
                    }
                    l => v.translations[&l].contains_key(&(list.to_string(), code.to_string())),
                };
                assert!(translated, "{locale}: {list} `{code}` has no words");
            }
        }
        if locale != Locale::En {
            assert_ne!(local.stages[0].label, v.stages[0].label, "{locale}");
            // Definitions too: an indicator is read by its definition.
            for (i, en) in local.indicators.iter().zip(&v.indicators) {
                assert_ne!(
                    i.definition, en.definition,
                    "{locale}: {} keeps the English definition",
                    i.code
                );
            }
        }
    }
    let cyr = v.in_locale(Locale::SrCyrl);
    assert_eq!(cyr.economy("RS").unwrap().display_name, "Србија");
    assert_eq!(cyr.economy("XK").unwrap().display_name, "Косово*");
    assert!(cyr.economy("XK").unwrap().footnote.contains("Косова"));
    assert_eq!(v.in_locale(Locale::Sq).economy("XK").unwrap().display_name, "Kosova*");
    assert_eq!(v.in_locale(Locale::Sq).economy("XK").unwrap().name, "Kosova");

    let mut bad = files.clone();
    bad.get_mut("vocab/i18n/mk.csv")
        .unwrap()
        .push_str("stages,nowhere,Никаде,\nplanets,XX,Марс,\n");
    let problems = pathways_app::domain::dataset::parse(&bad).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.file == "vocab/i18n/mk.csv" && p.field.as_deref() == Some("code") && p.line.is_some()),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.field.as_deref() == Some("list")),
        "{problems:?}"
    );
}

/// Issue 22: the text filter of the lists ignores case, diacritics and script.
#[tokio::test]
async fn searching_ignores_case_diacritics_and_script() {
    let app = App::in_memory().await.unwrap();
    let viewer = who(Role::Viewer, None);
    let find = |q: &str| ListFilter {
        text: Some(q.to_string()),
        ..Default::default()
    };
    // "Uprava za strance" (Serbian Latin, as the dataset holds it).
    for q in ["Uprava za strance", "uprava za strance", "Управа за странце", "УПРАВА"] {
        let hits = app.list(&viewer, Kind::Institution, &find(q)).await.unwrap();
        assert!(
            hits.iter().any(|r| r.id == "rs-mup-foreigners"),
            "`{q}` finds the Administration for Foreigners"
        );
    }
    // Diacritics: "zaposljavanje" finds "Nacionalna služba za zapošljavanje", as does Cyrillic.
    for q in ["sluzba za zaposljavanje", "СЛУЖБА ЗА ЗАПОШЉАВАЊЕ", "Služba"] {
        let hits = app.list(&viewer, Kind::Institution, &find(q)).await.unwrap();
        assert!(
            hits.iter()
                .any(|r| r.body["name_local"] == "Nacionalna služba za zapošljavanje"),
            "`{q}` finds the National Employment Service"
        );
    }
    let all = count(&app, Kind::Institution).await;
    let none = app
        .list(&viewer, Kind::Institution, &find("Управа за Марс"))
        .await
        .unwrap();
    assert!(none.is_empty() && all > 10);
}
