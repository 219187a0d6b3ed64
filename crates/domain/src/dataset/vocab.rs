//! The code lists of the dataset (`data/vocab/`): economies with their footnotes, countries,
//! stages, institution and relationship kinds, permit types, sectors and indicators, each row
//! checked (codes are slugs, references resolve) with file and line.

use std::collections::{BTreeMap, HashSet};

use super::read_csv;
use crate::Problem;
use crate::locale::Locale;
use crate::vocab::{Code, Economy, Indicator, Publication, Stage, TRANSLATED_LISTS, Vocabulary, Words};

/// The locales that have a translation file of the code lists (English is the lists themselves;
/// Serbian Cyrillic is derived from Serbian Latin).
pub const TRANSLATION_FILES: &[(Locale, &str)] = &[
    (Locale::Sq, "vocab/i18n/sq.csv"),
    (Locale::SrLatn, "vocab/i18n/sr-Latn.csv"),
    (Locale::Mk, "vocab/i18n/mk.csv"),
    (Locale::Bs, "vocab/i18n/bs.csv"),
    (Locale::Cnr, "vocab/i18n/cnr.csv"),
];

/// The words of the codes in the other languages: every row names a list and a code that exist.
fn read_translations(files: &BTreeMap<String, String>, v: &mut Vocabulary, problems: &mut Vec<Problem>) {
    for (locale, f) in TRANSLATION_FILES {
        let Some(text) = files.get(*f) else {
            continue;
        };
        let mut words = BTreeMap::new();
        let cols = ["list", "code", "label", "description"];
        read_csv(f, text, &cols, &cols[..3], problems, |r| {
            let list = r.req("list");
            let code = r.req("code");
            if !TRANSLATED_LISTS.contains(&list.as_str()) {
                r.problem(
                    "list",
                    format!("`{list}` is not one of {}", TRANSLATED_LISTS.join(", ")),
                );
            } else if !v.codes_of(&list).contains(&code.as_str()) {
                r.problem("code", format!("`{code}` is not a code of vocab/{list}.csv"));
            }
            let w = Words {
                label: r.req("label"),
                description: r.get("description").unwrap_or_default(),
            };
            if words.insert((list.clone(), code.clone()), w).is_some() {
                r.problem("code", format!("`{code}` of {list} is translated twice"));
            }
        });
        v.translations.insert(*locale, words);
    }
}

pub(super) fn read_vocab(files: &BTreeMap<String, String>, problems: &mut Vec<Problem>) -> Vocabulary {
    let mut v = Vocabulary::default();
    let text = |name: &str, problems: &mut Vec<Problem>| -> String {
        files.get(name).cloned().unwrap_or_else(|| {
            problems.push(Problem {
                file: name.into(),
                line: None,
                field: None,
                message: "file is missing".into(),
            });
            String::new()
        })
    };
    let f = "vocab/economies.csv";
    let cols = ["code", "name", "display_name", "footnote"];
    read_csv(f, &text(f, problems), &cols, &cols[..3], problems, |r| {
        let code = r.req("code");
        let name = r.req("name");
        v.economies.push(Economy {
            code,
            name,
            display_name: r.req("display_name"),
            footnote: r.get("footnote").unwrap_or_default(),
        });
    });
    let f = "vocab/countries.csv";
    read_csv(
        f,
        &text(f, problems),
        &["code", "label", "origin"],
        &["code", "label"],
        problems,
        |r| {
            let code = r.req("code");
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                r.problem("code", format!("`{code}` is not an ISO 3166-1 alpha-2 code"));
            }
            if r.yes_no("origin") == Some(true) {
                v.origins.push(code.clone());
            }
            v.countries.push(Code {
                code,
                label: r.req("label"),
                description: String::new(),
            });
        },
    );
    let f = "vocab/stages.csv";
    read_csv(
        f,
        &text(f, problems),
        &["code", "label", "theme", "description"],
        &["code", "label", "theme"],
        problems,
        |r| {
            let code = r.req("code");
            let theme = r.yes_no("theme").unwrap_or(false);
            v.stages.push(Stage {
                code,
                label: r.req("label"),
                description: r.get("description").unwrap_or_default(),
                theme,
            });
        },
    );
    for (f, list) in [
        ("vocab/institution_kinds.csv", &mut v.institution_kinds),
        ("vocab/relationship_kinds.csv", &mut v.relationship_kinds),
        ("vocab/permit_types.csv", &mut v.permit_types),
        ("vocab/sectors.csv", &mut v.sectors),
    ] {
        read_csv(
            f,
            &text(f, problems),
            &["code", "label", "description"],
            &["code", "label"],
            problems,
            |r| {
                list.push(Code {
                    code: r.req("code"),
                    label: r.req("label"),
                    description: r.get("description").unwrap_or_default(),
                });
            },
        );
    }
    let f = "vocab/indicators.csv";
    let cols = ["code", "label", "measure", "unit", "definition", "continues"];
    read_csv(f, &text(f, problems), &cols, &cols[..5], problems, |r| {
        let measure = r.req("measure");
        // `register`: computed by Pathways from a screening register (counts, medians) — never
        // a headline statistic, never summed with the others.
        if !["flow", "stock", "quota", "register"].contains(&measure.as_str()) {
            r.problem("measure", format!("`{measure}` is not flow, stock, quota or register"));
        }
        v.indicators.push(Indicator {
            code: r.req("code"),
            label: r.req("label"),
            definition: r.req("definition"),
            unit: r.req("unit"),
            measure,
            continues: r.get("continues"),
        });
    });
    for (i, ind) in v.indicators.iter().enumerate() {
        if let Some(c) = &ind.continues
            && !v.indicators.iter().any(|x| &x.code == c && x.code != ind.code)
        {
            problems.push(Problem {
                file: f.into(),
                line: Some(i as u64 + 2),
                field: Some("continues".into()),
                message: format!("`{c}` is not another indicator of this file"),
            });
        }
    }
    let f = "publication.csv";
    let cols = ["funder", "implementer", "disclaimer"];
    let mut rows = 0;
    read_csv(f, &text(f, problems), &cols, &cols[2..], problems, |r| {
        rows += 1;
        if rows > 1 {
            r.problem("funder", "the file holds one row: the attribution of every document");
        }
        v.publication = Publication {
            funder: r.get("funder").unwrap_or_default(),
            implementer: r.get("implementer").unwrap_or_default(),
            disclaimer: r.req("disclaimer"),
        };
    });
    read_translations(files, &mut v, problems);
    // A code defined twice would make every later lookup ambiguous.
    let mut dup = |file: &str, codes: Vec<&str>| {
        let mut seen = HashSet::new();
        for c in codes {
            if !seen.insert(c) {
                problems.push(Problem {
                    file: file.into(),
                    line: None,
                    field: Some("code".into()),
                    message: format!("code `{c}` is defined twice"),
                });
            }
        }
    };
    dup(
        "vocab/economies.csv",
        v.economies.iter().map(|e| e.code.as_str()).collect(),
    );
    dup(
        "vocab/countries.csv",
        v.countries.iter().map(|e| e.code.as_str()).collect(),
    );
    dup("vocab/stages.csv", v.stages.iter().map(|e| e.code.as_str()).collect());
    dup(
        "vocab/indicators.csv",
        v.indicators.iter().map(|e| e.code.as_str()).collect(),
    );
    v
}
