//! The regional overview, an economy's profile and the countries-of-origin page.

use askama::Template;
use axum::extract::{Path, State};
use pathways_app::AppError;
use pathways_app::StoredRecord;
use pathways_app::domain::entity::PracticeStatus;
use pathways_app::domain::{Action, Kind};
use pathways_app::map::records::to_api_json;
use serde_json::Value;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::svg;
use crate::ui::filters;
use crate::ui::{OrBack, Page, UiResult, fail, page, render, text};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/", home)
        .get("/economies/{code}", economy)
        .get("/countries-of-origin", origins)
}

// ---- overview pages ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "map/home.html")]
struct Home<'a> {
    page: Page<'a>,
    regional: Vec<pathways_app::map::overview::Headline>,
    economies: Vec<pathways_app::map::overview::EconomySummary>,
    /// The screening checks, stage by stage and economy by economy (an SVG heat map).
    matrix: String,
    /// Each economy's latest figure beside the others', under its own definition.
    compare: String,
}

/// Each economy's latest total of a flow (the figure its card shows) as one bar with its series
/// and period written beside it; an economy without one is a visible gap.
fn latest_figures(s: &AppState, economies: &[pathways_app::map::overview::EconomySummary]) -> String {
    let rows: Vec<svg::CompareRow> = economies
        .iter()
        .map(|e| svg::CompareRow {
            name: e.display_name.clone(),
            value: e.headline.as_ref().map(|h| h.value),
            what: e.headline.as_ref().map_or_else(String::new, |h| {
                s.i18n.fmt(
                    "compare-what",
                    &[
                        ("series", h.label.clone()),
                        ("unit", h.unit.clone()),
                        ("period", s.i18n.period(&h.period)),
                    ],
                )
            }),
        })
        .collect();
    svg::compare_bars(
        &s.i18n.t("home-compare"),
        &rows,
        &s.i18n.t("compare-no-figure"),
        &crate::i18n::number,
    )
}

/// The status of the check at each stage in each economy, as the comparative analysis draws it
/// ("no evidence" where none is recorded), from the cards already read for the page.
fn stage_matrix(s: &AppState, economies: &[pathways_app::map::overview::EconomySummary]) -> String {
    let v = s.vocab();
    let names: Vec<String> = economies.iter().map(|e| e.display_name.clone()).collect();
    let stages: Vec<String> = v.stages.iter().map(|st| st.label.clone()).collect();
    let cells: Vec<Vec<svg::HeatCell>> = v
        .stages
        .iter()
        .map(|st| {
            economies
                .iter()
                .map(|e| match e.stages.get(&st.code) {
                    Some(code) => svg::HeatCell {
                        status: PracticeStatus::parse(code),
                        label: s.i18n.status(code),
                    },
                    None => svg::HeatCell {
                        status: None,
                        label: s.i18n.t("matrix-no-evidence"),
                    },
                })
                .collect()
        })
        .collect();
    let desc = s.i18n.fmt(
        "home-matrix-desc",
        &[("rows", stages.len().to_string()), ("columns", names.len().to_string())],
    );
    svg::heatmap(&s.i18n.t("home-matrix"), &desc, &stages, &names, &cells)
}

/// A figure as the reader's language says it: its indicator's words, its unit and the source's
/// confidence (the app's view carries the English ones).
fn localise(s: &AppState, h: &mut pathways_app::map::overview::Headline) {
    if let Some(i) = s.vocab().indicator(&h.indicator) {
        h.label = i.label.clone();
        h.definition = i.definition.clone();
    }
    h.unit = s.i18n.unit(&h.unit);
    h.confidence = s.i18n.confidence(&Value::String(h.confidence.clone()));
}

async fn home(State(s): State<AppState>, auth: MaybeAuth) -> UiResult {
    let data = async { Ok::<_, AppError>((s.app.regional_figures().await?, s.app.economy_summaries().await?)) }.await;
    let (mut regional, mut economies) = data.back("/")?;
    regional.iter_mut().for_each(|h| localise(&s, h));
    for e in &mut economies {
        e.display_name = s.vocab().economy_name(&e.code).to_string();
        if let Some(h) = e.headline.as_mut() {
            localise(&s, h);
        }
    }
    let matrix = stage_matrix(&s, &economies);
    Ok(render(Home {
        page: page(&s, &auth),
        compare: latest_figures(&s, &economies),
        regional,
        economies,
        matrix,
    }))
}

#[derive(Template)]
#[template(path = "map/economy.html")]
struct EconomyPage<'a> {
    page: Page<'a>,
    p: pathways_app::map::overview::Profile,
    can_edit: bool,
    by_stage: Vec<(String, Vec<(String, String)>)>,
    /// Each relationship with the names of its two ends.
    relationships: Vec<(Value, String, String)>,
    network: String,
    grid: String,
    series: Vec<(pathways_app::map::overview::Series, String)>,
    practices: Vec<(String, Value)>,
    /// Words for the relationships' kinds.
    relationship_kinds: super::labels::Labels,
    /// Words for the institutions' kinds.
    institution_kinds: super::labels::Labels,
    /// Words for the observations' breakdowns (citizenship, sector).
    observation_labels: super::labels::Labels,
    /// The economy's name in the reader's language.
    name: String,
}

async fn economy(State(s): State<AppState>, auth: MaybeAuth, Path(code): Path<String>) -> UiResult {
    let code = code.to_ascii_uppercase();
    if !s.vocab().is_economy(&code) {
        return fail(
            AppError::NotFound {
                kind: "economy".into(),
                id: code,
            },
            "/",
        );
    }
    let p = s.app.profile(&code).await.back("/")?;
    let all = s
        .app
        .list(&auth.reader(), Kind::Institution, &Default::default())
        .await
        .unwrap_or_default();
    let name_of = |id: &str| {
        all.iter()
            .find(|r| r.id == id)
            .map(|r| format!("{} ({})", text(&r.body["name"]), r.owner.clone().unwrap_or_default()))
            .unwrap_or_else(|| id.to_string())
    };
    let relationships: Vec<(Value, String, String)> = p
        .relationships
        .iter()
        .map(|r| (r.clone(), name_of(&text(&r["from"])), name_of(&text(&r["to"]))))
        .collect();
    let vocab = s.vocab();
    let by_stage = vocab
        .stages
        .iter()
        .map(|st| {
            let insts = p
                .institutions
                .iter()
                .filter(|i| {
                    i["stages"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == st.code.as_str()))
                })
                .map(|i| (text(&i["id"]), text(&i["name"])))
                .collect();
            (st.label.clone(), insts)
        })
        .collect();
    let map = p.stakeholder_map(s.vocab());
    let network = svg::network(
        &s.i18n.fmt(
            "network-title",
            &[("economy", s.vocab().economy_name(&code).to_string())],
        ),
        &map.nodes,
        &map.edges,
    );
    let grid = svg::power_interest(
        &s.i18n.t("profile-grid"),
        [
            s.i18n.t("grid-satisfied").as_str(),
            &s.i18n.t("grid-manage"),
            &s.i18n.t("grid-monitor"),
            &s.i18n.t("grid-inform"),
            &s.i18n.t("grid-interest"),
            &s.i18n.t("grid-power"),
        ],
        &map.points,
    );
    let series = p
        .series
        .iter()
        .map(|se| {
            // The indicator's words in the reader's language.
            let mut se = se.clone();
            if let Some(i) = vocab.indicator(&se.indicator.code) {
                se.indicator = i.clone();
            }
            let se = &se;
            let totals: Vec<(String, f64)> = se
                .observations
                .iter()
                .filter(|o| ["citizenship", "sector", "sex"].iter().all(|k| o[*k] == "_T"))
                .map(|o| (text(&o["period"]), o["value"].as_f64().unwrap_or(0.0)))
                .collect();
            // Cumulative figures over overlapping periods are no time series: the table gives them.
            let overlapping = pathways_app::domain::period::periods_overlap(totals.iter().map(|(p, _)| p.as_str()));
            let chart = if overlapping {
                String::new()
            } else if totals.len() > 1 {
                svg::series(
                    &format!("{} ({})", se.indicator.label, s.i18n.unit(&se.indicator.unit)),
                    &s.i18n.unit(&se.indicator.unit),
                    &totals,
                    |p| s.i18n.period(p),
                    &crate::i18n::number,
                )
            } else {
                let by: Vec<(String, f64)> = se
                    .observations
                    .iter()
                    .filter(|o| o["citizenship"] != "_T" || o["sector"] != "_T")
                    .map(|o| {
                        // Citizenships and sectors by name, as the table beside the chart.
                        let k = if o["citizenship"] != "_T" {
                            let c = text(&o["citizenship"]);
                            vocab
                                .economy(&c)
                                .map(|e| e.display_name.clone())
                                .or_else(|| vocab.owner_name(&c).map(str::to_string))
                                .unwrap_or(c)
                        } else {
                            let c = text(&o["sector"]);
                            vocab
                                .sectors
                                .iter()
                                .find(|x| x.code == c)
                                .map_or(c.clone(), |x| x.label.clone())
                        };
                        (
                            format!("{k} {}", text(&o["period"])),
                            o["value"].as_f64().unwrap_or(0.0),
                        )
                    })
                    .collect();
                if by.len() > 1 {
                    svg::bars(
                        &se.indicator.label,
                        &s.i18n.unit(&se.indicator.unit),
                        &by,
                        &crate::i18n::number,
                    )
                } else {
                    String::new()
                }
            };
            (se.clone(), chart)
        })
        .collect();
    let order: Vec<&str> = vocab.stages.iter().map(|st| st.code.as_str()).collect();
    let mut practices: Vec<(String, Value)> = p
        .practices
        .iter()
        .map(|x| {
            let code = text(&x["stage"]);
            (vocab.stage(&code).map(|st| st.label.clone()).unwrap_or(code), x.clone())
        })
        .collect();
    practices.sort_by_key(|(_, x)| order.iter().position(|c| *c == text(&x["stage"])).unwrap_or(99));
    let can_edit = auth
        .0
        .as_ref()
        .is_some_and(|a| a.principal.may(Action::Write, Some(&code)));
    Ok(render(EconomyPage {
        page: page(&s, &auth),
        p,
        can_edit,
        by_stage,
        relationships,
        network,
        grid,
        series,
        practices,
        relationship_kinds: super::labels::Labels::new(&s, Kind::Relationship, Default::default()),
        institution_kinds: super::labels::Labels::new(&s, Kind::Institution, Default::default()),
        observation_labels: super::labels::Labels::new(&s, Kind::Observation, Default::default()),
        name: s.vocab().economy_name(&code).to_string(),
    }))
}

#[derive(Template)]
#[template(path = "map/origins.html")]
struct Origins<'a> {
    page: Page<'a>,
    countries: Vec<(String, Vec<Value>, Vec<Value>)>,
    frameworks: Vec<Value>,
}

async fn origins(State(s): State<AppState>, auth: MaybeAuth) -> UiResult {
    let p = auth.reader();
    let f = pathways_app::map::records::ListFilter::default();
    let data = async {
        let systems = s.app.list(&p, Kind::CooSystem, &f).await?;
        let insts = s.app.list(&p, Kind::Institution, &f).await?;
        let frameworks = s.app.list(&p, Kind::Framework, &f).await?;
        Ok::<_, AppError>((systems, insts, frameworks))
    }
    .await;
    let (systems, insts, frameworks) = data.back("/")?;
    let countries = s
        .vocab()
        .origins
        .iter()
        .map(|code| {
            let of = |v: &[StoredRecord]| {
                v.iter()
                    .filter(|r| r.owner.as_deref() == Some(code))
                    .map(to_api_json)
                    .collect::<Vec<_>>()
            };
            (
                s.vocab().owner_name(code).unwrap_or(code).to_string(),
                of(&systems),
                of(&insts),
            )
        })
        .collect();
    Ok(render(Origins {
        page: page(&s, &auth),
        countries,
        frameworks: frameworks.iter().map(to_api_json).collect(),
    }))
}
