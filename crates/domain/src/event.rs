//! Consultations and workshops: an event of the mapping exercise with its participants, agenda,
//! notes (Markdown), decisions, follow-ups with owners and due dates, and the findings raised there,
//! tagged by economy and by stage or theme so that the analysis can take them up.

use serde::{Deserialize, Serialize};

use crate::vocab::{REGION, Vocabulary};
use crate::wording::say;
use crate::{Problem, dataset::is_slug};

pub const EVENT_KINDS: [&str; 4] = [
    "bilateral_consultation",
    "national_consultation",
    "regional_workshop",
    "high_level_meeting",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// An institution of the map (id), or its name as written when the map does not hold it.
    #[serde(default)]
    pub institution: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub action: String,
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// One of the six economies, or `WB6` for the region.
    pub economy: String,
    /// A stage or theme code.
    pub stage: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub kind: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(default)]
    pub place: String,
    /// The economies taking part (all six for a regional workshop).
    pub economies: Vec<String>,
    /// Institutions of the map that took part (ids).
    #[serde(default)]
    pub institutions: Vec<String>,
    #[serde(default)]
    pub persons: Vec<Person>,
    #[serde(default)]
    pub agenda: String,
    /// Markdown; shown rendered without any HTML of its own.
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    #[serde(default)]
    pub findings: Vec<Finding>,
}

pub use crate::date::is_date;

impl Event {
    /// The economy that owns the event for permissions: the one economy of a bilateral or
    /// national consultation; `None` (analysts only) for events of several economies.
    pub fn owner(&self) -> Option<&str> {
        match self.economies.as_slice() {
            [one] => Some(one.as_str()),
            _ => None,
        }
    }

    /// Every problem, each naming its field (and entry number for lists).
    pub fn validate(&self, vocab: &Vocabulary, institution_exists: &dyn Fn(&str) -> bool) -> Vec<Problem> {
        let mut out = vec![];
        if !EVENT_KINDS.contains(&self.kind.as_str()) {
            out.push(Problem::field(
                "kind",
                say(
                    "not-one-of",
                    &[("value", &self.kind), ("allowed", &EVENT_KINDS.join(", "))],
                ),
            ));
        }
        if self.title.trim().is_empty() {
            out.push(Problem::field("title", say("title-required", &[])));
        }
        if !is_date(&self.date) {
            out.push(Problem::field("date", say("not-date", &[("value", &self.date)])));
        }
        if self.economies.is_empty() {
            out.push(Problem::field("economies", say("economies-required", &[])));
        }
        for e in &self.economies {
            if !vocab.is_economy(e) {
                out.push(Problem::field("economies", say("not-economy", &[("value", e)])));
            }
        }
        for i in &self.institutions {
            if !is_slug(i) || !institution_exists(i) {
                out.push(Problem::field(
                    "institutions",
                    say("not-map-institution", &[("value", i)]),
                ));
            }
        }
        for (n, p) in self.persons.iter().enumerate() {
            if p.name.trim().is_empty() {
                out.push(Problem::field(
                    &format!("persons[{}]", n + 1),
                    say("participant-name", &[]),
                ));
            }
        }
        for (n, f) in self.follow_ups.iter().enumerate() {
            let at = format!("follow_ups[{}]", n + 1);
            if f.action.trim().is_empty() || f.owner.trim().is_empty() {
                out.push(Problem::field(&at, say("follow-up-required", &[])));
            }
            if !is_date(&f.due) {
                out.push(Problem::field(&at, say("due-date-not-date", &[("value", &f.due)])));
            }
        }
        for (n, f) in self.findings.iter().enumerate() {
            let at = format!("findings[{}]", n + 1);
            if f.economy != REGION && !self.economies.contains(&f.economy) {
                out.push(Problem::field(
                    &at,
                    say(
                        "not-event-economy",
                        &[("value", &f.economy), ("economies", &self.economies.join(", "))],
                    ),
                ));
            }
            if vocab.stage(&f.stage).is_none() {
                out.push(Problem::field(&at, say("not-stage", &[("value", &f.stage)])));
            }
            if f.text.trim().is_empty() {
                out.push(Problem::field(&at, say("finding-text", &[])));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in ["2026-02-28", "2024-02-29", "2026-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-04-31", ""] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
