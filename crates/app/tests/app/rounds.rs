//! The mapping exercise through the use cases: importing a questionnaire, opening a round,
//! focal points answering for their own economy only, two of them saving at once without losing
//! each other's answers, submission refused while answers are missing, the review cycle, the kept
//! versions and the audit trail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use pathways_app::domain::{Principal, Role};
use pathways_app::rounds::{Changes, Decision, diff};
use pathways_app::{App, AppError, AuditQuery};

use crate::support::{self, ECONOMIES};

const FORM: &[u8] = include_bytes!("../../../../data/questionnaires/mapping.xlsx");

/// The `n`th user of a role, to tell two focal points of one economy apart.
fn who(role: Role, economy: Option<&str>, n: u8) -> Principal {
    let p = support::who(role, economy);
    Principal {
        user_id: format!("{}-{n}", p.user_id),
        email: format!("{}{n}@test", role.as_str()),
        ..p
    }
}

pub(crate) fn analyst() -> Principal {
    who(Role::Analyst, None, 1)
}

pub(crate) fn fp(e: &str) -> Principal {
    who(Role::FocalPoint, Some(e), 1)
}

fn set(pairs: &[(&str, &str)]) -> Changes {
    Changes {
        set: pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..Default::default()
    }
}

pub(crate) async fn round(app: &App) -> (String, BTreeMap<String, String>) {
    let q = app
        .import_questionnaire(&analyst(), "mapping.xlsx", FORM)
        .await
        .unwrap();
    let economies: Vec<String> = ECONOMIES.iter().map(|s| s.to_string()).collect();
    let r = app
        .open_round(&analyst(), &q.id, "Mapping 2026", &economies, "2026-12-31")
        .await
        .unwrap();
    let d = app.dashboard(&analyst(), &r.id).await.unwrap();
    (
        r.id,
        d.rows.into_iter().map(|row| (row.economy, row.response_id)).collect(),
    )
}

/// A decision with no comments, note or choices of records.
async fn decide(
    app: &App,
    p: &Principal,
    id: &str,
    version: i64,
    d: Decision,
) -> Result<pathways_app::StoredResponse, AppError> {
    app.review(p, id, version, d, &BTreeMap::new(), None, &BTreeMap::new())
        .await
}

/// Approves a submitted response, keeping the map wherever an answer contradicts it.
pub(crate) async fn approve_keeping_the_map(app: &App, id: &str, version: i64) {
    let keep: BTreeMap<String, bool> = app
        .approval_proposals(&analyst(), id)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.status == "contradiction")
        .map(|p| (p.key, false))
        .collect();
    app.review(
        &analyst(),
        id,
        version,
        Decision::Approve,
        &BTreeMap::new(),
        None,
        &keep,
    )
    .await
    .unwrap();
}

/// The answers that make the shipped questionnaire complete, with every stage unknown.
pub(crate) fn minimal() -> Changes {
    let mut c = set(&[
        ("respondent/resp_institution", "Ministry"),
        ("respondent/reference_date", "2026-11-01"),
        ("agencies/ag_licensing", "unknown"),
        ("coo/coo_any", "no"),
        ("secondary/sm_evidence", "unknown"),
    ]);
    for s in [
        "demand",
        "employer",
        "recruitment",
        "pre_departure",
        "visa",
        "permit",
        "entry",
        "monitoring",
        "exit",
        "data",
        "coo_cooperation",
    ] {
        c.set.insert(format!("st_{s}/{s}_status"), "unknown".into());
    }
    for d in [
        "da_permits_nat",
        "da_permits_sector",
        "da_refusals",
        "da_agencies",
        "da_inspections",
        "da_absconding",
    ] {
        c.set.insert(format!("data_availability/{d}"), "unknown".into());
    }
    c
}

/// The status the shipped dataset gives a practice.
async fn before_status(_app: &App, id: &str) -> String {
    let fresh = App::in_memory().await.unwrap();
    fresh
        .get(&analyst(), pathways_app::domain::Kind::Practice, id)
        .await
        .unwrap()
        .body["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn questionnaires_are_imported_by_analysts_once_and_broken_ones_are_refused() {
    let app = App::in_memory().await.unwrap();
    for p in [fp("RS"), who(Role::Viewer, None, 1)] {
        assert!(matches!(
            app.import_questionnaire(&p, "m.xlsx", FORM).await,
            Err(AppError::Forbidden(_))
        ));
    }
    let a = app
        .import_questionnaire(&analyst(), "mapping.xlsx", FORM)
        .await
        .unwrap();
    assert_eq!(
        (a.form_id.as_str(), a.version.as_str()),
        ("pathways_mapping", "2026112803")
    );
    let again = app
        .import_questionnaire(&who(Role::Admin, None, 1), "copy.xlsx", FORM)
        .await
        .unwrap();
    assert_eq!(a.id, again.id, "the same file is stored once");
    let err = app
        .import_questionnaire(&analyst(), "notes.txt", b"not a workbook")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Invalid(_)) && err.to_string().contains("notes.txt"),
        "{err}"
    );
}

#[tokio::test]
async fn focal_points_read_and_answer_only_their_own_economy() {
    let app = App::in_memory().await.unwrap();
    let (round_id, responses) = round(&app).await;
    for own in ECONOMIES {
        let me = fp(own);
        assert_eq!(app.rounds(&me).await.unwrap().len(), 1);
        let d = app.dashboard(&me, &round_id).await.unwrap();
        assert_eq!(d.rows.iter().map(|r| r.economy.as_str()).collect::<Vec<_>>(), vec![own]);
        for e in ECONOMIES {
            let id = &responses[e];
            let read = app.response(&me, id).await;
            let save = app
                .save_answers(&me, id, 1, &set(&[("respondent/resp_role", "focal point")]))
                .await;
            if e == own {
                let v = read.unwrap();
                assert_eq!(
                    v.state.question("economy").unwrap().value,
                    own,
                    "the economy is filled in"
                );
                save.unwrap();
            } else {
                assert!(matches!(read, Err(AppError::Forbidden(_))), "{own} reads {e}");
                assert!(matches!(save, Err(AppError::Forbidden(_))), "{own} answers for {e}");
            }
        }
    }
    let viewer = who(Role::Viewer, None, 1);
    assert!(app.rounds(&viewer).await.unwrap().is_empty());
    assert!(matches!(
        app.response(&viewer, &responses["RS"]).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.dashboard(&viewer, &round_id).await,
        Err(AppError::Forbidden(_))
    ));
    // The economy is the platform's to fill, not the respondent's.
    let err = app
        .save_answers(&fp("AL"), &responses["AL"], 2, &set(&[("economy", "RS")]))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("filled in by the form"), "{err}");
}

#[tokio::test]
async fn two_focal_points_save_at_once_without_overwriting_each_other() {
    let app = App::in_memory().await.unwrap();
    let (_, responses) = round(&app).await;
    let id = &responses["RS"];
    let (a, b) = (
        who(Role::FocalPoint, Some("RS"), 1),
        who(Role::FocalPoint, Some("RS"), 2),
    );
    // Both opened version 1.
    let v2 = app
        .save_answers(&a, id, 1, &set(&[("st_visa/visa_status", "partial")]))
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    let v3 = app
        .save_answers(&b, id, 1, &set(&[("st_entry/entry_status", "complete")]))
        .await
        .unwrap();
    assert_eq!(v3.version, 3, "different answers merge");
    let view = app.response(&a, id).await.unwrap();
    assert_eq!(view.state.question("st_visa/visa_status").unwrap().value, "partial");
    assert_eq!(view.state.question("st_entry/entry_status").unwrap().value, "complete");
    // The same answer changed by both: the second save is refused with the first one's answer.
    let err = app
        .save_answers(&b, id, 1, &set(&[("st_visa/visa_status", "absent")]))
        .await
        .unwrap_err();
    match err {
        AppError::ResponseConflict {
            current,
            overlapping,
            yours,
        } => {
            assert_eq!((yours, current.version), (1, 3));
            assert_eq!(overlapping, vec!["st_visa/visa_status"]);
            assert_eq!(current.answers["values"]["st_visa/visa_status"], "partial");
        }
        other => panic!("{other}"),
    }
    assert_eq!(
        app.response(&a, id).await.unwrap().response.version,
        3,
        "nothing was written"
    );
    // Repeats: one adds an institution while the other fills another page.
    let v4 = app
        .save_answers(
            &a,
            id,
            3,
            &Changes {
                add: vec!["institutions/institution".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.save_answers(&b, id, 3, &set(&[("agencies/ag_licensing", "yes")]))
        .await
        .unwrap();
    let v6 = app
        .save_answers(
            &a,
            id,
            v4.version,
            &set(&[("institutions/institution[1]/inst_name", "MUP")]),
        )
        .await
        .unwrap();
    assert_eq!(v6.answers["values"]["agencies/ag_licensing"], "yes");
    assert_eq!(v6.answers["values"]["institutions/institution[1]/inst_name"], "MUP");
    // Removing the institution someone is filling in is refused.
    let err = app
        .save_answers(
            &b,
            id,
            v4.version,
            &Changes {
                remove: vec![("institutions/institution".into(), 1)],
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::ResponseConflict { .. }), "{err}");
}

#[tokio::test]
async fn submission_review_and_reset() {
    let app = App::in_memory().await.unwrap();
    let (round_id, responses) = round(&app).await;
    let id = &responses["ME"];
    let me = fp("ME");
    let err = app.submit(&me, id, 1).await.unwrap_err();
    let AppError::Invalid(problems) = &err else {
        panic!("{err}")
    };
    assert!(
        problems
            .iter()
            .any(|p| p.field.as_deref() == Some("st_demand/demand_status")),
        "{err}"
    );
    let v = app.save_answers(&me, id, 1, &minimal()).await.unwrap();
    let v = app.submit(&me, id, v.version).await.unwrap();
    assert_eq!(v.state.as_str(), "submitted");
    assert!(
        app.save_answers(&me, id, v.version, &set(&[("respondent/resp_role", "x")]))
            .await
            .is_err(),
        "submitted: locked"
    );
    assert!(matches!(
        decide(&app, &me, id, v.version, Decision::Approve).await,
        Err(AppError::Forbidden(_))
    ));
    let err = decide(&app, &analyst(), id, v.version, Decision::HasIssues)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("say what the issues are"), "{err}");
    let comments = BTreeMap::from([(
        "st_visa/visa_status".to_string(),
        "Unknown? The MFA publishes visa rules.".to_string(),
    )]);
    let v = app
        .review(
            &analyst(),
            id,
            v.version,
            Decision::HasIssues,
            &comments,
            None,
            &BTreeMap::new(),
        )
        .await
        .unwrap();
    assert_eq!(v.state.as_str(), "has_issues");
    assert_eq!(
        v.comments["st_visa/visa_status"],
        "Unknown? The MFA publishes visa rules."
    );
    let v = app
        .save_answers(
            &me,
            id,
            v.version,
            &set(&[
                ("st_visa/visa_status", "partial"),
                ("st_visa/visa_check", "Consular interview"),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(
        v.state.as_str(),
        "has_issues",
        "comments stay until the next submission"
    );
    let v = app.submit(&me, id, v.version).await.unwrap();
    // Approval writes the bound answers into the map; contradictions wait for a decision.
    let proposals = app.approval_proposals(&analyst(), id).await.unwrap();
    let contradictions: Vec<_> = proposals.iter().filter(|p| p.status == "contradiction").collect();
    assert_eq!(
        contradictions.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(),
        vec!["me-visa|check"],
        "an unknown answer is no information, a different check is a contradiction"
    );
    assert!(
        proposals
            .iter()
            .any(|p| p.key == "me-demand|status" && p.status == "no_information")
    );
    assert!(matches!(
        app.approval_proposals(&me, id).await,
        Err(AppError::Forbidden(_))
    ));
    let before_visa = app
        .get(&analyst(), pathways_app::domain::Kind::Practice, "me-visa")
        .await
        .unwrap();
    let err = decide(&app, &analyst(), id, v.version, Decision::Approve)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("contradicts the map"), "{err}");
    assert_eq!(
        app.response(&me, id).await.unwrap().response.state.as_str(),
        "submitted",
        "nothing changed"
    );
    let choices = BTreeMap::from([("me-visa|check".to_string(), true)]);
    let v = app
        .review(
            &analyst(),
            id,
            v.version,
            Decision::Approve,
            &BTreeMap::new(),
            Some("Thank you"),
            &choices,
        )
        .await
        .unwrap();
    let visa = app
        .get(&analyst(), pathways_app::domain::Kind::Practice, "me-visa")
        .await
        .unwrap();
    assert_eq!(visa.body["check"], "Consular interview");
    assert_eq!(visa.body["status"], "partial");
    assert_eq!(visa.version, before_visa.version + 1);
    let source = visa.body["provenance"]["source"].as_str().unwrap();
    assert!(
        source.contains(&format!(
            "questionnaire round {round_id} (Mapping 2026), economy ME, questions visa_check, visa_status"
        )) && source.contains("approved by analyst1@test on "),
        "{source}"
    );
    assert!(
        source.starts_with(before_visa.body["provenance"]["source"].as_str().unwrap()),
        "the earlier source is kept"
    );
    let demand = app
        .get(&analyst(), pathways_app::domain::Kind::Practice, "me-demand")
        .await
        .unwrap();
    assert_eq!(
        demand.body["status"],
        before_status(&app, "me-demand").await,
        "unknown did not replace a known status"
    );
    assert_eq!(v.state.as_str(), "approved");
    assert!(
        decide(&app, &analyst(), id, v.version, Decision::Reject).await.is_err(),
        "approved is final until reset"
    );
    let v = app
        .review(
            &analyst(),
            id,
            v.version,
            Decision::Reset,
            &BTreeMap::new(),
            Some("correction"),
            &BTreeMap::new(),
        )
        .await
        .unwrap();
    assert_eq!(v.state.as_str(), "draft");

    // Every version is kept, and two versions compare answer by answer.
    let versions = app.response_versions(&analyst(), id).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.state.as_str()).collect::<Vec<_>>(),
        vec![
            "draft",
            "draft",
            "submitted",
            "has_issues",
            "has_issues",
            "submitted",
            "approved",
            "draft"
        ]
    );
    let first: pathways_xlsform::engine::Answers = serde_json::from_value(versions[0].answers.clone()).unwrap();
    let last: pathways_xlsform::engine::Answers = serde_json::from_value(versions[7].answers.clone()).unwrap();
    let d = diff(&first, &last);
    assert!(
        d.iter()
            .any(|x| x.key == "st_visa/visa_status" && x.after.as_deref() == Some("partial")),
        "{d:?}"
    );
    let audit = app
        .audit(
            &analyst(),
            &AuditQuery {
                entity_id: Some(id.clone()),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().rev().map(|a| a.entry.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "response.create",
            "response.save",
            "response.submit",
            "response.has_issues",
            "response.save",
            "response.submit",
            "response.approve",
            "response.reset"
        ]
    );

    // A closed round takes no more answers.
    app.set_round_open(&analyst(), &round_id, false).await.unwrap();
    let err = app
        .save_answers(&me, id, v.version, &set(&[("respondent/resp_role", "x")]))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");
    let d = app.dashboard(&analyst(), &round_id).await.unwrap();
    assert_eq!(d.rows.len(), 6);
    assert!(d.rows.iter().any(|r| r.economy == "ME" && r.answered > 0.0));
}

#[tokio::test]
async fn approval_creates_the_records_answered_in_repeats_with_their_provenance() {
    use pathways_app::domain::Kind;
    let app = App::in_memory().await.unwrap();
    let (_, responses) = round(&app).await;
    let id = &responses["RS"];
    let me = fp("RS");
    let v = app.save_answers(&me, id, 1, &minimal()).await.unwrap();
    let v = app
        .save_answers(
            &me,
            id,
            v.version,
            &Changes {
                add: vec![
                    "institutions/institution".into(),
                    "inflows/inflow".into(),
                    "legal_pathways/pathway".into(),
                ],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let v = app
        .save_answers(
            &me,
            id,
            v.version,
            &set(&[
                ("institutions/institution[1]/inst_name", "Border Police Directorate"),
                ("institutions/institution[1]/inst_acronym", "UGP"),
                ("institutions/institution[1]/inst_kind", "border_police"),
                ("institutions/institution[1]/inst_stages", "entry exit"),
                (
                    "institutions/institution[1]/inst_mandate",
                    "Border checks of foreign workers",
                ),
                ("institutions/institution[1]/inst_power", "4"),
                ("institutions/institution[1]/inst_interest", "3"),
                ("inflows/inflow[1]/in_indicator", "RS_SINGLE_PERMITS"),
                ("inflows/inflow[1]/in_year", "2025"),
                ("inflows/inflow[1]/in_citizenship", "NP"),
                ("inflows/inflow[1]/in_sector", "_T"),
                ("inflows/inflow[1]/in_sex", "_T"),
                ("inflows/inflow[1]/in_value", "1234"),
                ("inflows/inflow[1]/in_source", "MUP annual report 2025"),
                ("legal_pathways/pathway[1]/pw_name", "Seasonal agricultural work"),
                ("legal_pathways/pathway[1]/pw_type", "seasonal"),
                (
                    "legal_pathways/pathway[1]/pw_legal_basis",
                    "Law on Employment of Foreigners",
                ),
                ("legal_pathways/pathway[1]/pw_issuing", "Ministry of Nowhere"),
                ("legal_pathways/pathway[1]/pw_quota", "no"),
                ("legal_pathways/pathway[1]/pw_days", "30"),
            ]),
        )
        .await
        .unwrap();
    let v = app.submit(&me, id, v.version).await.unwrap();
    approve_keeping_the_map(&app, id, v.version).await;

    let inst = app.get(&analyst(), Kind::Institution, "rs-ugp").await.unwrap();
    assert_eq!(inst.body["name"], "Border Police Directorate");
    assert_eq!(inst.body["stages"], serde_json::json!(["entry", "exit"]));
    assert_eq!(inst.body["power"], 4);
    assert!(
        inst.body["provenance"]["source"]
            .as_str()
            .unwrap()
            .contains("economy RS")
    );
    let obs = app
        .list(
            &analyst(),
            Kind::Observation,
            &pathways_app::map::records::ListFilter {
                owner: Some("RS".into()),
                fields: vec![
                    ("indicator".into(), "RS_SINGLE_PERMITS".into()),
                    ("period".into(), "2025".into()),
                ],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let np = obs
        .iter()
        .find(|o| o.body["citizenship"] == "NP")
        .expect("the figure is in the map");
    assert_eq!(np.body["value"], 1234.0);
    assert!(
        np.body["provenance"]["source"]
            .as_str()
            .unwrap()
            .starts_with("MUP annual report 2025 ; questionnaire round")
    );
    let pw = app
        .list(
            &analyst(),
            Kind::Pathway,
            &pathways_app::map::records::ListFilter::of_owner(Some("RS")),
        )
        .await
        .unwrap();
    let seasonal = pw
        .iter()
        .find(|p| p.body["name"] == "Seasonal agricultural work")
        .expect("pathway created");
    assert_eq!(seasonal.body["quota"], false);
    assert_eq!(seasonal.body["processing_time"], "30 days");
    assert_eq!(
        seasonal.body["notes"], "Issuing institution (as answered): Ministry of Nowhere",
        "an unknown institution is kept as text"
    );
    // Everything was audited under the analyst.
    let audit = app
        .audit(
            &analyst(),
            &AuditQuery {
                actor_email: Some("analyst1@test".into()),
                limit: 1000,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entry.action == "create" && a.entry.entity_id.as_deref() == Some("rs-ugp"))
    );
}

#[tokio::test]
async fn responses_export_as_xlsx_with_a_sheet_per_repeat_and_as_wide_csv() {
    use calamine::{Reader, open_workbook_auto_from_rs};
    let app = App::in_memory().await.unwrap();
    let (round_id, responses) = round(&app).await;
    let id = &responses["BA"];
    let me = fp("BA");
    let v = app
        .save_answers(
            &me,
            id,
            1,
            &Changes {
                add: vec!["institutions/institution".into(), "institutions/institution".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.save_answers(
        &me,
        id,
        v.version,
        &set(&[
            ("institutions/institution[1]/inst_name", "Labour and Employment Agency"),
            ("institutions/institution[1]/inst_kind", "employment_service"),
            (
                "institutions/institution[2]/inst_name",
                "Service for Foreigners' Affairs",
            ),
            ("institutions/institution[2]/inst_kind", "interior"),
            ("st_visa/visa_status", "partial"),
        ]),
    )
    .await
    .unwrap();
    let bytes = app
        .export_responses_xlsx(&analyst(), &round_id, Some("Srpski (sr-Latn)"))
        .await
        .unwrap();
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    assert_eq!(
        names,
        vec![
            "responses",
            "institution",
            "pathway",
            "inflow",
            "arrangement",
            "questions"
        ]
    );
    let main = wb.worksheet_range("responses").unwrap();
    let header: Vec<String> = main.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert!(
        header.contains(&"Da li postoji provera u ovoj fazi?".to_string()),
        "labels in the chosen language"
    );
    assert_eq!(main.height(), 7, "a header and six economies");
    let ba_row = main.rows().find(|r| r[1] == "BA").unwrap();
    assert!(ba_row.iter().any(|c| *c == "Delimična"), "choices as labels");
    let inst = wb.worksheet_range("institution").unwrap();
    let rows: Vec<Vec<String>> = inst.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(
        &rows[0][..5],
        &[
            "_index",
            "_parent_index",
            "_parent_table_name",
            "_submission_id",
            "economy"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (rows[1][2].as_str(), rows[1][3].as_str(), rows[1][4].as_str()),
        ("responses", id.as_str(), "BA")
    );
    assert!(rows[2].contains(&"Service for Foreigners' Affairs".to_string()));
    assert!(rows[2].contains(&"Ministarstvo unutrašnjih poslova / organ za migracije".to_string()));

    let csv = String::from_utf8(app.export_responses_csv(&analyst(), &round_id, None).await.unwrap()).unwrap();
    let head = csv.lines().next().unwrap();
    assert!(head.starts_with("_submission_id,economy,state,version"));
    assert!(head.contains("institutions/institution[2]/inst_name"), "{head}");
    assert!(
        csv.lines().any(|l| l.contains(",BA,") && l.contains("partial")),
        "codes without a language"
    );
    // A focal point exports only their own economy; a viewer nothing.
    let own = String::from_utf8(app.export_responses_csv(&me, &round_id, None).await.unwrap()).unwrap();
    assert_eq!(own.lines().count(), 2);
    let viewer = who(Role::Viewer, None, 1);
    assert!(matches!(
        app.export_responses_csv(&viewer, &round_id, None).await,
        Err(AppError::Forbidden(_))
    ));
}

/// Issue 17, point 5: a long free-text answer about how a stage is checked goes to the
/// practice's notes; it does not replace the map's short title of the check (and so is no
/// contradiction to settle).
#[tokio::test]
async fn a_long_answer_goes_to_notes_not_to_the_checks_title() {
    let app = App::in_memory().await.unwrap();
    let (_, responses) = round(&app).await;
    let id = &responses["RS"];
    let long = "The National Employment Service runs a labour-market test for every single permit on \
                employment grounds; it lasts four days and its result is valid for sixty days, after \
                which the employer has to apply again.";
    let mut answers = minimal();
    answers.set.insert("st_demand/demand_status".into(), "partial".into());
    answers.set.insert("st_demand/demand_check".into(), long.into());
    let v = app.save_answers(&fp("RS"), id, 1, &answers).await.unwrap();
    app.submit(&fp("RS"), id, v.version).await.unwrap();
    let proposals = app.approval_proposals(&analyst(), id).await.unwrap();
    let demand: Vec<_> = proposals.iter().filter(|p| p.target == "rs-demand").collect();
    assert!(demand.iter().all(|p| p.field != "check"), "the title stays: {demand:?}");
    let notes = demand
        .iter()
        .find(|p| p.field == "notes")
        .expect("the answer in the notes");
    assert!(notes.proposed.as_str().unwrap().contains("lasts four days"));
}
