//! Rows of identity linkage: the person registers an economy imports (`person_imports`,
//! `person_records`), the rows its in-memory person index is rebuilt from (its cases and those
//! records), the links the engine suggests and officers decide (`identity_links`), and the
//! versions of the parameters it scores with (`linkage_params`).

use pathways_domain::identity::{LinkState, PersonRecordKind};
use serde::Serialize;

use crate::sql::Sql;
use crate::{Result, Tx};

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct PersonImport {
    pub id: String,
    pub economy: String,
    #[sqlx(try_from = "String")]
    pub kind: PersonRecordKind,
    pub file: String,
    pub rows: i64,
    /// The unreadable values per column (JSON of `linkage::quality::Unreadable`).
    pub unreadable: String,
    pub imported_by: String,
    pub imported_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct PersonRecord {
    pub id: String,
    pub import_id: String,
    pub economy: String,
    #[sqlx(try_from = "String")]
    pub kind: PersonRecordKind,
    /// The line of the imported file.
    pub line: i64,
    pub given_name: String,
    pub surname: String,
    pub full_name: String,
    pub date_of_birth: String,
    pub sex: String,
    pub nationality: String,
    pub passport_number: String,
    /// The day of what the record tells (the permit's issue, the crossing, the report).
    pub event_date: String,
    /// What happened, as the register says it.
    pub event: String,
}

impl PersonRecord {
    /// The record's identity, as the person index reads it.
    pub fn identity(&self) -> IndexRow {
        IndexRow {
            id: self.id.clone(),
            given_name: self.given_name.clone(),
            surname: self.surname.clone(),
            full_name: self.full_name.clone(),
            date_of_birth: self.date_of_birth.clone(),
            sex: self.sex.clone(),
            nationality: self.nationality.clone(),
            passport_number: self.passport_number.clone(),
        }
    }
}

/// One record of an economy's person index: a case or a person record, its identity only.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct IndexRow {
    pub id: String,
    pub given_name: String,
    pub surname: String,
    pub full_name: String,
    pub date_of_birth: String,
    pub sex: String,
    pub nationality: String,
    pub passport_number: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct StoredLink {
    pub id: String,
    pub economy: String,
    /// The newer record (a case).
    pub left_id: String,
    /// The earlier record (a case or a person record).
    pub right_id: String,
    pub probability: f64,
    pub weight: f64,
    /// Per field, the level and its weight (JSON of `domain::identity::FieldComparison`s).
    pub comparison: String,
    pub rule: String,
    #[sqlx(try_from = "String")]
    pub state: LinkState,
    pub note: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// The version of the parameters that scored it.
    pub params: i64,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct StoredParams {
    pub economy: String,
    pub version: i64,
    /// JSON of `linkage::index::Params`.
    pub params: String,
    /// JSON: before and after on the held-back decided pairs.
    pub evaluation: String,
    pub note: String,
    pub created_by: String,
    pub created_at: String,
}

impl Tx {
    pub async fn insert_person_import(&mut self, i: &PersonImport) -> Result<()> {
        self.refusable(
            sqlx::query(
                "INSERT INTO person_imports (id, economy, kind, file, rows, unreadable, imported_by, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&i.id)
            .bind(&i.economy)
            .bind(i.kind.as_str())
            .bind(&i.file)
            .bind(i.rows)
            .bind(&i.unreadable)
            .bind(&i.imported_by)
            .bind(&i.imported_at),
            "person import",
        )
        .await?;
        Ok(())
    }

    pub async fn insert_person_records(&mut self, records: &[PersonRecord]) -> Result<()> {
        // 14 parameters a row; SQLite allows 32,766 a statement.
        for chunk in records.chunks(1000) {
            let mut q = Sql::new(
                "INSERT INTO person_records (id, import_id, economy, kind, line, given_name, surname, full_name,
                 date_of_birth, sex, nationality, passport_number, event_date, event)",
            );
            q.values(chunk, |b, r| {
                b.bind(r.id.clone())?
                    .bind(r.import_id.clone())?
                    .bind(r.economy.clone())?
                    .bind(r.kind.as_str())?
                    .bind(r.line)?
                    .bind(r.given_name.clone())?
                    .bind(r.surname.clone())?
                    .bind(r.full_name.clone())?
                    .bind(r.date_of_birth.clone())?
                    .bind(r.sex.clone())?
                    .bind(r.nationality.clone())?
                    .bind(r.passport_number.clone())?
                    .bind(r.event_date.clone())?
                    .bind(r.event.clone())?;
                Ok(())
            })?;
            let (text, args) = q.into_parts();
            self.refusable(sqlx::query_with(&text, args), "person record").await?;
        }
        Ok(())
    }

    /// An economy's person registers as imported, the newest first.
    pub async fn person_imports(&mut self, economy: &str) -> Result<Vec<PersonImport>> {
        self.all(
            "SELECT * FROM person_imports WHERE economy = $1 ORDER BY imported_at DESC, id DESC",
            &[economy],
        )
        .await
    }

    pub async fn person_record(&mut self, id: &str) -> Result<Option<PersonRecord>> {
        self.one("SELECT * FROM person_records WHERE id = $1", id).await
    }

    /// The identity of every record of an economy's person index: its cases not purged, then its
    /// person records, each in the order it was stored.
    pub async fn index_rows(&mut self, economy: &str) -> Result<Vec<IndexRow>> {
        let b = self.backend;
        let field = |name: &str| {
            format!(
                "COALESCE({}, '') AS {name}",
                b.json_field("fields", &format!("'{name}'"))
            )
        };
        let names = [
            "given_name",
            "surname",
            "full_name",
            "date_of_birth",
            "sex",
            "nationality",
            "passport_number",
        ];
        let order = b.stored_order();
        let sql = format!(
            "SELECT * FROM (
               SELECT 0 AS part, {order} AS stored, id, {}
               FROM cases WHERE economy = $1 AND purged_at IS NULL
               UNION ALL
               SELECT 1, {order}, id, {}
               FROM person_records WHERE economy = $2
             ) i ORDER BY part, stored",
            names.map(field).join(", "),
            names.join(", "),
        );
        self.all(&sql, &[economy, economy]).await
    }

    /// Stores suggested links; a pair already suggested gets the new score, a pair already decided
    /// keeps its decision (and is not suggested again).
    pub async fn upsert_links(&mut self, links: &[StoredLink]) -> Result<()> {
        for l in links {
            sqlx::query(
                "INSERT INTO identity_links (id, economy, left_id, right_id, probability, weight, comparison, rule, state,
                 note, decided_by, decided_at, params, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                 ON CONFLICT (economy, left_id, right_id) DO UPDATE SET
                   probability = excluded.probability, weight = excluded.weight, comparison = excluded.comparison,
                   rule = excluded.rule, params = excluded.params
                 WHERE identity_links.state = 'suggested'",
            )
            .bind(&l.id)
            .bind(&l.economy)
            .bind(&l.left_id)
            .bind(&l.right_id)
            .bind(l.probability)
            .bind(l.weight)
            .bind(&l.comparison)
            .bind(&l.rule)
            .bind(l.state.as_str())
            .bind(&l.note)
            .bind(&l.decided_by)
            .bind(&l.decided_at)
            .bind(l.params)
            .bind(&l.created_at)
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    /// Withdraws the suggestions about a record that the engine no longer makes (its case changed).
    pub async fn withdraw_suggestions(&mut self, economy: &str, left_id: &str, keep: &[String]) -> Result<()> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, right_id FROM identity_links WHERE economy = $1 AND left_id = $2 AND state = 'suggested'",
        )
        .bind(economy)
        .bind(left_id)
        .fetch_all(&mut *self.tx)
        .await?;
        for (id, right) in rows {
            if !keep.contains(&right) {
                sqlx::query("DELETE FROM identity_links WHERE id = $1")
                    .bind(id)
                    .execute(&mut *self.tx)
                    .await?;
            }
        }
        Ok(())
    }

    /// An economy's links in some states, the most probable first.
    pub async fn links(&mut self, economy: &str, states: &[LinkState], limit: i64) -> Result<Vec<StoredLink>> {
        let mut q = Sql::new("SELECT * FROM identity_links WHERE economy = ");
        q.bind(economy.to_string())?.push(" AND state IN (");
        for (i, s) in states.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind(s.as_str())?;
        }
        q.push(") ORDER BY probability DESC, created_at, id LIMIT ")
            .bind(limit)?;
        let (text, args) = q.into_parts();
        Ok(sqlx::query_as_with(&text, args).fetch_all(&mut *self.tx).await?)
    }

    pub async fn link(&mut self, id: &str) -> Result<Option<StoredLink>> {
        self.one("SELECT * FROM identity_links WHERE id = $1", id).await
    }

    /// The links with a record on either side.
    pub async fn links_of(&mut self, record: &str) -> Result<Vec<StoredLink>> {
        self.all(
            "SELECT * FROM identity_links WHERE left_id = $1 OR right_id = $2 ORDER BY probability DESC, id",
            &[record, record],
        )
        .await
    }

    /// Sets an officer's decision on a link; false when the link was decided otherwise since
    /// `expected` was read (nobody's decision is overwritten unseen).
    pub async fn decide_link(
        &mut self,
        id: &str,
        expected: LinkState,
        to: LinkState,
        note: &str,
        by: &str,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE identity_links SET state = $1, note = $2, decided_by = $3, decided_at = $4 WHERE id = $5 AND state = $6",
        )
        .bind(to.as_str())
        .bind(note)
        .bind(by)
        .bind(crate::now())
        .bind(id)
        .bind(expected.as_str())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// The pairs of an economy in one state (left, right).
    pub async fn link_pairs(&mut self, economy: &str, state: LinkState) -> Result<Vec<(String, String)>> {
        Ok(
            sqlx::query_as("SELECT left_id, right_id FROM identity_links WHERE economy = $1 AND state = $2")
                .bind(economy)
                .bind(state.as_str())
                .fetch_all(&mut *self.tx)
                .await?,
        )
    }

    pub async fn insert_params(&mut self, p: &StoredParams) -> Result<()> {
        self.refusable(
            sqlx::query(
                "INSERT INTO linkage_params (economy, version, params, evaluation, note, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&p.economy)
            .bind(p.version)
            .bind(&p.params)
            .bind(&p.evaluation)
            .bind(&p.note)
            .bind(&p.created_by)
            .bind(&p.created_at),
            "parameter version",
        )
        .await?;
        Ok(())
    }

    /// Every version of an economy's parameters, the newest first.
    pub async fn params_of(&mut self, economy: &str) -> Result<Vec<StoredParams>> {
        self.all(
            "SELECT * FROM linkage_params WHERE economy = $1 ORDER BY version DESC",
            &[economy],
        )
        .await
    }

    /// The version of an economy's parameters in use, when one was set.
    pub async fn params_in_use(&mut self, economy: &str) -> Result<Option<StoredParams>> {
        self.one(
            "SELECT p.* FROM linkage_params p JOIN linkage_params_in_use u ON u.economy = p.economy AND u.version = p.version
             WHERE p.economy = $1",
            economy,
        )
        .await
    }

    pub async fn use_params(&mut self, economy: &str, version: i64, by: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO linkage_params_in_use (economy, version, set_by, set_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (economy) DO UPDATE SET version = excluded.version, set_by = excluded.set_by, set_at = excluded.set_at",
        )
        .bind(economy)
        .bind(version)
        .bind(by)
        .bind(crate::now())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}
