//! The parts of the regional analysis that speak about the region as a whole, each from the six
//! economies' evidence side by side: the executive summary (the regional headline, where the
//! workers come from, the weakest stages, cooperation with Countries of Origin, onward movement,
//! legal pathways and agencies), the method and its limitations, the comparisons of cooperation
//! with Countries of Origin and of onward movement, and recommendations from the catalogue with
//! the economies each concerns. Nothing is added up across economies.

use std::collections::{BTreeMap, BTreeSet};

use pathways_analysis::Level;
use pathways_analysis::synthesis::{Stance, Synthesis};
use pathways_domain::number::thousands;
use pathways_reports::model::{Block, Section};

use super::blocks::{list_or, table};
use super::themes::SECONDARY_MOVEMENT;
use crate::App;
use crate::analysis::Analysis;
use crate::map::overview::{Headline, Profile};

/// Each economy's syntheses, by economy code, then by stage or theme code.
pub(super) type RegionThemes = BTreeMap<String, BTreeMap<String, Synthesis>>;

/// The first statement of a synthesis that reports or describes something, or its first denial.
fn first_word(s: Option<&Synthesis>) -> Option<String> {
    let s = s?;
    s.known
        .iter()
        .find(|t| t.stance == Stance::Describes)
        .or_else(|| s.known.iter().find(|t| t.stance == Stance::Affirms))
        .or_else(|| s.known.first())
        .map(|t| t.text.clone())
}

impl App {
    /// Economies in words, "none" for none.
    fn names_of(&self, list: &[&str]) -> String {
        if list.is_empty() {
            crate::w!(self, "doc-none")
        } else {
            self.and_list(list)
        }
    }

    /// The regional executive summary: findings across the six economies, each from their evidence
    /// side by side.
    pub(super) fn regional_summary(
        &self,
        a: &Analysis,
        profiles: &[Profile],
        headlines: &[Headline],
        themes: &RegionThemes,
    ) -> Vec<String> {
        let mut out = vec![];
        if !headlines.is_empty() {
            // The source's own words for its figure ("about 40,000", "over 100,000") where its
            // note quotes them, else the figure itself.
            let as_said = |h: &Headline| {
                h.note
                    .as_deref()
                    .and_then(|n| n.strip_prefix('"'))
                    .and_then(|n| n.split_once('"'))
                    .map_or_else(|| thousands(h.value), |(q, _)| q.to_string())
            };
            out.push(format!(
                "Scale: work permits for foreign workers across the region went from {}, as their sources report them — aggregates of national figures with different definitions, cited in the comparison of inflows beside each economy's latest figure under its own definition.",
                headlines
                    .iter()
                    .map(|h| format!("{} in {}", as_said(h), self.period_words(&h.period)))
                    .collect::<Vec<_>>()
                    .join(" to ")
            ));
        }
        // Countries of Origin named among the largest citizenships of two or more economies.
        let mut seen: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        let mut published = 0;
        for p in profiles {
            if let Some(o) = self.origins(p) {
                published += 1;
                for (country, _) in o.parts.iter().take(5) {
                    seen.entry(country.clone()).or_default().push(&p.summary.display_name);
                }
            }
        }
        let shared: Vec<String> = seen
            .iter()
            .filter(|(_, e)| e.len() >= 2)
            .map(|(c, e)| format!("{c} ({})", self.names_of(e)))
            .collect();
        out.push(if shared.is_empty() {
            format!(
                "Origins: {published} of the six economies publish a breakdown by citizenship; no citizenship is among the largest in two of them."
            )
        } else {
            format!(
                "Origins: {published} of the six economies publish a breakdown by citizenship; among the largest in two or more of them: {}.",
                shared.join("; ")
            )
        });
        let weakest: Vec<String> = a
            .priorities
            .iter()
            .take(3)
            .map(|p| {
                format!(
                    "{} (absent in {}, partial in {}, not established in {})",
                    p.label, p.absent, p.partial, p.unknown
                )
            })
            .collect();
        if !weakest.is_empty() {
            out.push(format!(
                "Screening: the stages most in need of intervention, by the priority formula, are {}.",
                weakest.join("; ")
            ));
        }
        let coo = |stage: &str, reports: &dyn Fn(&Synthesis) -> bool| -> Vec<&str> {
            profiles
                .iter()
                .filter(|p| {
                    themes
                        .get(&p.summary.code)
                        .and_then(|t| t.get(stage))
                        .is_some_and(reports)
                })
                .map(|p| p.summary.display_name.as_str())
                .collect()
        };
        let affirmed = |s: &Synthesis| s.known.iter().any(|t| t.stance == Stance::Affirms);
        let with_channel = coo("coo_cooperation", &affirmed);
        let silent = coo("coo_cooperation", &|s: &Synthesis| !affirmed(s));
        out.push(format!(
            "Cooperation with Countries of Origin: a working agreement or channel is recorded for {}; for {} none is established by any source (a gap to verify with the economies).",
            self.names_of(&with_channel),
            self.names_of(&silent)
        ));
        let moving = coo(SECONDARY_MOVEMENT, &|s: &Synthesis| s.reports_something());
        let quiet = coo(SECONDARY_MOVEMENT, &|s: &Synthesis| !s.reports_something());
        out.push(format!(
            "Onward movement: sources report permit holders moving on, mostly towards the EU, from {}{}.",
            self.names_of(&moving),
            if quiet.is_empty() {
                String::new()
            } else {
                format!("; no source reports on it for {}", self.names_of(&quiet))
            }
        ));
        // A yes/no fact across the economies: where it holds, where not, and where no record
        // says (never folded into "no").
        let facet = |what: &str, records: &dyn Fn(&Profile) -> &[serde_json::Value], field: &str| {
            let (mut yes, mut no, mut unknown) = (vec![], vec![], vec![]);
            for p in profiles {
                let known: Vec<bool> = records(p).iter().filter_map(|r| r[field].as_bool()).collect();
                let name = p.summary.display_name.as_str();
                if known.iter().any(|b| *b) {
                    yes.push(name);
                } else if known.is_empty() {
                    unknown.push(name);
                } else {
                    no.push(name);
                }
            }
            let mut parts = vec![];
            if !yes.is_empty() {
                parts.push(format!("yes in {}", self.names_of(&yes)));
            }
            if !no.is_empty() {
                parts.push(format!("no in {}", self.names_of(&no)));
            }
            if !unknown.is_empty() {
                parts.push(format!("not recorded for {}", self.names_of(&unknown)));
            }
            format!("{what}: {}", parts.join("; "))
        };
        let single: Vec<&str> = profiles
            .iter()
            .filter(|p| p.pathways.iter().any(|x| x["permit_type"] == "single_permit"))
            .map(|p| p.summary.display_name.as_str())
            .collect();
        out.push(format!(
            "Legal pathways and agencies: a single permit for residence and work exists in {}. {}. {}. {}.",
            self.names_of(&single),
            facet("A quota", &|p| &p.pathways, "quota"),
            facet(
                "A public register of licensed agencies",
                &|p| &p.agency_regulations,
                "public_register"
            ),
            facet(
                "A ban on fees charged to workers",
                &|p| &p.agency_regulations,
                "worker_fees_banned"
            ),
        ));
        out
    }

    /// Cooperation with Countries of Origin and onward movement, economy beside economy, from
    /// each economy's syntheses.
    pub(super) fn themes_compared(&self, profiles: &[Profile], themes: &RegionThemes) -> Vec<Section> {
        let status = |p: &Profile, stage: &str| {
            p.practices
                .iter()
                .find(|x| x["stage"] == stage)
                .and_then(|x| x["status"].as_str())
                .map_or("not established", |s| match s {
                    "complete" => "in place",
                    "partial" => "partial",
                    "absent" => "absent",
                    _ => "not established",
                })
                .to_string()
        };
        let said = |p: &Profile, theme: &str| {
            first_word(themes.get(&p.summary.code).and_then(|t| t.get(theme)))
                .unwrap_or_else(|| "No source we hold reports on it (a gap in the evidence).".into())
        };
        let coo = Section::new("Cooperation with Countries of Origin compared").block(table(
            "Agreements, liaison and verification with Countries of Origin, economy by economy",
            &["Economy", "The check today", "What the sources say"],
            profiles
                .iter()
                .map(|p| {
                    vec![
                        p.summary.display_name.clone(),
                        status(p, "coo_cooperation"),
                        said(p, "coo_cooperation"),
                    ]
                })
                .collect(),
            vec![
                "“Not established” means no source we hold establishes it: a gap to verify, not a finding of absence."
                    .into(),
            ],
        ));
        let moving = Section::new("Onward movement compared").block(table(
            "Onward movement of permit holders and its detection, economy by economy",
            &["Economy", "What the sources report", "Detection at exit"],
            profiles
                .iter()
                .map(|p| {
                    vec![
                        p.summary.display_name.clone(),
                        said(p, SECONDARY_MOVEMENT),
                        status(p, "exit"),
                    ]
                })
                .collect(),
            vec!["Each economy's sources, with their dates, are in its country paper.".into()],
        ));
        vec![coo, moving]
    }

    /// Actions from the catalogue that answer the region's weakest indicators, each with the
    /// economies where its indicator is weak — the most widely needed first.
    pub(super) fn regional_recommendations(&self, a: &Analysis) -> Section {
        let catalogue = self.catalogue().unwrap_or_default();
        let mut out: Vec<(usize, String)> = vec![];
        for it in &catalogue {
            let Some(indicator) = a.framework.indicators.iter().find(|i| i.code == it.indicator) else {
                continue;
            };
            let mut weak: Vec<String> = vec![];
            for e in &a.scores.economies {
                let level = e.indicators.get(&it.indicator).and_then(|x| x.level);
                let words = match level {
                    Some(Level::Complete) => continue,
                    Some(Level::Partial) => "partial",
                    Some(Level::Absent) => "absent",
                    None => "not established",
                };
                weak.push(format!("{} ({words})", self.name_of(&e.economy)));
            }
            if weak.is_empty() {
                continue;
            }
            let stages: BTreeSet<String> = it.answers.iter().map(|s| self.word(s)).collect();
            out.push((
                weak.len(),
                format!(
                    "{}. {} Concerns {}: {}. Answers: {}; measured by “{}”.",
                    it.title,
                    it.description,
                    if weak.len() == a.scores.economies.len() {
                        "all six economies".to_string()
                    } else {
                        format!("{} of the six economies", weak.len())
                    },
                    weak.join(", "),
                    stages.into_iter().collect::<Vec<_>>().join(", "),
                    indicator.question.trim_end_matches('?'),
                ),
            ));
        }
        out.sort_by_key(|x| std::cmp::Reverse(x.0));
        Section::new("Recommendations")
            .para("Actions from the programme's catalogue of interventions, the most widely needed first: each answers an indicator that is absent, partial or not established in the economies named. They are proposals for the delegations to validate in the joint roadmap, not commitments.")
            .block(list_or(
                out.into_iter().take(7).map(|(_, t)| t).collect(),
                "No indicator is weak in any economy: no action is proposed.",
            ))
    }

    /// How the regional analysis was made and what it cannot say.
    pub(super) fn regional_method(&self, profiles: &[Profile], date: &str) -> Section {
        let records: usize = profiles.iter().map(|p| p.records().count()).sum();
        let figures: usize = profiles
            .iter()
            .map(|p| p.series.iter().map(|s| s.observations.len()).sum::<usize>())
            .sum();
        Section::new("Method and limitations")
            .para(format!(
                "The analysis rests on {records} records of the programme's map across the six economies ({figures} of them published figures), each citing the public source a reader can open with its date and our confidence in it, on the focal points' approved questionnaire answers where a round has been approved, and on the findings raised at consultations and workshops. Each economy's evidence is set out in its country paper."
            ))
            .block(Block::List {
                items: vec![
                    format!(
                        "Evidence as of {}: the date of the newest source.",
                        if date.is_empty() { "an unknown date".to_string() } else { self.period_words(date) }
                    ),
                    "Economies are compared, not ranked; figures follow each source's definition and are never added up across economies or indicators. Regional totals are quoted only as their sources state them.".into(),
                    "A check that no source establishes counts as a gap to verify — in the shared vulnerabilities, the procedural gaps and the priority formula — never as a check in place.".into(),
                    "Dimension scores resting on fewer than half of their indicators are withheld.".into(),
                    "Findings are drafts until the delegations validate them in a validation exercise; its outcomes are reported below once it has decided.".into(),
                ],
            })
    }
}
