//! The parts of a country paper that speak about the economy as a whole, written from its own
//! evidence and never copied from the regional text: the executive summary (the economy's own
//! findings, theme by theme), the method and its limitations, the context in words with the
//! headline figures, the abbreviations a reader meets, and the attribution and disclaimer the
//! deployment sets (`data/publication.csv`).

use std::collections::BTreeMap;

use pathways_analysis::Evidence;
use pathways_analysis::synthesis::{Stance, Synthesis};
use pathways_domain::number::thousands;
use pathways_reports::model::{Block, Datum, Document, Section};
use pathways_storage::StoredRecord;
use serde_json::Value;

use super::blocks::{and_list, flag_name, flag_words, list_or, t, totals};
use super::compare::across;
use super::themes::SECONDARY_MOVEMENT;
use crate::App;
use crate::map::overview::Profile;

/// Abbreviations that are not the name of a recorded institution, spelled out wherever a
/// document uses them.
const COMMON: &[(&str, &str)] = &[
    ("CoO", "Country of Origin"),
    ("EU", "European Union"),
    ("ETF", "European Training Foundation"),
    ("ETIAS", "European Travel Information and Authorisation System"),
    ("ILO", "International Labour Organization"),
    ("IOM", "International Organization for Migration"),
    ("ISCO", "International Standard Classification of Occupations"),
    ("MoU", "memorandum of understanding"),
    (
        "NACE",
        "Statistical classification of economic activities in the European Community",
    ),
    ("OG", "Official Gazette"),
    ("VIS", "Visa Information System"),
];

/// What every document may need beyond one economy's profile: the systems of the Countries of
/// Origin and the acronyms of all recorded institutions.
#[derive(Debug, Default)]
pub(super) struct Shelf {
    pub systems: Vec<StoredRecord>,
    /// Acronym → the institution's name (and its local name).
    pub acronyms: BTreeMap<String, String>,
}

/// What a theme's synthesis says, in one sentence for a summary: what is contested first, then
/// the most direct statement, with how many sources say something.
fn in_one(s: &Synthesis, silent: &str) -> String {
    if let Some(c) = s.contested.first() {
        return format!(
            "Sources disagree: {} — while {}",
            c.reports.text.trim_end_matches('.'),
            lower_first(&c.denies.text)
        );
    }
    let said: Vec<_> = s.known.iter().filter(|t| t.stance != Stance::Denies).collect();
    // The status of the check, then the first source that describes the situation in its own
    // words (a note, an answer, a consultation): the two say more together than either alone.
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
        parts.push(format!(
            "{more} further source{} below",
            if more == 1 { "" } else { "s" }
        ));
    }
    parts.join(". ") + "."
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
    /// The executive summary: the economy's own findings, one per theme — scale, origins, legal
    /// pathways, screening stage by stage, recruitment agencies, cooperation with Countries of
    /// Origin, onward movement.
    pub(super) fn executive_summary(&self, profile: &Profile, themes: &BTreeMap<String, Synthesis>) -> Section {
        let name = &profile.summary.display_name;
        let mut findings = vec![self.scale_in_words(profile)];
        findings.push(match self.origins(profile) {
            Some(o) => format!(
                "Where the workers come from: {} ({}, {}).",
                o.in_words(4),
                o.series,
                self.period_words(&o.period)
            ),
            None => format!(
                "No breakdown of {name}'s figures by citizenship has been published: which Countries of Origin the workers come from is known only from the practice records and reports cited below."
            ),
        });
        findings.push(self.pathways_in_words(profile));
        findings.push(self.stages_in_words(profile));
        findings.push(agencies_in_words(&profile.agency_regulations));
        let silent = |what: &str| format!("No source we hold reports on {what} for {name} (a gap in the evidence).");
        findings.push(format!(
            "Cooperation with Countries of Origin: {}",
            in_one(
                themes.get("coo_cooperation").unwrap_or(&Synthesis::default()),
                &silent("agreements or verification channels with Countries of Origin")
            )
        ));
        findings.push(format!(
            "Onward movement: {}",
            in_one(
                themes.get(SECONDARY_MOVEMENT).unwrap_or(&Synthesis::default()),
                &silent("onward movement of permit holders")
            )
        ));
        Section::new("Executive summary")
            .para(format!(
                "What the evidence on {name} shows, theme by theme; each point is developed, with its sources, in the sections that follow. The regional findings that concern {name} are listed under Key findings."
            ))
            .block(Block::List { items: findings })
    }

    /// The latest headline figure with its qualifiers, its trend within its own series, and the
    /// series it replaced (a break).
    fn scale_in_words(&self, profile: &Profile) -> String {
        let Some(h) = &profile.summary.headline else {
            return format!(
                "No published figure on foreign workers in {} has been found (a gap in the evidence).",
                profile.summary.display_name
            );
        };
        let mut s = format!(
            "Scale: {} — {}{} in {} ({}; {} confidence).",
            h.label,
            thousands(h.value),
            flag_words(h.flag.as_deref()),
            self.period_words(&h.period),
            measure_words(&h.unit, self.indicator_measure(&h.indicator)),
            h.confidence
        );
        if let Some(series) = profile.series.iter().find(|x| x.indicator.code == h.indicator) {
            let points = totals(series);
            let overlapping = pathways_domain::period::periods_overlap(points.iter().map(|(p, _)| p.as_str()));
            if let (Some(first), false) = (points.first().filter(|_| points.len() > 1), overlapping) {
                s.push_str(&format!(
                    " It was {} in {}.",
                    thousands(first.1),
                    self.period_words(&first.0)
                ));
            }
        }
        s.push_str(&self.series_breaks(profile).join(""));
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
            out.push(format!(
                " Break in series: “{}”{} replaced “{label_before}”{}; the two follow different definitions and are not read as one trend.",
                s.indicator.label,
                first_after.map_or(String::new(), |p| format!(" (from {})", self.period_words(&p))),
                last_before.map_or(String::new(), |p| format!(" (last reported for {})", self.period_words(&p))),
            ));
        }
        out
    }

    fn pathways_in_words(&self, profile: &Profile) -> String {
        let p = &profile.pathways;
        if p.is_empty() {
            return "Legal pathways: none is recorded (a gap in the evidence).".into();
        }
        let mut kinds: Vec<String> = p.iter().map(|x| self.word(&t(&x["permit_type"]))).collect();
        kinds.dedup();
        let single = p.iter().any(|x| x["permit_type"] == "single_permit");
        format!(
            "Legal pathways: {} recorded ({}); {}. A quota applies: {}; a labour-market test: {}; a change of employer is allowed: {}.",
            p.len(),
            kinds.join(", "),
            if single {
                "a single permit for residence and work exists"
            } else {
                "no single permit for residence and work is recorded"
            },
            across(p, "quota", "pathways"),
            across(p, "lmt_required", "pathways"),
            across(p, "employer_change", "pathways"),
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
        let part = |k: &str, words: &str| {
            by.get(k)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{words} at {}", and_list(v)))
        };
        let parts: Vec<String> = [
            part("complete", "complete (in law and applied)"),
            part("partial", "partial"),
            part("absent", "absent"),
            part("unknown", "not established by any source (a gap to verify)"),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!("Screening, stage by stage: the check is {}.", parts.join("; "))
    }

    /// How the paper was made and what it cannot say.
    pub(super) fn method(&self, profile: &Profile, ev: Option<&Evidence>, events: usize, date: &str) -> Section {
        let records: Vec<&Value> = profile.records().collect();
        let mut confidence: BTreeMap<String, usize> = BTreeMap::new();
        for r in &records {
            *confidence.entry(t(&r["provenance"]["confidence"])).or_default() += 1;
        }
        let conf = ["high", "medium", "low"]
            .iter()
            .map(|c| format!("{} {c}", confidence.get(*c).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ");
        let answers = match ev.filter(|e| !e.answers.is_empty()) {
            Some(e) => format!(
                "the focal point's approved answers to the mapping questionnaire ({})",
                e.answers_source
            ),
            None => "no approved answers of the focal point to the mapping questionnaire yet".into(),
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
        let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        Section::new("Method and limitations")
            .para(format!(
                "The paper rests on {} of the programme's map, each citing the public source a reader can open (law, gazette, ministry page, report or press) with its date and our confidence in it ({conf}):",
                n(records.len(), "record", "records"),
            ))
            .block(Block::List {
                items: vec![
                    format!(
                        "{}, {}, {}, {}, {} and {};",
                        n(profile.institutions.len(), "institution", "institutions"),
                        n(profile.relationships.len(), "relationship between institutions", "relationships between institutions"),
                        n(profile.pathways.len(), "legal pathway", "legal pathways"),
                        n(profile.practices.len(), "screening practice", "screening practices"),
                        n(profile.agency_regulations.len(), "regulation of recruitment agencies", "regulations of recruitment agencies"),
                        n(profile.series.iter().map(|s| s.observations.len()).sum::<usize>(), "published figure", "published figures"),
                    ),
                    format!("{answers};"),
                    if events == 0 {
                        "no finding raised at a consultation or workshop yet.".into()
                    } else {
                        format!("{} raised at consultations and workshops.", n(events, "finding", "findings"))
                    },
                ],
            })
            .para("For each stage and theme, every source is read together: what is known (with its source), what sources contradict, and what no source establishes. A statement that nothing is reported appears only when no source of any kind reports anything. Each indicator of the assessment framework is scored complete, partial or absent from that evidence; an indicator without evidence is reported as such, never as absent, and a dimension's score is withheld where fewer than half of its indicators have evidence.")
            .block(Block::List {
                items: vec![
                    format!("Evidence as of {}: the date of the newest source; later changes are not reflected.", if date.is_empty() { "an unknown date".to_string() } else { self.period_words(date) }),
                    "Figures are as published by their sources, each under its own definition (flow, stock or quota); figures with different definitions are never added up, quotas are ceilings and not inflows, and shares are drawn only from breakdowns that account for their total.".into(),
                    if unknown.is_empty() {
                        "Every stage and theme has at least one source describing it.".into()
                    } else {
                        format!("No source establishes how {} {} done: these are gaps in the evidence to verify, not findings of absence.", and_list(&unknown), if unknown.len() == 1 { "is" } else { "are" })
                    },
                    "Findings are drafts until the economies' delegations validate them; a validated, amended or dropped finding is marked as such.".into(),
                ],
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
        let mut s = Section::new("Context and figures");
        let (deciders, demand) = (at("permit"), at("demand"));
        s = s.para(format!(
            "In {name}, {} recorded institutions take part in admitting and screening foreign workers. {} {}",
            profile.institutions.len(),
            if deciders.is_empty() {
                "Which institution decides on permits is not recorded.".to_string()
            } else {
                format!("The permit decision rests with {}.", and_list(&deciders))
            },
            if demand.is_empty() {
                String::new()
            } else {
                format!("Labour demand is assessed by {}.", and_list(&demand))
            },
        ));
        let latest: Vec<String> = profile
            .series
            .iter()
            .filter_map(|series| {
                let o = series
                    .observations
                    .iter()
                    .filter(|o| o["citizenship"] == "_T" && o["sector"] == "_T" && o["sex"] == "_T")
                    .max_by_key(|o| t(&o["period"]))?;
                Some(format!(
                    "{}: {}{} in {} — {} (published {}; {} confidence).",
                    series.indicator.label,
                    super::blocks::t(&o["value"]),
                    flag_words(o["flag"].as_str()),
                    self.period_words(&t(&o["period"])),
                    measure_words(&series.indicator.unit, &series.indicator.measure),
                    self.period_words(&t(&o["provenance"]["date"])),
                    t(&o["provenance"]["confidence"]),
                ))
            })
            .collect();
        s = s
            .para(format!("The latest figure of each published series for {name}:"))
            .block(list_or(
                latest,
                "No figure on foreign workers has been published for this economy (a gap in the evidence).",
            ));
        for b in self.series_breaks(profile) {
            s = s.para(b.trim().to_string());
        }
        s.block(Block::Note {
            text: "Each figure is shown under its own indicator and definition; figures with different definitions are never added up.".into(),
        })
    }

    /// The abbreviations a document uses, spelled out: the acronyms of recorded institutions and
    /// the common ones, each only if it appears in the text as a word.
    pub(super) fn abbreviations(doc: &Document, shelf: &Shelf) -> Option<Section> {
        let words: std::collections::BTreeSet<&str> = doc
            .texts()
            .into_iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let mut rows: Vec<Vec<String>> = shelf
            .acronyms
            .iter()
            .map(|(a, n)| (a.as_str(), n.as_str()))
            .chain(COMMON.iter().copied())
            .filter(|(a, _)| words.contains(a))
            .map(|(a, n)| vec![a.to_string(), n.to_string()])
            .collect();
        rows.sort();
        rows.dedup_by(|a, b| a[0] == b[0]);
        (!rows.is_empty()).then(|| {
            Section::new("Abbreviations").block(Block::Table {
                caption: "Abbreviations used in this document".into(),
                header: vec!["Abbreviation".into(), "In full".into()],
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
                        measure: s.indicator.measure.clone(),
                        unit: s.indicator.unit.clone(),
                        period: self.period_words(&period),
                        period_code: period,
                        citizenship: self.breakdown("citizenship", &o["citizenship"]),
                        sector: self.breakdown("sector", &o["sector"]),
                        sex: self.breakdown("sex", &o["sex"]),
                        value: o["value"].as_f64().unwrap_or(f64::NAN),
                        flag: flag_name(o["flag"].as_str()).to_string(),
                        note: t(&o["note"]),
                        source: t(&o["provenance"]["source"]),
                        source_date: t(&o["provenance"]["date"]),
                        confidence: t(&o["provenance"]["confidence"]),
                        definition: s.indicator.definition.clone(),
                    }
                })
            })
            .collect()
    }

    /// The attribution and disclaimer set for this deployment.
    pub(super) fn about_publication(&self) -> Section {
        let p = &self.vocab.publication;
        let mut s = Section::new("About this publication").para(p.attribution());
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
                "Emigration-management and verification systems of the Countries of Origin",
                &[
                    "Country of Origin",
                    "System",
                    "What it does",
                    "What it means for the Western Balkans",
                ],
                rows,
                vec![format!(
                    "The Countries of Origin whose citizens appear in {}'s figures, or whose systems' records name it.",
                    profile.summary.display_name
                )],
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

/// A measure in words: what kind of figure it is.
fn measure_words(unit: &str, measure: &str) -> String {
    match measure {
        "flow" => format!("{unit} issued or counted in the period"),
        "stock" => format!("{unit} valid on a date (a stock)"),
        "quota" => format!("a ceiling on {unit} set in advance, not an inflow"),
        "register" => format!("{unit}, computed from the screening register"),
        _ => unit.to_string(),
    }
}

fn agencies_in_words(regs: &[Value]) -> String {
    if regs.is_empty() {
        return "Recruitment agencies: how they are regulated is not recorded (a gap in the evidence).".into();
    }
    let licensing: Vec<String> = regs
        .iter()
        .map(|r| t(&r["licensing"]))
        .filter(|s| !s.is_empty())
        .collect();
    format!(
        "Recruitment agencies: {} A public register of licensed agencies: {}; fees charged to workers banned: {}.",
        if licensing.is_empty() {
            "licensing is not recorded.".to_string()
        } else {
            licensing.join(" ")
        },
        across(regs, "public_register", "regulations"),
        across(regs, "worker_fees_banned", "regulations"),
    )
}
