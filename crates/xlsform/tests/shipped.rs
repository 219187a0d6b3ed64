//! The programme's questionnaire as shipped in `data/questionnaires/`: the workbook is the CSV
//! source built (they cannot drift apart), every question declares what it feeds, both languages
//! are complete, and the form runs (the indicator list follows the economy).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_xlsform::engine::{Answers, Engine, Env};
use pathways_xlsform::model::{Item, Kind, text_in};
use pathways_xlsform::{read, read_csv};

const XLSX: &[u8] = include_bytes!("../../../data/questionnaires/mapping.xlsx");
const SURVEY: &str = include_str!("../../../data/questionnaires/mapping/survey.csv");
const CHOICES: &str = include_str!("../../../data/questionnaires/mapping/choices.csv");
const SETTINGS: &str = include_str!("../../../data/questionnaires/mapping/settings.csv");
const STAGES: &str = include_str!("../../../data/vocab/stages.csv");

#[test]
fn the_workbook_is_its_source_built() {
    let built = read_csv(&[("survey", SURVEY), ("choices", CHOICES), ("settings", SETTINGS)]).unwrap();
    let shipped = read(XLSX).unwrap();
    assert_eq!(
        built, shipped,
        "rebuild with: pathways questionnaire build data/questionnaires/mapping --out data/questionnaires/mapping.xlsx"
    );
}

#[test]
fn every_question_declares_its_binding_and_both_languages() {
    let form = read(XLSX).unwrap();
    let stages: Vec<&str> = STAGES.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(stages.len(), 11);
    let facts = ["institution", "pathway", "observation", "agency_regulation", "response"];
    let mut practice_stages = std::collections::BTreeSet::new();
    for q in form.questions() {
        for base in ["label"] {
            if q.kind == Kind::Calculate {
                continue;
            }
            for lang in ["English (en)", "Srpski (sr-Latn)"] {
                let key = format!("{base}::{lang}");
                assert!(q.cells.contains_key(&key), "{} lacks {key}", q.name);
            }
        }
        if matches!(q.kind, Kind::Note | Kind::Calculate) {
            continue;
        }
        let b = q
            .cells
            .get("binding")
            .unwrap_or_else(|| panic!("{} has no binding", q.name));
        if b == "answer" {
            continue;
        }
        let (target, field) = b.split_once('.').unwrap_or_else(|| panic!("{}: binding `{b}`", q.name));
        assert!(!field.is_empty(), "{b}");
        if let Some(stage) = target.strip_prefix("practice[").and_then(|s| s.strip_suffix(']')) {
            assert!(stages.contains(&stage), "{}: unknown stage {stage}", q.name);
            practice_stages.insert(stage.to_string());
        } else {
            assert!(facts.contains(&target), "{}: binding `{b}`", q.name);
        }
    }
    assert_eq!(
        practice_stages.len(),
        11,
        "every stage and theme has its practice questions"
    );
    for l in &form.choices {
        for c in &l.choices {
            assert!(
                text_in(&c.cells, "label", "Srpski (sr-Latn)").is_some(),
                "{}/{}",
                l.name,
                c.name
            );
        }
    }
    assert_eq!(
        form.settings.get("draft_languages").map(String::as_str),
        Some("Srpski (sr-Latn)")
    );
    // Pathways and inflows are repeats, as the mapping needs several of each.
    let repeats: Vec<&str> = form
        .walk()
        .into_iter()
        .filter_map(|(_, it)| match it {
            Item::Container(c) if c.kind == pathways_xlsform::model::ContainerKind::Repeat => Some(c.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(repeats, vec!["institution", "pathway", "inflow", "arrangement"]);
}

#[test]
fn the_form_runs_and_offers_the_economys_indicators() {
    let engine = Engine::new(&read(XLSX).unwrap());
    let env = Env {
        today: 20_500,
        now: 0.0,
        uuid: String::new(),
        language: "Srpski (sr-Latn)".into(),
    };
    let mut a = Answers::default();
    a.values.insert("economy".into(), "RS".into());
    a.repeats.insert("inflows/inflow".into(), 1);
    let offered: Vec<String> = engine
        .choices(&a, &env, "inflows/inflow[1]/in_indicator")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(
        !offered.is_empty() && offered.iter().all(|c| c.starts_with("RS_")),
        "{offered:?}"
    );
    let s = engine.evaluate(&a, &env);
    let status = s.question("st_demand/demand_status").unwrap();
    assert_eq!(status.error.as_deref(), Some("This answer is required."));
    a.values.insert("st_demand/demand_status".into(), "unknown".into());
    let s = engine.evaluate(&a, &env);
    assert!(
        !s.question("st_demand/demand_check").unwrap().relevant,
        "unknown: nothing more is asked"
    );
    a.values.insert("st_demand/demand_status".into(), "partial".into());
    a.values.insert("st_demand/demand_days".into(), "900".into());
    let s = engine.evaluate(&a, &env);
    assert_eq!(
        s.question("st_demand/demand_days").unwrap().error.as_deref(),
        Some("Između 0 i 730 dana.")
    );
}
