//! Rows of the questionnaire tables: questionnaire versions (the XLSForm file itself), rounds, and
//! responses with their append-only version history.

use serde::Serialize;
use serde_json::Value;

use pathways_domain::states::{ResponseState, RoundState};

use crate::{Result, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredQuestionnaire {
    pub id: String,
    pub form_id: String,
    pub version: String,
    pub title: String,
    pub file_name: String,
    #[serde(skip)]
    pub xlsx: Vec<u8>,
    pub sha256: String,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredRound {
    pub id: String,
    pub questionnaire_id: String,
    pub title: String,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub economies: Vec<String>,
    pub deadline: String,
    #[sqlx(try_from = "String")]
    pub state: RoundState,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredResponse {
    pub id: String,
    pub round_id: String,
    pub economy: String,
    #[sqlx(try_from = "String")]
    pub state: ResponseState,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub answers: Value,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub comments: Value,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

/// A kept version: the same fields as the response it was, on purpose (a snapshot).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ResponseVersion {
    pub version: i64,
    #[sqlx(try_from = "String")]
    pub state: ResponseState,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub answers: Value,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub comments: Value,
    pub by_email: String,
    pub at: String,
    pub note: Option<String>,
}

const RESPONSE_COLS: &str = "id, round_id, economy, state, answers, comments, version, updated_by, updated_at";

impl Tx {
    pub async fn insert_questionnaire(&mut self, q: &StoredQuestionnaire) -> Result<()> {
        self.refusable(sqlx::query(
            "INSERT INTO questionnaires (id, form_id, version, title, file_name, xlsx, sha256, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&q.id)
        .bind(&q.form_id)
        .bind(&q.version)
        .bind(&q.title)
        .bind(&q.file_name)
        .bind(&q.xlsx)
        .bind(&q.sha256)
        .bind(&q.created_by)
        .bind(&q.created_at), "form id and version").await?;
        Ok(())
    }

    pub async fn questionnaire(&mut self, id: &str) -> Result<Option<StoredQuestionnaire>> {
        self.one("SELECT * FROM questionnaires WHERE id = $1", id).await
    }

    pub async fn questionnaire_by_sha(&mut self, sha256: &str) -> Result<Option<StoredQuestionnaire>> {
        self.one("SELECT * FROM questionnaires WHERE sha256 = $1", sha256).await
    }

    pub async fn questionnaires(&mut self) -> Result<Vec<StoredQuestionnaire>> {
        self.all(
            "SELECT * FROM questionnaires ORDER BY created_at DESC, form_id, version",
            &[],
        )
        .await
    }

    pub async fn insert_round(&mut self, r: &StoredRound) -> Result<()> {
        sqlx::query(
            "INSERT INTO rounds (id, questionnaire_id, title, economies, deadline, state, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&r.id)
        .bind(&r.questionnaire_id)
        .bind(&r.title)
        .bind(serde_json::to_string(&r.economies)?)
        .bind(&r.deadline)
        .bind(r.state.as_str())
        .bind(&r.created_by)
        .bind(&r.created_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn set_round_state(&mut self, id: &str, state: RoundState) -> Result<bool> {
        let n = sqlx::query("UPDATE rounds SET state = $1 WHERE id = $2")
            .bind(state.as_str())
            .bind(id)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    pub async fn round(&mut self, id: &str) -> Result<Option<StoredRound>> {
        self.one("SELECT * FROM rounds WHERE id = $1", id).await
    }

    pub async fn rounds(&mut self) -> Result<Vec<StoredRound>> {
        self.all("SELECT * FROM rounds ORDER BY created_at DESC, id", &[]).await
    }

    /// Inserts a response at version 1 and records that version.
    pub async fn insert_response(&mut self, r: &StoredResponse, note: Option<&str>) -> Result<()> {
        self.refusable(
            sqlx::query(&format!(
                "INSERT INTO responses ({RESPONSE_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            ))
            .bind(&r.id)
            .bind(&r.round_id)
            .bind(&r.economy)
            .bind(r.state.as_str())
            .bind(r.answers.to_string())
            .bind(r.comments.to_string())
            .bind(r.version)
            .bind(&r.updated_by)
            .bind(&r.updated_at),
            "round and economy",
        )
        .await?;
        self.insert_response_version(r, note).await
    }

    async fn insert_response_version(&mut self, r: &StoredResponse, note: Option<&str>) -> Result<()> {
        sqlx::query(
            "INSERT INTO response_versions (response_id, version, state, answers, comments, by_email, at, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&r.id)
        .bind(r.version)
        .bind(r.state.as_str())
        .bind(r.answers.to_string())
        .bind(r.comments.to_string())
        .bind(&r.updated_by)
        .bind(&r.updated_at)
        .bind(note)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Replaces a response if it is still at `expected` (its version becomes `expected + 1`) and
    /// records the new version; `false` when someone saved in between.
    pub async fn update_response(&mut self, r: &StoredResponse, expected: i64, note: Option<&str>) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE responses SET state = $1, answers = $2, comments = $3, version = $4, updated_by = $5, updated_at = $6
             WHERE id = $7 AND version = $8",
        )
        .bind(r.state.as_str())
        .bind(r.answers.to_string())
        .bind(r.comments.to_string())
        .bind(expected + 1)
        .bind(&r.updated_by)
        .bind(&r.updated_at)
        .bind(&r.id)
        .bind(expected)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        let mut stored = r.clone();
        stored.version = expected + 1;
        self.insert_response_version(&stored, note).await?;
        Ok(true)
    }

    pub async fn response(&mut self, id: &str) -> Result<Option<StoredResponse>> {
        self.one(&format!("SELECT {RESPONSE_COLS} FROM responses WHERE id = $1"), id)
            .await
    }

    pub async fn responses(&mut self, round_id: &str) -> Result<Vec<StoredResponse>> {
        self.all(
            &format!("SELECT {RESPONSE_COLS} FROM responses WHERE round_id = $1 ORDER BY economy"),
            &[round_id],
        )
        .await
    }

    pub async fn response_versions(&mut self, id: &str) -> Result<Vec<ResponseVersion>> {
        self.all(
            "SELECT version, state, answers, comments, by_email, at, note FROM response_versions
             WHERE response_id = $1 ORDER BY version",
            &[id],
        )
        .await
    }
}
