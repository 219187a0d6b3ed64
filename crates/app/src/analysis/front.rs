//! The parts of a country paper that speak about the economy as a whole, written from its own
//! evidence and never copied from the regional text: the executive summary (the economy's own
//! findings, theme by theme), the method and its limitations, the context in words with the
//! headline figures, the abbreviations a reader meets, and the attribution and disclaimer the
//! deployment sets (`data/publication.csv`).

use std::collections::BTreeMap;

use pathways_analysis::Evidence;
use pathways_analysis::synthesis::{Stance, Synthesis};
use pathways_reports::model::{Block, Datum, Document, Section};
use pathways_storage::StoredRecord;
use serde_json::Value;

use super::blocks::{list_or, t, totals};
use super::compare::Noun;
use super::themes::SECONDARY_MOVEMENT;
use crate::map::overview::Profile;
use crate::{App, w};

/// Abbreviations that are not the name of a recorded institution, spelled out wherever a
/// document uses them: the message ids of each (`doc-abbr-<id>` the abbreviation as the locale
/// writes it, `doc-abbr-<id>-full` in full).
const COMMON: &[&str] = &[
    "coo", "eu", "etf", "etias", "ilo", "iom", "isco", "mou", "nace", "og", "vis",
];

/// What every document may need beyond one economy's profile: the systems of the Countries of
/// Origin and the acronyms of all recorded institutions.
#[derive(Debug, Default)]
pub(super) struct Shelf {
    pub systems: Vec<StoredRecord>,
    /// Acronym → the institution's name (and its local name).
    pub acronyms: BTreeMap<String, String>,
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // An acronym or a name keeps its capital.
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

impl App {
    /// What a theme's synthesis says, in one sentence for a summary: what is contested first,
    /// then the most direct statement, with how many sources say something.
    fn in_one(&self, s: &Synthesis, silent: &str) -> String {
        if let Some(c) = s.contested.first() {
            return w!(
                self,
                "paper-sources-disagree",
                reports = c.reports.text.trim_end_matches('.'),
                denies = lower_first(&c.denies.text)
            );
        }
        let said: Vec<_> = s.known.iter().filter(|t| t.stance != Stance::Denies).collect();
        // The status of the check, then the first source that describes the situation in its
        // own words (a note, an answer, a consultation): the two say more together than either
        // alone.
        let status = said.iter().find(|t| t.stance == Stance::Affirms);
        let described = said.iter().find(|t| t.stance == Stance::Describes);
        let mut parts: Vec<String> = status
            .iter()
            .chain(described.iter())
            .map(|t| t.text.trim().trim_end_matches('.').to_string())
            .collect();
        if parts.is_empty() {
            return match s.known.first() {
                Some(denial) => denial.text.clone(),
                None => silent.to_string(),
            };
        }
        let more = said.len().saturating_sub(parts.len());
        if more > 0 {
            parts.push(w!(self, "paper-further-sources", n = more));
        }
        parts.join(". ") + "."
    }

    /// The executive summary: the economy's own findings, one per theme — scale, origins, legal
    /// pathways, screening stage by stage, recruitment agencies, cooperation with Countries of
    /// Origin, onward movement.
    pub(super) fn executive_summary(&self, profile: &Profile, themes: &BTreeMap<String, Synthesis>) -> Section {
        let name = &profile.summary.display_name;
        let mut findings = vec![self.scale_in_words(profile)];
        findings.push(match self.origins(profile) {
            Some(o) => w!(
                self,
                "paper-summary-origins",
                origins = self.origins_in_words(&o, 4),
                series = o.series,
                period = self.period_words(&o.period)
            ),
            None => w!(self, "paper-summary-no-origins", name = name),
        });
        findings.push(self.pathways_in_words(profile));
        findings.push(self.stages_in_words(profile));
        findings.push(self.agencies_in_words(&profile.agency_regulations));
        findings.push(w!(
            self,
            "paper-summary-coo",
            said = self.in_one(
                themes.get("coo_cooperation").unwrap_or(&Synthesis::default()),
                &w!(self, "paper-summary-coo-silent", name = name)
            )
        ));
        findings.push(w!(
            self,
            "paper-summary-onward",
            said = self.in_one(
                themes.get(SECONDARY_MOVEMENT).unwrap_or(&Synthesis::default()),
                &w!(self, "paper-summary-onward-silent", name = name)
            )
        ));
        Section::new(w!(self, "paper-summary"))
            .para(w!(self, "paper-summary-intro", name = name))
            .block(Block::List { items: findings })
    }

    /// The latest headline figure with its qualifiers, its trend within its own series, and the
    /// series it replaced (a break).
    fn scale_in_words(&self, profile: &Profile) -> String {
        let Some(h) = &profile.summary.headline else {
            return w!(self, "paper-scale-none", name = profile.summary.display_name);
        };
        // The headline carries the English vocabulary's words: the indicator's own, in this
        // locale, are looked up by its code.
        let indicator = self.vocab.indicator(&h.indicator);
        let label = indicator.map_or(h.label.clone(), |i| i.label.clone());
        let unit = indicator.map_or(h.unit.clone(), |i| i.unit.clone());
        let mut s = w!(
            self,
            "paper-scale",
            label = label,
            value = format!("{}{}", self.number(h.value), self.flag_words(h.flag.as_deref())),
            period = self.period_words(&h.period),
            measure = self.measure_words(&unit, self.indicator_measure(&h.indicator)),
            confidence = self.confidence(&h.confidence)
        );
        if let Some(series) = profile.series.iter().find(|x| x.indicator.code == h.indicator) {
            let points = totals(series);
            let overlapping = pathways_domain::period::periods_overlap(points.iter().map(|(p, _)| p.as_str()));
            if let (Some(first), false) = (points.first().filter(|_| points.len() > 1), overlapping) {
                s.push(' ');
                s.push_str(&w!(
                    self,
                    "paper-scale-was",
                    value = self.number(first.1),
                    period = self.period_words(&first.0)
                ));
            }
        }
        for b in self.series_breaks(profile) {
            s.push(' ');
            s.push_str(&b);
        }
        s
    }

    fn indicator_measure(&self, code: &str) -> &str {
        self.vocab
            .indicators
            .iter()
            .find(|i| i.code == code)
            .map_or("", |i| i.measure.as_str())
    }

    /// The breaks in an economy's series: an indicator that continues another under a new
    /// definition, with the periods on each side.
    pub(super) fn series_breaks(&self, profile: &Profile) -> Vec<String> {
        let mut out = vec![];
        for s in &profile.series {
            let Some(old) = s.indicator.continues.as_deref() else {
                continue;
            };
            let before = profile.series.iter().find(|x| x.indicator.code == old);
            // A period may be a range (`2024-02/2025-01`): the break lies between the end of
            // the old series and the start of the new.
            let last_before = before.and_then(|b| {
                totals(b)
                    .into_iter()
                    .filter_map(|(p, _)| p.rsplit('/').next().map(str::to_string))
                    .max()
            });
            let first_after = totals(s)
                .into_iter()
                .filter_map(|(p, _)| p.split('/').next().map(str::to_string))
                .min();
            let label_before = before.map_or_else(|| self.word(old), |b| b.indicator.label.clone());
            out.push(w!(
                self,
                "paper-series-break",
                new = s.indicator.label,
                from = first_after.map_or(String::new(), |p| w!(
                    self,
                    "paper-series-break-from",
                    period = self.period_words(&p)
                )),
                old = label_before,
                last = last_before.map_or(String::new(), |p| w!(
                    self,
                    "paper-series-break-last",
                    period = self.period_words(&p)
                )),
            ));
        }
        out
    }

    fn pathways_in_words(&self, profile: &Profile) -> String {
        let p = &profile.pathways;
        if p.is_empty() {
            return w!(self, "paper-pathways-none");
        }
        let mut kinds: Vec<String> = p.iter().map(|x| self.word(&t(&x["permit_type"]))).collect();
        kinds.dedup();
        let single = p.iter().any(|x| x["permit_type"] == "single_permit");
        w!(
            self,
            "paper-pathways-summary",
            n = p.len(),
            kinds = kinds.join(", "),
            single = if single {
                w!(self, "paper-pathways-single")
            } else {
                w!(self, "paper-pathways-no-single")
            },
            quota = self.across(p, "quota", Noun::Pathways),
            lmt = self.across(p, "lmt_required", Noun::Pathways),
            change = self.across(p, "employer_change", Noun::Pathways),
        )
    }

    /// The nine stages sorted by the status of their check, gaps named as gaps.
    fn stages_in_words(&self, profile: &Profile) -> String {
        let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for st in self.vocab.stages.iter().filter(|s| !s.theme) {
            let status = profile
                .practices
                .iter()
                .find(|x| x["stage"] == st.code.as_str())
                .and_then(|x| x["status"].as_str())
                .unwrap_or("unknown");
            by.entry(status).or_default().push(lower_first(&st.label));
        }
        let part = |k: &str, words: String| {
            by.get(k)
                .filter(|v| !v.is_empty())
                .map(|v| w!(self, "paper-stages-at", status = words, stages = self.and_list(v)))
        };
        let parts: Vec<String> = [
            part("complete", w!(self, "paper-stages-complete")),
            part("partial", w!(self, "doc-level-partial")),
            part("absent", w!(self, "doc-level-absent")),
            part("unknown", w!(self, "paper-stages-unknown")),
        ]
        .into_iter()
        .flatten()
        .collect();
        w!(self, "paper-stages", parts = parts.join("; "))
    }

    /// How the paper was made and what it cannot say.
    pub(super) fn method(&self, profile: &Profile, ev: Option<&Evidence>, events: usize, date: &str) -> Section {
        let records: Vec<&Value> = profile.records().collect();
        let mut confidence: BTreeMap<String, usize> = BTreeMap::new();
        for r in &records {
            *confidence.entry(t(&r["provenance"]["confidence"])).or_default() += 1;
        }
        let count = |c: &str| confidence.get(c).copied().unwrap_or(0);
        let conf = w!(
            self,
            "paper-method-confidence",
            high = count("high"),
            medium = count("medium"),
            low = count("low")
        );
        let answers = match ev.filter(|e| !e.answers.is_empty()) {
            Some(e) => w!(self, "paper-method-answers", source = e.answers_source),
            None => w!(self, "paper-method-no-answers"),
        };
        let unknown: Vec<String> = self
            .vocab
            .stages
            .iter()
            .filter(|st| {
                profile
                    .practices
                    .iter()
                    .find(|x| x["stage"] == st.code.as_str())
                    .is_none_or(|x| x["status"] == "unknown")
            })
            .map(|st| lower_first(&st.label))
            .collect();
        let series: usize = profile.series.iter().map(|s| s.observations.len()).sum();
        Section::new(w!(self, "paper-method"))
            .para(w!(
                self,
                "paper-method-intro",
                records = records.len(),
                confidence = conf
            ))
            .block(Block::List {
                items: vec![
                    w!(
                        self,
                        "paper-method-records",
                        institutions = profile.institutions.len(),
                        relationships = profile.relationships.len(),
                        pathways = profile.pathways.len(),
                        practices = profile.practices.len(),
                        regulations = profile.agency_regulations.len(),
                        figures = series,
                    ),
                    format!("{answers};"),
                    w!(self, "paper-method-events", n = events),
                ],
            })
            .para(w!(self, "paper-method-reading"))
            .block(Block::List {
                items: vec![
                    w!(
                        self,
                        "paper-method-as-of",
                        date = if date.is_empty() {
                            w!(self, "doc-unknown-date")
                        } else {
                            self.period_words(date)
                        }
                    ),
                    w!(self, "paper-method-figures"),
                    if unknown.is_empty() {
                        w!(self, "paper-method-all-sourced")
                    } else {
                        w!(
                            self,
                            "paper-method-unknown",
                            stages = self.and_list(&unknown),
                            n = unknown.len()
                        )
                    },
                    w!(self, "paper-method-drafts"),
                ]
                .into_iter()
                // What a translated paper quotes untranslated, said where its method is.
                .chain(
                    (self.locale() != pathways_domain::locale::Locale::En).then(|| w!(self, "paper-method-language")),
                )
                .collect(),
            })
    }

    /// The context in words: who decides, through which pathways, and what the published figures
    /// say, each with its period and qualifiers.
    pub(super) fn context(&self, profile: &Profile) -> Section {
        let name = &profile.summary.display_name;
        let at = |stage: &str| -> Vec<String> {
            profile
                .institutions
                .iter()
                .filter(|i| i["stages"].as_array().is_some_and(|a| a.iter().any(|s| s == stage)))
                .map(|i| t(&i["name"]))
                .collect()
        };
        let mut s = Section::new(w!(self, "paper-context"));
        let (deciders, demand) = (at("permit"), at("demand"));
        let mut intro = w!(self, "paper-context-intro", name = name, n = profile.institutions.len());
        intro.push(' ');
        intro.push_str(&if deciders.is_empty() {
            w!(self, "paper-context-no-decider")
        } else {
            w!(self, "paper-context-decider", institutions = self.and_list(&deciders))
        });
        if !demand.is_empty() {
            intro.push(' ');
            intro.push_str(&w!(self, "paper-context-demand", institutions = self.and_list(&demand)));
        }
        s = s.para(intro);
        let latest: Vec<String> = profile
            .series
            .iter()
            .filter_map(|series| {
                let o = series
                    .observations
                    .iter()
                    .filter(|o| o["citizenship"] == "_T" && o["sector"] == "_T" && o["sex"] == "_T")
                    .max_by_key(|o| t(&o["period"]))?;
                Some(w!(
                    self,
                    "paper-context-latest",
                    label = series.indicator.label,
                    value = self.value_of(o),
                    period = self.period_words(&t(&o["period"])),
                    measure = self.measure_words(&series.indicator.unit, &series.indicator.measure),
                    published = self.period_words(&t(&o["provenance"]["date"])),
                    confidence = self.confidence(&t(&o["provenance"]["confidence"])),
                ))
            })
            .collect();
        s = s
            .para(w!(self, "paper-context-latest-intro", name = name))
            .block(list_or(latest, &w!(self, "paper-context-no-figure")));
        for b in self.series_breaks(profile) {
            s = s.para(b);
        }
        s.block(Block::Note {
            text: w!(self, "paper-context-note"),
        })
    }

    /// The abbreviations a document uses, spelled out: the acronyms of recorded institutions and
    /// the common ones, each only if it appears in the text as a word.
    pub(super) fn abbreviations(&self, doc: &Document, shelf: &Shelf) -> Option<Section> {
        let words: std::collections::BTreeSet<&str> = doc
            .texts()
            .into_iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let common: Vec<(String, String)> = COMMON
            .iter()
            .map(|id| {
                (
                    self.word_in_locale(&format!("doc-abbr-{id}"), &[]),
                    self.word_in_locale(&format!("doc-abbr-{id}-full"), &[]),
                )
            })
            .collect();
        let mut rows: Vec<Vec<String>> = shelf
            .acronyms
            .iter()
            .map(|(a, n)| (a.as_str(), n.as_str()))
            .chain(common.iter().map(|(a, n)| (a.as_str(), n.as_str())))
            .filter(|(a, _)| words.contains(a))
            .map(|(a, n)| vec![a.to_string(), n.to_string()])
            .collect();
        rows.sort();
        rows.dedup_by(|a, b| a[0] == b[0]);
        (!rows.is_empty()).then(|| {
            Section::new(w!(self, "doc-abbreviations")).block(Block::Table {
                caption: w!(self, "doc-abbreviations-table"),
                header: vec![w!(self, "doc-col-abbreviation"), w!(self, "doc-col-in-full")],
                rows,
                notes: vec![],
            })
        })
    }

    /// Every figure of an economy in long format, in words, for the data sheet of the annex.
    pub(super) fn data_of(&self, profile: &Profile) -> Vec<Datum> {
        profile
            .series
            .iter()
            .flat_map(|s| {
                s.observations.iter().map(move |o| {
                    let period = t(&o["period"]);
                    Datum {
                        economy: profile.summary.display_name.clone(),
                        indicator: s.indicator.label.clone(),
                        measure: self.measure_name(&s.indicator.measure),
                        unit: s.indicator.unit.clone(),
                        period: self.period_words(&period),
                        period_code: period,
                        citizenship: self.breakdown("citizenship", &o["citizenship"]),
                        sector: self.breakdown("sector", &o["sector"]),
                        sex: self.breakdown("sex", &o["sex"]),
                        value: o["value"].as_f64().unwrap_or(f64::NAN),
                        flag: self.flag_name(o["flag"].as_str()),
                        note: t(&o["note"]),
                        source: t(&o["provenance"]["source"]),
                        source_date: t(&o["provenance"]["date"]),
                        confidence: self.confidence(&t(&o["provenance"]["confidence"])),
                        definition: s.indicator.definition.clone(),
                    }
                })
            })
            .collect()
    }

    /// The attribution and disclaimer set for this deployment.
    pub(super) fn about_publication(&self) -> Section {
        let p = &self.vocab.publication;
        let mut s = Section::new(w!(self, "doc-about")).para(p.attribution());
        if !p.disclaimer.is_empty() {
            s = s.block(Block::Note {
                text: p.disclaimer.clone(),
            });
        }
        s
    }

    /// The systems of the Countries of Origin that this economy's workers come from (the
    /// citizenships in its figures) or whose relevance to the region names the economy, as a
    /// table.
    pub(super) fn origin_systems(&self, profile: &Profile, shelf: &Shelf) -> Option<Block> {
        let name = &profile.summary.name;
        let from: std::collections::BTreeSet<String> = profile
            .series
            .iter()
            .flat_map(|s| &s.observations)
            .map(|o| t(&o["citizenship"]))
            .collect();
        let rows: Vec<Vec<String>> = shelf
            .systems
            .iter()
            .filter(|r| {
                r.owner.as_ref().is_some_and(|c| from.contains(c))
                    || t(&r.body["wb6_relevance"]).contains(name.as_str())
            })
            .map(|r| {
                vec![
                    r.owner.as_deref().map(|c| self.word(c)).unwrap_or_default(),
                    t(&r.body["name"]),
                    t(&r.body["purpose"]),
                    t(&r.body["wb6_relevance"]),
                ]
            })
            .collect();
        (!rows.is_empty()).then(|| {
            super::blocks::table(
                &w!(self, "paper-systems-table"),
                &[
                    &w!(self, "doc-col-country-of-origin"),
                    &w!(self, "doc-col-system"),
                    &w!(self, "doc-col-what-it-does"),
                    &w!(self, "doc-col-wb-meaning"),
                ],
                rows,
                vec![w!(self, "paper-systems-note", name = profile.summary.display_name)],
            )
        })
    }

    /// What documents read besides the profiles: Countries of Origin's systems, institutions'
    /// acronyms.
    pub(super) async fn shelf(&self) -> crate::Result<Shelf> {
        let p = crate::auth::system("documents");
        let f = crate::map::records::ListFilter::default();
        let systems = self.list(&p, pathways_domain::entity::Kind::CooSystem, &f).await?;
        let acronyms = self
            .list(&p, pathways_domain::entity::Kind::Institution, &f)
            .await?
            .into_iter()
            .filter_map(|r| {
                let a = r.body["acronym"].as_str()?.trim().to_string();
                let name = t(&r.body["name"]);
                let local = t(&r.body["name_local"]);
                // An acronym of one letter, or the name itself, explains nothing.
                (a.chars().count() > 1 && a != name).then(|| {
                    let full = if local.is_empty() || local == name {
                        name
                    } else {
                        format!("{name} ({local})")
                    };
                    (a, full)
                })
            })
            .collect();
        Ok(Shelf { systems, acronyms })
    }
}

impl App {
    /// A measure in words: what kind of figure it is.
    fn measure_words(&self, unit: &str, measure: &str) -> String {
        match measure {
            "flow" => w!(self, "paper-measure-flow", unit = unit),
            "stock" => w!(self, "paper-measure-stock", unit = unit),
            "quota" => w!(self, "paper-measure-quota", unit = unit),
            "register" => w!(self, "paper-measure-register", unit = unit),
            _ => unit.to_string(),
        }
    }

    fn agencies_in_words(&self, regs: &[Value]) -> String {
        if regs.is_empty() {
            return w!(self, "paper-agencies-none");
        }
        let licensing: Vec<String> = regs
            .iter()
            .map(|r| t(&r["licensing"]))
            .filter(|s| !s.is_empty())
            .collect();
        w!(
            self,
            "paper-agencies-summary",
            licensing = if licensing.is_empty() {
                w!(self, "paper-agencies-no-licensing")
            } else {
                licensing.join(" ")
            },
            register = self.across(regs, "public_register", Noun::Regulations),
            fees = self.across(regs, "worker_fees_banned", Noun::Regulations),
        )
    }
}
