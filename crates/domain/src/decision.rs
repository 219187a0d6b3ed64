//! A case officer's decision on a work-permit application: which decision, the reasons (codes of
//! `data/screening/decision_reasons.csv`, each allowed for some decisions only) and the note in
//! the officer's words.
//!
//! Invariants: no decision without at least one reason and a note; no reason given for a decision
//! it does not fit (a grant is not "document false"); no unknown reason code. The checks decide
//! nothing here: they are recorded beside the decision as what the officer saw.

use serde::Serialize;

use crate::Problem;
use crate::dataset::csv_rows;
use crate::screening::CaseDecision;
use crate::wording::say;

/// Where the shipped reasons live, for problems that name the file.
pub const REASONS_FILE: &str = "screening/decision_reasons.csv";

/// A reason an officer may give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionReason {
    pub code: String,
    pub label: String,
    /// The decisions this reason may be given for.
    pub decisions: Vec<CaseDecision>,
    pub description: String,
}

/// Reads the reasons list; every problem names its line and column.
pub fn parse_reasons(text: &str) -> Result<Vec<DecisionReason>, Vec<Problem>> {
    let mut problems = vec![];
    let mut out: Vec<DecisionReason> = vec![];
    let rows = csv_rows(
        REASONS_FILE,
        text,
        &["code", "label", "decisions", "description"],
        &mut problems,
    );
    for (line, r) in rows {
        let at = |field: &str, message: String| Problem {
            file: REASONS_FILE.into(),
            line: Some(line),
            field: Some(field.into()),
            message,
        };
        if r[0].is_empty()
            || !r[0]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            problems.push(at(
                "code",
                format!("`{}` is not a code (lower-case letters, digits, _)", r[0]),
            ));
        } else if out.iter().any(|x| x.code == r[0]) {
            problems.push(at("code", format!("`{}` is listed twice", r[0])));
        }
        if r[1].is_empty() {
            problems.push(at("label", "a reason needs a label".into()));
        }
        let mut decisions = vec![];
        for d in r[2].split(';').map(str::trim).filter(|d| !d.is_empty()) {
            match d.parse::<CaseDecision>() {
                Ok(d) => decisions.push(d),
                Err(e) => problems.push(at("decisions", e.to_string())),
            }
        }
        if decisions.is_empty() && !r[2].is_empty() {
            continue;
        }
        if decisions.is_empty() {
            problems.push(at("decisions", "name the decisions this reason fits".into()));
        }
        out.push(DecisionReason {
            code: r[0].clone(),
            label: r[1].clone(),
            decisions,
            description: r[3].clone(),
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// What an officer submits, checked against the reasons list: the problems, by field; none when
/// the decision may be recorded.
pub fn check(decision: CaseDecision, reasons: &[String], note: &str, list: &[DecisionReason]) -> Vec<Problem> {
    let mut problems = vec![];
    if reasons.is_empty() {
        problems.push(Problem::field("reasons", say("reason-required", &[])));
    }
    for code in reasons {
        match list.iter().find(|r| &r.code == code) {
            None => problems.push(Problem::field("reasons", say("not-reason", &[("value", code)]))),
            Some(r) if !r.decisions.contains(&decision) => {
                problems.push(Problem::field("reasons", say("reason-not-for", &[("value", &r.label)])))
            }
            Some(_) => {}
        }
    }
    if note.trim().is_empty() {
        problems.push(Problem::field("note", say("decision-note-required", &[])));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../data/screening/decision_reasons.csv");

    #[test]
    fn the_shipped_reasons_read_and_every_decision_has_some() {
        let list = parse_reasons(SHIPPED).unwrap();
        for d in CaseDecision::ALL {
            assert!(list.iter().filter(|r| r.decisions.contains(d)).count() >= 2, "{d}");
        }
        assert!(list.iter().any(|r| r.code == "other" && r.decisions.len() == 3));
    }

    #[test]
    fn a_bad_reasons_file_is_refused_with_line_and_column() {
        let text = "code,label,decisions,description\nok,Fine,grant,\nok,Again,refuse,\nBad Code,,approve,\n";
        let problems = parse_reasons(text).unwrap_err();
        let at: Vec<(Option<u64>, Option<&str>)> = problems.iter().map(|p| (p.line, p.field.as_deref())).collect();
        assert_eq!(
            at,
            [
                (Some(3), Some("code")),
                (Some(4), Some("code")),
                (Some(4), Some("label")),
                (Some(4), Some("decisions"))
            ]
        );
        assert!(problems[1].to_string().contains("Bad Code"));
    }

    #[test]
    fn a_decision_needs_fitting_reasons_and_a_note() {
        let list = parse_reasons(SHIPPED).unwrap();
        let fields = |p: Vec<Problem>| p.into_iter().map(|p| p.field.unwrap_or_default()).collect::<Vec<_>>();
        assert_eq!(fields(check(CaseDecision::Refuse, &[], "", &list)), ["reasons", "note"]);
        assert_eq!(
            fields(check(CaseDecision::Grant, &["document_false".into()], "fine", &list)),
            ["reasons"]
        );
        assert_eq!(
            fields(check(CaseDecision::Refuse, &["nope".into()], "x", &list)),
            ["reasons"]
        );
        assert!(check(CaseDecision::Refuse, &["document_false".into()], "Forged stamp.", &list).is_empty());
    }
}
