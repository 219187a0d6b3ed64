//! The person index against the batch engine: a record added to the index is compared with each
//! candidate exactly as `link run` compares the pair; records are replaced and removed in place;
//! keys added one by one find what a bulk load finds; and pairs judged different are left out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_linkage::config::Config;
use pathways_linkage::index::{Index, Params};
use pathways_linkage::link::{Options, explain, run};
use pathways_linkage::prepare::{Preparer, Records};

/// The index's header order for the default configuration.
fn header(config: &Config) -> Vec<String> {
    config.columns().iter().map(|c| c.to_string()).collect()
}

/// `n` people with a spread of names, dates and passports; the record of person `i` in register
/// `side` varies a little (a typo, another date format, a renewed passport) by `side`.
fn person(i: usize, side: usize) -> Vec<String> {
    let given = [
        "Ram", "Sita", "Karim", "Anil", "Rina", "Jose", "Maria", "Bikash", "Nasrin", "Tariq",
    ];
    let sur = [
        "Gurung", "Tamang", "Islam", "Perera", "Santos", "Reyes", "Thapa", "Khan", "Silva", "Rai",
    ];
    let mut g = given[i % 10].to_string();
    if side == 1 && i.is_multiple_of(3) {
        g.push('h');
    }
    let dob = if side == 1 && i.is_multiple_of(5) {
        format!("{:02}.{:02}.{}", 1 + (i * 7) % 28, 1 + i % 12, 1960 + i % 40)
    } else {
        format!("{}-{:02}-{:02}", 1960 + i % 40, 1 + i % 12, 1 + (i * 7) % 28)
    };
    let passport = if side == 1 && i.is_multiple_of(4) {
        format!("R{:07}", i)
    } else {
        format!("P{:07}", i)
    };
    vec![
        format!("{}{i}", ["L", "R"][side]),
        g,
        format!("{}{}", sur[(i / 10) % 10], i / 100),
        String::new(),
        dob,
        ["M", "F"][i % 2].to_string(),
        ["NP", "BD", "IN", "LK"][i % 4].to_string(),
        passport,
    ]
}

fn rows(n: usize, side: usize) -> Vec<(u64, csv::StringRecord)> {
    (0..n)
        .map(|i| (i as u64 + 2, csv::StringRecord::from(person(i, side))))
        .collect()
}

fn records(config: &Config, rows: &[(u64, csv::StringRecord)]) -> Records {
    let p = Preparer::new(config, &header(config)).unwrap();
    let mut out = Records::default();
    p.prepare(rows, &mut out).unwrap();
    out
}

#[test]
fn a_query_compares_each_candidate_as_the_batch_run_does() {
    let config = Config::default_worker();
    let (left, right) = (rows(3000, 0), rows(3000, 1));
    let (l, r) = (records(&config, &left), records(&config, &right));
    let opts = Options {
        threshold: 0.0,
        one_to_one: false,
    };
    let (pairs, summary) = run(&config, &l, Some(&r), opts, &|_| {}).unwrap();
    let params = Params::from_model(&summary.model, summary.estimated_matches, r.len());
    params.check(&config).unwrap();
    let mut index = Index::new(&config).unwrap();
    index.upsert(&left).unwrap();
    assert_eq!(index.len(), 3000);
    // Every batch pair of a few right records is a hit of the query with the same levels.
    let (mut checked, mut strong) = (0, 0);
    for j in (0..3000).step_by(97) {
        let found = index.query(&right[j].1, &params, 0.0, 1000, &|_| false).unwrap();
        for p in pairs.iter().filter(|p| p.right as usize == j) {
            let id = l.ids[p.left as usize].as_str();
            let hit = found
                .hits
                .iter()
                .find(|h| h.id == id)
                .unwrap_or_else(|| panic!("R{j} ~ {id} not found"));
            let want: Vec<String> = explain(&summary.model, p)
                .into_iter()
                .map(|(_, level, _)| level)
                .collect();
            let got: Vec<String> = hit.fields.iter().map(|a| a.level.clone()).collect();
            assert_eq!(got, want, "R{j} ~ {id}");
            checked += 1;
        }
        // The true partner is the strongest hit, and most are certain.
        assert_eq!(
            found.hits.first().map(|h| h.id.as_str()),
            Some(format!("L{j}").as_str())
        );
        if found.hits[0].probability > 0.99 {
            strong += 1;
        }
    }
    assert!(checked > 31, "{checked}");
    assert!(strong >= 28, "{strong} of 31");
}

#[test]
fn records_are_replaced_and_removed_in_place_and_one_by_one_finds_what_bulk_finds() {
    let config = Config::default_worker();
    let params = {
        let (l, r) = (records(&config, &rows(2000, 0)), records(&config, &rows(2000, 1)));
        let opts = Options {
            threshold: 0.5,
            one_to_one: false,
        };
        let (_, s) = run(&config, &l, Some(&r), opts, &|_| {}).unwrap();
        Params::from_model(&s.model, s.estimated_matches, 2000)
    };
    let left = rows(9000, 0);
    let mut bulk = Index::new(&config).unwrap();
    bulk.upsert(&left).unwrap();
    // One by one: the recent keys are merged into the sorted lists several times on the way.
    let mut single = Index::new(&config).unwrap();
    for row in &left {
        single.upsert(std::slice::from_ref(row)).unwrap();
    }
    let right = rows(9000, 1);
    for j in (0..9000).step_by(211) {
        let a = bulk.query(&right[j].1, &params, 0.01, 50, &|_| false).unwrap();
        let b = single.query(&right[j].1, &params, 0.01, 50, &|_| false).unwrap();
        assert_eq!(a.hits, b.hits, "R{j}");
    }
    // A record's own id is never its own candidate.
    let own = bulk.query(&left[10].1, &params, 0.01, 50, &|_| false).unwrap();
    assert!(own.hits.iter().all(|h| h.id != "L10"));
    // Replacing L10 by another person: R10 no longer finds it, the index keeps its size.
    let mut other = person(5555, 0);
    other[0] = "L10".into();
    bulk.upsert(&[(2, csv::StringRecord::from(other))]).unwrap();
    assert_eq!(bulk.len(), 9000);
    let found = bulk.query(&right[10].1, &params, 0.5, 50, &|_| false).unwrap();
    assert!(found.hits.iter().all(|h| h.id != "L10"), "{:?}", found.hits);
    // Removed: gone from every answer.
    assert!(bulk.remove("L20") && !bulk.remove("L20"));
    assert_eq!(bulk.len(), 8999);
    let found = bulk.query(&right[20].1, &params, 0.0, 50, &|_| false).unwrap();
    assert!(found.hits.iter().all(|h| h.id != "L20"));
    // A pair judged different is left out; the others stay.
    let before = bulk.query(&right[30].1, &params, 0.5, 50, &|_| false).unwrap();
    assert_eq!(before.hits[0].id, "L30");
    let after = bulk.query(&right[30].1, &params, 0.5, 50, &|id| id == "L30").unwrap();
    assert!(after.hits.iter().all(|h| h.id != "L30"));
}

#[test]
fn the_shipped_parameters_fit_the_default_configuration_and_link_a_renewed_passport() {
    let config = Config::default_worker();
    let params = Params::default_worker().unwrap();
    params.check(&config).unwrap();
    let mut index = Index::new(&config).unwrap();
    index.upsert(&rows(1000, 0)).unwrap();
    // Person 8: given name as before, passport renewed (R…), date in another format.
    let found = index.query(&rows(1000, 1)[8].1, &params, 0.5, 5, &|_| false).unwrap();
    assert_eq!(found.hits[0].id, "L8");
    let passport = found.hits[0].fields.iter().find(|a| a.field == "passport").unwrap();
    assert_eq!(passport.level, "edits<=1");
}

#[test]
fn parameters_that_do_not_fit_the_configuration_are_refused() {
    let config = Config::default_worker();
    let (l, r) = (records(&config, &rows(500, 0)), records(&config, &rows(500, 1)));
    let opts = Options {
        threshold: 0.5,
        one_to_one: false,
    };
    let (_, s) = run(&config, &l, Some(&r), opts, &|_| {}).unwrap();
    let good = Params::from_model(&s.model, s.estimated_matches, 500);
    let mut fewer = good.clone();
    fewer.fields.pop();
    let mut zero = good.clone();
    zero.fields[0].u[1] = 1.5;
    let mut renamed = good.clone();
    renamed.fields[1].name = "birth".into();
    for (bad, why) in [(fewer, "fields"), (zero, "probabilities"), (renamed, "do not fit")] {
        let err = bad.check(&config).unwrap_err().to_string();
        assert!(err.contains(why), "{err}");
    }
}
