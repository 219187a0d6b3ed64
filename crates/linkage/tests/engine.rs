//! Engine tests on small hand-made registers: the obvious match is found, namesakes with a
//! placeholder birth date are not linked on name and date alone, one-to-one keeps the best
//! partner, and dedupe clusters a person's records.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_linkage::config::Config;
use pathways_linkage::link::{Options, Scored, Stage, Summary, explain, run};
use pathways_linkage::prepare::{Preparer, Records};

const HEADER: [&str; 8] = [
    "record_id",
    "given_name",
    "surname",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "passport_number",
];

fn records(config: &Config, rows: &[[&str; 8]]) -> Records {
    let header: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    let p = Preparer::new(config, &header).unwrap();
    let rows: Vec<(u64, csv::StringRecord)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 2, csv::StringRecord::from(r.to_vec())))
        .collect();
    let mut out = Records::default();
    p.prepare(&rows, &mut out).unwrap();
    out
}

/// A register of `n` distinct people with a deterministic spread of names, dates and passports.
fn crowd(n: usize, prefix: &str) -> Vec<[String; 8]> {
    let given = [
        "Ram", "Sita", "Karim", "Anil", "Rina", "Jose", "Maria", "Bikash", "Nasrin", "Tariq", "Sunil", "Lakshmi",
    ];
    let sur = [
        "Gurung", "Tamang", "Islam", "Perera", "Santos", "Reyes", "Thapa", "Khan", "Silva", "Rai", "Magar", "Bose",
    ];
    (0..n)
        .map(|i| {
            [
                format!("{prefix}{i}"),
                given[i % 12].to_string(),
                format!(
                    "{}{}",
                    sur[(i / 12) % 12],
                    if i >= 144 {
                        format!("-{}", i / 144)
                    } else {
                        String::new()
                    }
                ),
                String::new(),
                format!("{}-{:02}-{:02}", 1960 + i % 40, 1 + i % 12, 1 + (i * 7) % 28),
                if i % 2 == 0 { "M" } else { "F" }.to_string(),
                ["NP", "BD", "IN", "LK", "PH", "PK"][i % 6].to_string(),
                format!("P{:07}", 1_000_000 + i * 37),
            ]
        })
        .collect()
}

/// Every pair scoring at least 0.5, without the one-to-one constraint.
fn link(c: &Config, left: &Records, right: Option<&Records>) -> (Vec<Scored>, Summary) {
    let opts = Options {
        threshold: 0.5,
        one_to_one: false,
    };
    run(c, left, right, opts, &|_: Stage| {}).unwrap()
}

fn as_refs(v: &[[String; 8]]) -> Vec<[&str; 8]> {
    v.iter().map(|r| std::array::from_fn(|k| r[k].as_str())).collect()
}

#[test]
fn finds_a_transliterated_swapped_record_and_explains_it() {
    let c = Config::default_worker();
    let mut l = crowd(300, "L");
    let mut r = crowd(300, "R");
    l.push([
        "L-x".into(),
        "Mohammad".into(),
        "Hossain".into(),
        "".into(),
        "1991-04-12".into(),
        "M".into(),
        "BD".into(),
        "BX1234567".into(),
    ]);
    r.push([
        "R-x".into(),
        "".into(),
        "".into(),
        "HUSSAIN Md.".into(),
        "12.04.1991".into(),
        "m".into(),
        "BD".into(),
        "8X1234567".into(),
    ]);
    let (left, right) = (records(&c, &as_refs(&l)), records(&c, &as_refs(&r)));
    let (pairs, summary) = link(&c, &left, Some(&right));
    let found = pairs
        .iter()
        .find(|p| left.ids[p.left as usize] == "L-x")
        .expect("the pair is found");
    assert_eq!(right.ids[found.right as usize], "R-x");
    assert!(found.probability > 0.99, "{found:?}");
    let why = explain(&summary.model, found);
    assert_eq!(why.iter().find(|w| w.0 == "passport").unwrap().1, "ocr_equal");
    assert_eq!(why.iter().find(|w| w.0 == "name").unwrap().1, "exact");
    // Every crowd member finds their twin and nobody else.
    let correct = pairs
        .iter()
        .filter(|p| left.ids[p.left as usize][1..] == right.ids[p.right as usize][1..])
        .count();
    assert_eq!(correct, 301);
    assert_eq!(pairs.len(), 301, "false links: {}", pairs.len() - correct);
    assert!(summary.rules.iter().map(|r| r.pairs).sum::<u64>() >= 301);
}

#[test]
fn namesakes_with_placeholder_dates_are_not_linked_on_name_and_date_alone() {
    let c = Config::default_worker();
    let mut l = crowd(400, "L");
    let mut r = crowd(400, "R");
    for k in 0..30 {
        l.push([
            format!("Lmd{k}"),
            "Md".into(),
            "Rahman".into(),
            "".into(),
            "1990-01-01".into(),
            "M".into(),
            "BD".into(),
            format!("A{:07}", 5_000_000 + k),
        ]);
        r.push([
            format!("Rmd{k}"),
            "Mohammad".into(),
            "Rahman".into(),
            "".into(),
            "1990-01-01".into(),
            "M".into(),
            "BD".into(),
            format!("Z{:07}", 9_000_000 + k * 13),
        ]);
    }
    let (left, right) = (records(&c, &as_refs(&l)), records(&c, &as_refs(&r)));
    let (pairs, _) = link(&c, &left, Some(&right));
    let namesakes = pairs
        .iter()
        .filter(|p| left.ids[p.left as usize].starts_with("Lmd"))
        .count();
    assert_eq!(
        namesakes, 0,
        "different passports, common name and 1 January must not link"
    );
}

#[test]
fn dedupe_finds_a_repeated_identity() {
    let c = Config::default_worker();
    let mut l = crowd(300, "L");
    l.push([
        "dup".into(),
        "Bikash".into(),
        "Gurung".into(),
        "".into(),
        "1985-07-03".into(),
        "M".into(),
        "NP".into(),
        "NP7777777".into(),
    ]);
    l.push([
        "dup2".into(),
        "Bikas".into(),
        "Gurung".into(),
        "".into(),
        "1985-03-07".into(),
        "M".into(),
        "NP".into(),
        "NP7777777".into(),
    ]);
    let recs = records(&c, &as_refs(&l));
    let (pairs, _) = link(&c, &recs, None);
    assert!(
        pairs
            .iter()
            .any(|p| recs.ids[p.left as usize] == "dup" && recs.ids[p.right as usize] == "dup2")
    );
    assert!(pairs.iter().all(|p| p.left < p.right));
}
