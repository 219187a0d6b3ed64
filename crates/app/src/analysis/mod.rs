//! The comparative analysis as users see it: the evidence of each economy gathered from the map and
//! from its latest approved questionnaire response, the indicator scores, the candidate findings
//! with the analysts' decisions (accept, edit, reject — kept by finding key, versioned, audited),
//! and the priority areas. Reading is open to anyone signed in; only analysts and admins decide.

pub mod blocks;
mod compare;
pub mod documents;
mod front;
mod gaps;
mod overview;
mod phrases;
pub mod regional;
pub mod themes;

use std::collections::BTreeMap;

use pathways_analysis::findings::{Candidate, PRIORITY_FORMULA, Priority, Raised, candidates, priorities};
use pathways_analysis::framework::Codes;
use pathways_analysis::score::{
    AgencyFact, InstitutionFact, ObservationFact, PathwayFact, PracticeFact, RelationshipFact,
};
use pathways_analysis::{Evidence, Framework, Scores, parse_framework, scores};
use pathways_domain::entity::every_pathway;
use pathways_domain::states::ResponseState;
use pathways_domain::states::{FindingStatus, Outcome};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal};
use pathways_storage::{FindingDecision, RecordQuery, StoredRecord};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{App, AppError, Result};

const DIMENSIONS: &str = include_str!("../../../../data/framework/dimensions.csv");
const INDICATORS: &str = include_str!("../../../../data/framework/indicators.csv");
/// The dimensions' labels and the indicators' questions in the other locales (`code,text`).
const FRAMEWORK_WORDS: [(pathways_domain::locale::Locale, &str); 5] = {
    use pathways_domain::locale::Locale;
    [
        (Locale::Sq, include_str!("../../../../data/framework/i18n/sq.csv")),
        (
            Locale::SrLatn,
            include_str!("../../../../data/framework/i18n/sr-Latn.csv"),
        ),
        (Locale::Mk, include_str!("../../../../data/framework/i18n/mk.csv")),
        (Locale::Bs, include_str!("../../../../data/framework/i18n/bs.csv")),
        (Locale::Cnr, include_str!("../../../../data/framework/i18n/cnr.csv")),
    ]
};

/// A framework code's words (a dimension's label, an indicator's question) in `locale`, if the
/// locale has them; Serbian Cyrillic is the Serbian Latin transliterated.
pub fn framework_words(locale: pathways_domain::locale::Locale, code: &str) -> Option<String> {
    use pathways_domain::locale::Locale;
    // The five files are read once per process: a paper asks for every code.
    static WORDS: std::sync::OnceLock<BTreeMap<(Locale, String), String>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut out = BTreeMap::new();
        for (l, text) in FRAMEWORK_WORDS {
            let mut rows = csv::Reader::from_reader(text.as_bytes());
            for r in rows.records().filter_map(|r| r.ok()) {
                if let (Some(c), Some(w)) = (r.get(0), r.get(1)) {
                    out.insert((l, c.to_string()), w.to_string());
                }
            }
        }
        out
    });
    let source = if locale == Locale::SrCyrl {
        Locale::SrLatn
    } else {
        locale
    };
    let found = words.get(&(source, code.to_string()))?;
    Some(if locale == Locale::SrCyrl {
        pathways_domain::script::text_to_cyrillic(found)
    } else {
        found.clone()
    })
}
/// The shipped questionnaire's choice lists: the words for the codes its answers hold.
const CHOICES: &str = include_str!("../../../../data/questionnaires/mapping/choices.csv");

/// The words for the yes/no fields the framework reads, as a reader would ask them.
const FIELDS: [(&str, &str); 5] = [
    ("employer_change", "Change of employer allowed"),
    ("lmt_required", "Labour-market test required"),
    ("quota", "Subject to a quota"),
    ("public_register", "Public register of licensed agencies"),
    ("worker_fees_banned", "Recruitment fees charged to workers banned"),
];

/// A candidate finding with the decision taken on it, if any.
#[derive(Debug, Clone, Serialize)]
pub struct CuratedFinding {
    #[serde(flatten)]
    pub candidate: Candidate,
    pub decision: Option<FindingDecision>,
    /// The outcome of the validation exercise (`validated`, `amended`, `dropped`) with the
    /// wording agreed, once delegates have decided.
    pub validation: Option<(Outcome, Option<String>)>,
}

impl CuratedFinding {
    /// The text a document uses: the wording the delegates agreed, the analyst's edit, or the
    /// generated text.
    pub fn text(&self) -> &str {
        if let Some((_, Some(agreed))) = &self.validation {
            return agreed;
        }
        match &self.decision {
            Some(d) if d.status == FindingStatus::Edited => d.text.as_deref().unwrap_or(&self.candidate.text),
            _ => &self.candidate.text,
        }
    }
    /// `candidate`, the analyst's decision (`accepted`, `edited`, `rejected`), or the validation's
    /// outcome (`validated`, `amended`, `dropped`) once there is one.
    pub fn status(&self) -> FindingStatus {
        if let Some((outcome, _)) = &self.validation
            && self
                .decision
                .as_ref()
                .is_some_and(|d| d.status != FindingStatus::Rejected)
        {
            return (*outcome).into();
        }
        self.decision.as_ref().map_or(FindingStatus::Candidate, |d| d.status)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub framework: Framework,
    pub scores: Scores,
    pub findings: Vec<CuratedFinding>,
    pub priorities: Vec<Priority>,
    pub priority_formula: &'static str,
    /// The delegations' outcomes in the validation exercises, by item id (`finding:<key>`,
    /// `priority:<stage>`), with the final wording; empty before any item is decided.
    pub validation: BTreeMap<String, (Outcome, Option<String>)>,
}

/// The event a finding raised at an event comes from (its key is `raised:<event>:<n>`).
pub(crate) fn raised_event(key: &str) -> Option<&str> {
    key.strip_prefix("raised:")?.rsplit_once(':').map(|(event, _)| event)
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

fn opt_bool(v: &Value) -> Option<bool> {
    v.as_bool()
}

impl App {
    /// The shipped indicator framework, checked against the vocabulary.
    pub fn framework(&self) -> Result<Framework> {
        let codes = |v: &[pathways_domain::vocab::Code]| v.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
        let stages: Vec<String> = self.vocab.stages.iter().map(|s| s.code.clone()).collect();
        let (kinds, rels, permits) = (
            codes(&self.vocab.institution_kinds),
            codes(&self.vocab.relationship_kinds),
            codes(&self.vocab.permit_types),
        );
        parse_framework(
            DIMENSIONS,
            INDICATORS,
            &Codes {
                stages: &stages,
                institution_kinds: &kinds,
                relationship_kinds: &rels,
                permit_types: &permits,
            },
        )
        .map_err(AppError::Invalid)
    }

    /// The words for every code and record id the evidence may cite: the vocabularies, the
    /// questionnaire's choices, the framework's fields and the records' own names.
    fn names(&self, records: &BTreeMap<&str, Vec<StoredRecord>>) -> BTreeMap<String, String> {
        let v = &self.vocab;
        let mut out: BTreeMap<String, String> = BTreeMap::new();
        for r in csv::Reader::from_reader(CHOICES.as_bytes()).records().flatten() {
            if let (Some(code), Some(label)) = (r.get(1), r.get(2)) {
                out.entry(code.to_string()).or_insert_with(|| label.to_string());
            }
        }
        out.extend(v.words().map(|(c, w)| (c.to_string(), w.to_string())));
        out.extend(FIELDS.iter().map(|(f, w)| (f.to_string(), w.to_string())));
        for (kind, field) in [
            ("institution", "name"),
            ("pathway", "name"),
            ("agency_regulation", "scope"),
            ("practice", "check"),
        ] {
            for r in records.get(kind).into_iter().flatten() {
                out.insert(r.id.clone(), s(&r.body[field]));
            }
        }
        out
    }

    /// The evidence of each of the six economies, in the vocabulary's order.
    pub async fn evidence(&self) -> Result<Vec<Evidence>> {
        let mut tx = self.store.read().await?;
        let mut all: BTreeMap<&str, Vec<StoredRecord>> = BTreeMap::new();
        for kind in [
            "practice",
            "institution",
            "relationship",
            "pathway",
            "agency_regulation",
            "observation",
        ] {
            all.insert(
                kind,
                tx.records(&RecordQuery {
                    kind: kind.into(),
                    ..Default::default()
                })
                .await?,
            );
        }
        // The latest approved response of each economy.
        let mut approved: BTreeMap<String, (String, Value, String)> = BTreeMap::new();
        for round in tx.rounds().await? {
            for r in tx.responses(&round.id).await? {
                if r.state == ResponseState::Approved
                    && approved.get(&r.economy).is_none_or(|(at, _, _)| *at < r.updated_at)
                {
                    approved.insert(
                        r.economy.clone(),
                        (
                            r.updated_at.clone(),
                            r.answers.clone(),
                            format!(
                                "questionnaire round {} ({}), approved {}",
                                round.id,
                                round.title,
                                r.updated_at.get(..10).unwrap_or("")
                            ),
                        ),
                    );
                }
            }
        }
        drop(tx);
        let names = self.names(&all);
        let nine: Vec<String> = self
            .vocab
            .stages
            .iter()
            .filter(|s| !s.theme)
            .map(|s| s.code.clone())
            .collect();
        let mut out = vec![];
        for e in &self.vocab.economies {
            let code = e.code.as_str();
            let of = |kind: &str| {
                all.get(kind)
                    .map(|v| {
                        v.iter()
                            .filter(|r| r.owner.as_deref() == Some(code))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            };
            let mut ev = Evidence {
                economy: code.to_string(),
                stages: nine.clone(),
                names: names.clone(),
                ..Default::default()
            };
            for r in of("practice") {
                let b = &r.body;
                ev.practices.push(PracticeFact {
                    id: r.id.clone(),
                    stage: s(&b["stage"]),
                    status: s(&b["status"]),
                    mode: b["mode"].as_str().map(str::to_string),
                    processing_time: b["processing_time"].as_str().map(str::to_string),
                    legal_basis: b["legal_basis"].as_str().is_some_and(|x| !x.trim().is_empty()),
                    basis: b["legal_basis"]
                        .as_str()
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(str::to_string),
                    check: s(&b["check"]),
                });
            }
            for r in of("institution") {
                ev.institutions.push(InstitutionFact {
                    id: r.id.clone(),
                    kind: s(&r.body["kind"]),
                    stages: r.body["stages"]
                        .as_array()
                        .map(|a| a.iter().map(s).collect())
                        .unwrap_or_default(),
                });
            }
            for r in of("relationship") {
                // An end outside the six economies is an institution of a Country of Origin
                // when its owner is one of the programme's origins.
                let from_origin = |end: &str| {
                    all.get("institution").is_some_and(|insts| {
                        insts.iter().any(|i| {
                            i.id == s(&r.body[end]) && i.owner.as_ref().is_some_and(|o| self.vocab.origins.contains(o))
                        })
                    })
                };
                ev.relationships.push(RelationshipFact {
                    id: r.id.clone(),
                    kind: s(&r.body["kind"]),
                    with_origin: from_origin("from") || from_origin("to"),
                });
            }
            for r in of("pathway") {
                let b = &r.body;
                ev.pathways.push(PathwayFact {
                    id: r.id.clone(),
                    permit_type: s(&b["permit_type"]),
                    flags: ["employer_change", "lmt_required", "quota"]
                        .iter()
                        .map(|f| (f.to_string(), opt_bool(&b[*f])))
                        .collect(),
                });
            }
            for r in of("agency_regulation") {
                let b = &r.body;
                ev.agencies.push(AgencyFact {
                    id: r.id.clone(),
                    licensing: s(&b["licensing"]),
                    flags: ["public_register", "worker_fees_banned"]
                        .iter()
                        .map(|f| (f.to_string(), opt_bool(&b[*f])))
                        .collect(),
                });
            }
            // The analysis reads the figures of every pathway (see `every_pathway`).
            for r in of("observation").into_iter().filter(|r| every_pathway(&r.body)) {
                let b = &r.body;
                ev.observations.push(ObservationFact {
                    id: r.id.clone(),
                    indicator: s(&b["indicator"]),
                    period: s(&b["period"]),
                    citizenship: s(&b["citizenship"]),
                    sector: s(&b["sector"]),
                    sex: s(&b["sex"]),
                    value: b["value"].as_f64().unwrap_or(f64::NAN),
                    measure: self
                        .vocab
                        .indicator(&s(&b["indicator"]))
                        .map(|i| i.measure.clone())
                        .unwrap_or_default(),
                });
            }
            if let Some((_, answers, source)) = approved.get(code) {
                ev.answers_source = source.clone();
                if let Some(values) = answers["values"].as_object() {
                    for (path, v) in values {
                        let name = path
                            .rsplit('/')
                            .next()
                            .unwrap_or(path)
                            .split('[')
                            .next()
                            .unwrap_or("")
                            .to_string();
                        if let Some(v) = v.as_str().filter(|v| !v.is_empty()) {
                            ev.answers.entry(name).or_default().push(v.to_string());
                        }
                    }
                }
            }
            out.push(ev);
        }
        Ok(out)
    }

    /// Scores, candidate findings with their decisions, and priorities, from the current evidence.
    /// A finding raised at an event is listed only to those who may read the event, until an
    /// analyst accepts it (which publishes it as a finding of the analysis).
    pub async fn analysis(&self, p: &Principal) -> Result<Analysis> {
        let evidence = self.evidence().await?;
        self.analysis_with(p, &evidence).await
    }

    /// The analysis as `p` may read it, of evidence already read (the documents need both).
    pub(crate) async fn analysis_with(&self, p: &Principal, evidence: &[Evidence]) -> Result<Analysis> {
        let mut a = self.analysis_of(evidence).await?;
        let readable: std::collections::HashSet<String> = self.events(p).await?.into_iter().map(|e| e.id).collect();
        a.findings.retain(|f| match raised_event(&f.candidate.key) {
            Some(event) => {
                readable.contains(event) || !matches!(f.status(), FindingStatus::Candidate | FindingStatus::Rejected)
            }
            None => true,
        });
        Ok(a)
    }

    /// The analysis of evidence already read (for callers that also need the evidence itself).
    pub(crate) async fn analysis_of(&self, evidence: &[Evidence]) -> Result<Analysis> {
        let framework = self.framework()?;
        let stages: Vec<(String, String)> = self
            .vocab
            .stages
            .iter()
            .map(|s| (s.code.clone(), s.label.clone()))
            .collect();
        let raised: Vec<Raised> = self
            .raised_findings(&crate::auth::system("analysis"))
            .await?
            .into_iter()
            .map(|f| Raised {
                event: f.event_id,
                date: f.event_date,
                economy: f.economy,
                stage: f.stage,
                text: f.text,
            })
            .collect();
        let found = candidates(evidence, &stages, &raised);
        let decisions: BTreeMap<String, FindingDecision> = self
            .store
            .read()
            .await?
            .finding_decisions()
            .await?
            .into_iter()
            .map(|d| (d.key.clone(), d))
            .collect();
        let outcomes = self.validation_outcomes().await?;
        let findings: Vec<CuratedFinding> = found
            .iter()
            .map(|c| CuratedFinding {
                decision: decisions.get(&c.key).cloned(),
                validation: outcomes.get(&format!("finding:{}", c.key)).cloned(),
                candidate: c.clone(),
            })
            .collect();
        // Rejected findings, and those the delegates dropped, do not weigh on the priorities.
        let kept: Vec<Candidate> = findings
            .iter()
            .filter(|f| !f.status().discarded())
            .map(|f| f.candidate.clone())
            .collect();
        Ok(Analysis {
            scores: scores(&framework, evidence),
            priorities: priorities(evidence, &stages, &kept),
            framework,
            findings,
            priority_formula: PRIORITY_FORMULA,
            validation: outcomes,
        })
    }

    /// An analyst's decision on a candidate finding: `accepted`, `edited` (with the new text) or
    /// `rejected`; `version` is the decision's current version (0 when none).
    pub async fn decide_finding(
        &self,
        p: &Principal,
        key: &str,
        status: &str,
        text: Option<&str>,
        version: i64,
    ) -> Result<FindingDecision> {
        if !p.may(Action::Review, None) {
            return Err(AppError::Forbidden(say("refuse-decide-findings", &[])));
        }
        let status = status
            .parse::<FindingStatus>()
            .ok()
            .filter(|s| {
                matches!(
                    s,
                    FindingStatus::Accepted | FindingStatus::Edited | FindingStatus::Rejected
                )
            })
            .ok_or_else(|| AppError::invalid("status", say("finding-status", &[("value", status)])))?;
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        if status == FindingStatus::Edited && text.is_none() {
            return Err(AppError::invalid("text", say("edited-finding-text", &[])));
        }
        let analysis = self.analysis(p).await?;
        if !analysis.findings.iter().any(|f| f.candidate.key == key) {
            return Err(AppError::NotFound {
                kind: "finding".into(),
                id: key.into(),
            });
        }
        let d = FindingDecision {
            key: key.into(),
            status,
            text: text.map(str::to_string),
            version: version + 1,
            decided_by: p.email.clone(),
            decided_at: pathways_storage::now(),
        };
        let mut tx = self.store.write().await?;
        if !tx.decide_finding(&d, version).await? {
            return Err(AppError::invalid("version", say("finding-decided", &[])));
        }
        tx.append_audit(&pathways_storage::NewAudit {
            actor_id: Some(p.user_id.clone()),
            actor_email: p.email.clone(),
            action: format!("finding.{status}"),
            entity_kind: Some("finding".into()),
            entity_id: Some(key.into()),
            version: Some(d.version),
            after: Some(json!({"status": status, "text": d.text})),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(d)
    }
}
