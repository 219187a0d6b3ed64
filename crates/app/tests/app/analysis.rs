//! The analysis on the shipped dataset: every economy scored on every indicator (or shown without
//! evidence), candidate findings generated, priorities ranked; and the curation of findings by
//! analysts only, versioned and audited, with rejected findings leaving the priorities.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_app::domain::Role;

use crate::support::who;
use pathways_app::{App, AppError, AuditQuery};

#[tokio::test]
async fn the_shipped_map_is_scored_and_gives_candidate_findings() {
    let app = App::in_memory().await.unwrap();
    let a = app.analysis(&who(Role::Viewer, None)).await.unwrap();
    assert_eq!(a.scores.economies.len(), 6);
    for e in &a.scores.economies {
        assert_eq!(e.indicators.len(), a.framework.indicators.len());
        let with = e.indicators.values().filter(|s| s.level.is_some()).count();
        assert!(with >= 10, "{}: {with} indicators with evidence", e.economy);
        assert!(e.overall.is_some_and(|x| (0.0..=100.0).contains(&x)));
        for s in e.indicators.values() {
            assert!(!s.trace.is_empty(), "every score says what it read");
        }
    }
    assert!(
        a.findings
            .iter()
            .any(|f| f.candidate.kind == pathways_analysis::findings::FindingKind::SharedVulnerability)
    );
    assert!(a.priorities.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(a.priority_formula.contains("2 ×"));
}

#[tokio::test]
async fn only_analysts_decide_on_findings_and_decisions_are_versioned() {
    let app = App::in_memory().await.unwrap();
    let analyst = who(Role::Analyst, None);
    let a = app.analysis(&analyst).await.unwrap();
    let f = a.findings[0].candidate.clone();
    for p in [who(Role::FocalPoint, Some("RS")), who(Role::Viewer, None)] {
        assert!(matches!(
            app.decide_finding(&p, &f.key, "accepted", None, 0).await,
            Err(AppError::Forbidden(_))
        ));
    }
    let d = app.decide_finding(&analyst, &f.key, "accepted", None, 0).await.unwrap();
    assert_eq!(d.version, 1);
    assert!(
        app.decide_finding(&analyst, &f.key, "rejected", None, 0).await.is_err(),
        "stale version refused"
    );
    assert!(
        app.decide_finding(&analyst, &f.key, "edited", Some("  "), 1)
            .await
            .is_err(),
        "an edit needs text"
    );
    let d = app
        .decide_finding(&analyst, &f.key, "edited", Some("Reworded finding."), 1)
        .await
        .unwrap();
    assert_eq!(d.version, 2);
    let a = app.analysis(&analyst).await.unwrap();
    let cf = a.findings.iter().find(|x| x.candidate.key == f.key).unwrap();
    assert_eq!((cf.status().as_str(), cf.text()), ("edited", "Reworded finding."));
    assert!(matches!(
        app.decide_finding(&analyst, "no-such-key", "accepted", None, 0).await,
        Err(AppError::NotFound { .. })
    ));

    // A rejected finding no longer weighs on its stage's priority.
    let staged = a
        .findings
        .iter()
        .find(|x| x.candidate.stage.is_some() && x.candidate.key != f.key)
        .unwrap()
        .candidate
        .clone();
    let stage = staged.stage.clone().unwrap();
    let before = a.priorities.iter().find(|p| p.stage == stage).unwrap().findings;
    let v = a
        .findings
        .iter()
        .find(|x| x.candidate.key == staged.key)
        .unwrap()
        .decision
        .as_ref()
        .map_or(0, |d| d.version);
    app.decide_finding(&analyst, &staged.key, "rejected", None, v)
        .await
        .unwrap();
    let after = app
        .analysis(&analyst)
        .await
        .unwrap()
        .priorities
        .into_iter()
        .find(|p| p.stage == stage)
        .unwrap()
        .findings;
    assert_eq!(after, before - 1);
    let audit = app
        .audit(
            &analyst,
            &AuditQuery {
                entity_id: Some(f.key.clone()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        audit.iter().map(|a| a.entry.action.as_str()).collect::<Vec<_>>(),
        vec!["finding.edited", "finding.accepted"]
    );
}
