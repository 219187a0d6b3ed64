//! Benchmarks for the questionnaire engine (run: `cargo bench -p pathways-xlsform`): reading a
//! 1,000-question XLSForm, and re-evaluating a response after one change, on a 200-question page
//! and on the whole 1,000-question form. Prints median and 90th-percentile times.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use pathways_xlsform::engine::{Answers, Engine, Env};

/// A form of `pages` groups of 200 questions: integers with constraints, selects with filters,
/// text with skip logic on the previous answers, a calculation every 10 questions, two languages.
fn form(pages: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("survey").unwrap();
    let header = [
        "type",
        "name",
        "label::English (en)",
        "label::Shqip (sq)",
        "required",
        "relevant",
        "constraint",
        "constraint_message::English (en)",
        "calculation",
        "choice_filter",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 1u32;
    let mut row = |cells: &[&str]| {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
        r += 1;
    };
    for p in 0..pages {
        row(&[
            "begin group",
            &format!("page{p}"),
            &format!("Page {p}"),
            &format!("Faqja {p}"),
        ]);
        for q in 0..200 {
            let name = format!("q{p}_{q}");
            let prev = format!("q{p}_{}", q.max(1) - 1);
            match q % 10 {
                0 => row(&[
                    "integer",
                    &name,
                    "How many?",
                    "Sa?",
                    "yes",
                    "",
                    ". >= 0 and . <= 1000",
                    "0 to 1000",
                ]),
                1 | 2 => row(&[
                    "select_one sector",
                    &name,
                    "Sector",
                    "Sektori",
                    "",
                    &format!("${{{prev}}} != ''"),
                ]),
                3 => row(&[
                    "select_one subsector",
                    &name,
                    "Subsector",
                    "Nënsektori",
                    "",
                    "",
                    "",
                    "",
                    "",
                    &format!("sector = ${{{prev}}}"),
                ]),
                4 => row(&[
                    "text",
                    &name,
                    "Details",
                    "Detaje",
                    "",
                    &format!("selected(${{{prev}}}, 'fruit')"),
                ]),
                5 => row(&["date", &name, "Date", "Data", "", "", ". <= today()"]),
                6 | 7 => row(&[
                    "decimal",
                    &name,
                    "Share",
                    "Pjesa",
                    "",
                    &format!("${{q{p}_{}}} > 3", q - q % 10),
                ]),
                8 => row(&[
                    "calculate",
                    &name,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    &format!("${{q{p}_{}}} + ${{q{p}_{}}}", q - 2, q - 1),
                ]),
                _ => row(&[
                    "text",
                    &name,
                    "Comment",
                    "Koment",
                    "",
                    &format!("${{q{p}_{}}} > 1", q - 1),
                ]),
            }
        }
        row(&["end group", ""]);
    }
    let ch = wb.add_worksheet().set_name("choices").unwrap();
    for (c, h) in [
        "list_name",
        "name",
        "label::English (en)",
        "label::Shqip (sq)",
        "sector",
    ]
    .iter()
    .enumerate()
    {
        ch.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 1u32;
    for s in 0..10 {
        for (c, v) in [
            "sector",
            &format!("s{s}"),
            &format!("Sector {s}"),
            &format!("Sektori {s}"),
            "",
        ]
        .iter()
        .enumerate()
        {
            ch.write_string(r, c as u16, *v).unwrap();
        }
        r += 1;
        for k in 0..5 {
            for (c, v) in ["subsector", &format!("s{s}_{k}"), "Sub", "Nën", &format!("s{s}")]
                .iter()
                .enumerate()
            {
                ch.write_string(r, c as u16, *v).unwrap();
            }
            r += 1;
        }
    }
    wb.save_to_buffer().unwrap()
}

fn answers(pages: usize) -> Answers {
    let mut a = Answers::default();
    for p in 0..pages {
        for q in 0..200 {
            let v = match q % 10 {
                0 => "5".to_string(),
                1 | 2 => "s1".to_string(),
                3 => "s1_2".to_string(),
                5 => "2025-05-01".to_string(),
                6 | 7 => "0.5".to_string(),
                8 => continue,
                _ => "some words".to_string(),
            };
            a.values.insert(format!("page{p}/q{p}_{q}"), v);
        }
    }
    a
}

fn report(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];
    println!(
        "{what}: median {:.2} ms, p90 {:.2} ms ({} runs)",
        median * 1e3,
        p90 * 1e3,
        times.len()
    );
}

fn main() {
    let env = Env {
        today: 20_000,
        now: 20_000.0 * 86_400.0,
        uuid: String::new(),
        language: "English (en)".into(),
    };
    let big = form(5);
    println!("1,000-question XLSForm: {} bytes", big.len());
    let times: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let f = pathways_xlsform::read(&big).unwrap();
            assert_eq!(f.questions().count(), 1000);
            t.elapsed().as_secs_f64()
        })
        .collect();
    report("read and check a 1,000-question XLSForm", times);
    let parsed = pathways_xlsform::read(&big).unwrap();
    let times: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let xml = pathways_xlsform::xform::xform(&parsed, "bench").unwrap();
            assert!(xml.len() > 100_000);
            t.elapsed().as_secs_f64()
        })
        .collect();
    report("write the XForm of a 1,000-question form", times);

    for pages in [1usize, 5] {
        let engine = Engine::new(&pathways_xlsform::read(&form(pages)).unwrap());
        let mut a = answers(pages);
        let times: Vec<f64> = (0..200)
            .map(|i| {
                // One change, then the whole response is evaluated again.
                a.values.insert("page0/q0_0".into(), (i % 9).to_string());
                let t = Instant::now();
                let s = engine.evaluate(&a, &env);
                let took = t.elapsed().as_secs_f64();
                assert_eq!(s.questions.len(), 200 * pages);
                took
            })
            .collect();
        report(
            &format!("re-evaluate after one change, {} questions", 200 * pages),
            times,
        );
    }
}
