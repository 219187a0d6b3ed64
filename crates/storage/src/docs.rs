//! Tables of versioned JSON documents with an owner: events (consultations and workshops) and
//! roadmap actions share one row shape and one set of queries — insert, replace at a version,
//! soft-delete at a version, read — differing only in their table and their order.

use serde::Serialize;
use serde_json::Value;

use crate::{Backend, Result, Tx};

/// A validated JSON document with its owner (an economy; `None` for several) and version.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredDoc {
    pub id: String,
    pub owner: Option<String>,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub body: Value,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// The tables that hold [`StoredDoc`]s, each with the order its lists come in.
#[derive(Debug, Clone, Copy)]
pub enum DocTable {
    Events,
    Actions,
}

impl DocTable {
    fn name(self) -> &'static str {
        match self {
            DocTable::Events => "events",
            DocTable::Actions => "roadmap_actions",
        }
    }
    /// Events newest first; actions regional first, then by economy and start. NULLs are placed
    /// explicitly: SQLite and PostgreSQL put them at opposite ends by default.
    fn order(self, b: Backend) -> String {
        match self {
            DocTable::Events => format!("{} DESC NULLS LAST, id", b.json_field("body", "'date'")),
            DocTable::Actions => format!(
                "owner IS NOT NULL, owner, {} NULLS FIRST, id",
                b.json_field("body", "'start'")
            ),
        }
    }
}

impl Tx {
    pub async fn insert_doc(&mut self, t: DocTable, d: &StoredDoc) -> Result<()> {
        sqlx::query(&format!(
            "INSERT INTO {} (id, owner, body, version, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            t.name()
        ))
        .bind(&d.id)
        .bind(&d.owner)
        .bind(d.body.to_string())
        .bind(d.version)
        .bind(&d.created_by)
        .bind(&d.created_at)
        .bind(&d.updated_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Replaces a document still at `expected`; `false` when someone saved in between.
    pub async fn update_doc(
        &mut self,
        t: DocTable,
        id: &str,
        expected: i64,
        owner: Option<&str>,
        body: &Value,
        at: &str,
    ) -> Result<bool> {
        let n = sqlx::query(&format!(
            "UPDATE {} SET owner = $1, body = $2, version = version + 1, updated_at = $3
             WHERE id = $4 AND version = $5 AND deleted_at IS NULL",
            t.name()
        ))
        .bind(owner)
        .bind(body.to_string())
        .bind(at)
        .bind(id)
        .bind(expected)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Soft-deletes a document still at `expected`; the same optimistic check as `update_doc`, on
    /// purpose (a delete is a change like any other); `false` when someone saved in between.
    pub async fn delete_doc(&mut self, t: DocTable, id: &str, expected: i64, at: &str) -> Result<bool> {
        let n = sqlx::query(&format!(
            "UPDATE {} SET deleted_at = $1, version = version + 1 WHERE id = $2 AND version = $3 AND deleted_at IS NULL",
            t.name()
        ))
        .bind(at)
        .bind(id)
        .bind(expected)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    pub async fn doc(&mut self, t: DocTable, id: &str) -> Result<Option<StoredDoc>> {
        self.one(
            &format!("SELECT * FROM {} WHERE id = $1 AND deleted_at IS NULL", t.name()),
            id,
        )
        .await
    }

    pub async fn docs(&mut self, t: DocTable) -> Result<Vec<StoredDoc>> {
        self.all(
            &format!(
                "SELECT * FROM {} WHERE deleted_at IS NULL ORDER BY {}",
                t.name(),
                t.order(self.backend)
            ),
            &[],
        )
        .await
    }
}
