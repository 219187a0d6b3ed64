//! Read models for the regional picture: the headline of each economy and an economy's profile.
//! They only assemble stored records; every figure keeps its indicator and provenance.

use std::collections::BTreeMap;

use pathways_domain::Kind;
use pathways_domain::entity::every_pathway;
use pathways_domain::vocab::{Indicator, REGION};
use pathways_storage::RecordQuery;
use serde::Serialize;
use serde_json::Value;

use crate::map::records::to_api_json;
use crate::{App, Result, StoredRecord};

/// One figure with what it counts and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub indicator: String,
    pub label: String,
    /// What one counts: permits, persons, opinions, declarations.
    pub unit: String,
    pub definition: String,
    pub period: String,
    pub value: f64,
    pub flag: Option<String>,
    pub note: Option<String>,
    pub source: String,
    pub confidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EconomySummary {
    pub code: String,
    pub name: String,
    pub display_name: String,
    pub footnote: String,
    pub institutions: i64,
    pub pathways: i64,
    pub observations: i64,
    /// Practices by status (absent, partial, complete, unknown).
    pub practices: BTreeMap<String, i64>,
    /// The status of the first practice recorded at each stage (stage code → status code): the
    /// row of the stage-by-economy matrix.
    pub stages: BTreeMap<String, String>,
    /// The most recent total of a flow indicator (permits issued), if any.
    pub headline: Option<Headline>,
}

/// The series of one indicator for one economy: totals by period and the breakdowns.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub indicator: Indicator,
    pub observations: Vec<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub summary: EconomySummary,
    pub institutions: Vec<Value>,
    pub relationships: Vec<Value>,
    pub pathways: Vec<Value>,
    pub series: Vec<Series>,
    pub practices: Vec<Value>,
    pub agency_regulations: Vec<Value>,
    /// Every distinct source cited in the profile, with the number of facts citing it.
    pub sources: Vec<(String, usize)>,
}

/// A profile's stakeholder map as the charts draw it: the economy's institutions (then any outside
/// institution they relate to) as nodes, the relationships as edges `(from, to, kind)`, and each
/// institution's power and interest.
pub struct StakeholderMap {
    pub nodes: Vec<pathways_reports::svg::Node>,
    pub edges: Vec<(String, String, String)>,
    pub points: Vec<(String, u8, u8)>,
}

impl Profile {
    /// Every record the profile holds: institutions, relationships, pathways, practices,
    /// regulations of agencies and figures.
    pub fn records(&self) -> impl Iterator<Item = &Value> {
        self.institutions
            .iter()
            .chain(&self.relationships)
            .chain(&self.pathways)
            .chain(&self.practices)
            .chain(&self.agency_regulations)
            .chain(self.series.iter().flat_map(|s| &s.observations))
    }

    /// The map with each relationship's kind in words (`vocab`'s labels).
    pub fn stakeholder_map(&self, vocab: &pathways_domain::vocab::Vocabulary) -> StakeholderMap {
        let s = |v: &Value| v.as_str().unwrap_or("").to_string();
        let short = |i: &Value| {
            if i["acronym"].is_string() {
                s(&i["acronym"])
            } else {
                s(&i["name"])
            }
        };
        let mut nodes: Vec<pathways_reports::svg::Node> = self
            .institutions
            .iter()
            .map(|i| pathways_reports::svg::Node {
                id: s(&i["id"]),
                label: short(i),
                local: true,
            })
            .collect();
        for r in &self.relationships {
            for end in ["from", "to"] {
                let id = s(&r[end]);
                if !nodes.iter().any(|n| n.id == id) {
                    nodes.push(pathways_reports::svg::Node {
                        label: id.clone(),
                        id,
                        local: false,
                    });
                }
            }
        }
        StakeholderMap {
            nodes,
            edges: self
                .relationships
                .iter()
                .map(|r| {
                    let kind = s(&r["kind"]);
                    let words =
                        pathways_domain::vocab::Vocabulary::label(&vocab.relationship_kinds, &kind).to_lowercase();
                    (s(&r["from"]), s(&r["to"]), words)
                })
                .collect(),
            points: self
                .institutions
                .iter()
                .map(|i| {
                    let level = |k: &str| i[k].as_u64().unwrap_or(0) as u8;
                    (short(i), level("power"), level("interest"))
                })
                .collect(),
        }
    }
}

fn headline_of(app: &App, obs: &[StoredRecord], measure: &str) -> Option<Headline> {
    obs.iter()
        .filter(|r| {
            let b = &r.body;
            ["citizenship", "sector", "sex"].iter().all(|k| b[*k] == "_T")
                && every_pathway(b)
                && app
                    .vocab()
                    .indicator(b["indicator"].as_str().unwrap_or_default())
                    .is_some_and(|i| i.measure == measure)
        })
        .max_by(|a, b| {
            let end = |r: &StoredRecord| {
                let p = r.body["period"].as_str().unwrap_or_default();
                p.rsplit('/').next().unwrap_or(p).to_string()
            };
            end(a).cmp(&end(b))
        })
        .map(|r| headline(app, &r.body))
}

pub fn headline(app: &App, b: &Value) -> Headline {
    let ind = app.vocab().indicator(b["indicator"].as_str().unwrap_or_default());
    let s = |v: &Value| v.as_str().map(str::to_string);
    Headline {
        indicator: s(&b["indicator"]).unwrap_or_default(),
        label: ind.map(|i| i.label.clone()).unwrap_or_default(),
        unit: ind.map(|i| i.unit.clone()).unwrap_or_default(),
        definition: ind.map(|i| i.definition.clone()).unwrap_or_default(),
        period: s(&b["period"]).unwrap_or_default(),
        value: b["value"].as_f64().unwrap_or_default(),
        flag: s(&b["flag"]),
        note: s(&b["note"]),
        source: s(&b["provenance"]["source"]).unwrap_or_default(),
        confidence: s(&b["provenance"]["confidence"]).unwrap_or_default(),
    }
}

impl App {
    async fn of_kind(&self, kind: Kind, owner: &str) -> Result<Vec<StoredRecord>> {
        let mut tx = self.store.read().await?;
        Ok(tx.records(&RecordQuery::owned(kind.as_str(), owner)).await?)
    }

    /// Every economy's card. The region's observations and practices are read once for all six
    /// (the regional picture is the most opened page), and counted per economy.
    pub async fn economy_summaries(&self) -> Result<Vec<EconomySummary>> {
        let mut tx = self.store.read().await?;
        let every = |kind: Kind| RecordQuery {
            kind: kind.as_str().into(),
            ..Default::default()
        };
        let obs = tx.records(&every(Kind::Observation)).await?;
        let practices = tx.records(&every(Kind::Practice)).await?;
        let mut out = vec![];
        for e in &self.vocab().economies {
            let of = |v: &[StoredRecord]| -> Vec<StoredRecord> {
                v.iter()
                    .filter(|r| r.owner.as_deref() == Some(e.code.as_str()))
                    .cloned()
                    .collect()
            };
            let institutions = tx.count_records(Kind::Institution.as_str(), Some(&e.code)).await?;
            let pathways = tx.count_records(Kind::Pathway.as_str(), Some(&e.code)).await?;
            out.push(self.summary_of(&e.code, &of(&obs), &of(&practices), institutions, pathways));
        }
        Ok(out)
    }

    /// An economy's card from records already read (the profile reads them anyway).
    fn summary_of(
        &self,
        code: &str,
        obs: &[StoredRecord],
        practices: &[StoredRecord],
        institutions: i64,
        pathways: i64,
    ) -> EconomySummary {
        let e = self
            .vocab()
            .economy(code)
            .cloned()
            .unwrap_or_else(|| pathways_domain::vocab::Economy {
                code: code.into(),
                name: code.into(),
                display_name: code.into(),
                footnote: String::new(),
            });
        let mut by_status = BTreeMap::new();
        let mut stages = BTreeMap::new();
        for p in practices {
            let status = p.body["status"].as_str().unwrap_or("unknown").to_string();
            if let Some(stage) = p.body["stage"].as_str() {
                stages.entry(stage.to_string()).or_insert_with(|| status.clone());
            }
            *by_status.entry(status).or_insert(0) += 1;
        }
        EconomySummary {
            institutions,
            pathways,
            observations: obs.len() as i64,
            practices: by_status,
            stages,
            headline: headline_of(self, obs, "flow"),
            code: e.code,
            name: e.name,
            display_name: e.display_name,
            footnote: e.footnote,
        }
    }

    /// The regional headline figures as reported (never a sum of national figures).
    pub async fn regional_figures(&self) -> Result<Vec<Headline>> {
        let obs = self.of_kind(Kind::Observation, REGION).await?;
        let mut out: Vec<Headline> = obs.iter().map(|r| headline(self, &r.body)).collect();
        out.sort_by(|a, b| a.period.cmp(&b.period));
        Ok(out)
    }

    pub async fn profile(&self, code: &str) -> Result<Profile> {
        let list = |v: Vec<StoredRecord>| v.iter().map(to_api_json).collect::<Vec<_>>();
        // Each kind is read once; the card's counts come from the same lists.
        let (raw_obs, raw_practices) = (
            self.of_kind(Kind::Observation, code).await?,
            self.of_kind(Kind::Practice, code).await?,
        );
        let institutions = list(self.of_kind(Kind::Institution, code).await?);
        let pathways = list(self.of_kind(Kind::Pathway, code).await?);
        let summary = self.summary_of(
            code,
            &raw_obs,
            &raw_practices,
            institutions.len() as i64,
            pathways.len() as i64,
        );
        let relationships = list(self.of_kind(Kind::Relationship, code).await?);
        let obs = list(raw_obs);
        let practices = list(raw_practices);
        let agency_regulations = list(self.of_kind(Kind::AgencyRegulation, code).await?);
        let mut series: Vec<Series> = vec![];
        for ind in &self.vocab().indicators {
            let mut o: Vec<Value> = obs
                .iter()
                .filter(|x| x["indicator"] == ind.code.as_str() && every_pathway(x))
                .cloned()
                .collect();
            if o.is_empty() {
                continue;
            }
            o.sort_by(|a, b| {
                let k = |x: &Value| {
                    (
                        x["period"].as_str().unwrap_or_default().to_string(),
                        x["citizenship"] != "_T",
                        x["sector"] != "_T",
                    )
                };
                k(a).cmp(&k(b))
            });
            series.push(Series {
                indicator: ind.clone(),
                observations: o,
            });
        }
        let mut sources: BTreeMap<String, usize> = BTreeMap::new();
        for v in institutions
            .iter()
            .chain(&relationships)
            .chain(&pathways)
            .chain(&obs)
            .chain(&practices)
            .chain(&agency_regulations)
        {
            for s in v["provenance"]["source"].as_str().unwrap_or_default().split(" ; ") {
                let s = s.trim();
                if !s.is_empty() {
                    *sources.entry(s.to_string()).or_default() += 1;
                }
            }
        }
        Ok(Profile {
            summary,
            institutions,
            relationships,
            pathways,
            series,
            practices,
            agency_regulations,
            sources: sources.into_iter().collect(),
        })
    }
}
