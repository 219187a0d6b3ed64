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
use crate::{App, Result, w};

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
        let stage_word = w!(self, "doc-col-stage");
        let mut header: Vec<&str> = vec![&stage_word];
        header.extend(names.iter().map(String::as_str));
        let mut practices: BTreeMap<(String, String), String> = BTreeMap::new();
        for (c, pr) in codes.iter().zip(profiles) {
            for x in &pr.practices {
                practices.insert((c.clone(), t(&x["stage"])), t(&x["status"]));
            }
        }
        let summary = Section::new(w!(self, "paper-summary"))
            .para(w!(
                self,
                "regional-summary-intro",
                economies = names.join(", "),
                n = a.framework.indicators.len()
            ))
            .block(Block::List {
                items: self.regional_summary(a, profiles, headlines, themes),
            })
            .block(Block::Note {
                text: w!(self, "regional-summary-note"),
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
                            label: match code.map(String::as_str) {
                                Some("complete") => w!(self, "doc-level-complete"),
                                Some("partial") => w!(self, "doc-level-partial"),
                                Some("absent") => w!(self, "doc-level-absent"),
                                Some("unknown") => w!(self, "doc-level-unknown"),
                                Some(other) => other.to_string(),
                                None => w!(self, "doc-level-none"),
                            },
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
        let matrix = Section::new(w!(self, "regional-matrix"))
            .block(Block::Figure {
                caption: w!(self, "regional-matrix-caption"),
                svg: svg::heatmap(
                    &w!(self, "regional-matrix-title"),
                    &w!(
                        self,
                        "regional-matrix-desc",
                        rows = stage_labels.len(),
                        columns = names.len()
                    ),
                    &stage_labels,
                    &names,
                    &heat_cells,
                ),
                definition: w!(self, "regional-matrix-definition"),
            })
            .block(table(&w!(self, "regional-matrix-table"), &header, matrix_rows, vec![]));
        let mut dim_rows = vec![];
        for d in &a.framework.dimensions {
            let mut r = vec![self.dimension_label(d)];
            for c in &codes {
                let cell = a
                    .scores
                    .economies
                    .iter()
                    .find(|e| &e.economy == c)
                    .map(|e| self.dimension_words(e.dimensions.get(&d.code)))
                    .unwrap_or_default();
                r.push(cell);
            }
            dim_rows.push(r);
        }
        let dimension_word = w!(self, "doc-col-dimension");
        let mut dh: Vec<&str> = vec![&dimension_word];
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
        let dim_labels: Vec<String> = a.framework.dimensions.iter().map(|d| self.dimension_label(d)).collect();
        let scores = Section::new(w!(self, "regional-scores"))
            .block(Block::Figure {
                caption: w!(self, "regional-scores-caption"),
                svg: svg::grouped_bars(
                    &w!(self, "regional-scores-title"),
                    &w!(self, "regional-scores-desc"),
                    &w!(self, "doc-level-none"),
                    &dim_labels,
                    &names,
                    &dim_values,
                ),
                definition: w!(self, "regional-scores-definition"),
            })
            .block(table(&w!(self, "regional-scores-table"), &dh, dim_rows, vec![]));
        let by = |k: FindingKind, title: String, none: String| {
            Section::new(title).block(list_or(
                findings_of(a, None, &[k]).iter().map(|f| self.marked(f)).collect(),
                &none,
            ))
        };
        // Once the delegations have decided on a priority, the table says what they decided.
        let decided = a.validation.keys().any(|k| k.starts_with("priority:"));
        let mut header = vec![
            w!(self, "regional-col-stage-or-theme"),
            w!(self, "regional-col-absent"),
            w!(self, "regional-col-partial"),
            w!(self, "regional-col-not-established"),
            w!(self, "regional-col-findings"),
            w!(self, "regional-col-priority"),
        ];
        if decided {
            header.push(w!(self, "regional-col-delegations"));
        }
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let priorities = Section::new(w!(self, "regional-priorities"))
            .para(w!(self, "regional-priority-formula"))
            .block(table(
                &w!(self, "regional-priorities-table"),
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
                            row.push(self.outcome_words(a.validation.get(&format!("priority:{}", x.stage))));
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
                        format!(
                            "{} ({}; {})",
                            s.indicator.label,
                            s.indicator.unit,
                            self.measure_name(&s.indicator.measure)
                        ),
                        self.period_words(&t(&o["period"])),
                        self.breakdown_of(o),
                        self.value_of(o),
                        t(&o["provenance"]["source"]),
                        format!(
                            "{}{}",
                            t(&o["provenance"]["date"]),
                            w!(
                                self,
                                "doc-cite-confidence",
                                confidence = self.confidence(&t(&o["provenance"]["confidence"]))
                            )
                        ),
                    ]);
                }
            }
        }
        let annex = Section::new(w!(self, "regional-annex")).block(table(
            &w!(self, "regional-annex-table"),
            &[
                &w!(self, "doc-data-economy"),
                &w!(self, "regional-col-indicator-unit-measure"),
                &w!(self, "doc-col-period"),
                &w!(self, "doc-col-breakdown"),
                &w!(self, "doc-col-value"),
                &w!(self, "doc-col-source"),
                &w!(self, "doc-col-source-date"),
            ],
            annex_rows,
            vec![w!(self, "regional-annex-note")],
        ));
        let mut doc = Document {
            name: self.document_name("regional"),
            title: w!(self, "regional-title"),
            subtitle: w!(self, "regional-subtitle"),
            draft: Self::is_draft(a),
            date,
            sections: vec![summary, method, matrix, scores]
                .into_iter()
                .chain(self.comparisons(profiles, headlines))
                .chain(self.themes_compared(profiles, themes))
                .chain([
                    by(
                        FindingKind::SharedVulnerability,
                        w!(self, "regional-shared"),
                        w!(self, "regional-shared-none"),
                    ),
                    by(
                        FindingKind::ProceduralGap,
                        w!(self, "regional-gaps"),
                        w!(self, "regional-gaps-none"),
                    ),
                    by(
                        FindingKind::CrossCuttingTrend,
                        w!(self, "regional-trends"),
                        w!(self, "regional-trends-none"),
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
                    economy: w!(self, "regional-as-reported"),
                    indicator: h.label.clone(),
                    measure: self
                        .vocab
                        .indicator(&h.indicator)
                        .map(|i| self.measure_name(&i.measure))
                        .unwrap_or_default(),
                    unit: self
                        .vocab
                        .indicator(&h.indicator)
                        .map_or(h.unit.clone(), |i| i.unit.clone()),
                    period: self.period_words(&h.period),
                    period_code: h.period.clone(),
                    citizenship: w!(self, "doc-total"),
                    sector: w!(self, "doc-total"),
                    sex: w!(self, "doc-total"),
                    value: h.value,
                    flag: self.flag_name(h.flag.as_deref()),
                    note: h.note.clone().unwrap_or_default(),
                    source: h.source.clone(),
                    source_date: String::new(),
                    confidence: self.confidence(&h.confidence),
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

impl App {
    /// The delegations' outcome for an item in words.
    fn outcome_words(&self, o: Option<&(Outcome, Option<String>)>) -> String {
        match o {
            Some((Outcome::Validated, _)) => w!(self, "regional-outcome-validated"),
            Some((Outcome::Amended, Some(text))) => w!(self, "regional-outcome-amended-to", text = text),
            Some((Outcome::Amended, None)) => w!(self, "regional-outcome-amended"),
            Some((Outcome::Dropped, _)) => w!(self, "regional-outcome-dropped"),
            None => w!(self, "regional-outcome-none"),
        }
    }

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
                Some(("priority", stage)) => w!(self, "regional-priority-area", stage = self.word(stage)),
                _ => key.to_string(),
            }
        };
        let listed = |o: Outcome| -> Vec<String> {
            a.validation
                .iter()
                .filter(|(_, (x, _))| *x == o)
                .map(|(k, (_, text))| match (o, text) {
                    (Outcome::Amended, Some(t)) => w!(self, "regional-amended-to", item = text_of(k), text = t),
                    _ => text_of(k),
                })
                .collect()
        };
        let mut s = Section::new(w!(self, "regional-validation")).para(w!(
            self,
            "regional-validation-intro",
            findings_validated = count("finding:", Outcome::Validated),
            findings_amended = count("finding:", Outcome::Amended),
            findings_dropped = count("finding:", Outcome::Dropped),
            priorities_validated = count("priority:", Outcome::Validated),
            priorities_amended = count("priority:", Outcome::Amended),
            priorities_dropped = count("priority:", Outcome::Dropped),
        ));
        for (o, title) in [
            (Outcome::Amended, w!(self, "regional-validation-amended")),
            (Outcome::Dropped, w!(self, "regional-validation-dropped")),
        ] {
            let items = listed(o);
            if !items.is_empty() {
                s = s.subsection(Section::new(title).block(Block::List { items }));
            }
        }
        Some(s)
    }
}
