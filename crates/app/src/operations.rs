//! What the deployment's operators ask of the application rather than its users: whether its
//! database answers, how the connection pools are used, a consistent backup of the whole
//! database while it serves, and putting a backup back in place of the database. Backups and
//! restores are the operator's, from the command line on the server; a restore is recorded in
//! the restored database's audit log.

use pathways_storage::{Backend, CopyOutcome, CopyReport, NewAudit, PoolUse, Store};
use serde_json::json;

use crate::map::records::audit;
use crate::{App, AppError, Result};

/// What a restore did: the copy as checked, where the database it replaced was moved (or, on
/// PostgreSQL, backed up to), and for PostgreSQL the copy's verification.
#[derive(Debug, Clone)]
pub struct Restored {
    pub copy: CopyReport,
    pub moved_aside: Option<String>,
    pub verified: Option<CopyOutcome>,
}

/// What `migrate --to` did: the copy's verification, and the backup of what the target held
/// before (with `replace`).
#[derive(Debug, Clone)]
pub struct Migrated {
    pub outcome: CopyOutcome,
    pub kept: Option<String>,
}

impl App {
    /// Whether the database answers a query.
    pub async fn ready(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }

    /// How many changes have been committed since the app started: a cache of anything read is
    /// current while this has not moved.
    pub fn writes(&self) -> u64 {
        self.store.writes()
    }

    /// The database connection pools' use now.
    pub fn pools(&self) -> Vec<PoolUse> {
        self.store.pools()
    }

    /// Writes a consistent copy of the database to `out`, a file that must not exist yet, and
    /// checks the copy (integrity, schema version, rows per table).
    pub async fn backup(&self, out: &str) -> Result<CopyReport> {
        if std::path::Path::new(out).exists() {
            return Err(AppError::Io {
                path: out.into(),
                message: "exists already; a backup is written to a new file".into(),
            });
        }
        Ok(self.store.backup_to(out).await?)
    }

    /// Copies this (SQLite) database into the PostgreSQL database at `url`, verified table by
    /// table and along the audit log, and records the migration in the copy's audit log. A
    /// target holding Pathways data is refused unless `replace`, and then first backed up to
    /// `keep` (a new SQLite file).
    pub async fn migrate_to(&self, url: &str, replace: bool, keep: &str, by: &str) -> Result<Migrated> {
        if self.store.backend() != Backend::Sqlite || Backend::of(url) != Backend::Postgres {
            return Err(AppError::Io {
                path: Backend::shown(url),
                message: "`migrate --to` copies an embedded (SQLite) database into PostgreSQL: give --db a SQLite file and --to a postgres:// URL".into(),
            });
        }
        let target = Store::open(url).await?;
        let kept = keep_before_replacing(&target, replace, keep).await?;
        let outcome = self.store.copy_into(&target, replace).await?;
        let mut tx = target.write().await?;
        tx.append_audit(&NewAudit {
            after: Some(json!({
                "tables": outcome.tables.iter().map(|t| json!([t.table, t.target])).collect::<Vec<_>>(),
                "audit_entries": outcome.target_audit.entries,
                "audit_sha256": outcome.target_audit.sha256,
                "kept": kept,
            })),
            ..audit(&crate::auth::system(by), "system.migrate", "database", "postgres", None)
        })
        .await?;
        tx.commit().await?;
        target.close().await;
        Ok(Migrated { outcome, kept })
    }

    /// Records in the audit log that this database was restored from `copy`.
    pub async fn record_restore(&self, restored: &Restored, by: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        tx.append_audit(&NewAudit {
            after: Some(json!({
                "from": restored.copy.path,
                "schema_version": restored.copy.schema_version,
                "tables": restored.copy.tables.iter().map(|(t, n)| json!([t, n])).collect::<Vec<_>>(),
                "moved_aside": restored.moved_aside,
                "audit_sha256": restored.verified.as_ref().map(|v| v.target_audit.sha256.clone()),
            })),
            ..audit(
                &crate::auth::system(by),
                "system.restore",
                "database",
                &restored.copy.path,
                None,
            )
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Puts the backup `copy` in place of the database `db`, after checking the copy and that this
/// build can read it (a backup of a newer Pathways is refused). The server must be stopped.
///
/// SQLite: the file replaces `db`; an existing database is moved aside (with its write-ahead
/// log), never deleted, and only when `replace` says so. PostgreSQL: every table is copied in
/// one transaction and verified; a database holding data is refused unless `replace`, and is
/// then first backed up to `keep` (a new SQLite file).
pub async fn restore(copy: &str, db: &str, replace: bool, keep: &str) -> Result<Restored> {
    let report = pathways_storage::check_copy(copy).await?;
    let ours = pathways_storage::schema_version();
    if report.schema_version > ours {
        return Err(AppError::Io {
            path: copy.into(),
            message: format!(
                "made by a newer Pathways (schema {}; this one knows up to {ours}): restore it with that version",
                report.schema_version
            ),
        });
    }
    if Backend::of(db) == Backend::Sqlite {
        let moved_aside = pathways_storage::put_in_place(copy, db, replace)?;
        return Ok(Restored {
            copy: report,
            moved_aside,
            verified: None,
        });
    }
    // Opening the backup applies this build's newer migrations: to a working copy, so that the
    // backup stays as it was written.
    let work = std::env::temp_dir().join(format!("pathways-restore-{}.db", uuid::Uuid::new_v4().simple()));
    let work = work.display().to_string();
    std::fs::copy(copy, &work).map_err(|e| AppError::Io {
        path: work.clone(),
        message: e.to_string(),
    })?;
    let copied = async {
        let source = Store::open(&work).await?;
        let target = Store::open(db).await?;
        let kept = keep_before_replacing(&target, replace, keep).await?;
        let outcome = source.copy_into(&target, replace).await;
        source.close().await;
        target.close().await;
        Ok::<_, AppError>((outcome?, kept))
    }
    .await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{work}{suffix}"));
    }
    let (outcome, kept) = copied?;
    Ok(Restored {
        copy: report,
        moved_aside: kept,
        verified: Some(outcome),
    })
}

/// Backs up what a PostgreSQL target holds to `keep` before it is replaced; nothing when it is
/// empty or when it is not to be replaced (the copy then refuses a target with data).
async fn keep_before_replacing(target: &Store, replace: bool, keep: &str) -> Result<Option<String>> {
    if !replace || target.rows_held().await? == 0 {
        return Ok(None);
    }
    if std::path::Path::new(keep).exists() {
        return Err(AppError::Io {
            path: keep.into(),
            message: "exists already; the backup of the database being replaced goes to a new file".into(),
        });
    }
    target.backup_to(keep).await?;
    Ok(Some(keep.to_string()))
}
