//! The regional comparative analysis: the six economies side by side, stage by stage and theme by
//! theme, with the shared vulnerabilities, procedural gaps, cross-cutting trends and priorities.

use std::collections::BTreeMap;

use pathways_analysis::findings::FindingKind;
use pathways_domain::Principal;
use pathways_domain::entity::PracticeStatus;
use pathways_domain::states::Outcome;
use pathways_reports::model::{Block, Document, Section};
use pathways_reports::svg;

use super::blocks::{list_or, t, table};
use super::documents::{evidence_date, findings_of};
use super::front::Shelf;
use super::overview::RegionThemes;
use crate::analysis::Analysis;
use crate::map::overview::{Headline, Profile};
use crate::{App, Result};

impl App {
    /// The regional comparative analysis.
    pub async fn regional_report(&self, p: &Principal) -> Result<Document> {
        let evidence = self.evidence().await?;
        let a = self.analysis_with(p, &evidence).await?;
        let events = self.event_titles().await?;
        let mut profiles = vec![];
        for e in &self.vocab.economies {
            profiles.push(self.profile(&e.code).await?);
        }
        let headlines = self.regional_figures().await?;
        let themes = self.region_themes(&a, &evidence, &profiles, &events);
        Ok(self.regional(&a, &profiles, &headlines, &themes, &self.shelf().await?))
    }

    /// Each economy's syntheses, for the comparisons of themes.
    pub(super) fn region_themes(
        &self,
        a: &Analysis,
        evidence: &[pathways_analysis::Evidence],
        profiles: &[Profile],
        events: &super::themes::Events,
    ) -> RegionThemes {
        profiles
            .iter()
            .map(|p| {
                let ev = evidence.iter().find(|e| e.economy == p.summary.code);
                (p.summary.code.clone(), super::themes::syntheses(self, a, ev, p, events))
            })
            .collect()
    }

    /// The regional analysis from the analysis and the six profiles (in the vocabulary's order).
    pub(super) fn regional(
        &self,
        a: &Analysis,
        profiles: &[Profile],
        headlines: &[Headline],
        themes: &RegionThemes,
        shelf: &Shelf,
    ) -> Document {
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
        let summary = Section::new("Executive summary")
            .para(format!(
                "This analysis compares how {} admit and screen foreign workers from third countries, stage by stage, on {} indicators in six dimensions, and sets out the shared vulnerabilities, procedural gaps, cross-cutting trends, priority areas for targeted intervention and recommendations. What the evidence shows across the region:",
                names.join(", "),
                a.framework.indicators.len()
            ))
            .block(Block::List {
                items: self.regional_summary(a, profiles, headlines, themes),
            })
            .block(Block::Note {
                text: "The economies are compared, not ranked. Figures are shown under their own definitions and never added up across economies.".into(),
            });
        let date = profiles.iter().map(evidence_date).max().unwrap_or_default();
        let method = self.regional_method(profiles, &date);
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
        // The table beside the heat map says in words what each cell shows.
        let matrix_rows: Vec<Vec<String>> = stage_labels
            .iter()
            .zip(&heat_cells)
            .map(|(stage, cells)| {
                std::iter::once(stage.clone())
                    .chain(cells.iter().map(|c| c.label.clone()))
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
                    .map(|e| pathways_analysis::score::dimension_words(e.dimensions.get(&d.code)))
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
                            .and_then(|e| e.shown(&d.code))
                    })
                    .collect()
            })
            .collect();
        let dim_labels: Vec<String> = a.framework.dimensions.iter().map(|d| d.label.clone()).collect();
        let scores = Section::new("Indicator scores by dimension")
            .block(Block::Figure {
                caption: "Scores by dimension and economy (0–100)".into(),
                svg: svg::grouped_bars("Scores by dimension", &dim_labels, &names, &dim_values),
                definition: "The mean of the indicators of the dimension that have evidence (absent 0, partial 50, complete 100), drawn only where at least half of them have evidence. Economies are compared side by side, not ranked.".into(),
            })
            .block(table(
                "Mean score of the indicators with evidence (0–100), with how many have evidence; withheld where fewer than half do",
                &dh,
                dim_rows,
                vec![],
            ));
        let by = |k: FindingKind, title: &str, none: &str| {
            Section::new(title).block(list_or(
                findings_of(a, None, &[k]).iter().map(|f| self.marked(f)).collect(),
                none,
            ))
        };
        // Once the delegations have decided on a priority, the table says what they decided.
        let decided = a.validation.keys().any(|k| k.starts_with("priority:"));
        let mut header = vec![
            "Stage or theme",
            "Absent",
            "Partial",
            "Not established",
            "Findings",
            "Priority",
        ];
        if decided {
            header.push("Delegations");
        }
        let priorities = Section::new("Priority areas for targeted intervention")
            .para(a.priority_formula)
            .block(table(
                "Stages and themes ranked by the formula above",
                &header,
                a.priorities
                    .iter()
                    .map(|x| {
                        let mut row = vec![
                            x.label.clone(),
                            x.absent.to_string(),
                            x.partial.to_string(),
                            x.unknown.to_string(),
                            x.findings.to_string(),
                            x.score.to_string(),
                        ];
                        if decided {
                            row.push(outcome_words(a.validation.get(&format!("priority:{}", x.stage))));
                        }
                        row
                    })
                    .collect(),
                vec![],
            ));
        let validation = self.validation_section(a);
        let mut annex_rows = vec![];
        for (c, pr) in codes.iter().zip(profiles) {
            for s in &pr.series {
                for o in &s.observations {
                    annex_rows.push(vec![
                        self.name_of(c),
                        format!("{} ({}; {})", s.indicator.label, s.indicator.unit, s.indicator.measure),
                        self.period_words(&t(&o["period"])),
                        self.breakdown_of(o),
                        self.value_of(o),
                        t(&o["provenance"]["source"]),
                        format!(
                            "{}; confidence {}",
                            t(&o["provenance"]["date"]),
                            t(&o["provenance"]["confidence"])
                        ),
                    ]);
                }
            }
        }
        let annex = Section::new("Data annex").block(table(
            "Every figure used, as reported",
            &[
                "Economy",
                "Indicator (unit; measure)",
                "Period",
                "Breakdown",
                "Value",
                "Source",
                "Source date; confidence",
            ],
            annex_rows,
            vec!["Measure: flow (issued in the period), stock (valid on a date) or quota (the ceiling set). Each figure is under its own indicator's definition; none is added to another.".into()],
        ));
        let mut doc = Document {
            name: "regional".into(),
            title: "Labour migration of third-country nationals in the Western Balkans".into(),
            subtitle: "Regional comparative analysis of screening and cooperation with Countries of Origin".into(),
            draft: Self::is_draft(a),
            date,
            sections: vec![summary, method, matrix, scores]
                .into_iter()
                .chain(self.comparisons(profiles, headlines))
                .chain(self.themes_compared(profiles, themes))
                .chain([
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
                ])
                .chain(validation)
                .chain([self.regional_recommendations(a), annex])
                .collect(),
            footnotes: vec![self.kosovo_footnote()],
            data: headlines
                .iter()
                .map(|h| pathways_reports::model::Datum {
                    economy: "Western Balkans (as reported by the source)".into(),
                    indicator: h.label.clone(),
                    measure: self
                        .vocab
                        .indicator(&h.indicator)
                        .map(|i| i.measure.clone())
                        .unwrap_or_default(),
                    unit: h.unit.clone(),
                    period: self.period_words(&h.period),
                    period_code: h.period.clone(),
                    citizenship: "Total".into(),
                    sector: "Total".into(),
                    sex: "Total".into(),
                    value: h.value,
                    flag: self.flag_name(h.flag.as_deref()),
                    note: h.note.clone().unwrap_or_default(),
                    source: h.source.clone(),
                    source_date: String::new(),
                    confidence: h.confidence.clone(),
                    definition: h.definition.clone(),
                })
                .chain(profiles.iter().flat_map(|p| self.data_of(p)))
                .collect(),
            labels: self.labels(),
        };
        doc.labels.date = self.period_words(&doc.date);
        if let Some(abbr) = self.abbreviations(&doc, shelf) {
            doc.sections.push(abbr);
        }
        doc.sections.push(self.about_publication());
        doc
    }
}

/// The delegations' outcome for an item in words.
fn outcome_words(o: Option<&(Outcome, Option<String>)>) -> String {
    match o {
        Some((Outcome::Validated, _)) => "validated".into(),
        Some((Outcome::Amended, Some(text))) => format!("amended: {text}"),
        Some((Outcome::Amended, None)) => "amended".into(),
        Some((Outcome::Dropped, _)) => "dropped".into(),
        None => "not put to the delegations".into(),
    }
}

impl App {
    /// What the delegations decided in the validation exercises: how many findings and
    /// priorities stand, and which were amended or dropped (dropped findings no longer appear
    /// elsewhere in the report, so they are named here). `None` before any decision.
    fn validation_section(&self, a: &Analysis) -> Option<Section> {
        if a.validation.is_empty() {
            return None;
        }
        let count = |prefix: &str, o: Outcome| {
            a.validation
                .iter()
                .filter(|(k, (x, _))| k.starts_with(prefix) && *x == o)
                .count()
        };
        let text_of = |key: &str| -> String {
            match key.split_once(':') {
                Some(("finding", k)) => a
                    .findings
                    .iter()
                    .find(|f| f.candidate.key == k)
                    .map_or_else(|| k.to_string(), |f| f.candidate.text.clone()),
                Some(("priority", stage)) => format!("Priority area: {}", self.word(stage)),
                _ => key.to_string(),
            }
        };
        let listed = |o: Outcome| -> Vec<String> {
            a.validation
                .iter()
                .filter(|(_, (x, _))| *x == o)
                .map(|(k, (_, text))| match (o, text) {
                    (Outcome::Amended, Some(t)) => format!("{} — amended to: {t}", text_of(k)),
                    _ => text_of(k),
                })
                .collect()
        };
        let mut s = Section::new("Validation by the delegations").para(format!(
            "The economies' delegations rated the findings and priority areas put to them in a validation exercise (a Delphi consensus; the rule and the rounds are in the exercise's record). Findings: {} validated, {} amended, {} dropped. Priority areas: {} validated, {} amended, {} dropped. Validated and amended findings appear above in their agreed wording without the draft mark; dropped ones no longer weigh on the priorities.",
            count("finding:", Outcome::Validated),
            count("finding:", Outcome::Amended),
            count("finding:", Outcome::Dropped),
            count("priority:", Outcome::Validated),
            count("priority:", Outcome::Amended),
            count("priority:", Outcome::Dropped),
        ));
        for (o, title) in [
            (Outcome::Amended, "Amended by the delegations"),
            (Outcome::Dropped, "Dropped by the delegations"),
        ] {
            let items = listed(o);
            if !items.is_empty() {
                s = s.subsection(Section::new(title).block(Block::List { items }));
            }
        }
        Some(s)
    }
}
