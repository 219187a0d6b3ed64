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
            out.push(Problem::field("source", "a source (URL or document) is required"));
        }
        if !is_partial_date(&self.date) {
            out.push(Problem::field(
                "source_date",
                format!("`{}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", self.date),
            ));
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible ranges.
pub fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1900, 2100),
        [y, m] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        for ok in ["2024", "2024-02", "2024-02-29"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in ["", "24", "2024-13", "2024-1", "2024-02-32", "abcd", "2024-02-01-01"] {
            assert!(!is_partial_date(bad), "{bad}");
        }
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
