//! The evidence of one economy gathered theme by theme for the documents: each stage of screening,
//! cooperation with Countries of Origin and secondary movement, from the practices and their
//! notes, the approved questionnaire answers and the findings raised at events, each with the
//! source a reader can open. The sorting into known, contested and not known is
//! `pathways_analysis::synthesis`; here is only which evidence speaks to which theme, and in what
//! words.

use std::collections::BTreeMap;

use pathways_analysis::Evidence;
use pathways_analysis::findings::FindingKind;
use pathways_analysis::synthesis::{Origin, Source, Stance, Synthesis, Testimony, synthesise};
use pathways_domain::vocab::Vocabulary;
use serde_json::Value;

use super::blocks::t;
use super::{Analysis, raised_event};
use crate::map::overview::Profile;
use crate::{App, w};

/// The theme of onward movement, apart from the exit stage's check (which is about detecting it).
pub const SECONDARY_MOVEMENT: &str = "secondary_movement";

/// Where an event's title and date are found, by event id.
pub type Events = BTreeMap<String, (String, String)>;

fn source_of(record: &Value) -> Source {
    Source {
        citation: t(&record["provenance"]["source"]),
        date: t(&record["provenance"]["date"]),
        confidence: t(&record["provenance"]["confidence"]),
    }
}

/// The testimonies of the practice recorded at `stage`: its status on the check, and its notes.
fn practice_testimonies(app: &App, profile: &Profile, stage: &str, out: &mut Vec<Testimony>, looked: &mut Vec<String>) {
    for p in profile.practices.iter().filter(|p| p["stage"] == stage) {
        let check = t(&p["check"]);
        let (stance, text) = match p["status"].as_str().unwrap_or("unknown") {
            "complete" => (Stance::Affirms, w!(app, "doc-check-complete", check = check)),
            "partial" => (Stance::Affirms, w!(app, "doc-check-partial", check = check)),
            "absent" => (Stance::Denies, w!(app, "doc-check-absent", check = check)),
            _ => (Stance::NotEstablished, w!(app, "doc-check-unknown", check = check)),
        };
        out.push(Testimony {
            origin: Origin::Practice,
            stance,
            text,
            source: source_of(p),
        });
        out.push(Testimony {
            origin: Origin::PracticeNote,
            stance: Stance::Describes,
            text: t(&p["notes"]),
            source: source_of(p),
        });
        // Kept whole: its items are separated by semicolons, and so are the sites inside them.
        let looked_in = t(&p["provenance"]["looked_in"]);
        if !looked_in.trim().is_empty() {
            looked.push(looked_in.trim().to_string());
        }
    }
}

/// The findings raised at events on `stage` for this economy (or the region), with the event as
/// their source.
fn event_testimonies(app: &App, a: &Analysis, economy: &str, stage: &str, events: &Events, out: &mut Vec<Testimony>) {
    for f in a.findings.iter().filter(|f| {
        f.candidate.kind == FindingKind::RaisedAtEvent
            && f.candidate.stage.as_deref() == Some(stage)
            && f.candidate.economies.iter().any(|e| e == economy || e == "WB6")
            && !f.status().discarded()
    }) {
        let (title, date) = raised_event(&f.candidate.key)
            .and_then(|id| events.get(id))
            .cloned()
            .unwrap_or_default();
        out.push(Testimony {
            origin: Origin::Event,
            stance: Stance::Describes,
            text: app.marked(f),
            source: Source {
                citation: if title.is_empty() {
                    w!(app, "doc-a-consultation")
                } else {
                    title
                },
                date,
                confidence: String::new(),
            },
        });
    }
}

fn answer(ev: &Evidence, name: &str) -> Vec<String> {
    ev.answers.get(name).cloned().unwrap_or_default()
}

fn answer_source(app: &App, ev: &Evidence) -> Source {
    Source {
        citation: w!(app, "doc-answer-citation", round = ev.answers_source),
        date: ev
            .answers_source
            .rsplit("approved ")
            .next()
            .unwrap_or_default()
            .to_string(),
        confidence: String::new(),
    }
}

/// The focal point's answers on onward movement.
fn movement_answers(app: &App, ev: &Evidence, out: &mut Vec<Testimony>) {
    let Some(said) = answer(ev, "sm_evidence").into_iter().next() else {
        return;
    };
    let (stance, text) = match said.as_str() {
        "yes" => {
            let mut text = w!(app, "doc-movement-yes");
            let cases = answer(ev, "sm_cases");
            if let Some(n) = cases.first() {
                text.push_str(&w!(app, "doc-movement-cases", n = n));
            }
            let routes = answer(ev, "sm_routes").join("; ");
            if !routes.is_empty() {
                text.push_str(&w!(app, "doc-movement-routes", routes = routes));
            }
            (Stance::Affirms, text + ".")
        }
        "no" => (Stance::Denies, w!(app, "doc-movement-no")),
        _ => (Stance::NotEstablished, w!(app, "doc-movement-unknown")),
    };
    out.push(Testimony {
        origin: Origin::Answer,
        stance,
        text,
        source: answer_source(app, ev),
    });
}

/// The focal point's answers on arrangements with Countries of Origin, the countries by name.
fn coo_answers(app: &App, ev: &Evidence, out: &mut Vec<Testimony>) {
    let Some(said) = answer(ev, "coo_any").into_iter().next() else {
        return;
    };
    let countries: Vec<String> = answer(ev, "coo_country")
        .iter()
        .map(|c| Vocabulary::label(&app.vocab().countries, c).to_string())
        .collect();
    let (stance, text) = match said.as_str() {
        "yes" if countries.is_empty() => (Stance::Affirms, w!(app, "doc-coo-yes")),
        "yes" => (
            Stance::Affirms,
            w!(app, "doc-coo-yes-with", countries = countries.join(", ")),
        ),
        "no" => (Stance::Denies, w!(app, "doc-coo-no")),
        _ => (Stance::NotEstablished, w!(app, "doc-coo-unknown")),
    };
    out.push(Testimony {
        origin: Origin::Answer,
        stance,
        text,
        source: answer_source(app, ev),
    });
}

/// Every stage and theme of one economy, synthesised: the nine stages and the two themes of the
/// vocabulary by their codes, and onward movement under [`SECONDARY_MOVEMENT`].
pub fn syntheses(
    app: &App,
    a: &Analysis,
    ev: Option<&Evidence>,
    profile: &Profile,
    events: &Events,
) -> BTreeMap<String, Synthesis> {
    let economy = profile.summary.code.as_str();
    let mut out = BTreeMap::new();
    for st in &app.vocab().stages {
        let (mut said, mut looked) = (vec![], vec![]);
        practice_testimonies(app, profile, &st.code, &mut said, &mut looked);
        event_testimonies(app, a, economy, &st.code, events, &mut said);
        if st.code == "coo_cooperation"
            && let Some(ev) = ev
        {
            coo_answers(app, ev, &mut said);
        }
        out.insert(st.code.clone(), synthesise(said, &looked));
    }
    // Onward movement: what the exit stage's notes and events report, and the focal point's
    // answers; the exit check's own status is about detecting it, not about whether it happens.
    let (mut said, mut looked) = (vec![], vec![]);
    practice_testimonies(app, profile, "exit", &mut said, &mut looked);
    said.retain(|t| t.origin != Origin::Practice);
    event_testimonies(app, a, economy, "exit", events, &mut said);
    if let Some(ev) = ev {
        movement_answers(app, ev, &mut said);
    }
    out.insert(SECONDARY_MOVEMENT.to_string(), synthesise(said, &looked));
    out
}
