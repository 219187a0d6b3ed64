//! Scores: each indicator's rule applied to one economy's evidence gives complete (100), partial
//! (50), absent (0) or no evidence, with the facts it read; a dimension's score is the mean of its
//! indicators that have evidence, and says how many had none. Economies are compared side by side,
//! never ranked.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::framework::{Facet, Framework, Rule};

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Absent,
    Partial,
    Complete,
}

impl Level {
    pub fn points(self) -> f64 {
        match self {
            Level::Absent => 0.0,
            Level::Partial => 50.0,
            Level::Complete => 100.0,
        }
    }
    fn from_status(s: &str) -> Option<Level> {
        match s {
            "complete" => Some(Level::Complete),
            "partial" => Some(Level::Partial),
            "absent" => Some(Level::Absent),
            _ => None,
        }
    }
}

/// A practice as the map holds it.
#[derive(Debug, Clone, Default)]
pub struct PracticeFact {
    pub id: String,
    pub stage: String,
    pub status: String,
    pub mode: Option<String>,
    pub processing_time: Option<String>,
    pub legal_basis: bool,
    /// The legal basis as written (an agreement, a law), when one is stated.
    pub basis: Option<String>,
    /// What is checked, as recorded (named when the practice is a good practice for others).
    pub check: String,
}

/// A relationship of one of the economy's institutions.
#[derive(Debug, Clone, Default)]
pub struct RelationshipFact {
    pub id: String,
    pub kind: String,
    /// Whether the other end is an institution of a Country of Origin (not a domestic one).
    pub with_origin: bool,
}

#[derive(Debug, Clone, Default)]
pub struct InstitutionFact {
    pub id: String,
    pub kind: String,
    pub stages: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PathwayFact {
    pub id: String,
    pub permit_type: String,
    /// Yes/no fields by name (`employer_change`, `lmt_required`, `quota`), `None` when unknown.
    pub flags: BTreeMap<String, Option<bool>>,
}

#[derive(Debug, Clone, Default)]
pub struct AgencyFact {
    pub id: String,
    pub licensing: String,
    pub flags: BTreeMap<String, Option<bool>>,
}

#[derive(Debug, Clone, Default)]
pub struct ObservationFact {
    pub id: String,
    pub indicator: String,
    pub period: String,
    pub citizenship: String,
    pub sector: String,
    pub sex: String,
    pub value: f64,
    /// The indicator's measure: `flow`, `stock` or `quota` (a ceiling set, not an inflow).
    pub measure: String,
}

/// What is known about one economy.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub economy: String,
    /// The nine stages (not the themes), for coverage.
    pub stages: Vec<String>,
    pub practices: Vec<PracticeFact>,
    pub institutions: Vec<InstitutionFact>,
    pub relationships: Vec<RelationshipFact>,
    pub pathways: Vec<PathwayFact>,
    pub agencies: Vec<AgencyFact>,
    pub observations: Vec<ObservationFact>,
    /// Approved questionnaire answers: question name → values (several for a repeat).
    pub answers: BTreeMap<String, Vec<String>>,
    /// Where the answers come from ("questionnaire round R, approved on D").
    pub answers_source: String,
    /// Words for what the traces and findings cite: record ids (institutions, pathways, agency
    /// regulations, practices), vocabulary codes (stages, kinds, permit types, economies,
    /// countries, indicators) and field names, so that a reader never sees a code.
    pub names: BTreeMap<String, String>,
}

impl Evidence {
    /// The words for a code or record id: its name where one is given, else the code with its
    /// underscores as spaces (a code is never shown as it is stored).
    pub fn name(&self, code: &str) -> String {
        self.names.get(code).cloned().unwrap_or_else(|| code.replace('_', " "))
    }

    /// The institution mandated at the first of `stages` that has one (else the economy's first
    /// institution): who would lead an action on those stages.
    pub fn lead_for(&self, stages: &[String]) -> Option<&str> {
        stages
            .iter()
            .find_map(|s| self.institutions.iter().find(|i| i.stages.iter().any(|x| x == s)))
            .or(self.institutions.first())
            .map(|i| i.id.as_str())
    }

    /// Several codes or ids in words, joined by commas.
    pub fn names<'a>(&self, codes: impl IntoIterator<Item = &'a str>) -> String {
        codes.into_iter().map(|c| self.name(c)).collect::<Vec<_>>().join(", ")
    }
}

/// One indicator for one economy.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Score {
    pub level: Option<Level>,
    /// The facts read, as a reader can check them.
    pub trace: Vec<String>,
}

fn of(level: Option<Level>, trace: Vec<String>) -> Score {
    Score { level, trace }
}

fn share(n: usize, of: usize, complete: f64, partial: f64) -> Option<Level> {
    if of == 0 {
        return None;
    }
    let s = n as f64 / of as f64;
    Some(if s >= complete {
        Level::Complete
    } else if s >= partial {
        Level::Partial
    } else {
        Level::Absent
    })
}

fn count_level(n: usize, complete: usize) -> Level {
    if n >= complete {
        Level::Complete
    } else if n >= 1 {
        Level::Partial
    } else {
        Level::Absent
    }
}

fn answer_level(v: &str) -> Option<Level> {
    match v {
        "yes" | "public" | "complete" | "systematic" => Some(Level::Complete),
        "partial" | "sometimes" | "internal" => Some(Level::Partial),
        "no" | "none" | "absent" => Some(Level::Absent),
        _ => None,
    }
}

/// Applies a rule to one economy's evidence.
pub fn score(rule: &Rule, ev: &Evidence) -> Score {
    match rule {
        Rule::Or { rules } => {
            let mut trace = vec![];
            for r in rules {
                let s = score(r, ev);
                trace.extend(s.trace);
                if s.level.is_some() {
                    return of(s.level, trace);
                }
            }
            of(None, trace)
        }
        Rule::Practice { stage, facet } => {
            let Some(p) = ev.practices.iter().find(|p| &p.stage == stage) else {
                return of(None, vec![format!("no practice recorded for {}", ev.name(stage))]);
            };
            match facet {
                Facet::Status => of(
                    Level::from_status(&p.status),
                    vec![format!("{}: {}", ev.name(&p.id), ev.name(&p.status))],
                ),
                Facet::Mode => {
                    let level = match p.mode.as_deref() {
                        Some("digital") => Some(Level::Complete),
                        Some("mixed") => Some(Level::Partial),
                        Some("paper") => Some(Level::Absent),
                        _ => None,
                    };
                    of(
                        level,
                        vec![format!(
                            "{}: {}",
                            ev.name(&p.id),
                            p.mode
                                .as_deref()
                                .map_or("digital or paper not recorded".into(), |m| ev.name(m))
                        )],
                    )
                }
                // An instrument stated as the practice's legal basis (an agreement, a
                // memorandum) is one instrument: partial, as one agreement is.
                Facet::Basis => match &p.basis {
                    Some(b) => of(
                        Some(count_level(1, 2)),
                        vec![format!("{}: legal basis {b}", ev.name(&p.id))],
                    ),
                    None => of(None, vec![format!("{}: no legal basis stated", ev.name(&p.id))]),
                },
                Facet::Time => {
                    let level = match (Level::from_status(&p.status), &p.processing_time) {
                        (None, _) => None,
                        (Some(_), Some(_)) => Some(Level::Complete),
                        (Some(_), None) => Some(Level::Partial),
                    };
                    of(
                        level,
                        vec![format!(
                            "{}: processing time {}",
                            ev.name(&p.id),
                            p.processing_time.as_deref().unwrap_or("not recorded")
                        )],
                    )
                }
            }
        }
        Rule::PracticesLegalBasis => {
            let known: Vec<&PracticeFact> = ev
                .practices
                .iter()
                .filter(|p| Level::from_status(&p.status).is_some())
                .collect();
            let with = known.iter().filter(|p| p.legal_basis).count();
            of(
                share(with, known.len(), 0.8, 0.4),
                vec![format!("{with} of {} known practices state a legal basis", known.len())],
            )
        }
        Rule::InstitutionsStages => {
            let covered: BTreeSet<&str> = ev
                .institutions
                .iter()
                .flat_map(|i| i.stages.iter().map(String::as_str))
                .collect();
            let n = ev.stages.iter().filter(|s| covered.contains(s.as_str())).count();
            let missing: Vec<&str> = ev
                .stages
                .iter()
                .map(String::as_str)
                .filter(|s| !covered.contains(s))
                .collect();
            let mut trace = vec![format!("{n} of {} stages have a mandated institution", ev.stages.len())];
            if !missing.is_empty() {
                trace.push(format!("no institution for: {}", ev.names(missing)));
            }
            if ev.institutions.is_empty() {
                return of(None, vec!["no institution recorded".into()]);
            }
            of(share(n, ev.stages.len(), 1.0, 0.6), trace)
        }
        Rule::InstitutionsKind { kind } => {
            let found: Vec<&str> = ev
                .institutions
                .iter()
                .filter(|i| &i.kind == kind)
                .map(|i| i.id.as_str())
                .collect();
            if ev.institutions.is_empty() {
                return of(None, vec!["no institution recorded".into()]);
            }
            // An institution missing from our map is a gap in our data, not evidence that the
            // economy has none: it scores "no evidence", never "absent".
            if found.is_empty() {
                return of(
                    None,
                    vec![format!(
                        "no institution of the kind {} is recorded in the map (a gap in our data, not established as a gap in policy)",
                        ev.name(kind).to_lowercase()
                    )],
                );
            }
            of(Some(Level::Complete), vec![ev.names(found)])
        }
        Rule::PathwaysCount => {
            let n = ev.pathways.len();
            let level = (n > 0).then(|| count_level(n, 3));
            of(level, vec![format!("{n} legal pathways recorded")])
        }
        Rule::PathwaysType { permit_type } => {
            if ev.pathways.is_empty() {
                return of(None, vec!["no legal pathway recorded".into()]);
            }
            let found: Vec<&str> = ev
                .pathways
                .iter()
                .filter(|p| &p.permit_type == permit_type)
                .map(|p| p.id.as_str())
                .collect();
            if found.is_empty() {
                of(
                    Some(Level::Absent),
                    vec![format!(
                        "none of the {} pathways recorded is a {}",
                        ev.pathways.len(),
                        ev.name(permit_type).to_lowercase()
                    )],
                )
            } else {
                of(Some(Level::Complete), vec![ev.names(found)])
            }
        }
        Rule::PathwaysField { field } => {
            let known: Vec<(&str, bool)> = ev
                .pathways
                .iter()
                .filter_map(|p| p.flags.get(field).copied().flatten().map(|b| (p.id.as_str(), b)))
                .collect();
            let yes = known.iter().filter(|(_, b)| *b).count();
            let level = if known.is_empty() {
                None
            } else if yes == known.len() {
                Some(Level::Complete)
            } else if yes > 0 {
                Some(Level::Partial)
            } else {
                Some(Level::Absent)
            };
            of(
                level,
                vec![format!(
                    "{}: yes for {yes} of the {} pathways where it is known",
                    ev.name(field),
                    known.len()
                )],
            )
        }
        Rule::Agency { field } => {
            let Some(a) = ev.agencies.first() else {
                return of(None, vec!["no recruitment-agency regulation recorded".into()]);
            };
            if field == "licensing" {
                let text = a.licensing.trim();
                let lower = text.to_lowercase();
                let level = if text.is_empty() || lower.starts_with("not known") || lower.contains("not found") {
                    None
                } else if lower.starts_with("no ") || lower.starts_with("no licence") {
                    Some(Level::Absent)
                } else {
                    Some(Level::Complete)
                };
                return of(
                    level,
                    vec![format!(
                        "{}: {}",
                        ev.name(&a.id),
                        if text.is_empty() {
                            "licensing not recorded"
                        } else {
                            text
                        }
                    )],
                );
            }
            let v = a.flags.get(field).copied().flatten();
            let level = v.map(|b| if b { Level::Complete } else { Level::Absent });
            let shown = match v {
                Some(true) => "yes",
                Some(false) => "no",
                None => "not recorded",
            };
            of(
                level,
                vec![format!("{}: {} {shown}", ev.name(&a.id), ev.name(field).to_lowercase())],
            )
        }
        Rule::Relationships { kind, with_origin } => {
            let ids: Vec<&str> = ev
                .relationships
                .iter()
                .filter(|r| &r.kind == kind && (!with_origin || r.with_origin))
                .map(|r| r.id.as_str())
                .collect();
            let mut trace = vec![format!(
                "{} relationships recorded of the kind {}{}",
                ids.len(),
                ev.name(kind).to_lowercase(),
                if *with_origin {
                    " with an institution of a Country of Origin"
                } else {
                    ""
                }
            )];
            if !ids.is_empty() {
                trace.push(ev.names(ids.iter().copied()));
            }
            if ev.relationships.is_empty() {
                return of(None, vec!["no relationship recorded".into()]);
            }
            // Likewise a relationship missing from our map is a data gap, not a policy gap.
            if ids.is_empty() {
                trace.push("a gap in our data, not established as a gap in policy".into());
                return of(None, trace);
            }
            of(Some(count_level(ids.len(), 2)), trace)
        }
        Rule::ObservationsCitizenship | Rule::ObservationsSector => {
            let by_c = matches!(rule, Rule::ObservationsCitizenship);
            let what = if by_c { "citizenship" } else { "sector" };
            let broken = ev
                .observations
                .iter()
                .filter(|o| if by_c { o.citizenship != "_T" } else { o.sector != "_T" })
                .count();
            let level = if ev.observations.is_empty() {
                Level::Absent
            } else if broken > 0 {
                Level::Complete
            } else {
                Level::Partial
            };
            of(
                Some(level),
                vec![format!(
                    "{broken} of {} figures broken down by {what}",
                    ev.observations.len()
                )],
            )
        }
        Rule::ObservationsYears => {
            let years: BTreeSet<&str> = ev
                .observations
                .iter()
                .map(|o| o.period.get(..4).unwrap_or(&o.period))
                .collect();
            let level = if years.len() >= 5 {
                Level::Complete
            } else if years.len() >= 2 {
                Level::Partial
            } else {
                Level::Absent
            };
            let list: Vec<&str> = years.iter().copied().collect();
            of(
                Some(level),
                vec![format!("figures for {} years: {}", years.len(), list.join(", "))],
            )
        }
        Rule::Answer { question } => {
            let values = ev.answers.get(question).cloned().unwrap_or_default();
            let best = values.iter().filter_map(|v| answer_level(v)).max();
            let trace = if values.is_empty() {
                vec!["no approved answer of the focal point yet".to_string()]
            } else {
                vec![format!(
                    "the focal point answered {} ({})",
                    ev.names(values.iter().map(String::as_str)),
                    ev.answers_source
                )]
            };
            of(best, trace)
        }
    }
}

/// Scores of one economy.
#[derive(Debug, Clone, Serialize)]
pub struct EconomyScores {
    pub economy: String,
    /// Per indicator code.
    pub indicators: BTreeMap<String, Score>,
    /// Per dimension code: the mean of the indicators with evidence, and how many had evidence
    /// out of how many.
    pub dimensions: BTreeMap<String, (Option<f64>, usize, usize)>,
    /// The mean of the dimension scores that are shown ([`well_covered`]).
    pub overall: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub economies: Vec<EconomyScores>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Whether a dimension's score rests on enough of its indicators to be shown beside others: at
/// least half of them have evidence. A mean of one indicator out of four says more about our
/// map than about the economy.
pub fn well_covered(with: usize, of: usize) -> bool {
    of > 0 && with * 2 >= of
}

impl EconomyScores {
    /// A dimension's score where enough of its indicators have evidence ([`well_covered`]);
    /// `None` when it is withheld or has no evidence.
    pub fn shown(&self, dimension: &str) -> Option<f64> {
        self.dimensions
            .get(dimension)
            .filter(|(_, with, of)| well_covered(*with, *of))
            .and_then(|(m, _, _)| *m)
    }
}

/// A dimension's score in words for a table: the mean with its coverage, "withheld" when too few
/// indicators have evidence, "no evidence" when none has.
pub fn dimension_words(d: Option<&(Option<f64>, usize, usize)>) -> String {
    match d {
        Some((Some(m), with, of)) if well_covered(*with, *of) => {
            format!("{m:.0} ({with} of {of} indicators with evidence)")
        }
        Some((Some(_), with, of)) => format!("withheld: only {with} of {of} indicators with evidence"),
        _ => "no evidence".into(),
    }
}

/// Scores every economy on every indicator, in the order the evidence is given.
pub fn scores(f: &Framework, evidence: &[Evidence]) -> Scores {
    let economies = evidence
        .iter()
        .map(|ev| {
            let indicators: BTreeMap<String, Score> = f
                .indicators
                .iter()
                .map(|i| (i.code.clone(), score(&i.rule, ev)))
                .collect();
            let dimensions: BTreeMap<String, (Option<f64>, usize, usize)> = f
                .dimensions
                .iter()
                .map(|d| {
                    let of_dim: Vec<&Score> = f
                        .indicators
                        .iter()
                        .filter(|i| i.dimension == d.code)
                        .filter_map(|i| indicators.get(&i.code))
                        .collect();
                    let points: Vec<f64> = of_dim.iter().filter_map(|s| s.level.map(Level::points)).collect();
                    (d.code.clone(), (mean(&points), points.len(), of_dim.len()))
                })
                .collect();
            let dims: Vec<f64> = dimensions
                .values()
                .filter(|(_, with, of)| well_covered(*with, *of))
                .filter_map(|(m, _, _)| *m)
                .collect();
            EconomyScores {
                economy: ev.economy.clone(),
                overall: mean(&dims),
                indicators,
                dimensions,
            }
        })
        .collect();
    Scores { economies }
}
