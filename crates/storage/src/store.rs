//! Opening a store on SQLite or PostgreSQL (connections, migrations, the one-off upgrade of
//! SQLite's users table), and what operators do to a whole database: check, back up, put in
//! place.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;
use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, Executor};

use crate::{Backend, MIGRATIONS, MIGRATIONS_PG, Result, StorageError, Tx, now};

/// Widens the users table to the roles of screening (case officer, CoO liaison), once.
///
/// Not a migration file: sqlx runs every SQLite migration inside a transaction, where foreign keys
/// cannot be switched off, and with them on, dropping the old table would cascade to the tokens
/// and sessions of every user. So it runs here, after the migrations, outside a transaction with
/// foreign keys off, and only when the table still has the narrower CHECK (which is how it knows
/// it has not run). Every reference is checked before the commit; any dangling one rolls back.
pub(crate) async fn upgrade_user_roles(write: &AnyPool) -> Result<()> {
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
    backend: Backend,
    /// SQLite: a pool beside the writer's, which WAL lets read while it writes. PostgreSQL: the
    /// same pool as `write`.
    read: AnyPool,
    /// SQLite: one connection, so writers queue instead of racing for the lock. PostgreSQL: the
    /// pool every transaction draws from; writers queue on an advisory lock (see [`Store::write`]).
    write: AnyPool,
    /// Write transactions committed (see [`Store::writes`]).
    written: Arc<AtomicU64>,
    /// PostgreSQL: the channel its writes are announced on, and this store's own name in those
    /// announcements (see [`listen_for_writes`]).
    channel: Option<(Arc<str>, Arc<str>)>,
}

/// The channel on which every PostgreSQL write transaction says it committed: one per database,
/// or per schema where a database holds several (the tests' private schemas).
fn writes_channel(schema: Option<&str>) -> String {
    match schema {
        Some(schema) => format!("pathways_writes_{schema}"),
        None => "pathways_writes".to_string(),
    }
}

/// Counts the writes of every other process on the database into `written` (this store counts
/// its own as it commits them): a page another server cached must not outlive a change made
/// through this one. PostgreSQL delivers a transaction's `NOTIFY` when it commits; its payload
/// names the store that wrote, `me` for this one. A lost connection counts as a write (what was
/// said while it was down is unknown) and is made again by the listener. The task ends with the
/// store, within seconds of its last clone being dropped.
async fn listen_for_writes(url: &str, channel: &str, me: &str, written: &Arc<AtomicU64>) -> Result<()> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(channel).await?;
    let counter = Arc::downgrade(written);
    let me = me.to_string();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            let heard = tokio::select! {
                heard = listener.try_recv() => Some(heard),
                _ = tick.tick() => None,
            };
            let Some(counter) = counter.upgrade() else { break };
            match heard {
                None => {}
                Some(Ok(Some(heard))) if heard.payload() == me => {}
                Some(Ok(_)) => {
                    counter.fetch_add(1, Ordering::Release);
                }
                Some(Err(e)) => {
                    counter.fetch_add(1, Ordering::Release);
                    tracing::warn!(error = %e, "listening for other servers' writes failed; trying again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(())
}

/// The PRAGMAs every SQLite connection starts with. Foreign keys are on; deleted and overwritten
/// content is zeroed, so that a purge leaves no trace in the file (retention of screening data);
/// 64 MiB of pages per connection keeps an import of a hundred thousand cases in memory.
const SQLITE_PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
     PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA cache_size = -65536;";

/// The key of the advisory lock PostgreSQL writers take: any constant the deployment's other
/// users of the database do not take (ASCII "PATHWAYS" as a number).
const WRITE_LOCK: i64 = 0x5041_5448_5741_5953;

impl Store {
    /// Opens the database `location` names and applies pending migrations: a `postgres://` URL,
    /// or the path of a SQLite file (created if missing).
    pub async fn open(location: &str) -> Result<Store> {
        match Backend::of(location) {
            Backend::Postgres => Self::postgres(location, None).await,
            Backend::Sqlite => {
                // A path becomes a URL: the characters a URL gives a meaning are escaped.
                let path: String = location
                    .chars()
                    .map(|c| match c {
                        '%' => "%25".to_string(),
                        '?' => "%3F".to_string(),
                        '#' => "%23".to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                Self::sqlite(&format!("sqlite://{path}?mode=rwc"), true).await
            }
        }
    }

    /// A private, empty database, for tests: an in-memory SQLite database, or — when
    /// `PATHWAYS_TEST_POSTGRES` names a PostgreSQL server — a new schema of its own there, so
    /// that the same tests prove both backends.
    pub async fn memory() -> Result<Store> {
        let name = uuid::Uuid::new_v4().simple().to_string();
        match std::env::var("PATHWAYS_TEST_POSTGRES") {
            Ok(url) if !url.is_empty() => Self::postgres(&url, Some(&format!("t_{name}"))).await,
            _ => Self::sqlite(&format!("sqlite:file:mem-{name}?mode=memory&cache=shared"), false).await,
        }
    }

    pub(crate) async fn sqlite(url: &str, file: bool) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let connect = |max: u32| {
            AnyPoolOptions::new()
                .max_connections(max)
                .after_connect(|c, _| Box::pin(async move { c.execute(SQLITE_PRAGMAS).await.map(|_| ()) }))
        };
        let write = connect(1).min_connections(1).connect(url).await?;
        if file {
            // Kept in the file: set once, every later connection reads in WAL mode.
            sqlx::query("PRAGMA journal_mode = WAL").execute(&write).await?;
        }
        MIGRATIONS.run(&write).await?;
        upgrade_user_roles(&write).await?;
        let read = connect(4).connect(url).await?;
        Ok(Store {
            backend: Backend::Sqlite,
            read,
            write,
            written: Arc::default(),
            channel: None,
        })
    }

    /// Opens a PostgreSQL database; with `schema`, in that schema (created if missing) instead of
    /// the role's default.
    pub(crate) async fn postgres(url: &str, schema: Option<&str>) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let url = match schema {
            Some(schema) => {
                let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(url).await?;
                admin
                    .execute(format!("CREATE SCHEMA IF NOT EXISTS {schema}").as_str())
                    .await?;
                let join = if url.contains('?') { '&' } else { '?' };
                format!("{url}{join}options=-c%20search_path%3D{schema}")
            }
            None => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(30))
            .connect(&url)
            .await?;
        MIGRATIONS_PG.run(&pool).await?;
        let written = Arc::default();
        let channel = writes_channel(schema);
        let me = uuid::Uuid::new_v4().simple().to_string();
        listen_for_writes(&url, &channel, &me, &written).await?;
        Ok(Store {
            backend: Backend::Postgres,
            read: pool.clone(),
            write: pool,
            written,
            channel: Some((channel.into(), me.into())),
        })
    }

    /// The database this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Moves everything SQLite's write-ahead log holds into the database file and empties the
    /// log: after a purge, no earlier page image remains on disk. (PostgreSQL reclaims deleted
    /// rows itself; its own write-ahead log is the operator's to keep or recycle.)
    pub async fn checkpoint(&self) -> Result<()> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.write)
                .await?;
        }
        Ok(())
    }

    /// Whether the database answers a query: what a readiness probe asks.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// How the connection pools are used now, for the operator's metrics.
    pub fn pools(&self) -> Vec<PoolUse> {
        let pools = match self.backend {
            Backend::Sqlite => vec![("read", &self.read), ("write", &self.write)],
            Backend::Postgres => vec![("postgres", &self.write)],
        };
        pools
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
    ///
    /// A PostgreSQL database is copied into a new SQLite file the same way a migration copies
    /// the other way (one snapshot, every table, verified): a portable logical dump that
    /// `pathways restore` puts back into either backend, and that any SQLite tool can read.
    pub async fn backup_to(&self, path: &str) -> Result<CopyReport> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::query("VACUUM INTO $1").bind(path).execute(&self.read).await?;
            }
            Backend::Postgres => {
                let file = Store::open(path).await?;
                let mut copied = self.copy_into(&file, false).await.map(|_| ());
                file.read.close().await;
                if copied.is_ok() {
                    // One self-contained file: the log merged in and no longer used, so that a
                    // reader that ignores logs (the check below opens it immutable) reads it all.
                    copied = async {
                        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                            .execute(&file.write)
                            .await?;
                        sqlx::query("PRAGMA journal_mode = DELETE").execute(&file.write).await?;
                        Ok(())
                    }
                    .await;
                }
                file.write.close().await;
                if let Err(e) = copied {
                    let _ = std::fs::remove_file(path);
                    return Err(e);
                }
            }
        }
        check_copy(path).await
    }

    /// Closes every connection (a SQLite file is then complete on disk, its log merged in).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }

    /// How many rows of Pathways data the database holds (0 for one just created).
    pub async fn rows_held(&self) -> Result<i64> {
        self.read().await?.rows_held().await
    }

    /// A transaction for changes. Dropping it without [`Tx::commit`] rolls everything back.
    ///
    /// Writers take turns on both backends — SQLite's single writing connection, PostgreSQL's
    /// advisory lock held to the end of the transaction — so a change that reads before it writes
    /// (the next version number, a uniqueness check) sees every change committed before it.
    pub async fn write(&self) -> Result<Tx> {
        let mut tx = self.write.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)::text")
                .bind(WRITE_LOCK)
                .execute(&mut *tx)
                .await?;
        }
        Ok(Tx {
            tx,
            backend: self.backend,
            written: Some(self.written.clone()),
            channel: self.channel.clone(),
        })
    }

    /// How many write transactions have committed since the store was opened: what a cache of
    /// anything read from it compares to know it is still current.
    pub fn writes(&self) -> u64 {
        self.written.load(Ordering::Acquire)
    }

    /// A consistent snapshot for reading.
    pub async fn read(&self) -> Result<Tx> {
        let mut tx = self.read.begin().await?;
        if self.backend == Backend::Postgres {
            // SQLite's read transaction sees one snapshot throughout; PostgreSQL's default would
            // see each statement's own.
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await?;
        }
        Ok(Tx {
            tx,
            backend: self.backend,
            written: None,
            channel: None,
        })
    }
}
