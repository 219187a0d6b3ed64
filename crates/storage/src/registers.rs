//! Rows of the registers cases are checked against: an economy's employers, the licensed agencies
//! of an economy (`local_agencies`) or of a Country of Origin (`coo_agencies`), and each import of
//! one. An import replaces the register of its kind and scope whole, inside the caller's
//! transaction, so that a register is never half old and half new.

use pathways_domain::register::{EmployerStatus, RegisterKind};
use pathways_domain::screening::LicenceStatus;
use serde::Serialize;

use crate::{Result, Tx};

/// The columns of an employer and of an agency (the import they came with is not part of them).
const EMPLOYER: &str = "economy, key, id, name, name_key, status, employees, sector";
const AGENCY: &str = "kind, scope, key, licence, name, name_key, status, valid_from, valid_to";

/// One import of a register.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RegisterImport {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub kind: RegisterKind,
    /// The economy, or the Country of Origin (ISO 3166-1 alpha-2).
    pub scope: String,
    pub file: String,
    pub sha256: String,
    pub rows: i64,
    #[sqlx(try_from = "crate::columns::Flag")]
    pub synthetic: bool,
    pub imported_by: String,
    pub imported_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct StoredEmployer {
    pub economy: String,
    /// The registration number as a key.
    pub key: String,
    pub id: String,
    pub name: String,
    pub name_key: String,
    #[sqlx(try_from = "String")]
    pub status: EmployerStatus,
    pub employees: Option<i64>,
    pub sector: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct StoredAgency {
    #[sqlx(try_from = "String")]
    pub kind: RegisterKind,
    pub scope: String,
    /// The licence number as a key.
    pub key: String,
    pub licence: String,
    pub name: String,
    pub name_key: String,
    #[sqlx(try_from = "String")]
    pub status: LicenceStatus,
    pub valid_from: String,
    pub valid_to: String,
}

impl Tx {
    /// Records an import and replaces the employers of its economy with `rows`.
    pub async fn replace_employers(&mut self, import: &RegisterImport, rows: &[StoredEmployer]) -> Result<()> {
        self.insert_import(import).await?;
        sqlx::query("DELETE FROM employers WHERE economy = $1")
            .bind(&import.scope)
            .execute(&mut *self.tx)
            .await?;
        for e in rows {
            sqlx::query(
                "INSERT INTO employers (economy, key, id, name, name_key, status, employees, sector, import_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&import.scope)
            .bind(&e.key)
            .bind(&e.id)
            .bind(&e.name)
            .bind(&e.name_key)
            .bind(e.status.as_str())
            .bind(e.employees)
            .bind(&e.sector)
            .bind(&import.id)
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    /// Records an import and replaces the agencies of its kind and scope with `rows`.
    pub async fn replace_agencies(&mut self, import: &RegisterImport, rows: &[StoredAgency]) -> Result<()> {
        self.insert_import(import).await?;
        sqlx::query("DELETE FROM agencies WHERE kind = $1 AND scope = $2")
            .bind(import.kind.as_str())
            .bind(&import.scope)
            .execute(&mut *self.tx)
            .await?;
        for a in rows {
            sqlx::query(
                "INSERT INTO agencies (kind, scope, key, licence, name, name_key, status, valid_from, valid_to, import_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(import.kind.as_str())
            .bind(&import.scope)
            .bind(&a.key)
            .bind(&a.licence)
            .bind(&a.name)
            .bind(&a.name_key)
            .bind(a.status.as_str())
            .bind(&a.valid_from)
            .bind(&a.valid_to)
            .bind(&import.id)
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    async fn insert_import(&mut self, i: &RegisterImport) -> Result<()> {
        sqlx::query(
            "INSERT INTO register_imports (id, kind, scope, file, sha256, rows, synthetic, imported_by, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&i.id)
        .bind(i.kind.as_str())
        .bind(&i.scope)
        .bind(&i.file)
        .bind(&i.sha256)
        .bind(i.rows)
        .bind(i64::from(i.synthetic))
        .bind(&i.imported_by)
        .bind(&i.imported_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The latest import of a register, if it was ever loaded.
    pub async fn last_import(&mut self, kind: RegisterKind, scope: &str) -> Result<Option<RegisterImport>> {
        let latest = self
            .all(
                &format!(
                    "SELECT * FROM register_imports WHERE kind = $1 AND scope = $2 ORDER BY imported_at DESC, {} DESC LIMIT 1",
                    self.backend.stored_order()
                ),
                &[kind.as_str(), scope],
            )
            .await?;
        Ok(latest.into_iter().next())
    }

    /// Every import, the newest first.
    pub async fn register_imports(&mut self) -> Result<Vec<RegisterImport>> {
        self.all(
            &format!(
                "SELECT * FROM register_imports ORDER BY imported_at DESC, {} DESC",
                self.backend.stored_order()
            ),
            &[],
        )
        .await
    }

    /// A register's entries, for showing it: employers of an economy.
    pub async fn employers_of(&mut self, economy: &str) -> Result<Vec<StoredEmployer>> {
        self.all(
            &format!("SELECT {EMPLOYER} FROM employers WHERE economy = $1 ORDER BY name"),
            &[economy],
        )
        .await
    }

    /// A register's entries, for showing it: agencies of a kind and scope.
    pub async fn agencies_of(&mut self, kind: RegisterKind, scope: &str) -> Result<Vec<StoredAgency>> {
        self.all(
            &format!("SELECT {AGENCY} FROM agencies WHERE kind = $1 AND scope = $2 ORDER BY name"),
            &[kind.as_str(), scope],
        )
        .await
    }
}
