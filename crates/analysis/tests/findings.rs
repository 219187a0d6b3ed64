//! The finding rules on hand-made evidence: each rule fires where it should and not below its
//! threshold, good practice is named, figures are never summed across indicators, findings raised
//! at events join the list, and priorities follow the stated formula.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_analysis::Evidence;
use pathways_analysis::findings::{FindingKind, Raised, candidates, priorities};
use pathways_analysis::score::{InstitutionFact, ObservationFact, PracticeFact};

fn stages() -> Vec<(String, String)> {
    [
        ("visa", "Visa"),
        ("permit", "Permit decision"),
        ("exit", "Exit and onward movement"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

fn eco(code: &str, statuses: &[(&str, &str)]) -> Evidence {
    Evidence {
        economy: code.into(),
        stages: vec!["visa".into(), "permit".into(), "exit".into()],
        practices: statuses
            .iter()
            .map(|(s, st)| PracticeFact {
                id: format!("{}-{s}", code.to_lowercase()),
                stage: s.to_string(),
                status: st.to_string(),
                check: format!("{code} checks at {s}"),
                ..Default::default()
            })
            .collect(),
        answers_source: "round R".into(),
        ..Default::default()
    }
}

fn obs(ind: &str, year: &str, cit: &str, value: f64) -> ObservationFact {
    ObservationFact {
        id: format!("{ind}-{year}-{cit}"),
        indicator: ind.into(),
        period: year.into(),
        citizenship: cit.into(),
        sector: "_T".into(),
        sex: "_T".into(),
        value,
        measure: if ind.contains("QUOTA") { "quota" } else { "flow" }.into(),
    }
}

#[test]
fn shared_vulnerabilities_and_procedural_gaps() {
    let ev = vec![
        eco("AL", &[("visa", "absent"), ("permit", "complete")]),
        eco("BA", &[("visa", "partial"), ("permit", "absent")]),
        eco("ME", &[("visa", "absent"), ("permit", "partial")]),
        eco("RS", &[("visa", "complete"), ("permit", "complete")]),
    ];
    let c = candidates(&ev, &stages(), &[]);
    let shared: Vec<_> = c
        .iter()
        .filter(|f| f.kind == FindingKind::SharedVulnerability)
        .collect();
    assert_eq!(
        shared.len(),
        2,
        "three weak economies at the visa stage, two at the permit stage, and the exit stage \
         established nowhere (a gap to verify, not a sign that all is well)"
    );
    assert_eq!(shared[0].economies, vec!["AL", "BA", "ME"]);
    assert_eq!(shared[1].stage.as_deref(), Some("exit"));
    assert!(
        shared[1]
            .text
            .contains("not established in 4 (a gap to verify) of the 4 economies"),
        "{}",
        shared[1].text
    );
    let gaps: Vec<_> = c.iter().filter(|f| f.kind == FindingKind::ProceduralGap).collect();
    assert_eq!(
        gaps.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(),
        vec![
            "procedural_gap:visa:AL",
            "procedural_gap:visa:ME",
            "procedural_gap:permit:BA"
        ]
    );
    assert!(
        gaps[2].text.contains("AL: AL checks at permit") && gaps[2].text.contains("RS: RS checks at permit"),
        "good practice named: {}",
        gaps[2].text
    );
    // Determinism: same evidence, same candidates.
    assert_eq!(candidates(&ev, &stages(), &[]), c);

    // A check not established where another economy has it is a procedural gap to verify.
    let ev = vec![
        eco("AL", &[("visa", "unknown")]),
        eco("RS", &[("visa", "complete")]),
        eco("ME", &[]),
    ];
    let c = candidates(&ev, &stages(), &[]);
    let gaps: Vec<&str> = c
        .iter()
        .filter(|f| f.kind == FindingKind::ProceduralGap)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    assert!(
        gaps.iter()
            .all(|t| t.contains("is not established, while it is in place elsewhere (a gap to verify)"))
    );
}

fn c_obs() -> Vec<ObservationFact> {
    vec![
        obs("MK_WORK_PERMITS", "2021", "_T", 1000.0),
        obs("MK_WORK_PERMITS", "2024", "_T", 1600.0),
        obs("MK_OTHER", "2021", "_T", 10.0),
        obs("MK_OTHER", "2024", "_T", 14.0),
        obs("MK_WORK_PERMITS", "2021", "NP", 300.0),
        obs("MK_WORK_PERMITS", "2021", "IN", 700.0),
        obs("MK_WORK_PERMITS", "2024", "NP", 1000.0),
        obs("MK_WORK_PERMITS", "2024", "IN", 600.0),
        // A quota is a ceiling: doubling it is no trend of arrivals.
        obs("MK_WORK_PERMIT_QUOTA", "2021", "_T", 5000.0),
        obs("MK_WORK_PERMIT_QUOTA", "2024", "_T", 10000.0),
        // One citizenship recorded in 2022 out of a total of 900: no share can be taken from it.
        obs("MK_OPINIONS", "2022", "_T", 900.0),
        obs("MK_OPINIONS", "2022", "CN", 100.0),
        obs("MK_OPINIONS", "2023", "_T", 1000.0),
        obs("MK_OPINIONS", "2023", "CN", 250.0),
        obs("MK_OPINIONS", "2023", "RU", 750.0),
    ]
}

/// The same figures under another economy's own indicator codes.
fn renamed(economy: &str) -> Vec<ObservationFact> {
    c_obs()
        .into_iter()
        .map(|mut o| {
            o.indicator = o.indicator.replacen("MK_", &format!("{economy}_"), 1);
            o
        })
        .collect()
}

#[test]
fn trends_are_cross_cutting_only_when_two_economies_show_them() {
    // One economy alone: its growth and shifts stay in its own figures, no cross-cutting trend.
    let mut mk = eco("MK", &[]);
    mk.observations = c_obs();
    let c = candidates(std::slice::from_ref(&mk), &stages(), &[]);
    assert!(
        !c.iter().any(|f| f.kind == FindingKind::CrossCuttingTrend),
        "one economy is no cross-cutting trend"
    );

    let mut rs = eco("RS", &[]);
    rs.observations = renamed("RS");
    let mut named = [mk, rs];
    for e in &mut named {
        e.names.insert("MK".into(), "North Macedonia".into());
        e.names.insert("RS".into(), "Serbia".into());
        e.names.insert("NP".into(), "Nepal".into());
        e.names.insert("MK_WORK_PERMITS".into(), "Work permits issued".into());
    }
    let c = candidates(&named, &stages(), &[]);
    let trends: Vec<_> = c.iter().filter(|f| f.kind == FindingKind::CrossCuttingTrend).collect();
    let keys: Vec<&str> = trends.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(
        keys,
        ["trend:growth", "trend:shift:IN:down", "trend:shift:NP:up"],
        "quotas, +40 % and incomplete breakdowns make no trend"
    );
    let growth = trends[0];
    assert_eq!(growth.economies, ["MK", "RS"]);
    assert!(
        growth.text.contains("in 2 economies, each under its own definition")
            && growth
                .text
                .contains("North Macedonia: Work permits issued from 1,000 (2021) to 1,600 (2024), +60 %")
            && growth
                .text
                .contains("Serbia: RS WORK PERMITS from 1,000 (2021) to 1,600 (2024), +60 %"),
        "{}",
        growth.text
    );
    assert!(
        !growth.text.contains("OTHER") && !growth.text.contains("QUOTA"),
        "{}",
        growth.text
    );
    let nepal = trends[2];
    assert!(
        nepal
            .text
            .starts_with("The share of citizens of Nepal rose in 2 economies"),
        "{}",
        nepal.text
    );
    assert!(nepal.text.contains("from 30 % (2021) to 62 % (2024)"), "{}", nepal.text);
}

#[test]
fn secondary_movements_institutional_challenges_and_raised_findings() {
    let mut e = eco("XK", &[]);
    e.answers.insert("sm_evidence".into(), vec!["yes".into()]);
    e.answers.insert("sm_routes".into(), vec!["via Hungary".into()]);
    e.answers
        .insert("ch_types".into(), vec!["overlapping_mandates staff_capacity".into()]);
    let inst = |id: &str, stages: &[&str]| InstitutionFact {
        id: id.into(),
        kind: "interior".into(),
        stages: stages.iter().map(|s| s.to_string()).collect(),
    };
    e.institutions = vec![
        inst("xk-a", &["visa", "permit"]),
        inst("xk-b", &["permit"]),
        inst("xk-c", &["permit"]),
        inst("xk-d", &["permit"]),
    ];
    let raised = vec![Raised {
        event: "ev1".into(),
        date: "2026-10-01".into(),
        economy: "WB6".into(),
        stage: "visa".into(),
        text: "Visa interviews are not shared across the region".into(),
    }];
    let c = candidates(&[e.clone()], &stages(), &raised);
    let keys: Vec<&str> = c.iter().map(|f| f.key.as_str()).collect();
    assert!(keys.contains(&"secondary_migration:XK"));
    assert!(keys.contains(&"institutional_challenge:missing:exit:XK"), "{keys:?}");
    assert!(keys.contains(&"institutional_challenge:overlap:permit:XK"), "{keys:?}");
    assert!(!keys.contains(&"institutional_challenge:overlap:visa:XK"));
    assert!(keys.contains(&"institutional_challenge:answer:overlapping_mandates:XK"));
    assert!(keys.contains(&"raised:ev1:0"));

    let ev = vec![
        eco("AL", &[("visa", "absent")]),
        eco("BA", &[("visa", "partial"), ("permit", "absent")]),
    ];
    let p = priorities(&ev, &stages(), &c);
    // visa: 2×1 absent + 1×1 partial + 1 raised finding = 4; permit: 2×1 absent + 1×1 not
    // established (AL) + 1 overlap finding = 4; exit: 2×1 not established + 2 findings (missing,
    // secondary) = 4. Missing evidence weighs as a need, never as "nothing to do".
    assert_eq!(
        p.iter()
            .map(|x| (x.stage.as_str(), x.unknown, x.score))
            .collect::<Vec<_>>(),
        vec![("visa", 0, 4), ("permit", 1, 4), ("exit", 2, 4)]
    );
}
