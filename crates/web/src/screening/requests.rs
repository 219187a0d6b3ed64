//! The requests desk: the verification requests a liaison's country is asked or an officer's
//! economy made, the queries other economies addressed to an officer's economy, and one request's
//! page with its excerpt and the answer form (a liaison answers their country's, an officer the
//! queries addressed to their economy).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::domain::Role;

use super::files::{FileRow, file_rows};
use super::pages::{FigureRow, RequestRow, figure_rows, request_row};
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, country_name, form_get, form_pairs, label, page, render};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/screening/requests", requests)
        .get("/screening/requests/{id}", request_page)
        .post("/screening/requests/{id}/answer", answer)
}

#[derive(Template)]
#[template(path = "screening/requests.html")]
struct RequestsPage<'a> {
    page: Page<'a>,
    liaison: bool,
    requests: Vec<RequestRow>,
    figures: Vec<FigureRow>,
}

async fn requests(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let list = s.app.verification_requests(&p).await.back("/screening")?;
    Ok(render(RequestsPage {
        page: page(&s, &mauth),
        liaison: p.role == Role::CooLiaison,
        requests: list.iter().map(|r| request_row(&s, r)).collect(),
        figures: figure_rows(&s, s.app.coo_dashboard(&p).await.back("/")?),
    }))
}

#[derive(Template)]
#[template(path = "screening/request.html")]
struct RequestPage<'a> {
    page: Page<'a>,
    files: Vec<FileRow>,
    attach_to: String,
    r: RequestRow,
    /// What the page is: the subject and country, or a query from another economy.
    heading: String,
    question: String,
    /// What the excerpt is for, said to its reader.
    excerpt_note: String,
    excerpt: Vec<(String, String)>,
    /// For the officers a query asks: their own case behind the pseudonym, to open.
    record_href: String,
    economy: String,
    answerable: bool,
    outcomes: Vec<(String, String)>,
    case_id: String,
}

async fn request_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let r = s.app.verification_request(&p, &id).await.back("/screening/requests")?;
    let e = &r.excerpt;
    let t = |k: &str| s.i18n.t(k);
    let v = |k: &str| e[k].as_str().unwrap_or_default().to_string();
    let economy_name = |code: &str| s.vocab().economy_name(code).to_string();
    // A query between economies carries a pseudonym and a similarity, no name.
    let query = r.to_economy.is_some();
    let excerpt = if query {
        vec![
            (t("federation-record-title"), v("record")),
            (
                t("federation-dice"),
                e["dice"].as_f64().map(|d| format!("{d:.2}")).unwrap_or_default(),
            ),
            (
                t("federation-your-record"),
                match (&r.record, &r.case_id) {
                    (Some((_, what)), _) => crate::i18n::said(what),
                    // The asking officer knows their own case; the record is the other's.
                    (None, Some(_)) => String::new(),
                    (None, None) => t("federation-record-gone"),
                },
            ),
        ]
    } else {
        vec![
            (t("case-name"), v("name")),
            (t("case-date-of-birth"), v("date_of_birth")),
            (t("case-passport"), v("passport_number")),
            (t("case-nationality"), country_name(&s, &v("nationality"))),
            (t("case-coo-agency"), v("agency")),
            (t("case-employer"), v("employer")),
        ]
    };
    let row = request_row(&s, &r);
    let heading = match &r.to_economy {
        Some(_) => format!("{} {}", t("federation-query-from"), economy_name(&r.economy)),
        None => format!("{} — {}", row.subject, row.country),
    };
    let record_href = r
        .record
        .as_ref()
        .filter(|(id, _)| id.starts_with("case_"))
        .map(|(id, _)| format!("/screening/cases/{id}"))
        .unwrap_or_default();
    let files = s.app.request_files(&p, &id).await.back("/screening/requests")?;
    Ok(render(RequestPage {
        page: page(&s, &mauth),
        files: file_rows(&files, |_| label(&s, "subject", r.subject.as_str())),
        // A query carries no documents (the app refuses them): no form to attach one.
        attach_to: if query {
            String::new()
        } else {
            format!("/screening/requests/{}/files", r.id)
        },
        heading,
        excerpt_note: t(if query {
            "federation-excerpt-why"
        } else {
            "screening-excerpt-why"
        }),
        record_href,
        question: r.question.clone(),
        excerpt: excerpt.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
        economy: economy_name(&r.economy),
        answerable: r.outcome.is_none()
            && match &r.to_economy {
                Some(to) => p.role == Role::CaseOfficer && p.economy.as_deref() == Some(to.as_str()),
                None => p.role == Role::CooLiaison,
            },
        outcomes: pathways_app::domain::screening::VerificationOutcome::ALL
            .iter()
            .map(|o| (o.as_str().to_string(), label(&s, "verification", o.as_str())))
            .collect(),
        case_id: r.case_id.clone().unwrap_or_default(),
        r: row,
    }))
}

async fn answer(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal;
    let f = form_pairs(&body);
    s.app
        .answer_verification(
            &p,
            &id,
            form_get(&f, "outcome").unwrap_or_default(),
            form_get(&f, "comment").unwrap_or_default(),
        )
        .await
        .back(format!("/screening/requests/{id}"))?;
    Ok(Redirect::to(&format!("/screening/requests/{id}")).into_response())
}
