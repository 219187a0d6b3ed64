//! Rows of the events tables: consultations and workshops (validated JSON bodies with an owner and
//! a version) and their attachments.

use pathways_domain::states::FindingStatus;
use serde::Serialize;

use crate::docs::StoredDoc;
use crate::{Result, Tx};

/// A consultation or workshop: its body is a `domain::event::Event`.
pub type StoredEvent = StoredDoc;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredAttachment {
    pub id: String,
    pub event_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// Empty when the attachments of an event are listed (the query leaves the bytes out).
    #[serde(skip)]
    #[sqlx(default)]
    pub bytes: Vec<u8>,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

impl Tx {
    pub async fn insert_attachment(&mut self, a: &StoredAttachment) -> Result<()> {
        sqlx::query(
            "INSERT INTO attachments (id, event_id, file_name, content_type, size, sha256, bytes, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&a.id)
        .bind(&a.event_id)
        .bind(&a.file_name)
        .bind(&a.content_type)
        .bind(a.size)
        .bind(&a.sha256)
        .bind(&a.bytes)
        .bind(&a.uploaded_by)
        .bind(&a.uploaded_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// An event's attachments, without their bytes.
    pub async fn attachments(&mut self, event_id: &str) -> Result<Vec<StoredAttachment>> {
        self.all(
            "SELECT id, event_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at FROM attachments
             WHERE event_id = $1 ORDER BY uploaded_at, id",
            &[event_id],
        )
        .await
    }

    pub async fn attachment(&mut self, id: &str) -> Result<Option<StoredAttachment>> {
        self.one("SELECT * FROM attachments WHERE id = $1", id).await
    }
}

/// An analyst's decision on a candidate finding.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FindingDecision {
    pub key: String,
    #[sqlx(try_from = "String")]
    pub status: FindingStatus,
    pub text: Option<String>,
    pub version: i64,
    pub decided_by: String,
    pub decided_at: String,
}

impl Tx {
    pub async fn finding_decisions(&mut self) -> Result<Vec<FindingDecision>> {
        self.all(
            "SELECT key, status, text, version, decided_by, decided_at FROM finding_decisions ORDER BY key",
            &[],
        )
        .await
    }

    /// Records a decision if the stored one is still at `expected` (0 = none yet); `false` when
    /// someone decided in between.
    pub async fn decide_finding(&mut self, d: &FindingDecision, expected: i64) -> Result<bool> {
        let n = if expected == 0 {
            sqlx::query(
                "INSERT INTO finding_decisions (key, status, text, version, decided_by, decided_at) VALUES ($1, $2, $3, 1, $4, $5)
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(&d.key)
            .bind(d.status.as_str())
            .bind(&d.text)
            .bind(&d.decided_by)
            .bind(&d.decided_at)
            .execute(&mut *self.tx)
            .await?
            .rows_affected()
        } else {
            sqlx::query(
                "UPDATE finding_decisions SET status = $1, text = $2, version = version + 1, decided_by = $3, decided_at = $4
                 WHERE key = $5 AND version = $6",
            )
            .bind(d.status.as_str())
            .bind(&d.text)
            .bind(&d.decided_by)
            .bind(&d.decided_at)
            .bind(&d.key)
            .bind(expected)
            .execute(&mut *self.tx)
            .await?
            .rows_affected()
        };
        Ok(n == 1)
    }
}
