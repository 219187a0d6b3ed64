//! The parts of the regional analysis that speak about the region as a whole, each from the six
//! economies' evidence side by side: the executive summary (the regional headline, where the
//! workers come from, the weakest stages, cooperation with Countries of Origin, onward movement,
//! legal pathways and agencies), the method and its limitations, the comparisons of cooperation
//! with Countries of Origin and of onward movement, and recommendations from the catalogue with
//! the economies each concerns. Nothing is added up across economies.

use std::collections::{BTreeMap, BTreeSet};

use pathways_analysis::Level;
use pathways_analysis::synthesis::{Stance, Synthesis};
use pathways_reports::model::{Block, Section};

use super::blocks::{list_or, table};
use super::themes::SECONDARY_MOVEMENT;
use crate::analysis::Analysis;
use crate::map::overview::{Headline, Profile};
use crate::{App, w};

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
                    .map_or_else(|| self.number(h.value), |(q, _)| q.to_string())
            };
            out.push(w!(
                self,
                "regional-scale",
                figures = headlines
                    .iter()
                    .map(|h| w!(
                        self,
                        "regional-figure-in",
                        figure = as_said(h),
                        period = self.period_words(&h.period)
                    ))
                    .collect::<Vec<_>>()
                    .join(&w!(self, "regional-figure-to"))
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
            w!(self, "regional-origins-none", n = published)
        } else {
            w!(self, "regional-origins", n = published, shared = shared.join("; "))
        });
        let weakest: Vec<String> = a
            .priorities
            .iter()
            .take(3)
            .map(|p| {
                w!(
                    self,
                    "regional-weakest",
                    stage = p.label,
                    absent = p.absent,
                    partial = p.partial,
                    unknown = p.unknown
                )
            })
            .collect();
        if !weakest.is_empty() {
            out.push(w!(self, "regional-screening", stages = weakest.join("; ")));
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
        out.push(w!(
            self,
            "regional-coo",
            with = self.names_of(&with_channel),
            without = self.names_of(&silent)
        ));
        let moving = coo(SECONDARY_MOVEMENT, &|s: &Synthesis| s.reports_something());
        let quiet = coo(SECONDARY_MOVEMENT, &|s: &Synthesis| !s.reports_something());
        out.push(if quiet.is_empty() {
            w!(self, "regional-onward", moving = self.names_of(&moving))
        } else {
            w!(
                self,
                "regional-onward-quiet",
                moving = self.names_of(&moving),
                quiet = self.names_of(&quiet)
            )
        });
        // A yes/no fact across the economies: where it holds, where not, and where no record
        // says (never folded into "no").
        let facet = |what: String, records: &dyn Fn(&Profile) -> &[serde_json::Value], field: &str| {
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
                parts.push(w!(self, "regional-facet-yes", economies = self.names_of(&yes)));
            }
            if !no.is_empty() {
                parts.push(w!(self, "regional-facet-no", economies = self.names_of(&no)));
            }
            if !unknown.is_empty() {
                parts.push(w!(self, "regional-facet-unknown", economies = self.names_of(&unknown)));
            }
            format!("{what}: {}", parts.join("; "))
        };
        let single: Vec<&str> = profiles
            .iter()
            .filter(|p| p.pathways.iter().any(|x| x["permit_type"] == "single_permit"))
            .map(|p| p.summary.display_name.as_str())
            .collect();
        out.push(w!(
            self,
            "regional-pathways",
            single = self.names_of(&single),
            quota = facet(w!(self, "regional-facet-quota"), &|p| &p.pathways, "quota"),
            register = facet(
                w!(self, "regional-facet-register"),
                &|p| &p.agency_regulations,
                "public_register"
            ),
            fees = facet(
                w!(self, "regional-facet-fees"),
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
                .map_or_else(
                    || w!(self, "doc-level-not-established"),
                    |s| match s {
                        "complete" => w!(self, "regional-in-place"),
                        "partial" => w!(self, "doc-level-partial"),
                        "absent" => w!(self, "doc-level-absent"),
                        _ => w!(self, "doc-level-not-established"),
                    },
                )
        };
        let said = |p: &Profile, theme: &str| {
            first_word(themes.get(&p.summary.code).and_then(|t| t.get(theme)))
                .unwrap_or_else(|| w!(self, "regional-no-source"))
        };
        let coo = Section::new(w!(self, "regional-coo-compared")).block(table(
            &w!(self, "regional-coo-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-check-today"),
                &w!(self, "regional-col-sources-say"),
            ],
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
            vec![w!(self, "regional-coo-note")],
        ));
        let moving = Section::new(w!(self, "regional-onward-compared")).block(table(
            &w!(self, "regional-onward-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-sources-report"),
                &w!(self, "regional-col-detection"),
            ],
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
            vec![w!(self, "regional-onward-note")],
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
                    Some(Level::Partial) => w!(self, "doc-level-partial"),
                    Some(Level::Absent) => w!(self, "doc-level-absent"),
                    None => w!(self, "doc-level-not-established"),
                };
                weak.push(format!("{} ({words})", self.name_of(&e.economy)));
            }
            if weak.is_empty() {
                continue;
            }
            let stages: BTreeSet<String> = it.answers.iter().map(|s| self.word(s)).collect();
            out.push((
                weak.len(),
                w!(
                    self,
                    "regional-recommendation",
                    title = it.title,
                    description = it.description,
                    concerns = if weak.len() == a.scores.economies.len() {
                        w!(self, "regional-all-six")
                    } else {
                        w!(self, "regional-some-of-six", n = weak.len())
                    },
                    economies = weak.join(", "),
                    stages = stages.into_iter().collect::<Vec<_>>().join(", "),
                    indicator = self.question(indicator).trim_end_matches('?'),
                ),
            ));
        }
        out.sort_by_key(|x| std::cmp::Reverse(x.0));
        Section::new(w!(self, "paper-recommendations"))
            .para(w!(self, "regional-recommendations-intro"))
            .block(list_or(
                out.into_iter().take(7).map(|(_, t)| t).collect(),
                &w!(self, "regional-recommendations-none"),
            ))
    }

    /// How the regional analysis was made and what it cannot say.
    pub(super) fn regional_method(&self, profiles: &[Profile], date: &str) -> Section {
        let records: usize = profiles.iter().map(|p| p.records().count()).sum();
        let figures: usize = profiles
            .iter()
            .map(|p| p.series.iter().map(|s| s.observations.len()).sum::<usize>())
            .sum();
        Section::new(w!(self, "paper-method"))
            .para(w!(self, "regional-method-intro", records = records, figures = figures))
            .block(Block::List {
                items: vec![
                    w!(
                        self,
                        "regional-method-as-of",
                        date = if date.is_empty() {
                            w!(self, "doc-unknown-date")
                        } else {
                            self.period_words(date)
                        }
                    ),
                    w!(self, "regional-method-compared"),
                    w!(self, "regional-method-gaps"),
                    w!(self, "regional-method-withheld"),
                    w!(self, "regional-method-drafts"),
                ]
                .into_iter()
                .chain(
                    (self.locale() != pathways_domain::locale::Locale::En).then(|| w!(self, "paper-method-language")),
                )
                .collect(),
            })
    }
}
