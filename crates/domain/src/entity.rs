//! The mapping entities and their validation.
//!
//! Each kind is a plain struct that serialises to the JSON the API speaks and the store keeps. A
//! record is validated as a whole against the vocabulary and against the institutions it refers
//! to, whether it comes from the reference dataset, an import or an edit.

use serde::{Deserialize, Serialize};
use serde_json::Value;

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
            Record::Observation(o) => Some(format!(
                "{}|{}|{}|{}|{}|{}",
                o.indicator, o.economy, o.period, o.citizenship, o.sector, o.sex
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
                out.push(Problem::field(f, "is required"));
            }
        };
        let economy = |out: &mut Vec<Problem>, code: &str, wb6_only: bool| {
            let ok = if wb6_only {
                vocab.is_economy(code)
            } else {
                vocab.is_owner(code)
            };
            if !ok {
                let what = if wb6_only { "economy" } else { "economy or country" };
                out.push(Problem::field("economy", format!("unknown {what} code `{code}`")));
            }
        };
        let stage = |out: &mut Vec<Problem>, f: &str, code: &str| {
            if vocab.stage(code).is_none() {
                out.push(Problem::field(f, format!("unknown stage or theme `{code}`")));
            }
        };
        for (field, id) in self.references() {
            if institutions.owner_of(id).is_none() {
                p(
                    &mut out,
                    field,
                    format!("refers to institution `{id}`, which does not exist"),
                );
            }
        }
        match self {
            Record::Institution(x) => {
                economy(&mut out, &x.economy, false);
                need(&mut out, "name", &x.name);
                need(&mut out, "mandate", &x.mandate);
                if !Vocabulary::has(&vocab.institution_kinds, &x.kind) {
                    p(&mut out, "kind", format!("unknown institution kind `{}`", x.kind));
                }
                for s in &x.stages {
                    stage(&mut out, "stages", s);
                }
                for (f, v) in [("power", x.power), ("interest", x.interest)] {
                    if !(1..=5).contains(&v) {
                        p(&mut out, f, format!("{v} is outside the 1–5 scale"));
                    }
                }
                if let Some(w) = &x.website
                    && !(w.starts_with("https://") || w.starts_with("http://"))
                {
                    p(&mut out, "website", format!("`{w}` is not an http(s) URL"));
                }
            }
            Record::Relationship(x) => {
                economy(&mut out, &x.economy, false);
                if !Vocabulary::has(&vocab.relationship_kinds, &x.kind) {
                    p(&mut out, "kind", format!("unknown relationship kind `{}`", x.kind));
                }
                if x.from == x.to {
                    p(&mut out, "to", "a relationship needs two different institutions".into());
                }
                let owners = [institutions.owner_of(&x.from), institutions.owner_of(&x.to)];
                if owners.iter().all(|o| o.is_some())
                    && !owners.iter().any(|o| o.as_deref() == Some(x.economy.as_str()))
                {
                    p(
                        &mut out,
                        "economy",
                        format!("neither institution belongs to `{}`", x.economy),
                    );
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
                        format!("unknown permit type `{}`", x.permit_type),
                    );
                }
            }
            Record::Observation(x) => {
                if x.economy != crate::vocab::REGION {
                    economy(&mut out, &x.economy, true);
                }
                if vocab.indicator(&x.indicator).is_none() {
                    p(&mut out, "indicator", format!("unknown indicator `{}`", x.indicator));
                }
                if !is_period(&x.period) {
                    p(
                        &mut out,
                        "period",
                        format!(
                            "`{}` is not a period (YYYY, YYYY-MM, YYYY-S1, YYYY-Q1 or YYYY-MM/YYYY-MM)",
                            x.period
                        ),
                    );
                }
                if x.citizenship != TOTAL && !vocab.is_owner(&x.citizenship) {
                    p(
                        &mut out,
                        "citizenship",
                        format!("unknown citizenship code `{}`", x.citizenship),
                    );
                }
                if x.sector != TOTAL && !Vocabulary::has(&vocab.sectors, &x.sector) {
                    p(&mut out, "sector", format!("unknown sector code `{}`", x.sector));
                }
                if !SEXES.contains(&x.sex.as_str()) {
                    p(
                        &mut out,
                        "sex",
                        format!("unknown sex code `{}` (use _T, M or F)", x.sex),
                    );
                }
                if !x.value.is_finite() || x.value < 0.0 {
                    p(&mut out, "value", format!("{} is not a non-negative number", x.value));
                }
                if let Some(f) = &x.flag
                    && !FLAGS.contains(&f.as_str())
                {
                    p(&mut out, "flag", format!("unknown flag `{f}` (use p, e or b)"));
                }
            }
            Record::Practice(x) => {
                economy(&mut out, &x.economy, true);
                stage(&mut out, "stage", &x.stage);
                need(&mut out, "check", &x.check);
                if let Some(m) = &x.mode
                    && !MODES.contains(&m.as_str())
                {
                    p(
                        &mut out,
                        "mode",
                        format!("unknown mode `{m}` (use digital, paper or mixed)"),
                    );
                }
                if x.status == PracticeStatus::Unknown
                    && x.provenance.looked_in.as_deref().is_none_or(|s| s.trim().is_empty())
                {
                    p(
                        &mut out,
                        "looked_in",
                        "an unknown practice must say where it was looked for".into(),
                    );
                }
            }
            Record::AgencyRegulation(x) => {
                economy(&mut out, &x.economy, true);
                need(&mut out, "scope", &x.scope);
                need(&mut out, "licensing", &x.licensing);
            }
            Record::CooSystem(x) => {
                if !vocab.origins.contains(&x.economy) {
                    p(
                        &mut out,
                        "economy",
                        format!("`{}` is not one of the Countries of Origin", x.economy),
                    );
                }
                need(&mut out, "name", &x.name);
                need(&mut out, "purpose", &x.purpose);
            }
            Record::Framework(x) => {
                need(&mut out, "name", &x.name);
                if !FRAMEWORK_CATEGORIES.contains(&x.category.as_str()) {
                    p(&mut out, "category", format!("unknown category `{}`", x.category));
                }
            }
        }
        out
    }
}

/// SDMX-style reporting periods: `YYYY`, `YYYY-MM`, `YYYY-S1|S2`, `YYYY-Q1..Q4`, or an interval
/// `A/B` of two such periods.
pub fn is_period(s: &str) -> bool {
    fn one(s: &str) -> bool {
        let (y, rest) = s.split_at(s.len().min(4));
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        match rest {
            "" => true,
            r => {
                let Some(r) = r.strip_prefix('-') else {
                    return false;
                };
                matches!(r, "S1" | "S2" | "Q1" | "Q2" | "Q3" | "Q4")
                    || (r.len() == 2 && r.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)))
            }
        }
    }
    match s.split_once('/') {
        Some((a, b)) => one(a) && one(b) && a < b,
        None => one(s),
    }
}

/// The months a period covers, as (first, last) counted from January of year 0; `None` for
/// text that is no period.
pub fn period_months(s: &str) -> Option<(u32, u32)> {
    fn one(s: &str) -> Option<(u32, u32)> {
        if !is_period(s) {
            return None;
        }
        let year: u32 = s.get(..4)?.parse().ok()?;
        let base = year * 12;
        Some(match s.get(5..) {
            None | Some("") => (base, base + 11),
            Some("S1") => (base, base + 5),
            Some("S2") => (base + 6, base + 11),
            Some(q) if q.starts_with('Q') => {
                let n: u32 = q[1..].parse().ok()?;
                (base + 3 * (n - 1), base + 3 * n - 1)
            }
            Some(m) => {
                let m: u32 = m.parse().ok()?;
                (base + m - 1, base + m - 1)
            }
        })
    }
    match s.split_once('/') {
        Some((a, b)) => Some((one(a)?.0, one(b)?.1)),
        None => one(s),
    }
}

/// A reporting period in words — `2023`, `January 2026`, `January–June 2025`, `February 2024 –
/// January 2025` — with the months named by `month` (1–12, in the reader's language); text that
/// is no period is returned as it is.
pub fn period_in_words(s: &str, month: impl Fn(u32) -> String) -> String {
    let Some((a, b)) = period_months(s) else {
        return s.to_string();
    };
    let (ya, yb) = (a / 12, b / 12);
    let name = |m: u32| month(m % 12 + 1);
    if a % 12 == 0 && b == a + 11 {
        ya.to_string()
    } else if a == b {
        format!("{} {ya}", name(a))
    } else if ya == yb {
        format!("{}–{} {ya}", name(a), name(b))
    } else {
        format!("{} {ya} – {} {yb}", name(a), name(b))
    }
}

/// Whether any two of the periods share a month (cumulative figures such as "Feb 2024 to Nov
/// 2024" and "Feb 2024 to Jan 2025"): such figures are not side by side on a time axis, since a
/// later bar would read as growth.
pub fn periods_overlap<'a>(periods: impl IntoIterator<Item = &'a str>) -> bool {
    let mut spans: Vec<(u32, u32)> = periods.into_iter().filter_map(period_months).collect();
    spans.sort_unstable();
    spans.windows(2).any(|w| w[1].0 <= w[0].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_words() {
        let month = |m: u32| {
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ][m as usize - 1]
                .to_string()
        };
        assert_eq!(period_in_words("2023", month), "2023");
        assert_eq!(period_in_words("2026-01", month), "Jan 2026");
        assert_eq!(period_in_words("2024-S1", month), "Jan–Jun 2024");
        assert_eq!(period_in_words("2024-Q4", month), "Oct–Dec 2024");
        assert_eq!(period_in_words("2024-02/2025-01", month), "Feb 2024 – Jan 2025");
        assert_eq!(period_in_words("2021/2023", month), "Jan 2021 – Dec 2023");
        assert_eq!(period_in_words("about 2020", month), "about 2020");
    }

    #[test]
    fn overlapping_periods_are_recognised() {
        assert!(periods_overlap(["2024-02/2024-11", "2024-02/2025-01"]));
        assert!(periods_overlap(["2024", "2024-S1"]));
        assert!(!periods_overlap(["2021", "2022", "2023"]));
        assert!(!periods_overlap(["2024-S1", "2024-S2", "2025-Q1"]));
        assert_eq!(period_months("2025-01/2025-06"), Some((2025 * 12, 2025 * 12 + 5)));
        assert_eq!(period_months("H1"), None);
    }

    #[test]
    fn periods() {
        for ok in ["2024", "2024-01", "2024-S1", "2024-Q4", "2024-02/2025-01"] {
            assert!(is_period(ok), "{ok}");
        }
        for bad in ["24", "2024-13", "2024-S3", "2025/2024", "2024-", "H1 2024"] {
            assert!(!is_period(bad), "{bad}");
        }
    }

    #[test]
    fn kinds_round_trip_their_names() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
            assert_eq!(Kind::parse(k.plural()), Some(k));
        }
    }
}
