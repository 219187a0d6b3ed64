//! The roadmap's page (dashboard, coverage, actions by economy, timeline, drafting), an action's
//! page with its progress form, the roadmap documents and the user's notifications.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::roadmap::{ProgressUpdate, STATUSES, status_label, type_label};
use pathways_app::roadmap::ActionView;
use pathways_app::roadmap::timeline::gantt_rows;
use pathways_reports::svg;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, form_get, form_pairs, page, render};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/roadmap", roadmap)
        .post("/roadmap/draft", draft)
        .get("/roadmap/actions/{id}", action)
        .post("/roadmap/actions/{id}", act_on_action)
        .get("/roadmap/documents/{file}", document)
        .get("/notifications", notifications)
        .post("/notifications/read", mark_read)
}

/// A priority area, its standing and the actions (id, title) answering it.
type CoverageRow = (String, String, Vec<(String, String)>);
/// id, title, type, timeframe, status, overdue milestones.
type ActionRow = (String, String, String, String, String, usize);
/// name, unit, baseline, target, actual, progress, source, typed in (not bound).
type IndicatorRow = (String, String, String, String, String, String, String, bool);

#[derive(Template)]
#[template(path = "roadmap/roadmap.html")]
struct RoadmapPage<'a> {
    page: Page<'a>,
    demo: bool,
    status_counts: Vec<(String, usize)>,
    /// (action id, action title, milestone, due).
    overdue: Vec<(String, String, String, String)>,
    /// (stage label, standing, [(action id, title)]).
    coverage: Vec<CoverageRow>,
    /// (scope name, [(id, title, type, timeframe, status, overdue count)]).
    by_economy: Vec<(String, Vec<ActionRow>)>,
    /// (action title, indicator, baseline, target, actual, progress %, source).
    /// Action, indicator, baseline, target, actual, progress, source.
    indicators: Vec<[String; 7]>,
    timeline: String,
    can_plan: bool,
    catalogue: Vec<(String, String, String)>,
    scopes: Vec<(String, String)>,
    today: String,
    documents: Vec<(String, String)>,
}

fn timeline(s: &AppState, actions: &[ActionView]) -> String {
    let all: Vec<&ActionView> = actions.iter().collect();
    svg::gantt(
        "Roadmap timeline",
        &gantt_rows(&all, |scope| s.app.scope_words(scope, "Regional")),
        &pathways_app::today(),
    )
}

async fn roadmap(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let (actions, d) = s.app.roadmap_dashboard(&p).await.back("/")?;
    let vocab = s.vocab();
    let title_of = |id: &String| {
        actions
            .iter()
            .find(|a| &a.id == id)
            .map_or(id.clone(), |a| format!("{} · {}", a.action.scope, a.action.title))
    };
    let scopes: Vec<(String, String)> = std::iter::once(("WB6".to_string(), "Regional (WB6)".to_string()))
        .chain(crate::ui::economy_choices(&s))
        .collect();
    let by_economy = scopes
        .iter()
        .map(|(code, name)| {
            (
                name.clone(),
                actions
                    .iter()
                    .filter(|a| &a.action.scope == code)
                    .map(|a| {
                        (
                            a.id.clone(),
                            a.action.title.clone(),
                            type_label(&a.action.kind).to_string(),
                            format!("{} ({} – {})", a.timeframe, a.action.start, a.action.end),
                            status_label(&a.action.status).to_string(),
                            a.overdue.len(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let catalogue = match s.app.catalogue() {
        Ok(c) => c
            .into_iter()
            .map(|i| {
                let answers = i
                    .answers
                    .iter()
                    .map(|a| vocab.stage(a).map_or(a.clone(), |x| x.label.clone()))
                    .collect::<Vec<_>>()
                    .join(", ");
                (i.id, i.title, answers)
            })
            .collect(),
        Err(e) => return fail(e, "/"),
    };
    let mut documents = vec![("roadmap".to_string(), "Joint regional roadmap".to_string())];
    documents.extend(
        vocab
            .economies
            .iter()
            .map(|e| (format!("roadmap-{}", e.code), format!("Annex: {}", e.display_name))),
    );
    documents.push(("roadmap-progress".into(), "Progress report".into()));
    Ok(render(RoadmapPage {
        page: page(&s, &mauth),
        demo: actions.iter().any(|a| a.action.demo),
        status_counts: d
            .status_counts
            .iter()
            .map(|(k, n)| (status_label(k).to_string(), *n))
            .collect(),
        overdue: d
            .overdue
            .iter()
            .map(|(id, t, m)| (id.clone(), t.clone(), m.title.clone(), m.due.clone()))
            .collect(),
        coverage: d
            .coverage
            .iter()
            .map(|c| {
                (
                    c.label.clone(),
                    c.standing.clone(),
                    c.actions.iter().map(|id| (id.clone(), title_of(id))).collect(),
                )
            })
            .collect(),
        by_economy,
        indicators: d.indicators.iter().map(|(t, i)| i.row(t)).collect(),
        timeline: timeline(&s, &actions),
        can_plan: p.may(Action::Plan, None),
        catalogue,
        scopes,
        today: pathways_app::today(),
        documents,
    }))
}

async fn draft(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = form_pairs(&body);
    let get = |k: &str| form_get(&f, k).unwrap_or("").to_string();
    let a = s
        .app
        .draft_action(&p, &get("intervention"), &get("scope"), &get("start"))
        .await
        .back("/roadmap")?;
    Ok(Redirect::to(&format!("/roadmap/actions/{}", a.id)).into_response())
}

#[derive(Template)]
#[template(path = "roadmap/action.html")]
struct ActionPage<'a> {
    page: Page<'a>,
    a: ActionView,
    scope: String,
    kind: String,
    status: String,
    lead: String,
    alignment: Vec<String>,
    priorities: Vec<String>,
    /// (title, due, reached or "overdue" or "").
    milestones: Vec<(String, String, String)>,
    /// (name, unit, baseline, target, actual, progress, source, typed in).
    indicators: Vec<IndicatorRow>,
    /// (date, status, note, evidence, by).
    history: Vec<(String, String, String, String, String)>,
    can_report: bool,
    can_plan: bool,
    statuses: Vec<(String, String)>,
    partners: String,
    /// For tailoring: (code, label, chosen) of every alignment reference.
    alignment_choices: Vec<(String, String, bool)>,
    /// For tailoring: (id, name, chosen) of the institutions of the action's economy.
    leads: Vec<(String, String, bool)>,
    /// For tailoring: one milestone per line, `YYYY-MM-DD title`.
    milestones_text: String,
}

async fn action(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let (a, updates) = s.app.roadmap_action(&p, &id).await.back("/roadmap")?;
    let vocab = s.vocab();
    let alignment = s.app.alignment().unwrap_or_default();
    let lead = match &a.action.lead {
        Some(l) => match s.app.get(&p, pathways_app::domain::Kind::Institution, l).await {
            Ok(r) => r.body["name"].as_str().unwrap_or(l).to_string(),
            Err(_) => l.clone(),
        },
        None => "–".into(),
    };
    let owner = (a.action.scope != "WB6").then_some(a.action.scope.as_str());
    let leads = s
        .app
        .list(
            &p,
            pathways_app::domain::Kind::Institution,
            &pathways_app::map::records::ListFilter::of_owner(owner),
        )
        .await
        .back("/roadmap")?
        .into_iter()
        .map(|r| {
            let chosen = a.action.lead.as_deref() == Some(r.id.as_str());
            (
                r.id.clone(),
                r.body["name"].as_str().unwrap_or(&r.id).to_string(),
                chosen,
            )
        })
        .collect();
    Ok(render(ActionPage {
        alignment_choices: alignment
            .iter()
            .map(|r| {
                (
                    r.code.clone(),
                    format!("{} ({})", r.reference, r.title),
                    a.action.alignment.contains(&r.code),
                )
            })
            .collect(),
        leads,
        milestones_text: a
            .action
            .milestones
            .iter()
            .map(|m| format!("{} {}", m.due, m.title))
            .collect::<Vec<_>>()
            .join("\n"),
        page: page(&s, &mauth),
        scope: if a.action.scope == "WB6" {
            "Regional (WB6)".into()
        } else {
            vocab
                .economy(&a.action.scope)
                .map_or(a.action.scope.clone(), |e| e.display_name.clone())
        },
        kind: type_label(&a.action.kind).into(),
        status: status_label(&a.action.status).into(),
        lead,
        alignment: a
            .action
            .alignment
            .iter()
            .map(|c| {
                alignment
                    .iter()
                    .find(|r| &r.code == c)
                    .map_or(c.clone(), |r| format!("{} ({})", r.reference, r.title))
            })
            .collect(),
        priorities: a
            .action
            .priorities
            .iter()
            .map(|c| vocab.stage(c).map_or(c.clone(), |x| x.label.clone()))
            .collect(),
        milestones: a
            .action
            .milestones
            .iter()
            .map(|m| {
                let state = match &m.done_on {
                    Some(d) => format!("reached {d}"),
                    None if a.overdue.iter().any(|o| o.title == m.title) => "overdue".into(),
                    None => String::new(),
                };
                (m.title.clone(), m.due.clone(), state)
            })
            .collect(),
        indicators: a
            .indicators
            .iter()
            .map(|i| {
                (
                    i.indicator.name.clone(),
                    i.indicator.unit.clone(),
                    i.baseline_text(),
                    i.target_text(),
                    i.actual_text(),
                    i.progress_text(),
                    i.from.clone(),
                    i.indicator.binding.is_none(),
                )
            })
            .collect(),
        history: updates
            .iter()
            .rev()
            .map(|u| {
                (
                    u.reported_at.get(..16).unwrap_or(&u.reported_at).replace('T', " "),
                    status_label(u.body["status"].as_str().unwrap_or("")).to_string(),
                    u.body["note"].as_str().unwrap_or("").to_string(),
                    u.body["evidence"].as_str().unwrap_or("").to_string(),
                    u.reported_by.clone(),
                )
            })
            .collect(),
        can_report: p.may(Action::ReportProgress, owner),
        can_plan: p.may(Action::Plan, None),
        statuses: STATUSES
            .iter()
            .map(|x| (x.to_string(), status_label(x).to_string()))
            .collect(),
        partners: a.action.partners.join("; "),
        a,
    }))
}

async fn act_on_action(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = form_pairs(&body);
    let get = |k: &str| form_get(&f, k).unwrap_or("").to_string();
    let version: i64 = get("version").parse().unwrap_or(0);
    let back = format!("/roadmap/actions/{id}");
    let done: Result<(), AppError> = match get("op").as_str() {
        "progress" => {
            let actuals = f
                .iter()
                .filter_map(|(k, v)| {
                    k.strip_prefix("actual-")
                        .and_then(|name| v.trim().parse::<f64>().ok().map(|x| (name.to_string(), x)))
                })
                .collect();
            let update = ProgressUpdate {
                status: get("status"),
                note: get("note"),
                evidence: get("evidence"),
                milestones_done: f
                    .iter()
                    .filter(|(k, _)| k == "milestone")
                    .map(|(_, v)| v.clone())
                    .collect(),
                actuals,
            };
            s.app.report_progress(&p, &id, version, update).await.map(|_| ())
        }
        "edit" => match s.app.roadmap_action(&p, &id).await {
            Ok((a, _)) => {
                let mut x = a.action;
                x.title = get("title");
                x.rationale = get("rationale");
                x.start = get("start");
                x.end = get("end");
                x.partners = get("partners")
                    .split(';')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect();
                x.alignment = f
                    .iter()
                    .filter(|(k, _)| k == "alignment")
                    .map(|(_, v)| v.clone())
                    .collect();
                let lead = get("lead");
                x.lead = (!lead.is_empty()).then_some(lead);
                // One milestone per line, `YYYY-MM-DD title`; a milestone kept by title keeps
                // the day it was reached.
                let before = std::mem::take(&mut x.milestones);
                x.milestones = get("milestones")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| {
                        let (due, title) = l.split_once(' ').unwrap_or((l, ""));
                        let title = title.trim().to_string();
                        let done_on = before.iter().find(|m| m.title == title).and_then(|m| m.done_on.clone());
                        pathways_app::domain::roadmap::Milestone {
                            title,
                            due: due.to_string(),
                            done_on,
                        }
                    })
                    .collect();
                match serde_json::to_value(&x) {
                    Ok(v) => s.app.update_action(&p, &id, version, v).await.map(|_| ()),
                    Err(e) => Err(AppError::Internal(e.to_string())),
                }
            }
            Err(e) => Err(e),
        },
        "delete" => s.app.delete_action(&p, &id, version).await,
        other => Err(AppError::NotFound {
            kind: "operation".into(),
            id: other.into(),
        }),
    };
    done.back(&back)?;
    Ok(if get("op") == "delete" {
        Redirect::to("/roadmap").into_response()
    } else {
        Redirect::to(&back).into_response()
    })
}

async fn document(State(s): State<AppState>, auth: SignedIn, Path(file): Path<String>) -> UiResult {
    let p = auth.0.principal;
    let name = file.rsplit_once('.').map_or(file.as_str(), |(n, _)| n);
    let doc = match name {
        "roadmap" => s.app.roadmap_document(&p).await,
        "roadmap-progress" => s.app.progress_report(&p).await,
        other => match other.strip_prefix("roadmap-") {
            Some(code) => s.app.roadmap_annex(&p, code).await,
            None => Err(AppError::NotFound {
                kind: "document".into(),
                id: file.clone(),
            }),
        },
    }
    .back("/roadmap")?;
    crate::documents::send_document(&s, doc, &file, "/roadmap").await
}

#[derive(Template)]
#[template(path = "roadmap/notifications.html")]
struct NotificationsPage<'a> {
    page: Page<'a>,
    /// (when, text, link, unread).
    items: Vec<(String, String, String, bool)>,
    any_unread: bool,
}

async fn mark_read(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    s.app.mark_notifications_read(&p).await.back("/notifications")?;
    Ok(Redirect::to("/notifications").into_response())
}

/// The list shows which notifications are new. Reading the page changes nothing (a link from
/// another site must not be able to mark them read); the "mark as read" button posts.
async fn notifications(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let list = s.app.notifications(&p).await.back("/")?;
    Ok(render(NotificationsPage {
        any_unread: list.iter().any(|x| x.read_at.is_none()),
        page: page(&s, &mauth),
        items: list
            .into_iter()
            .map(|x| {
                (
                    x.created_at.get(..16).unwrap_or(&x.created_at).replace('T', " "),
                    x.text,
                    x.link,
                    x.read_at.is_none(),
                )
            })
            .collect(),
    }))
}
