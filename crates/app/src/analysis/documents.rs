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
use super::blocks::{Namer, list_or, record_table, t, table, totals};
use super::front::Shelf;
use super::themes::{Events, SECONDARY_MOVEMENT, syntheses};
use crate::analysis::{Analysis, CuratedFinding};
use crate::map::overview::Profile;
use crate::{App, AppError, Result, w};

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
                Some(Level::Absent) => (0, crate::w!(self, "doc-level-absent")),
                Some(Level::Partial) => (1, crate::w!(self, "doc-level-partial")),
                None => (2, crate::w!(self, "doc-level-not-established")),
                Some(Level::Complete) => continue,
            };
            let lead = ev
                .and_then(|e| e.lead_for(&it.answers))
                .and_then(|id| inst_name.get(id).cloned());
            let stages: Vec<String> = it.answers.iter().map(|s| self.word(s)).collect();
            out.push((
                rank,
                crate::w!(
                    self,
                    "paper-recommendation",
                    title = it.title,
                    description = it.description,
                    responsible = lead.unwrap_or_else(|| crate::w!(self, "paper-recommendation-no-lead")),
                    stages = stages.join(", "),
                    indicator = self.question(indicator).trim_end_matches('?'),
                    today = today,
                ),
            ));
        }
        out.sort_by_key(|(rank, _)| *rank);
        out.into_iter().map(|(_, text)| text).take(6).collect()
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
        let themes = syntheses(self, &a, ev, &profile, &events);
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
        let value = |v: &Value| self.shown(v);
        let namer = Namer {
            institution: &named,
            code: &words,
            value: &value,
        };

        let summary = self.executive_summary(profile, themes);
        let context = self.context(profile);

        let map = profile.stakeholder_map(&self.vocab);
        let grid = w!(self, "paper-grid");
        let institutions = Section::new(w!(self, "paper-institutions"))
            .block(Block::Figure {
                caption: w!(self, "paper-network-caption", name = name),
                svg: svg::network(&w!(self, "paper-network-title", name = name), &map.nodes, &map.edges),
                definition: w!(self, "paper-network-definition"),
            })
            .block(Block::Figure {
                caption: grid.clone(),
                svg: svg::power_interest(
                    &grid,
                    [
                        &w!(self, "paper-grid-keep-satisfied"),
                        &w!(self, "paper-grid-manage-closely"),
                        &w!(self, "paper-grid-monitor"),
                        &w!(self, "paper-grid-keep-informed"),
                        &w!(self, "paper-grid-interest"),
                        &w!(self, "paper-grid-power"),
                    ],
                    &map.points,
                ),
                definition: w!(self, "paper-grid-definition"),
            })
            // The record tables are declarations (a caption, columns, rows): alike on purpose.
            .block(record_table(
                &w!(self, "paper-institutions-table"),
                &[
                    (&w!(self, "doc-col-institution"), Field("name")),
                    (&w!(self, "doc-col-kind"), Words("kind")),
                    (&w!(self, "doc-col-stages"), Words("stages")),
                    (&w!(self, "doc-col-mandate"), Field("mandate")),
                ],
                &profile.institutions,
                &namer,
            ))
            .block(record_table(
                &w!(self, "paper-relationships-table"),
                &[
                    (&w!(self, "doc-col-from"), Institution("from")),
                    (&w!(self, "doc-col-to"), Institution("to")),
                    (&w!(self, "doc-col-kind"), Words("kind")),
                    (&w!(self, "doc-col-description"), Field("description")),
                ],
                &profile.relationships,
                &namer,
            ));

        let pathways = Section::new(w!(self, "paper-pathways")).block(record_table(
            &w!(self, "paper-pathways-table"),
            &[
                (&w!(self, "doc-col-pathway"), Field("name")),
                (&w!(self, "doc-col-type"), Words("permit_type")),
                (&w!(self, "doc-col-legal-basis"), Field("legal_basis")),
                (&w!(self, "doc-col-quota"), Field("quota")),
                (&w!(self, "doc-col-lmt"), Field("lmt_required")),
                (&w!(self, "doc-col-employer-change"), Field("employer_change")),
                (&w!(self, "doc-col-processing-time"), Field("processing_time")),
            ],
            &profile.pathways,
            &namer,
        ));

        let number = |v: f64| self.number(v);
        let mut inflows = Section::new(w!(self, "paper-inflows"));
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
                        &number,
                    ),
                    definition: s.indicator.definition.clone(),
                });
            }
            inflows = inflows.block(table(
                &s.indicator.label,
                &[
                    &w!(self, "doc-col-period"),
                    &w!(self, "doc-col-breakdown"),
                    &w!(self, "doc-col-value"),
                    &w!(self, "doc-col-note"),
                    &w!(self, "doc-col-source"),
                    &w!(self, "doc-col-source-date"),
                ],
                s.observations
                    .iter()
                    .map(|o| {
                        vec![
                            self.period_words(&t(&o["period"])),
                            self.breakdown_of(o),
                            self.value_of(o),
                            t(&o["note"]),
                            t(&o["provenance"]["source"]),
                            format!(
                                "{}; {}",
                                t(&o["provenance"]["date"]),
                                self.confidence(&t(&o["provenance"]["confidence"]))
                            ),
                        ]
                    })
                    .collect(),
                std::iter::once(w!(
                    self,
                    "paper-series-definition",
                    measure = self.measure_name(&s.indicator.measure),
                    definition = s.indicator.definition
                ))
                .chain(partial_breakdowns(s).into_iter().map(|(period, share)| {
                    w!(
                        self,
                        "paper-partial-breakdown",
                        period = self.period_words(&period),
                        share = self.percent(share, 0)
                    )
                }))
                .collect(),
            ));
        }
        if profile.series.is_empty() {
            inflows = inflows.para(w!(self, "paper-no-figure"));
        }

        let mut screening = Section::new(w!(self, "paper-screening"));
        for st in &self.vocab.stages {
            let mut sec = Section::new(st.label.clone()).para(st.description.clone());
            for b in self.synthesis_blocks(&theme(&st.code), &w!(self, "paper-stage-silent")) {
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
                        &w!(self, "paper-check-table"),
                        &[
                            &w!(self, "doc-col-responsible"),
                            &w!(self, "doc-col-legal-basis"),
                            &w!(self, "doc-col-mode"),
                            &w!(self, "doc-col-processing-time"),
                        ],
                        vec![
                            row.into_iter()
                                .map(|c| if c.is_empty() { w!(self, "doc-not-recorded") } else { c })
                                .collect(),
                        ],
                        vec![],
                    ));
                }
            }
            screening = screening.subsection(sec);
        }

        let agencies = Section::new(w!(self, "paper-agencies")).block(record_table(
            &w!(self, "paper-agencies-table"),
            &[
                (&w!(self, "doc-col-scope"), Field("scope")),
                (&w!(self, "doc-col-authority"), Institution("authority")),
                (&w!(self, "doc-col-licensing"), Field("licensing")),
                (&w!(self, "doc-col-public-register"), Field("public_register")),
                (&w!(self, "doc-col-fees-banned"), Field("worker_fees_banned")),
                (&w!(self, "doc-col-notes"), Field("notes")),
            ],
            &profile.agency_regulations,
            &namer,
        ));

        let mut coo = Section::new(w!(self, "paper-coo"));
        for (stage, title) in [
            ("coo_cooperation", w!(self, "paper-coo-channels")),
            ("pre_departure", w!(self, "paper-coo-pre-departure")),
        ] {
            let mut sec = Section::new(title);
            for b in self.synthesis_blocks(&theme(stage), &w!(self, "paper-coo-silent", name = name)) {
                sec = sec.block(b);
            }
            coo = coo.subsection(sec);
        }
        if let Some(systems) = self.origin_systems(profile, shelf) {
            coo = coo.subsection(Section::new(w!(self, "paper-coo-systems")).block(systems));
        }
        let challenges = Section::new(w!(self, "paper-challenges")).block(list_or(
            mine(&[FindingKind::InstitutionalChallenge])
                .iter()
                .map(|f| self.marked(f))
                .collect(),
            &w!(self, "paper-challenges-none"),
        ));
        let mut secondary = Section::new(w!(self, "paper-secondary")).para(w!(self, "paper-secondary-intro"));
        for b in self.synthesis_blocks(
            &theme(SECONDARY_MOVEMENT),
            &w!(self, "paper-secondary-silent", name = name),
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
        let key_findings = Section::new(w!(self, "paper-key"))
            .subsection(
                Section::new(w!(self, "paper-key-findings")).block(list_or(
                    mine(&[
                        FindingKind::SharedVulnerability,
                        FindingKind::ProceduralGap,
                        FindingKind::CrossCuttingTrend,
                        FindingKind::RaisedAtEvent,
                    ])
                    .iter()
                    .map(|f| self.marked(f))
                    .collect(),
                    &w!(self, "paper-key-findings-none"),
                )),
            )
            .subsection(
                Section::new(w!(self, "paper-good-practices"))
                    .block(list_or(good, &w!(self, "paper-good-practices-none"))),
            )
            .subsection(
                Section::new(w!(self, "paper-recommendations"))
                    .para(w!(self, "paper-recommendations-intro"))
                    .block(list_or(recommendations, &w!(self, "paper-recommendations-none"))),
            );
        let scores_sec = Section::new(w!(self, "paper-scores"))
            .block(table(
                &w!(self, "paper-scores-dimensions"),
                &[&w!(self, "doc-col-dimension"), &w!(self, "doc-col-score")],
                a.framework
                    .dimensions
                    .iter()
                    .map(|d| {
                        vec![
                            self.dimension_label(d),
                            self.dimension_words(scores.and_then(|s| s.dimensions.get(&d.code))),
                        ]
                    })
                    .collect(),
                vec![w!(self, "paper-scores-dimensions-note")],
            ))
            .block(table(
                &w!(self, "paper-scores-indicators"),
                &[
                    &w!(self, "doc-col-indicator"),
                    &w!(self, "doc-col-question"),
                    &w!(self, "doc-col-level"),
                    &w!(self, "doc-col-evidence"),
                ],
                scores
                    .map(|s| {
                        a.framework
                            .indicators
                            .iter()
                            .map(|i| {
                                let sc = s.indicators.get(&i.code);
                                vec![
                                    i.code.clone(),
                                    self.question(i),
                                    self.level_text(sc.and_then(|x| x.level)),
                                    sc.map(|x| x.trace.join("; ")).unwrap_or_default(),
                                ]
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                vec![w!(self, "paper-scores-indicators-note")],
            ));
        let sources = Section::new(w!(self, "paper-sources")).block(Block::List {
            items: profile
                .sources
                .iter()
                .map(|(s, n)| w!(self, "paper-source-facts", source = s, n = n))
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
            name: self.document_name(&format!("country-{code}")),
            title: w!(self, "paper-title", name = name),
            subtitle: w!(self, "paper-subtitle"),
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
            labels: self.labels(),
        };
        doc.labels.date = self.period_words(&doc.date);
        if let Some(abbr) = self.abbreviations(&doc, shelf) {
            doc.sections.push(abbr);
        }
        doc.sections.push(self.about_publication());
        // Every paper that names Kosovo* (its own, or any listing the six economies) carries
        // the designation's footnote.
        if doc.mentions(&self.kosovo_name()) {
            doc.footnotes.push(self.kosovo_footnote());
        }
        doc
    }
}
