//! Provenance: where a fact comes from, when, and how much it can be trusted.
//!
//! Every fact Pathways shows carries one. A fact without a source is refused, and an *unknown*
//! practice must also say where it was looked for, so that a gap is a documented gap.

use serde::{Deserialize, Serialize};

use crate::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "high" => Some(Self::High),
            "medium" => Some(Self::Medium),
            "low" => Some(Self::Low),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// A URL or a document reference (several separated by " ; ").
    pub source: String,
    /// When the source was published or consulted: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    pub confidence: Confidence,
    /// For facts recorded as unknown: where the evidence was looked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub looked_in: Option<String>,
}

impl Provenance {
    pub fn validate(&self, out: &mut Vec<Problem>) {
        if self.source.trim().is_empty() {
            out.push(Problem::field("source", say("source-required", &[])));
        }
        if !is_partial_date(&self.date) {
            out.push(Problem::field(
                "source_date",
                say("source-date", &[("date", &self.date)]),
            ));
        }
    }
}

pub use crate::date::is_partial_date;
use crate::wording::say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_source_date_is_a_problem() {
        let p = Provenance {
            source: "https://example.org".into(),
            date: "2024-02-30".into(),
            confidence: Confidence::High,
            looked_in: None,
        };
        let mut out = vec![];
        p.validate(&mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].field.as_deref(), Some("source_date"));
    }

    #[test]
    fn missing_source_is_a_problem() {
        let p = Provenance {
            source: " ".into(),
            date: "2025".into(),
            confidence: Confidence::High,
            looked_in: None,
        };
        let mut out = vec![];
        p.validate(&mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].field.as_deref(), Some("source"));
    }
}
