//! The programme's questionnaire as shipped in `data/questionnaires/`: the workbook is the CSV
//! source built (they cannot drift apart), every question declares what it feeds, all seven
//! languages are complete (Serbian Cyrillic exactly the Serbian Latin transliterated), and the
//! form runs (the indicator list follows the economy).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_xlsform::engine::{Answers, Engine, Env};
use pathways_xlsform::model::{Item, Kind, text_in};
use pathways_xlsform::{read, read_csv};

const XLSX: &[u8] = include_bytes!("../../../data/questionnaires/mapping.xlsx");
const SURVEY: &str = include_str!("../../../data/questionnaires/mapping/survey.csv");
const CHOICES: &str = include_str!("../../../data/questionnaires/mapping/choices.csv");
const SETTINGS: &str = include_str!("../../../data/questionnaires/mapping/settings.csv");
const STAGES: &str = include_str!("../../../data/vocab/stages.csv");

/// The form's languages: English and the economies' six.
const LANGUAGES: [&str; 7] = [
    "English (en)",
    "Srpski (sr-Latn)",
    "Српски (sr-Cyrl)",
    "Shqip (sq)",
    "Македонски (mk)",
    "Bosanski (bs)",
    "Crnogorski (cnr)",
];

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
fn every_question_declares_its_binding_and_every_language() {
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
            for lang in LANGUAGES {
                let key = format!("{base}::{lang}");
                assert!(q.cells.contains_key(&key), "{} lacks {key}", q.name);
            }
            // A hint or constraint message in English has its words in every language.
            for extra in ["hint", "constraint_message"] {
                if q.cells.contains_key(&format!("{extra}::English (en)")) {
                    for lang in LANGUAGES {
                        assert!(
                            q.cells.contains_key(&format!("{extra}::{lang}")),
                            "{} lacks {extra}::{lang}",
                            q.name
                        );
                    }
                }
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
            for lang in LANGUAGES {
                assert!(
                    text_in(&c.cells, "label", lang).is_some(),
                    "{}/{} in {lang}",
                    l.name,
                    c.name
                );
            }
        }
    }
    assert_eq!(
        form.settings.get("draft_languages").map(String::as_str),
        Some(LANGUAGES[1..].join(";").as_str())
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
fn serbian_cyrillic_is_the_serbian_latin_transliterated() {
    use pathways_domain::script::text_to_cyrillic;
    let form = read(XLSX).unwrap();
    let mut compared = 0;
    let mut check = |cells: &std::collections::BTreeMap<String, String>, what: &str| {
        for base in ["label", "hint", "constraint_message"] {
            if let Some(latin) = cells.get(&format!("{base}::Srpski (sr-Latn)")) {
                let cyrillic = cells.get(&format!("{base}::Српски (sr-Cyrl)"));
                assert_eq!(cyrillic, Some(&text_to_cyrillic(latin)), "{what} {base}");
                compared += 1;
            }
        }
    };
    for q in form.questions() {
        check(&q.cells, &q.name);
    }
    for l in &form.choices {
        for c in &l.choices {
            check(&c.cells, &format!("{}/{}", l.name, c.name));
        }
    }
    assert!(compared > 300, "{compared}");
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
