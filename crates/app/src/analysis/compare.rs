//! The regional analysis's comparisons of what the programme asks about, economy beside economy:
//! inflows (the regional headline as reported, each economy's latest figure under its own
//! definition, the origin composition where a complete breakdown is published, and every series
//! in one table), legal pathways, and the regulation of recruitment agencies. Nothing is summed
//! across economies or indicators; a missing fact is written as a gap.

use pathways_reports::model::{Block, Section};
use serde_json::Value;

use super::blocks::{t, table, totals};
use crate::map::overview::{Headline, Profile};
use crate::{App, w};

/// How many citizenships the origin table names per economy.
const TOP_ORIGINS: usize = 4;

/// What records a yes/no field is counted across ("yes (2 of 3 pathways)").
#[derive(Debug, Clone, Copy)]
pub(super) enum Noun {
    Pathways,
    Regulations,
}

/// A breakdown by citizenship of one figure, the largest first.
pub(super) struct Origins {
    /// Whether the parts account for 95–105 % of the total (only then are shares drawn).
    pub complete: bool,
    pub period: String,
    /// The series' label.
    pub series: String,
    /// Citizenships in words with their counts.
    pub parts: Vec<(String, f64)>,
    pub total: f64,
}

impl App {
    /// A yes/no/unknown field across an economy's records in words: "yes", "no", "yes (2 of 3
    /// pathways)", or "not recorded".
    pub(super) fn across(&self, records: &[Value], field: &str, noun: Noun) -> String {
        let known: Vec<bool> = records.iter().filter_map(|r| r[field].as_bool()).collect();
        let yes = known.iter().filter(|b| **b).count();
        match (known.len(), yes) {
            (0, _) => w!(self, "doc-not-recorded"),
            (n, y) if y == n => w!(self, "doc-yes"),
            (_, 0) => w!(self, "doc-no"),
            (n, y) => match noun {
                Noun::Pathways => w!(self, "doc-yes-of-pathways", yes = y, n = n),
                Noun::Regulations => w!(self, "doc-yes-of-regulations", yes = y, n = n),
            },
        }
    }

    /// The `n` largest citizenships of a breakdown: with their shares when it is complete, else
    /// with their counts and what the breakdown covers.
    pub(super) fn origins_in_words(&self, o: &Origins, n: usize) -> String {
        let covered: f64 = o.parts.iter().map(|(_, v)| v).sum();
        let named = o.parts.iter().take(n);
        if o.complete {
            named
                .map(|(name, v)| format!("{name} {}", self.percent(v / o.total * 100.0, 0)))
                .collect::<Vec<_>>()
                .join("; ")
        } else {
            w!(
                self,
                "doc-origins-partial",
                named = named
                    .map(|(name, v)| format!("{name} {}", self.number(*v)))
                    .collect::<Vec<_>>()
                    .join("; "),
                share = self.percent(covered / o.total * 100.0, 0),
                why = if covered > o.total {
                    w!(self, "doc-origins-other-series")
                } else {
                    w!(self, "doc-origins-partial-breakdown")
                }
            )
        }
    }

    /// Inflows, legal pathways and recruitment agencies compared across the six economies.
    pub(super) fn comparisons(&self, profiles: &[Profile], regional: &[Headline]) -> Vec<Section> {
        vec![
            self.inflows_compared(profiles, regional),
            self.pathways_compared(profiles),
            self.agencies_compared(profiles),
        ]
    }

    fn inflows_compared(&self, profiles: &[Profile], regional: &[Headline]) -> Section {
        let mut s = Section::new(w!(self, "regional-inflows"));
        if !regional.is_empty() {
            s = s.para(w!(
                self,
                "regional-inflows-intro",
                figures = regional
                    .iter()
                    // The source's own wording ("about", "over … a lower bound") is in the note.
                    .map(|h| format!(
                        "{} ({}{})",
                        w!(
                            self,
                            "regional-figure-in",
                            figure = self.number(h.value),
                            period = self.period_words(&h.period)
                        ),
                        h.note.as_deref().unwrap_or(&h.label),
                        if h.source.is_empty() {
                            String::new()
                        } else {
                            format!("; {}", h.source)
                        }
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        s = s.block(table(
            &w!(self, "regional-latest-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-latest"),
                &w!(self, "regional-col-counts"),
                &w!(self, "doc-data-measure"),
                &w!(self, "doc-col-period"),
                &w!(self, "regional-col-source-confidence"),
            ],
            profiles
                .iter()
                .map(|p| match &p.summary.headline {
                    Some(h) => {
                        let indicator = self.vocab.indicator(&h.indicator);
                        vec![
                            p.summary.display_name.clone(),
                            format!("{}{}", self.number(h.value), self.flag_words(h.flag.as_deref())),
                            format!(
                                "{} ({})",
                                indicator.map_or(h.label.clone(), |i| i.label.clone()),
                                indicator.map_or(h.unit.clone(), |i| i.unit.clone())
                            ),
                            indicator.map(|i| self.measure_name(&i.measure)).unwrap_or_default(),
                            self.period_words(&h.period),
                            format!("{}; {}", h.source, self.confidence(&h.confidence)),
                        ]
                    }
                    None => vec![
                        p.summary.display_name.clone(),
                        w!(self, "regional-no-figure"),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                })
                .collect(),
            vec![w!(self, "regional-latest-note")],
        ));
        s = s.block(self.origins_table(profiles));
        let rows: Vec<Vec<String>> = profiles
            .iter()
            .flat_map(|p| {
                p.series.iter().filter_map(|series| {
                    let totals = totals(series);
                    (!totals.is_empty()).then(|| {
                        vec![
                            p.summary.display_name.clone(),
                            format!(
                                "{} ({}; {})",
                                series.indicator.label,
                                series.indicator.unit,
                                self.measure_name(&series.indicator.measure)
                            ),
                            totals
                                .iter()
                                .map(|(period, v)| format!("{}: {}", self.period_words(period), self.number(*v)))
                                .collect::<Vec<_>>()
                                .join("; "),
                        ]
                    })
                })
            })
            .collect();
        s.block(table(
            &w!(self, "regional-series-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-indicator-unit-measure"),
                &w!(self, "regional-col-totals"),
            ],
            rows,
            std::iter::once(w!(self, "regional-series-note"))
                .chain(profiles.iter().flat_map(|p| {
                    self.series_breaks(p)
                        .into_iter()
                        .map(|b| format!("{}: {b}", p.summary.display_name))
                }))
                .collect(),
        ))
    }

    /// The main citizenships of each economy's latest breakdown by share where it accounts for its
    /// total (95–105 %), else by count with what it covers; "not published" where there is none.
    fn origins_table(&self, profiles: &[Profile]) -> Block {
        let rows = profiles
            .iter()
            .map(|p| match self.origins(p) {
                Some(o) => vec![
                    p.summary.display_name.clone(),
                    format!("{}, {}", o.series, self.period_words(&o.period)),
                    self.origins_in_words(&o, TOP_ORIGINS),
                ],
                None => vec![
                    p.summary.display_name.clone(),
                    w!(self, "regional-no-breakdown"),
                    String::new(),
                ],
            })
            .collect();
        table(
            &w!(self, "regional-origins-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-series-period"),
                &w!(self, "regional-col-citizenships"),
            ],
            rows,
            vec![w!(self, "regional-origins-note", n = TOP_ORIGINS)],
        )
    }

    /// The latest breakdown by citizenship of an economy's figures: the latest that accounts for
    /// its total if there is one, else the latest there is.
    pub(super) fn origins(&self, p: &Profile) -> Option<Origins> {
        let mut best: Option<Origins> = None;
        for s in &p.series {
            for total in s
                .observations
                .iter()
                .filter(|o| o["citizenship"] == "_T" && o["sector"] == "_T" && o["sex"] == "_T")
            {
                let period = t(&total["period"]);
                let Some(sum_total) = total["value"].as_f64().filter(|v| *v > 0.0) else {
                    continue;
                };
                let mut parts: Vec<(String, f64)> = s
                    .observations
                    .iter()
                    .filter(|o| {
                        o["period"] == total["period"]
                            && o["citizenship"] != "_T"
                            && o["sector"] == "_T"
                            && o["sex"] == "_T"
                    })
                    .filter_map(|o| {
                        o["value"]
                            .as_f64()
                            .map(|v| (self.breakdown("citizenship", &o["citizenship"]), v))
                    })
                    .collect();
                let covered: f64 = parts.iter().map(|(_, v)| v).sum();
                let complete = (0.95 * sum_total..=1.05 * sum_total).contains(&covered);
                if covered > 0.0
                    && best
                        .as_ref()
                        .is_none_or(|b| (complete, &period) > (b.complete, &b.period))
                {
                    parts.sort_by(|a, b| b.1.total_cmp(&a.1));
                    best = Some(Origins {
                        complete,
                        period,
                        series: s.indicator.label.clone(),
                        parts,
                        total: sum_total,
                    });
                }
            }
        }
        best
    }

    fn pathways_compared(&self, profiles: &[Profile]) -> Section {
        Section::new(w!(self, "regional-pathways-compared")).block(table(
            &w!(self, "regional-pathways-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-pathways-recorded"),
                &w!(self, "regional-col-single-permit"),
                &w!(self, "doc-col-quota"),
                &w!(self, "doc-col-lmt"),
                &w!(self, "doc-col-employer-change"),
                &w!(self, "doc-col-processing-time"),
            ],
            profiles
                .iter()
                .map(|p| {
                    let single = p.pathways.iter().any(|x| x["permit_type"] == "single_permit");
                    let mut times: Vec<String> = p
                        .pathways
                        .iter()
                        .filter_map(|x| x["processing_time"].as_str().filter(|s| !s.is_empty()))
                        .map(str::to_string)
                        .collect();
                    times.dedup();
                    vec![
                        p.summary.display_name.clone(),
                        p.pathways.len().to_string(),
                        if p.pathways.is_empty() {
                            w!(self, "doc-not-recorded")
                        } else if single {
                            w!(self, "doc-yes")
                        } else {
                            w!(self, "doc-no")
                        },
                        self.across(&p.pathways, "quota", Noun::Pathways),
                        self.across(&p.pathways, "lmt_required", Noun::Pathways),
                        self.across(&p.pathways, "employer_change", Noun::Pathways),
                        if times.is_empty() {
                            w!(self, "doc-not-recorded")
                        } else {
                            times.join("; ")
                        },
                    ]
                })
                .collect(),
            vec![w!(self, "regional-pathways-note")],
        ))
    }

    fn agencies_compared(&self, profiles: &[Profile]) -> Section {
        Section::new(w!(self, "regional-agencies-compared")).block(table(
            &w!(self, "regional-agencies-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "doc-col-licensing"),
                &w!(self, "doc-col-public-register"),
                &w!(self, "doc-col-fees-banned"),
                &w!(self, "regional-col-abuses"),
            ],
            profiles
                .iter()
                .map(|p| {
                    let regs = &p.agency_regulations;
                    let licensing: Vec<String> = regs
                        .iter()
                        .map(|r| t(&r["licensing"]))
                        .filter(|s| !s.is_empty())
                        .collect();
                    let abuses: Vec<String> = regs.iter().map(|r| t(&r["notes"])).filter(|s| !s.is_empty()).collect();
                    vec![
                        p.summary.display_name.clone(),
                        if licensing.is_empty() {
                            w!(self, "doc-not-recorded")
                        } else {
                            licensing.join(" ")
                        },
                        self.across(regs, "public_register", Noun::Regulations),
                        self.across(regs, "worker_fees_banned", Noun::Regulations),
                        if abuses.is_empty() {
                            w!(self, "regional-none-recorded")
                        } else {
                            abuses.join(" ")
                        },
                    ]
                })
                .collect(),
            vec![],
        ))
    }
}
