//! A reviewer's page (comments per question, what approval would change in the map) and the
//! versions of a response with their differences.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
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
    /// The decision chosen when it was refused.
    decision: String,
    /// Every question is shown, not only the answered or flagged ones.
    all: bool,
    /// How many answers contradict the map (each needs a choice to approve).
    contradictions: usize,
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
    /// `keep`, `replace`, or empty (not chosen yet).
    choice: String,
}

fn show(v: &serde_json::Value) -> String {
    crate::ui::text(v)
}

/// The questions of a response by page, as the reviewer reads them: by default only those
/// answered, refused by the form or commented on (`all` shows every relevant question).
async fn review_rows(
    s: &AppState,
    view: &ResponseView,
    comments: &BTreeMap<String, String>,
    all: bool,
) -> Result<Vec<(String, Vec<ReviewRow>)>, AppError> {
    let loaded = s.app.form(&view.round.questionnaire_id).await?;
    let form = &loaded.form;
    let lang = form.default_language().unwrap_or("").to_string();
    let questions: HashMap<&str, &pathways_xlsform::model::Question> =
        form.questions().map(|q| (q.name.as_str(), q)).collect();
    // A chosen option reads as its label, as the respondent saw it.
    let answer = |name: &str, value: &str| -> String {
        let Some(list) = questions
            .get(name)
            .and_then(|q| q.kind.list())
            .and_then(|l| form.choice_list(l))
        else {
            return value.to_string();
        };
        value
            .split_whitespace()
            .map(|code| {
                list.choices.iter().find(|c| c.name == code).map_or_else(
                    || code.to_string(),
                    |c| text_in(&c.cells, "label", &lang).unwrap_or(&c.name).to_string(),
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out: Vec<(String, Vec<ReviewRow>)> = vec![];
    for q in &view.state.questions {
        if !q.relevant || q.read_only && q.value.is_empty() {
            continue;
        }
        let flagged = q.error.is_some() || comments.contains_key(&q.path);
        if !all && q.value.trim().is_empty() && !flagged {
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
            label: questions
                .get(q.name.as_str())
                .and_then(|x| text_in(&x.cells, "label", &lang))
                .unwrap_or(&q.name)
                .to_string(),
            value: answer(&q.name, &q.value),
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

/// What the reviewer typed and chose, kept when the decision is refused so nothing is lost.
#[derive(Default)]
struct Posted {
    comments: BTreeMap<String, String>,
    note: String,
    /// Per contradiction: `keep` or `replace`.
    choices: BTreeMap<String, String>,
    decision: String,
}

#[derive(serde::Deserialize)]
struct ReviewQuery {
    all: Option<String>,
}

async fn review_page(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ReviewQuery>,
) -> UiResult {
    show_review(&s, auth, &id, None, vec![], q.all.is_some()).await
}

/// The review page: the map changes approval would make first (the decisions that need care),
/// then the answers; `posted` carries a refused decision's input back into the form.
async fn show_review(
    s: &AppState,
    auth: SignedIn,
    id: &str,
    posted: Option<Posted>,
    problems: Vec<String>,
    all: bool,
) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let view = s.app.response(&p, id).await.back("/rounds")?;
    if !p.may(Action::Review, Some(&view.response.economy)) {
        return fail(
            AppError::Forbidden(s.i18n.t("review-forbidden")),
            format!("/responses/{id}"),
        );
    }
    let stored: BTreeMap<String, String> = serde_json::from_value(view.response.comments.clone()).unwrap_or_default();
    let posted = posted.unwrap_or_else(|| Posted {
        note: stored.get("_note").cloned().unwrap_or_default(),
        comments: stored,
        ..Default::default()
    });
    let rows = review_rows(s, &view, &posted.comments, all).await.back("/rounds")?;
    let proposals = if view.response.state == ResponseState::Submitted {
        s.app
            .approval_proposals(&p, id)
            .await
            .back("/rounds")?
            .into_iter()
            .filter(|x| x.status != "same")
            .map(|x| ProposalRow {
                status: s.i18n.t(&format!("proposal-{}", x.status)),
                choice: posted.choices.get(&x.key).cloned().unwrap_or_default(),
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
    let status = if problems.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let economy = s
        .vocab()
        .economy(&view.response.economy)
        .map_or(view.response.economy.clone(), |e| e.display_name.clone());
    let t = ReviewPage {
        contradictions: proposals.iter().filter(|x| x.status_code == "contradiction").count(),
        proposals,
        page: page(s, &mauth),
        id: view.response.id.clone(),
        round_id: view.round.id.clone(),
        economy,
        state: state_label(s, view.response.state),
        state_code: view.response.state.to_string(),
        version: view.response.version,
        rows,
        note: posted.note,
        decision: posted.decision,
        all,
        problems,
    };
    Ok((status, render(t)).into_response())
}

async fn review(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = pairs(&body);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let comments: BTreeMap<String, String> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("c:").map(|path| (path.to_string(), v.clone())))
        .collect();
    let note = first(&f, "note").unwrap_or("").to_string();
    // For each answer that contradicts the map: `replace` or `keep`, one by one or all at once.
    let all_at_once = first(&f, "all_contradictions").unwrap_or("");
    let mut choices: BTreeMap<String, String> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("k:").map(|key| (key.to_string(), v.clone())))
        .collect();
    if matches!(all_at_once, "keep" | "replace") {
        for key in f.iter().filter_map(|(k, _)| k.strip_prefix("contradiction:")) {
            choices.insert(key.to_string(), all_at_once.to_string());
        }
    }
    let decision = first(&f, "decision").unwrap_or("").to_string();
    let posted = Posted {
        comments: comments.clone(),
        note: note.clone(),
        choices: choices.clone(),
        decision: decision.clone(),
    };
    let Ok(decision) = decision.parse::<Decision>() else {
        return show_review(&s, auth, &id, Some(posted), vec![s.i18n.t("review-choose")], false).await;
    };
    let mut comments = comments;
    let note = Some(note.as_str()).filter(|n| !n.trim().is_empty());
    if let Some(n) = note {
        comments.insert("_note".into(), n.to_string());
    }
    let choices: BTreeMap<String, bool> = choices.into_iter().map(|(k, v)| (k, v == "replace")).collect();
    match s
        .app
        .review(&p, &id, version, decision, &comments, note, &choices)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/responses/{id}")).into_response()),
        Err(AppError::Invalid(problems)) => {
            let problems = problems.iter().map(ToString::to_string).collect();
            show_review(&s, auth, &id, Some(posted), problems, false).await
        }
        Err(e) => fail(e, format!("/responses/{id}/review")),
    }
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
