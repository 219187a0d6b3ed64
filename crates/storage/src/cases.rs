//! Rows of screening: work-permit cases (fields, checks and decision as JSON, state and version
//! as columns), every version of a case, and the log of who read one. No rule lives here: `app`
//! decides who may read or write a case, `domain` what a valid case is.

use pathways_domain::screening::CaseState;
use serde::Serialize;
use serde_json::Value;

use crate::{Result, Tx, now};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredCase {
    pub id: String,
    pub economy: String,
    #[sqlx(try_from = "String")]
    pub state: CaseState,
    #[sqlx(json)]
    pub fields: Value,
    #[sqlx(json)]
    pub checks: Value,
    #[sqlx(json(nullable))]
    pub decision: Option<Value>,
    pub synthetic: bool,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// One read of a case's personal data.
#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct CaseRead {
    pub case_id: String,
    pub user_id: String,
    pub email: String,
    /// `ui` or `api`.
    pub channel: String,
    pub at: String,
}

impl Tx {
    /// Stores a new case at version 1, with its first version in the history.
    pub async fn insert_case(&mut self, c: &StoredCase) -> Result<()> {
        sqlx::query(
            "INSERT INTO cases (id, economy, state, fields, checks, decision, synthetic, version, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
        )
        .bind(&c.id)
        .bind(&c.economy)
        .bind(c.state.as_str())
        .bind(c.fields.to_string())
        .bind(c.checks.to_string())
        .bind(c.decision.as_ref().map(Value::to_string))
        .bind(c.synthetic)
        .bind(&c.created_by)
        .bind(&c.created_at)
        .bind(&c.updated_at)
        .execute(&mut *self.tx)
        .await?;
        self.append_case_version(&c.id, 1, &c.created_by).await
    }

    async fn append_case_version(&mut self, id: &str, version: i64, by: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_versions (case_id, version, state, fields, checks, decision, changed_by, changed_at)
             SELECT id, ?, state, fields, checks, decision, ?, ? FROM cases WHERE id = ?",
        )
        .bind(version)
        .bind(by)
        .bind(now())
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn case(&mut self, id: &str) -> Result<Option<StoredCase>> {
        Ok(sqlx::query_as("SELECT * FROM cases WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?)
    }

    /// The cases of one economy, the most recently changed first.
    pub async fn cases_of(&mut self, economy: &str, limit: i64) -> Result<Vec<StoredCase>> {
        Ok(
            sqlx::query_as("SELECT * FROM cases WHERE economy = ? ORDER BY updated_at DESC, id LIMIT ?")
                .bind(economy)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?,
        )
    }

    /// Records that `user` read the case through `channel` (`ui` or `api`).
    pub async fn log_case_read(&mut self, case: &StoredCase, user_id: &str, email: &str, channel: &str) -> Result<()> {
        sqlx::query("INSERT INTO case_reads (case_id, economy, user_id, email, channel, at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(&case.id)
            .bind(&case.economy)
            .bind(user_id)
            .bind(email)
            .bind(channel)
            .bind(now())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Who read a case, the most recent first.
    pub async fn case_reads(&mut self, id: &str) -> Result<Vec<CaseRead>> {
        Ok(sqlx::query_as(
            "SELECT case_id, user_id, email, channel, at FROM case_reads WHERE case_id = ? ORDER BY id DESC",
        )
        .bind(id)
        .fetch_all(&mut *self.tx)
        .await?)
    }
}
