//! Stakeholder maps as Kumu workbooks (`Elements`, `Connections`): exported from the map's
//! institutions and relationships, and imported back (all or nothing, every bad row named with
//! its sheet, row and column). Labels stand for institutions, qualified by economy where two
//! share a name, because Kumu merges elements with equal labels.

use std::collections::HashMap;

use pathways_domain::cells::restore;
use pathways_domain::dataset::{header, to_row};
use pathways_domain::wording::say;
use pathways_domain::{Action, Kind, Principal, Problem, Record};
use serde_json::{Value, json};

use super::exchange::{ImportReport, Outcome, may_import, write_text};
use crate::map::records::{ListFilter, at_row, audit_for};
use crate::{App, AppError, Result};

/// Kumu element columns and the institution fields they carry.
pub const KUMU_ELEMENTS: [(&str, &str); 15] = [
    ("Label", "name"),
    ("Type", "kind"),
    ("Description", "mandate"),
    ("ID", "id"),
    ("Economy", "economy"),
    ("Acronym", "acronym"),
    ("Local name", "name_local"),
    ("Stages", "stages"),
    ("Power", "power"),
    ("Interest", "interest"),
    ("Website", "website"),
    ("Source", "source"),
    ("Source date", "source_date"),
    ("Confidence", "confidence"),
    ("Looked in", "looked_in"),
];

/// Kumu connection columns and the relationship fields they carry (`From`/`To` are labels).
pub const KUMU_CONNECTIONS: [(&str, &str); 10] = [
    ("From", "from"),
    ("To", "to"),
    ("Type", "kind"),
    ("Description", "description"),
    ("ID", "id"),
    ("Economy", "economy"),
    ("Since", "since"),
    ("Source", "source"),
    ("Source date", "source_date"),
    ("Confidence", "confidence"),
];

fn cell_text(d: &pathways_sheets::Data) -> String {
    restore(&pathways_sheets::cell_text(d)).to_string()
}

/// Reads a sheet into rows of `(field, value)`, checking that the header starts as Kumu's does.
fn kumu_sheet(
    file: &str,
    sheets: &[pathways_sheets::Sheet],
    sheet: &str,
    columns: &[(&str, &str)],
    first: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<(u64, Vec<(String, String)>)> {
    let at = |line: u64, field: Option<&str>, m: String| Problem {
        file: format!("{file} [{sheet}]"),
        line: Some(line),
        field: field.map(str::to_string),
        message: m,
    };
    let Some(found) = sheets.iter().find(|s| s.name == sheet) else {
        problems.push(at(1, None, say("sheet-missing", &[("sheet", sheet)])));
        return vec![];
    };
    let first_line = found.first_row as u64 + 1;
    let mut rows = found.rows.iter();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    if !first
        .iter()
        .enumerate()
        .all(|(i, h)| header.get(i).is_some_and(|x| x.eq_ignore_ascii_case(h)))
    {
        problems.push(at(1, None, say("header-starts", &[("names", &first.join(", "))])));
        return vec![];
    }
    let mut fields = vec![];
    for h in &header {
        match columns.iter().find(|(c, _)| c.eq_ignore_ascii_case(h)) {
            Some((_, f)) => fields.push(Some(*f)),
            None if h.is_empty() => fields.push(None),
            None => {
                let known: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
                problems.push(at(
                    1,
                    Some(h),
                    say("unknown-column-some", &[("names", &known.join(", "))]),
                ));
                fields.push(None);
            }
        }
    }
    let mut out = vec![];
    for (i, r) in rows.enumerate() {
        let values: Vec<(String, String)> = r
            .iter()
            .zip(&fields)
            .filter_map(|(d, f)| f.map(|f| (f.to_string(), cell_text(d))))
            .collect();
        if values.iter().all(|(_, v)| v.is_empty()) {
            continue;
        }
        out.push((first_line + i as u64 + 1, values));
    }
    out
}

impl App {
    /// Stakeholders (institutions and relationships) as a Kumu workbook: `Elements` and
    /// `Connections`, connections referring to elements by label as Kumu expects.
    pub async fn export_kumu(&self, p: &Principal, owner: Option<&str>) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
        let f = ListFilter::of_owner(owner);
        let all = self.list(p, Kind::Institution, &ListFilter::default()).await?;
        let label_of: HashMap<String, String> = all.iter().map(|r| (r.id.clone(), kumu_label(r, &all))).collect();
        let insts = self.list(p, Kind::Institution, &f).await?;
        let rels = self.list(p, Kind::Relationship, &f).await?;
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let mut write = |name: &str, header: Vec<&str>, rows: Vec<Vec<String>>| -> Result<()> {
            let sheet = wb.add_worksheet();
            sheet.set_name(name).map_err(err)?;
            for (c, h) in header.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    write_text(sheet, r as u32 + 1, c as u16, v).map_err(err)?;
                }
            }
            Ok(())
        };
        let row_of = |r: &StoredRecordRef, cols: &[(&str, &str)], label: Option<&str>| -> Vec<String> {
            let rec = Record::from_json(r.kind, r.body.clone()).ok();
            let by_field: HashMap<&str, String> = rec
                .as_ref()
                .map(|d| header(r.kind).into_iter().zip(to_row(r.id, d)).collect())
                .unwrap_or_default();
            cols.iter()
                .map(|(_, f)| match (*f, label) {
                    ("name", Some(l)) => l.to_string(),
                    ("from" | "to", _) => by_field
                        .get(f)
                        .map(|id| label_of.get(id).cloned().unwrap_or_else(|| id.clone()))
                        .unwrap_or_default(),
                    _ => by_field.get(f).cloned().unwrap_or_default(),
                })
                .collect()
        };
        let elements = insts
            .iter()
            .map(|r| {
                row_of(
                    &StoredRecordRef {
                        id: &r.id,
                        kind: Kind::Institution,
                        body: &r.body,
                    },
                    &KUMU_ELEMENTS,
                    label_of.get(&r.id).map(String::as_str),
                )
            })
            .collect();
        write("Elements", KUMU_ELEMENTS.iter().map(|(c, _)| *c).collect(), elements)?;
        let connections = rels
            .iter()
            .map(|r| {
                row_of(
                    &StoredRecordRef {
                        id: &r.id,
                        kind: Kind::Relationship,
                        body: &r.body,
                    },
                    &KUMU_CONNECTIONS,
                    None,
                )
            })
            .collect();
        write(
            "Connections",
            KUMU_CONNECTIONS.iter().map(|(c, _)| *c).collect(),
            connections,
        )?;
        wb.save_to_buffer().map_err(err)
    }

    /// Imports a Kumu workbook: elements become institutions (matched by `ID` when given),
    /// connections become relationships, their `From`/`To` labels resolved against the file's
    /// elements and then the stored institutions. All or nothing.
    pub async fn import_kumu(&self, p: &Principal, file: &str, bytes: &[u8]) -> Result<ImportReport> {
        may_import(p)?;
        let mut problems = vec![];
        let wanted = |name: &str| name == "Elements" || name == "Connections";
        let sheets = pathways_sheets::read(bytes, wanted, &pathways_sheets::Limits::UPLOAD)
            .map_err(|e| AppError::file(file, e))?;
        let elements = kumu_sheet(file, &sheets, "Elements", &KUMU_ELEMENTS, &["Label"], &mut problems);
        let connections = kumu_sheet(
            file,
            &sheets,
            "Connections",
            &KUMU_CONNECTIONS,
            &["From", "To"],
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let stored = self.list(p, Kind::Institution, &ListFilter::default()).await?;
        let mut by_label: HashMap<String, String> = HashMap::new();
        for r in &stored {
            by_label.insert(kumu_label(r, &stored), r.id.clone());
        }
        let mut tx = self.store.write().await?;
        let mut report = ImportReport::default();
        let sheet_file = |s: &str| format!("{file} [{s}]");
        for (line, mut values) in elements {
            let label = values
                .iter()
                .find(|(f, _)| f == "name")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let id = settle_id(&mut values, by_label.get(&label).cloned());
            match self
                .upsert_in(
                    &mut tx,
                    p,
                    Kind::Institution,
                    &id,
                    &values,
                    &format!("import {file}:{line}"),
                )
                .await
            {
                Ok(outcome) => {
                    report.count(outcome);
                    by_label.insert(label, id);
                }
                Err(e) => problems.extend(at_row(&sheet_file("Elements"), line, e)),
            }
        }
        for (line, mut values) in connections {
            for (f, v) in values.iter_mut() {
                if f == "from" || f == "to" {
                    match by_label.get(v.as_str()) {
                        Some(id) => *v = id.clone(),
                        None => problems.push(Problem {
                            file: sheet_file("Connections"),
                            line: Some(line),
                            field: Some(if f == "from" { "From".into() } else { "To".into() }),
                            message: say("no-element-labelled", &[("value", v)]),
                        }),
                    }
                }
            }
            let id = settle_id(&mut values, None);
            match self
                .upsert_in(
                    &mut tx,
                    p,
                    Kind::Relationship,
                    &id,
                    &values,
                    &format!("import {file}:{line}"),
                )
                .await
            {
                Ok(outcome) => report.count(outcome),
                Err(e) => problems.extend(at_row(&sheet_file("Connections"), line, e)),
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        tx.commit().await?;
        Ok(report)
    }

    /// Creates the record, or updates it if it exists; reports which.
    async fn upsert_in(
        &self,
        tx: &mut pathways_storage::Tx,
        p: &Principal,
        kind: Kind,
        id: &str,
        values: &[(String, String)],
        note: &str,
    ) -> Result<Outcome> {
        let record = pathways_domain::dataset::from_fields(kind, values).map_err(AppError::Invalid)?;
        match tx.record(id).await? {
            Some(old) if old.deleted_at.is_none() => {
                if old.kind != kind.as_str() {
                    return Err(AppError::invalid(
                        "ID",
                        say("id-of-other-kind", &[("id", id), ("kind", &old.kind)]),
                    ));
                }
                if !p.may(Action::Write, old.owner.as_deref()) || !p.may(Action::Write, record.owner()) {
                    return Err(AppError::Forbidden(say(
                        "refuse-change-data",
                        &[("economy", &old.owner.unwrap_or_default())],
                    )));
                }
                self.validate(tx, &record).await?;
                let body = record.to_json();
                if body == old.body {
                    return Ok(Outcome::Unchanged);
                }
                let key = record.natural_key();
                tx.update_record(id, old.version, record.owner(), key.as_deref(), &body)
                    .await?;
                let mut a = audit_for(p, "update", &old);
                a.version = Some(old.version + 1);
                a.before = Some(old.body.clone());
                a.after = Some(body);
                a.note = Some(note.to_string());
                tx.append_audit(&a).await?;
                Ok(Outcome::Updated)
            }
            Some(_) => Err(AppError::invalid("ID", say("id-of-deleted", &[("id", id)]))),
            None => {
                let mut body = record.to_json();
                body["id"] = json!(id);
                self.create_in(tx, p, kind, body, "import").await?;
                Ok(Outcome::Created)
            }
        }
    }
}

/// The id a row is imported under: its `ID` cell, else `known`, else a new one; written back
/// into the row's fields.
fn settle_id(values: &mut Vec<(String, String)>, known: Option<String>) -> String {
    let given = values
        .iter()
        .find(|(f, _)| f == "id")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty());
    let id = given.or(known).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    values.retain(|(f, _)| f != "id");
    values.push(("id".into(), id.clone()));
    id
}

struct StoredRecordRef<'a> {
    id: &'a str,
    kind: Kind,
    body: &'a Value,
}

/// The label of an institution in a Kumu map: its name, qualified by its economy when another
/// institution has the same name (Kumu merges elements with equal labels).
fn kumu_label(r: &crate::StoredRecord, all: &[crate::StoredRecord]) -> String {
    let name = r.body["name"].as_str().unwrap_or_default();
    let dup = all.iter().filter(|o| o.body["name"].as_str() == Some(name)).count() > 1;
    if dup {
        format!("{name} ({})", r.owner.clone().unwrap_or_default())
    } else {
        name.to_string()
    }
}
