//! Importing an economy's cases from the CSV or workbook its permit system exports: every row read
//! and validated before anything is written (all or nothing, each bad row named by line and
//! column), then every case stored with its checks run in one transaction, the registers read once
//! for the whole file. One audit entry tells of the import; no personal data goes into it.
//!
//! Values are read as permit systems write them (`lenient`): one that cannot be read is set aside
//! on its case and counted by column in the report, never a reason to refuse the file; what makes
//! a case (a name, nationality, date of birth or its year, passport number) is. A strict import
//! refuses every value that is not as a case holds it, as the case form does.

use pathways_domain::case::{CaseFields, Known};
use pathways_domain::screening::CaseState;
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Problem};
use pathways_storage::NewCase;
use serde::Serialize;
use serde_json::json;

use super::checks::Registers;
use crate::map::records::audit;
use crate::{App, AppError, Result};

/// The columns a case file may have: the fields of a case (`mrz_1`, `mrz_2` for the two lines of
/// the machine-readable zone).
pub const CASE_COLUMNS: [&str; 20] = [
    "economy",
    "given_name",
    "surname",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "passport_number",
    "passport_expiry",
    "mrz_1",
    "mrz_2",
    "employer",
    "local_agency",
    "coo_agency",
    "pathway",
    "occupation",
    "sector",
    "contract_start",
    "contract_end",
    "application_date",
];

/// How many cases go to the store at once: the later rows' checks read the earlier ones from
/// memory (`Registers::bulk`), so nothing waits for them to be written.
const BATCH: usize = 500;

/// What a case import did.
#[derive(Debug, Clone, Serialize)]
pub struct CaseImport {
    pub cases: usize,
    /// How many cases came out of their checks with a fail or a flag.
    pub flagged: usize,
    /// The values that could not be read, by the file's column, with their first lines: each set
    /// aside on its case.
    pub unreadable: pathways_linkage::quality::Unreadable,
}

impl App {
    /// Imports the cases of a CSV or workbook into the officer's economy; `strict` refuses the
    /// file at any value that is not as a case holds it instead of setting it aside.
    pub async fn import_cases(
        &self,
        p: &Principal,
        file: &str,
        bytes: &[u8],
        synthetic: bool,
        strict: bool,
    ) -> Result<CaseImport> {
        let Some(economy) = p.economy.clone().filter(|e| p.may(Action::Screen, Some(e))) else {
            return Err(AppError::Forbidden(say("refuse-import-cases", &[])));
        };
        let table = pathways_sheets::read_table(bytes, None, &pathways_sheets::Limits::UPLOAD)
            .map_err(|e| AppError::file(file, e))?;
        let source = match &table.sheet {
            Some(sheet) => format!("{file}, sheet {sheet}"),
            None => file.to_string(),
        };
        let mut problems = vec![];
        for (i, h) in table.header.iter().enumerate() {
            if !h.is_empty() && !CASE_COLUMNS.contains(&h.trim().to_lowercase().as_str()) {
                problems.push(Problem {
                    file: source.clone(),
                    line: Some(1),
                    field: Some(table.column_label(i)),
                    message: say("unknown-column-are", &[("names", &CASE_COLUMNS.join(", "))]),
                });
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let col = |name: &str| table.column(name);
        let (economies, countries, pathways) = self.case_vocabulary(&economy).await?;
        let known = Known {
            economies: &economies,
            countries: &countries,
            pathways: &pathways,
        };
        let names: Vec<(String, String)> = self
            .vocab()
            .countries
            .iter()
            .map(|c| (c.code.clone(), c.label.to_lowercase()))
            .collect();
        let reader = super::lenient::Reader::new(&names, &pathways);
        let column_name = |field: &str| {
            let field = if field == "mrz" { "mrz_1" } else { field };
            col(field).map_or_else(|| field.to_string(), |i| table.header[i].trim().to_string())
        };
        let mut unreadable = pathways_linkage::quality::Unreadable::default();
        let mut cases = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            let get = |name: &str| row.get(col(name)).to_string();
            let given_economy = get("economy").to_ascii_uppercase();
            if !given_economy.is_empty() && given_economy != economy {
                problems.push(Problem {
                    file: source.clone(),
                    line: Some(row.line),
                    field: col("economy").map(|i| table.column_label(i)),
                    message: say(
                        "case-of-other-economy",
                        &[("given", &given_economy), ("economy", &economy)],
                    ),
                });
                continue;
            }
            let mut fields = CaseFields {
                economy: economy.clone(),
                given_name: get("given_name"),
                surname: get("surname"),
                full_name: get("full_name"),
                date_of_birth: get("date_of_birth"),
                sex: get("sex").to_ascii_uppercase(),
                nationality: get("nationality").to_ascii_uppercase(),
                passport_number: get("passport_number"),
                passport_expiry: get("passport_expiry"),
                mrz: [get("mrz_1"), get("mrz_2")]
                    .into_iter()
                    .filter(|l| !l.is_empty())
                    .collect(),
                employer: get("employer"),
                local_agency: get("local_agency"),
                coo_agency: get("coo_agency"),
                pathway: get("pathway"),
                occupation: get("occupation"),
                sector: get("sector"),
                contract_start: get("contract_start"),
                contract_end: get("contract_end"),
                application_date: get("application_date"),
                set_aside: Default::default(),
            };
            if !strict {
                reader.read(&mut fields, row.line, &column_name, &mut unreadable);
            }
            for pr in fields.validate(&known) {
                let column = pr.field.as_deref().map(|f| if f == "mrz" { "mrz_1" } else { f });
                problems.push(Problem {
                    file: source.clone(),
                    line: Some(row.line),
                    field: column.map(|c| col(c).map_or_else(|| c.to_string(), |i| table.column_label(i))),
                    message: pr.message,
                });
            }
            cases.push(fields);
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let now = pathways_storage::now();
        let mut regs = Registers::import();
        let mut flagged = 0;
        let mut tx = self.store.write().await?;
        let mut batch = Vec::with_capacity(BATCH);
        for fields in &cases {
            let id = format!("case_{}", uuid::Uuid::now_v7().simple());
            let applied_on = super::cases::applied_on(fields, &now);
            let (checks, keys) = self
                .checks_for(&mut tx, &mut regs, &id, fields, &applied_on, None)
                .await?;
            if checks.iter().any(|k| matches!(k.result.as_str(), "fail" | "flag")) {
                flagged += 1;
            }
            let json = |what: &str, r: serde_json::Result<String>| {
                r.map_err(|e| AppError::Internal(format!("a case's {what} as JSON: {e}")))
            };
            let c = NewCase {
                id,
                economy: economy.clone(),
                state: CaseState::Received,
                fields: json("fields", serde_json::to_string(fields))?,
                checks: json("checks", serde_json::to_string(&checks))?,
                synthetic,
                created_by: p.email.clone(),
                created_at: now.clone(),
                keys,
            };
            regs.added(fields, &c.keys);
            batch.push(c);
            if batch.len() == BATCH {
                tx.insert_cases(&batch).await?;
                batch.clear();
            }
        }
        tx.insert_cases(&batch).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(
                json!({"file": file, "cases": cases.len(), "flagged": flagged, "unreadable": unreadable.total()}),
            ),
            ..audit(p, "cases.import", "economy", &economy, Some(&economy))
        })
        .await?;
        tx.commit().await?;
        regs.commit();
        Ok(CaseImport {
            cases: cases.len(),
            flagged,
            unreadable,
        })
    }
}
