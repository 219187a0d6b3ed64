//! The comparative analysis page: indicator scores by dimension and by indicator for the six
//! economies side by side (never a league table), each score with the facts it read; candidate
//! findings with the analysts' decisions; and the priority areas with their formula.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use pathways_app::domain::Action;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::filters;
use crate::ui::{OrBack, Page, SignedIn, UiResult, page, render};

pub fn routes() -> Routes {
    Routes::new().get("/analysis", show).post("/analysis", decide)
}

struct Cell {
    text: String,
    class: &'static str,
    trace: Vec<String>,
}

struct FindingRow {
    key: String,
    kind: String,
    stage: String,
    economies: String,
    text: String,
    status: String,
    version: i64,
    evidence: Vec<String>,
}

#[derive(Template)]
#[template(path = "analysis/analysis.html")]
struct AnalysisPage<'a> {
    page: Page<'a>,
    economies: Vec<String>,
    dimensions: Vec<(String, Vec<Cell>)>,
    indicators: Vec<(String, String, String, String, Vec<Cell>)>,
    findings: Vec<FindingRow>,
    priorities: Vec<(String, usize, usize, usize, usize, usize)>,
    formula: String,
    can_decide: bool,
}

async fn show(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let a = s.app.analysis(&p).await.back("/")?;
    let vocab = s.vocab();
    let name = |c: &str| vocab.economy(c).map_or(c.to_string(), |e| e.display_name.clone());
    let level_cell = |sc: &pathways_analysis::Score| {
        let (text, class) = match sc.level {
            Some(pathways_analysis::Level::Complete) => (s.i18n.t("status-complete"), "complete"),
            Some(pathways_analysis::Level::Partial) => (s.i18n.t("status-partial"), "partial"),
            Some(pathways_analysis::Level::Absent) => (s.i18n.t("status-absent"), "absent"),
            None => (s.i18n.t("analysis-no-evidence"), "unknown"),
        };
        Cell {
            text,
            class,
            trace: sc.trace.clone(),
        }
    };
    let dimensions = a
        .framework
        .dimensions
        .iter()
        .map(|d| {
            let cells = a
                .scores
                .economies
                .iter()
                .map(|e| {
                    let (m, with, of) = e.dimensions.get(&d.code).copied().unwrap_or((None, 0, 0));
                    let covered = pathways_analysis::score::well_covered(with, of);
                    Cell {
                        text: match m {
                            Some(m) => format!("{m:.0} ({with}/{of})"),
                            None => s.i18n.t("analysis-no-evidence"),
                        },
                        // A mean of too few indicators is greyed: it says more about our map's
                        // gaps than about the economy, and the documents withhold it.
                        class: if covered || m.is_none() {
                            "num"
                        } else {
                            "num low-coverage"
                        },
                        trace: if covered || m.is_none() {
                            vec![]
                        } else {
                            vec![s.i18n.t("analysis-low-coverage")]
                        },
                    }
                })
                .collect();
            (d.label.clone(), cells)
        })
        .collect();
    let indicators = a
        .framework
        .indicators
        .iter()
        .map(|i| {
            let cells = a
                .scores
                .economies
                .iter()
                .map(|e| {
                    e.indicators.get(&i.code).map(level_cell).unwrap_or(Cell {
                        text: String::new(),
                        class: "unknown",
                        trace: vec![],
                    })
                })
                .collect();
            (
                i.code.clone(),
                i.question.clone(),
                i.reference.clone(),
                i.rule_text.clone(),
                cells,
            )
        })
        .collect();
    let findings = a
        .findings
        .iter()
        .map(|f| FindingRow {
            key: f.candidate.key.clone(),
            kind: s.i18n.t(&format!(
                "finding-kind-{}",
                serde_json::to_value(f.candidate.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            )),
            stage: f
                .candidate
                .stage
                .as_deref()
                .map(|c| vocab.stage(c).map_or(c.to_string(), |x| x.label.clone()))
                .unwrap_or_default(),
            economies: f
                .candidate
                .economies
                .iter()
                .map(|e| name(e))
                .collect::<Vec<_>>()
                .join(", "),
            text: f.text().to_string(),
            status: f.status().to_string(),
            version: f.decision.as_ref().map_or(0, |d| d.version),
            evidence: f.candidate.evidence.clone(),
        })
        .collect();
    Ok(render(AnalysisPage {
        page: page(&s, &mauth),
        economies: a.scores.economies.iter().map(|e| name(&e.economy)).collect(),
        dimensions,
        indicators,
        findings,
        priorities: a
            .priorities
            .iter()
            .map(|p| (p.label.clone(), p.absent, p.partial, p.unknown, p.findings, p.score))
            .collect(),
        formula: a.priority_formula.to_string(),
        can_decide: p.may(Action::Review, None),
    }))
}

async fn decide(State(s): State<AppState>, auth: SignedIn, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let f: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    let get = |k: &str| {
        f.iter()
            .find(|(x, _)| x == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let version: i64 = get("version").parse().unwrap_or(0);
    let text = get("text");
    let _ = s
        .app
        .decide_finding(
            &p,
            &get("key"),
            &get("status"),
            Some(text.as_str()).filter(|t| !t.is_empty()),
            version,
        )
        .await
        .back("/analysis")?;
    Ok(Redirect::to("/analysis#findings").into_response())
}
