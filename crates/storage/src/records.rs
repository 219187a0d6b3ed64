//! The generic records (reference data and what users keep of the mapping), the log of
//! reference dataset loads, and the audit log.

use serde::Serialize;
use serde_json::Value;
use sqlx::FromRow;
use sqlx::any::AnyRow;

use crate::sql::Sql;
use crate::{Result, Tx, now};

/// A row of the `records` table.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredRecord {
    pub id: String,
    pub kind: String,
    pub owner: Option<String>,
    pub version: i64,
    #[sqlx(try_from = "crate::columns::JsonText")]
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
    #[sqlx(try_from = "crate::columns::MaybeJson")]
    pub before: Option<Value>,
    #[sqlx(try_from = "crate::columns::MaybeJson")]
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

const RECORD_COLS: &str = "id, kind, owner, version, body, origin, created_at, updated_at, deleted_at";

fn record_from(row: &AnyRow) -> Result<StoredRecord> {
    Ok(StoredRecord::from_row(row)?)
}

impl Tx {
    // ---- records -------------------------------------------------------------------------------

    /// A record by id, including a deleted one (its tombstone).
    pub async fn record(&mut self, id: &str) -> Result<Option<StoredRecord>> {
        self.one(&format!("SELECT {RECORD_COLS} FROM records WHERE id = $1"), id)
            .await
    }

    pub async fn records(&mut self, q: &RecordQuery) -> Result<Vec<StoredRecord>> {
        let b = self.backend;
        let mut sql = Sql::new(format!("SELECT {RECORD_COLS} FROM records WHERE kind = "));
        sql.bind(q.kind.clone())?;
        if !q.include_deleted {
            sql.push(" AND deleted_at IS NULL");
        }
        if let Some(o) = &q.owner {
            sql.push(" AND owner = ").bind(o.clone())?;
        }
        for (f, v) in &q.fields {
            // Scalars compare directly; arrays (e.g. an institution's stages) match on membership.
            let (key, value) = (format!("${}", sql.bound() + 1), format!("${}", sql.bound() + 2));
            sql.push(&format!(
                " AND (CASE WHEN {} THEN EXISTS (SELECT 1 FROM {} WHERE CAST(e.value AS TEXT) = {value}) \
                 ELSE CAST({} AS TEXT) = {value} END)",
                b.json_is_array("body", &key),
                b.json_elements("body", Some(&key), "e"),
                b.json_field("body", &key),
            ));
            sql.skip_bind(f.clone())?.skip_bind(v.clone())?;
        }
        if let Some(t) = &q.text {
            let needle = format!("lower(${})", sql.bound() + 1);
            sql.push(" AND ").push(&b.contains("lower(body)", &needle));
            sql.skip_bind(t.clone())?;
        }
        // SQLite puts NULLs first, PostgreSQL last: said, so both list regional records first.
        sql.push(" ORDER BY owner NULLS FIRST, id");
        let (text, args) = sql.into_parts();
        let rows = sqlx::query_with(&text, args).fetch_all(&mut *self.tx).await?;
        rows.iter().map(record_from).collect()
    }

    pub async fn insert_record(&mut self, r: &NewRecord<'_>) -> Result<()> {
        let now = now();
        self.refusable(
            sqlx::query(
                "INSERT INTO records (id, kind, owner, natural_key, version, body, origin, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8)",
            )
            .bind(r.id)
            .bind(r.kind)
            .bind(r.owner)
            .bind(r.natural_key)
            .bind(r.body.to_string())
            .bind(r.origin)
            .bind(&now)
            .bind(&now),
            if r.natural_key.is_some() { "key" } else { "id" },
        )
        .await?;
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
        let done = self
            .refusable(
                sqlx::query(
                    "UPDATE records SET body = $1, owner = $2, natural_key = $3, version = version + 1, updated_at = $4
             WHERE id = $5 AND version = $6 AND deleted_at IS NULL",
                )
                .bind(body.to_string())
                .bind(owner)
                .bind(natural_key)
                .bind(now())
                .bind(id)
                .bind(expected),
                "key",
            )
            .await?;
        Ok((done.rows_affected() == 1).then_some(expected + 1))
    }

    /// Marks a record deleted (keeping its row, so history and reference loads can see it).
    pub async fn delete_record(&mut self, id: &str, expected: i64) -> Result<Option<i64>> {
        let done = sqlx::query(
            "UPDATE records SET deleted_at = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4 AND deleted_at IS NULL",
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
        let field = self.backend.json_field("body", "$1");
        for f in fields {
            let rows = sqlx::query(&format!(
                "SELECT {RECORD_COLS} FROM records WHERE deleted_at IS NULL AND {field} = $2"
            ))
            .bind(f.to_string())
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
            "SELECT count(*) FROM records WHERE kind = $1 AND deleted_at IS NULL AND ($2 IS NULL OR owner = $2)",
        )
        .bind(kind)
        .bind(owner)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    // ---- reference dataset loads ---------------------------------------------------------------

    pub async fn dataset_loaded(&mut self, hash: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM dataset_loads WHERE hash = $1")
            .bind(hash)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(n > 0)
    }

    pub async fn mark_dataset_loaded(&mut self, hash: &str, inserted: i64) -> Result<()> {
        sqlx::query("INSERT INTO dataset_loads (hash, loaded_at, inserted) VALUES ($1, $2, $3)")
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
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING seq",
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
             WHERE ($1 IS NULL OR entity_id = $1) AND ($2 IS NULL OR owner = $2) AND ($3 IS NULL OR actor_email = $3)
               AND ($4 IS NULL OR seq < $4) AND ($6 IS NULL OR entity_kind = $6)
             ORDER BY seq DESC LIMIT $5",
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
