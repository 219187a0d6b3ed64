//! The store of Pathways on embedded SQLite: connection set-up, migrations, and every query.
//!
//! This is the only crate that contains SQL. It knows rows, not rules: permission checks,
//! validation and the decision to write an audit entry belong to `app`, which drives a [`Tx`] so
//! that a change and its audit record commit together or not at all.
//!
//! SQLite allows one writer at a time, so writes go through a pool of one connection (no
//! `SQLITE_BUSY` races between writers) while reads use a separate pool, which WAL lets run
//! beside the writer.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous};
use sqlx::{FromRow, Sqlite, SqlitePool, Transaction};

mod case_files;
mod cases;
mod docs;
mod events;
mod federation;
mod figures;
mod identity;
mod mail;
mod registers;
mod requests;
mod roadmap;
mod rounds;
mod rule_sets;
mod users;
pub use case_files::StoredCaseFile;
pub use cases::{
    CaseFilter, CaseKeys, CasePeer, CaseRead, CaseVersion, NewCase, OpenBy, Residue, StoredCase, StoredOutcome,
};
pub use docs::{DocTable, StoredDoc};
pub use events::{FindingDecision, StoredAttachment, StoredEvent};
pub use federation::{EncodedRegister, FederationKey};
pub use figures::{AnswerDays, CountBy, QuarterCount, RequestCounts};
pub use identity::{IndexRow, PersonImport, PersonRecord, StoredLink, StoredParams};
pub use mail::OutgoingMail;
pub use registers::{RegisterImport, StoredAgency, StoredEmployer};
pub use requests::{RequestsBy, StoredRequest};
pub use roadmap::{Notification, Participant, StoredAction, StoredExercise, StoredRating, StoredUpdate};
pub use rounds::{ResponseVersion, StoredQuestionnaire, StoredResponse, StoredRound};
pub use rule_sets::StoredRuleSet;
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

/// The schema's migrations, embedded once.
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

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

/// Widens the users table to the roles of screening (case officer, CoO liaison), once.
///
/// Not a migration file: sqlx runs every SQLite migration inside a transaction, where foreign keys
/// cannot be switched off, and with them on, dropping the old table would cascade to the tokens
/// and sessions of every user. So it runs here, after the migrations, outside a transaction with
/// foreign keys off, and only when the table still has the narrower CHECK (which is how it knows
/// it has not run). Every reference is checked before the commit; any dangling one rolls back.
async fn upgrade_user_roles(write: &SqlitePool) -> Result<()> {
    let mut c = write.acquire().await?;
    let sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'users'")
        .fetch_one(&mut *c)
        .await?;
    if sql.contains("'coo-liaison'") {
        return Ok(());
    }
    sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *c).await?;
    let done = async {
        sqlx::query("BEGIN IMMEDIATE").execute(&mut *c).await?;
        sqlx::raw_sql(include_str!("../upgrades/users_roles.sql"))
            .execute(&mut *c)
            .await?;
        let dangling = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *c).await?.len();
        if dangling > 0 {
            sqlx::query("ROLLBACK").execute(&mut *c).await?;
            return Err(StorageError::Upgrade(dangling));
        }
        sqlx::query("COMMIT").execute(&mut *c).await?;
        Ok(())
    }
    .await;
    if done.is_err() {
        // A failure between BEGIN and COMMIT leaves the transaction open: end it unchanged.
        let _ = sqlx::query("ROLLBACK").execute(&mut *c).await;
    }
    sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *c).await?;
    done
}

/// One connection pool's use: connections open, of which idle, and the most it opens.
#[derive(Debug, Clone, Serialize)]
pub struct PoolUse {
    pub pool: &'static str,
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// What a copy of the database holds, as checked: the integrity check's verdict, the schema
/// version (the last migration applied) and the rows of every table.
#[derive(Debug, Clone, Serialize)]
pub struct CopyReport {
    pub path: String,
    pub bytes: u64,
    pub schema_version: i64,
    pub tables: Vec<(String, i64)>,
}

/// Opens the copy of a Pathways database at `path` read-only and checks it: SQLite's integrity
/// check passes, the migrations table is there, and every table can be counted. Nothing in the
/// file is changed.
pub async fn check_copy(path: &str) -> Result<CopyReport> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| StorageError::Copy(format!("{path}: {e}")))?
        .len();
    let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
        .read_only(true)
        .immutable(true);
    let unreadable = |e: sqlx::Error| {
        let why = match &e {
            sqlx::Error::Database(d) => d.message().to_string(),
            other => other.to_string(),
        };
        StorageError::Copy(format!("{path}: not a readable SQLite database ({why})"))
    };
    let mut c = sqlx::ConnectOptions::connect(&opts).await.map_err(unreadable)?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut c)
        .await
        .map_err(unreadable)?;
    if verdict != "ok" {
        return Err(StorageError::Copy(format!(
            "{path}: the integrity check says {verdict}"
        )));
    }
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut c)
        .await
        .map_err(|_| StorageError::Copy(format!("{path}: not a Pathways database (no migrations table)")))?;
    let Some(schema_version) = version else {
        return Err(StorageError::Copy(format!("{path}: no migration was applied to it")));
    };
    let tables = table_counts(&mut c).await?;
    Ok(CopyReport {
        path: path.to_string(),
        bytes,
        schema_version,
        tables,
    })
}

/// Puts the file `copy` in place of the database file `db`. The copy is written beside `db`
/// first and renamed over it, so `db` is either the old database or the whole copy, never half
/// of one. An existing database (with its write-ahead log and shared memory) is moved aside to
/// `<db>.before-restore-<time>`, and only when `replace`; that name is returned.
pub fn put_in_place(copy: &str, db: &str, replace: bool) -> Result<Option<String>> {
    let io = |p: &str, e: std::io::Error| StorageError::Copy(format!("{p}: {e}"));
    let exists = std::path::Path::new(db).exists();
    if exists && !replace {
        return Err(StorageError::Copy(format!(
            "{db} exists: stop the server, then give --replace to move it aside and put the backup in its place"
        )));
    }
    let partial = format!("{db}.restoring");
    std::fs::copy(copy, &partial).map_err(|e| io(&partial, e))?;
    let mut aside = None;
    if exists {
        let stamp: String = now().chars().filter(char::is_ascii_alphanumeric).collect();
        let name = format!("{db}.before-restore-{stamp}");
        for suffix in ["-wal", "-shm", ""] {
            let from = format!("{db}{suffix}");
            if std::path::Path::new(&from).exists() {
                std::fs::rename(&from, format!("{name}{suffix}")).map_err(|e| io(&from, e))?;
            }
        }
        aside = Some(name);
    }
    if let Err(e) = std::fs::rename(&partial, db) {
        // Leave the database where it was rather than nowhere.
        if let Some(name) = &aside {
            let _ = std::fs::rename(name, db);
        }
        return Err(io(db, e));
    }
    Ok(aside)
}

/// The latest schema version this build applies.
pub fn schema_version() -> i64 {
    MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0)
}

async fn table_counts(c: &mut sqlx::SqliteConnection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut out = vec![];
    for name in names {
        // The name comes from the schema itself, quoted as an identifier.
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', "\"\"")))
            .fetch_one(&mut *c)
            .await?;
        out.push((name, n));
    }
    Ok(out)
}

#[derive(Clone, Debug)]
pub struct Store {
    read: SqlitePool,
    write: SqlitePool,
    /// Write transactions committed (see [`Store::writes`]).
    written: Arc<AtomicU64>,
}

impl Store {
    /// Opens (creating if needed) the database file and applies pending migrations.
    pub async fn open(path: &str) -> Result<Store> {
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Deleted and overwritten content is zeroed, so that a purge leaves no trace in the
            // file (retention of screening data).
            .pragma("secure_delete", "ON")
            // 64 MiB of pages per connection: an import of a hundred thousand cases stays in memory.
            .pragma("cache_size", "-65536")
            .busy_timeout(Duration::from_secs(10));
        Self::with_options(opts).await
    }

    /// Moves everything the write-ahead log holds into the database file and empties the log:
    /// after a purge, no earlier page image remains on disk.
    pub async fn checkpoint(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Whether the database answers a query: what a readiness probe asks.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// How the connection pools are used now, for the operator's metrics.
    pub fn pools(&self) -> Vec<PoolUse> {
        [("read", &self.read), ("write", &self.write)]
            .into_iter()
            .map(|(name, pool)| PoolUse {
                pool: name,
                open: pool.size(),
                idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                max: pool.options().get_max_connections(),
            })
            .collect()
    }

    /// Writes a consistent copy of the whole database to `path` (which must not exist) while it
    /// stays in use: SQLite's `VACUUM INTO` reads one snapshot, so writers are not held up and
    /// the copy is compact. The copy is then checked as [`check_copy`] does.
    pub async fn backup_to(&self, path: &str) -> Result<CopyReport> {
        sqlx::query("VACUUM INTO ?1").bind(path).execute(&self.read).await?;
        check_copy(path).await
    }

    /// A private in-memory database, for tests.
    pub async fn memory() -> Result<Store> {
        let name = format!("file:mem-{}?mode=memory&cache=shared", uuid::Uuid::new_v4());
        let opts = SqliteConnectOptions::from_str(&name)?
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        Self::with_options(opts).await
    }

    async fn with_options(opts: SqliteConnectOptions) -> Result<Store> {
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .connect_with(opts.clone())
            .await?;
        MIGRATIONS.run(&write).await?;
        upgrade_user_roles(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(opts.read_only(false))
            .await?;
        Ok(Store {
            read,
            write,
            written: Arc::default(),
        })
    }

    /// A transaction for changes. Dropping it without [`Tx::commit`] rolls everything back.
    pub async fn write(&self) -> Result<Tx> {
        Ok(Tx {
            tx: self.write.begin().await?,
            written: Some(self.written.clone()),
        })
    }

    /// How many write transactions have committed since the store was opened: what a cache of
    /// anything read from it compares to know it is still current.
    pub fn writes(&self) -> u64 {
        self.written.load(Ordering::Acquire)
    }

    /// A consistent snapshot for reading.
    pub async fn read(&self) -> Result<Tx> {
        Ok(Tx {
            tx: self.read.begin().await?,
            written: None,
        })
    }
}

/// A row of the `records` table.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredRecord {
    pub id: String,
    pub kind: String,
    pub owner: Option<String>,
    pub version: i64,
    #[sqlx(json)]
    pub body: Value,
    pub origin: String,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// What to list: one kind, optionally one owner, equality on body fields, a free-text search.
#[derive(Debug, Clone, Default)]
pub struct RecordQuery {
    pub kind: String,
    pub owner: Option<String>,
    /// `(json field, value)` pairs; arrays match when they contain the value.
    pub fields: Vec<(String, String)>,
    pub text: Option<String>,
    pub include_deleted: bool,
}

impl RecordQuery {
    /// The live records of `kind` owned by `owner` (an economy).
    pub fn owned(kind: &str, owner: &str) -> RecordQuery {
        RecordQuery {
            kind: kind.into(),
            owner: Some(owner.into()),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewRecord<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub owner: Option<&'a str>,
    pub natural_key: Option<&'a str>,
    pub body: &'a Value,
    pub origin: &'a str,
}

/// An entry of the audit log as stored: its place in the log, when, and what was recorded.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    #[serde(flatten)]
    #[sqlx(flatten)]
    pub entry: NewAudit,
}

/// What an audit entry records: who did what to which record, before and after.
#[derive(Debug, Clone, Default, Serialize, sqlx::FromRow)]
pub struct NewAudit {
    pub actor_id: Option<String>,
    pub actor_email: String,
    pub action: String,
    pub entity_kind: Option<String>,
    pub entity_id: Option<String>,
    pub owner: Option<String>,
    pub version: Option<i64>,
    #[sqlx(json(nullable))]
    pub before: Option<Value>,
    #[sqlx(json(nullable))]
    pub after: Option<Value>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub entity_id: Option<String>,
    /// Only entries about this kind of entity (with `entity_id`, the history of one record).
    pub entity_kind: Option<String>,
    pub owner: Option<String>,
    pub actor_email: Option<String>,
    pub limit: i64,
    pub before_seq: Option<i64>,
}

pub struct Tx {
    tx: Transaction<'static, Sqlite>,
    /// The store's count of committed writes, for a write transaction: bumped by its commit.
    written: Option<Arc<AtomicU64>>,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tx")
    }
}

const RECORD_COLS: &str = "id, kind, owner, version, body, origin, created_at, updated_at, deleted_at";

fn record_from(row: &sqlx::sqlite::SqliteRow) -> Result<StoredRecord> {
    Ok(StoredRecord::from_row(row)?)
}

/// A row type the lookups below can read (every `Stored…` row derives `FromRow`).
trait Row: for<'r> FromRow<'r, SqliteRow> + Send + Unpin {}
impl<T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin> Row for T {}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        if let Some(w) = self.written {
            w.fetch_add(1, Ordering::Release);
        }
        Ok(())
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

    // ---- records -------------------------------------------------------------------------------

    /// A record by id, including a deleted one (its tombstone).
    pub async fn record(&mut self, id: &str) -> Result<Option<StoredRecord>> {
        self.one(&format!("SELECT {RECORD_COLS} FROM records WHERE id = ?"), id)
            .await
    }

    pub async fn records(&mut self, q: &RecordQuery) -> Result<Vec<StoredRecord>> {
        let mut sql = format!("SELECT {RECORD_COLS} FROM records WHERE kind = ?");
        if !q.include_deleted {
            sql.push_str(" AND deleted_at IS NULL");
        }
        if q.owner.is_some() {
            sql.push_str(" AND owner = ?");
        }
        for _ in &q.fields {
            // Scalars compare directly; arrays (e.g. an institution's stages) match on membership.
            sql.push_str(
                " AND (CASE json_type(body, ?) WHEN 'array' \
                 THEN EXISTS (SELECT 1 FROM json_each(body, ?) WHERE CAST(value AS TEXT) = ?) \
                 ELSE CAST(json_extract(body, ?) AS TEXT) = ? END)",
            );
        }
        if q.text.is_some() {
            sql.push_str(" AND instr(lower(body), lower(?)) > 0");
        }
        sql.push_str(" ORDER BY owner, id");
        let mut query = sqlx::query(&sql).bind(&q.kind);
        if let Some(o) = &q.owner {
            query = query.bind(o);
        }
        for (f, v) in &q.fields {
            let path = format!("$.{f}");
            query = query.bind(path.clone()).bind(path.clone()).bind(v).bind(path).bind(v);
        }
        if let Some(t) = &q.text {
            query = query.bind(t);
        }
        let rows = query.fetch_all(&mut *self.tx).await?;
        rows.iter().map(record_from).collect()
    }

    pub async fn insert_record(&mut self, r: &NewRecord<'_>) -> Result<()> {
        let now = now();
        sqlx::query(
            "INSERT INTO records (id, kind, owner, natural_key, version, body, origin, created_at, updated_at)
             VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)",
        )
        .bind(r.id)
        .bind(r.kind)
        .bind(r.owner)
        .bind(r.natural_key)
        .bind(r.body.to_string())
        .bind(r.origin)
        .bind(&now)
        .bind(&now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| unique(e, if r.natural_key.is_some() { "key" } else { "id" }))?;
        Ok(())
    }

    /// Replaces the body if the stored version is `expected`; returns the new version, or `None`
    /// when the record changed (or was deleted) in the meantime.
    pub async fn update_record(
        &mut self,
        id: &str,
        expected: i64,
        owner: Option<&str>,
        natural_key: Option<&str>,
        body: &Value,
    ) -> Result<Option<i64>> {
        let done = sqlx::query(
            "UPDATE records SET body = ?, owner = ?, natural_key = ?, version = version + 1, updated_at = ?
             WHERE id = ? AND version = ? AND deleted_at IS NULL",
        )
        .bind(body.to_string())
        .bind(owner)
        .bind(natural_key)
        .bind(now())
        .bind(id)
        .bind(expected)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| unique(e, "key"))?;
        Ok((done.rows_affected() == 1).then_some(expected + 1))
    }

    /// Marks a record deleted (keeping its row, so history and reference loads can see it).
    pub async fn delete_record(&mut self, id: &str, expected: i64) -> Result<Option<i64>> {
        let done = sqlx::query(
            "UPDATE records SET deleted_at = ?, version = version + 1, updated_at = ?
             WHERE id = ? AND version = ? AND deleted_at IS NULL",
        )
        .bind(now())
        .bind(now())
        .bind(id)
        .bind(expected)
        .execute(&mut *self.tx)
        .await?;
        Ok((done.rows_affected() == 1).then_some(expected + 1))
    }

    /// Live records of any kind whose body refers to `id` in one of `fields`.
    pub async fn referrers(&mut self, id: &str, fields: &[&str]) -> Result<Vec<StoredRecord>> {
        let mut out = vec![];
        for f in fields {
            let rows = sqlx::query(&format!(
                "SELECT {RECORD_COLS} FROM records WHERE deleted_at IS NULL AND json_extract(body, ?) = ?"
            ))
            .bind(format!("$.{f}"))
            .bind(id)
            .fetch_all(&mut *self.tx)
            .await?;
            for r in &rows {
                out.push(record_from(r)?);
            }
        }
        Ok(out)
    }

    pub async fn count_records(&mut self, kind: &str, owner: Option<&str>) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT count(*) FROM records WHERE kind = ? AND deleted_at IS NULL AND (?2 IS NULL OR owner = ?2)",
        )
        .bind(kind)
        .bind(owner)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    // ---- reference dataset loads ---------------------------------------------------------------

    pub async fn dataset_loaded(&mut self, hash: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM dataset_loads WHERE hash = ?")
            .bind(hash)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(n > 0)
    }

    pub async fn mark_dataset_loaded(&mut self, hash: &str, inserted: i64) -> Result<()> {
        sqlx::query("INSERT INTO dataset_loads (hash, loaded_at, inserted) VALUES (?, ?, ?)")
            .bind(hash)
            .bind(now())
            .bind(inserted)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    // ---- audit ---------------------------------------------------------------------------------

    pub async fn append_audit(&mut self, a: &NewAudit) -> Result<i64> {
        // `RETURNING` rather than the connection's last row id: the same text serves PostgreSQL.
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO audit (at, actor_id, actor_email, action, entity_kind, entity_id, owner, version, before, after, note)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
        )
        .bind(now())
        .bind(&a.actor_id)
        .bind(&a.actor_email)
        .bind(&a.action)
        .bind(&a.entity_kind)
        .bind(&a.entity_id)
        .bind(&a.owner)
        .bind(a.version)
        .bind(a.before.as_ref().map(Value::to_string))
        .bind(a.after.as_ref().map(Value::to_string))
        .bind(&a.note)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(seq)
    }

    pub async fn audit(&mut self, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query_as::<_, AuditEntry>(
            "SELECT seq, at, actor_id, actor_email, action, entity_kind, entity_id, owner, version, before, after, note
             FROM audit
             WHERE (?1 IS NULL OR entity_id = ?1) AND (?2 IS NULL OR owner = ?2) AND (?3 IS NULL OR actor_email = ?3)
               AND (?4 IS NULL OR seq < ?4) AND (?6 IS NULL OR entity_kind = ?6)
             ORDER BY seq DESC LIMIT ?5",
        )
        .bind(&q.entity_id)
        .bind(&q.owner)
        .bind(&q.actor_email)
        .bind(q.before_seq)
        .bind(if q.limit > 0 { q.limit } else { 100 })
        .bind(&q.entity_kind)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows)
    }

    // ---- users, tokens, sessions ---------------------------------------------------------------
}

#[cfg(test)]
mod tests;
