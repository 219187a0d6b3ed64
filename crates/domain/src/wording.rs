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

/// Each problem's id and its English wording, with `{name}` where a value goes.
pub const TEXTS: &[(&str, &str)] = &[
    ("required", "is required"),
    ("source-required", "a source (URL or document) is required"),
    ("source-date", "`{date}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("unknown-economy", "unknown economy code `{code}`"),
    ("unknown-owner", "unknown economy or country code `{code}`"),
    ("unknown-stage", "unknown stage or theme `{code}`"),
    (
        "missing-institution",
        "refers to institution `{id}`, which does not exist",
    ),
    ("unknown-institution-kind", "unknown institution kind `{code}`"),
    ("outside-scale", "{value} is outside the 1–5 scale"),
    ("not-url", "`{value}` is not an http(s) URL"),
    ("unknown-relationship-kind", "unknown relationship kind `{code}`"),
    ("same-institution", "a relationship needs two different institutions"),
    ("neither-belongs", "neither institution belongs to `{code}`"),
    ("unknown-permit-type", "unknown permit type `{code}`"),
    ("unknown-indicator", "unknown indicator `{code}`"),
    (
        "not-period",
        "`{value}` is not a period (YYYY, YYYY-MM, YYYY-S1, YYYY-Q1 or YYYY-MM/YYYY-MM)",
    ),
    ("unknown-citizenship", "unknown citizenship code `{code}`"),
    ("unknown-sector", "unknown sector code `{code}`"),
    ("unknown-sex", "unknown sex code `{code}` (use _T, M or F)"),
    (
        "not-pathway-id",
        "`{value}` is not a pathway id (use _T, or an id such as rs-single-employment)",
    ),
    ("not-non-negative", "{value} is not a non-negative number"),
    ("unknown-flag", "unknown flag `{code}` (use p, e or b)"),
    ("unknown-mode", "unknown mode `{code}` (use digital, paper or mixed)"),
    (
        "unknown-needs-looked-in",
        "an unknown practice must say where it was looked for",
    ),
    ("not-origin", "`{code}` is not one of the Countries of Origin"),
    ("unknown-category", "unknown category `{code}`"),
    ("title-required", "a title is required"),
    (
        "rationale-required",
        "say which priorities and findings the action answers",
    ),
    ("not-one-of", "`{value}` is not one of {allowed}"),
    ("not-scope", "`{value}` is neither WB6 nor one of the six economies"),
    ("not-map-institution", "`{value}` is not an institution of the map"),
    (
        "institution-of-other",
        "`{value}` is an institution of {owner}, not of {economy}",
    ),
    (
        "lead-required",
        "an economy's action needs a lead institution from the map",
    ),
    ("not-date", "`{value}` is not a date (YYYY-MM-DD)"),
    ("ends-before-start", "the action ends before it starts"),
    ("not-stage", "`{value}` is not a stage or theme"),
    (
        "not-alignment",
        "`{value}` is not in the list of EU alignment references",
    ),
    ("milestone-title", "a milestone needs a title"),
    ("due-not-date", "due `{value}` is not a date (YYYY-MM-DD)"),
    ("done-not-date", "done on `{value}` is not a date (YYYY-MM-DD)"),
    ("indicator-name", "an indicator needs a name"),
    (
        "bad-binding",
        "binding `{value}` is none of score:<ECONOMY>:<CODE>, economies:<CODE>, observation:<CODE>",
    ),
    ("note-required", "say what was done"),
    (
        "evidence-required",
        "progress needs its evidence (a link or a document reference)",
    ),
    ("not-milestone", "`{value}` is not a milestone of this action"),
    ("not-action-indicator", "`{value}` is not an indicator of this action"),
    (
        "bound-indicator",
        "`{value}` is read from the platform's data and cannot be typed in",
    ),
    ("economies-required", "at least one economy takes part"),
    ("not-economy", "`{value}` is not one of the six economies"),
    ("participant-name", "a participant needs a name"),
    ("follow-up-required", "a follow-up needs an action and an owner"),
    ("due-date-not-date", "due date `{value}` is not a date (YYYY-MM-DD)"),
    (
        "not-event-economy",
        "`{value}` is neither WB6 nor an economy of this event ({economies})",
    ),
    ("finding-text", "a finding needs its text"),
    (
        "reason-required",
        "a decision needs at least one reason code (see the decision reasons)",
    ),
    ("not-reason", "`{value}` is not a decision reason"),
    ("reason-not-for", "“{value}” is not a reason for this decision"),
    (
        "decision-note-required",
        "say in your own words why: the note goes with the reasons to the applicant's file",
    ),
    (
        "case-name-required",
        "a case needs the given name and surname, or the full name as in the passport",
    ),
    (
        "not-birth-date",
        "`{value}` is not a date (YYYY-MM-DD) or a year (YYYY)",
    ),
    ("case-sex", "`{value}`: F, M or X (or empty when unknown)"),
    (
        "not-country",
        "`{value}` is not a country code (ISO 3166-1 alpha-2) of the vocabulary",
    ),
    (
        "passport-number",
        "`{value}`: the passport number, letters and digits only (up to 20)",
    ),
    ("contract-ends-before-start", "the contract ends before it starts"),
    ("mrz-lines", "{value} lines: a passport MRZ has two"),
    (
        "not-pathway",
        "`{value}` is not a legal pathway of {economy} in the map",
    ),
    ("isco", "`{value}`: an ISCO-08 unit group has four digits"),
    // Refusals: why a role may not do what it asked (`AppError::Forbidden`).
    (
        "refuse-verification",
        "verification requests are the case officers' and the CoO liaisons'",
    ),
    (
        "refuse-create-case",
        "only the economy's case officers create its cases",
    ),
    (
        "refuse-list-cases",
        "cases are listed for their economy's case officers only",
    ),
    (
        "refuse-other-cases",
        "you screen the cases of {economy}, not of {other}",
    ),
    (
        "refuse-publish-figures",
        "screening figures are published by analysts and admins",
    ),
    (
        "refuse-identity-links",
        "an economy's case officers review its identity links",
    ),
    ("refuse-purge", "purges are run by admins and by the server"),
    (
        "refuse-export-cases",
        "an economy's cases are exported by its case officers",
    ),
    (
        "refuse-agency-list",
        "a Country of Origin's agency list is loaded by its liaisons and by case officers",
    ),
    (
        "refuse-load-registers",
        "only {scope}'s case officers load its registers",
    ),
    (
        "refuse-train",
        "an economy's case officers (or an admin) train its linkage parameters",
    ),
    (
        "refuse-set-rules",
        "the screening rules of {economy} are set by its case officers",
    ),
    (
        "refuse-read-rules",
        "an economy's screening rules are read by its case officers, analysts and admins",
    ),
    ("refuse-import-cases", "an economy's case officers import its cases"),
    ("refuse-manage-keys", "the deployment's administrators manage its keys"),
    (
        "refuse-read-keys",
        "the keys are the administrators' and the case officers'",
    ),
    ("refuse-create-token", "you may only create tokens for yourself"),
    ("refuse-list-tokens", "you may only list your own tokens"),
    (
        "refuse-read-event",
        "you may not read this event (economies {economies})",
    ),
    ("refuse-event-files", "you may not read this event's files"),
    ("refuse-draft-action", "only analysts draft roadmap actions"),
    (
        "refuse-edit-action",
        "only analysts edit roadmap actions; focal points report progress",
    ),
    ("refuse-delete-action", "only analysts delete roadmap actions"),
    (
        "refuse-report-progress",
        "you may not report progress on an action of {economy}",
    ),
    (
        "refuse-report-progress-region",
        "you may not report progress on an action of the region (analysts report on regional actions)",
    ),
    ("refuse-run-exercise", "only analysts run validation exercises"),
    (
        "refuse-rate",
        "only the delegates invited to this exercise rate its items",
    ),
    (
        "refuse-import-data",
        "you may not import data (viewers cannot make changes)",
    ),
    ("refuse-change-data", "you may not change data of {economy}"),
    ("refuse-round-responses", "you may not read the responses of this round"),
    ("refuse-decide-findings", "only analysts and admins decide on findings"),
    ("refuse-list-users", "only admins may list users"),
    ("refuse-disable-users", "only admins may disable or enable users"),
    ("refuse-audit-log", "only admins and analysts may read the audit log"),
];

/// The English wording `id` with its values filled in; the id itself for an unknown one (so a
/// missing wording is noticed, not silent).
pub fn say(id: &str, values: &[(&str, &str)]) -> String {
    let Some((_, text)) = TEXTS.iter().find(|(i, _)| *i == id) else {
        return id.to_string();
    };
    let mut out = (*text).to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
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

/// The id and values of a problem's English message, if it is one of [`TEXTS`].
pub fn recognise(message: &str) -> Option<(&'static str, Vec<(String, String)>)> {
    // Where two wordings fit ("`x` is not one of {allowed}" and "`x` is not one of the six
    // economies"), the one with more fixed words is the one that was said.
    let fixed = |text: &str| pieces(text).0.iter().map(|l| l.len()).sum::<usize>();
    TEXTS
        .iter()
        .filter_map(|(id, text)| read(text, message).map(|values| (fixed(text), *id, values)))
        .max_by_key(|(n, _, _)| *n)
        .map(|(_, id, values)| (id, values))
}

/// The values of `message` if it is `text` filled in.
fn read(text: &str, message: &str) -> Option<Vec<(String, String)>> {
    let (lits, names) = pieces(text);
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
        if value.is_empty() {
            return None;
        }
        values.push((name.to_string(), value.to_string()));
        rest = &rest[value.len() + next.len()..];
    }
    rest.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wording_reads_back_as_itself() {
        for (id, text) in TEXTS {
            let (_, names) = pieces(text);
            let values: Vec<(&str, String)> = names.iter().map(|n| (*n, format!("v-{n} 1"))).collect();
            let borrowed: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let message = say(id, &borrowed);
            let (found, read) = recognise(&message).unwrap_or_else(|| panic!("{id}: {message}"));
            assert_eq!(found, *id, "{message}");
            let expect: Vec<(String, String)> = values.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
            assert_eq!(read, expect, "{id}");
        }
        let ids: std::collections::BTreeSet<&str> = TEXTS.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids.len(), TEXTS.len(), "ids are unique");
    }

    #[test]
    fn other_text_is_not_recognised_and_an_unknown_id_shows() {
        assert_eq!(recognise("something else entirely"), None);
        assert_eq!(recognise("is required, or not"), None);
        assert_eq!(say("no-such-id", &[]), "no-such-id");
        assert_eq!(
            recognise("`2024-13` is not a date (YYYY-MM-DD)"),
            Some(("not-date", vec![("value".into(), "2024-13".into())]))
        );
    }
}
