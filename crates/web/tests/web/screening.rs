//! The cases API as each role calls it: a case officer lists, opens and reads their economy's
//! cases (each read logged as an API read); another economy's officer, an analyst and a CoO
//! liaison get nothing of it — 404 for a case, as for an unknown id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{T, visible};

#[tokio::test]
async fn cases_are_their_economys_officers_through_the_api() {
    let t = T::new().await;
    let (rs, al, an, np) = (
        t.token("officer-rs@demo").await,
        t.token("officer-al@demo").await,
        t.token("analyst@demo").await,
        t.token("coo-np@demo").await,
    );
    let case = json!({
        "economy": "RS", "given_name": "Sunita", "surname": "Tamang", "date_of_birth": "1994",
        "sex": "F", "nationality": "NP", "passport_number": "PA1234567",
        "passport_expiry": "2031-01-31", "contract_end": "2028-12-31",
        "id": "ignored", "state": "decided", "checks": [{"code": "forged"}]
    });
    let (st, created) = t.api_as("POST", "/api/v1/cases", &rs, Some(case.clone())).await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_ne!(id, "ignored");
    assert_eq!(created["state"], "received", "server-set fields are ignored");
    assert!(
        created["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["code"] != "forged")
    );
    assert_eq!(
        t.api_as("POST", "/api/v1/cases", &al, Some(case)).await.0,
        StatusCode::FORBIDDEN
    );

    let (st, list) = t.api_as("GET", "/api/v1/cases", &rs, None).await;
    assert_eq!((st, list["count"].as_u64()), (StatusCode::OK, Some(1)));
    let (st, one) = t.api_as("GET", &format!("/api/v1/cases/{id}"), &rs, None).await;
    assert_eq!(st, StatusCode::OK);
    for c in one["checks"].as_array().unwrap() {
        assert!(["pass", "flag", "fail", "pending"].contains(&c["result"].as_str().unwrap()));
        assert!(!c["explanation"].as_str().unwrap().is_empty());
    }
    for token in [&al, &an, &np] {
        assert_eq!(
            t.api_as("GET", &format!("/api/v1/cases/{id}"), token, None).await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            t.api_as("GET", &format!("/api/v1/cases/{id}/reads"), token, None)
                .await
                .0,
            StatusCode::NOT_FOUND
        );
    }
    let (_, al_list) = t.api_as("GET", "/api/v1/cases", &al, None).await;
    assert_eq!(al_list["count"], 0);
    assert_eq!(
        t.api_as("GET", "/api/v1/cases", &an, None).await.0,
        StatusCode::FORBIDDEN
    );
    let (st, reads) = t.api_as("GET", &format!("/api/v1/cases/{id}/reads"), &rs, None).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(reads["items"][0]["channel"], "api");
    assert_eq!(reads["items"][0]["email"], "officer-rs@demo");
    // A malformed body names what is wrong, and opens nothing.
    let (st, err) = t
        .api_as(
            "POST",
            "/api/v1/cases",
            &rs,
            Some(json!({"economy": "RS", "mrz": "one line"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(t.api_as("GET", "/api/v1/cases", &rs, None).await.1["count"], 1);
}

#[tokio::test]
async fn a_request_reaches_only_its_country_whose_liaison_answers_it_once() {
    let t = T::new().await;
    let (rs, np, bd) = (
        t.token("officer-rs@demo").await,
        t.token("coo-np@demo").await,
        t.token("coo-bd@demo").await,
    );
    let case = json!({
        "economy": "RS", "full_name": "Sunita Tamang", "date_of_birth": "1994-03-17",
        "nationality": "NP", "passport_number": "PA1234567"
    });
    let (_, created) = t.api_as("POST", "/api/v1/cases", &rs, Some(case)).await;
    let id = created["id"].as_str().unwrap().to_string();
    let (st, req) = t
        .api_as(
            "POST",
            &format!("/api/v1/cases/{id}/verification-requests"),
            &rs,
            Some(json!({"country": "NP", "subject": "demand_letter", "due": "2099-01-01"})),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{req}");
    let rid = req["id"].as_str().unwrap().to_string();
    let (_, mine) = t.api_as("GET", "/api/v1/verification-requests", &np, None).await;
    let seen = &mine["items"][0];
    assert_eq!(seen["id"], rid.as_str());
    assert!(seen.get("checks").is_none() && seen.get("case_id").is_none(), "{seen}");
    let (_, theirs) = t.api_as("GET", "/api/v1/verification-requests", &bd, None).await;
    assert_eq!(theirs["count"], 0);
    let answer = |outcome: &str| json!({"outcome": outcome, "comment": "checked"});
    let path = format!("/api/v1/verification-requests/{rid}/answer");
    assert_eq!(
        t.api_as("POST", &path, &bd, Some(answer("confirmed"))).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.api_as("POST", &path, &rs, Some(answer("confirmed"))).await.0,
        StatusCode::FORBIDDEN
    );
    let (st, done) = t.api_as("POST", &path, &np, Some(answer("not_confirmed"))).await;
    assert_eq!((st, done["outcome"].as_str()), (StatusCode::OK, Some("not_confirmed")));
    assert_eq!(
        t.api_as("POST", &path, &np, Some(answer("confirmed"))).await.0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "answered once"
    );
    let (_, on_case) = t
        .api_as("GET", &format!("/api/v1/cases/{id}/verification-requests"), &rs, None)
        .await;
    assert_eq!(on_case["items"][0]["outcome"], "not_confirmed");

    // The answer readied the case; the decision needs reasons that fit it, and a note.
    assert_eq!(on_case["items"].as_array().unwrap().len(), 1);
    let (_, reasons) = t.api_as("GET", "/api/v1/decision-reasons", &rs, None).await;
    let refusals: Vec<&str> = reasons["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["decisions"].as_array().unwrap().contains(&json!("refuse")))
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(refusals.contains(&"coo_not_confirmed"), "{reasons}");
    let decision = format!("/api/v1/cases/{id}/decision");
    let (st, err) = t
        .api_as(
            "POST",
            &decision,
            &rs,
            Some(json!({"decision": "refuse", "reasons": []})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["problems"][0]["field"], "reasons", "{err}");
    let refuse = json!({"decision": "refuse", "reasons": ["coo_not_confirmed"], "note": "Not attested."});
    assert_eq!(
        t.api_as("POST", &decision, &np, Some(refuse.clone())).await.0,
        StatusCode::FORBIDDEN
    );
    let (st, decided) = t.api_as("POST", &decision, &rs, Some(refuse)).await;
    assert_eq!(
        (st, decided["state"].as_str()),
        (StatusCode::OK, Some("decided")),
        "{decided}"
    );
    assert_eq!(decided["decision"]["reasons"][0], "coo_not_confirmed");
    let (st, closed) = t
        .api_as(
            "POST",
            &format!("/api/v1/cases/{id}/state"),
            &rs,
            Some(json!({"state": "closed"})),
        )
        .await;
    assert_eq!((st, closed["state"].as_str()), (StatusCode::OK, Some("closed")));
}

/// A CSV upload to the API, as a script would send it.
async fn upload(t: &T, path: &str, token: &str, csv: &str) -> (StatusCode, serde_json::Value) {
    use axum::body::Body;
    use axum::http::{Request, header};
    let req = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(csv.to_string()))
        .unwrap();
    let (st, _, text) = t.send(req).await;
    (st, serde_json::from_str(&text).unwrap_or_default())
}

#[tokio::test]
async fn registers_load_through_the_api_and_an_edit_is_checked_against_them() {
    let t = T::new().await;
    let (rs, al, np) = (
        t.token("officer-rs@demo").await,
        t.token("officer-al@demo").await,
        t.token("coo-np@demo").await,
    );
    let employers = "registration_number,name,status,employees\nRS-100,Gradnja doo,active,40\n";
    let path = "/api/v1/registers/employers/RS?file=apr.csv";
    assert_eq!(upload(&t, path, &al, employers).await.0, StatusCode::FORBIDDEN);
    assert_eq!(upload(&t, path, &np, employers).await.0, StatusCode::FORBIDDEN);
    let (st, err) = upload(&t, path, &rs, "registration_number,name,status\nRS-1,,open\n").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = err["error"]["problems"].as_array().unwrap();
    assert_eq!(
        (problems[0]["file"].as_str(), problems[0]["line"].as_u64()),
        (Some("apr.csv"), Some(2))
    );
    let (st, loaded) = upload(&t, path, &rs, employers).await;
    assert_eq!(
        (st, loaded["import"]["rows"].as_i64()),
        (StatusCode::CREATED, Some(1)),
        "{loaded}"
    );
    let agencies = "licence,name,status,valid_from,valid_to\n1042/079,Everest Manpower,valid,2022-01-01,2030-12-31\n";
    let (st, _) = upload(&t, "/api/v1/registers/coo_agencies/NP", &np, agencies).await;
    assert_eq!(st, StatusCode::CREATED);
    let (_, imports) = t.api_as("GET", "/api/v1/registers", &al, None).await;
    assert_eq!(imports["count"], 1, "Serbia's employers are not Albania's: {imports}");

    let case = json!({"economy": "RS", "full_name": "Ram Thapa", "date_of_birth": "1990",
                      "nationality": "NP", "passport_number": "PA9", "employer": "Nobody"});
    let (_, created) = t.api_as("POST", "/api/v1/cases", &rs, Some(case.clone())).await;
    let id = created["id"].as_str().unwrap().to_string();
    let result = |c: &serde_json::Value, code: &str| {
        c["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["code"] == code)
            .unwrap()["result"]
            .clone()
    };
    assert_eq!(result(&created, "employer_register"), "flag");
    let mut fields = case;
    fields["employer"] = json!("Gradnja DOO");
    let put = |version: i64| json!({"version": version, "fields": fields.clone()});
    let (st, edited) = t.api_as("PUT", &format!("/api/v1/cases/{id}"), &rs, Some(put(1))).await;
    assert_eq!(st, StatusCode::OK, "{edited}");
    assert_eq!(
        (result(&edited, "employer_register"), edited["version"].as_i64()),
        (json!("pass"), Some(2))
    );
    let (st, stale) = t.api_as("PUT", &format!("/api/v1/cases/{id}"), &rs, Some(put(1))).await;
    assert_eq!(
        (st, stale["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("version_conflict"))
    );
}

/// A snake_case code such as `awaiting_coo`, which no reader should see.
fn codes_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.contains('_') && w.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !w.starts_with('_'))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_officer_and_the_liaison_work_a_case_through_their_pages_in_words() {
    let t = T::new().await;
    let officer = t.session("officer-rs@demo").await;
    let liaison = t.session("coo-np@demo").await;
    let (st, _, body) = t
        .submit(
            "/screening/cases/new",
            &officer,
            &[
                ("given_name", "Sunita"),
                ("surname", "Tamang"),
                ("date_of_birth", "1994-03-17"),
                ("nationality", "NP"),
                ("passport_number", "PA1234567"),
                ("contract_end", "2028-12-31"),
            ],
            false,
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    let (_, list) = t.api_by("GET", "/api/v1/cases", "officer-rs@demo", None).await;
    let id = list["items"][0]["id"].as_str().unwrap().to_string();
    let case_path = format!("/screening/cases/{id}");
    let (st, _, page) = t.get(&case_path, &officer.0).await;
    assert_eq!(st, StatusCode::OK);
    let text = visible(&page);
    assert!(
        text.contains("Passport machine-readable zone") && text.contains("Pending"),
        "{text}"
    );
    assert!(
        codes_in(&text).is_empty(),
        "codes on the case page: {:?}",
        codes_in(&text)
    );

    // Officer → liaison → officer → decision, through the forms.
    let (st, _, _) = t
        .submit(
            &format!("{case_path}/requests"),
            &officer,
            &[
                ("country", "NP"),
                ("subject", "demand_letter"),
                ("due", ""),
                ("question", ""),
            ],
            false,
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _, mine) = t.get("/screening/requests", &liaison.0).await;
    assert_eq!(st, StatusCode::OK);
    let rid = mine
        .split("/screening/requests/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (_, _, request) = t.get(&format!("/screening/requests/{rid}"), &liaison.0).await;
    let text = visible(&request);
    assert!(
        text.contains("Sunita Tamang") && text.contains("PA1234567") && !text.contains("2028-12-31"),
        "{text}"
    );
    assert!(codes_in(&text).is_empty(), "{:?}", codes_in(&text));
    let (st, _, _) = t
        .submit(
            &format!("/screening/requests/{rid}/answer"),
            &liaison,
            &[("outcome", "not_confirmed"), ("comment", "No attestation on record.")],
            false,
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(
        t.get(&case_path, &liaison.0).await.0,
        StatusCode::NOT_FOUND,
        "the liaison never reads the case"
    );
    let (_, _, page) = t.get(&case_path, &officer.0).await;
    assert!(visible(&page).contains("Not confirmed") && visible(&page).contains("Ready for decision"));
    let (st, _, _) = t
        .submit(
            &format!("{case_path}/decision"),
            &officer,
            &[("decision", "refuse"), ("note", "Not attested.")],
            false,
        )
        .await;
    assert_ne!(st, StatusCode::SEE_OTHER, "no decision without reasons");
    let (st, _, _) = t
        .submit(
            &format!("{case_path}/decision"),
            &officer,
            &[
                ("decision", "refuse"),
                ("reason", "coo_not_confirmed"),
                ("note", "Not attested."),
            ],
            false,
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, _, page) = t.get(&case_path, &officer.0).await;
    let text = visible(&page);
    assert!(
        text.contains("Refuse") && text.contains("The Country of Origin did not confirm"),
        "{text}"
    );
    let (_, reads) = t
        .api_by("GET", &format!("/api/v1/cases/{id}/reads"), "officer-rs@demo", None)
        .await;
    assert!(reads["items"].as_array().unwrap().iter().any(|r| r["channel"] == "ui"));
    let (st, _, desk) = t.get("/screening", &officer.0).await;
    assert_eq!(st, StatusCode::OK);
    assert!(codes_in(&visible(&desk)).is_empty(), "{:?}", codes_in(&visible(&desk)));
    // An analyst sees figures, never a person.
    let analyst = t.session("analyst@demo").await;
    let (_, _, desk) = t.get("/screening", &analyst.0).await;
    assert!(!desk.contains("Tamang") && desk.contains("Requests to the Countries of Origin"));
}

#[tokio::test]
async fn files_go_with_a_case_and_its_request_through_the_api_and_the_pages() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let t = T::new().await;
    let rs = t.token("officer-rs@demo").await;
    let case = json!({
        "economy": "RS", "full_name": "Sunita Tamang", "date_of_birth": "1994-03-17",
        "nationality": "NP", "passport_number": "PA1234567"
    });
    let (_, created) = t.api_as("POST", "/api/v1/cases", &rs, Some(case)).await;
    let id = created["id"].as_str().unwrap().to_string();
    let raw = |path: String, token: &str, bytes: &'static [u8]| {
        Request::builder()
            .method("POST")
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(Body::from(bytes))
            .unwrap()
    };
    let (st, _, body) = t
        .send(raw(
            format!("/api/v1/cases/{id}/files?file_name=letter.pdf"),
            &rs,
            b"%PDF-1.7 letter",
        ))
        .await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let kept: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(kept["sha256"].as_str().unwrap().len(), 64);
    let (st, _, body) = t
        .send(raw(
            format!("/api/v1/cases/{id}/files?file_name=page.html"),
            &rs,
            b"<script>alert(1)</script>",
        ))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("PDF, PNG or JPEG"), "{body}");

    // The download is an attachment, never sniffed nor run as a page of ours.
    let fid = kept["id"].as_str().unwrap();
    let (st, headers, body) = t
        .send(
            Request::builder()
                .uri(format!("/api/v1/case-files/{fid}"))
                .header(header::AUTHORIZATION, format!("Bearer {rs}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!((st, body.as_str()), (StatusCode::OK, "%PDF-1.7 letter"));
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );

    // The liaison keeps the evidence of an answer with the request, through its page; the
    // officer finds it on the case's page, said to go with the request to Nepal.
    let (_, req) = t
        .api_as(
            "POST",
            &format!("/api/v1/cases/{id}/verification-requests"),
            &rs,
            Some(json!({"country": "NP", "subject": "demand_letter"})),
        )
        .await;
    let rid = req["id"].as_str().unwrap().to_string();
    let (cookie, csrf) = t.session("coo-np@demo").await;
    let (st, _) = t
        .upload(
            &format!("/screening/requests/{rid}/files"),
            &cookie,
            &csrf,
            "attestation.pdf",
            b"%PDF-1.7 attested",
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, _, page) = t.get(&format!("/screening/requests/{rid}"), &cookie).await;
    assert!(visible(&page).contains("attestation.pdf"), "{}", visible(&page));
    let (_, listed) = t
        .api_as("GET", &format!("/api/v1/verification-requests/{rid}/files"), &rs, None)
        .await;
    assert_eq!(listed["count"], 1);
    let officer = t.session("officer-rs@demo").await;
    let (_, _, page) = t.get(&format!("/screening/cases/{id}"), &officer.0).await;
    let text = visible(&page);
    assert!(
        text.contains("letter.pdf")
            && text.contains("attestation.pdf")
            && text.contains("the request to Nepal: Demand letter"),
        "{text}"
    );
    // Nepal's liaison may not read the case's own file; another country's, not even the request's.
    let (st, _, _) = t.get(&format!("/screening/files/{fid}"), &cookie).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let bd = t.token("coo-bd@demo").await;
    let (st, _) = t
        .api_as("GET", &format!("/api/v1/verification-requests/{rid}/files"), &bd, None)
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_officer_sets_the_economys_rules_on_its_page_and_the_api_reads_the_version() {
    let t = T::new().await;
    let officer = t.session("officer-rs@demo").await;
    let (st, _, page) = t.get("/screening/rules", &officer.0).await;
    assert_eq!(st, StatusCode::OK);
    let text = visible(&page);
    assert!(
        text.contains("applications against its size") && text.contains("regional"),
        "{text}"
    );
    assert!(codes_in(&text).is_empty(), "{:?}", codes_in(&text));
    let (_, before) = t
        .api_by("GET", "/api/v1/screening/rules", "officer-rs@demo", None)
        .await;
    let pathway = before["pathway_choices"][0][0].as_str().unwrap().to_string();
    // Every check kept running but the CoO licence check; the volume threshold tightened; the
    // expiry check limited to one pathway.
    let mut form = vec![("version", "0"), ("note", "Tighter after the 2026 inspections.")];
    for code in [
        "passport_mrz",
        "passport_expiry",
        "employer_register",
        "employer_volume",
        "local_agency_licence",
        "earlier_cases",
    ] {
        form.push((Box::leak(format!("applies_{code}").into_boxed_str()), "on"));
    }
    form.push(("threshold_passport_expiry", "180"));
    form.push(("threshold_employer_volume", "0.2"));
    form.push(("threshold_earlier_cases", "0.7"));
    form.push(("pathways_passport_expiry", &pathway));
    let (st, _, body) = t.submit("/screening/rules", &officer, &form, false).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    let (_, after) = t
        .api_by("GET", "/api/v1/screening/rules", "officer-rs@demo", None)
        .await;
    assert_eq!(after["version"], 1, "{after}");
    let rule = |code: &str| {
        after["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["check"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(rule("coo_agency_licence")["applies"], false);
    assert_eq!(rule("employer_volume")["threshold"], 0.2);
    assert_eq!(rule("earlier_cases")["threshold"], 0.7);
    assert_eq!(rule("passport_expiry")["pathways"], json!([pathway]));
    assert_eq!(rule("passport_mrz")["version"], "RS:v1");
    assert_eq!(after["history"][0]["note"], "Tighter after the 2026 inspections.");
    // A second save from the same page (version 0) is refused and keeps version 1.
    let (st, _, body) = t.submit("/screening/rules", &officer, &form, false).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        visible(&body).contains("changed since you opened version 0"),
        "{}",
        visible(&body)
    );
    let (_, still) = t
        .api_by("GET", "/api/v1/screening/rules", "officer-rs@demo", None)
        .await;
    assert_eq!(still["version"], 1);
    // Through the API: another economy's officer may not; Serbia's may, from version 1.
    let body = json!({"version": 1, "note": "Back to the regional volume rule.", "rules": [{"check": "passport_mrz"}]});
    let (st, _) = t
        .api_by(
            "PUT",
            "/api/v1/screening/rules?economy=RS",
            "officer-al@demo",
            Some(body.clone()),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, saved) = t
        .api_by("PUT", "/api/v1/screening/rules", "officer-rs@demo", Some(body))
        .await;
    assert_eq!((st, saved["version"].as_i64()), (StatusCode::OK, Some(2)), "{saved}");
    let (_, read) = t
        .api_by("GET", "/api/v1/screening/rules?economy=RS", "analyst@demo", None)
        .await;
    assert_eq!(read["history"].as_array().unwrap().len(), 2);
    // An analyst reads the page of any economy, without a form to change it.
    let analyst = t.session("analyst@demo").await;
    let (st, _, page) = t.get("/screening/rules?economy=rs", &analyst.0).await;
    assert_eq!(st, StatusCode::OK);
    assert!(visible(&page).contains("Back to the regional volume rule.") && !page.contains("name=\"note\""));
}
