//! Rows of the verification requests a case officer sends about a case to the authority of a
//! Country of Origin: made once with an excerpt of the case, answered once (a trigger keeps it),
//! and reminded of when overdue. No rule lives here: `app` decides who may send, read or answer.

use pathways_domain::screening::VerificationSubject;
use serde::Serialize;
use serde_json::Value;

use crate::{Result, Tx, now};

/// A verification request to a Country of Origin's authority about one case.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredRequest {
    pub id: String,
    pub case_id: String,
    pub economy: String,
    pub country: String,
    #[sqlx(try_from = "String")]
    pub subject: VerificationSubject,
    pub question: String,
    /// The fields of the case the liaison needs to answer (name, date of birth, passport number,
    /// agency), copied when the request is made.
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub excerpt: Value,
    pub due: String,
    pub outcome: Option<String>,
    pub comment: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<String>,
    pub created_by: String,
    pub created_at: String,
    /// A query to another economy's case officers (about a record of theirs an encoded register
    /// matched), in place of the Country of Origin's liaisons.
    pub to_economy: Option<String>,
}

/// Which requests: those addressed to a country or to an economy, made by an economy, or about
/// one case.
#[derive(Debug, Clone, Copy)]
pub enum RequestsBy {
    /// Addressed to a Country of Origin.
    Country,
    /// Addressed to another economy's officers.
    ToEconomy,
    /// Made by an economy's officers.
    Economy,
    /// About one case.
    Case,
}

impl RequestsBy {
    /// The column that holds the code.
    pub(crate) fn column(self) -> &'static str {
        match self {
            RequestsBy::Country => "country",
            RequestsBy::ToEconomy => "to_economy",
            RequestsBy::Economy => "economy",
            RequestsBy::Case => "case_id",
        }
    }

    /// The condition on the code.
    pub(crate) fn condition(self) -> String {
        match self {
            // A query between economies names the person's country but is not the country's.
            RequestsBy::Country => "country = $1 AND to_economy IS NULL".into(),
            other => format!("{} = $1", other.column()),
        }
    }
}

impl Tx {
    pub async fn insert_request(&mut self, r: &StoredRequest) -> Result<()> {
        sqlx::query(
            "INSERT INTO verification_requests (id, case_id, economy, country, subject, question, excerpt, due, created_by,
             created_at, to_economy) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&r.id)
        .bind(&r.case_id)
        .bind(&r.economy)
        .bind(&r.country)
        .bind(r.subject.as_str())
        .bind(&r.question)
        .bind(r.excerpt.to_string())
        .bind(&r.due)
        .bind(&r.created_by)
        .bind(&r.created_at)
        .bind(&r.to_economy)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn request(&mut self, id: &str) -> Result<Option<StoredRequest>> {
        self.one("SELECT * FROM verification_requests WHERE id = $1", id).await
    }

    /// The requests addressed to a country, made by an economy or about a case, the newest first.
    pub async fn requests_where(&mut self, by: RequestsBy, code: &str) -> Result<Vec<StoredRequest>> {
        let sql = format!(
            "SELECT * FROM verification_requests WHERE {} ORDER BY created_at DESC, id",
            by.condition()
        );
        self.all(&sql, &[code]).await
    }

    /// Records the answer; `false` when the request was already answered (nothing changes).
    pub async fn answer_request(&mut self, id: &str, outcome: &str, comment: &str, by: &str) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE verification_requests SET outcome = $1, comment = $2, answered_by = $3, answered_at = $4
             WHERE id = $5 AND outcome IS NULL",
        )
        .bind(outcome)
        .bind(comment)
        .bind(by)
        .bind(now())
        .bind(id)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// How many requests about a case wait for an answer.
    pub async fn open_requests(&mut self, case_id: &str) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM verification_requests WHERE case_id = $1 AND outcome IS NULL")
                .bind(case_id)
                .fetch_one(&mut *self.tx)
                .await?,
        )
    }

    /// Unanswered requests past their due date whose liaisons were not reminded since `since`.
    pub async fn overdue_unreminded(&mut self, today: &str, since: &str) -> Result<Vec<StoredRequest>> {
        self.all(
            "SELECT * FROM verification_requests WHERE outcome IS NULL AND due < $1
             AND (reminded_at IS NULL OR reminded_at < $2) ORDER BY due, id",
            &[today, since],
        )
        .await
    }

    pub async fn mark_reminded(&mut self, id: &str) -> Result<()> {
        sqlx::query("UPDATE verification_requests SET reminded_at = $1 WHERE id = $2 AND outcome IS NULL")
            .bind(now())
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}
