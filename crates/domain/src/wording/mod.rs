//! The English wording of the problems the domain finds in a record (a map record, an event, a
//! roadmap action or report, a screening case or decision) and of the refusals the use cases
//! give a role (`refuse-*`), by id — the one place that
//! text is written. [`say`] fills a wording with its values; the interface says the same problem
//! in the reader's language: its message files carry `problem-<id>` with the same `{ $name }`
//! values, and [`recognise`] reads a problem's English back into its id and values.
//!
//! Invariant: every wording reads back as itself — where two wordings fit a message the one with
//! more fixed words wins, and a value never swallows the words around it (a test fills each with
//! sample values and reads it back).

mod checks;
mod imports;
mod records;
mod refusals;
mod use_cases;

/// Every wording: each id with its English, `{name}` where a value goes.
pub fn texts() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    records::TEXTS
        .iter()
        .chain(refusals::TEXTS)
        .chain(use_cases::TEXTS)
        .chain(imports::TEXTS)
        .chain(checks::TEXTS)
}

/// The English wording `id` with its values filled in; the id itself for an unknown one (so a
/// missing wording is noticed, not silent).
pub fn say(id: &str, values: &[(&str, &str)]) -> String {
    let Some((_, text)) = texts().find(|(i, _)| *i == id) else {
        return id.to_string();
    };
    let mut out = (*text).to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A refusal ending with why it applies to `p`, by their role: "you may not edit data of RS (you
/// are a focal point for AL)". The reason is a wording of its own, so that the whole is said in
/// the reader's words ([`reasoned`] takes it apart again).
pub fn refusal(refused: &str, p: &crate::Principal) -> String {
    let scope = p.economy.as_deref().unwrap_or_default();
    let reason = match p.role {
        crate::Role::FocalPoint => say("reason-focal-point", &[("economy", scope)]),
        crate::Role::CaseOfficer => say("reason-case-officer", &[("economy", scope)]),
        crate::Role::CooLiaison => say("reason-coo-liaison", &[("country", scope)]),
        crate::Role::Viewer => say("reason-viewer", &[]),
        crate::Role::Analyst => say("reason-analyst", &[]),
        crate::Role::Admin => say("reason-admin", &[]),
    };
    format!("{refused} ({reason})")
}

/// A message made by [`refusal`], as its refusal and its reason — each one of [`texts`].
pub fn reasoned(message: &str) -> Option<(&str, &str)> {
    let inner = message.strip_suffix(')')?;
    inner.rmatch_indices(" (").find_map(|(at, _)| {
        let (refused, reason) = (&inner[..at], &inner[at + 2..]);
        (recognise(refused).is_some() && recognise(reason).is_some()).then_some((refused, reason))
    })
}

/// A wording split into its literal pieces and the names between them:
/// `"`{a}` is {b}"` → `(["`", "` is ", ""], ["a", "b"])`.
fn pieces(text: &str) -> (Vec<&str>, Vec<&str>) {
    let mut lits = vec![];
    let mut names = vec![];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        lits.push(&rest[..open]);
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    lits.push(rest);
    (lits, names)
}

/// A wording taken apart once, for reading messages back.
struct Parsed {
    id: &'static str,
    lits: Vec<&'static str>,
    names: Vec<&'static str>,
    /// The length of its fixed words: where two wordings fit, the longer was said.
    fixed: usize,
}

/// Every wording taken apart, once per process: a page may read dozens of messages back.
fn parsed() -> &'static [Parsed] {
    static PARSED: std::sync::OnceLock<Vec<Parsed>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        texts()
            .map(|(id, text)| {
                let (lits, names) = pieces(text);
                let fixed = lits.iter().map(|l| l.len()).sum();
                Parsed { id, lits, names, fixed }
            })
            .collect()
    })
}

/// The id and values of a problem's English message, if it is one of [`texts`].
pub fn recognise(message: &str) -> Option<(&'static str, Vec<(String, String)>)> {
    // Where two wordings fit ("`x` is not one of {allowed}" and "`x` is not one of the six
    // economies"), the one with more fixed words is the one that was said.
    parsed()
        .iter()
        .filter_map(|w| read(w, message).map(|values| (w.fixed, w.id, values)))
        .max_by_key(|(n, _, _)| *n)
        .map(|(_, id, values)| (id, values))
}

/// The values of `message` if it is the wording `w` filled in.
fn read(w: &Parsed, message: &str) -> Option<Vec<(String, String)>> {
    let (lits, names) = (&w.lits, &w.names);
    let mut rest = message.strip_prefix(lits[0])?;
    let mut values = vec![];
    for (k, name) in names.iter().enumerate() {
        let next = lits[k + 1];
        let value = if k + 1 == names.len() {
            // The last value runs to the closing words.
            rest.strip_suffix(next)?
        } else {
            &rest[..rest.find(next)?]
        };
        // A value never holds half a parenthesis: one that does ran on into the words after it.
        if value.is_empty() || !balanced(value) {
            return None;
        }
        values.push((name.to_string(), value.to_string()));
        rest = &rest[value.len() + next.len()..];
    }
    rest.is_empty().then_some(values)
}

/// Whether every parenthesis in `value` closes one opened before it.
fn balanced(value: &str) -> bool {
    let mut open = 0usize;
    for c in value.chars() {
        match c {
            '(' => open += 1,
            ')' if open == 0 => return false,
            ')' => open -= 1,
            _ => {}
        }
    }
    open == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wording_reads_back_as_itself() {
        for (id, text) in texts() {
            let (_, names) = pieces(text);
            let values: Vec<(&str, String)> = names.iter().map(|n| (*n, format!("v-{n} 1"))).collect();
            let borrowed: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let message = say(id, &borrowed);
            let (found, read) = recognise(&message).unwrap_or_else(|| panic!("{id}: {message}"));
            assert_eq!(found, *id, "{message}");
            let expect: Vec<(String, String)> = values.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
            assert_eq!(read, expect, "{id}");
        }
        let ids: std::collections::BTreeSet<&str> = texts().map(|(i, _)| *i).collect();
        assert_eq!(ids.len(), texts().count(), "ids are unique");
    }

    #[test]
    fn a_refusal_reads_back_as_its_refusal_and_its_reason() {
        let p = crate::Principal {
            user_id: "u".into(),
            email: "fp@al".into(),
            role: crate::Role::FocalPoint,
            economy: Some("AL".into()),
        };
        let m = refusal(&say("refuse-data-edit", &[("owner", "RS")]), &p);
        assert_eq!(m, "you may not edit data of RS (you are a focal point for AL)");
        assert_eq!(
            reasoned(&m),
            Some(("you may not edit data of RS", "you are a focal point for AL"))
        );
        // Parentheses that are the wording's own are not a reason.
        assert_eq!(reasoned(&say("refuse-import-data", &[])), None);
        assert_eq!(reasoned("you may not (do this)"), None);
    }

    #[test]
    fn other_text_is_not_recognised_and_an_unknown_id_shows() {
        assert_eq!(recognise("something else entirely"), None);
        assert_eq!(recognise("is required, or not"), None);
        assert_eq!(say("no-such-id", &[]), "no-such-id");
        // A value does not run on past a closing parenthesis into the next item of a list.
        assert_eq!(
            recognise("names alike (similarity at least 0.94), different names (a, b)"),
            None
        );
        assert_eq!(
            recognise("`2024-13` is not a date (YYYY-MM-DD)"),
            Some(("not-date", vec![("value".into(), "2024-13".into())]))
        );
    }
}
