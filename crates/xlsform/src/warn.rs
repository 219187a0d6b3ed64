//! What a form does that works but deserves a second look — where pyxform warns, Pathways warns
//! too, placed by sheet, row and column: older spellings of types, columns no tool reads, choices
//! and repeats without a label, languages without a code or missing a column others have, names
//! that differ only in case, and device metadata or photos that cost field teams dearly.
//! Warnings never refuse a form and are not part of it: a form written back reads the same.

use std::collections::{BTreeSet, HashMap};

use crate::model::{ContainerKind, Form, Item, Kind, is_translatable, language_of};
use crate::problem::Problem;
use crate::sheet::Sheet;

/// Columns of the survey sheet that XLSForm tools read beyond those the model interprets
/// ([`crate::model::KNOWN_COLUMNS`]).
const ALSO_READ: &[&str] = &[
    "big-image",
    "autoplay",
    "note",
    "save_to",
    "sms_field",
    "intent",
    "rows",
    "list_name",
];

/// A type written in an older spelling, and the one to use.
pub(crate) fn older_spelling(written: &str) -> Option<&'static str> {
    let w = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if w.starts_with("select one from ") && !w.starts_with("select one from file ") {
        return Some("select_one");
    }
    if w.starts_with("select all that apply") {
        return Some("select_multiple");
    }
    if w.ends_with(" or specify other") || w.ends_with(" or other") {
        return Some("or_other");
    }
    if w.starts_with("begin loop") {
        return Some("begin repeat");
    }
    if w.starts_with("add ") || w.starts_with("q ") || w.starts_with("get ") || w == "gps" || w == "imei" {
        return Some("its current name (text, integer, geopoint, deviceid…)");
    }
    None
}

/// The warnings for a form read from these sheets; `types` holds each row's type as written.
pub(crate) fn warnings(form: &Form, survey: &Sheet, choices: Option<&Sheet>, types: &[(u32, String)]) -> Vec<Problem> {
    let mut out = vec![];
    for (row, t) in types {
        if let Some(now) = older_spelling(t) {
            out.push(survey.at(
                Some(*row),
                Some("type"),
                format!("`{t}` is an older spelling: write {now}"),
            ));
        }
    }
    for c in &survey.columns {
        let base = language_of(c).map_or(c.as_str(), |(b, _)| b);
        let namespaced = ["bind::", "body::", "control::", "instance::", "media::"]
            .iter()
            .any(|ns| c.starts_with(ns));
        let read = crate::model::KNOWN_COLUMNS.contains(&base) || ALSO_READ.contains(&base);
        if !namespaced && !read && !is_translatable(base) {
            out.push(survey.at(
                Some(1),
                Some(c),
                format!("`{c}` is not an XLSForm column: it is kept, but no form tool reads it"),
            ));
        }
    }
    // Names differing only in case confuse people and some exports.
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (_, it) in form.walk() {
        let row = Some(it.row().0);
        if let Some(first) = seen.get(&it.name().to_lowercase())
            && *first != it.name()
        {
            out.push(survey.at(
                row,
                Some("name"),
                format!("`{}` differs from `{first}` only in case", it.name()),
            ));
        }
        seen.entry(it.name().to_lowercase()).or_insert(it.name());
        match it {
            Item::Container(c) if c.kind == ContainerKind::Repeat => {
                if !c
                    .cells
                    .keys()
                    .any(|k| language_of(k).map_or(k.as_str(), |(b, _)| b) == "label")
                {
                    out.push(survey.at(row, Some("label"), format!("repeat `{}` has no label", c.name)));
                }
            }
            Item::Question(q) => {
                let name = q.kind.name();
                if name == "image" && !q.cells.get("parameters").is_some_and(|p| p.contains("max-pixels")) {
                    out.push(survey.at(
                        row,
                        Some("parameters"),
                        "set max-pixels (such as max-pixels=1024) so that photos send faster and take less space",
                    ));
                }
                if name == "subscriberid" || name == "simserial" {
                    out.push(survey.at(
                        row,
                        Some("type"),
                        format!("{name} is no longer available on most devices (only Collect on Android before 11)"),
                    ));
                }
            }
            Item::Container(_) => {}
        }
    }
    if let Some(ch) = choices {
        for list in &form.choices {
            for c in &list.choices {
                if !c
                    .cells
                    .keys()
                    .any(|k| language_of(k).map_or(k.as_str(), |(b, _)| b) == "label")
                {
                    out.push(ch.at(
                        Some(c.row.0),
                        Some("label"),
                        format!(
                            "choice `{}` of list `{}` has no label: its name will be shown",
                            c.name, list.name
                        ),
                    ));
                }
            }
        }
    }
    languages(form, survey, &mut out);
    out
}

/// Languages without a code, and languages missing a column the others have.
fn languages(form: &Form, survey: &Sheet, out: &mut Vec<Problem>) {
    let mut by_base: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut all: BTreeSet<&str> = BTreeSet::new();
    for c in &survey.columns {
        if let Some((base, lang)) = language_of(c)
            && is_translatable(base)
        {
            by_base.entry(base).or_default().insert(lang);
            all.insert(lang);
        }
    }
    let uncoded: Vec<&str> = all
        .iter()
        .copied()
        .filter(|l| !(l.ends_with(')') && l.contains('(')))
        .collect();
    if !uncoded.is_empty() {
        out.push(survey.at(
            Some(1),
            None,
            format!(
                "language(s) without a code: {} — write them as `English (en)` so that devices pick the right one",
                uncoded.join(", ")
            ),
        ));
    }
    let mut bases: Vec<_> = by_base.into_iter().collect();
    bases.sort();
    for (base, langs) in bases {
        for l in all.iter().filter(|l| !langs.contains(*l)) {
            out.push(survey.at(
                Some(1),
                None,
                format!("language `{l}` has no `{base}` column: those texts will show in another language"),
            ));
        }
    }
    let translated = !all.is_empty();
    let or_other = form.questions().any(|q| {
        matches!(
            q.kind,
            Kind::SelectOne { or_other: true, .. } | Kind::SelectMultiple { or_other: true, .. }
        )
    });
    if translated && or_other {
        out.push(survey.at(
            None,
            None,
            "or_other adds an 'Other' choice and a 'Specify other.' question in English only; add an `other` choice of your own to translate them",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_spellings_name_their_successor() {
        assert_eq!(older_spelling("select one from yn"), Some("select_one"));
        assert_eq!(older_spelling("select_one yn or specify other"), Some("or_other"));
        assert_eq!(
            older_spelling("q int"),
            Some("its current name (text, integer, geopoint, deviceid…)")
        );
        assert_eq!(older_spelling("select_one yn"), None);
        assert_eq!(older_spelling("select one from file a.csv"), None);
    }
}
