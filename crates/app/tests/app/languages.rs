//! The documents in the economies' languages: every locale's message file carries the English
//! ids with the same variables, every id the code asks for exists, and a country paper made in
//! a locale is written in it — headings, tables, charts, figures and the Kosovo* footnote —
//! while the English paper stays as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use pathways_app::App;
use pathways_app::words::ftl;
use pathways_domain::locale::Locale;
use pathways_intl::messages::{parse_errors, variables};
use pathways_reports::model::{Document, Section};

use crate::support::analyst;

#[test]
fn every_locale_has_every_document_message_with_the_same_variables() {
    let en = variables(&ftl(Locale::En));
    assert!(en.len() > 200, "{} messages", en.len());
    for l in Locale::ALL {
        let text = ftl(l);
        assert_eq!(parse_errors(&text), Vec::<String>::new(), "{}", l.tag());
        let other = variables(&text);
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", l.tag());
        let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{} has ids English lacks: {extra:?}", l.tag());
        for (id, vars) in &en {
            assert_eq!(Some(vars), other.get(id), "{}: variables of {id}", l.tag());
        }
    }
}

/// The ids the code asks for (`w!(app, "id"…)`, `Notice::new("id")`), read from the sources.
fn ids_in_code() -> BTreeSet<String> {
    // Every literal id of the catalogue's families (`w!(app, "paper-…")`, `Notice::new("notice-…")`).
    let re = regex::Regex::new(r#""((?:doc|paper|notice)-[a-z0-9_-]+)""#).unwrap();
    let mut out = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.extend(re.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_exists_in_english() {
    let en = variables(&ftl(Locale::En));
    let used = ids_in_code();
    assert!(used.len() > 150, "{} ids found in the code", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

fn headings(s: &Section, out: &mut Vec<String>) {
    out.push(s.title.clone());
    for sub in &s.subsections {
        headings(sub, out);
    }
}

fn all_headings(d: &Document) -> Vec<String> {
    let mut out = vec![];
    for s in &d.sections {
        headings(s, &mut out);
    }
    out
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

#[tokio::test]
async fn a_paper_in_serbian_cyrillic_is_written_in_it_and_the_english_one_is_not() {
    let app = App::in_memory().await.unwrap();
    let en = app.country_paper(&analyst(), "RS").await.unwrap();
    let sr = app
        .in_locale(Locale::SrCyrl)
        .country_paper(&analyst(), "RS")
        .await
        .unwrap();
    assert_eq!(sr.name, "country-RS.sr-Cyrl");
    assert_eq!(en.name, "country-RS");
    assert_eq!(sr.labels.lang, "sr-Cyrl");
    assert!(sr.title.starts_with("Србија"), "{}", sr.title);
    // Every heading is Cyrillic, and none is left in English.
    let (en_h, sr_h) = (all_headings(&en), all_headings(&sr));
    assert_eq!(en_h.len(), sr_h.len());
    for (e, s) in en_h.iter().zip(&sr_h) {
        assert!(has_cyrillic(s), "heading {s:?} (English {e:?})");
        assert_ne!(e, s);
    }
    // Table headers and captions too.
    let html = pathways_reports::html::render(&sr);
    for english in [
        "Institutions and their mandates",
        "Legal basis",
        "Evidence as of",
        "Contents",
        "Page",
    ] {
        assert!(!html.contains(english), "{english} left in English");
    }
    assert!(html.contains("<html lang=\"sr-Cyrl\""));
    assert!(html.contains("Институције и њихове надлежности"));
    // Figures as Serbian writes them: a point groups thousands.
    assert!(
        sr.texts().iter().any(|t| t.contains("19.645")),
        "thousands grouped with a point"
    );
    assert!(!sr.texts().iter().any(|t| t.contains("19,645")));
    // Months in words in Serbian.
    assert!(sr.texts().iter().any(|t| t.contains("фебруар")));
    // The English paper is untouched by the other's making.
    assert_eq!(
        pathways_reports::html::render(&en),
        pathways_reports::html::render(&app.country_paper(&analyst(), "RS").await.unwrap())
    );
    assert!(!pathways_reports::html::render(&en).contains("Србија"));
}

#[tokio::test]
async fn kosovo_papers_carry_the_footnote_in_each_language_of_the_economy() {
    let app = App::in_memory().await.unwrap();
    for (locale, name, words) in [
        (Locale::En, "Kosovo*", "1244/1999"),
        (Locale::Sq, "Kosova*", "KSKB"),
        (Locale::SrLatn, "Kosovo*", "Saveta bezbednosti"),
        (Locale::SrCyrl, "Косово*", "Савета безбедности"),
    ] {
        let doc = app.in_locale(locale).country_paper(&analyst(), "XK").await.unwrap();
        assert!(doc.title.starts_with(name), "{}: {}", locale.tag(), doc.title);
        assert_eq!(doc.labels.marked, name);
        assert!(
            doc.footnotes.iter().any(|f| f.contains(words) && f.contains("1244")),
            "{}: {:?}",
            locale.tag(),
            doc.footnotes
        );
    }
}

#[tokio::test]
async fn every_economy_has_its_paper_in_each_of_its_languages_without_english_headings() {
    let app = App::in_memory().await.unwrap();
    for e in &app.vocab().economies.clone() {
        let en = all_headings(&app.country_paper(&analyst(), &e.code).await.unwrap());
        for l in Locale::of_economy_all(&e.code) {
            let doc = app.in_locale(*l).country_paper(&analyst(), &e.code).await.unwrap();
            let h = all_headings(&doc);
            // Stage names are vocabulary; section headings are messages: none may be English.
            let same: Vec<&String> = h.iter().filter(|x| en.contains(x)).collect();
            assert!(same.is_empty(), "{} {}: {same:?}", e.code, l.tag());
            assert_eq!(doc.labels.lang, l.tag());
        }
    }
}

#[test]
fn every_dimension_and_indicator_has_its_words_in_every_locale() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/framework");
    let mut codes = vec![];
    for file in ["dimensions.csv", "indicators.csv"] {
        let mut r = csv::Reader::from_path(format!("{dir}/{file}")).unwrap();
        codes.extend(r.records().map(|x| x.unwrap()[0].to_string()));
    }
    assert!(codes.len() > 30);
    for l in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        for code in &codes {
            let words = pathways_app::analysis::framework_words(l, code);
            assert!(
                words.as_deref().is_some_and(|w| !w.is_empty()),
                "{} lacks {code}",
                l.tag()
            );
        }
    }
    assert_eq!(
        pathways_app::analysis::framework_words(Locale::SrCyrl, "coo").as_deref(),
        Some("Сарадња са земљама порекла")
    );
}

#[tokio::test]
async fn the_regional_analysis_is_written_in_each_locale() {
    let app = App::in_memory().await.unwrap();
    let en = app.regional_report(&analyst()).await.unwrap();
    let en_h = all_headings(&en);
    for l in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        let doc = app.in_locale(l).regional_report(&analyst()).await.unwrap();
        assert_eq!(doc.name, format!("regional.{}", l.tag()));
        let h = all_headings(&doc);
        assert_eq!(h.len(), en_h.len(), "{}", l.tag());
        let same: Vec<&String> = h.iter().filter(|x| en_h.contains(x)).collect();
        assert!(same.is_empty(), "{}: {same:?}", l.tag());
        assert!(doc.footnotes.iter().any(|f| f.contains("1244")), "{}", l.tag());
    }
    let sr = app.in_locale(Locale::SrCyrl).regional_report(&analyst()).await.unwrap();
    assert!(sr.title.starts_with("Радне миграције"), "{}", sr.title);
    let html = pathways_reports::html::render(&sr);
    for english in [
        "Shared vulnerabilities",
        "Data annex",
        "Every figure used",
        "no evidence",
        ">complete<",
    ] {
        assert!(!html.contains(english), "{english} left in English");
    }
}

#[test]
fn the_workbook_readers_problems_are_worded_so_they_can_be_translated() {
    // `pathways-sheets` knows no wording: its errors' English must be the wording's, word for word.
    use pathways_domain::wording::recognise;
    use pathways_sheets::SheetError as E;
    let cases = [
        (E::TooLarge { size: 9, limit: 8 }, "sheet-too-large"),
        (E::Unpacked { limit: 8 }, "sheet-unpacked"),
        (E::TooManyParts { limit: 8 }, "sheet-parts"),
        (E::TooManySheets { count: 9, limit: 8 }, "sheet-sheets"),
        (
            E::BeyondGrid {
                sheet: "cases".into(),
                cell: "ZZ9".into(),
                max_rows: 8,
                max_cols: 7,
            },
            "sheet-beyond-grid",
        ),
        (
            E::TooManyCells {
                sheet: "cases".into(),
                limit: 8,
            },
            "sheet-cells",
        ),
        (E::Unreadable("zip: bad header".into()), "sheet-unreadable"),
        (E::TooManyRows { line: 9, limit: 8 }, "sheet-rows"),
        (
            E::TooManyColumns {
                line: 2,
                count: 9,
                limit: 8,
            },
            "sheet-columns",
        ),
    ];
    for (e, id) in cases {
        assert_eq!(recognise(&e.to_string()).map(|(i, _)| i), Some(id), "{e}");
    }
}
