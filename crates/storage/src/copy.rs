//! Copying a whole database from one store to another — SQLite into PostgreSQL (`pathways
//! migrate --to`, a restore into PostgreSQL) or PostgreSQL into a SQLite file (its backup) —
//! and the report that proves the copy: rows per table on both sides, and the audit log's chain.
//!
//! The copy reads one snapshot of the source and writes the target in one transaction: the
//! target ends with the whole copy or with what it had before. A target that holds Pathways data
//! is refused unless `replace` says to drop it (the caller keeps a backup of it first).

use futures_util::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Executor, Row as _};

use crate::sql::Sql;
use crate::{Backend, Result, StorageError, Store, Tx};

/// Every table, parents before the tables that refer to them.
pub const TABLES: &[&str] = &[
    "users",
    "api_tokens",
    "sessions",
    "records",
    "audit",
    "dataset_loads",
    "questionnaires",
    "rounds",
    "responses",
    "response_versions",
    "events",
    "attachments",
    "finding_decisions",
    "exercises",
    "exercise_participants",
    "exercise_ratings",
    "notifications",
    "roadmap_actions",
    "action_updates",
    "password_links",
    "cases",
    "case_versions",
    "case_reads",
    "verification_requests",
    "register_imports",
    "employers",
    "agencies",
    "case_outcomes",
    "mail_outbox",
    "case_files",
    "rule_sets",
    "person_imports",
    "person_records",
    "identity_links",
    "linkage_params",
    "linkage_params_in_use",
    "federation_keys",
    "instance_secrets",
    "encoded_registers",
    "pseudonyms",
];

/// Tables whose order of storage matters (ties between equal times): SQLite's rowid, kept in
/// PostgreSQL's `seq` column.
pub(crate) const STORED_ORDER: &[&str] = &["cases", "register_imports", "person_records"];

/// PostgreSQL's identity columns, moved past the copied values so that new rows follow them.
const IDENTITIES: &[(&str, &str)] = &[
    ("audit", "seq"),
    ("case_reads", "id"),
    ("case_outcomes", "id"),
    ("cases", "seq"),
    ("register_imports", "seq"),
    ("person_records", "seq"),
];

/// The most values one statement binds (SQLite allows 32,766).
const MAX_VALUES: usize = 30_000;

/// One table's rows in the source and, after the copy, in the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCopy {
    pub table: String,
    pub source: i64,
    pub target: i64,
}

/// The audit log as read back from one side: its entries, first and last sequence numbers,
/// gaps in the sequence, and a digest of every entry in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditChain {
    pub entries: i64,
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Missing numbers between first and last (an entry removed would leave one).
    pub gaps: i64,
    pub sha256: String,
}

/// What a copy did, checked from both sides.
#[derive(Debug, Clone, Serialize)]
pub struct CopyOutcome {
    pub tables: Vec<TableCopy>,
    pub source_audit: AuditChain,
    pub target_audit: AuditChain,
}

impl CopyOutcome {
    /// Whether every table has as many rows in the target as in the source and the audit log
    /// reads back the same, entry for entry.
    pub fn verified(&self) -> bool {
        self.tables.iter().all(|t| t.source == t.target) && self.source_audit == self.target_audit
    }
}

/// A column as SQLite declares it: how its values are read and bound.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Integer,
    Real,
    Text,
    Blob,
}

impl Store {
    /// Copies every table of this store into `target`; see the module's documentation.
    pub async fn copy_into(&self, target: &Store, replace: bool) -> Result<CopyOutcome> {
        // The columns are read from the SQLite side, whose declared types say how to bind them.
        let lite = match (self.backend(), target.backend()) {
            (Backend::Sqlite, Backend::Postgres) => self,
            (Backend::Postgres, Backend::Sqlite) => target,
            _ => {
                return Err(StorageError::Copy(
                    "a copy goes from SQLite to PostgreSQL or from PostgreSQL to SQLite".into(),
                ));
            }
        };
        let mut columns = vec![];
        {
            let mut tx = lite.read().await?;
            for table in TABLES {
                columns.push(tx.columns(table).await?);
            }
        }
        let mut from = self.read().await?;
        let mut into = target.write().await?;
        let held: i64 = into.rows_held().await?;
        if held > 0 {
            if !replace {
                return Err(StorageError::Copy(format!(
                    "the target database holds {held} rows of Pathways data: give --replace to drop them (a backup of them is written first)"
                )));
            }
            into.empty_all().await?;
        }
        let mut tables = vec![];
        for (table, cols) in TABLES.iter().zip(&columns) {
            let source = from.count(table).await?;
            copy_table(&mut from, &mut into, table, cols).await?;
            let target_rows = into.count(table).await?;
            tables.push(TableCopy {
                table: table.to_string(),
                source,
                target: target_rows,
            });
        }
        if into.backend == Backend::Postgres {
            for (table, column) in IDENTITIES {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), GREATEST(COALESCE(MAX({column}), 0), 1), MAX({column}) IS NOT NULL)::text FROM {table}"
                );
                sqlx::query(&sql).execute(&mut *into.tx).await?;
            }
        }
        let source_audit = from.audit_chain().await?;
        let target_audit = into.audit_chain().await?;
        let outcome = CopyOutcome {
            tables,
            source_audit,
            target_audit,
        };
        if !outcome.verified() {
            // Dropped, so rolled back: the target keeps what it had.
            return Err(StorageError::Copy(format!(
                "the copy does not read back as the source (rows per table or the audit log differ): {}",
                serde_json::to_string(&outcome).unwrap_or_default()
            )));
        }
        into.commit().await?;
        Ok(outcome)
    }
}

/// Copies one table's rows, a statement per batch.
async fn copy_table(from: &mut Tx, into: &mut Tx, table: &str, cols: &[(String, Kind)]) -> Result<()> {
    let order = STORED_ORDER.contains(&table);
    let mut select: Vec<String> = cols.iter().map(|(c, _)| quote(c)).collect();
    let mut insert = select.clone();
    if order {
        select.push(format!("{} AS stored", from.backend.stored_order()));
        insert.push(into.backend.stored_order().to_string());
    }
    let sql = format!(
        "SELECT {} FROM {table}{}",
        select.join(", "),
        if order {
            format!(" ORDER BY {}", from.backend.stored_order())
        } else {
            String::new()
        }
    );
    let head = format!("INSERT INTO {table} ({})", insert.join(", "));
    let per_row = insert.len();
    let batch = (MAX_VALUES / per_row).clamp(1, 500);
    let mut rows: Vec<AnyRow> = Vec::with_capacity(batch);
    let mut stream = (&mut *from.tx).fetch(sql.as_str());
    while let Some(row) = stream.try_next().await? {
        rows.push(row);
        if rows.len() == batch {
            insert_rows(into, &head, cols, order, &rows).await?;
            rows.clear();
        }
    }
    drop(stream);
    if !rows.is_empty() {
        insert_rows(into, &head, cols, order, &rows).await?;
    }
    Ok(())
}

async fn insert_rows(into: &mut Tx, head: &str, cols: &[(String, Kind)], order: bool, rows: &[AnyRow]) -> Result<()> {
    let mut q = Sql::new(head);
    q.values(rows, |b, row| {
        for (i, (_, kind)) in cols.iter().enumerate() {
            match kind {
                Kind::Integer => b.bind(row.try_get::<Option<i64>, _>(i)?)?,
                Kind::Real => b.bind(row.try_get::<Option<f64>, _>(i)?)?,
                Kind::Text => b.bind(row.try_get::<Option<String>, _>(i)?)?,
                Kind::Blob => b.bind(row.try_get::<Option<Vec<u8>>, _>(i)?)?,
            };
        }
        if order {
            b.bind(row.try_get::<i64, _>(cols.len())?)?;
        }
        Ok(())
    })?;
    let (text, args) = q.into_parts();
    sqlx::query_with(&text, args).execute(&mut *into.tx).await?;
    Ok(())
}

fn quote(column: &str) -> String {
    format!("\"{}\"", column.replace('"', "\"\""))
}

impl Tx {
    /// A table's columns as SQLite declares them (on the SQLite side of a copy).
    async fn columns(&mut self, table: &str) -> Result<Vec<(String, Kind)>> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
            .bind(table)
            .fetch_all(&mut *self.tx)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(name, ty)| {
                let ty = ty.to_ascii_uppercase();
                let kind = if ty.contains("INT") {
                    Kind::Integer
                } else if ty.contains("REAL") || ty.contains("DOUB") || ty.contains("FLOA") {
                    Kind::Real
                } else if ty.contains("BLOB") {
                    Kind::Blob
                } else {
                    Kind::Text
                };
                (name, kind)
            })
            .collect())
    }

    async fn count(&mut self, table: &str) -> Result<i64> {
        Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *self.tx)
            .await?)
    }

    /// Rows in every table of Pathways.
    pub(crate) async fn rows_held(&mut self) -> Result<i64> {
        let mut n = 0;
        for table in TABLES {
            n += self.count(table).await?;
        }
        Ok(n)
    }

    /// Empties every table of a PostgreSQL target, the append-only ones too: the schema is
    /// dropped and made again, in this transaction, so a failed copy leaves it as it was.
    async fn empty_all(&mut self) -> Result<()> {
        if self.backend != Backend::Postgres {
            return Err(StorageError::Copy(
                "only a PostgreSQL target is replaced in place".into(),
            ));
        }
        for table in TABLES.iter().rev() {
            (&mut *self.tx)
                .execute(format!("DROP TABLE IF EXISTS {table} CASCADE").as_str())
                .await?;
        }
        for function in [
            "pathways_refuse",
            "pathways_is_json",
            "verification_answered_once",
            "case_outcomes_no_update",
        ] {
            (&mut *self.tx)
                .execute(format!("DROP FUNCTION IF EXISTS {function} CASCADE").as_str())
                .await?;
        }
        for m in crate::MIGRATIONS_PG.iter() {
            (&mut *self.tx).execute(&*m.sql).await?;
        }
        Ok(())
    }

    /// The audit log as this side reads it.
    async fn audit_chain(&mut self) -> Result<AuditChain> {
        let rows: Vec<crate::AuditEntry> = sqlx::query_as(
            "SELECT seq, at, actor_id, actor_email, action, entity_kind, entity_id, owner, version, before, after, note
             FROM audit ORDER BY seq",
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let mut hash = Sha256::new();
        let mut gaps = 0;
        let mut previous: Option<i64> = None;
        for row in &rows {
            if let Some(p) = previous {
                gaps += row.seq - p - 1;
            }
            previous = Some(row.seq);
            // Each entry as one JSON line: every field, in a fixed order.
            hash.update(serde_json::to_vec(row)?);
            hash.update(b"\n");
        }
        Ok(AuditChain {
            entries: i64::try_from(rows.len()).unwrap_or(i64::MAX),
            first: rows.first().map(|r| r.seq),
            last: rows.last().map(|r| r.seq),
            gaps,
            sha256: hex::encode(hash.finalize()),
        })
    }
}
