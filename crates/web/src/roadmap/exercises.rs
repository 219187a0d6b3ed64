//! Validation exercises in the browser: the list, building one, an exercise's page with its
//! items, rounds, ratings and outcomes, and the minutes.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use pathways_analysis::consensus::{MIN_PANEL, Rule};
use pathways_app::AppError;
use pathways_app::domain::Action;
use pathways_app::domain::roadmap::Rating;
use pathways_app::domain::states::{ExercisePart, ExerciseStatus};
use pathways_app::roadmap::delphi::{ExerciseView, ItemRound};

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, form_get, form_pairs, page, render};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/exercises", exercises)
        .post("/exercises", create)
        .get("/exercises/{id}", exercise)
        .post("/exercises/{id}", act)
        .get("/exercises/{id}/minutes/{file}", minutes)
}

#[derive(Template)]
#[template(path = "roadmap/exercises.html")]
struct ExercisesPage<'a> {
    page: Page<'a>,
    exercises: Vec<(String, String, String, i64)>,
    can_plan: bool,
    /// (key, text) of accepted findings.
    findings: Vec<(String, String)>,
    /// (stage, label, priority score).
    priorities: Vec<(String, String, usize)>,
}

async fn exercises(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let list = s.app.exercises(&p).await.back("/")?;
    let can_plan = p.may(Action::Plan, None);
    let (findings, priorities) = if can_plan {
        let a = s.app.analysis(&p).await.back("/")?;
        (
            a.findings
                .iter()
                .filter(|f| f.status().accepted())
                .map(|f| (f.candidate.key.clone(), f.text().to_string()))
                .collect(),
            a.priorities
                .iter()
                .map(|x| (x.stage.clone(), x.label.clone(), x.score))
                .collect(),
        )
    } else {
        (vec![], vec![])
    };
    Ok(render(ExercisesPage {
        page: page(&s, &mauth),
        exercises: list
            .into_iter()
            .map(|e| (e.id, e.title, e.status.to_string(), e.round))
            .collect(),
        can_plan,
        findings,
        priorities,
    }))
}

async fn create(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = form_pairs(&body);
    let all = |k: &str| -> Vec<String> { f.iter().filter(|(x, _)| x == k).map(|(_, v)| v.clone()).collect() };
    let num = |k: &str, d: f64| form_get(&f, k).and_then(|v| v.trim().parse().ok()).unwrap_or(d);
    let rule = Rule {
        min_median: num("min_median", 7.0),
        max_iqr: num("max_iqr", 2.0),
        min_panel: num("min_panel", MIN_PANEL as f64) as usize,
    };
    let e = s
        .app
        .create_exercise(
            &p,
            form_get(&f, "title").unwrap_or(""),
            &all("finding"),
            &all("priority"),
            rule,
            form_get(&f, "reveal") == Some("on"),
        )
        .await
        .back("/exercises")?;
    Ok(Redirect::to(&format!("/exercises/{}", e.id)).into_response())
}

/// One item as the page shows it.
struct ItemRow {
    id: String,
    kind: String,
    text: String,
    outcome: String,
    final_text: String,
    /// The previous closed round's aggregate (from round 2 on).
    previous: Option<ItemRound>,
    /// Bars of the previous distribution, as (rating, count, width %).
    bars: Vec<(usize, usize, usize)>,
    my_previous: String,
    my_rating: i64,
    my_stance: String,
    my_amendment: String,
    my_comment: String,
}

#[derive(Template)]
#[template(path = "roadmap/exercise.html")]
struct ExercisePage<'a> {
    page: Page<'a>,
    x: ExerciseView,
    items: Vec<ItemRow>,
    is_delegate: bool,
    can_plan: bool,
    answered: usize,
    delegates: usize,
}

fn rows(x: &ExerciseView) -> Vec<ItemRow> {
    let previous_round = x.rounds.last();
    x.items
        .iter()
        .map(|i| {
            let previous = previous_round.and_then(|r| r.items.get(&i.id)).cloned();
            let max = previous
                .as_ref()
                .map_or(1, |p| p.distribution.iter().copied().max().unwrap_or(1).max(1));
            let bars = previous
                .as_ref()
                .map(|p| {
                    p.distribution
                        .iter()
                        .enumerate()
                        .map(|(k, n)| (k + 1, *n, n * 100 / max))
                        .collect()
                })
                .unwrap_or_default();
            let mine = x.my_current.get(&i.id);
            ItemRow {
                id: i.id.clone(),
                kind: i.kind.clone(),
                text: i.text.clone(),
                outcome: i.outcome.map(|o| o.to_string()).unwrap_or_default(),
                final_text: i.final_text.clone().unwrap_or_default(),
                previous,
                bars,
                my_previous: x
                    .my_previous
                    .get(&i.id)
                    .map(|r| format!("{} ({})", r.rating, r.stance))
                    .unwrap_or_default(),
                my_rating: mine.map_or(0, |r| r.rating),
                my_stance: mine.map_or(String::new(), |r| r.stance.clone()),
                my_amendment: mine.map_or(String::new(), |r| r.amendment.clone()),
                my_comment: mine.map_or(String::new(), |r| r.comment.clone()),
            }
        })
        .collect()
}

async fn exercise(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let x = s.app.exercise(&p, &id).await.back("/exercises")?;
    let items = rows(&x);
    let delegates = x
        .participants
        .iter()
        .filter(|(q, _)| q.role == ExercisePart::Delegate)
        .count();
    let answered = x.participants.iter().filter(|(_, d)| *d).count();
    Ok(render(ExercisePage {
        page: page(&s, &mauth),
        is_delegate: x.my_role == Some(ExercisePart::Delegate),
        can_plan: p.may(Action::Plan, None),
        items,
        answered,
        delegates,
        x,
    }))
}

async fn act(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f = form_pairs(&body);
    let get = |k: &str| form_get(&f, k).unwrap_or("").to_string();
    let version: i64 = get("version").parse().unwrap_or(0);
    let back = format!("/exercises/{id}");
    let done: Result<(), AppError> = match get("op").as_str() {
        "invite" => s
            .app
            .invite_to_exercise(&p, &id, &get("email"), &get("role"))
            .await
            .map(|_| ()),
        "open" => s.app.open_exercise_round(&p, &id, version).await.map(|_| ()),
        "close-round" => s.app.close_exercise_round(&p, &id, version).await.map(|_| ()),
        "remind" => s.app.remind_delegates(&p, &id).await.map(|_| ()),
        "close" => s.app.close_exercise(&p, &id, version).await.map(|_| ()),
        "decide" => {
            let text = get("text");
            s.app
                .decide_exercise_item(
                    &p,
                    &id,
                    version,
                    &get("item"),
                    &get("outcome"),
                    Some(text.as_str()).filter(|t| !t.trim().is_empty()),
                )
                .await
                .map(|_| ())
        }
        "rate" => {
            // One set of fields per item: rating-<item>, stance-<item>, amendment-<item>,
            // comment-<item>; items left unrated are skipped.
            let ratings: Vec<Rating> = f
                .iter()
                .filter_map(|(k, v)| k.strip_prefix("rating-").map(|item| (item.to_string(), v.clone())))
                .filter(|(_, v)| !v.is_empty())
                .map(|(item, v)| Rating {
                    rating: v.parse().unwrap_or(0),
                    stance: form_get(&f, &format!("stance-{item}")).unwrap_or("").to_string(),
                    amendment: form_get(&f, &format!("amendment-{item}")).unwrap_or("").to_string(),
                    comment: form_get(&f, &format!("comment-{item}")).unwrap_or("").to_string(),
                    item,
                })
                .collect();
            s.app.rate_items(&p, &id, &ratings).await.map(|_| ())
        }
        other => Err(AppError::NotFound {
            kind: "operation".into(),
            id: other.into(),
        }),
    };
    let () = done.back(&back)?;
    Ok(Redirect::to(&back).into_response())
}

async fn minutes(State(s): State<AppState>, auth: SignedIn, Path((id, file)): Path<(String, String)>) -> UiResult {
    let doc = s
        .app
        .exercise_minutes(&auth.0.principal, &id)
        .await
        .back("/exercises")?;
    crate::documents::send_document(&s, doc, &file, &format!("/exercises/{id}")).await
}
