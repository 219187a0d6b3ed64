//! The validation exercise and the roadmap through the use cases: consensus statistics and
//! outcomes over two rounds, anonymity (a delegate never receives another's ratings; analysts see
//! who answered, not what), reminders only to those who have not answered, permissions per role
//! and economy, findings losing their Draft mark once validated, drafting from the catalogue,
//! coverage gaps, indicator binding, progress reports, and the documents.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_analysis::consensus::Rule;
use pathways_app::auth::system;
use pathways_app::domain::roadmap::{ProgressUpdate, Rating};
use pathways_app::domain::{Principal, Role};
use pathways_app::{App, AppError};

use crate::support::ECONOMIES;
const PW: &str = "a-long-enough-passphrase";

async fn user(app: &App, email: &str, role: Role, economy: Option<&str>) -> Principal {
    let u = app.add_user(&system("test"), email, role, economy, PW).await.unwrap();
    Principal {
        user_id: u.id,
        email: u.email,
        role,
        economy: economy.map(str::to_string),
    }
}

struct World {
    app: App,
    analyst: Principal,
    viewer: Principal,
    fps: Vec<Principal>,
}

async fn world() -> World {
    let app = App::in_memory().await.unwrap();
    let analyst = user(&app, "analyst@t.org", Role::Analyst, None).await;
    let viewer = user(&app, "viewer@t.org", Role::Viewer, None).await;
    let mut fps = vec![];
    for e in ECONOMIES {
        fps.push(
            user(
                &app,
                &format!("fp-{}@t.org", e.to_lowercase()),
                Role::FocalPoint,
                Some(e),
            )
            .await,
        );
    }
    World {
        app,
        analyst,
        viewer,
        fps,
    }
}

fn rating(item: &str, r: u8) -> Rating {
    Rating {
        item: item.into(),
        rating: r,
        stance: if r >= 7 { "agree" } else { "disagree" }.into(),
        amendment: String::new(),
        comment: format!("my reason for {r}"),
    }
}

/// An exercise on the first priority area with `delegates` invited: the exercise and its item.
async fn priority_exercise(
    w: &World,
    title: &str,
    rule: Rule,
    reveal: bool,
    delegates: &[Principal],
) -> (pathways_storage::StoredExercise, String) {
    let stage = w.app.analysis(&w.analyst).await.unwrap().priorities[0].stage.clone();
    let e = w
        .app
        .create_exercise(&w.analyst, title, &[], std::slice::from_ref(&stage), rule, reveal)
        .await
        .unwrap();
    for d in delegates {
        w.app
            .invite_to_exercise(&w.analyst, &e.id, &d.email, "delegate")
            .await
            .unwrap();
    }
    (e, format!("priority:{stage}"))
}

/// An exercise on the first three priority areas with every focal point invited.
async fn exercise(w: &World) -> (String, Vec<String>) {
    let a = w.app.analysis(&w.analyst).await.unwrap();
    let stages: Vec<String> = a.priorities.iter().take(3).map(|p| p.stage.clone()).collect();
    let e = w
        .app
        .create_exercise(&w.analyst, "Validation", &[], &stages, Rule::default(), false)
        .await
        .unwrap();
    for fp in &w.fps {
        w.app
            .invite_to_exercise(&w.analyst, &e.id, &fp.email, "delegate")
            .await
            .unwrap();
    }
    w.app
        .invite_to_exercise(&w.analyst, &e.id, &w.viewer.email, "observer")
        .await
        .unwrap();
    let items = stages.iter().map(|s| format!("priority:{s}")).collect();
    (e.id, items)
}

#[tokio::test]
async fn two_rounds_reach_consensus_with_hand_checked_statistics() {
    let w = world().await;
    let (id, items) = exercise(&w).await;
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    let e = w.app.open_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    assert_eq!((e.round, e.status.as_str()), (1, "open"));
    // Item 0: 7 7 8 9 9 8 → median 8, Q1 7.25, Q3 8.75, IQR 1.5 → validated.
    // Item 1: sorted 1 2 3 7 8 9 → median 5, Q1 at 1.25 → 2.25, Q3 at 3.75 → 7.75, IQR 5.5 → open.
    // Item 2: 3 3 4 2 3 3 → median 3 → stays open.
    let r0 = [7, 7, 8, 9, 9, 8];
    let r1 = [1, 9, 2, 8, 3, 7];
    let r2 = [3, 3, 4, 2, 3, 3];
    for (k, fp) in w.fps.iter().enumerate() {
        w.app
            .rate_items(
                fp,
                &id,
                &[
                    rating(&items[0], r0[k]),
                    rating(&items[1], r1[k]),
                    rating(&items[2], r2[k]),
                ],
            )
            .await
            .unwrap();
    }
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    let e = w.app.close_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    assert_eq!(e.status.as_str(), "paused");
    let v = w.app.exercise(&w.fps[0], &id).await.unwrap();
    let round = &v.rounds[0];
    let s0 = &round.items[&items[0]];
    assert_eq!((s0.n, s0.median, s0.q1, s0.q3, s0.iqr), (6, 8.0, 7.25, 8.75, 1.5));
    assert_eq!(s0.distribution, [0, 0, 0, 0, 0, 0, 2, 2, 2]);
    assert!(s0.consensus);
    let s1 = &round.items[&items[1]];
    assert_eq!((s1.median, s1.q1, s1.q3, s1.iqr), (5.0, 2.25, 7.75, 5.5));
    assert!(!s1.consensus);
    assert_eq!(round.raters, 6);
    let w_round = round.kendalls_w.unwrap();
    assert!((0.0..=1.0).contains(&w_round));
    assert_eq!(v.items[0].outcome.map(|o| o.as_str()), Some("validated"));
    assert!(v.items[1].outcome.is_none());

    // Round 2: the delegate sees the distribution and their own earlier answer.
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    w.app.open_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    let mine = w.app.exercise(&w.fps[1], &id).await.unwrap();
    assert_eq!(mine.my_previous[&items[1]].rating, 9);
    assert!(mine.my_current.is_empty());
    // A decided item is no longer rated.
    assert!(matches!(
        w.app.rate_items(&w.fps[0], &id, &[rating(&items[0], 5)]).await,
        Err(AppError::Invalid(_))
    ));
    for fp in &w.fps {
        w.app
            .rate_items(fp, &id, &[rating(&items[1], 7), rating(&items[2], 3)])
            .await
            .unwrap();
    }
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    w.app.close_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    assert_eq!(v.items[1].outcome.map(|o| o.as_str()), Some("validated"));
    assert!(v.items[2].outcome.is_none());
    // Between rounds the analyst amends or drops; closing drops the rest.
    let e = w
        .app
        .decide_exercise_item(
            &w.analyst,
            &id,
            v.version,
            &items[2],
            "amended",
            Some("Reworded priority"),
        )
        .await
        .unwrap();
    let e = w.app.close_exercise(&w.analyst, &id, e.version).await.unwrap();
    assert_eq!(e.status.as_str(), "closed");
    // Every delegate and observer heard of each round's result and of the outcome.
    for p in w.fps.iter().chain([&w.viewer]) {
        let texts: Vec<String> = w
            .app
            .notifications(p)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Round 1 of") && t.contains("1 item(s) reached consensus, 2 go to the next round")),
            "{}: {texts:?}",
            p.email
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("is closed: 2 item(s) validated, 1 amended, 0 dropped")),
            "{}: {texts:?}",
            p.email
        );
    }
    assert!(
        w.app
            .notifications(&w.analyst)
            .await
            .unwrap()
            .iter()
            .all(|n| !n.text.contains("is closed")),
        "the analyst who closed it is not told"
    );
    let outcomes = w.app.validation_outcomes().await.unwrap();
    assert_eq!(
        (outcomes[&items[2]].0.as_str(), outcomes[&items[2]].1.as_deref()),
        ("amended", Some("Reworded priority"))
    );
}

#[tokio::test]
async fn answers_are_anonymous_and_reminders_go_only_to_those_who_have_not_answered() {
    let w = world().await;
    let (id, items) = exercise(&w).await;
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    w.app.open_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    let all: Vec<Rating> = items.iter().map(|i| rating(i, 8)).collect();
    w.app.rate_items(&w.fps[0], &id, &all).await.unwrap();
    w.app.rate_items(&w.fps[1], &id, &all[..1]).await.unwrap();

    // Another delegate receives no one's answers but their own (none yet).
    let other = w.app.exercise(&w.fps[2], &id).await.unwrap();
    assert!(other.my_current.is_empty() && other.revealed.is_empty() && other.participants.is_empty());
    let own = w.app.exercise(&w.fps[0], &id).await.unwrap();
    assert_eq!(own.my_current.len(), 3);
    assert!(own.my_current.values().all(|r| r.user_id == w.fps[0].user_id));
    // The analyst sees who answered everything, not what.
    let a = w.app.exercise(&w.analyst, &id).await.unwrap();
    assert!(a.revealed.is_empty());
    let done: Vec<&str> = a
        .participants
        .iter()
        .filter(|(_, d)| *d)
        .map(|(p, _)| p.email.as_str())
        .collect();
    assert_eq!(done, vec![w.fps[0].email.as_str()]);
    // The audit log says that a delegate answered, never the rating.
    let audit = w
        .app
        .audit(
            &w.analyst,
            &pathways_app::AuditQuery {
                entity_id: Some(id.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let rated: Vec<_> = audit.iter().filter(|x| x.entry.action == "exercise.rate").collect();
    assert_eq!(rated.len(), 2);
    assert!(
        rated
            .iter()
            .all(|x| !x.entry.after.as_ref().unwrap().to_string().contains("rating"))
    );
    // Two delegates read Pathways in their own languages: their reminders are written in them.
    use pathways_domain::locale::Locale;
    w.app.set_language(&w.fps[2], Some(Locale::SrCyrl)).await.unwrap();
    w.app.set_language(&w.fps[3], Some(Locale::Sq)).await.unwrap();
    // Reminders: five delegates have not answered every item (one answered one of three).
    let reminded = w.app.remind_delegates(&w.analyst, &id).await.unwrap();
    let sr = w.app.notifications(&w.fps[2]).await.unwrap();
    assert!(
        sr.iter().any(|n| n.text.starts_with("Подсетник: круг 1")),
        "Serbian Cyrillic: {sr:?}"
    );
    let sq = w.app.notifications(&w.fps[3]).await.unwrap();
    assert!(
        sq.iter().any(|n| n.text.starts_with("Kujtesë: raundi 1")),
        "Albanian: {sq:?}"
    );
    assert_eq!(reminded.len(), 5);
    assert!(!reminded.contains(&w.fps[0].email));
    let n0 = w.app.notifications(&w.fps[0]).await.unwrap();
    let n1 = w.app.notifications(&w.fps[1]).await.unwrap();
    assert!(n0.iter().all(|n| !n.text.starts_with("Reminder")));
    assert!(n1.iter().any(|n| n.text.starts_with("Reminder")));
    // Not invited: no view at all; observers see closed rounds only.
    let outsider = user(&w.app, "outsider@t.org", Role::Viewer, None).await;
    assert!(matches!(
        w.app.exercise(&outsider, &id).await,
        Err(AppError::NotFound { .. })
    ));
    let obs = w.app.exercise(&w.viewer, &id).await.unwrap();
    assert!(obs.rounds.is_empty() && obs.my_role.map(|r| r.as_str()) == Some("observer"));
    // Only delegates rate; only analysts run rounds.
    assert!(matches!(
        w.app.rate_items(&w.viewer, &id, &all).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        w.app.rate_items(&w.analyst, &id, &all).await,
        Err(AppError::Forbidden(_))
    ));
    for fp in &w.fps {
        assert!(matches!(
            w.app.remind_delegates(fp, &id).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            w.app.close_exercise_round(fp, &id, 1).await,
            Err(AppError::Forbidden(_))
        ));
    }
}

#[tokio::test]
async fn revealing_answers_is_a_choice_made_when_the_exercise_is_set_up() {
    let w = world().await;
    let (e, item) = priority_exercise(&w, "Open panel", Rule::default(), true, &w.fps[..1]).await;
    // Delegates are focal points: a viewer cannot speak for an economy.
    assert!(matches!(
        w.app
            .invite_to_exercise(&w.analyst, &e.id, &w.viewer.email, "delegate")
            .await,
        Err(AppError::Invalid(_))
    ));
    let e = w.app.open_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    w.app.rate_items(&w.fps[0], &e.id, &[rating(&item, 6)]).await.unwrap();
    let v = w.app.exercise(&w.analyst, &e.id).await.unwrap();
    assert_eq!(v.revealed.len(), 1);
    // Still, another delegate never receives them.
    assert!(w.app.exercise(&w.fps[0], &e.id).await.unwrap().revealed.is_empty());
}

/// A world whose analysts have accepted every candidate finding, and the analysis they decided on.
async fn all_findings_accepted() -> (World, pathways_app::analysis::Analysis) {
    let w = world().await;
    let a = w.app.analysis(&w.analyst).await.unwrap();
    for f in &a.findings {
        w.app
            .decide_finding(&w.analyst, &f.candidate.key, "accepted", None, 0)
            .await
            .unwrap();
    }
    (w, a)
}

#[tokio::test]
async fn validated_findings_lose_the_draft_mark() {
    let (w, a) = all_findings_accepted().await;
    assert!(
        w.app.regional_report(&w.analyst).await.unwrap().draft,
        "accepted is not validated"
    );
    let keys: Vec<String> = a.findings.iter().map(|f| f.candidate.key.clone()).collect();
    let e = w
        .app
        .create_exercise(&w.analyst, "Findings", &keys, &[], Rule::default(), false)
        .await
        .unwrap();
    // A panel of the default minimum size (three), so that the ratings may be published.
    for fp in &w.fps[..3] {
        w.app
            .invite_to_exercise(&w.analyst, &e.id, &fp.email, "delegate")
            .await
            .unwrap();
    }
    let e = w.app.open_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    let ratings: Vec<Rating> = keys.iter().map(|k| rating(&format!("finding:{k}"), 9)).collect();
    for fp in &w.fps[..3] {
        w.app.rate_items(fp, &e.id, &ratings).await.unwrap();
    }
    let e = w.app.close_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    assert_eq!(e.status.as_str(), "closed", "every item validated closes the exercise");
    let after = w.app.analysis(&w.analyst).await.unwrap();
    assert!(after.findings.iter().all(|f| f.status().as_str() == "validated"));
    let after = w.app.regional_report(&w.analyst).await.unwrap();
    assert!(!after.draft);
    assert!(!pathways_reports::html::render(&after).contains("not yet validated"));
}

#[tokio::test]
async fn the_regional_report_shows_what_the_delegations_validated_amended_and_dropped() {
    let (w, a) = all_findings_accepted().await;
    let before = w.app.regional_report(&w.analyst).await.unwrap();
    assert!(!before.mentions("Validation by the delegations"));
    let keys: Vec<String> = a.findings.iter().map(|f| f.candidate.key.clone()).collect();
    let (dropped, amended) = (&keys[0], &keys[1]);
    let stage = a.priorities[0].stage.clone();
    let e = w
        .app
        .create_exercise(
            &w.analyst,
            "Validation",
            &keys,
            std::slice::from_ref(&stage),
            Rule::default(),
            false,
        )
        .await
        .unwrap();
    for fp in &w.fps[..3] {
        w.app
            .invite_to_exercise(&w.analyst, &e.id, &fp.email, "delegate")
            .await
            .unwrap();
    }
    let e = w.app.open_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    let mut ratings: Vec<Rating> = keys
        .iter()
        .map(|k| {
            rating(
                &format!("finding:{k}"),
                if k == dropped || k == amended { 1 } else { 9 },
            )
        })
        .collect();
    ratings.push(rating(&format!("priority:{stage}"), 9));
    for fp in &w.fps[..3] {
        w.app.rate_items(fp, &e.id, &ratings).await.unwrap();
    }
    let e = w.app.close_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    let e = w
        .app
        .decide_exercise_item(
            &w.analyst,
            &e.id,
            e.version,
            &format!("finding:{amended}"),
            "amended",
            Some("The wording the delegations agreed."),
        )
        .await
        .unwrap();
    w.app.close_exercise(&w.analyst, &e.id, e.version).await.unwrap();

    let after = w.app.regional_report(&w.analyst).await.unwrap();
    assert_ne!(
        pathways_reports::html::render(&before),
        pathways_reports::html::render(&after)
    );
    let text = after.texts().join("\n");
    let dropped_text = &a.findings[0].candidate.text;
    assert!(text.contains("Validation by the delegations") && text.contains("Dropped by the delegations"));
    assert!(
        text.contains(&format!("{dropped_text}\n")),
        "the dropped finding is named: {text}"
    );
    assert!(text.contains("amended to: The wording the delegations agreed."));
    assert!(
        text.contains("Priority areas: 1 validated, 0 amended, 0 dropped"),
        "{text}"
    );
    // The priority table says what the delegations decided, row by row.
    let table = after
        .sections
        .iter()
        .find(|s| s.title == "Priority areas for targeted intervention")
        .unwrap();
    let rows = match &table.blocks[1] {
        pathways_reports::model::Block::Table { header, rows, .. } => {
            assert_eq!(header.last().unwrap(), "Delegations");
            rows.clone()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(rows[0].last().unwrap(), "validated");
    assert_eq!(rows[1].last().unwrap(), "not put to the delegations");
}

fn progress(status: &str) -> ProgressUpdate {
    ProgressUpdate {
        status: status.into(),
        note: "Working group set up".into(),
        evidence: "Minutes of 3 March".into(),
        milestones_done: vec![],
        actuals: vec![],
    }
}

#[tokio::test]
async fn actions_are_drafted_from_the_catalogue_and_progress_is_reported_per_economy() {
    let w = world().await;
    let catalogue = w.app.catalogue().unwrap();
    assert!(catalogue.len() >= 10);
    let framework = w.app.framework().unwrap();
    for i in &catalogue {
        assert!(framework.indicators.iter().any(|x| x.code == i.indicator), "{}", i.id);
    }
    // Analysts draft; focal points and viewers do not.
    for p in w.fps.iter().chain([&w.viewer]) {
        assert!(matches!(
            w.app.draft_action(p, "employer-vetting", "RS", "2027-01-01").await,
            Err(AppError::Forbidden(_))
        ));
    }
    let rs = w
        .app
        .draft_action(&w.analyst, "employer-vetting", "RS", "2027-01-01")
        .await
        .unwrap();
    let (view, _) = w.app.roadmap_action(&w.analyst, &rs.id).await.unwrap();
    assert_eq!(view.action.end, "2028-01-01");
    // Serbia's focal point hears of the action they will report on; no other economy does.
    for fp in &w.fps {
        let told = w
            .app
            .notifications(fp)
            .await
            .unwrap()
            .iter()
            .any(|n| n.text.contains("was drafted for Serbia") && n.link == format!("/roadmap/actions/{}", rs.id));
        assert_eq!(told, fp.economy.as_deref() == Some("RS"), "{:?}", fp.economy);
    }
    assert_eq!(view.timeframe, "short");
    assert!(view.action.lead.as_deref().is_some_and(|l| l.starts_with("rs-")));
    assert!(view.action.alignment.contains(&"dir-2009-52".to_string()));
    assert_eq!(view.action.milestones[0].due, "2027-05-01");
    // The indicator is bound to the framework score and reads it.
    let ind = &view.indicators[0];
    assert_eq!(ind.indicator.binding.as_deref(), Some("score:RS:SCR-1"));
    assert_eq!(ind.actual, ind.indicator.baseline, "nothing changed since drafting");
    assert!(ind.from.contains("indicator score SCR-1 of Serbia"));

    // Progress: the focal point of RS only; a bound indicator cannot be typed in.
    for fp in &w.fps {
        let r = w.app.report_progress(fp, &rs.id, rs.version, progress("limited")).await;
        if fp.economy.as_deref() == Some("RS") {
            r.unwrap();
        } else {
            assert!(matches!(r, Err(AppError::Forbidden(_))), "{:?}", fp.economy);
        }
    }
    assert!(matches!(
        w.app
            .report_progress(&w.viewer, &rs.id, rs.version + 1, progress("limited"))
            .await,
        Err(AppError::Forbidden(_))
    ));
    let mut typed = progress("substantial");
    typed.actuals = vec![(ind.indicator.name.clone(), 100.0)];
    assert!(matches!(
        w.app.report_progress(&w.fps[4], &rs.id, rs.version + 1, typed).await,
        Err(AppError::Invalid(_))
    ));
    // Progress without evidence is refused; a stale version is a conflict.
    let mut bare = progress("substantial");
    bare.evidence = String::new();
    assert!(matches!(
        w.app.report_progress(&w.fps[4], &rs.id, rs.version + 1, bare).await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        w.app
            .report_progress(&w.fps[4], &rs.id, rs.version, progress("complete"))
            .await,
        Err(AppError::Conflict { .. })
    ));
    let (view, history) = w.app.roadmap_action(&w.analyst, &rs.id).await.unwrap();
    assert_eq!(view.action.status, "limited");
    // Analysts hear of the focal point's report; refused reports told nobody anything.
    let told: Vec<String> = w
        .app
        .notifications(&w.analyst)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(
        told.iter()
            .filter(|t| t.contains("reported progress"))
            .collect::<Vec<_>>(),
        [&format!(
            "Serbia reported progress on “{}”: limited.",
            view.action.title
        )]
    );
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].reported_by, "fp-rs@t.org");

    // A regional action: analysts only report on it; its indicator counts economies.
    let reg = w
        .app
        .draft_action(&w.analyst, "regional-data-exchange", "WB6", "2027-01-01")
        .await
        .unwrap();
    assert!(matches!(
        w.app
            .report_progress(&w.fps[0], &reg.id, reg.version, progress("limited"))
            .await,
        Err(AppError::Forbidden(_))
    ));
    let (rv, _) = w.app.roadmap_action(&w.analyst, &reg.id).await.unwrap();
    assert_eq!(rv.indicators[0].indicator.binding.as_deref(), Some("economies:DAT-1"));
    assert_eq!(rv.indicators[0].indicator.target, Some(6.0));
}

#[tokio::test]
async fn a_bad_action_names_its_fields_and_changes_nothing() {
    let w = world().await;
    let mut body = serde_json::to_value(
        w.app
            .draft_action(&w.analyst, "fee-ban", "AL", "2027-01-01")
            .await
            .unwrap()
            .body,
    )
    .unwrap();
    body["type"] = "wishful".into();
    body["end"] = "2026-01-01".into();
    body["alignment"] = serde_json::json!(["dir-1999-99"]);
    body["lead"] = "rs-nsz".into();
    let before = w.app.roadmap(&w.analyst).await.unwrap().len();
    match w.app.create_action(&w.analyst, body).await {
        Err(AppError::Invalid(p)) => {
            let fields: Vec<&str> = p.iter().filter_map(|x| x.field.as_deref()).collect();
            for f in ["type", "end", "alignment", "lead"] {
                assert!(fields.contains(&f), "{f} in {p:?}");
            }
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(w.app.roadmap(&w.analyst).await.unwrap().len(), before);
}

#[tokio::test]
async fn coverage_shows_validated_priorities_without_an_action_as_gaps() {
    let w = world().await;
    let (id, items) = exercise(&w).await;
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    w.app.open_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    for fp in &w.fps {
        let all: Vec<Rating> = items.iter().map(|i| rating(i, 8)).collect();
        w.app.rate_items(fp, &id, &all).await.unwrap();
    }
    let v = w.app.exercise(&w.analyst, &id).await.unwrap();
    w.app.close_exercise_round(&w.analyst, &id, v.version).await.unwrap();
    let (actions, d) = w.app.roadmap_dashboard(&w.analyst).await.unwrap();
    assert!(actions.is_empty());
    assert_eq!(d.coverage.len(), 3);
    assert!(
        d.coverage
            .iter()
            .all(|c| c.standing == "validated" && c.actions.is_empty())
    );
    let doc = w.app.roadmap_document(&w.analyst).await.unwrap();
    let html = pathways_reports::html::render(&doc);
    assert!(html.contains("GAP: no action answers this priority yet"));
    // An action on the first priority closes that gap only.
    let stage = items[0].trim_start_matches("priority:").to_string();
    let it = w
        .app
        .catalogue()
        .unwrap()
        .into_iter()
        .find(|i| i.answers.contains(&stage))
        .unwrap();
    w.app
        .draft_action(&w.analyst, &it.id, "WB6", "2027-01-01")
        .await
        .unwrap();
    let (_, d) = w.app.roadmap_dashboard(&w.analyst).await.unwrap();
    // Exactly the priorities the intervention answers are covered; the others stay gaps.
    for c in &d.coverage {
        assert_eq!(c.actions.is_empty(), !it.answers.contains(&c.stage), "{}", c.stage);
    }
    assert!(d.coverage.iter().any(|c| c.stage == stage && !c.actions.is_empty()));
}

#[tokio::test]
async fn the_demo_cycle_is_seeded_once_and_its_documents_name_the_directives_and_kosovo() {
    let app = App::in_memory().await.unwrap();
    app.ensure_demo_users(PW).await.unwrap();
    assert!(app.ensure_demo_cycle().await.unwrap());
    assert!(!app.ensure_demo_cycle().await.unwrap(), "idempotent");
    let admin = system("test");
    let ex = app.exercises(&admin).await.unwrap();
    assert_eq!(ex.len(), 1);
    let v = app.exercise(&admin, &ex[0].id).await.unwrap();
    assert!(v.demo && v.status.as_str() == "closed" && !v.rounds.is_empty());
    let actions = app.roadmap(&admin).await.unwrap();
    assert!(!actions.is_empty() && actions.iter().all(|a| a.action.demo));
    let docs = app.roadmap_documents(&admin).await.unwrap();
    assert_eq!(docs.len(), 8, "the roadmap, six annexes, the progress report");
    let roadmap = pathways_reports::html::render(&docs[0]);
    assert!(roadmap.contains("Kosovo*") && roadmap.contains("1244"));
    assert!(roadmap.contains("2009/52") || roadmap.contains("2024/1233"));
    assert!(roadmap.contains("DEMO CONTENT") && docs[0].draft);
    let minutes = app.exercise_minutes(&admin, &ex[0].id).await.unwrap();
    let html = pathways_reports::html::render(&minutes);
    assert!(html.contains("Kendall") && html.contains("Kosovo*"));
    // The minutes carry aggregates, never a delegate's address.
    assert!(!html.contains("fp-rs@demo"));
    // ... and the meeting's particulars: when, how, who convened it, which delegations.
    let text = minutes.texts().join("\n");
    for part in [
        "Held",
        "Format",
        "Convened and chaired by",
        "Delegations present",
        "Online, in Pathways",
    ] {
        assert!(text.contains(part), "{part}");
    }
    assert!(
        !text.contains("\nfinding\n") && !text.contains("\npriority\n"),
        "item kinds in words"
    );

    // Each annex says where its economy stands on the priority areas: no two are alike.
    let standings: Vec<String> = docs[1..7]
        .iter()
        .map(|d| {
            let s = d.sections.iter().find(|s| s.title.starts_with("Where ")).unwrap();
            let mut t = vec![];
            s.texts(&mut t);
            t.join("\n")
        })
        .collect();
    for (i, a) in standings.iter().enumerate() {
        assert!(a.contains("check today") && a.contains("Actions that answer it"), "{a}");
        for b in &standings[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // Dated by the newest change to the roadmap, not by the day of printing.
    let newest = actions
        .iter()
        .flat_map(|a| [Some(a.updated_at.clone()), a.last_update.clone()])
        .flatten()
        .max()
        .unwrap();
    assert_eq!(docs[0].date, newest[..10]);

    // Every document opens in every format: pdfinfo accepts the PDFs, the DOCX and XLSX are zips
    // whose parts are there.
    let r = pathways_report_pdf::Renderer::new();
    let dir = std::env::temp_dir().join(format!("pathways-roadmap-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for d in docs.iter().chain([&minutes]) {
        let pdf = r.pdf(d).unwrap();
        let path = dir.join(format!("{}.pdf", d.name));
        std::fs::write(&path, &pdf).unwrap();
        let info = std::process::Command::new("pdfinfo")
            .arg(&path)
            .output()
            .expect("pdfinfo (poppler-utils) is needed for this test");
        assert!(info.status.success(), "{}.pdf rejected by pdfinfo", d.name);
        for (fmt, part) in [
            (pathways_report_pdf::Format::Docx, "word/document.xml"),
            (pathways_report_pdf::Format::Xlsx, "xl/workbook.xml"),
        ] {
            let bytes = r.render(d, fmt).unwrap();
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            assert!(z.by_name(part).is_ok(), "{} {fmt:?}", d.name);
        }
    }
}

#[tokio::test]
async fn an_indicator_bound_to_a_statistic_reads_its_latest_reported_total() {
    let w = world().await;
    let mut body = w
        .app
        .draft_preview(&w.analyst, "data-publication", "RS", "2027-01-01")
        .await
        .unwrap();
    body.indicators[0].binding = Some("observation:RS_WORK_PERMITS_NSZ".into());
    body.indicators[0].baseline = Some(0.0);
    body.indicators[0].target = Some(100_000.0);
    let a = w
        .app
        .create_action(&w.analyst, serde_json::to_value(&body).unwrap())
        .await
        .unwrap();
    let (v, _) = w.app.roadmap_action(&w.analyst, &a.id).await.unwrap();
    let i = &v.indicators[0];
    // The shipped dataset reports 50,397 permits for 2023 (the latest total of this series).
    assert_eq!(i.actual, Some(50_397.0), "{}", i.from);
    assert!(i.from.contains("2023"));
    assert!(i.progress.is_some_and(|p| (p - 50.397).abs() < 1e-9));
}

/// Issue 15, item 7: a round rated by fewer delegates than the minimum panel (three by default)
/// publishes neither the rating nor the comment, to anyone, in the views or the minutes, and
/// declares no consensus.
#[tokio::test]
async fn a_panel_of_one_is_not_published() {
    let w = world().await;
    let (e, item) = priority_exercise(&w, "Small", Rule::default(), false, &w.fps[..2]).await;
    let e = w.app.open_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    w.app.rate_items(&w.fps[0], &e.id, &[rating(&item, 9)]).await.unwrap();
    let e = w.app.close_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    assert_ne!(e.status.as_str(), "closed", "no consensus from one rater");
    for who in [&w.fps[0], &w.fps[1], &w.analyst] {
        let view = w.app.exercise(who, &e.id).await.unwrap();
        let s = &view.rounds[0].items[&item];
        assert!(s.withheld, "{}", who.email);
        assert_eq!(s.n, 1);
        assert!(s.comments.is_empty() && s.median == 0.0 && s.distribution == [0; 9] && !s.consensus);
        assert!(view.rounds[0].kendalls_w.is_none());
        // The author sees their own answer; nobody else sees it anywhere in the view.
        let json = serde_json::to_string(&view).unwrap();
        assert_eq!(
            json.contains("my reason for 9"),
            who.email == w.fps[0].email,
            "{}",
            who.email
        );
    }
    let minutes = w.app.exercise_minutes(&w.analyst, &e.id).await.unwrap();
    let text = pathways_reports::html::render(&minutes);
    assert!(text.contains("not enough responses to publish"));
    assert!(!text.contains("my reason for 9"));

    // The same panel, set to publish from one rater, shows it.
    let rule = Rule {
        min_panel: 1,
        ..Rule::default()
    };
    let (e, _) = priority_exercise(&w, "Small, published", rule, false, &w.fps[..1]).await;
    let e = w.app.open_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    w.app.rate_items(&w.fps[0], &e.id, &[rating(&item, 9)]).await.unwrap();
    let e = w.app.close_exercise_round(&w.analyst, &e.id, e.version).await.unwrap();
    let view = w.app.exercise(&w.fps[0], &e.id).await.unwrap();
    let s = &view.rounds[0].items[&item];
    assert!(!s.withheld && s.median == 9.0 && s.comments == ["my reason for 9"]);
}
