//! Questionnaire versions, opening and closing rounds, a round's dashboard and its exports.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::states::RoundState;
use pathways_app::rounds::export::ResponsesFormat;

use super::{LangQuery, state_label};
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, page, render, upload};
use crate::ui::{download, form_get as first, form_pairs as pairs};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/rounds", rounds_page)
        .post("/rounds", open_round)
        .post("/questionnaires", import_questionnaire)
        .get("/questionnaires/{id}/form.xlsx", download_form)
        .get("/questionnaires/{id}/form.xml", download_xform)
        .get("/rounds/{id}", round_page)
        .post("/rounds/{id}/state", round_state)
        .get("/rounds/{id}/export.xlsx", export_xlsx)
        .get("/rounds/{id}/export.csv", export_csv)
}

// ---- questionnaires and rounds ------------------------------------------------------------------

struct QuestionnaireRow {
    id: String,
    title: String,
    form_id: String,
    version: String,
    file_name: String,
    created_at: String,
}

struct RoundRow {
    id: String,
    title: String,
    deadline: String,
    state: String,
    economies: String,
}

#[derive(Template)]
#[template(path = "rounds/rounds.html")]
struct RoundsPage<'a> {
    page: Page<'a>,
    rounds: Vec<RoundRow>,
    manage: bool,
    questionnaires: Vec<QuestionnaireRow>,
    economies: Vec<(String, String)>,
    problems: Vec<String>,
    /// What the questionnaire just added does that deserves a second look.
    warnings: Vec<String>,
}

async fn rounds_view(s: &AppState, auth: SignedIn, flash: Option<String>, problems: Vec<String>) -> UiResult {
    rounds_view_warned(s, auth, flash, problems, vec![]).await
}

async fn rounds_view_warned(
    s: &AppState,
    auth: SignedIn,
    flash: Option<String>,
    problems: Vec<String>,
    warnings: Vec<String>,
) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let manage = p.may(Action::ManageRounds, None);
    let rounds = s.app.rounds(&p).await.back("/")?;
    let questionnaires = if manage {
        s.app
            .questionnaires(&p)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|q| QuestionnaireRow {
                id: q.id,
                title: q.title,
                form_id: q.form_id,
                version: q.version,
                file_name: q.file_name,
                created_at: q.created_at,
            })
            .collect()
    } else {
        vec![]
    };
    let mut pg = page(s, &mauth);
    pg.flash = flash;
    Ok(render(RoundsPage {
        page: pg,
        rounds: rounds
            .into_iter()
            .map(|r| RoundRow {
                state: state_label(s, r.state),
                economies: r
                    .economies
                    .iter()
                    .map(|e| s.vocab().economy(e).map_or(e.clone(), |x| x.display_name.clone()))
                    .collect::<Vec<_>>()
                    .join(", "),
                id: r.id,
                title: r.title,
                deadline: r.deadline,
            })
            .collect(),
        manage,
        questionnaires,
        economies: crate::ui::economy_choices(s),
        problems,
        warnings,
    }))
}

/// The rounds page again with the problems that refused its form (422), or the error page.
async fn refused(s: &AppState, auth: SignedIn, e: AppError) -> UiResult {
    match e {
        AppError::Invalid(problems) => {
            let problems = problems.iter().map(crate::i18n::problem).collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                rounds_view(s, auth, None, problems).await?,
            )
                .into_response())
        }
        e => fail(e, "/rounds"),
    }
}

async fn rounds_page(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    rounds_view(&s, auth, None, vec![]).await
}

async fn import_questionnaire(State(s): State<AppState>, auth: SignedIn, m: Multipart) -> UiResult {
    let p = auth.0.principal.clone();
    let r = async {
        pathways_app::rounds::may_add_questionnaire(&p)?;
        let (name, bytes) = upload(m).await?;
        s.app.import_questionnaire(&p, &name, &bytes).await
    }
    .await;
    Ok(match r {
        Ok(q) => {
            let msg = s
                .i18n
                .fmt("questionnaire-imported", &[("title", q.title), ("version", q.version)]);
            let warnings = s.app.form(&q.id).await.map(|f| f.warnings.clone()).unwrap_or_default();
            rounds_view_warned(&s, auth, Some(msg), vec![], warnings).await?
        }
        Err(e) => return refused(&s, auth, e).await,
    })
}

async fn download_form(State(s): State<AppState>, _auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let q = s.app.questionnaire(&id).await.back("/rounds")?;
    Ok(download(
        q.xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}-{}.xlsx", q.form_id, q.version),
    ))
}

/// The questionnaire as an XForm, to load into ODK Collect or KoboCollect for offline work.
async fn download_xform(State(s): State<AppState>, _auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let (name, xml) = s.app.questionnaire_xform(&id).await.back("/rounds")?;
    Ok(download(xml.into_bytes(), "application/xml", &name))
}

async fn open_round(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = pairs(&body);
    let economies: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "economy")
        .map(|(_, v)| v.clone())
        .collect();
    let r = s
        .app
        .open_round(
            &p,
            first(&f, "questionnaire").unwrap_or(""),
            first(&f, "title").unwrap_or(""),
            &economies,
            first(&f, "deadline").unwrap_or(""),
        )
        .await;
    Ok(match r {
        Ok(r) => Redirect::to(&format!("/rounds/{}", r.id)).into_response(),
        Err(e) => return refused(&s, auth, e).await,
    })
}

struct DashRow {
    response_id: String,
    economy: String,
    state: String,
    state_code: String,
    answered: String,
    errors: usize,
    updated: String,
}

#[derive(Template)]
#[template(path = "rounds/round.html")]
struct RoundPage<'a> {
    page: Page<'a>,
    id: String,
    title: String,
    questionnaire: String,
    questionnaire_id: String,
    deadline: String,
    days: i64,
    open: bool,
    manage: bool,
    rows: Vec<DashRow>,
    languages: Vec<String>,
}

async fn round_page(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let d = s.app.dashboard(&p, &id).await.back("/rounds")?;
    Ok(render(RoundPage {
        page: page(&s, &mauth),
        id: d.round.id.clone(),
        title: d.round.title.clone(),
        questionnaire: d.questionnaire_title.clone(),
        questionnaire_id: d.round.questionnaire_id.clone(),
        deadline: d.round.deadline.clone(),
        days: d.days_to_deadline,
        open: d.round.state == RoundState::Open,
        manage: p.may(Action::ManageRounds, None),
        languages: match s.app.form(&d.round.questionnaire_id).await {
            Ok(f) => f.form.languages().into_iter().filter(|l| !l.is_empty()).collect(),
            Err(_) => vec![],
        },
        rows: d
            .rows
            .into_iter()
            .map(|r| DashRow {
                economy: s
                    .vocab()
                    .economy(&r.economy)
                    .map_or(r.economy.clone(), |e| e.display_name.clone()),
                state: state_label(&s, r.state),
                state_code: r.state.to_string(),
                answered: crate::i18n::percent(r.answered * 100.0, 0),
                errors: r.errors,
                updated: format!(
                    "{} ({})",
                    r.updated_at.get(..16).unwrap_or(&r.updated_at).replace('T', " "),
                    r.updated_by
                ),
                response_id: r.response_id,
            })
            .collect(),
    }))
}

async fn export_xlsx(s: State<AppState>, auth: SignedIn, id: Path<String>, q: Query<LangQuery>) -> UiResult {
    export(s, auth, id, q, ResponsesFormat::Xlsx).await
}

async fn export_csv(s: State<AppState>, auth: SignedIn, id: Path<String>, q: Query<LangQuery>) -> UiResult {
    export(s, auth, id, q, ResponsesFormat::Csv).await
}

async fn export(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    format: ResponsesFormat,
) -> UiResult {
    let b = s
        .app
        .export_responses(&auth.0.principal, &id, q.lang(), format)
        .await
        .back(format!("/rounds/{id}"))?;
    Ok(download(b, format.mime(), format.file_name()))
}

async fn round_state(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let open = first(&pairs(&body), "open") == Some("true");
    s.app
        .set_round_open(&p, &id, open)
        .await
        .back(format!("/rounds/{id}"))?;
    Ok(Redirect::to(&format!("/rounds/{id}")).into_response())
}
