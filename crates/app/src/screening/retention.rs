//! Data protection in screening: identities purged a number of years after a case is closed (per
//! economy, `data/screening/retention.csv`), with what the figures need kept; and the export of
//! everything held about one person (an access request). A purge is audited, zeroes what it
//! removes (the database runs with `secure_delete`) and empties the write-ahead log, so that no
//! personal data remains in the database file. And the pseudonymised export of an economy's cases
//! for analysis: no name, passport, full date of birth or free text; one pseudonym per person,
//! keyed afresh for each export so that two exports cannot be joined.

use base64::Engine as _;
use pathways_domain::case::CaseFields;
use pathways_domain::dataset::csv_rows;
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Role};
use pathways_storage::Residue;
use serde::Serialize;
use serde_json::{Value, json};

use crate::map::records::audit;
use crate::{App, AppError, Result};

const RETENTION: &str = include_str!("../../../../data/screening/retention.csv");

/// What a purge did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PurgeReport {
    pub cases: usize,
}

/// The years after closure an economy keeps identities: its own row, else the regional one.
fn identity_years(economy: &str) -> Result<u32> {
    let mut problems = vec![];
    let rows = csv_rows(
        "screening/retention.csv",
        RETENTION,
        &["economy", "identity_years"],
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(AppError::Internal(format!("shipped retention rules: {problems:?}")));
    }
    let pick = |e: &str| {
        rows.iter()
            .find(|(_, r)| r[0] == e)
            .and_then(|(_, r)| r[1].parse::<u32>().ok())
    };
    pick(economy)
        .or_else(|| pick("*"))
        .ok_or_else(|| AppError::Internal("shipped retention rules: no regional row".into()))
}

/// What a purge keeps of a case's fields: nothing that names or identifies the person.
fn residue(fields: &Value, checks: &Value, decision: Option<&Value>) -> Residue {
    let f: CaseFields = serde_json::from_value(fields.clone()).unwrap_or_default();
    Residue {
        fields: json!({
            "economy": f.economy, "nationality": f.nationality, "sex": f.sex, "pathway": f.pathway,
            "occupation": f.occupation, "sector": f.sector, "employer": f.employer,
            "local_agency": f.local_agency, "coo_agency": f.coo_agency,
            "application_date": f.application_date, "contract_start": f.contract_start,
            "contract_end": f.contract_end,
        }),
        // Explanations quote the passport and the names: only the results stay.
        checks: Value::Array(
            checks
                .as_array()
                .into_iter()
                .flatten()
                .map(|k| json!({"code": k["code"], "result": k["result"], "explanation": "", "rules_version": k["rules_version"]}))
                .collect(),
        ),
        decision: decision.map(|d| json!({"decision": d["decision"], "reasons": d["reasons"], "at": d["at"], "on_version": d["on_version"]})),
    }
}

impl App {
    /// Purges the identities of the cases closed longer ago than their economy keeps them, as of
    /// `today`. Admins, or the server's own retention job.
    pub async fn purge_expired(&self, p: &Principal, today: &str) -> Result<PurgeReport> {
        // The server's own job acts as `auth::system`, an admin.
        if p.role != Role::Admin {
            return Err(AppError::Forbidden(say("refuse-purge", &[])));
        }
        let Ok(day) = time::Date::parse(today, time::macros::format_description!("[year]-[month]-[day]")) else {
            return Err(AppError::invalid("today", say("not-date", &[("value", today)])));
        };
        let mut report = PurgeReport::default();
        let mut purged_in: Vec<String> = vec![];
        let mut tx = self.store.write().await?;
        for e in self
            .vocab()
            .economies
            .iter()
            .map(|e| e.code.clone())
            .collect::<Vec<_>>()
        {
            let years = identity_years(&e)?;
            let before = day.replace_year(day.year() - years as i32).unwrap_or(day).to_string();
            for c in tx.cases_to_purge(&e, &format!("{before}T23:59:59Z")).await? {
                tx.purge_case(&c.id, &residue(&c.fields, &c.checks, c.decision.as_ref()))
                    .await?;
                tx.append_audit(&pathways_storage::NewAudit {
                    note: Some(format!("identity purged {years} years after closure")),
                    ..audit(p, "case.purge", "case", &c.id, Some(&e))
                })
                .await?;
                report.cases += 1;
                if !purged_in.contains(&e) {
                    purged_in.push(e.clone());
                }
            }
        }
        tx.commit().await?;
        // A purged person leaves the person index too: it is rebuilt without them on next use.
        for e in &purged_in {
            self.forget_persons(e).await;
        }
        if report.cases > 0 {
            self.store.checkpoint().await?;
        }
        Ok(report)
    }

    /// Everything held about the person of a case (an access request): the case, every version,
    /// the requests about it with their excerpts and answers, its outcomes, who read it, and the
    /// economy's other cases with the same passport. For its economy's case officers; logged as
    /// a read and audited.
    pub async fn person_export(&self, p: &Principal, id: &str) -> Result<Value> {
        let mut tx = self.store.write().await?;
        let c = tx.case(id).await?.ok_or_else(|| AppError::NotFound {
            kind: "case".into(),
            id: id.into(),
        })?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(AppError::NotFound {
                kind: "case".into(),
                id: id.into(),
            });
        }
        tx.log_case_read(&c, &p.user_id, &p.email, "api").await?;
        let versions = tx.case_versions_full(id).await?;
        let requests = tx.requests_where(pathways_storage::RequestsBy::Case, id).await?;
        let outcomes = tx.outcomes(id).await?;
        let reads = tx.case_reads(id).await?;
        let others = tx.cases_with_passport(&c.economy, &c.keys.passport_key, id).await?;
        let mut files = vec![];
        for f in tx.case_files(id).await? {
            if let Some(f) = tx.case_file(&f.id).await? {
                let mut v = json!(f);
                v["content_base64"] = json!(base64::engine::general_purpose::STANDARD.encode(&f.bytes));
                files.push(v);
            }
        }
        tx.append_audit(&pathways_storage::NewAudit {
            note: Some("everything held about the person exported (access request)".into()),
            ..audit(p, "case.export", "case", id, Some(&c.economy))
        })
        .await?;
        tx.commit().await?;
        Ok(json!({
            "exported_at": pathways_storage::now(),
            "exported_by": p.email,
            "case": c,
            "versions": versions,
            "verification_requests": requests,
            "outcomes": outcomes,
            "reads": reads,
            "other_cases_with_the_same_passport": others,
            "files": files,
        }))
    }
}

/// The columns of the pseudonymised export, before one per check.
const PSEUDONYMISED: [&str; 12] = [
    "person",
    "economy",
    "nationality",
    "sex",
    "birth_year",
    "pathway",
    "occupation",
    "sector",
    "application_month",
    "state",
    "decision",
    "reasons",
];

impl App {
    /// The economy's cases for analysis, pseudonymised, as CSV; for its case officers, audited.
    pub async fn pseudonymised_cases(&self, p: &Principal) -> Result<Vec<u8>> {
        use hmac::{Hmac, Mac};
        use rand::RngCore;
        let Some(economy) = p.economy.clone().filter(|e| p.may(Action::Screen, Some(e))) else {
            return Err(AppError::Forbidden(say("refuse-export-cases", &[])));
        };
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        let mut tx = self.store.write().await?;
        let all = tx
            .cases_of(
                &economy,
                &pathways_storage::CaseFilter {
                    state: None,
                    passport: None,
                    name: None,
                    nationality: None,
                    limit: i64::MAX,
                    offset: 0,
                },
            )
            .await?;
        let codes = pathways_domain::checks::CheckCode::ALL;
        let mut w = csv::Writer::from_writer(vec![]);
        let header: Vec<&str> = PSEUDONYMISED
            .iter()
            .copied()
            .chain(codes.iter().map(|c| c.as_str()))
            .collect();
        w.write_record(&header).map_err(|e| AppError::Internal(e.to_string()))?;
        for c in &all {
            let f: CaseFields = serde_json::from_value(c.fields.clone()).unwrap_or_default();
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).map_err(|e| AppError::Internal(e.to_string()))?;
            // The same person (passport) has the same pseudonym within this export only.
            let who = if c.keys.passport_key.is_empty() {
                c.id.as_str()
            } else {
                c.keys.passport_key.as_str()
            };
            mac.update(who.as_bytes());
            let person = hex::encode(&mac.finalize().into_bytes()[..8]);
            let d = c.decision.as_ref();
            let reasons: Vec<String> = d
                .and_then(|d| d["reasons"].as_array())
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect();
            let mut row = vec![
                person,
                c.economy.clone(),
                f.nationality.clone(),
                f.sex.clone(),
                f.date_of_birth.get(..4).unwrap_or_default().to_string(),
                f.pathway.clone(),
                f.occupation.clone(),
                f.sector.clone(),
                c.keys.applied_on.get(..7).unwrap_or_default().to_string(),
                c.state.as_str().to_string(),
                d.and_then(|d| d["decision"].as_str()).unwrap_or_default().to_string(),
                reasons.join(";"),
            ];
            for code in codes {
                let result = c
                    .checks
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|k| k["code"] == code.as_str())
                    .and_then(|k| k["result"].as_str())
                    .unwrap_or_default();
                row.push(result.to_string());
            }
            w.write_record(&row).map_err(|e| AppError::Internal(e.to_string()))?;
        }
        tx.append_audit(&pathways_storage::NewAudit {
            note: Some(format!("{} cases exported pseudonymised", all.len())),
            ..audit(p, "cases.export_pseudonymised", "economy", &economy, Some(&economy))
        })
        .await?;
        tx.commit().await?;
        w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
    }
}
