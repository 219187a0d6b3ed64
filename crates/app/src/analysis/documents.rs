//! The documents built from the current evidence: a country paper per economy and the regional
//! comparative analysis, as `pathways_reports` models. The six economies are always named with their
//! display names (Kosovo* with its footnote). Until the findings are validated the documents carry
//! a "Draft" mark: while a candidate finding awaits an analyst's decision or an accepted one has
//! not been validated (or amended, or dropped) by the delegates in a validation exercise.

use std::collections::BTreeMap;

use pathways_analysis::Level;
use pathways_analysis::findings::FindingKind;
use pathways_domain::Principal;
use pathways_domain::entity::PracticeStatus;
use pathways_domain::states::FindingStatus;
use pathways_reports::model::{Block, Document, Section};
use pathways_reports::svg;
use serde_json::Value;

use super::blocks::Cell::{Field, Institution};
use super::blocks::{list_or, record_table, t, table};
use crate::analysis::{Analysis, CuratedFinding};
use crate::map::overview::Profile;
use crate::{App, AppError, Result};

/// The reported totals of a series (no breakdown), by period.
fn totals(s: &crate::map::overview::Series) -> Vec<(String, f64)> {
    s.observations
        .iter()
        .filter(|o| o["citizenship"] == "_T" && o["sector"] == "_T" && o["sex"] == "_T")
        .filter_map(|o| o["value"].as_f64().map(|v| (t(&o["period"]), v)))
        .collect()
}

fn level_text(l: Option<Level>) -> &'static str {
    match l {
        Some(Level::Complete) => "complete",
        Some(Level::Partial) => "partial",
        Some(Level::Absent) => "absent",
        None => "no evidence",
    }
}

fn findings_of<'a>(a: &'a Analysis, economy: Option<&str>, kinds: &[FindingKind]) -> Vec<&'a CuratedFinding> {
    a.findings
        .iter()
        .filter(|f| !f.status().discarded())
        .filter(|f| kinds.contains(&f.candidate.kind))
        .filter(|f| economy.is_none_or(|e| f.candidate.economies.iter().any(|x| x == e || x == "WB6")))
        .collect()
}

/// A finding as a document prints it: marked "(draft)" until the delegates have validated (or
/// amended) it, so that a reader tells agreed findings from proposed ones.
fn marked(f: &CuratedFinding) -> String {
    match f.status() {
        FindingStatus::Validated | FindingStatus::Amended => f.text().to_string(),
        _ => format!("{} (draft, not yet validated)", f.text()),
    }
}

impl App {
    fn name_of(&self, code: &str) -> String {
        self.vocab
            .economy(code)
            .map_or(code.to_string(), |e| e.display_name.clone())
    }

    /// A breakdown code of a statistic in words: `_T` is the total; citizenships are economies
    /// or countries, sectors NACE sections, sexes women and men.
    fn breakdown(&self, field: &str, v: &serde_json::Value) -> String {
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

    fn kosovo_footnote(&self) -> String {
        self.vocab.economy("XK").map(|e| e.footnote.clone()).unwrap_or_default()
    }

    /// A document is a draft while a finding awaits an analyst's decision or an accepted finding
    /// has not been through the delegates' validation.
    fn is_draft(a: &Analysis) -> bool {
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
        let a = self.analysis(p).await?;
        Ok(self.paper(&a, &profile, code))
    }

    /// The six country papers and the regional analysis, reading the evidence and computing the
    /// analysis once for all seven.
    pub async fn all_documents(&self, p: &Principal) -> Result<Vec<Document>> {
        let a = self.analysis(p).await?;
        let mut profiles = vec![];
        for e in &self.vocab.economies {
            profiles.push(self.profile(&e.code).await?);
        }
        let mut docs: Vec<Document> = self
            .vocab
            .economies
            .iter()
            .zip(&profiles)
            .map(|(e, pr)| self.paper(&a, pr, &e.code))
            .collect();
        docs.push(self.regional(&a, &profiles));
        Ok(docs)
    }

    fn paper(&self, a: &Analysis, profile: &Profile, code: &str) -> Document {
        let name = self.name_of(code);
        let scores = a.scores.economies.iter().find(|e| e.economy == code);
        let mine = |kinds: &[FindingKind]| findings_of(a, Some(code), kinds);
        let inst_name: BTreeMap<String, String> = profile
            .institutions
            .iter()
            .map(|i| (t(&i["id"]), t(&i["name"])))
            .collect();
        let named = |id: &Value| inst_name.get(&t(id)).cloned().unwrap_or_else(|| t(id));

        let mut summary = Section::new("Summary").para(format!(
            "This paper maps how {name} admits and screens foreign workers from third countries: {} institutions, {} legal pathways, {} practices across the nine stages and two themes, and {} statistical figures, each with its source.",
            profile.institutions.len(),
            profile.pathways.len(),
            profile.practices.len(),
            profile.series.iter().map(|s| s.observations.len()).sum::<usize>()
        ));
        if let Some(s) = scores {
            let dims: Vec<String> = a
                .framework
                .dimensions
                .iter()
                .map(|d| match s.dimensions.get(&d.code) {
                    Some((Some(m), with, of)) => {
                        format!("{}: {m:.0} ({with} of {of} indicators with evidence)", d.label)
                    }
                    _ => format!("{}: no evidence", d.label),
                })
                .collect();
            summary = summary.block(Block::List { items: dims });
        }
        let key: Vec<String> = mine(&[
            FindingKind::SharedVulnerability,
            FindingKind::ProceduralGap,
            FindingKind::InstitutionalChallenge,
        ])
        .iter()
        .take(5)
        .map(|f| marked(f))
        .collect();
        summary = summary.block(list_or(key, "No finding has been raised yet."));

        let mut context = Section::new("Context and figures");
        if let Some(h) = &profile.summary.headline {
            context = context.para(format!(
                "Latest reported figure: {} — {} in {} ({}). {}",
                h.label,
                svg::thousands(h.value),
                h.period,
                h.source,
                h.definition
            ));
        }
        context = context.block(Block::Note {
            text: "Each figure is shown under its own indicator and definition; figures with different definitions are never added up.".into(),
        });

        let map = profile.stakeholder_map();
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
                    ("Kind", Field("kind")),
                    ("Stages", Field("stages")),
                    ("Mandate", Field("mandate")),
                ],
                &profile.institutions,
                &named,
            ))
            .block(record_table(
                "Relationships between institutions",
                &[
                    ("From", Institution("from")),
                    ("To", Institution("to")),
                    ("Kind", Field("kind")),
                    ("Description", Field("description")),
                ],
                &profile.relationships,
                &named,
            ));

        let pathways = Section::new("Legal pathways").block(record_table(
            "Legal pathways for foreign workers",
            &[
                ("Pathway", Field("name")),
                ("Type", Field("permit_type")),
                ("Legal basis", Field("legal_basis")),
                ("Quota", Field("quota")),
                ("Labour-market test", Field("lmt_required")),
                ("Change of employer", Field("employer_change")),
                ("Processing time", Field("processing_time")),
            ],
            &profile.pathways,
            &named,
        ));

        let mut inflows = Section::new("Inflows of foreign workers");
        for s in &profile.series {
            let totals = totals(s);
            // Cumulative figures over overlapping periods are no time series: the table gives them.
            let overlapping = pathways_domain::entity::periods_overlap(totals.iter().map(|(p, _)| p.as_str()));
            if totals.len() > 1 && !overlapping {
                inflows = inflows.block(Block::Figure {
                    caption: format!("{} ({})", s.indicator.label, s.indicator.unit),
                    svg: svg::bars(&s.indicator.label, &s.indicator.unit, &totals),
                    definition: s.indicator.definition.clone(),
                });
            }
            inflows = inflows.block(table(
                &s.indicator.label,
                &["Period", "Citizenship", "Sector", "Sex", "Value", "Source"],
                s.observations
                    .iter()
                    .map(|o| {
                        vec![
                            t(&o["period"]),
                            self.breakdown("citizenship", &o["citizenship"]),
                            self.breakdown("sector", &o["sector"]),
                            self.breakdown("sex", &o["sex"]),
                            t(&o["value"]),
                            t(&o["provenance"]["source"]),
                        ]
                    })
                    .collect(),
                vec![format!("Definition: {}", s.indicator.definition)],
            ));
        }
        if profile.series.is_empty() {
            inflows = inflows.para("No figure has been found for this economy (a gap in the evidence).");
        }

        let mut screening = Section::new("Screening and verification, stage by stage");
        for st in &self.vocab.stages {
            let practice = profile.practices.iter().find(|x| x["stage"] == st.code.as_str());
            let mut sec = Section::new(st.label.clone()).para(st.description.clone());
            match practice {
                Some(x) => {
                    sec = sec.block(table(
                        "Practice",
                        &[
                            "Status",
                            "Check",
                            "Responsible",
                            "Legal basis",
                            "Digital or paper",
                            "Processing time",
                        ],
                        vec![vec![
                            t(&x["status"]),
                            t(&x["check"]),
                            named(&x["responsible"]),
                            t(&x["legal_basis"]),
                            t(&x["mode"]),
                            t(&x["processing_time"]),
                        ]],
                        vec![
                            t(&x["notes"]),
                            format!(
                                "Source: {} ({}, confidence {})",
                                t(&x["provenance"]["source"]),
                                t(&x["provenance"]["date"]),
                                t(&x["provenance"]["confidence"])
                            ),
                        ],
                    ));
                }
                None => sec = sec.para("No practice is recorded for this stage (a gap in the evidence)."),
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
            &named,
        ));

        let coo = Section::new("Cooperation with Countries of Origin").block(list_or(
            profile
                .practices
                .iter()
                .filter(|x| x["stage"] == "coo_cooperation" || x["stage"] == "pre_departure")
                .map(|x| {
                    let stage = t(&x["stage"]);
                    let stage = self.vocab.stage(&stage).map_or(stage.clone(), |st| st.label.clone());
                    format!("{stage}: {} — {}", t(&x["status"]), t(&x["check"]))
                })
                .collect(),
            "Nothing is recorded about cooperation with Countries of Origin.",
        ));
        let challenges = Section::new("Institutional challenges").block(list_or(
            mine(&[FindingKind::InstitutionalChallenge])
                .iter()
                .map(|f| marked(f))
                .collect(),
            "No institutional challenge has been identified.",
        ));
        let secondary = Section::new("Patterns of secondary migration").block(list_or(
            mine(&[FindingKind::SecondaryMigration])
                .iter()
                .map(|f| marked(f))
                .chain(
                    a.findings
                        .iter()
                        .filter(|f| {
                            f.candidate.kind == FindingKind::RaisedAtEvent
                                && f.candidate.stage.as_deref() == Some("exit")
                                && f.candidate.economies.iter().any(|e| e == code)
                        })
                        .map(marked),
                )
                .collect(),
            "No evidence of onward movement has been reported.",
        ));
        let good: Vec<String> = profile
            .practices
            .iter()
            .filter(|x| x["status"] == "complete")
            .map(|x| format!("{}: {}", t(&x["stage"]), t(&x["check"])))
            .collect();
        let develop: Vec<String> = scores
            .map(|s| {
                a.framework
                    .indicators
                    .iter()
                    .filter(|i| {
                        s.indicators
                            .get(&i.code)
                            .is_some_and(|x| x.level == Some(Level::Absent))
                    })
                    .map(|i| format!("{} {}", i.code, i.question))
                    .collect()
            })
            .unwrap_or_default();
        let key_findings = Section::new("Key findings, good practices, areas for further development")
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
            .subsection(
                Section::new("Areas for further development").block(list_or(develop, "No indicator is absent.")),
            );
        let scores_sec = Section::new("Indicator scores").block(table(
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
        let mut footnotes = vec![];
        if code == "XK" {
            footnotes.push(self.kosovo_footnote());
        }
        Document {
            name: format!("country-{code}"),
            title: format!("{name}: labour migration of third-country nationals"),
            subtitle: "Country paper — mapping of screening and cooperation with Countries of Origin".into(),
            draft: Self::is_draft(a),
            date: crate::today(),
            sections: vec![
                summary,
                context,
                institutions,
                pathways,
                inflows,
                screening,
                agencies,
                coo,
                challenges,
                secondary,
                key_findings,
                scores_sec,
                sources,
            ],
            footnotes,
        }
    }

    /// The regional comparative analysis.
    pub async fn regional_report(&self, p: &Principal) -> Result<Document> {
        let a = self.analysis(p).await?;
        let mut profiles = vec![];
        for e in &self.vocab.economies {
            profiles.push(self.profile(&e.code).await?);
        }
        Ok(self.regional(&a, &profiles))
    }

    /// The regional analysis from the analysis and the six profiles (in the vocabulary's order).
    fn regional(&self, a: &Analysis, profiles: &[Profile]) -> Document {
        let codes: Vec<String> = self.vocab.economies.iter().map(|e| e.code.clone()).collect();
        let names: Vec<String> = codes.iter().map(|c| self.name_of(c)).collect();
        let mut header: Vec<&str> = vec!["Stage"];
        header.extend(names.iter().map(String::as_str));
        let mut practices: BTreeMap<(String, String), String> = BTreeMap::new();
        for (c, pr) in codes.iter().zip(profiles) {
            for x in &pr.practices {
                practices.insert((c.clone(), t(&x["stage"])), t(&x["status"]));
            }
        }
        let matrix_rows: Vec<Vec<String>> = self
            .vocab
            .stages
            .iter()
            .map(|st| {
                let mut r = vec![st.label.clone()];
                r.extend(codes.iter().map(|c| {
                    practices
                        .get(&(c.clone(), st.code.clone()))
                        .cloned()
                        .unwrap_or_else(|| "no evidence".into())
                }));
                r
            })
            .collect();
        let summary = Section::new("Summary")
            .para(format!(
                "This analysis compares how {} admit and screen foreign workers from third countries, stage by stage, on {} indicators in six dimensions, and sets out the shared vulnerabilities, procedural gaps, cross-cutting trends and priority areas for targeted intervention.",
                names.join(", "),
                a.framework.indicators.len()
            ))
            .block(Block::Note {
                text: "The economies are compared, not ranked. Figures are shown under their own definitions and never added up across economies.".into(),
            });
        let stage_labels: Vec<String> = self.vocab.stages.iter().map(|s| s.label.clone()).collect();
        // Coloured by the status code, labelled by the words the table beside it uses.
        let heat_cells: Vec<Vec<svg::HeatCell>> = self
            .vocab
            .stages
            .iter()
            .map(|st| {
                codes
                    .iter()
                    .map(|c| {
                        let code = practices.get(&(c.clone(), st.code.clone()));
                        svg::HeatCell {
                            status: code.and_then(|x| PracticeStatus::parse(x)),
                            label: code.cloned().unwrap_or_else(|| "no evidence".into()),
                        }
                    })
                    .collect()
            })
            .collect();
        let matrix = Section::new("Screening practices: stage × economy")
            .block(Block::Figure {
                caption: "Status of the check at each stage and theme, by economy".into(),
                svg: svg::heatmap("Stage × economy", &stage_labels, &names, &heat_cells),
                definition: "Complete: in law and applied to every case; partial: exists but limited in law or practice; absent: none; unknown / no evidence: not established. Each economy's practices are recorded with their sources in its country paper.".into(),
            })
            .block(table(
                "Status of the check at each stage (complete, partial, absent, unknown)",
                &header,
                matrix_rows,
                vec![],
            ));
        let mut dim_rows = vec![];
        for d in &a.framework.dimensions {
            let mut r = vec![d.label.clone()];
            for c in &codes {
                let cell = a
                    .scores
                    .economies
                    .iter()
                    .find(|e| &e.economy == c)
                    .and_then(|e| e.dimensions.get(&d.code))
                    .map(|(m, with, of)| match m {
                        Some(m) => format!("{m:.0} ({with}/{of})"),
                        None => "no evidence".into(),
                    })
                    .unwrap_or_default();
                r.push(cell);
            }
            dim_rows.push(r);
        }
        let mut dh: Vec<&str> = vec!["Dimension"];
        dh.extend(names.iter().map(String::as_str));
        let dim_values: Vec<Vec<Option<f64>>> = a
            .framework
            .dimensions
            .iter()
            .map(|d| {
                codes
                    .iter()
                    .map(|c| {
                        a.scores
                            .economies
                            .iter()
                            .find(|e| &e.economy == c)
                            .and_then(|e| e.dimensions.get(&d.code))
                            .and_then(|(m, _, _)| *m)
                    })
                    .collect()
            })
            .collect();
        let dim_labels: Vec<String> = a.framework.dimensions.iter().map(|d| d.label.clone()).collect();
        let scores = Section::new("Indicator scores by dimension")
            .block(Block::Figure {
                caption: "Scores by dimension and economy (0–100)".into(),
                svg: svg::grouped_bars("Scores by dimension", &dim_labels, &names, &dim_values),
                definition: "The mean of the indicators of the dimension that have evidence (absent 0, partial 50, complete 100). Economies are compared side by side, not ranked.".into(),
            })
            .block(table(
                "Mean score of the indicators with evidence (0–100), with indicators with evidence / in the dimension",
                &dh,
                dim_rows,
                vec![],
            ));
        let mut trends = Section::new("Inflow trends per economy");
        for (c, pr) in codes.iter().zip(profiles) {
            let mut sec = Section::new(self.name_of(c));
            for s in &pr.series {
                let totals = totals(s);
                if totals.is_empty() {
                    continue;
                }
                sec = sec.block(table(
                    &s.indicator.label,
                    &["Period", "Value"],
                    totals
                        .iter()
                        .map(|(p, v)| vec![p.clone(), svg::thousands(*v)])
                        .collect(),
                    vec![format!("Definition: {}", s.indicator.definition)],
                ));
            }
            if sec.blocks.is_empty() {
                sec = sec.para("No reported total (a gap in the evidence).");
            }
            trends = trends.subsection(sec);
        }
        let by = |k: FindingKind, title: &str, none: &str| {
            Section::new(title).block(list_or(
                findings_of(a, None, &[k]).iter().map(|f| marked(f)).collect(),
                none,
            ))
        };
        let priorities = Section::new("Priority areas for targeted intervention")
            .para(a.priority_formula)
            .block(table(
                "Stages and themes ranked by the formula above",
                &["Stage or theme", "Absent", "Partial", "Findings", "Priority"],
                a.priorities
                    .iter()
                    .map(|x| {
                        vec![
                            x.label.clone(),
                            x.absent.to_string(),
                            x.partial.to_string(),
                            x.findings.to_string(),
                            x.score.to_string(),
                        ]
                    })
                    .collect(),
                vec![],
            ));
        let mut annex_rows = vec![];
        for (c, pr) in codes.iter().zip(profiles) {
            for s in &pr.series {
                for o in &s.observations {
                    annex_rows.push(vec![
                        self.name_of(c),
                        s.indicator.code.clone(),
                        t(&o["period"]),
                        t(&o["citizenship"]),
                        t(&o["sector"]),
                        t(&o["sex"]),
                        t(&o["value"]),
                        t(&o["provenance"]["source"]),
                    ]);
                }
            }
        }
        let annex = Section::new("Data annex").block(table(
            "Every figure used, as reported",
            &[
                "Economy",
                "Indicator",
                "Period",
                "Citizenship",
                "Sector",
                "Sex",
                "Value",
                "Source",
            ],
            annex_rows,
            vec![],
        ));
        Document {
            name: "regional".into(),
            title: "Labour migration of third-country nationals in the Western Balkans".into(),
            subtitle: "Regional comparative analysis of screening and cooperation with Countries of Origin".into(),
            draft: Self::is_draft(a),
            date: crate::today(),
            sections: vec![
                summary,
                matrix,
                scores,
                trends,
                by(
                    FindingKind::SharedVulnerability,
                    "Shared vulnerabilities",
                    "No shared vulnerability.",
                ),
                by(FindingKind::ProceduralGap, "Procedural gaps", "No procedural gap."),
                by(
                    FindingKind::CrossCuttingTrend,
                    "Cross-cutting trends",
                    "No trend beyond the thresholds.",
                ),
                priorities,
                annex,
            ],
            footnotes: vec![self.kosovo_footnote()],
        }
    }
}
