//! What an approved response changes in the map. Each question of a questionnaire may declare, in
//! its `binding` column, the mapping fact it feeds (`practice[STAGE].FIELD`, `institution.FIELD`,
//! `pathway.FIELD`, `observation.FIELD`, `agency_regulation.FIELD`; see
//! `data/questionnaires/README.md`). From the answers this module proposes, field by field, a new
//! record, a gap filled, an unchanged value, or a *contradiction* of what the map holds — which the
//! analyst decides (keep or replace) before anything is replaced. Applied changes go through the
//! ordinary record use cases, inside the approval's transaction, with the provenance
//! "questionnaire round R, economy E, questions Q, approved by U on D".

use std::collections::BTreeMap;

use pathways_domain::{Kind, Principal};
use pathways_storage::{RecordQuery, StoredRecord, StoredResponse, StoredRound, Tx};
use pathways_xlsform::engine::State;
use pathways_xlsform::model::text_in;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::rounds::LoadedForm;
use crate::{App, AppError, Result};

/// The longest answer taken as a record's short title (a practice's check); longer ones go to notes.
const SHORT_TITLE: usize = 120;

/// One field an approval would write.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Proposal {
    /// Stable key for the analyst's choice: `TARGET|FIELD`.
    pub key: String,
    pub kind: String,
    /// The record's id (an existing one, or the id a new one will get).
    pub target: String,
    pub label: String,
    pub field: String,
    pub current: Option<Value>,
    pub proposed: Value,
    /// `new_record`, `fill`, `same`, `no_information` (answered unknown where the map knows) or
    /// `contradiction`.
    pub status: String,
    pub questions: Vec<String>,
}

/// The answers bound to one record, before comparison.
#[derive(Debug, Default)]
struct Draft {
    kind: Option<Kind>,
    fields: BTreeMap<String, Value>,
    questions: Vec<String>,
    /// Answers that could not become a field (e.g. an institution named in free text that the map
    /// does not know), kept in the record's notes.
    notes: Vec<String>,
    /// For an observation: the source the focal point gave.
    source: Option<String>,
    /// Fields answered "unknown": no information, so they never replace what the map holds.
    unknown: Vec<String>,
}

/// What is written to one record: its kind, its version when it exists, the fields, the questions
/// they come from, and whether an answer replaced a value the map held.
type Write = (String, Option<i64>, Map<String, Value>, Vec<String>, bool);

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

fn yes_no(v: &str) -> Value {
    match v {
        "yes" => Value::Bool(true),
        "no" => Value::Bool(false),
        _ => Value::Null,
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The institution of `economy` an answer names (by id, acronym, name or local name).
fn institution_named<'a>(institutions: &'a [StoredRecord], economy: &str, text: &str) -> Option<&'a StoredRecord> {
    institutions.iter().find(|r| {
        r.owner.as_deref() == Some(economy)
            && (same_text(&r.id, text)
                || ["acronym", "name", "name_local"]
                    .iter()
                    .any(|f| r.body[*f].as_str().is_some_and(|v| same_text(v, text))))
    })
}

async fn list(tx: &mut Tx, kind: Kind, owner: &str) -> Result<Vec<StoredRecord>> {
    Ok(tx.records(&RecordQuery::owned(kind.as_str(), owner)).await?)
}

impl App {
    /// The changes approving `response` would make, field by field.
    pub(crate) async fn proposals(
        &self,
        tx: &mut Tx,
        loaded: &LoadedForm,
        response: &StoredResponse,
        state: &State,
    ) -> Result<Vec<(Proposal, Option<i64>)>> {
        let economy = response.economy.as_str();
        let form = &loaded.form;
        let lang = form.default_language().unwrap_or("");
        let bindings: BTreeMap<&str, (&str, Option<&str>)> = form
            .questions()
            .filter_map(|q| {
                let b = q.cells.get("binding")?;
                Some((q.name.as_str(), (b.as_str(), q.kind.list())))
            })
            .collect();
        let institutions = list(tx, Kind::Institution, economy).await?;
        let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
        for q in &state.questions {
            let Some((binding, list_name)) = bindings.get(q.name.as_str()) else {
                continue;
            };
            let value = q.value.trim();
            if !q.relevant || value.is_empty() {
                continue;
            }
            let Some((target, field)) = binding.split_once('.') else {
                continue;
            };
            // One record per repeat instance: the instance path groups its answers.
            let instance = q.path.rsplit_once('/').map_or("", |(head, _)| head);
            let (kind, group) = match target {
                "institution" => (Kind::Institution, format!("institution|{instance}")),
                "pathway" => (Kind::Pathway, format!("pathway|{instance}")),
                "observation" => (Kind::Observation, format!("observation|{instance}")),
                "agency_regulation" => (Kind::AgencyRegulation, "agency_regulation".to_string()),
                t if t.starts_with("practice[") => (Kind::Practice, t.to_string()),
                _ => continue,
            };
            let d = drafts.entry(group).or_default();
            d.kind = Some(kind);
            d.questions.push(q.path.clone());
            if value == "unknown" {
                d.unknown.push(field.to_string());
            }
            let choice_label = || {
                list_name
                    .and_then(|l| form.choice_list(l))
                    .and_then(|l| l.choices.iter().find(|c| c.name == value))
                    .and_then(|c| text_in(&c.cells, "label", lang))
                    .unwrap_or(value)
                    .to_string()
            };
            let v: Value = match (kind, field) {
                (Kind::Institution, "stages") => json!(value.split_whitespace().collect::<Vec<_>>()),
                (Kind::Institution, "power" | "interest") => json!(value.parse::<u8>().unwrap_or(0)),
                (_, "processing_time") => json!(format!("{value} days")),
                (Kind::Pathway, "quota" | "lmt_required" | "employer_change")
                | (Kind::AgencyRegulation, "public_register" | "worker_fees_banned") => yes_no(value),
                (Kind::AgencyRegulation, "licensing") => json!(match value {
                    "yes" => "A licence is required (questionnaire answer).".to_string(),
                    "no" => "No licence is required (questionnaire answer).".to_string(),
                    _ => format!("{} (questionnaire answer)", choice_label()),
                }),
                (Kind::Observation, "value") => json!(value.parse::<f64>().unwrap_or(f64::NAN)),
                (Kind::Observation, "source") => {
                    d.source = Some(value.to_string());
                    continue;
                }
                (
                    Kind::Practice | Kind::Pathway | Kind::AgencyRegulation,
                    "responsible" | "issuing_institution" | "authority",
                ) => match institution_named(&institutions, economy, value) {
                    Some(r) => json!(r.id),
                    None => {
                        let what = match field {
                            "responsible" => "Responsible institution",
                            "issuing_institution" => "Issuing institution",
                            _ => "Authority",
                        };
                        d.notes.push(format!("{what} (as answered): {value}"));
                        continue;
                    }
                },
                // A practice's check is the map's short title of it; a long or multi-line answer
                // would replace the title and be a contradiction to settle, so it goes to notes.
                (Kind::Practice, "check") if value.chars().count() > SHORT_TITLE || value.contains('\n') => {
                    d.notes.push(format!("How it is checked (as answered): {value}"));
                    continue;
                }
                (Kind::Practice, "notes") if list_name.is_some() => {
                    d.notes
                        .push(format!("Country-of-Origin involvement: {}", choice_label()));
                    continue;
                }
                (_, "notes") => {
                    d.notes.push(value.to_string());
                    continue;
                }
                _ => json!(value),
            };
            if !v.is_null() {
                d.fields.insert(field.to_string(), v);
            }
        }

        let mut out = vec![];
        let pathways = list(tx, Kind::Pathway, economy).await?;
        let practices = list(tx, Kind::Practice, economy).await?;
        let agencies = list(tx, Kind::AgencyRegulation, economy).await?;
        let mut taken_ids: Vec<String> = vec![];
        for (group, mut d) in drafts {
            let Some(kind) = d.kind else { continue };
            if !d.notes.is_empty() {
                d.fields.insert("notes".into(), json!(d.notes.join(" ")));
            }
            // The record this draft updates, if the map has it.
            let existing: Option<StoredRecord> = match kind {
                Kind::Practice => {
                    let stage = group.trim_start_matches("practice[").trim_end_matches(']').to_string();
                    d.fields.insert("stage".into(), json!(stage));
                    practices.iter().find(|r| r.body["stage"] == stage.as_str()).cloned()
                }
                Kind::Institution => d.fields.get("name").and_then(|n| n.as_str()).and_then(|n| {
                    institutions
                        .iter()
                        .find(|r| {
                            ["name", "name_local", "acronym"]
                                .iter()
                                .any(|f| r.body[*f].as_str().is_some_and(|v| same_text(v, n)))
                        })
                        .cloned()
                }),
                Kind::Pathway => d.fields.get("name").and_then(|n| n.as_str()).and_then(|n| {
                    pathways
                        .iter()
                        .find(|r| r.body["name"].as_str().is_some_and(|v| same_text(v, n)))
                        .cloned()
                }),
                Kind::AgencyRegulation => agencies.first().cloned(),
                Kind::Observation => {
                    let f = |k: &str| d.fields.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
                    let key = format!(
                        "{}|{}|{}|{}|{}|{}",
                        f("indicator"),
                        economy,
                        f("period"),
                        f("citizenship"),
                        f("sector"),
                        f("sex")
                    );
                    let obs = tx
                        .records(&RecordQuery {
                            kind: Kind::Observation.as_str().into(),
                            owner: Some(economy.into()),
                            fields: vec![("indicator".into(), f("indicator")), ("period".into(), f("period"))],
                            ..Default::default()
                        })
                        .await?;
                    obs.into_iter().find(|r| {
                        let b = &r.body;
                        format!(
                            "{}|{}|{}|{}|{}|{}",
                            b["indicator"].as_str().unwrap_or(""),
                            economy,
                            b["period"].as_str().unwrap_or(""),
                            b["citizenship"].as_str().unwrap_or(""),
                            b["sector"].as_str().unwrap_or(""),
                            b["sex"].as_str().unwrap_or("")
                        ) == key
                    })
                }
                _ => None,
            };
            let (target, label, version) = match &existing {
                Some(r) => (r.id.clone(), format!("{} `{}`", kind.as_str(), r.id), Some(r.version)),
                None => {
                    let base = match kind {
                        Kind::Practice => format!(
                            "{}-{}",
                            economy.to_lowercase(),
                            d.fields.get("stage").and_then(|v| v.as_str()).unwrap_or("")
                        ),
                        Kind::Observation => format!(
                            "{}-{}",
                            economy.to_lowercase(),
                            slug(
                                &d.fields
                                    .values()
                                    .filter_map(|v| v.as_str())
                                    .collect::<Vec<_>>()
                                    .join("-")
                            )
                        ),
                        _ => format!(
                            "{}-{}",
                            economy.to_lowercase(),
                            slug(
                                d.fields
                                    .get("acronym")
                                    .or_else(|| d.fields.get("name"))
                                    .and_then(|v| v.as_str())
                                    .unwrap_or(kind.as_str())
                            )
                        ),
                    };
                    let mut id = slug(&base);
                    let mut n = 2;
                    while taken_ids.contains(&id) || tx.record(&id).await?.is_some() {
                        id = format!("{}-{n}", slug(&base));
                        n += 1;
                    }
                    taken_ids.push(id.clone());
                    (id.clone(), format!("new {} `{id}`", kind.as_str()), None)
                }
            };
            if kind == Kind::Observation
                && let Some(src) = &d.source
            {
                d.fields.insert("__source".into(), json!(src));
            }
            for (field, proposed) in d.fields {
                let current = existing
                    .as_ref()
                    .and_then(|r| r.body.get(&field))
                    .filter(|v| !v.is_null())
                    .cloned();
                let status = match (&existing, &current) {
                    (None, _) => "new_record",
                    (Some(_), Some(_)) if d.unknown.contains(&field) => "no_information",
                    (Some(_), None) => "fill",
                    (Some(_), Some(c)) if *c == proposed => "same",
                    (Some(_), Some(Value::String(c)))
                        if field == "notes" && c.contains(proposed.as_str().unwrap_or("\u{0}")) =>
                    {
                        "same"
                    }
                    (Some(_), Some(_)) => "contradiction",
                };
                out.push((
                    Proposal {
                        key: format!("{target}|{field}"),
                        kind: kind.as_str().into(),
                        target: target.clone(),
                        label: label.clone(),
                        field,
                        current,
                        proposed,
                        status: status.into(),
                        questions: d.questions.clone(),
                    },
                    version,
                ));
            }
        }
        Ok(out)
    }

    /// Writes the accepted proposals (all but contradictions the analyst chose to keep) inside the
    /// approval's transaction; a record that fails validation refuses the whole approval.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn apply_proposals(
        &self,
        tx: &mut Tx,
        p: &Principal,
        round: &StoredRound,
        response: &StoredResponse,
        proposals: Vec<(Proposal, Option<i64>)>,
        choices: &BTreeMap<String, bool>,
        today: &str,
    ) -> Result<usize> {
        let undecided: Vec<String> = proposals
            .iter()
            .filter(|(x, _)| x.status == "contradiction" && !choices.contains_key(&x.key))
            .map(|(x, _)| x.key.clone())
            .collect();
        if !undecided.is_empty() {
            return Err(AppError::Invalid(
                undecided
                    .into_iter()
                    .map(|k| {
                        pathways_domain::Problem::field(
                            &k,
                            pathways_domain::wording::say("answer-contradicts-map", &[]),
                        )
                    })
                    .collect(),
            ));
        }
        // Per record: the fields to write, its questions, and its version when it exists.
        let mut per: BTreeMap<String, Write> = BTreeMap::new();
        for (x, version) in proposals {
            let accept = match x.status.as_str() {
                "new_record" | "fill" => true,
                "contradiction" => choices.get(&x.key).copied().unwrap_or(false),
                _ => false,
            };
            let e = per
                .entry(x.target.clone())
                .or_insert_with(|| (x.kind.clone(), version, Map::new(), vec![], false));
            e.3.extend(x.questions.iter().cloned());
            if accept {
                e.4 |= x.status == "contradiction";
                e.2.insert(x.field.clone(), x.proposed.clone());
            }
        }
        let mut written = 0;
        for (target, (kind, version, mut fields, mut questions, replaced)) in per {
            if fields.is_empty() {
                continue;
            }
            let kind = Kind::parse(&kind).ok_or_else(|| AppError::Internal(format!("unknown kind {kind}")))?;
            questions.sort();
            questions.dedup();
            let names: Vec<&str> = questions.iter().map(|q| q.rsplit('/').next().unwrap_or(q)).collect();
            let mut names = names;
            names.dedup();
            let origin = format!(
                "questionnaire round {} ({}), economy {}, question{} {}, approved by {} on {today}",
                round.id,
                round.title,
                response.economy,
                if names.len() == 1 { "" } else { "s" },
                names.join(", "),
                p.email
            );
            let answer_source = fields.remove("__source").and_then(|v| v.as_str().map(str::to_string));
            let source = match answer_source {
                Some(s) => format!("{s} ; {origin}"),
                None => origin,
            };
            match version {
                None => {
                    let mut body = fields;
                    body.insert("id".into(), json!(target));
                    body.insert("economy".into(), json!(response.economy));
                    if kind == Kind::AgencyRegulation && !body.contains_key("scope") {
                        body.insert("scope".into(), json!("Recruitment agencies placing foreign workers"));
                    }
                    if kind == Kind::Practice && !body.contains_key("check") {
                        body.insert(
                            "check".into(),
                            json!(format!("Checks at this stage as reported by the focal point")),
                        );
                    }
                    let unknown = body.get("status").is_some_and(|s| s == "unknown");
                    let mut prov = json!({"source": source, "date": today, "confidence": "medium"});
                    if unknown {
                        prov["looked_in"] = json!("the focal point's answer to the questionnaire");
                    }
                    body.insert("provenance".into(), prov);
                    self.create_in(tx, p, kind, Value::Object(body), "user").await?;
                }
                Some(v) => {
                    let current = crate::map::records::fetch_live(tx, kind, &target).await?;
                    let mut prov = current.body["provenance"].clone();
                    let old = prov["source"].as_str().unwrap_or("").to_string();
                    prov["source"] = json!(if old.is_empty() {
                        source
                    } else {
                        format!("{old} ; {source}")
                    });
                    prov["date"] = json!(today);
                    if replaced {
                        prov["confidence"] = json!("medium");
                    }
                    if fields.get("status").is_some_and(|s| s == "unknown") && prov.get("looked_in").is_none() {
                        prov["looked_in"] = json!("the focal point's answer to the questionnaire");
                    }
                    fields.insert("provenance".into(), prov);
                    self.update_in(tx, p, kind, &target, v, fields).await?;
                }
            }
            written += 1;
        }
        Ok(written)
    }
}
