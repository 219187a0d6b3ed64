//! The documents built from the current evidence: a country paper per economy (here) and the
//! regional comparative analysis (`regional`), as `pathways_reports` models. The six economies are always named with their
//! display names (Kosovo* with its footnote). Until the findings are validated the documents carry
//! a "Draft" mark: while a candidate finding awaits an analyst's decision or an accepted one has
//! not been validated (or amended, or dropped) by the delegates in a validation exercise.

use std::collections::BTreeMap;

use pathways_analysis::findings::FindingKind;
use pathways_analysis::synthesis::Synthesis;
use pathways_analysis::{Evidence, Level};
use pathways_domain::Principal;
use pathways_domain::states::FindingStatus;
use pathways_reports::model::{Block, Document, Section};
use pathways_reports::svg;
use serde_json::Value;

use super::blocks::Cell::{Field, Institution, Words};
use super::blocks::{Namer, list_or, marked, record_table, synthesis_blocks, t, table, totals, value_of};
use super::front::Shelf;
use super::themes::{Events, SECONDARY_MOVEMENT, syntheses};
use crate::analysis::{Analysis, CuratedFinding};
use crate::map::overview::Profile;
use crate::{App, AppError, Result};

/// The periods whose citizenship breakdown accounts for less than 95 % of the period's total, with
/// the share it does account for.
fn partial_breakdowns(s: &crate::map::overview::Series) -> Vec<(String, f64)> {
    let total = |o: &&Value| o["citizenship"] == "_T" && o["sector"] == "_T" && o["sex"] == "_T";
    let mut out = vec![];
    for o in s.observations.iter().filter(total) {
        let period = &o["period"];
        let sum: f64 = s
            .observations
            .iter()
            .filter(|x| &x["period"] == period && x["citizenship"] != "_T" && x["sector"] == "_T" && x["sex"] == "_T")
            .filter_map(|x| x["value"].as_f64())
            .sum();
        if let Some(t) = o["value"].as_f64().filter(|t| *t > 0.0)
            && sum > 0.0
            && sum < 0.95 * t
        {
            out.push((period.as_str().unwrap_or_default().to_string(), sum / t * 100.0));
        }
    }
    out
}

/// The date of the newest evidence a profile holds (its records' source dates): the data
/// cut-off a document states, never the day it was generated.
pub(super) fn evidence_date(profile: &Profile) -> String {
    profile
        .records()
        .filter_map(|r| r["provenance"]["date"].as_str())
        .max()
        .unwrap_or_default()
        .to_string()
}

pub(super) fn level_text(l: Option<Level>) -> &'static str {
    match l {
        Some(Level::Complete) => "complete",
        Some(Level::Partial) => "partial",
        Some(Level::Absent) => "absent",
        None => "no evidence",
    }
}

pub(super) fn findings_of<'a>(
    a: &'a Analysis,
    economy: Option<&str>,
    kinds: &[FindingKind],
) -> Vec<&'a CuratedFinding> {
    a.findings
        .iter()
        .filter(|f| !f.status().discarded())
        .filter(|f| kinds.contains(&f.candidate.kind))
        .filter(|f| economy.is_none_or(|e| f.candidate.economies.iter().any(|x| x == e || x == "WB6")))
        .collect()
}

impl App {
    pub(super) fn name_of(&self, code: &str) -> String {
        self.vocab
            .economy(code)
            .map_or(code.to_string(), |e| e.display_name.clone())
    }

    /// A breakdown code of a statistic in words: `_T` is the total; citizenships are economies
    /// or countries, sectors NACE sections, sexes women and men.
    pub(super) fn breakdown(&self, field: &str, v: &serde_json::Value) -> String {
        let code = t(v);
        match (field, code.as_str()) {
            (_, "_T") => "Total".into(),
            ("sex", "F") => "Women".into(),
            ("sex", "M") => "Men".into(),
            ("sector", c) => self
                .vocab
                .sectors
                .iter()
                .find(|x| x.code == c)
                .map_or(code.clone(), |x| x.label.clone()),
            (_, c) => match self.vocab.economy(c) {
                Some(e) => e.display_name.clone(),
                None => self.vocab.owner_name(c).map_or(code.clone(), str::to_string),
            },
        }
    }

    /// The words for a vocabulary code (stages, kinds, permit types, countries, sectors,
    /// indicators, economies); never the code as stored.
    pub(super) fn word(&self, code: &str) -> String {
        self.vocab
            .words()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.replace('_', " "), |(_, w)| w.to_string())
    }

    /// The catalogue's interventions that answer an economy's weak indicators (absent first, then
    /// partial, then without evidence), written as actions with the responsible institution.
    fn recommendations(
        &self,
        a: &Analysis,
        code: &str,
        ev: Option<&Evidence>,
        inst_name: &BTreeMap<String, String>,
    ) -> Vec<String> {
        let Some(scores) = a.scores.economies.iter().find(|e| e.economy == code) else {
            return vec![];
        };
        let catalogue = self.catalogue().unwrap_or_default();
        let mut out: Vec<(u8, String)> = vec![];
        for it in &catalogue {
            let Some(indicator) = a.framework.indicators.iter().find(|i| i.code == it.indicator) else {
                continue;
            };
            let level = scores.indicators.get(&it.indicator).and_then(|x| x.level);
            let (rank, today) = match level {
                Some(Level::Absent) => (0, "absent"),
                Some(Level::Partial) => (1, "partial"),
                None => (2, "not established"),
                Some(Level::Complete) => continue,
            };
            let lead = ev
                .and_then(|e| e.lead_for(&it.answers))
                .and_then(|id| inst_name.get(id).cloned());
            let stages: Vec<String> = it.answers.iter().map(|s| self.word(s)).collect();
            out.push((
                rank,
                format!(
                    "{}. {} Responsible: {}. Answers: {}; measured by “{}” (today: {today}).",
                    it.title,
                    it.description,
                    lead.unwrap_or_else(|| {
                        "no institution is recorded with a mandate at these stages (to be designated)".into()
                    }),
                    stages.join(", "),
                    indicator.question.trim_end_matches('?'),
                ),
            ));
        }
        out.sort_by_key(|(rank, _)| *rank);
        out.into_iter().map(|(_, text)| text).take(6).collect()
    }

    /// A reporting period in words (`January–June 2024`).
    pub(super) fn period_words(&self, p: &str) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        pathways_domain::period::period_in_words(p, |m| MONTHS[(m as usize - 1) % 12].to_string())
    }

    /// An observation's breakdown in words: "Total", or its citizenship, sector and sex.
    pub(super) fn breakdown_of(&self, o: &Value) -> String {
        let parts: Vec<String> = ["citizenship", "sector", "sex"]
            .iter()
            .filter(|f| o[**f] != "_T")
            .map(|f| self.breakdown(f, &o[*f]))
            .collect();
        if parts.is_empty() {
            "Total".into()
        } else {
            parts.join("; ")
        }
    }

    pub(super) fn kosovo_footnote(&self) -> String {
        self.vocab.economy("XK").map(|e| e.footnote.clone()).unwrap_or_default()
    }

    /// A document is a draft while a finding awaits an analyst's decision or an accepted finding
    /// has not been through the delegates' validation.
    pub(super) fn is_draft(a: &Analysis) -> bool {
        a.findings
            .iter()
            .any(|f| f.status() == FindingStatus::Candidate || f.status().accepted())
    }

    /// The country paper of one economy.
    pub async fn country_paper(&self, p: &Principal, code: &str) -> Result<Document> {
        if !self.vocab.is_economy(code) {
            return Err(AppError::NotFound {
                kind: "economy".into(),
                id: code.into(),
            });
        }
        let profile: Profile = self.profile(code).await?;
        let evidence = self.evidence().await?;
        let a = self.analysis_with(p, &evidence).await?;
        let events = self.event_titles().await?;
        let ev = evidence.iter().find(|e| e.economy == code);
        let themes = syntheses(&self.vocab, &a, ev, &profile, &events);
        Ok(self.paper(&a, &profile, ev, &themes, &self.shelf().await?))
    }

    /// Each event's title and date, by id, to cite the findings raised there.
    pub(super) async fn event_titles(&self) -> Result<Events> {
        Ok(self
            .raised_findings(&crate::auth::system("documents"))
            .await?
            .into_iter()
            .map(|f| (f.event_id, (f.event_title, f.event_date)))
            .collect())
    }

    /// The six country papers and the regional analysis, reading the evidence and computing the
    /// analysis once for all seven.
    pub async fn all_documents(&self, p: &Principal) -> Result<Vec<Document>> {
        let evidence = self.evidence().await?;
        let a = self.analysis_with(p, &evidence).await?;
        let events = self.event_titles().await?;
        let shelf = self.shelf().await?;
        let mut profiles = vec![];
        for e in &self.vocab.economies {
            profiles.push(self.profile(&e.code).await?);
        }
        // Each economy's syntheses, made once for its paper and the regional comparisons.
        let themes = self.region_themes(&a, &evidence, &profiles, &events);
        let mut docs: Vec<Document> = profiles
            .iter()
            .map(|pr| {
                let ev = evidence.iter().find(|e| e.economy == pr.summary.code);
                let own = themes.get(&pr.summary.code).cloned().unwrap_or_default();
                self.paper(&a, pr, ev, &own, &shelf)
            })
            .collect();
        docs.push(self.regional(&a, &profiles, &self.regional_figures().await?, &themes, &shelf));
        Ok(docs)
    }

    fn paper(
        &self,
        a: &Analysis,
        profile: &Profile,
        ev: Option<&Evidence>,
        themes: &BTreeMap<String, Synthesis>,
        shelf: &Shelf,
    ) -> Document {
        let code = profile.summary.code.as_str();
        let name = self.name_of(code);
        let theme = |code: &str| themes.get(code).cloned().unwrap_or_default();
        let scores = a.scores.economies.iter().find(|e| e.economy == code);
        let mine = |kinds: &[FindingKind]| findings_of(a, Some(code), kinds);
        let inst_name: BTreeMap<String, String> = profile
            .institutions
            .iter()
            .map(|i| (t(&i["id"]), t(&i["name"])))
            .collect();
        let named = |id: &Value| inst_name.get(&t(id)).cloned().unwrap_or_else(|| t(id));
        let words = |code: &str| self.word(code);
        let namer = Namer {
            institution: &named,
            code: &words,
        };

        let summary = self.executive_summary(profile, themes);
        let context = self.context(profile);

        let map = profile.stakeholder_map(&self.vocab);
        let institutions = Section::new("Institutional set-up")
            .block(Block::Figure {
                caption: format!("Stakeholder map: relationships between institutions in {name}"),
                svg: svg::network(&format!("Relationships between institutions in {name}"), &map.nodes, &map.edges),
                definition: "Institutions of the economy (and outside institutions they relate to), linked by data exchange, agreements, oversight, referral, cooperation or consent, as recorded with their sources.".into(),
            })
            .block(Block::Figure {
                caption: "Power / interest grid".into(),
                svg: svg::power_interest(
                    "Power / interest grid",
                    ["keep satisfied", "manage closely", "monitor", "keep informed", "interest", "power"],
                    &map.points,
                ),
                definition: "Power and interest on a 1–5 scale (analysts' assessment), as in a Mendelow grid.".into(),
            })
            // The record tables are declarations (a caption, columns, rows): alike on purpose.
            .block(record_table(
                "Institutions and their mandates",
                &[
                    ("Institution", Field("name")),
                    ("Kind", Words("kind")),
                    ("Stages", Words("stages")),
                    ("Mandate", Field("mandate")),
                ],
                &profile.institutions,
                &namer,
            ))
            .block(record_table(
                "Relationships between institutions",
                &[
                    ("From", Institution("from")),
                    ("To", Institution("to")),
                    ("Kind", Words("kind")),
                    ("Description", Field("description")),
                ],
                &profile.relationships,
                &namer,
            ));

        let pathways = Section::new("Legal pathways").block(record_table(
            "Legal pathways for foreign workers",
            &[
                ("Pathway", Field("name")),
                ("Type", Words("permit_type")),
                ("Legal basis", Field("legal_basis")),
                ("Quota", Field("quota")),
                ("Labour-market test", Field("lmt_required")),
                ("Change of employer", Field("employer_change")),
                ("Processing time", Field("processing_time")),
            ],
            &profile.pathways,
            &namer,
        ));

        let mut inflows = Section::new("Inflows of foreign workers");
        for s in &profile.series {
            let totals = totals(s);
            // Cumulative figures over overlapping periods are no time series: the table gives them.
            let overlapping = pathways_domain::period::periods_overlap(totals.iter().map(|(p, _)| p.as_str()));
            if totals.len() > 1 && !overlapping {
                inflows = inflows.block(Block::Figure {
                    caption: format!("{} ({})", s.indicator.label, s.indicator.unit),
                    svg: svg::series(
                        &s.indicator.label,
                        &s.indicator.unit,
                        &totals,
                        |p| self.period_words(p),
                        &svg::thousands,
                    ),
                    definition: s.indicator.definition.clone(),
                });
            }
            inflows = inflows.block(table(
                &s.indicator.label,
                &["Period", "Breakdown", "Value", "Note", "Source", "Source date; confidence"],
                s.observations
                    .iter()
                    .map(|o| {
                        vec![
                            self.period_words(&t(&o["period"])),
                            self.breakdown_of(o),
                            value_of(o),
                            t(&o["note"]),
                            t(&o["provenance"]["source"]),
                            format!(
                                "{}; {}",
                                t(&o["provenance"]["date"]),
                                t(&o["provenance"]["confidence"])
                            ),
                        ]
                    })
                    .collect(),
                std::iter::once(format!(
                    "Definition ({}): {}",
                    s.indicator.measure, s.indicator.definition
                ))
                .chain(partial_breakdowns(s).into_iter().map(|(period, share)| {
                    format!(
                        "The breakdown by citizenship for {} covers {share:.0} % of the total: a partial breakdown, from which no shares are drawn.",
                        self.period_words(&period)
                    )
                }))
                .collect(),
            ));
        }
        if profile.series.is_empty() {
            inflows = inflows.para("No figure has been found for this economy (a gap in the evidence).");
        }

        let mut screening = Section::new("Screening and verification, stage by stage");
        for st in &self.vocab.stages {
            let mut sec = Section::new(st.label.clone()).para(st.description.clone());
            for b in synthesis_blocks(
                &theme(&st.code),
                "No source we hold describes this stage (a gap in the evidence).",
            ) {
                sec = sec.block(b);
            }
            if let Some(x) = profile.practices.iter().find(|x| x["stage"] == st.code.as_str()) {
                let row = vec![
                    named(&x["responsible"]),
                    t(&x["legal_basis"]),
                    t(&x["mode"]),
                    t(&x["processing_time"]),
                ];
                if row.iter().any(|c| !c.is_empty()) {
                    sec = sec.block(table(
                        "How the check is organised",
                        &["Responsible", "Legal basis", "Digital or paper", "Processing time"],
                        vec![
                            row.into_iter()
                                .map(|c| if c.is_empty() { "not recorded".into() } else { c })
                                .collect(),
                        ],
                        vec![],
                    ));
                }
            }
            screening = screening.subsection(sec);
        }

        let agencies = Section::new("Role of recruitment agencies").block(record_table(
            "Regulation of recruitment agencies",
            &[
                ("Scope", Field("scope")),
                ("Authority", Institution("authority")),
                ("Licensing", Field("licensing")),
                ("Public register", Field("public_register")),
                ("Fees to workers banned", Field("worker_fees_banned")),
                ("Notes", Field("notes")),
            ],
            &profile.agency_regulations,
            &namer,
        ));

        let mut coo = Section::new("Cooperation with Countries of Origin");
        for (stage, title) in [
            ("coo_cooperation", "Agreements, liaison and verification channels"),
            (
                "pre_departure",
                "Verification in the Country of Origin before departure",
            ),
        ] {
            let mut sec = Section::new(title);
            for b in synthesis_blocks(
                &theme(stage),
                &format!("No source we hold describes this for {name} (a gap in the evidence)."),
            ) {
                sec = sec.block(b);
            }
            coo = coo.subsection(sec);
        }
        if let Some(systems) = self.origin_systems(profile, shelf) {
            coo = coo.subsection(Section::new("Systems of the Countries of Origin").block(systems));
        }
        let challenges = Section::new("Institutional challenges").block(list_or(
            mine(&[FindingKind::InstitutionalChallenge])
                .iter()
                .map(|f| marked(f))
                .collect(),
            "No institutional challenge has been identified.",
        ));
        let mut secondary = Section::new("Patterns of secondary migration").para(
            "Whether permit holders move on irregularly, mostly towards the EU: what the exit stage's records, the focal point's answers and the consultations report.",
        );
        for b in synthesis_blocks(
            &theme(SECONDARY_MOVEMENT),
            &format!(
                "No source we hold — practice records, statistics, questionnaire answers or consultations — reports on onward movement from {name}."
            ),
        ) {
            secondary = secondary.block(b);
        }
        let good: Vec<String> = profile
            .practices
            .iter()
            .filter(|x| x["status"] == "complete")
            .map(|x| format!("{}: {}", self.word(&t(&x["stage"])), t(&x["check"])))
            .collect();
        let recommendations = self.recommendations(a, code, ev, &inst_name);
        let key_findings = Section::new("Key findings, good practices and recommendations")
            .subsection(
                Section::new("Key findings").block(list_or(
                    mine(&[
                        FindingKind::SharedVulnerability,
                        FindingKind::ProceduralGap,
                        FindingKind::CrossCuttingTrend,
                        FindingKind::RaisedAtEvent,
                    ])
                    .iter()
                    .map(|f| marked(f))
                    .collect(),
                    "No finding yet.",
                )),
            )
            .subsection(Section::new("Good practices").block(list_or(good, "No practice is recorded as complete.")))
            .subsection(Section::new("Recommendations").para(
                "Actions from the programme's catalogue of interventions that answer this economy's weakest indicators, each with the institution mandated at the stage it concerns. They are proposals for the delegations to validate, not commitments.",
            ).block(list_or(
                recommendations,
                "No indicator is absent, partial or without evidence: no action is proposed.",
            )));
        let scores_sec = Section::new("Indicator scores")
            .block(table(
                "Scores by dimension (0–100)",
                &["Dimension", "Score"],
                a.framework
                    .dimensions
                    .iter()
                    .map(|d| {
                        vec![
                            d.label.clone(),
                            pathways_analysis::score::dimension_words(scores.and_then(|s| s.dimensions.get(&d.code))),
                        ]
                    })
                    .collect(),
                vec!["The mean of the dimension's indicators that have evidence (absent 0, partial 50, complete 100); withheld where fewer than half of them have evidence, since such a score says more about the gaps in our map than about the economy.".into()],
            ))
            .block(table(
            "Indicators (complete, partial, absent, or no evidence)",
            &["Indicator", "Question", "Level", "Evidence"],
            scores
                .map(|s| {
                    a.framework
                        .indicators
                        .iter()
                        .map(|i| {
                            let sc = s.indicators.get(&i.code);
                            vec![
                                i.code.clone(),
                                i.question.clone(),
                                level_text(sc.and_then(|x| x.level)).into(),
                                sc.map(|x| x.trace.join("; ")).unwrap_or_default(),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default(),
            vec!["Economies are compared indicator by indicator, not ranked.".into()],
        ));
        let sources = Section::new("Sources").block(Block::List {
            items: profile
                .sources
                .iter()
                .map(|(s, n)| format!("{s} ({n} facts)"))
                .collect(),
        });
        let date = [
            evidence_date(profile),
            themes
                .values()
                .filter_map(|t| t.latest())
                .max()
                .unwrap_or_default()
                .to_string(),
        ]
        .into_iter()
        .max()
        .unwrap_or_default();
        let method = self.method(profile, ev, mine(&[FindingKind::RaisedAtEvent]).len(), &date);
        let mut doc = Document {
            name: format!("country-{code}"),
            title: format!("{name}: labour migration of third-country nationals"),
            subtitle: "Country paper — mapping of screening and cooperation with Countries of Origin".into(),
            draft: Self::is_draft(a),
            date,
            sections: vec![
                summary,
                method,
                context,
                institutions,
                pathways,
                inflows,
                screening,
                agencies,
                coo,
                challenges,
                secondary,
                self.gaps(a, profile, themes),
                key_findings,
                scores_sec,
                sources,
            ],
            footnotes: vec![],
            data: self.data_of(profile),
        };
        if let Some(abbr) = Self::abbreviations(&doc, shelf) {
            doc.sections.push(abbr);
        }
        doc.sections.push(self.about_publication());
        // Every paper that names Kosovo* (its own, or any listing the six economies) carries
        // the designation's footnote.
        if doc.mentions("Kosovo") {
            doc.footnotes.push(self.kosovo_footnote());
        }
        doc
    }
}
