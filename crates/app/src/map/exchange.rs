//! Imports and exports in the formats users already have: SDMX-CSV for statistics, the data-file
//! CSV layout and XLSX for every entity, Kumu element/connection workbooks for stakeholder maps.
//!
//! Every import runs in one transaction and checks every row before committing: a single bad row
//! means nothing is written, and every bad row is reported with its row and column.

use std::collections::HashMap;

use pathways_domain::cells::{is_formula_like, neutralise_row, restore};
use pathways_domain::dataset::{header, to_row};
use pathways_domain::wording::say;
use pathways_domain::{Action, Kind, Principal, Problem, Record};
use pathways_storage::RecordQuery;
use serde_json::{Value, json};

use crate::map::records::{ListFilter, at_row, audit_for};
use crate::{App, AppError, Result};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// The SDMX-CSV columns the observation importer reads; the first four and SOURCE are required.
pub const SDMX_COLUMNS: [&str; 15] = [
    "DATAFLOW",
    "INDICATOR",
    "REF_AREA",
    "TIME_PERIOD",
    "CITIZENSHIP",
    "SECTOR",
    "SEX",
    "PATHWAY",
    "OBS_VALUE",
    "OBS_FLAG",
    "SOURCE",
    "SOURCE_DATE",
    "CONFIDENCE",
    "NOTE",
    "ID",
];
const SDMX_REQUIRED: [&str; 5] = ["INDICATOR", "REF_AREA", "TIME_PERIOD", "OBS_VALUE", "SOURCE"];

/// Writes a text cell of an exported workbook. Text a spreadsheet would evaluate keeps its value
/// and carries the quote-prefix flag, so it stays text even when someone edits the cell.
pub(crate) fn write_text(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    text: &str,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    if is_formula_like(text) {
        ws.write_string_with_format(row, col, text, &rust_xlsxwriter::Format::new().set_quote_prefix())?;
    } else {
        ws.write_string(row, col, text)?;
    }
    Ok(())
}

/// Whether `p` may import into at least one economy (each row is checked again against its
/// owner). Asked before a byte of the file is parsed — by the web edge before it even reads the
/// upload — so that a caller who may not import cannot make the server read a hostile file.
pub fn may_import(p: &Principal) -> Result<()> {
    if p.may(Action::Import, p.economy.as_deref()) {
        Ok(())
    } else {
        Err(AppError::Forbidden(say("refuse-import-data", &[])))
    }
}

fn problem(file: &str, line: u64, field: Option<&str>, message: impl Into<String>) -> Problem {
    Problem {
        file: file.into(),
        line: Some(line),
        field: field.map(str::to_string),
        message: message.into(),
    }
}

fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

impl App {
    /// Imports observations from SDMX-CSV. Rows whose key (indicator, area, period, breakdown)
    /// exists are updated, others created; a key twice in the file is an error.
    pub async fn import_observations(&self, p: &Principal, file: &str, bytes: &[u8]) -> Result<ImportReport> {
        may_import(p)?;
        let limits = pathways_sheets::Limits::UPLOAD;
        let refused = |e: pathways_sheets::SheetError| AppError::file(file, e);
        let mut budget = pathways_sheets::CsvBudget::new(bytes, &limits).map_err(refused)?;
        let mut problems = vec![];
        let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
        let headers = rdr
            .headers()
            .map_err(|e| {
                AppError::Invalid(vec![problem(
                    file,
                    1,
                    None,
                    say("cannot-read-header", &[("why", &e.to_string())]),
                )])
            })?
            .clone();
        budget.record(1, headers.len()).map_err(refused)?;
        let mut cols: HashMap<String, usize> = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{feff}').to_ascii_uppercase();
            if !SDMX_COLUMNS.contains(&h.as_str()) {
                problems.push(problem(
                    file,
                    1,
                    Some(&h),
                    say("unknown-column", &[("names", &SDMX_COLUMNS.join(","))]),
                ));
            }
            cols.insert(h, i);
        }
        for c in SDMX_REQUIRED {
            if !cols.contains_key(c) {
                problems.push(problem(file, 1, Some(c), say("missing-column", &[])));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let mut tx = self.store.write().await?;
        let mut report = ImportReport::default();
        let mut seen: HashMap<String, u64> = HashMap::new();
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    problems.push(problem(
                        file,
                        line,
                        None,
                        say("malformed-csv", &[("why", &e.to_string())]),
                    ));
                    continue;
                }
            };
            let line = rec.position().map(|p| p.line()).unwrap_or(0);
            budget.record(line, rec.len()).map_err(refused)?;
            let get = |c: &str| {
                cols.get(c)
                    .and_then(|i| rec.get(*i))
                    .map(|v| restore(v.trim()))
                    .filter(|s| !s.is_empty())
            };
            let value = match get("OBS_VALUE") {
                None => {
                    problems.push(problem(file, line, Some("OBS_VALUE"), say("required", &[])));
                    continue;
                }
                Some(v) => match v.parse::<f64>() {
                    Ok(x) if x.is_finite() => x,
                    _ => {
                        problems.push(problem(
                            file,
                            line,
                            Some("OBS_VALUE"),
                            say("not-obs-value", &[("value", v)]),
                        ));
                        continue;
                    }
                },
            };
            let confidence = get("CONFIDENCE").unwrap_or("medium").to_ascii_lowercase();
            let mut body = json!({
                "economy": get("REF_AREA").unwrap_or_default(),
                "indicator": get("INDICATOR").unwrap_or_default(),
                "period": get("TIME_PERIOD").unwrap_or_default(),
                "citizenship": get("CITIZENSHIP").unwrap_or(pathways_domain::entity::TOTAL),
                "sector": get("SECTOR").unwrap_or(pathways_domain::entity::TOTAL),
                "sex": get("SEX").unwrap_or(pathways_domain::entity::TOTAL),
                "pathway": get("PATHWAY").unwrap_or(pathways_domain::entity::TOTAL),
                "value": value,
                "provenance": {
                    "source": get("SOURCE").unwrap_or_default(),
                    "date": get("SOURCE_DATE").map(str::to_string).unwrap_or_else(today),
                    "confidence": confidence,
                },
            });
            if let Some(f) = get("OBS_FLAG") {
                body["flag"] = json!(f);
            }
            if let Some(n) = get("NOTE") {
                body["note"] = json!(n);
            }
            let record = match Record::from_json(Kind::Observation, body.clone()) {
                Ok(r) => r,
                Err(e) => {
                    let column = match e.field.as_deref() {
                        Some("confidence") => Some("CONFIDENCE"),
                        _ => None,
                    };
                    problems.push(problem(file, line, column, e.message));
                    continue;
                }
            };
            let Some(key) = record.natural_key() else { continue };
            if let Some(first) = seen.insert(key.clone(), line) {
                problems.push(problem(
                    file,
                    line,
                    None,
                    say("duplicate-observation", &[("line", &first.to_string())]),
                ));
                continue;
            }
            if !p.may(Action::Write, record.owner()) {
                problems.push(problem(
                    file,
                    line,
                    Some("REF_AREA"),
                    say("refuse-change-data", &[("economy", record.owner().unwrap_or("?"))]),
                ));
                continue;
            }
            let existing = tx
                .records(&RecordQuery {
                    kind: Kind::Observation.as_str().into(),
                    owner: record.owner().map(str::to_string),
                    fields: vec![
                        (
                            "indicator".into(),
                            body["indicator"].as_str().unwrap_or_default().into(),
                        ),
                        ("period".into(), body["period"].as_str().unwrap_or_default().into()),
                    ],
                    ..Default::default()
                })
                .await?
                .into_iter()
                .find(|r| {
                    Record::from_json(Kind::Observation, r.body.clone())
                        .ok()
                        .and_then(|x| x.natural_key())
                        .as_deref()
                        == Some(key.as_str())
                });
            match existing {
                None => match self.create_in(&mut tx, p, Kind::Observation, body, "import").await {
                    Ok(_) => report.created += 1,
                    Err(e) => problems.extend(sdmx_columns(at_row(file, line, e))),
                },
                Some(old) => {
                    if let Err(e) = self.validate(&mut tx, &record).await {
                        problems.extend(sdmx_columns(at_row(file, line, e)));
                        continue;
                    }
                    let new_body = record.to_json();
                    if new_body == old.body {
                        report.unchanged += 1;
                        continue;
                    }
                    tx.update_record(&old.id, old.version, record.owner(), Some(&key), &new_body)
                        .await?;
                    let mut a = audit_for(p, "update", &old);
                    a.version = Some(old.version + 1);
                    a.before = Some(old.body.clone());
                    a.after = Some(new_body);
                    a.note = Some(format!("import {file}:{line}"));
                    tx.append_audit(&a).await?;
                    report.updated += 1;
                }
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        tx.append_audit(&pathways_storage::NewAudit {
            actor_id: Some(p.user_id.clone()),
            actor_email: p.email.clone(),
            action: "import".into(),
            entity_kind: Some("observation".into()),
            note: Some(format!(
                "{file}: {} created, {} updated, {} unchanged",
                report.created, report.updated, report.unchanged
            )),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Records of a kind as CSV in the layout of the data files (so an export can be read back).
    pub async fn export_csv(&self, p: &Principal, kind: Kind, f: &ListFilter) -> Result<Vec<u8>> {
        let rows = self.export_rows(p, kind, f).await?;
        let mut w = csv::Writer::from_writer(vec![]);
        w.write_record(header(kind))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        for r in rows {
            w.write_record(neutralise_row(&r))
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
    }

    async fn export_rows(&self, p: &Principal, kind: Kind, f: &ListFilter) -> Result<Vec<Vec<String>>> {
        let mut out = vec![];
        for r in self.list(p, kind, f).await? {
            let rec = Record::from_json(kind, r.body.clone()).map_err(|e| AppError::Internal(e.to_string()))?;
            out.push(to_row(&r.id, &rec));
        }
        Ok(out)
    }

    /// Observations as SDMX-CSV (the importer's columns), e.g. for Eurostat-minded users.
    pub async fn export_observations_sdmx(&self, p: &Principal, f: &ListFilter) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(vec![]);
        let err = |e: csv::Error| AppError::Internal(e.to_string());
        w.write_record(SDMX_COLUMNS).map_err(err)?;
        for r in self.list(p, Kind::Observation, f).await? {
            let b = &r.body;
            let s = |k: &str| b.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            let pv = |k: &str| {
                b["provenance"]
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let value = b
                .get("value")
                .and_then(Value::as_f64)
                .map(|v| v.to_string())
                .unwrap_or_default();
            w.write_record(neutralise_row(&[
                "PATHWAYS:OBSERVATIONS(1.0)".to_string(),
                s("indicator"),
                s("economy"),
                s("period"),
                s("citizenship"),
                s("sector"),
                s("sex"),
                b.get("pathway")
                    .and_then(Value::as_str)
                    .unwrap_or(pathways_domain::entity::TOTAL)
                    .to_string(),
                value,
                s("flag"),
                pv("source"),
                pv("date"),
                pv("confidence"),
                s("note"),
                r.id.clone(),
            ]))
            .map_err(err)?;
        }
        w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
    }

    /// A workbook with one sheet per kind, in the data-file layout.
    pub async fn export_xlsx(&self, p: &Principal, kinds: &[Kind], f: &ListFilter) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        for kind in kinds {
            let rows = self.export_rows(p, *kind, f).await?;
            let sheet = wb.add_worksheet();
            sheet.set_name(kind.plural()).map_err(err)?;
            for (c, h) in header(*kind).iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    // Numbers stay numbers so that spreadsheets can sum and chart them.
                    match v.parse::<f64>() {
                        Ok(n)
                            if header(*kind)[c] == "value"
                                || header(*kind)[c] == "power"
                                || header(*kind)[c] == "interest" =>
                        {
                            sheet.write_number(r as u32 + 1, c as u16, n).map_err(err)?;
                        }
                        _ => write_text(sheet, r as u32 + 1, c as u16, v).map_err(err)?,
                    }
                }
            }
            sheet.set_freeze_panes(1, 0).map_err(err)?;
            sheet
                .autofilter(0, 0, rows.len() as u32, header(*kind).len() as u16 - 1)
                .map_err(err)?;
        }
        wb.save_to_buffer().map_err(err)
    }
}

/// Renames body fields to the SDMX column a user sees in the file.
fn sdmx_columns(mut ps: Vec<Problem>) -> Vec<Problem> {
    for p in &mut ps {
        p.field = p.field.take().map(|f| {
            match f.as_str() {
                "economy" => "REF_AREA",
                "indicator" => "INDICATOR",
                "period" => "TIME_PERIOD",
                "citizenship" => "CITIZENSHIP",
                "sector" => "SECTOR",
                "sex" => "SEX",
                "pathway" => "PATHWAY",
                "value" => "OBS_VALUE",
                "flag" => "OBS_FLAG",
                "source" => "SOURCE",
                "source_date" => "SOURCE_DATE",
                other => return other.to_string(),
            }
            .to_string()
        });
    }
    ps
}

pub(super) enum Outcome {
    Created,
    Updated,
    Unchanged,
}

impl ImportReport {
    pub(super) fn count(&mut self, o: Outcome) {
        match o {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}
