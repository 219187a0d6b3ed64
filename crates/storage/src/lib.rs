//! The store of Pathways, on embedded SQLite or on PostgreSQL: connection set-up, migrations,
//! and every query.
//!
//! This is the only crate that contains SQL. It knows rows, not rules: permission checks,
//! validation and the decision to write an audit entry belong to `app`, which drives a [`Tx`] so
//! that a change and its audit record commit together or not at all.
//!
//! One set of queries serves both backends through sqlx's `Any` driver: placeholders are
//! numbered (`$1`), JSON is text parsed in Rust, flags are 0/1 integers, and the few pieces the
//! two spell differently come from [`Backend`] (`sql.rs`). Writers take turns on both — SQLite
//! through one writing connection, PostgreSQL through an advisory lock — so what app reads
//! before it writes is still true when it commits.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, FromRow, Transaction};

mod case_files;
mod cases;
mod columns;
mod copy;
mod docs;
mod events;
mod federation;
mod figures;
mod identity;
mod mail;
mod records;
mod registers;
mod requests;
mod roadmap;
mod rounds;
mod rule_sets;
mod sql;
mod store;
mod users;

pub use case_files::StoredCaseFile;
pub use cases::{
    CaseFilter, CaseKeys, CasePeer, CaseRead, CaseVersion, NewCase, OpenBy, Residue, StoredCase, StoredOutcome,
};
pub use copy::{AuditChain, CopyOutcome, TABLES, TableCopy};
pub use docs::{DocTable, StoredDoc};
pub use events::{FindingDecision, StoredAttachment, StoredEvent};
pub use federation::{EncodedRegister, FederationKey};
pub use figures::{AnswerDays, CountBy, QuarterCount, RequestCounts};
pub use identity::{IndexRow, PersonImport, PersonRecord, StoredLink, StoredParams};
pub use mail::OutgoingMail;
pub use records::{AuditEntry, AuditQuery, NewAudit, NewRecord, RecordQuery, StoredRecord};
pub use registers::{RegisterImport, StoredAgency, StoredEmployer};
pub use requests::{RequestsBy, StoredRequest};
pub use roadmap::{Notification, Participant, StoredAction, StoredExercise, StoredRating, StoredUpdate};
pub use rounds::{ResponseVersion, StoredQuestionnaire, StoredResponse, StoredRound};
pub use rule_sets::StoredRuleSet;
pub use store::{CopyReport, PoolUse, Store, check_copy, put_in_place, schema_version};
pub use users::{NewToken, PasswordLink, Session, TokenInfo, User};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("a stored code is not known: {0}")]
    Code(#[from] pathways_domain::code::UnknownCode),
    #[error("stored JSON is malformed: {0}")]
    Json(#[from] serde_json::Error),
    #[error("a record with the same {what} already exists")]
    Duplicate { what: String },
    #[error("upgrading the schema would leave {0} rows referencing a missing row; nothing was changed")]
    Upgrade(usize),
    #[error("{0}")]
    Copy(String),
}

/// The schema's migrations, embedded once: SQLite's, and PostgreSQL's beside them (which start
/// at the version SQLite had reached when PostgreSQL joined; later ones come in pairs).
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
static MIGRATIONS_PG: sqlx::migrate::Migrator = sqlx::migrate!("./migrations-postgres");

/// The database a store runs on. The queries are the same text on both, written in the SQL they
/// share; where they differ (JSON, dates, SQLite's rowid) [`Backend`] says which form to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Which backend a `--db` value names: a `postgres://` (or `postgresql://`) URL, or else the
    /// path of a SQLite file.
    pub fn of(location: &str) -> Backend {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// A `--db` value as it may be shown or logged: a URL's password replaced by `***`.
    pub fn shown(location: &str) -> String {
        if Backend::of(location) == Backend::Sqlite {
            return location.to_string();
        }
        let Some((scheme, rest)) = location.split_once("://") else {
            return location.to_string();
        };
        let (authority, path) = rest.split_once('/').map_or((rest, None), |(a, p)| (a, Some(p)));
        let authority = match authority.rsplit_once('@') {
            Some((user, host)) => match user.split_once(':') {
                Some((name, _)) => format!("{name}:***@{host}"),
                None => authority.to_string(),
            },
            None => authority.to_string(),
        };
        match path {
            Some(p) => format!("{scheme}://{authority}/{p}"),
            None => format!("{scheme}://{authority}"),
        }
    }
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// Maps a unique-constraint violation to [`StorageError::Duplicate`], naming what was duplicated.
fn unique(e: sqlx::Error, what: &str) -> StorageError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StorageError::Duplicate { what: what.to_string() },
        _ => StorageError::Database(e),
    }
}

pub fn now() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

pub struct Tx {
    tx: Transaction<'static, Any>,
    backend: Backend,
    /// The store's count of committed writes, for a write transaction: bumped by its commit.
    written: Option<Arc<AtomicU64>>,
    /// A PostgreSQL write transaction's channel and its store's name, announced at commit.
    channel: Option<(Arc<str>, Arc<str>)>,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tx")
    }
}

/// A row type the lookups below can read (every `Stored…` row derives `FromRow`).
trait Row: for<'r> FromRow<'r, AnyRow> + Send + Unpin {}
impl<T: for<'r> FromRow<'r, AnyRow> + Send + Unpin> Row for T {}

impl Tx {
    pub async fn commit(mut self) -> Result<()> {
        if let Some((channel, me)) = &self.channel {
            // Heard by every other server on the database once this commits (see `store.rs`).
            sqlx::query("SELECT pg_notify($1, $2)::text")
                .bind(channel.to_string())
                .bind(me.to_string())
                .execute(&mut *self.tx)
                .await?;
        }
        self.tx.commit().await?;
        if let Some(w) = self.written {
            w.fetch_add(1, Ordering::Release);
        }
        Ok(())
    }

    /// Runs a statement that may be refused as a duplicate of `what` (a unique constraint),
    /// leaving the transaction usable either way. SQLite undoes only the refused statement;
    /// PostgreSQL would abort the whole transaction, so there the statement runs inside a
    /// savepoint, released or rolled back to. Callers see the same on both: the refusal as
    /// [`StorageError::Duplicate`], and the transaction still theirs.
    async fn refusable<'q>(
        &mut self,
        statement: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
        what: &str,
    ) -> Result<sqlx::any::AnyQueryResult> {
        let guarded = self.backend == Backend::Postgres;
        if guarded {
            sqlx::query("SAVEPOINT statement").execute(&mut *self.tx).await?;
        }
        let done = statement.execute(&mut *self.tx).await;
        if guarded {
            let end = if done.is_ok() {
                "RELEASE SAVEPOINT statement"
            } else {
                "ROLLBACK TO SAVEPOINT statement"
            };
            sqlx::query(end).execute(&mut *self.tx).await?;
        }
        done.map_err(|e| unique(e, what))
    }

    /// The row one key selects, if any: the shape most lookups by id take.
    async fn one<T: Row>(&mut self, sql: &str, key: &str) -> Result<Option<T>> {
        Ok(sqlx::query_as::<_, T>(sql)
            .bind(key)
            .fetch_optional(&mut *self.tx)
            .await?)
    }

    /// Every row a query selects, binding `keys` in order to its `?`s.
    async fn all<T: Row>(&mut self, sql: &str, keys: &[&str]) -> Result<Vec<T>> {
        let mut q = sqlx::query_as::<_, T>(sql);
        for k in keys {
            q = q.bind(*k);
        }
        Ok(q.fetch_all(&mut *self.tx).await?)
    }
}

#[cfg(test)]
mod tests;
