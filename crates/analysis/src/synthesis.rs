//! Syntheses: for one economy and one theme, every piece of evidence we hold — practices and
//! their notes, statistics, approved questionnaire answers, findings raised at events, the
//! delegates' validation — gathered and sorted into what is known (with its source, date and
//! confidence), what is contested (a source saying "none" while another reports something), and
//! what is not known (where we looked and found nothing, or a source saying it is not
//! established).
//!
//! Documents render syntheses and nothing else about a theme, so that a sentence such as "no
//! evidence has been reported" can only come from a synthesis that is empty of every kind of
//! source — never from one kind of source read alone.

use serde::Serialize;

/// Where a piece of evidence comes from, in the order a reader weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A practice recorded in the map (status and what is checked).
    Practice,
    /// The notes recorded with a practice (gaps, cases, recent changes).
    PracticeNote,
    /// A published statistic.
    Statistic,
    /// An approved answer of the economy's focal point.
    Answer,
    /// A finding raised at a consultation or workshop.
    Event,
    /// The delegates' outcome in a validation exercise.
    Validation,
}

impl Origin {
    /// The record a piece of evidence belongs to: a practice and its own notes are one record,
    /// and one record does not contest itself.
    fn record(self) -> Origin {
        match self {
            Origin::PracticeNote => Origin::Practice,
            other => other,
        }
    }
}

/// What a piece of evidence says about the theme's question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// It reports that the thing exists or happens.
    Affirms,
    /// It reports that there is none.
    Denies,
    /// It describes the situation without a yes or no (a note, a figure, a finding).
    Describes,
    /// It says that the matter is not established.
    NotEstablished,
}

/// The source a reader can open, its date and our confidence in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub citation: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when the source gives none.
    pub date: String,
    /// `high`, `medium` or `low`; empty when not assessed.
    pub confidence: String,
}

/// One piece of evidence on a theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Testimony {
    pub origin: Origin,
    pub stance: Stance,
    /// The statement in words, as a reader sees it.
    pub text: String,
    pub source: Source,
}

/// Two pieces of evidence that do not agree: one says there is none, the other reports something.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contest {
    pub denies: Testimony,
    pub reports: Testimony,
}

/// What we hold on one theme for one economy.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Synthesis {
    /// What the sources state (affirming, denying or describing), the most direct origin first,
    /// then the newest.
    pub known: Vec<Testimony>,
    /// Where one source denies what another reports.
    pub contested: Vec<Contest>,
    /// What sources say is not established.
    pub not_known: Vec<String>,
    /// Where the evidence was sought without result, as recorded (each once).
    pub looked_in: Vec<String>,
}

impl Synthesis {
    /// Whether no source of any kind says anything on the theme (only then may a document say
    /// that nothing is reported).
    pub fn is_silent(&self) -> bool {
        self.known.is_empty() && self.contested.is_empty()
    }

    /// Whether some source reports or describes the theme (not only denials).
    pub fn reports_something(&self) -> bool {
        self.known.iter().any(|t| t.stance != Stance::Denies)
    }

    /// The newest date among the sources that state something (the theme's "evidence as of").
    pub fn latest(&self) -> Option<&str> {
        self.known
            .iter()
            .map(|t| t.source.date.as_str())
            .filter(|d| !d.is_empty())
            .max()
    }
}

/// Sorts the testimonies on one theme into what is known, contested and not known. `looked_in`
/// lists where the evidence was sought without result (kept as written, for the reader).
pub fn synthesise(testimonies: Vec<Testimony>, looked_in: &[String]) -> Synthesis {
    let mut known: Vec<Testimony> = vec![];
    let mut not_known: Vec<String> = vec![];
    for t in testimonies {
        if t.text.trim().is_empty() {
            continue;
        }
        if t.stance == Stance::NotEstablished {
            not_known.push(t.text.clone());
        } else if !known.contains(&t) {
            known.push(t);
        }
    }
    known.sort_by(|a, b| a.origin.cmp(&b.origin).then_with(|| b.source.date.cmp(&a.source.date)));
    // A denial stands against every report from another kind of record (a practice's own note
    // does not contest the practice).
    let mut contested = vec![];
    for d in known.iter().filter(|t| t.stance == Stance::Denies) {
        for r in known
            .iter()
            .filter(|t| t.stance != Stance::Denies && t.origin.record() != d.origin.record())
        {
            contested.push(Contest {
                denies: d.clone(),
                reports: r.clone(),
            });
        }
    }
    let mut looked: Vec<String> = vec![];
    for l in looked_in.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !looked.iter().any(|x| x == l) {
            looked.push(l.to_string());
        }
    }
    Synthesis {
        known,
        contested,
        not_known,
        looked_in: looked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(origin: Origin, stance: Stance, text: &str, date: &str) -> Testimony {
        Testimony {
            origin,
            stance,
            text: text.into(),
            source: Source {
                citation: format!("source of {text}"),
                date: date.into(),
                confidence: "medium".into(),
            },
        }
    }

    #[test]
    fn an_answer_of_none_is_contested_by_a_note_that_reports_cases() {
        let s = synthesise(
            vec![
                said(
                    Origin::Answer,
                    Stance::Denies,
                    "No evidence of onward movement",
                    "2026-03",
                ),
                said(
                    Origin::PracticeNote,
                    Stance::Describes,
                    "39 permits revoked of workers heading to Schengen",
                    "2024-09",
                ),
            ],
            &[],
        );
        assert!(!s.is_silent() && s.reports_something());
        assert_eq!(s.contested.len(), 1);
        assert!(s.contested[0].reports.text.contains("39 permits"));
        assert_eq!(s.latest(), Some("2026-03"));
    }

    #[test]
    fn only_a_theme_without_any_source_is_silent() {
        let s = synthesise(vec![], &["Dossier §6.6 (Frontex agreement NOT FOUND)".into()]);
        assert!(s.is_silent() && !s.reports_something());
        assert!(s.not_known.is_empty());
        assert_eq!(s.looked_in, ["Dossier §6.6 (Frontex agreement NOT FOUND)"]);
        let s = synthesise(
            vec![said(
                Origin::Statistic,
                Stance::Describes,
                "1,356 return decisions",
                "2025",
            )],
            &[],
        );
        assert!(!s.is_silent());
    }

    #[test]
    fn a_denial_alone_is_known_not_contested_and_not_established_is_not_known() {
        let s = synthesise(
            vec![
                said(
                    Origin::Answer,
                    Stance::Denies,
                    "No arrangement with any Country of Origin",
                    "2026",
                ),
                said(
                    Origin::Practice,
                    Stance::NotEstablished,
                    "Whether documents are verified is not established",
                    "",
                ),
                said(Origin::Practice, Stance::Denies, "No check at this stage", "2025"),
            ],
            &[],
        );
        assert!(s.contested.is_empty(), "two denials do not contest each other");
        assert!(!s.reports_something() && !s.is_silent());
        assert_eq!(s.not_known, ["Whether documents are verified is not established"]);
        assert_eq!(s.known[0].origin, Origin::Practice, "the most direct origin first");
    }

    #[test]
    fn a_practice_is_not_contested_by_its_own_notes() {
        let s = synthesise(
            vec![
                said(
                    Origin::Practice,
                    Stance::Denies,
                    "No verification with the Country of Origin",
                    "2026",
                ),
                said(Origin::PracticeNote, Stance::Describes, "None was found", "2026"),
            ],
            &[],
        );
        assert!(s.contested.is_empty());
    }

    #[test]
    fn blank_and_repeated_testimonies_are_dropped() {
        let t = said(
            Origin::Event,
            Stance::Affirms,
            "Workers leave without passports",
            "2025",
        );
        let s = synthesise(
            vec![t.clone(), t, said(Origin::Event, Stance::Affirms, "  ", "2025")],
            &[],
        );
        assert_eq!(s.known.len(), 1);
    }
}
