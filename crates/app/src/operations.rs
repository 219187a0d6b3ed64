//! What the deployment's operators ask of the application rather than its users: whether its
//! database answers, how the connection pools are used, a consistent backup of the whole
//! database while it serves, and putting a backup back in place of the database. Backups and
//! restores are the operator's, from the command line on the server; a restore is recorded in
//! the restored database's audit log.

use pathways_storage::{CopyReport, NewAudit, PoolUse};
use serde_json::json;

use crate::map::records::audit;
use crate::{App, AppError, Result};

/// What a restore did: the copy as checked, and where the database it replaced was moved.
#[derive(Debug, Clone)]
pub struct Restored {
    pub copy: CopyReport,
    pub moved_aside: Option<String>,
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

    /// Records in the audit log that this database was restored from `copy`.
    pub async fn record_restore(&self, restored: &Restored, by: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        tx.append_audit(&NewAudit {
            after: Some(json!({
                "from": restored.copy.path,
                "schema_version": restored.copy.schema_version,
                "tables": restored.copy.tables.iter().map(|(t, n)| json!([t, n])).collect::<Vec<_>>(),
                "moved_aside": restored.moved_aside,
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

/// Puts the backup `copy` in place of the database file `db`, after checking the copy and that
/// this build can read it (a backup of a newer Pathways is refused). An existing database is
/// moved aside (with its write-ahead log), never deleted, and only when `replace` says so. The
/// server must be stopped: the file is replaced under it otherwise.
pub async fn restore(copy: &str, db: &str, replace: bool) -> Result<Restored> {
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
    let moved_aside = pathways_storage::put_in_place(copy, db, replace)?;
    Ok(Restored {
        copy: report,
        moved_aside,
    })
}
