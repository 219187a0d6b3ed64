//! The joint regional roadmap and its validation: a roadmap action (what, why, who, when, how we
//! know it worked, how far it is), a progress update reported by a focal point, and the items and
//! ratings of a Delphi-style validation exercise. Only the shapes and their rules live here; the
//! statistics are in `analysis::consensus`.

use crate::wording::say;
use serde::{Deserialize, Serialize};

use crate::Problem;
use crate::event::is_date;
use crate::vocab::{REGION, Vocabulary};

/// Kinds of action, as the programme's terms of reference list them.
pub const ACTION_TYPES: [&str; 6] = [
    "legal",
    "institutional",
    "operational",
    "digital",
    "capacity",
    "coo_cooperation",
];

/// The completion scale of the OGP Independent Reporting Mechanism (without "no evidence
/// available", which is what an action without updates shows).
pub const STATUSES: [&str; 4] = ["not_started", "limited", "substantial", "complete"];

pub fn status_label(s: &str) -> &'static str {
    match s {
        "not_started" => "Not started",
        "limited" => "Limited",
        "substantial" => "Substantial",
        "complete" => "Complete",
        _ => "No evidence available",
    }
}

pub fn type_label(s: &str) -> &'static str {
    match s {
        "legal" => "Legal",
        "institutional" => "Institutional",
        "operational" => "Operational",
        "digital" => "Digital",
        "capacity" => "Capacity",
        "coo_cooperation" => "Cooperation with Countries of Origin",
        _ => "Other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// The day it was reached, when it was.
    #[serde(default)]
    pub done_on: Option<String>,
}

/// How a roadmap indicator knows its actual value: typed in by whoever reports, or read from the
/// platform's own data each time it is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionIndicator {
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    #[serde(default)]
    pub actual: Option<f64>,
    /// `score:<ECONOMY>:<INDICATOR CODE>` (an indicator score of the framework, 0–100),
    /// `economies:<INDICATOR CODE>` (how many economies score it complete) or
    /// `observation:<INDICATOR CODE>` (the latest reported total of a statistic).
    #[serde(default)]
    pub binding: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapAction {
    pub title: String,
    pub rationale: String,
    /// Stage or theme codes of the validated priority areas the action answers.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Keys of the findings it answers.
    #[serde(default)]
    pub findings: Vec<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// One of the six economies, or `WB6` for a regional action.
    pub scope: String,
    /// The lead institution (an institution of the map, id) of an economy's action.
    #[serde(default)]
    pub lead: Option<String>,
    /// Countries-of-Origin authorities, EU agencies, international organisations.
    #[serde(default)]
    pub partners: Vec<String>,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Codes of the shipped EU alignment references.
    #[serde(default)]
    pub alignment: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<ActionIndicator>,
    pub status: String,
    /// The catalogue intervention it was drafted from.
    #[serde(default)]
    pub from_catalogue: Option<String>,
    /// Seeded by `serve --demo`: shown as demo content everywhere.
    #[serde(default)]
    pub demo: bool,
}

/// Whole months from `start` to `end` (both `YYYY-MM-DD`), rounding a part month up.
pub fn months_between(start: &str, end: &str) -> Option<i64> {
    let p = |s: &str| -> Option<(i64, i64, i64)> {
        if !is_date(s) {
            return None;
        }
        Some((s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..].parse().ok()?))
    };
    let ((y1, m1, d1), (y2, m2, d2)) = (p(start)?, p(end)?);
    let months = (y2 - y1) * 12 + (m2 - m1) + i64::from(d2 > d1);
    Some(months)
}

/// Short (up to 12 months), medium (up to 24) or long, from the action's dates.
pub fn timeframe(start: &str, end: &str) -> &'static str {
    match months_between(start, end) {
        Some(m) if m <= 12 => "short",
        Some(m) if m <= 24 => "medium",
        Some(_) => "long",
        None => "unknown",
    }
}

impl RoadmapAction {
    /// The economy that owns the action for permissions; `None` for a regional action.
    pub fn owner(&self) -> Option<&str> {
        (self.scope != REGION).then_some(self.scope.as_str())
    }

    pub fn timeframe(&self) -> &'static str {
        timeframe(&self.start, &self.end)
    }

    /// Every problem, each naming its field.
    pub fn validate(
        &self,
        vocab: &Vocabulary,
        alignment_exists: &dyn Fn(&str) -> bool,
        institution_of: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<Problem> {
        let mut out = vec![];
        if self.title.trim().is_empty() {
            out.push(Problem::field("title", say("title-required", &[])));
        }
        if self.rationale.trim().is_empty() {
            out.push(Problem::field("rationale", say("rationale-required", &[])));
        }
        if !ACTION_TYPES.contains(&self.kind.as_str()) {
            out.push(Problem::field(
                "type",
                say(
                    "not-one-of",
                    &[("value", &self.kind), ("allowed", &ACTION_TYPES.join(", "))],
                ),
            ));
        }
        if self.scope != REGION && !vocab.is_economy(&self.scope) {
            out.push(Problem::field("scope", say("not-scope", &[("value", &self.scope)])));
        }
        match (&self.lead, self.owner()) {
            (Some(l), Some(e)) => match institution_of(l) {
                None => out.push(Problem::field("lead", say("not-map-institution", &[("value", l)]))),
                Some(owner) if !owner.eq_ignore_ascii_case(e) => out.push(Problem::field(
                    "lead",
                    say(
                        "institution-of-other",
                        &[("value", l), ("owner", &owner), ("economy", e)],
                    ),
                )),
                Some(_) => {}
            },
            (None, Some(_)) => out.push(Problem::field("lead", say("lead-required", &[]))),
            (Some(l), None) if institution_of(l).is_none() => {
                out.push(Problem::field("lead", say("not-map-institution", &[("value", l)])))
            }
            _ => {}
        }
        for (f, d) in [("start", &self.start), ("end", &self.end)] {
            if !is_date(d) {
                out.push(Problem::field(f, say("not-date", &[("value", d)])));
            }
        }
        if is_date(&self.start) && is_date(&self.end) && self.end < self.start {
            out.push(Problem::field("end", say("ends-before-start", &[])));
        }
        for p in &self.priorities {
            if vocab.stage(p).is_none() {
                out.push(Problem::field("priorities", say("not-stage", &[("value", p)])));
            }
        }
        for a in &self.alignment {
            if !alignment_exists(a) {
                out.push(Problem::field("alignment", say("not-alignment", &[("value", a)])));
            }
        }
        for (n, m) in self.milestones.iter().enumerate() {
            let at = format!("milestones[{}]", n + 1);
            if m.title.trim().is_empty() {
                out.push(Problem::field(&at, say("milestone-title", &[])));
            }
            if !is_date(&m.due) {
                out.push(Problem::field(&at, say("due-not-date", &[("value", &m.due)])));
            }
            if let Some(d) = &m.done_on
                && !is_date(d)
            {
                out.push(Problem::field(&at, say("done-not-date", &[("value", d)])));
            }
        }
        for (n, i) in self.indicators.iter().enumerate() {
            let at = format!("indicators[{}]", n + 1);
            if i.name.trim().is_empty() {
                out.push(Problem::field(&at, say("indicator-name", &[])));
            }
            if let Some(b) = &i.binding
                && !binding_is_well_formed(b, vocab)
            {
                out.push(Problem::field(&at, say("bad-binding", &[("value", b)])));
            }
        }
        if !STATUSES.contains(&self.status.as_str()) {
            out.push(Problem::field(
                "status",
                say(
                    "not-one-of",
                    &[("value", &self.status), ("allowed", &STATUSES.join(", "))],
                ),
            ));
        }
        out
    }

    /// Milestones past their due date and not reached, as of `today`.
    pub fn overdue<'a>(&'a self, today: &str) -> Vec<&'a Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.done_on.is_none() && m.due.as_str() < today)
            .collect()
    }
}

fn binding_is_well_formed(b: &str, vocab: &Vocabulary) -> bool {
    let parts: Vec<&str> = b.split(':').collect();
    match parts.as_slice() {
        ["score", e, code] => vocab.is_economy(e) && !code.is_empty(),
        ["observation", code] | ["economies", code] => !code.is_empty(),
        _ => false,
    }
}

/// A progress report on an action by a focal point (their economy's actions) or an analyst: the
/// status reached, what was done, the evidence, milestones reached and indicator values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    pub status: String,
    pub note: String,
    /// A link or a document reference.
    #[serde(default)]
    pub evidence: String,
    /// Titles of milestones reached with this update.
    #[serde(default)]
    pub milestones_done: Vec<String>,
    /// New actual values by indicator name (for indicators not bound to platform data).
    #[serde(default)]
    pub actuals: Vec<(String, f64)>,
}

impl ProgressUpdate {
    pub fn validate(&self, action: &RoadmapAction) -> Vec<Problem> {
        let mut out = vec![];
        if !STATUSES.contains(&self.status.as_str()) {
            out.push(Problem::field(
                "status",
                say(
                    "not-one-of",
                    &[("value", &self.status), ("allowed", &STATUSES.join(", "))],
                ),
            ));
        }
        if self.note.trim().is_empty() {
            out.push(Problem::field("note", say("note-required", &[])));
        }
        if self.status != "not_started" && self.evidence.trim().is_empty() {
            out.push(Problem::field("evidence", say("evidence-required", &[])));
        }
        for m in &self.milestones_done {
            if !action.milestones.iter().any(|x| &x.title == m) {
                out.push(Problem::field("milestones_done", say("not-milestone", &[("value", m)])));
            }
        }
        for (name, _) in &self.actuals {
            match action.indicators.iter().find(|i| &i.name == name) {
                None => out.push(Problem::field(
                    "actuals",
                    say("not-action-indicator", &[("value", name)]),
                )),
                Some(i) if i.binding.is_some() => {
                    out.push(Problem::field("actuals", say("bound-indicator", &[("value", name)])))
                }
                Some(_) => {}
            }
        }
        out
    }
}

/// A reference an action may be aligned with (`data/roadmap/alignment.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    pub code: String,
    /// `EU` or `International`.
    pub family: String,
    pub title: String,
    /// The instrument as cited: "Directive (EU) 2024/1233".
    pub reference: String,
    pub summary: String,
    pub source: String,
    pub confidence: String,
}

/// A typical intervention of the catalogue (`data/roadmap/catalogue.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervention {
    pub id: String,
    pub title: String,
    pub kind: String,
    /// Stage and theme codes whose gaps it answers.
    pub answers: Vec<String>,
    pub description: String,
    pub alignment: Vec<String>,
    /// A practice of a Country of Origin or a standard showing it works elsewhere.
    pub practice: String,
    pub partners: Vec<String>,
    pub months: u32,
    /// Milestones with their month after the start.
    pub milestones: Vec<(String, u32)>,
    /// The framework indicator whose score tells whether the gap closed.
    pub indicator: String,
    /// Empty: the programme's own proposal, not a documented practice.
    pub source: String,
    pub confidence: String,
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

const ALIGNMENT_FILE: &str = "roadmap/alignment.csv";
const CATALOGUE_FILE: &str = "roadmap/catalogue.csv";

fn at(file: &str, line: u64, field: &str, message: impl Into<String>) -> Problem {
    Problem {
        file: file.into(),
        line: Some(line),
        field: Some(field.into()),
        message: message.into(),
    }
}

pub fn parse_alignment(text: &str) -> Result<Vec<Alignment>, Vec<Problem>> {
    let mut problems = vec![];
    let cols = [
        "code",
        "family",
        "title",
        "reference",
        "summary",
        "source",
        "confidence",
    ];
    let mut out: Vec<Alignment> = vec![];
    for (line, r) in crate::dataset::csv_rows(ALIGNMENT_FILE, text, &cols, &mut problems) {
        if r[0].is_empty() || r[2].is_empty() || r[3].is_empty() {
            problems.push(at(
                ALIGNMENT_FILE,
                line,
                "code",
                "a reference needs a code, a title and the instrument",
            ));
            continue;
        }
        if r[5].is_empty() {
            problems.push(at(ALIGNMENT_FILE, line, "source", "every reference carries its source"));
        }
        if !["high", "medium", "low"].contains(&r[6].as_str()) {
            problems.push(at(ALIGNMENT_FILE, line, "confidence", "high, medium or low"));
        }
        if out.iter().any(|a| a.code == r[0]) {
            problems.push(at(ALIGNMENT_FILE, line, "code", format!("`{}` is listed twice", r[0])));
        }
        out.push(Alignment {
            code: r[0].clone(),
            family: r[1].clone(),
            title: r[2].clone(),
            reference: r[3].clone(),
            summary: r[4].clone(),
            source: r[5].clone(),
            confidence: r[6].clone(),
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

pub fn parse_catalogue(
    text: &str,
    alignment: &[Alignment],
    vocab: &Vocabulary,
) -> Result<Vec<Intervention>, Vec<Problem>> {
    let mut problems = vec![];
    let cols = [
        "id",
        "title",
        "type",
        "answers",
        "description",
        "alignment",
        "practice",
        "partners",
        "months",
        "milestones",
        "indicator",
        "source",
        "confidence",
    ];
    let mut out: Vec<Intervention> = vec![];
    for (line, r) in crate::dataset::csv_rows(CATALOGUE_FILE, text, &cols, &mut problems) {
        let f = CATALOGUE_FILE;
        if r[0].is_empty() || r[1].is_empty() {
            problems.push(at(f, line, "id", "an intervention needs an id and a title"));
            continue;
        }
        if !ACTION_TYPES.contains(&r[2].as_str()) {
            problems.push(at(
                f,
                line,
                "type",
                format!("`{}` is not one of {}", r[2], ACTION_TYPES.join(", ")),
            ));
        }
        let answers = list(&r[3]);
        if answers.is_empty() {
            problems.push(at(
                f,
                line,
                "answers",
                "say which stage or theme the intervention answers",
            ));
        }
        for a in &answers {
            if vocab.stage(a).is_none() {
                problems.push(at(f, line, "answers", format!("`{a}` is not a stage or theme")));
            }
        }
        let refs = list(&r[5]);
        for a in &refs {
            if !alignment.iter().any(|x| &x.code == a) {
                problems.push(at(f, line, "alignment", format!("`{a}` is not in {ALIGNMENT_FILE}")));
            }
        }
        let months = r[8].parse::<u32>().unwrap_or(0);
        if months == 0 {
            problems.push(at(f, line, "months", format!("`{}` is not a number of months", r[8])));
        }
        let mut milestones = vec![];
        for m in list(&r[9]) {
            match m
                .rsplit_once('@')
                .and_then(|(t, n)| Some((t.trim().to_string(), n.trim().parse::<u32>().ok()?)))
            {
                Some((t, n)) if !t.is_empty() && n <= months => milestones.push((t, n)),
                _ => problems.push(at(
                    f,
                    line,
                    "milestones",
                    format!("`{m}` is not title@month within the intervention's {months} months"),
                )),
            }
        }
        if !["high", "medium", "low"].contains(&r[12].as_str()) {
            problems.push(at(f, line, "confidence", "high, medium or low"));
        }
        if out.iter().any(|i| i.id == r[0]) {
            problems.push(at(f, line, "id", format!("`{}` is listed twice", r[0])));
        }
        out.push(Intervention {
            id: r[0].clone(),
            title: r[1].clone(),
            kind: r[2].clone(),
            answers,
            description: r[4].clone(),
            alignment: refs,
            practice: r[6].clone(),
            partners: list(&r[7]),
            months,
            milestones,
            indicator: r[10].clone(),
            source: r[11].clone(),
            confidence: r[12].clone(),
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// One delegate's answer on one item in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub item: String,
    /// 1 (not a priority / disagree entirely) to 9 (essential / agree entirely).
    pub rating: u8,
    /// `agree`, `disagree` or `amend`.
    pub stance: String,
    /// The wording proposed, with `amend`.
    #[serde(default)]
    pub amendment: String,
    #[serde(default)]
    pub comment: String,
}

pub const STANCES: [&str; 3] = ["agree", "disagree", "amend"];

impl Rating {
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = vec![];
        let at = format!("ratings[{}]", self.item);
        if !(1..=9).contains(&self.rating) {
            out.push(Problem::field(
                &at,
                format!("rating {} is not between 1 and 9", self.rating),
            ));
        }
        // The form pre-chooses no position, so as not to lead: the delegate must choose one.
        if self.stance.is_empty() {
            out.push(Problem::field(&at, "choose a position: agree, disagree or amend"));
        } else if !STANCES.contains(&self.stance.as_str()) {
            out.push(Problem::field(
                &at,
                format!("`{}` is not agree, disagree or amend", self.stance),
            ));
        }
        if self.stance == "amend" && self.amendment.trim().is_empty() {
            out.push(Problem::field(&at, "an amendment needs the wording proposed"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeframes_follow_the_dates() {
        assert_eq!(timeframe("2027-01-01", "2027-12-31"), "short");
        assert_eq!(timeframe("2027-01-01", "2028-12-31"), "medium");
        assert_eq!(timeframe("2027-01-01", "2029-06-30"), "long");
        assert_eq!(months_between("2027-01-15", "2028-01-15"), Some(12));
        assert_eq!(months_between("2027-01-15", "2028-01-16"), Some(13));
        assert_eq!(timeframe("2027-13-01", "2028-01-01"), "unknown");
    }

    #[test]
    fn ratings_are_one_to_nine_and_amendments_say_what() {
        let r = Rating {
            item: "f1".into(),
            rating: 10,
            stance: "amend".into(),
            amendment: " ".into(),
            comment: String::new(),
        };
        let p = r.validate();
        assert_eq!(p.len(), 2, "{p:?}");
    }
}
