//! Identity linkage in screening, as officers see it: the person registers an economy imports
//! beside its cases, the states of a link the engine suggests (an officer says same person,
//! different persons or unsure), and how a field's comparison reads in words — a level of the
//! linkage engine ("jw>=0.94", "day_month_swapped", "edits<=1") is never shown as such.
//!
//! Invariant: a link is only ever confirmed by a person; the engine suggests, it never decides.

use serde::{Deserialize, Serialize};

use crate::code::codes;

codes! {
    /// What a person register an economy imports holds.
    pub enum PersonRecordKind ("person register") {
        /// Work permits issued before the platform (earlier applications of the same person).
        Permit = "permit",
        /// Border crossings: entries and exits.
        EntryExit = "entry_exit",
        /// Reports that a permit holder left the employer or the economy irregularly.
        Absconding = "absconding",
    }
}

codes! {
    /// Where a suggested link stands.
    pub enum LinkState ("link state") {
        Suggested = "suggested",
        Same = "same",
        Different = "different",
        Unsure = "unsure",
    }
}

impl LinkState {
    /// The states an officer may set.
    pub const DECISIONS: [LinkState; 3] = [LinkState::Same, LinkState::Different, LinkState::Unsure];

    /// Still to be looked at (an unsure link stays in the queue).
    pub fn open(self) -> bool {
        matches!(self, LinkState::Suggested | LinkState::Unsure)
    }
}

/// One field of a compared pair: the engine's level and what it weighed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldComparison {
    pub field: String,
    pub level: String,
    pub weight: f64,
}

/// How a field's comparison level reads: "names the same", "passport numbers one character
/// apart (a typo or a renewed passport)". Unknown fields or levels read as themselves, marked.
pub fn in_words(field: &str, level: &str) -> String {
    use crate::wording::say;
    let jw = level.strip_prefix("jw>=");
    let edits = level.strip_prefix("edits<=");
    let id = match (field, level) {
        ("name" | "dob" | "passport" | "sex" | "nationality", "null") => format!("cmp-{field}-missing"),
        ("name", "exact") => "cmp-name-exact".into(),
        ("name", "exact_common") => "cmp-name-common".into(),
        ("name", "phonetic") => "cmp-name-phonetic".into(),
        ("name", _) if jw.is_some() => return say("cmp-name-alike", &[("similarity", jw.unwrap_or_default())]),
        ("dob", "exact") => "cmp-dob-exact".into(),
        ("dob", "exact_1_january") => "cmp-dob-1-january".into(),
        ("dob", "day_month_swapped") => "cmp-dob-swapped".into(),
        ("dob", "same_day_month") => "cmp-dob-day-month".into(),
        ("dob", "same_year") => "cmp-dob-year".into(),
        ("passport", "exact") => "cmp-passport-exact".into(),
        ("passport", "ocr_equal") => "cmp-passport-ocr".into(),
        ("passport", _) if edits == Some("1") => "cmp-passport-edit".into(),
        ("passport", _) if edits.is_some() => {
            return say("cmp-passport-edits", &[("count", edits.unwrap_or_default())]);
        }
        ("sex" | "nationality", "exact") | ("name" | "dob" | "passport" | "sex" | "nationality", "else") => {
            format!("cmp-{field}-{level}")
        }
        _ => return format!("{field}: {level}"),
    };
    say(&id, &[])
}

/// A match probability as officers read it: a percentage, never 100 % (the engine suggests).
pub fn percent(probability: f64) -> String {
    let p = (probability * 100.0).clamp(0.0, 100.0);
    if p > 99.9 {
        "over 99.9 %".into()
    } else if p >= 10.0 {
        format!("{p:.0} %")
    } else {
        format!("{p:.1} %")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_of_the_default_fields_reads_in_words() {
        let levels: [(&str, &[&str]); 5] = [
            (
                "name",
                &[
                    "null",
                    "exact",
                    "exact_common",
                    "jw>=0.94",
                    "phonetic",
                    "jw>=0.88",
                    "else",
                ],
            ),
            (
                "dob",
                &[
                    "null",
                    "exact",
                    "exact_1_january",
                    "day_month_swapped",
                    "same_day_month",
                    "same_year",
                    "else",
                ],
            ),
            ("sex", &["null", "exact", "else"]),
            ("nationality", &["null", "exact", "else"]),
            (
                "passport",
                &["null", "exact", "ocr_equal", "edits<=1", "edits<=2", "else"],
            ),
        ];
        for (field, ls) in levels {
            for l in ls {
                let w = in_words(field, l);
                assert!(!w.contains(l), "{field} {l}: {w}");
                assert!(!w.starts_with(&format!("{field}:")), "{field} {l}: {w}");
            }
        }
        assert_eq!(
            in_words("passport", "edits<=1"),
            "passport numbers 1 character apart (a typo, or a renewed passport)"
        );
        assert_eq!(in_words("name", "jw>=0.94"), "names alike (similarity at least 0.94)");
        assert_eq!(percent(0.999_99), "over 99.9 %");
        assert_eq!(percent(0.42), "42 %");
        assert_eq!(percent(0.051), "5.1 %");
    }
}
