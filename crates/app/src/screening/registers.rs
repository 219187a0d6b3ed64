//! Loading the registers cases are checked against, from the CSV or workbook an authority
//! publishes: an economy's employers and licensed local agencies (by its case officers), a
//! Country of Origin's licensed agencies (by its liaisons, or by any economy's case officers who
//! downloaded the list). A file is read whole or refused whole, every bad row named by line and
//! column; a loaded register replaces the previous one, and the open cases it bears on are
//! checked again in the same transaction.

use pathways_domain::register::{RegisterKind, TableIn, key, read_agencies, read_employers};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Role};
use pathways_storage::{OpenBy, RegisterImport, StoredAgency, StoredEmployer};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::map::records::audit;
use crate::{App, AppError, Result};

/// What a register import did.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterReport {
    pub import: RegisterImport,
    /// Open cases whose checks ran again.
    pub rechecked: usize,
}

enum Rows {
    Employers(Vec<StoredEmployer>),
    Agencies(Vec<StoredAgency>),
}

/// Whether `p` may load register `kind` of `scope` (an economy, or a Country of Origin). Asked
/// before the file is read.
pub fn may_load(p: &Principal, kind: RegisterKind, scope: &str) -> Result<()> {
    let allowed = match kind {
        RegisterKind::Employers | RegisterKind::LocalAgencies => p.may(Action::Screen, Some(scope)),
        // A Country of Origin's list is public and checked by every economy: its liaisons load
        // it, and so may the officers of any economy who downloaded it.
        RegisterKind::CooAgencies => {
            p.may(Action::Verify, Some(scope))
                || (p.role == Role::CaseOfficer && p.may(Action::Screen, p.economy.as_deref()))
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(match kind {
            RegisterKind::CooAgencies => say("refuse-agency-list", &[]),
            _ => say("refuse-load-registers", &[("scope", scope)]),
        }))
    }
}

impl App {
    /// Reads `bytes` (CSV, or the first sheet of a workbook) as register `kind` of `scope` and
    /// replaces that register with it.
    pub async fn load_register(
        &self,
        p: &Principal,
        kind: RegisterKind,
        scope: &str,
        file: &str,
        bytes: &[u8],
        synthetic: bool,
    ) -> Result<RegisterReport> {
        let scope = scope.trim().to_ascii_uppercase();
        may_load(p, kind, &scope)?;
        let known = match kind {
            RegisterKind::CooAgencies => self.vocab().countries.iter().any(|c| c.code == scope),
            _ => self.vocab().is_economy(&scope),
        };
        if !known {
            return Err(AppError::invalid(
                "scope",
                say(
                    match kind {
                        RegisterKind::CooAgencies => "not-country-code",
                        _ => "not-economy-code",
                    },
                    &[("code", &scope)],
                ),
            ));
        }
        let table = pathways_sheets::read_table(bytes, None, &pathways_sheets::Limits::UPLOAD)
            .map_err(|e| AppError::file(file, e))?;
        let source = match &table.sheet {
            Some(sheet) => format!("{file}, sheet {sheet}"),
            None => file.to_string(),
        };
        let label = |i: usize| table.column_label(i);
        let input = TableIn {
            source: &source,
            header: &table.header,
            rows: table.rows.iter().map(|r| (r.line, r.cells.as_slice())).collect(),
            column_label: &label,
        };
        let import = RegisterImport {
            id: format!("reg_{}", uuid::Uuid::new_v4().simple()),
            kind,
            scope: scope.clone(),
            file: file.to_string(),
            sha256: hex::encode(Sha256::digest(bytes)),
            rows: table.rows.len() as i64,
            synthetic,
            imported_by: p.email.clone(),
            imported_at: pathways_storage::now(),
        };
        // Read whole before the database is touched: a bad row refuses the file.
        let rows = match kind {
            RegisterKind::Employers => Rows::Employers(
                read_employers(&input)
                    .map_err(AppError::Invalid)?
                    .into_iter()
                    .map(|e| StoredEmployer {
                        economy: scope.clone(),
                        key: key(&e.id),
                        name_key: key(&e.name),
                        id: e.id,
                        name: e.name,
                        status: e.status,
                        employees: e.employees.map(i64::from),
                        sector: e.sector,
                    })
                    .collect(),
            ),
            RegisterKind::LocalAgencies | RegisterKind::CooAgencies => Rows::Agencies(
                read_agencies(&input)
                    .map_err(AppError::Invalid)?
                    .into_iter()
                    .map(|a| StoredAgency {
                        kind,
                        scope: scope.clone(),
                        key: key(&a.licence),
                        name_key: key(&a.name),
                        licence: a.licence,
                        name: a.name,
                        status: a.status,
                        valid_from: a.valid_from,
                        valid_to: a.valid_to,
                    })
                    .collect(),
            ),
        };
        drop(input);
        let mut tx = self.store.write().await?;
        match &rows {
            Rows::Employers(r) => tx.replace_employers(&import, r).await?,
            Rows::Agencies(r) => tx.replace_agencies(&import, r).await?,
        }
        // The open cases this register bears on are checked against it now, not when next opened.
        let by = match kind {
            RegisterKind::CooAgencies => OpenBy::Nationality,
            _ => OpenBy::Economy,
        };
        let rechecked = self.recheck_open(&mut tx, by, &scope).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(
                json!({"kind": kind.as_str(), "scope": scope, "file": file, "rows": import.rows,
                               "sha256": import.sha256, "rechecked": rechecked}),
            ),
            ..audit(p, "register.load", "register", &import.id, Some(&scope))
        })
        .await?;
        tx.commit().await?;
        Ok(RegisterReport { import, rechecked })
    }

    /// The imports of registers a user works with: an officer's economy's and every Country of
    /// Origin's; a liaison's country's.
    pub async fn register_imports(&self, p: &Principal) -> Result<Vec<RegisterImport>> {
        let all = self.store.read().await?.register_imports().await?;
        Ok(all
            .into_iter()
            .filter(|i| match i.kind {
                RegisterKind::CooAgencies => may_load(p, i.kind, &i.scope).is_ok(),
                _ => p.may(Action::Screen, Some(&i.scope)),
            })
            .collect())
    }
}
