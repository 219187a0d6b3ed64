//! The e-mail outbox: messages written by the use cases inside the transaction of the change they
//! tell of, then sent by the server's mail loop, which records each attempt.

use serde::Serialize;

use crate::{Result, Tx, now};

/// A message waiting to be sent, or sent.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

impl Tx {
    pub async fn enqueue_mail(&mut self, recipient: &str, subject: &str, body: &str, link: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO mail_outbox (id, recipient, subject, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .bind(link)
        .bind(now())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Messages not sent yet and tried fewer than `max_attempts` times, the oldest first.
    pub async fn pending_mail(&mut self, max_attempts: i64, limit: i64) -> Result<Vec<OutgoingMail>> {
        Ok(sqlx::query_as(
            "SELECT * FROM mail_outbox WHERE sent_at IS NULL AND attempts < $1 ORDER BY created_at, id LIMIT $2",
        )
        .bind(max_attempts)
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?)
    }

    /// Records an attempt: sent, or failed with `error`.
    pub async fn mail_attempted(&mut self, id: &str, error: Option<&str>) -> Result<()> {
        sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1,
                    sent_at = CASE WHEN $2 IS NULL THEN $3 ELSE NULL END WHERE id = $4",
        )
        .bind(error)
        .bind(error)
        .bind(now())
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}
