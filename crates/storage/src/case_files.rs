//! Rows of `case_files`: the documents kept with a work-permit case or with one of its
//! verification requests, with their checksum. Listed without their bytes; read whole one at a
//! time; deleted only by a retention purge.

use serde::Serialize;

use crate::{Result, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredCaseFile {
    pub id: String,
    pub case_id: String,
    /// Set when the file goes with a verification request (and is seen by its Country of Origin).
    pub request_id: Option<String>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// Empty when files are listed (the query leaves the bytes out).
    #[serde(skip)]
    #[sqlx(default)]
    pub bytes: Vec<u8>,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// The columns of a listing: everything but the bytes.
const LISTED: &str = "id, case_id, request_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at";

impl Tx {
    pub async fn insert_case_file(&mut self, f: &StoredCaseFile) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_files (id, case_id, request_id, file_name, content_type, size, sha256, bytes, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&f.id)
        .bind(&f.case_id)
        .bind(&f.request_id)
        .bind(&f.file_name)
        .bind(&f.content_type)
        .bind(f.size)
        .bind(&f.sha256)
        .bind(&f.bytes)
        .bind(&f.uploaded_by)
        .bind(&f.uploaded_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Every file of a case, its requests' included, the oldest first, without their bytes.
    pub async fn case_files(&mut self, case_id: &str) -> Result<Vec<StoredCaseFile>> {
        self.all(
            &format!("SELECT {LISTED} FROM case_files WHERE case_id = $1 ORDER BY uploaded_at, id"),
            &[case_id],
        )
        .await
    }

    /// The files that go with a verification request, the oldest first, without their bytes.
    pub async fn request_files(&mut self, request_id: &str) -> Result<Vec<StoredCaseFile>> {
        self.all(
            &format!("SELECT {LISTED} FROM case_files WHERE request_id = $1 ORDER BY uploaded_at, id"),
            &[request_id],
        )
        .await
    }

    /// One file with its bytes.
    pub async fn case_file(&mut self, id: &str) -> Result<Option<StoredCaseFile>> {
        self.one("SELECT * FROM case_files WHERE id = $1", id).await
    }
}
