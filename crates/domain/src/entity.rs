//! The mapping entities and their validation.
//!
//! Each kind is a plain struct that serialises to the JSON the API speaks and the store keeps. A
//! record is validated as a whole against the vocabulary and against the institutions it refers
//! to, whether it comes from the reference dataset, an import or an edit.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::period::is_period;
use crate::wording::say;
use crate::{Problem, Provenance, Vocabulary};

/// The kinds of record the mapping holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Institution,
    Relationship,
    Pathway,
    Observation,
    Practice,
    AgencyRegulation,
    CooSystem,
    Framework,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Institution,
        Kind::Relationship,
        Kind::Pathway,
        Kind::Observation,
        Kind::Practice,
        Kind::AgencyRegulation,
        Kind::CooSystem,
        Kind::Framework,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Institution => "institution",
            Kind::Relationship => "relationship",
            Kind::Pathway => "pathway",
            Kind::Observation => "observation",
            Kind::Practice => "practice",
            Kind::AgencyRegulation => "agency_regulation",
            Kind::CooSystem => "coo_system",
            Kind::Framework => "framework",
        }
    }
    /// The plural used in URLs and file names (`institutions`, `agency-regulations`).
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Institution => "institutions",
            Kind::Relationship => "relationships",
            Kind::Pathway => "pathways",
            Kind::Observation => "observations",
            Kind::Practice => "practices",
            Kind::AgencyRegulation => "agency-regulations",
            Kind::CooSystem => "coo-systems",
            Kind::Framework => "frameworks",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s || k.plural() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Economy or country (ISO alpha-2) the institution belongs to.
    pub economy: String,
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_local: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Stages and themes the institution has a mandate in.
    #[serde(default)]
    pub stages: Vec<String>,
    pub mandate: String,
    /// Power and interest on the 1–5 scale of a Mendelow grid.
    pub power: u8,
    pub interest: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    /// The economy whose map the relationship belongs to.
    pub economy: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    pub economy: String,
    pub permit_type: String,
    pub name: String,
    pub legal_basis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_institution: Option<String>,
    /// Whether the pathway counts against an annual quota; `None` when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lmt_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_change: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub provenance: Provenance,
}

/// Total (all categories) in an SDMX-style disaggregation.
pub const TOTAL: &str = "_T";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub economy: String,
    pub indicator: String,
    /// `YYYY`, `YYYY-MM`, `YYYY-S1`, `YYYY-Q1`, or an interval `YYYY-MM/YYYY-MM`.
    pub period: String,
    #[serde(default = "total")]
    pub citizenship: String,
    #[serde(default = "total")]
    pub sector: String,
    #[serde(default = "total")]
    pub sex: String,
    /// The legal pathway (permit type) the figure is about, in figures computed from a screening
    /// register; `_T` (left out when written) for every pathway. The map's profiles, series and
    /// analysis read the figures of every pathway only.
    #[serde(default = "total", skip_serializing_if = "is_total")]
    pub pathway: String,
    pub value: f64,
    /// SDMX observation status: `p` provisional, `e` estimated, `b` break in series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub provenance: Provenance,
}

fn total() -> String {
    TOTAL.to_string()
}

fn is_total(s: &str) -> bool {
    s == TOTAL
}

/// Whether an observation's body (JSON) is about every pathway: those without the screening
/// registers' pathway breakdown, which is all the map's series and the analysis read.
pub fn every_pathway(o: &serde_json::Value) -> bool {
    o.get("pathway").is_none_or(|p| p == TOTAL)
}

pub const FLAGS: [&str; 3] = ["p", "e", "b"];
pub const SEXES: [&str; 3] = [TOTAL, "M", "F"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PracticeStatus {
    Absent,
    Partial,
    Complete,
    Unknown,
}

impl PracticeStatus {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "absent" => Some(Self::Absent),
            "partial" => Some(Self::Partial),
            "complete" => Some(Self::Complete),
            "unknown" => Some(Self::Unknown),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Absent => "absent",
            Self::Partial => "partial",
            Self::Complete => "complete",
            Self::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub economy: String,
    pub stage: String,
    /// The check this practice is about, e.g. "demand-letter attestation verified with CoO".
    pub check: String,
    pub status: PracticeStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// `digital`, `paper`, `mixed`; `None` when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub provenance: Provenance,
}

pub const MODES: [&str; 3] = ["digital", "paper", "mixed"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyRegulation {
    pub economy: String,
    /// What the regulation covers, e.g. "private employment agencies (FBiH)".
    pub scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    pub licensing: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_register: Option<bool>,
    /// Whether charging fees to workers is prohibited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_fees_banned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CooSystem {
    /// The Country of Origin (ISO alpha-2).
    pub economy: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    pub purpose: String,
    /// Whether the public can look up licensed agencies; `None` when not established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_lookup: Option<bool>,
    /// What the system does for departures to the Western Balkans.
    pub wb6_relevance: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub name: String,
    /// `eu_law`, `eu_policy`, `fair_recruitment`, `assessment`.
    pub category: String,
    pub content: String,
    pub provenance: Provenance,
}

pub const FRAMEWORK_CATEGORIES: [&str; 4] = ["eu_law", "eu_policy", "fair_recruitment", "assessment"];

/// The body of a record, one variant per kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Institution(Institution),
    Relationship(Relationship),
    Pathway(Pathway),
    Observation(Observation),
    Practice(Practice),
    AgencyRegulation(AgencyRegulation),
    CooSystem(CooSystem),
    Framework(Framework),
}

/// What validation needs to know about institutions that already exist.
pub trait Institutions {
    /// The owner (economy or country) of the institution with this id, if it exists.
    fn owner_of(&self, id: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Institutions for F {
    fn owner_of(&self, id: &str) -> Option<String> {
        self(id)
    }
}

impl Record {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Institution(_) => Kind::Institution,
            Record::Relationship(_) => Kind::Relationship,
            Record::Pathway(_) => Kind::Pathway,
            Record::Observation(_) => Kind::Observation,
            Record::Practice(_) => Kind::Practice,
            Record::AgencyRegulation(_) => Kind::AgencyRegulation,
            Record::CooSystem(_) => Kind::CooSystem,
            Record::Framework(_) => Kind::Framework,
        }
    }

    /// The economy or country that owns this fact; `None` for regional frameworks.
    pub fn owner(&self) -> Option<&str> {
        Some(match self {
            Record::Institution(x) => &x.economy,
            Record::Relationship(x) => &x.economy,
            Record::Pathway(x) => &x.economy,
            Record::Observation(x) => &x.economy,
            Record::Practice(x) => &x.economy,
            Record::AgencyRegulation(x) => &x.economy,
            Record::CooSystem(x) => &x.economy,
            Record::Framework(_) => return None,
        })
    }

    pub fn provenance(&self) -> &Provenance {
        match self {
            Record::Institution(x) => &x.provenance,
            Record::Relationship(x) => &x.provenance,
            Record::Pathway(x) => &x.provenance,
            Record::Observation(x) => &x.provenance,
            Record::Practice(x) => &x.provenance,
            Record::AgencyRegulation(x) => &x.provenance,
            Record::CooSystem(x) => &x.provenance,
            Record::Framework(x) => &x.provenance,
        }
    }

    /// A short human label for lists, audit entries and error messages.
    pub fn label(&self) -> String {
        match self {
            Record::Institution(x) => x.name.clone(),
            Record::Relationship(x) => format!("{} → {} ({})", x.from, x.to, x.kind),
            Record::Pathway(x) => x.name.clone(),
            Record::Observation(x) => format!("{} {} {}", x.indicator, x.economy, x.period),
            Record::Practice(x) => format!("{}: {}", x.stage, x.check),
            Record::AgencyRegulation(x) => x.scope.clone(),
            Record::CooSystem(x) => x.name.clone(),
            Record::Framework(x) => x.name.clone(),
        }
    }

    /// Ids of institutions this record refers to, with the field that holds them.
    pub fn references(&self) -> Vec<(&'static str, &str)> {
        fn one<'a>(f: &'static str, v: &'a Option<String>) -> Option<(&'static str, &'a str)> {
            v.as_deref().map(|v| (f, v))
        }
        let found = match self {
            Record::Relationship(x) => {
                return vec![("from", x.from.as_str()), ("to", x.to.as_str())];
            }
            Record::Pathway(x) => one("issuing_institution", &x.issuing_institution),
            Record::Practice(x) => one("responsible", &x.responsible),
            Record::AgencyRegulation(x) => one("authority", &x.authority),
            Record::CooSystem(x) => one("operator", &x.operator),
            _ => None,
        };
        found.into_iter().collect()
    }

    /// The key under which at most one live record may exist (observations: one value per
    /// indicator, economy, period and disaggregation).
    pub fn natural_key(&self) -> Option<String> {
        match self {
            // The pathway joins the key only when given, so that the keys stored before it
            // existed still name their records.
            Record::Observation(o) => Some(format!(
                "{}|{}|{}|{}|{}|{}{}",
                o.indicator,
                o.economy,
                o.period,
                o.citizenship,
                o.sector,
                o.sex,
                if o.pathway == TOTAL {
                    String::new()
                } else {
                    format!("|{}", o.pathway)
                }
            )),
            _ => None,
        }
    }

    pub fn to_json(&self) -> Value {
        let v = match self {
            Record::Institution(x) => serde_json::to_value(x),
            Record::Relationship(x) => serde_json::to_value(x),
            Record::Pathway(x) => serde_json::to_value(x),
            Record::Observation(x) => serde_json::to_value(x),
            Record::Practice(x) => serde_json::to_value(x),
            Record::AgencyRegulation(x) => serde_json::to_value(x),
            Record::CooSystem(x) => serde_json::to_value(x),
            Record::Framework(x) => serde_json::to_value(x),
        };
        // Serialising these plain structs cannot fail (no maps with non-string keys).
        v.unwrap_or(Value::Null)
    }

    /// Reads a record of `kind` from its JSON form; the error names the field at fault.
    pub fn from_json(kind: Kind, v: Value) -> Result<Record, Problem> {
        fn de<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, Problem> {
            serde_json::from_value(v).map_err(|e| {
                let msg = e.to_string();
                let field = msg.split('`').nth(1).map(str::to_string);
                Problem {
                    file: String::new(),
                    line: None,
                    field,
                    message: msg,
                }
            })
        }
        Ok(match kind {
            Kind::Institution => Record::Institution(de(v)?),
            Kind::Relationship => Record::Relationship(de(v)?),
            Kind::Pathway => Record::Pathway(de(v)?),
            Kind::Observation => Record::Observation(de(v)?),
            Kind::Practice => Record::Practice(de(v)?),
            Kind::AgencyRegulation => Record::AgencyRegulation(de(v)?),
            Kind::CooSystem => Record::CooSystem(de(v)?),
            Kind::Framework => Record::Framework(de(v)?),
        })
    }

    /// Every problem with this record: unknown codes, missing provenance, dangling references,
    /// values out of range.
    pub fn validate(&self, vocab: &Vocabulary, institutions: &dyn Institutions) -> Vec<Problem> {
        let mut out = vec![];
        self.provenance().validate(&mut out);
        let p = |out: &mut Vec<Problem>, f: &str, m: String| out.push(Problem::field(f, m));
        let need = |out: &mut Vec<Problem>, f: &str, v: &str| {
            if v.trim().is_empty() {
                out.push(Problem::field(f, say("required", &[])));
            }
        };
        let economy = |out: &mut Vec<Problem>, code: &str, wb6_only: bool| {
            let ok = if wb6_only {
                vocab.is_economy(code)
            } else {
                vocab.is_owner(code)
            };
            if !ok {
                let id = if wb6_only { "unknown-economy" } else { "unknown-owner" };
                out.push(Problem::field("economy", say(id, &[("code", code)])));
            }
        };
        let stage = |out: &mut Vec<Problem>, f: &str, code: &str| {
            if vocab.stage(code).is_none() {
                out.push(Problem::field(f, say("unknown-stage", &[("code", code)])));
            }
        };
        for (field, id) in self.references() {
            if institutions.owner_of(id).is_none() {
                p(&mut out, field, say("missing-institution", &[("id", id)]));
            }
        }
        match self {
            Record::Institution(x) => {
                economy(&mut out, &x.economy, false);
                need(&mut out, "name", &x.name);
                need(&mut out, "mandate", &x.mandate);
                if !Vocabulary::has(&vocab.institution_kinds, &x.kind) {
                    p(&mut out, "kind", say("unknown-institution-kind", &[("code", &x.kind)]));
                }
                for s in &x.stages {
                    stage(&mut out, "stages", s);
                }
                for (f, v) in [("power", x.power), ("interest", x.interest)] {
                    if !(1..=5).contains(&v) {
                        p(&mut out, f, say("outside-scale", &[("value", &v.to_string())]));
                    }
                }
                if let Some(w) = &x.website
                    && !(w.starts_with("https://") || w.starts_with("http://"))
                {
                    p(&mut out, "website", say("not-url", &[("value", w)]));
                }
            }
            Record::Relationship(x) => {
                economy(&mut out, &x.economy, false);
                if !Vocabulary::has(&vocab.relationship_kinds, &x.kind) {
                    p(&mut out, "kind", say("unknown-relationship-kind", &[("code", &x.kind)]));
                }
                if x.from == x.to {
                    p(&mut out, "to", say("same-institution", &[]));
                }
                let owners = [institutions.owner_of(&x.from), institutions.owner_of(&x.to)];
                if owners.iter().all(|o| o.is_some())
                    && !owners.iter().any(|o| o.as_deref() == Some(x.economy.as_str()))
                {
                    p(&mut out, "economy", say("neither-belongs", &[("code", &x.economy)]));
                }
            }
            Record::Pathway(x) => {
                economy(&mut out, &x.economy, true);
                need(&mut out, "name", &x.name);
                need(&mut out, "legal_basis", &x.legal_basis);
                if !Vocabulary::has(&vocab.permit_types, &x.permit_type) {
                    p(
                        &mut out,
                        "permit_type",
                        say("unknown-permit-type", &[("code", &x.permit_type)]),
                    );
                }
            }
            Record::Observation(x) => {
                if x.economy != crate::vocab::REGION {
                    economy(&mut out, &x.economy, true);
                }
                if vocab.indicator(&x.indicator).is_none() {
                    p(
                        &mut out,
                        "indicator",
                        say("unknown-indicator", &[("code", &x.indicator)]),
                    );
                }
                if !is_period(&x.period) {
                    p(&mut out, "period", say("not-period", &[("value", &x.period)]));
                }
                if x.citizenship != TOTAL && !vocab.is_owner(&x.citizenship) {
                    p(
                        &mut out,
                        "citizenship",
                        say("unknown-citizenship", &[("code", &x.citizenship)]),
                    );
                }
                if x.sector != TOTAL && !Vocabulary::has(&vocab.sectors, &x.sector) {
                    p(&mut out, "sector", say("unknown-sector", &[("code", &x.sector)]));
                }
                if !SEXES.contains(&x.sex.as_str()) {
                    p(&mut out, "sex", say("unknown-sex", &[("code", &x.sex)]));
                }
                if x.pathway != TOTAL
                    && !x
                        .pathway
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    p(&mut out, "pathway", say("not-pathway-id", &[("value", &x.pathway)]));
                }
                if !x.value.is_finite() || x.value < 0.0 {
                    p(
                        &mut out,
                        "value",
                        say("not-non-negative", &[("value", &x.value.to_string())]),
                    );
                }
                if let Some(f) = &x.flag
                    && !FLAGS.contains(&f.as_str())
                {
                    p(&mut out, "flag", say("unknown-flag", &[("code", f)]));
                }
            }
            Record::Practice(x) => {
                economy(&mut out, &x.economy, true);
                stage(&mut out, "stage", &x.stage);
                need(&mut out, "check", &x.check);
                if let Some(m) = &x.mode
                    && !MODES.contains(&m.as_str())
                {
                    p(&mut out, "mode", say("unknown-mode", &[("code", m)]));
                }
                if x.status == PracticeStatus::Unknown
                    && x.provenance.looked_in.as_deref().is_none_or(|s| s.trim().is_empty())
                {
                    p(&mut out, "looked_in", say("unknown-needs-looked-in", &[]));
                }
            }
            Record::AgencyRegulation(x) => {
                economy(&mut out, &x.economy, true);
                need(&mut out, "scope", &x.scope);
                need(&mut out, "licensing", &x.licensing);
            }
            Record::CooSystem(x) => {
                if !vocab.origins.contains(&x.economy) {
                    p(&mut out, "economy", say("not-origin", &[("code", &x.economy)]));
                }
                need(&mut out, "name", &x.name);
                need(&mut out, "purpose", &x.purpose);
            }
            Record::Framework(x) => {
                need(&mut out, "name", &x.name);
                if !FRAMEWORK_CATEGORIES.contains(&x.category.as_str()) {
                    p(&mut out, "category", say("unknown-category", &[("code", &x.category)]));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pathway_breakdown_joins_the_key_only_when_given_and_is_written_only_when_given() {
        let body = |pathway: Option<&str>| {
            let mut b = serde_json::json!({
                "economy": "RS", "indicator": "SCR_CASES", "period": "2026-Q4", "citizenship": "_T",
                "value": 12.0, "provenance": {"source": "Screening register", "date": "2026-12-07", "confidence": "high"}
            });
            if let Some(p) = pathway {
                b["pathway"] = serde_json::json!(p);
            }
            b
        };
        let total = Record::from_json(Kind::Observation, body(None)).unwrap();
        assert_eq!(
            total.natural_key().unwrap(),
            "SCR_CASES|RS|2026-Q4|_T|_T|_T",
            "as stored before"
        );
        assert!(total.to_json().get("pathway").is_none());
        assert!(every_pathway(&total.to_json()) && every_pathway(&body(Some("_T"))));
        let one = Record::from_json(Kind::Observation, body(Some("rs-single-employment"))).unwrap();
        assert_eq!(
            one.natural_key().unwrap(),
            "SCR_CASES|RS|2026-Q4|_T|_T|_T|rs-single-employment"
        );
        assert_eq!(one.to_json()["pathway"], "rs-single-employment");
        assert!(!every_pathway(&one.to_json()));
    }

    #[test]
    fn kinds_round_trip_their_names() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
            assert_eq!(Kind::parse(k.plural()), Some(k));
        }
    }
}
