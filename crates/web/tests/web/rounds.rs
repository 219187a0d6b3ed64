//! The questionnaire pages over HTTP: who may open which economy's response, a change saved by
//! htmx re-renders the page with its skip logic, a save refused when someone else changed the same
//! answer shows both answers, submission is refused with the missing answers shown, and the review
//! is for analysts only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::ops::Deref;

use axum::http::StatusCode;
use pathways_app::domain::{Principal, Role};

use crate::support;

const FORM: &[u8] = include_bytes!("../../../../data/questionnaires/mapping.xlsx");
const ECONOMIES: [&str; 6] = ["AL", "BA", "ME", "MK", "RS", "XK"];

/// The web harness with a round of the mapping questionnaire open for the six economies.
struct T {
    base: support::T,
    /// Response id per economy.
    responses: BTreeMap<String, String>,
    round: String,
}

impl Deref for T {
    type Target = support::T;
    fn deref(&self) -> &support::T {
        &self.base
    }
}

fn analyst() -> Principal {
    Principal {
        user_id: "analyst".into(),
        email: "analyst@demo".into(),
        role: Role::Analyst,
        economy: None,
    }
}

impl T {
    async fn new() -> T {
        let base = support::T::new().await;
        let app = &base.app;
        let q = app
            .import_questionnaire(&analyst(), "mapping.xlsx", FORM)
            .await
            .unwrap();
        let economies: Vec<String> = ECONOMIES.iter().map(|s| s.to_string()).collect();
        let round = app
            .open_round(&analyst(), &q.id, "Mapping", &economies, "2026-12-31")
            .await
            .unwrap();
        let responses = app
            .dashboard(&analyst(), &round.id)
            .await
            .unwrap()
            .rows
            .into_iter()
            .map(|r| (r.economy, r.response_id))
            .collect();
        T {
            base,
            responses,
            round: round.id,
        }
    }
}

fn fp(e: &str) -> String {
    format!("fp-{}@demo", e.to_ascii_lowercase())
}

#[tokio::test]
async fn each_focal_point_opens_only_their_economys_response() {
    let t = T::new().await;
    for own in ECONOMIES {
        let (cookie, _) = t.session(&fp(own)).await;
        let (s, body) = t.text("/rounds", &cookie).await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("Mapping"), "{own} sees the round");
        for e in ECONOMIES {
            let (s, body) = t.text(&format!("/responses/{}", t.responses[e]), &cookie).await;
            if e == own {
                assert_eq!(s, StatusCode::OK, "{own}");
                assert!(body.contains("Submit for review"));
            } else {
                assert_eq!(s, StatusCode::FORBIDDEN, "{own} opens {e}");
            }
        }
        let (s, _) = t
            .text(&format!("/responses/{}/review", t.responses[own]), &cookie)
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "focal points do not review");
    }
    let (viewer, _) = t.session("viewer@demo").await;
    let (s, _) = t.text(&format!("/responses/{}", t.responses["RS"]), &viewer).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t.text(&format!("/rounds/{}", t.round), &viewer).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t.text(&format!("/responses/{}", t.responses["RS"]), "").await;
    assert_eq!(s, StatusCode::SEE_OTHER, "anonymous readers are sent to sign in");
}

#[tokio::test]
async fn a_change_is_saved_and_the_page_follows_its_skip_logic() {
    let t = T::new().await;
    let me = t.session(&fp("RS")).await;
    let id = &t.responses["RS"];
    // In English (Serbia's focal point otherwise reads Serbian: see below).
    let (_, page) = t
        .text(
            &format!("/responses/{id}?page=st_demand&form_lang=English%20(en)"),
            &me.0,
        )
        .await;
    assert!(page.contains("Is there a check at this stage?"));
    assert!(
        !page.contains("What is checked, and how?"),
        "asked only once there is a check"
    );
    assert!(
        !page.contains("This answer is required."),
        "an untouched form is not a page of errors"
    );
    let status = |html: &str| {
        let at = html.find("id=\"response-status\"").expect("the progress line");
        html[at..at + html[at..].find("</p>").unwrap()].to_string()
    };
    assert!(
        status(&page).contains("Problems 0"),
        "nothing tried, nothing wrong: {}",
        status(&page)
    );
    assert!(
        !page.contains("class=\"badge\" title"),
        "no red counts on pages never opened"
    );
    let (s, _, frag) = t
        .submit(
            &format!("/responses/{id}/save"),
            &me,
            &[
                ("version", "1"),
                ("page", "st_demand"),
                ("form_lang", "English (en)"),
                ("only", "st_demand/demand_status"),
                ("a:st_demand/demand_status", "partial"),
            ],
            true,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        frag.starts_with("<form id=\"response-form\""),
        "htmx gets the form only"
    );
    assert!(frag.contains("Saved (version 2)"));
    assert!(frag.contains("What is checked, and how?"), "the follow-up appears");
    // A value the form refuses is saved as typed and shown with the form's message.
    let (_, _, frag) = t
        .submit(
            &format!("/responses/{id}/save"),
            &me,
            &[
                ("version", "2"),
                ("page", "st_demand"),
                ("form_lang", "English (en)"),
                ("only", "st_demand/demand_days"),
                ("a:st_demand/demand_days", "900"),
            ],
            true,
        )
        .await;
    assert!(frag.contains("Between 0 and 730 days."), "{frag}");
    // The progress line and the pages' counts come with every save (out of band), live.
    assert!(status(&frag).contains("Problems 1"), "{}", status(&frag));
    assert!(frag.contains("id=\"response-pages\" hx-swap-oob=\"true\""));
    // Without JavaScript: the whole page is posted, only changed answers are saved, then redirect.
    let (s, _, _) = t
        .submit(
            &format!("/responses/{id}/save"),
            &me,
            &[
                ("version", "3"),
                ("page", "st_demand"),
                ("touched", "st_demand/demand_status"),
                ("a:st_demand/demand_status", "partial"),
                ("touched", "st_demand/demand_days"),
                ("a:st_demand/demand_days", "5"),
            ],
            false,
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let versions = t.app.response_versions(&analyst(), id).await.unwrap();
    assert_eq!(versions.len(), 4);
    assert_eq!(versions[3].answers["values"]["st_demand/demand_days"], "5");
}

#[tokio::test]
async fn the_same_answer_changed_by_two_people_is_refused_with_both_shown() {
    let t = T::new().await;
    let id = &t.responses["ME"];
    let them = t.session("analyst@demo").await;
    let me = t.session(&fp("ME")).await;
    let form = |v: &'static str| {
        vec![
            ("version", "1"),
            ("page", "st_visa"),
            ("only", "st_visa/visa_status"),
            ("a:st_visa/visa_status", v),
        ]
    };
    let (_, _, frag) = t
        .submit(&format!("/responses/{id}/save"), &them, &form("complete"), true)
        .await;
    assert!(frag.contains("Saved (version 2)"));
    let (s, _, frag) = t
        .submit(&format!("/responses/{id}/save"), &me, &form("absent"), true)
        .await;
    assert_eq!(s, StatusCode::OK, "htmx swaps the refusal into the page");
    assert!(frag.contains("Someone else changed the same answers"), "{frag}");
    assert!(
        frag.contains("<ins>complete</ins>") && frag.contains("<del>absent</del>"),
        "{frag}"
    );
    assert!(
        frag.contains("name=\"version\" value=\"2\""),
        "the page moves to the current version"
    );
    let v = t.app.response(&analyst(), id).await.unwrap();
    assert_eq!(
        v.state.question("st_visa/visa_status").unwrap().value,
        "complete",
        "theirs is kept"
    );
}

#[tokio::test]
async fn submission_shows_what_is_missing_and_analysts_review() {
    let t = T::new().await;
    let id = &t.responses["XK"];
    let me = t.session(&fp("XK")).await;
    let (s, _, body) = t
        .submit(
            &format!("/responses/{id}/submit"),
            &me,
            &[("version", "1"), ("page", "respondent"), ("form_lang", "English (en)")],
            false,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("href=\"/responses/") && body.contains("Your institution</a>: This answer is required."),
        "listed with a link to the question's page"
    );
    assert!(body.contains("class=\"qerror\""), "and shown next to the question");
    assert!(
        body.contains("name=\"check\" value=\"1\""),
        "missing answers stay visible while fixing them"
    );
    let analyst_s = t.session("analyst@demo").await;
    let (s, review) = t.text(&format!("/responses/{id}/review"), &analyst_s.0).await;
    assert_eq!(s, StatusCode::OK);
    assert!(review.contains("Reset to draft") || review.contains("Record the decision"));
    let (s, _) = t.text(&format!("/responses/{id}/versions"), &me.0).await;
    assert_eq!(s, StatusCode::OK);
    let (s, dash) = t.text(&format!("/rounds/{}", t.round), &analyst_s.0).await;
    assert_eq!(s, StatusCode::OK);
    assert!(dash.contains("Kosovo*") && dash.contains("days left"), "{dash}");
    let (s, csv) = t.text(&format!("/rounds/{}/export.csv", t.round), &analyst_s.0).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(csv.lines().count(), 7, "a header and the six economies");
    let (s, csv) = t.text(&format!("/rounds/{}/export.csv", t.round), &me.0).await;
    assert_eq!(
        (s, csv.lines().count()),
        (StatusCode::OK, 2),
        "a focal point gets their economy only"
    );
}

#[tokio::test]
async fn the_api_follows_the_same_permissions_and_rules() {
    use serde_json::json;
    let t = T::new().await;
    for own in ECONOMIES {
        for e in ECONOMIES {
            let (s, v) = t
                .api_by("GET", &format!("/api/v1/responses/{}", t.responses[e]), &fp(own), None)
                .await;
            if e == own {
                assert_eq!(s, StatusCode::OK);
                assert_eq!(v["response"]["economy"], own);
            } else {
                assert_eq!(s, StatusCode::FORBIDDEN, "{own} reads {e}");
                assert_eq!(v["error"]["code"], "forbidden");
            }
        }
    }
    let (s, _) = t
        .api_by(
            "GET",
            &format!("/api/v1/responses/{}", t.responses["RS"]),
            "viewer@demo",
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = t.api_by("GET", "/api/v1/rounds", &fp("BA"), None).await;
    assert_eq!((s, v["count"].as_u64()), (StatusCode::OK, Some(1)));
    let (s, _) = t
        .api_by(
            "POST",
            "/api/v1/rounds",
            &fp("BA"),
            Some(json!({"questionnaire": "x", "title": "t", "economies": ["BA"], "deadline": "2027-01-01"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "focal points do not open rounds");

    let id = &t.responses["MK"];
    let url = format!("/api/v1/responses/{id}");
    let (s, v) = t
        .api_by(
            "PATCH",
            &url,
            &fp("MK"),
            Some(json!({"version": 1, "set": {"st_exit/exit_status": "absent"}})),
        )
        .await;
    assert_eq!((s, v["version"].as_i64()), (StatusCode::OK, Some(2)));
    let (s, v) = t
        .api_by(
            "PATCH",
            &url,
            "analyst@demo",
            Some(json!({"version": 1, "set": {"st_exit/exit_status": "complete"}})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(v["error"]["code"], "version_conflict");
    assert_eq!(v["error"]["overlapping"], json!(["st_exit/exit_status"]));
    assert_eq!(
        v["error"]["current"]["answers"]["values"]["st_exit/exit_status"],
        "absent"
    );
    let (s, v) = t
        .api_by("POST", &format!("{url}/submit"), &fp("MK"), Some(json!({"version": 2})))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["error"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["field"] == "respondent/resp_institution")
    );
    let (s, v) = t
        .api_by(
            "POST",
            &format!("{url}/review"),
            "analyst@demo",
            Some(json!({"version": 2, "decision": "approve"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a draft is not reviewed: {v}");
    let (s, v) = t.api_by("GET", &format!("{url}/versions"), &fp("MK"), None).await;
    assert_eq!((s, v["count"].as_u64()), (StatusCode::OK, Some(2)));
    let (s, v) = t
        .api_by("GET", &format!("/api/v1/rounds/{}", t.round), "analyst@demo", None)
        .await;
    assert_eq!((s, v["rows"].as_array().map(Vec::len)), (StatusCode::OK, Some(6)));

    let (_, doc) = t.api_by("GET", "/api/openapi.json", "analyst@demo", None).await;
    for p in [
        "/api/v1/questionnaires",
        "/api/v1/rounds",
        "/api/v1/responses/{id}",
        "/api/v1/responses/{id}/review",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} is described");
    }
}

#[tokio::test]
async fn the_review_page_shows_what_approval_changes_and_asks_about_contradictions() {
    use pathways_app::rounds::Changes;
    let t = T::new().await;
    let id = &t.responses["AL"];
    let fp_al = Principal {
        user_id: "fp".into(),
        email: "fp-al@demo".into(),
        role: Role::FocalPoint,
        economy: Some("AL".into()),
    };
    let mut set: BTreeMap<String, String> = [
        ("respondent/resp_institution", "Ministry"),
        ("respondent/reference_date", "2026-11-01"),
        ("agencies/ag_licensing", "unknown"),
        ("coo/coo_any", "no"),
        ("secondary/sm_evidence", "unknown"),
        ("st_visa/visa_status", "complete"),
        ("st_visa/visa_check", "Every application is interviewed"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for s in [
        "demand",
        "employer",
        "recruitment",
        "pre_departure",
        "permit",
        "entry",
        "monitoring",
        "exit",
        "data",
        "coo_cooperation",
    ] {
        set.insert(format!("st_{s}/{s}_status"), "unknown".into());
    }
    for d in [
        "da_permits_nat",
        "da_permits_sector",
        "da_refusals",
        "da_agencies",
        "da_inspections",
        "da_absconding",
    ] {
        set.insert(format!("data_availability/{d}"), "unknown".into());
    }
    let v = t
        .app
        .save_answers(
            &fp_al,
            id,
            1,
            &Changes {
                set,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let v = t.app.submit(&fp_al, id, v.version).await.unwrap();
    let analyst_s = t.session("analyst@demo").await;
    let (s, page) = t.text(&format!("/responses/{id}/review"), &analyst_s.0).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("What approval changes in the map"));
    let contradictions: Vec<String> = t
        .app
        .approval_proposals(&analyst(), id)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.status == "contradiction")
        .map(|p| p.key)
        .collect();
    assert!(!contradictions.is_empty());
    for k in &contradictions {
        assert!(
            page.contains(&format!("name=\"k:{k}\" value=\"replace\"")),
            "{k} asks keep or replace"
        );
    }
    // Issue 17, point 5: answers as the respondent saw them, only the answered ones by default.
    assert!(!page.contains(">st_visa/visa_status<"), "no question paths shown");
    assert!(
        page.contains("<td>Complete"),
        "a chosen option by its label, not `complete`"
    );
    let rows = |html: &str| html.matches("<tr><th>").count();
    let (_, every) = t.text(&format!("/responses/{id}/review?all=1"), &analyst_s.0).await;
    assert!(rows(&every) > rows(&page), "unanswered questions only on request");
    let version = v.version.to_string();
    let (s, _, refused) = t
        .submit(
            &format!("/responses/{id}/review"),
            &analyst_s,
            &[
                ("version", &version),
                ("decision", "approve"),
                ("note", "Thank you; one question left"),
                ("c:st_visa/visa_check", "Who interviews?"),
            ],
            false,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "undecided contradictions refuse the approval"
    );
    assert!(
        refused.contains("What approval changes in the map")
            && refused.contains("Thank you; one question left")
            && refused.contains("Who interviews?")
            && refused.contains("value=\"approve\" checked"),
        "the review page again, with everything typed and chosen kept"
    );
    // Sent back with a comment: the focal point's page with it is marked (issue 17, point 8).
    let (s, _, _) = t
        .submit(
            &format!("/responses/{id}/review"),
            &analyst_s,
            &[
                ("version", &version),
                ("decision", "has_issues"),
                ("c:st_visa/visa_check", "Who interviews?"),
            ],
            false,
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let fp_s = t.session("fp-al@demo").await;
    let (_, fp_page) = t.text(&format!("/responses/{id}?page=st_visa"), &fp_s.0).await;
    assert!(
        fp_page.contains("class=\"commented\""),
        "the page with a comment is marked"
    );
    let v = t.app.submit(&fp_al, id, v.version + 1).await.unwrap();
    let version = v.version.to_string();
    // All contradictions settled at once.
    let mut form: Vec<(String, String)> = vec![
        ("version".into(), version.clone()),
        ("decision".into(), "approve".into()),
        ("all_contradictions".into(), "keep".into()),
    ];
    form.extend(
        contradictions
            .iter()
            .map(|k| (format!("contradiction:{k}"), "1".to_string())),
    );
    let refs: Vec<(&str, &str)> = form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (s, _, _) = t
        .submit(&format!("/responses/{id}/review"), &analyst_s, &refs, false)
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(
        t.app.response(&analyst(), id).await.unwrap().response.state.as_str(),
        "approved"
    );
}

/// A questionnaire is offered as an ODK XForm (the page links it, the API serves it), and a form
/// that works but uses an older spelling is added with that warning shown, never refused.
#[tokio::test]
async fn questionnaires_download_as_xforms_and_warnings_are_shown_not_refused() {
    let t = T::new().await;
    let (_, list) = t.api_by("GET", "/api/v1/questionnaires", "analyst@demo", None).await;
    let q = &list["items"][0];
    let id = q["id"].as_str().unwrap();
    assert_eq!(q["xform"], format!("/api/v1/questionnaires/{id}/form.xml"));
    let (s, xml) = t
        .api_bytes(
            "GET",
            &format!("/api/v1/questionnaires/{id}/form.xml"),
            "viewer@demo",
            None,
            "",
        )
        .await;
    let xml = String::from_utf8(xml).unwrap();
    assert_eq!(s, StatusCode::OK);
    assert!(xml.starts_with("<?xml") && xml.contains("<h:html") && xml.contains("jr:preload=\"uid\""));
    assert!(
        xml.contains("<bind nodeset=\"/data/respondent/resp_institution\""),
        "binds per question"
    );
    let (cookie, _) = t.session("analyst@demo").await;
    let (s, page) = t.text("/rounds", &cookie).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("/questionnaires/{id}/form.xml")));

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("survey").unwrap();
    for (r, row) in [["type", "name", "label"], ["select one from yn", "q", "Q"]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let ch = wb.add_worksheet().set_name("choices").unwrap();
    for (r, row) in [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", ""]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ch.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let (s, body) = t
        .api_bytes(
            "POST",
            "/api/v1/questionnaires?file_name=legacy.xlsx",
            "analyst@demo",
            Some(axum::body::Body::from(bytes)),
            "application/octet-stream",
        )
        .await;
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("row 2") && w.contains("older spelling")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("choice `no`") && w.contains("no label")),
        "{warnings:?}"
    );
}

/// Issue 22: a focal point reads the questionnaire in their language by default — the
/// interface's when the form has it, else their economy's — and can still choose another.
#[tokio::test]
async fn a_focal_point_reads_the_questionnaire_in_their_language() {
    let t = T::new().await;
    let (rs, _) = t.session(&fp("RS")).await;
    let url = |e: &str| format!("/responses/{}?page=respondent", t.responses[e]);
    let (_, page) = t.text(&url("RS"), &rs).await;
    assert!(
        page.contains("Ваша институција"),
        "Serbia's focal point reads Serbian Cyrillic"
    );
    let (_, page) = t.text(&url("RS"), &format!("{rs}; pathways_lang=sq")).await;
    assert!(
        page.contains("Institucioni juaj"),
        "the interface's language comes first"
    );
    let (_, page) = t.text(&format!("{}&form_lang=English%20(en)", url("RS")), &rs).await;
    assert!(page.contains("Your institution"), "and any language can be chosen");
    let (mk, _) = t.session(&fp("MK")).await;
    let (_, page) = t.text(&url("MK"), &mk).await;
    assert!(
        page.contains("Вашата институција"),
        "North Macedonia's reads Macedonian"
    );
}
