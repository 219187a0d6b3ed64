//! Person registers an economy adds to its person index beside its cases: earlier work permits,
//! entries and exits, absconding reports. A register is read whole (CSV or workbook), every value
//! that cannot be read counted per column with its first lines (and kept as written), never
//! refused unless the officer asks for a strict import; then stored in one transaction, put in
//! the index, and matched against the economy's cases: a case that may be the same person as a
//! new record gets a suggested link for review, and its identity check is run again.

use pathways_domain::Principal;
use pathways_domain::Problem;
use pathways_domain::checks::DEFAULT_REVIEW;
use pathways_domain::identity::PersonRecordKind;
use pathways_domain::wording::say;
pub use pathways_linkage::quality::Unreadable;
use pathways_storage::{IndexRow, PersonImport, PersonRecord, Tx};
use serde::Serialize;
use serde_json::json;

use super::identity::{row, suggested};
use crate::map::records::audit;
use crate::{App, AppError, Result};

/// The columns a person register may have; the others are left aside (and said so).
pub const PERSON_COLUMNS: [&str; 9] = [
    "given_name",
    "surname",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "passport_number",
    "event_date",
    "event",
];

/// Other names registers give the same columns.
const ALIASES: [(&str, &str); 10] = [
    ("first_name", "given_name"),
    ("last_name", "surname"),
    ("family_name", "surname"),
    ("name", "full_name"),
    ("birth_date", "date_of_birth"),
    ("dob", "date_of_birth"),
    ("passport", "passport_number"),
    ("document_number", "passport_number"),
    ("date", "event_date"),
    ("citizenship", "nationality"),
];

/// What an import of a person register did.
#[derive(Debug, Clone, Serialize)]
pub struct PersonImportReport {
    pub id: String,
    pub kind: PersonRecordKind,
    pub rows: usize,
    /// Links suggested between the new records and the economy's cases.
    pub suggested: usize,
    /// The cases whose identity check was run again.
    pub rechecked: usize,
    /// Columns of the file that are none of [`PERSON_COLUMNS`] (left aside).
    pub ignored_columns: Vec<String>,
    pub unreadable: Unreadable,
}

fn canonical(header: &str) -> String {
    let h = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_");
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == h)
        .map_or(h, |(_, c)| c.to_string())
}

/// The review threshold of an economy: its `earlier_cases` rule's (a case without a pathway).
pub(crate) async fn review_threshold(app: &App, tx: &mut Tx, economy: &str) -> Result<f64> {
    let rules = super::checks::in_force(tx, app).await?;
    Ok(rules.review_threshold(economy, "").unwrap_or(DEFAULT_REVIEW))
}

impl App {
    /// Imports a person register into the officer's economy (see the module's doc). With
    /// `strict`, a value that cannot be read refuses the file, each named by line and column.
    pub async fn import_person_register(
        &self,
        p: &Principal,
        kind: PersonRecordKind,
        file: &str,
        bytes: &[u8],
        strict: bool,
    ) -> Result<PersonImportReport> {
        let economy = super::identity::officer_economy(p)?;
        let table = pathways_sheets::read_table(bytes, None, &pathways_sheets::Limits::UPLOAD)
            .map_err(|e| AppError::file(file, e))?;
        let source = match &table.sheet {
            Some(sheet) => format!("{file}, sheet {sheet}"),
            None => file.to_string(),
        };
        let names: Vec<String> = table.header.iter().map(|h| canonical(h)).collect();
        let col = |c: &str| names.iter().position(|n| n == c);
        let ignored_columns: Vec<String> = table
            .header
            .iter()
            .zip(&names)
            .filter(|(h, n)| !h.trim().is_empty() && !PERSON_COLUMNS.contains(&n.as_str()))
            .map(|(h, _)| h.clone())
            .collect();
        // Structural: without a name, a birth date and a document nobody can be found.
        let has_name = col("full_name").is_some() || (col("given_name").is_some() && col("surname").is_some());
        let mut missing = vec![];
        if !has_name {
            missing.push("full_name (or given_name and surname)");
        }
        for c in ["date_of_birth", "passport_number"] {
            if col(c).is_none() {
                missing.push(c);
            }
        }
        if !missing.is_empty() {
            return Err(AppError::Invalid(vec![Problem {
                file: source,
                line: Some(1),
                field: None,
                message: say(
                    if missing.len() == 1 {
                        "missing-column-read"
                    } else {
                        "missing-columns-read"
                    },
                    &[("columns", &missing.join(", ")), ("names", &PERSON_COLUMNS.join(", "))],
                ),
            }]));
        }
        let import_id = format!("pimp_{}", uuid::Uuid::now_v7().simple());
        let records: Vec<PersonRecord> = table
            .rows
            .iter()
            .map(|r| {
                let get = |c: &str| r.get(col(c)).trim().to_string();
                PersonRecord {
                    id: format!("prec_{}", uuid::Uuid::now_v7().simple()),
                    import_id: import_id.clone(),
                    economy: economy.clone(),
                    kind,
                    line: i64::try_from(r.line).unwrap_or(i64::MAX),
                    given_name: get("given_name"),
                    surname: get("surname"),
                    full_name: get("full_name"),
                    date_of_birth: get("date_of_birth"),
                    sex: get("sex").to_ascii_uppercase(),
                    nationality: get("nationality").to_ascii_uppercase(),
                    passport_number: get("passport_number"),
                    event_date: get("event_date"),
                    event: get("event"),
                }
            })
            .collect();
        let mut tx = self.store.write().await?;
        let threshold = review_threshold(self, &mut tx, &economy).await?;
        let mut held = self.hold_persons(&mut tx, &economy).await?;
        // The new records join the index at once (taken out again if nothing commits, a strict
        // refusal included); reading them is also what finds their unreadable values.
        let identities: Vec<(u64, IndexRow)> = records.iter().map(|r| (r.line as u64, r.identity())).collect();
        let mut unreadable = held.add_new(&identities)?;
        for r in &records {
            if !r.event_date.is_empty() && !pathways_domain::date::is_date(&r.event_date) {
                unreadable.note(
                    "event_date",
                    r.line as u64,
                    &r.event_date,
                    ("is not a date (YYYY-MM-DD)".into(), "kept as written".into()),
                );
            }
        }
        unreadable.order_by(&PERSON_COLUMNS);
        // Columns are named as the file names them (`passport`, not `passport_number`).
        for c in &mut unreadable.columns {
            if let Some(i) = col(&c.column) {
                c.column = table.column_label(i);
            }
        }
        if strict && !unreadable.is_empty() {
            return Err(AppError::Invalid(
                unreadable
                    .columns
                    .iter()
                    .flat_map(|c| {
                        c.examples.iter().map(|e| Problem {
                            file: source.clone(),
                            line: Some(e.line),
                            field: Some(c.column.clone()),
                            message: format!("`{}` {}", e.value, e.why),
                        })
                    })
                    .collect(),
            ));
        }
        tx.insert_person_import(&PersonImport {
            id: import_id.clone(),
            economy: economy.clone(),
            kind,
            file: file.to_string(),
            rows: records.len() as i64,
            unreadable: serde_json::to_string(&unreadable).map_err(|e| AppError::Internal(e.to_string()))?,
            imported_by: p.email.clone(),
            imported_at: pathways_storage::now(),
        })
        .await?;
        tx.insert_person_records(&records).await?;
        // Each new record joins the index and is matched against it: a case it may be is
        // suggested for review.
        let mut links = vec![];
        let mut cases: Vec<String> = vec![];
        let now = pathways_storage::now();
        let e = held.economy()?;
        for (r, (_, me)) in records.iter().zip(&identities) {
            let found = e
                .index
                .query(&row(e.index.config(), me), &e.params, threshold, 20, &|_| false)
                .map_err(|err| AppError::Internal(format!("person index: {err}")))?;
            for hit in found.hits.iter().filter(|h| h.id.starts_with("case_")) {
                if !cases.contains(&hit.id) {
                    cases.push(hit.id.clone());
                }
                links.push(suggested(&economy, &r.id, hit, e.version, &now));
            }
        }
        tx.upsert_links(&links).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"kind": kind.as_str(), "file": file, "rows": records.len(),
                "suggested": links.len(), "unreadable": unreadable.total()})),
            ..audit(p, "persons.import", "economy", &economy, Some(&economy))
        })
        .await?;
        tx.commit().await?;
        held.commit();
        drop(held);
        // The cases a new record may be are checked again, so that their identity check says it.
        let mut tx = self.store.write().await?;
        self.recheck_cases(&mut tx, &cases).await?;
        tx.commit().await?;
        Ok(PersonImportReport {
            id: import_id,
            kind,
            rows: records.len(),
            suggested: links.len(),
            rechecked: cases.len(),
            ignored_columns,
            unreadable,
        })
    }

    /// An officer's economy's person registers as imported, the newest first.
    pub async fn person_imports(&self, p: &Principal) -> Result<Vec<PersonImport>> {
        let economy = super::identity::officer_economy(p)?;
        Ok(self.store.read().await?.person_imports(&economy).await?)
    }
}
