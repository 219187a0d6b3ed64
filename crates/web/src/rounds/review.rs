//! A reviewer's page (comments per question, what approval would change in the map) and the
//! versions of a response with their differences.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::states::ResponseState;
use pathways_app::rounds::{Decision, ResponseView, answers_of, diff};
use pathways_xlsform::model::text_in;

use super::state_label;
use super::view::page_of;
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, page, render};
use crate::ui::{form_get as first, form_pairs as pairs};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/responses/{id}/review", review_page)
        .post("/responses/{id}/review", review)
        .get("/responses/{id}/versions", versions_page)
}

// ---- review and versions ------------------------------------------------------------------------

struct ReviewRow {
    path: String,
    label: String,
    value: String,
    comment: String,
    error: String,
}

#[derive(Template)]
#[template(path = "rounds/review.html")]
struct ReviewPage<'a> {
    page: Page<'a>,
    id: String,
    round_id: String,
    economy: String,
    state: String,
    state_code: String,
    version: i64,
    rows: Vec<(String, Vec<ReviewRow>)>,
    note: String,
    problems: Vec<String>,
    /// What approval would change in the map (when the response is submitted).
    proposals: Vec<ProposalRow>,
}

struct ProposalRow {
    key: String,
    label: String,
    field: String,
    current: String,
    proposed: String,
    status: String,
    status_code: String,
}

fn show(v: &serde_json::Value) -> String {
    crate::ui::text(v)
}

async fn review_rows(s: &AppState, view: &ResponseView) -> Result<Vec<(String, Vec<ReviewRow>)>, AppError> {
    let loaded = s.app.form(&view.round.questionnaire_id).await?;
    let form = &loaded.form;
    let lang = form.default_language().unwrap_or("").to_string();
    let comments: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
    let labels: HashMap<&str, String> = form
        .questions()
        .map(|q| {
            (
                q.name.as_str(),
                text_in(&q.cells, "label", &lang).unwrap_or(&q.name).to_string(),
            )
        })
        .collect();
    let mut out: Vec<(String, Vec<ReviewRow>)> = vec![];
    for q in &view.state.questions {
        if !q.relevant || q.read_only && q.value.is_empty() {
            continue;
        }
        let page_name = page_of(&q.path, form);
        let page_label = form
            .items
            .iter()
            .find(|it| it.name() == page_name)
            .map(|it| text_in(it.cells(), "label", &lang).unwrap_or(it.name()).to_string())
            .unwrap_or_else(|| s.i18n.t("response-general"));
        let row = ReviewRow {
            label: labels.get(q.name.as_str()).cloned().unwrap_or_else(|| q.name.clone()),
            value: q.value.clone(),
            comment: comments.get(&q.path).cloned().unwrap_or_default(),
            error: q.error.clone().unwrap_or_default(),
            path: q.path.clone(),
        };
        match out.last_mut() {
            Some((l, rows)) if *l == page_label => rows.push(row),
            _ => out.push((page_label, vec![row])),
        }
    }
    Ok(out)
}

async fn review_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let view = s.app.response(&p, &id).await.back("/rounds")?;
    if !p.may(Action::Review, Some(&view.response.economy)) {
        return fail(
            AppError::Forbidden(s.i18n.t("review-forbidden")),
            format!("/responses/{id}"),
        );
    }
    let rows = review_rows(&s, &view).await.back("/rounds")?;
    let comments: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
    let proposals = if view.response.state == ResponseState::Submitted {
        s.app
            .approval_proposals(&p, &id)
            .await
            .back("/rounds")?
            .into_iter()
            .filter(|x| x.status != "same")
            .map(|x| ProposalRow {
                status: s.i18n.t(&format!("proposal-{}", x.status)),
                status_code: x.status,
                current: x.current.as_ref().map(show).unwrap_or_default(),
                proposed: show(&x.proposed),
                key: x.key,
                label: x.label,
                field: x.field,
            })
            .collect()
    } else {
        vec![]
    };
    Ok(render(ReviewPage {
        proposals,
        page: page(&s, &mauth),
        id: view.response.id.clone(),
        round_id: view.round.id.clone(),
        economy: view.response.economy.clone(),
        state: state_label(&s, view.response.state),
        state_code: view.response.state.to_string(),
        version: view.response.version,
        rows,
        note: comments.get("_note").cloned().unwrap_or_default(),
        problems: vec![],
    }))
}

async fn review(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let _mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let Some(decision) = first(&f, "decision").and_then(|d| d.parse::<Decision>().ok()) else {
        return fail(
            AppError::invalid("decision", s.i18n.t("review-choose")),
            format!("/responses/{id}/review"),
        );
    };
    let mut comments: BTreeMap<String, String> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("c:").map(|path| (path.to_string(), v.clone())))
        .collect();
    let note = first(&f, "note").filter(|n| !n.trim().is_empty());
    if let Some(n) = note {
        comments.insert("_note".into(), n.to_string());
    }
    // For each answer that contradicts the map: `replace` or `keep`.
    let choices: BTreeMap<String, bool> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("k:").map(|key| (key.to_string(), v == "replace")))
        .collect();
    let _ = s
        .app
        .review(&p, &id, version, decision, &comments, note, &choices)
        .await
        .back(format!("/responses/{id}/review"))?;
    Ok(Redirect::to(&format!("/responses/{id}")).into_response())
}

struct VersionRow {
    version: i64,
    state: String,
    by: String,
    at: String,
    note: String,
    changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "rounds/versions.html")]
struct VersionsPage<'a> {
    page: Page<'a>,
    id: String,
    economy: String,
    versions: Vec<VersionRow>,
}

async fn versions_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let r = async {
        let view = s.app.response(&p, &id).await?;
        let versions = s.app.response_versions(&p, &id).await?;
        Ok::<_, AppError>((view, versions))
    }
    .await;
    let (view, versions) = r.back("/rounds")?;
    let mut rows = vec![];
    let mut previous = pathways_xlsform::engine::Answers::default();
    for v in &versions {
        let answers = answers_of(&v.answers).unwrap_or_default();
        rows.push(VersionRow {
            version: v.version,
            state: state_label(&s, v.state),
            by: v.by_email.clone(),
            at: v.at.get(..19).unwrap_or(&v.at).replace('T', " "),
            note: v.note.clone().unwrap_or_default(),
            changes: diff(&previous, &answers)
                .into_iter()
                .map(|d| (d.key, d.before.unwrap_or_default(), d.after.unwrap_or_default()))
                .collect(),
        });
        previous = answers;
    }
    rows.reverse();
    Ok(render(VersionsPage {
        page: page(&s, &mauth),
        id: id.clone(),
        economy: view.response.economy,
        versions: rows,
    }))
}
