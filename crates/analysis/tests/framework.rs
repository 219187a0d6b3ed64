//! The shipped indicator framework against the shipped vocabulary, every level of every kind of
//! rule reached on hand-made evidence, "no evidence" kept apart from zero, and a broken framework
//! refused with file, line and column.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use pathways_analysis::framework::{Codes, parse_rule};
use pathways_analysis::score::{
    AgencyFact, InstitutionFact, ObservationFact, PathwayFact, PracticeFact, RelationshipFact,
};
use pathways_analysis::{Evidence, Level, parse_framework, score, scores};

const DIMENSIONS: &str = include_str!("../../../data/framework/dimensions.csv");
const INDICATORS: &str = include_str!("../../../data/framework/indicators.csv");

fn codes_of(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

struct Vocab {
    stages: Vec<String>,
    kinds: Vec<String>,
    rels: Vec<String>,
    permits: Vec<String>,
}

fn vocab() -> Vocab {
    Vocab {
        stages: codes_of(include_str!("../../../data/vocab/stages.csv")),
        kinds: codes_of(include_str!("../../../data/vocab/institution_kinds.csv")),
        rels: codes_of(include_str!("../../../data/vocab/relationship_kinds.csv")),
        permits: codes_of(include_str!("../../../data/vocab/permit_types.csv")),
    }
}

impl Vocab {
    fn codes(&self) -> Codes<'_> {
        Codes {
            stages: &self.stages,
            institution_kinds: &self.kinds,
            relationship_kinds: &self.rels,
            permit_types: &self.permits,
        }
    }
}

#[test]
fn the_shipped_framework_is_complete_and_valid() {
    let v = vocab();
    let f = parse_framework(DIMENSIONS, INDICATORS, &v.codes()).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(f.dimensions.len(), 6);
    assert!((30..=50).contains(&f.indicators.len()), "{}", f.indicators.len());
    for d in &f.dimensions {
        let n = f.indicators.iter().filter(|i| i.dimension == d.code).count();
        assert!(n >= 3, "{} has {n} indicators", d.code);
    }
    for i in &f.indicators {
        assert!(
            !i.reference.is_empty() && !i.why.is_empty() && !i.rule_text.is_empty(),
            "{}",
            i.code
        );
    }
}

#[test]
fn a_broken_framework_is_refused_with_file_line_and_column() {
    let v = vocab();
    let bad = "code,dimension,question,why,reference,rule,rule_text\n\
               X-1,institutional,Q?,Why,Ref,practice:nowhere,text\n\
               X-2,nodim,Q?,Why,Ref,practice:demand,text\n\
               X-2,institutional,Q?,Why,Ref,pathways:colour,text\n\
               X-4,institutional,,Why,Ref,answer:q,text\n";
    let problems = parse_framework(DIMENSIONS, bad, &v.codes()).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let has = |s: &str| text.iter().any(|t| t.contains(s));
    assert!(
        has("framework/indicators.csv:2") && has("`nowhere` is not a stage or theme"),
        "{text:?}"
    );
    assert!(
        has("framework/indicators.csv:3") && has("`nodim` is not a dimension"),
        "{text:?}"
    );
    assert!(
        has("framework/indicators.csv:4") && has("`X-2` appears twice"),
        "{text:?}"
    );
    assert!(has("pathways:colour"), "{text:?}");
    assert!(has("framework/indicators.csv:5") && has("question"), "{text:?}");
}

fn practice(stage: &str, status: &str, mode: Option<&str>, time: Option<&str>, legal: bool) -> PracticeFact {
    PracticeFact {
        id: format!("xx-{stage}"),
        stage: stage.into(),
        status: status.into(),
        mode: mode.map(str::to_string),
        processing_time: time.map(str::to_string),
        legal_basis: legal,
        basis: legal.then(|| format!("law on {stage}")),
        check: format!("check at {stage}"),
    }
}

fn flags(pairs: &[(&str, Option<bool>)]) -> BTreeMap<String, Option<bool>> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn every_level_of_every_kind_of_rule_is_reachable() {
    let v = vocab();
    let c = v.codes();
    let level = |rule: &str, ev: &Evidence| score(&parse_rule(rule, &c).unwrap(), ev).level;
    let nine: Vec<String> = v.stages.iter().take(9).cloned().collect();
    let base = Evidence {
        economy: "XX".into(),
        stages: nine.clone(),
        ..Default::default()
    };
    let with = |f: &dyn Fn(&mut Evidence)| {
        let mut e = base.clone();
        f(&mut e);
        e
    };

    // practice status, mode, time
    for (status, want) in [
        ("complete", Some(Level::Complete)),
        ("partial", Some(Level::Partial)),
        ("absent", Some(Level::Absent)),
        ("unknown", None),
    ] {
        let e = with(&|e| e.practices.push(practice("visa", status, None, None, false)));
        assert_eq!(level("practice:visa", &e), want, "{status}");
    }
    assert_eq!(level("practice:visa", &base), None, "no practice: no evidence");
    for (mode, want) in [
        (Some("digital"), Some(Level::Complete)),
        (Some("mixed"), Some(Level::Partial)),
        (Some("paper"), Some(Level::Absent)),
        (None, None),
    ] {
        let e = with(&|e| e.practices.push(practice("permit", "partial", mode, None, false)));
        assert_eq!(level("practice:permit:mode", &e), want, "{mode:?}");
    }
    let e = with(&|e| {
        e.practices
            .push(practice("permit", "complete", None, Some("15 days"), false))
    });
    assert_eq!(level("practice:permit:time", &e), Some(Level::Complete));
    let e = with(&|e| e.practices.push(practice("permit", "complete", None, None, false)));
    assert_eq!(level("practice:permit:time", &e), Some(Level::Partial));

    // legal basis share
    let mk = |n: usize| {
        with(&|e| {
            for (i, s) in nine.iter().take(5).enumerate() {
                e.practices.push(practice(s, "partial", None, None, i < n))
            }
        })
    };
    assert_eq!(level("practices:legal_basis", &mk(4)), Some(Level::Complete));
    assert_eq!(level("practices:legal_basis", &mk(2)), Some(Level::Partial));
    assert_eq!(level("practices:legal_basis", &mk(1)), Some(Level::Absent));
    assert_eq!(level("practices:legal_basis", &base), None);

    // institutions: coverage and kind
    let inst = |stages: &[&str], kind: &str| InstitutionFact {
        id: "xx-i".into(),
        kind: kind.into(),
        stages: stages.iter().map(|s| s.to_string()).collect(),
    };
    let all: Vec<&str> = nine.iter().map(String::as_str).collect();
    assert_eq!(
        level(
            "institutions:stages",
            &with(&|e| e.institutions.push(inst(&all, "interior")))
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "institutions:stages",
            &with(&|e| e.institutions.push(inst(&all[..6], "interior")))
        ),
        Some(Level::Partial)
    );
    assert_eq!(
        level(
            "institutions:stages",
            &with(&|e| e.institutions.push(inst(&all[..2], "interior")))
        ),
        Some(Level::Absent)
    );
    assert_eq!(level("institutions:stages", &base), None);
    assert_eq!(
        level(
            "institutions:kind=labour_inspectorate",
            &with(&|e| e.institutions.push(inst(&[], "labour_inspectorate")))
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "institutions:kind=labour_inspectorate",
            &with(&|e| e.institutions.push(inst(&[], "interior")))
        ),
        None,
        "an institution missing from the map is a data gap, not a policy gap"
    );

    // pathways
    let pw = |t: &str, change: Option<bool>| PathwayFact {
        id: format!("xx-{t}"),
        permit_type: t.into(),
        flags: flags(&[("employer_change", change)]),
    };
    assert_eq!(
        level(
            "pathways:count",
            &with(&|e| for t in ["work_permit", "seasonal", "single_permit"] {
                e.pathways.push(pw(t, None))
            })
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level("pathways:count", &with(&|e| e.pathways.push(pw("seasonal", None)))),
        Some(Level::Partial)
    );
    assert_eq!(level("pathways:count", &base), None);
    assert_eq!(
        level(
            "pathways:type=seasonal",
            &with(&|e| e.pathways.push(pw("seasonal", None)))
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "pathways:type=seasonal",
            &with(&|e| e.pathways.push(pw("work_permit", None)))
        ),
        Some(Level::Absent)
    );
    assert_eq!(
        level(
            "pathways:employer_change",
            &with(&|e| {
                e.pathways.push(pw("a", Some(true)));
                e.pathways.push(pw("b", Some(true)))
            })
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "pathways:employer_change",
            &with(&|e| {
                e.pathways.push(pw("a", Some(true)));
                e.pathways.push(pw("b", Some(false)))
            })
        ),
        Some(Level::Partial)
    );
    assert_eq!(
        level(
            "pathways:employer_change",
            &with(&|e| e.pathways.push(pw("a", Some(false))))
        ),
        Some(Level::Absent)
    );
    assert_eq!(
        level("pathways:employer_change", &with(&|e| e.pathways.push(pw("a", None)))),
        None
    );

    // agency regulation
    let ag = |lic: &str, fees: Option<bool>| AgencyFact {
        id: "xx-ag".into(),
        licensing: lic.into(),
        flags: flags(&[("worker_fees_banned", fees)]),
    };
    assert_eq!(
        level(
            "agency:licensing",
            &with(&|e| e.agencies.push(ag("Licence from the ministry", None)))
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "agency:licensing",
            &with(&|e| e.agencies.push(ag("No licence is required", None)))
        ),
        Some(Level::Absent)
    );
    assert_eq!(
        level("agency:licensing", &with(&|e| e.agencies.push(ag("", None)))),
        None
    );
    assert_eq!(
        level(
            "agency:worker_fees_banned",
            &with(&|e| e.agencies.push(ag("x", Some(true))))
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "agency:worker_fees_banned",
            &with(&|e| e.agencies.push(ag("x", Some(false))))
        ),
        Some(Level::Absent)
    );

    // relationships
    let rels = |n: usize| {
        with(&|e| {
            e.relationships.push(RelationshipFact {
                id: "r0".into(),
                kind: "cooperation".into(),
                with_origin: false,
            });
            for i in 0..n {
                e.relationships.push(RelationshipFact {
                    id: format!("r{i}"),
                    kind: "data_exchange".into(),
                    with_origin: false,
                })
            }
        })
    };
    assert_eq!(level("relationships:data_exchange", &rels(2)), Some(Level::Complete));
    assert_eq!(level("relationships:data_exchange", &rels(1)), Some(Level::Partial));
    assert_eq!(
        level("relationships:data_exchange", &rels(0)),
        None,
        "a data gap, not a policy gap"
    );
    assert_eq!(level("relationships:data_exchange", &base), None);

    // COO-2: an agreement counts only with an institution of a Country of Origin; a domestic
    // inter-ministerial instruction (Albania's) does not, and an agreement stated as the legal
    // basis of the cooperation practice (Serbia's memorandum with Uzbekistan) counts as one.
    let coo2 = "relationships:agreement:origin | practice:coo_cooperation:basis | answer:coo_any";
    let domestic = with(&|e| {
        e.relationships.push(RelationshipFact {
            id: "al-moi-meci".into(),
            kind: "agreement".into(),
            with_origin: false,
        });
        e.practices
            .push(practice("coo_cooperation", "unknown", None, None, false));
    });
    assert_eq!(
        level(coo2, &domestic),
        None,
        "a domestic agreement is no agreement with a CoO"
    );
    let memorandum = with(&|e| {
        e.practices.push(PracticeFact {
            basis: Some("Memorandum on labour migration with Uzbekistan".into()),
            ..practice("coo_cooperation", "partial", None, None, true)
        })
    });
    assert_eq!(level(coo2, &memorandum), Some(Level::Partial));
    let two_with_origins = with(&|e| {
        for i in 0..2 {
            e.relationships.push(RelationshipFact {
                id: format!("mou{i}"),
                kind: "agreement".into(),
                with_origin: true,
            });
        }
    });
    assert_eq!(level(coo2, &two_with_origins), Some(Level::Complete));
    assert_eq!(level("practice:coo_cooperation:basis", &base), None);

    // observations
    let obs = |period: &str, cit: &str| ObservationFact {
        id: format!("o{period}{cit}"),
        indicator: "XX_PERMITS".into(),
        period: period.into(),
        citizenship: cit.into(),
        sector: "_T".into(),
        sex: "_T".into(),
        value: 1.0,
        measure: "flow".into(),
    };
    assert_eq!(
        level(
            "observations:citizenship",
            &with(&|e| e.observations.push(obs("2024", "NP")))
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "observations:citizenship",
            &with(&|e| e.observations.push(obs("2024", "_T")))
        ),
        Some(Level::Partial)
    );
    assert_eq!(level("observations:citizenship", &base), Some(Level::Absent));
    assert_eq!(
        level(
            "observations:sector",
            &with(&|e| e.observations.push(obs("2024", "NP")))
        ),
        Some(Level::Partial)
    );
    assert_eq!(
        level(
            "observations:years",
            &with(&|e| for y in 2019..2024 {
                e.observations.push(obs(&y.to_string(), "_T"))
            })
        ),
        Some(Level::Complete)
    );
    assert_eq!(
        level(
            "observations:years",
            &with(&|e| for y in 2022..2024 {
                e.observations.push(obs(&y.to_string(), "_T"))
            })
        ),
        Some(Level::Partial)
    );
    assert_eq!(
        level("observations:years", &with(&|e| e.observations.push(obs("2024", "_T")))),
        Some(Level::Absent)
    );

    // answers, and the fallback
    let ans = |q: &str, vals: &[&str]| {
        with(&|e| {
            e.answers.insert(q.into(), vals.iter().map(|s| s.to_string()).collect());
        })
    };
    assert_eq!(
        level("answer:da_permits_nat", &ans("da_permits_nat", &["public"])),
        Some(Level::Complete)
    );
    assert_eq!(
        level("answer:da_permits_nat", &ans("da_permits_nat", &["internal"])),
        Some(Level::Partial)
    );
    assert_eq!(
        level("answer:da_permits_nat", &ans("da_permits_nat", &["none"])),
        Some(Level::Absent)
    );
    assert_eq!(
        level("answer:da_permits_nat", &ans("da_permits_nat", &["unknown"])),
        None
    );
    assert_eq!(
        level("answer:coo_doc_check", &ans("coo_doc_check", &["no", "yes"])),
        Some(Level::Complete),
        "the best arrangement counts"
    );
    let e = with(&|e| {
        e.agencies.push(ag("", None));
        e.answers.insert("ag_licensing".into(), vec!["yes".into()]);
    });
    let s = score(&parse_rule("agency:licensing | answer:ag_licensing", &c).unwrap(), &e);
    assert_eq!(s.level, Some(Level::Complete), "the answer fills the map's gap");
    assert_eq!(
        s.trace.len(),
        2,
        "both the gap and the answer are traced: {:?}",
        s.trace
    );
}

#[test]
fn dimension_scores_leave_out_indicators_without_evidence_and_are_deterministic() {
    let v = vocab();
    let f = parse_framework(DIMENSIONS, INDICATORS, &v.codes()).unwrap();
    let ev = Evidence {
        economy: "XX".into(),
        stages: v.stages.iter().take(9).cloned().collect(),
        practices: vec![
            practice("demand", "complete", None, None, true),
            practice("employer", "absent", None, None, false),
        ],
        ..Default::default()
    };
    let a = scores(&f, std::slice::from_ref(&ev));
    let b = scores(&f, &[ev]);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let s = &a.economies[0];
    assert_eq!(s.indicators["INS-1"].level, Some(Level::Complete));
    let (mean, with, of) = s.dimensions["screening"];
    assert_eq!((with, of), (1, 8), "only employer vetting has evidence");
    assert_eq!(mean, Some(0.0));
    let (inst, n, _) = s.dimensions["institutional"];
    assert_eq!(n, 2, "INS-1 and INS-2 have evidence");
    assert_eq!(
        inst,
        Some(75.0),
        "mean of 100 and 50 (one of two practices has a legal basis)"
    );
    // A mean of 1 of 8 indicators is computed but not shown beside full ones, nor counted in
    // the overall score.
    assert_eq!(s.shown("screening"), None);
    assert_eq!(
        pathways_analysis::score::dimension_words(s.dimensions.get("screening")),
        "withheld: only 1 of 8 indicators with evidence"
    );
    assert!(pathways_analysis::score::well_covered(4, 8) && !pathways_analysis::score::well_covered(3, 8));
    assert!(!pathways_analysis::score::well_covered(0, 0));
}
