//! Rows of federated identity linkage: the keys the economies agreed (`federation_keys`), the
//! instance's own pseudonym key (`instance_secrets`), the encoded registers received from other
//! economies (`encoded_registers`, the file as imported) and the pseudonyms an economy's exports
//! gave its records (`pseudonyms`).

use serde::Serialize;

use crate::sql::Sql;
use crate::{Result, Tx, now};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FederationKey {
    pub fingerprint: String,
    pub secret: Vec<u8>,
    pub added_by: String,
    pub added_at: String,
    pub retired_at: Option<String>,
}

/// An encoded register as stored, without its body.
#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct EncodedRegister {
    pub id: String,
    pub from_economy: String,
    /// `None`: published to every other economy of this deployment.
    pub into_economy: Option<String>,
    pub key_fingerprint: String,
    pub exported_at: String,
    pub records: i64,
    pub sha256: String,
    pub imported_by: String,
    pub imported_at: String,
}

const REGISTER_COLUMNS: &str =
    "id, from_economy, into_economy, key_fingerprint, exported_at, records, sha256, imported_by, imported_at";

impl Tx {
    pub async fn insert_federation_key(&mut self, fingerprint: &str, secret: &[u8], by: &str) -> Result<()> {
        self.refusable(
            sqlx::query(
                "INSERT INTO federation_keys (fingerprint, secret, added_by, added_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(fingerprint)
            .bind(secret)
            .bind(by)
            .bind(now()),
            "federation key",
        )
        .await?;
        Ok(())
    }

    /// Retires a key; false when there is no such key still in use.
    pub async fn retire_federation_key(&mut self, fingerprint: &str) -> Result<bool> {
        let n = sqlx::query("UPDATE federation_keys SET retired_at = $1 WHERE fingerprint = $2 AND retired_at IS NULL")
            .bind(now())
            .bind(fingerprint)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Every key, the newest first.
    pub async fn federation_keys(&mut self) -> Result<Vec<FederationKey>> {
        self.all("SELECT * FROM federation_keys ORDER BY added_at DESC, fingerprint", &[])
            .await
    }

    /// The instance's secret of that name, made (from `fresh`) and kept on first use.
    pub async fn instance_secret(&mut self, name: &str, fresh: &[u8]) -> Result<Vec<u8>> {
        sqlx::query("INSERT INTO instance_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(fresh)
            .execute(&mut *self.tx)
            .await?;
        Ok(
            sqlx::query_scalar("SELECT secret FROM instance_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(&mut *self.tx)
                .await?,
        )
    }

    /// Stores an encoded register in place of the earlier one of the same route.
    pub async fn replace_encoded_register(&mut self, r: &EncodedRegister, body: &[u8]) -> Result<()> {
        sqlx::query(
            "DELETE FROM encoded_registers WHERE from_economy = $1 AND COALESCE(into_economy, '') = COALESCE($2, '')",
        )
        .bind(&r.from_economy)
        .bind(&r.into_economy)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO encoded_registers (id, from_economy, into_economy, key_fingerprint, exported_at, records, sha256,
             body, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&r.id)
        .bind(&r.from_economy)
        .bind(&r.into_economy)
        .bind(&r.key_fingerprint)
        .bind(&r.exported_at)
        .bind(r.records)
        .bind(&r.sha256)
        .bind(body)
        .bind(&r.imported_by)
        .bind(&r.imported_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The encoded registers an economy's cases are matched against: those imported into it and
    /// those the other economies of the deployment published.
    pub async fn encoded_registers_for(&mut self, economy: &str) -> Result<Vec<EncodedRegister>> {
        let sql = format!(
            "SELECT {REGISTER_COLUMNS} FROM encoded_registers
             WHERE into_economy = $1 OR (into_economy IS NULL AND from_economy <> $2) ORDER BY from_economy, imported_at"
        );
        self.all(&sql, &[economy, economy]).await
    }

    /// Every encoded register held, without bodies.
    pub async fn encoded_registers(&mut self) -> Result<Vec<EncodedRegister>> {
        let sql = format!("SELECT {REGISTER_COLUMNS} FROM encoded_registers ORDER BY from_economy, imported_at");
        self.all(&sql, &[]).await
    }

    pub async fn encoded_register_body(&mut self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(sqlx::query_scalar("SELECT body FROM encoded_registers WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?)
    }

    /// Records the pseudonyms an export gave (a record keeps its pseudonym from export to export).
    pub async fn insert_pseudonyms(&mut self, economy: &str, pairs: &[(String, String)]) -> Result<()> {
        for chunk in pairs.chunks(5000) {
            let mut q = Sql::new("INSERT INTO pseudonyms (pseudonym, economy, record_id)");
            q.values(chunk, |b, (pseudonym, record)| {
                b.bind(pseudonym.clone())?
                    .bind(economy.to_string())?
                    .bind(record.clone())?;
                Ok(())
            })?;
            // A record keeps the pseudonym it was given first.
            q.push(" ON CONFLICT DO NOTHING");
            let (text, args) = q.into_parts();
            sqlx::query_with(&text, args).execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// The record an economy's pseudonym stands for.
    pub async fn pseudonym_record(&mut self, economy: &str, pseudonym: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT record_id FROM pseudonyms WHERE pseudonym = $1 AND economy = $2")
                .bind(pseudonym)
                .bind(economy)
                .fetch_optional(&mut *self.tx)
                .await?,
        )
    }
}
