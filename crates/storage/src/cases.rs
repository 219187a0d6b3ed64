//! Rows of screening: work-permit cases (fields, checks and decision as JSON, state and version
//! as columns, the keys the checks search by beside them), every version of a case, the log of
//! who read one, what happened after its decision, and its purge (the verification requests are
//! in `requests.rs`). No rule lives here: `app` decides who may read or write a case, `domain`
//! what a valid case is.

use pathways_domain::screening::{CaseState, OutcomeKind};
use serde::Serialize;
use serde_json::Value;

use crate::sql::Sql;
use crate::{Backend, Result, Tx, now};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredCase {
    pub id: String,
    pub economy: String,
    #[sqlx(try_from = "String")]
    pub state: CaseState,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub fields: Value,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub checks: Value,
    #[sqlx(try_from = "crate::columns::MaybeJson")]
    pub decision: Option<Value>,
    #[sqlx(try_from = "crate::columns::Flag")]
    pub synthetic: bool,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    #[sqlx(flatten)]
    pub keys: CaseKeys,
    /// When a retention purge removed the person's data (set by the purge only).
    #[sqlx(default)]
    pub purged_at: Option<String>,
}

/// What the checks search cases by, kept in columns beside the JSON fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, sqlx::FromRow)]
pub struct CaseKeys {
    /// `YYYY-MM-DD`.
    pub applied_on: String,
    /// The employer's register id when it was found, else its name, as a key (`register::key`).
    pub employer_key: String,
    pub passport_key: String,
    /// The date of birth as typed (`YYYY-MM-DD` or `YYYY`).
    pub birth: String,
    pub nationality: String,
    /// The surname (or the full name) as a key, for finding a case by name.
    pub name_key: String,
}

/// A case as it is first stored: undecided, at version 1, its fields and checks already JSON
/// (an import serialises them once, not through a `Value`).
#[derive(Debug, Clone)]
pub struct NewCase {
    pub id: String,
    pub economy: String,
    pub state: CaseState,
    pub fields: String,
    pub checks: String,
    pub synthetic: bool,
    pub created_by: String,
    pub created_at: String,
    pub keys: CaseKeys,
}

/// A case as the employer-volume check of another case sees it: its keys.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CasePeer {
    pub id: String,
    #[sqlx(flatten)]
    pub keys: CaseKeys,
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

/// Which of an economy's cases to list.
#[derive(Debug, Clone)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    /// A passport number, as a key (`register::key`).
    pub passport: Option<String>,
    /// The start of a surname (or of a full name), as a key.
    pub name: Option<String>,
    pub nationality: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Which open cases to list.
#[derive(Debug, Clone, Copy)]
pub enum OpenBy {
    Economy,
    Nationality,
}

/// Something that happened after a decision.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredOutcome {
    pub case_id: String,
    #[sqlx(try_from = "String")]
    pub kind: OutcomeKind,
    /// `YYYY-MM-DD`: when it happened.
    pub day: String,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// One version of a case in its history: what state it was in, who made it, when (the fields of
/// each version are kept too, for an access request).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CaseVersion {
    pub version: i64,
    pub state: String,
    pub changed_by: String,
    pub changed_at: String,
}

/// What a purge keeps of a case: the residue the figures need.
#[derive(Debug, Clone)]
pub struct Residue {
    pub fields: Value,
    pub checks: Value,
    pub decision: Option<Value>,
}

impl Tx {
    /// Stores a new case at version 1, with its first version in the history.
    /// Stores a new case with its first version (its decision, if any, is not: a case is
    /// decided through `decide_case`).
    pub async fn insert_case(&mut self, c: &StoredCase) -> Result<()> {
        self.insert_cases(&[NewCase {
            id: c.id.clone(),
            economy: c.economy.clone(),
            state: c.state,
            fields: c.fields.to_string(),
            checks: c.checks.to_string(),
            synthetic: c.synthetic,
            created_by: c.created_by.clone(),
            created_at: c.created_at.clone(),
            keys: c.keys.clone(),
        }])
        .await
    }

    /// Stores new cases with their first version, many rows to a statement: an import of
    /// 100,000 cases spends its time in SQLite, not in a round trip per row.
    pub async fn insert_cases(&mut self, cases: &[NewCase]) -> Result<()> {
        // 16 parameters a row; SQLite allows 32,766 a statement.
        for chunk in cases.chunks(500) {
            let mut q = Sql::new(
                "INSERT INTO cases (id, economy, state, fields, checks, synthetic, version, created_by,
                                    created_at, updated_at, applied_on, employer_key, passport_key, birth, nationality, name_key)",
            );
            q.values(chunk, |b, c| {
                b.bind(c.id.clone())?
                    .bind(c.economy.clone())?
                    .bind(c.state.as_str())?
                    .bind(c.fields.clone())?
                    .bind(c.checks.clone())?
                    .bind(i64::from(c.synthetic))?
                    .bind(1_i64)?
                    .bind(c.created_by.clone())?
                    .bind(c.created_at.clone())?
                    .bind(c.created_at.clone())?
                    .bind(c.keys.applied_on.clone())?
                    .bind(c.keys.employer_key.clone())?
                    .bind(c.keys.passport_key.clone())?
                    .bind(c.keys.birth.clone())?
                    .bind(c.keys.nationality.clone())?
                    .bind(c.keys.name_key.clone())?;
                Ok(())
            })?;
            let (text, args) = q.into_parts();
            sqlx::query_with(&text, args).execute(&mut *self.tx).await?;
            let mut v =
                Sql::new("INSERT INTO case_versions (case_id, version, state, fields, checks, changed_by, changed_at)");
            v.values(chunk, |b, c| {
                b.bind(c.id.clone())?
                    .bind(1_i64)?
                    .bind(c.state.as_str())?
                    .bind(c.fields.clone())?
                    .bind(c.checks.clone())?
                    .bind(c.created_by.clone())?
                    .bind(c.created_at.clone())?;
                Ok(())
            })?;
            let (text, args) = v.into_parts();
            sqlx::query_with(&text, args).execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// The keys of every case of an economy (for the employer's applications): read once by an
    /// import or a re-check of many cases instead of a query per case.
    pub async fn case_peers(&mut self, economy: &str) -> Result<Vec<CasePeer>> {
        Ok(sqlx::query_as(
            "SELECT id, applied_on, employer_key, passport_key, birth, nationality, name_key
             FROM cases WHERE economy = $1 ORDER BY created_at, id",
        )
        .bind(economy)
        .fetch_all(&mut *self.tx)
        .await?)
    }

    async fn append_case_version(&mut self, id: &str, version: i64, by: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_versions (case_id, version, state, fields, checks, decision, changed_by, changed_at)
             SELECT id, $1, state, fields, checks, decision, $2, $3 FROM cases WHERE id = $4",
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
        self.one("SELECT * FROM cases WHERE id = $1", id).await
    }

    /// The cases of one economy that pass `f`, the most recently changed first.
    pub async fn cases_of(&mut self, economy: &str, f: &CaseFilter) -> Result<Vec<StoredCase>> {
        // The page is chosen on the indexes alone (rowids, in order), then only its rows are
        // read: sorting the matches' whole rows would read every matching case.
        // The index is named: without statistics SQLite prefers the one that spares it the sort
        // (the economy's, by change) and reads 100,000 rows to find one passport number.
        let index = if f.passport.is_some() {
            "cases_by_passport"
        } else if f.name.is_some() {
            "cases_by_name_state_then_change"
        } else if f.nationality.is_some() {
            "cases_by_nationality_then_change"
        } else if f.state.is_some() {
            "cases_by_state"
        } else {
            "cases_by_economy"
        };
        // SQLite is told the index; PostgreSQL's planner has statistics to choose by.
        let (order, indexed) = match self.backend {
            Backend::Sqlite => ("rowid", format!(" INDEXED BY {index}")),
            Backend::Postgres => ("seq", String::new()),
        };
        let mut q = Sql::new(format!(
            "SELECT * FROM cases WHERE {order} IN (SELECT {order} FROM cases{indexed} WHERE economy = "
        ));
        q.bind(economy.to_string())?;
        if let Some(state) = f.state {
            q.push(" AND state = ").bind(state.as_str())?;
        }
        if let Some(passport) = f.passport.as_deref() {
            q.push(" AND passport_key = ").bind(passport.to_string())?;
        }
        if let Some(name) = f.name.as_deref() {
            q.push(" AND name_key >= ").bind(name.to_string())?;
            q.push(" AND name_key < ").bind(format!("{name}\u{10FFFF}"))?;
        }
        if let Some(nat) = f.nationality.as_deref() {
            q.push(" AND nationality = ").bind(nat.to_string())?;
        }
        q.push(&format!(" ORDER BY updated_at DESC, {order} DESC LIMIT "))
            .bind(f.limit)?;
        q.push(" OFFSET ").bind(f.offset)?;
        q.push(&format!(") ORDER BY updated_at DESC, {order} DESC"));
        let (text, args) = q.into_parts();
        Ok(sqlx::query_as_with(&text, args).fetch_all(&mut *self.tx).await?)
    }

    /// Records that `user` read each of `cases` through `channel`, as a list shows them.
    pub async fn log_case_list(
        &mut self,
        cases: &[StoredCase],
        user_id: &str,
        email: &str,
        channel: &str,
    ) -> Result<()> {
        let at = now();
        for chunk in cases.chunks(150) {
            let mut q = Sql::new("INSERT INTO case_reads (case_id, economy, user_id, email, channel, at)");
            q.values(chunk, |b, c| {
                b.bind(c.id.clone())?
                    .bind(c.economy.clone())?
                    .bind(user_id.to_string())?
                    .bind(email.to_string())?
                    .bind(channel.to_string())?
                    .bind(at.clone())?;
                Ok(())
            })?;
            let (text, args) = q.into_parts();
            sqlx::query_with(&text, args).execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// Records that `user` read the case through `channel` (`ui` or `api`).
    pub async fn log_case_read(&mut self, case: &StoredCase, user_id: &str, email: &str, channel: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_reads (case_id, economy, user_id, email, channel, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
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
        self.all(
            "SELECT case_id, user_id, email, channel, at FROM case_reads WHERE case_id = $1 ORDER BY id DESC",
            &[id],
        )
        .await
    }

    /// Moves a case to `state` if it is still at `version`, and keeps the new version in its
    /// history; `false` (and nothing written) when someone changed it first.
    pub async fn move_case(&mut self, id: &str, version: i64, state: CaseState, by: &str) -> Result<bool> {
        self.change_case(id, version, state, None, by).await
    }

    /// Records a decision and moves the case to `decided`, on the same terms as [`Tx::move_case`].
    pub async fn decide_case(&mut self, id: &str, version: i64, decision: &Value, by: &str) -> Result<bool> {
        self.change_case(id, version, CaseState::Decided, Some(decision), by)
            .await
    }

    async fn change_case(
        &mut self,
        id: &str,
        version: i64,
        state: CaseState,
        decision: Option<&Value>,
        by: &str,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE cases SET state = $1, decision = COALESCE($2, decision), version = version + 1, updated_at = $3,
                    closed_at = CASE WHEN $1 = 'closed' THEN $3 ELSE closed_at END
             WHERE id = $4 AND version = $5",
        )
        .bind(state.as_str())
        .bind(decision.map(Value::to_string))
        .bind(now())
        .bind(id)
        .bind(version)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 1 {
            self.append_case_version(id, version + 1, by).await?;
        }
        Ok(n == 1)
    }

    /// Replaces a case's fields, checks and search keys if it is still at `version`; the new
    /// version joins the history. `false` (nothing written) when someone changed it first.
    pub async fn edit_case(
        &mut self,
        id: &str,
        version: i64,
        fields: &Value,
        checks: &Value,
        keys: &CaseKeys,
        by: &str,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE cases SET fields = $1, checks = $2, applied_on = $3, employer_key = $4, passport_key = $5, birth = $6,
                    nationality = $7, name_key = $8, version = version + 1, updated_at = $9
             WHERE id = $10 AND version = $11",
        )
        .bind(fields.to_string())
        .bind(checks.to_string())
        .bind(&keys.applied_on)
        .bind(&keys.employer_key)
        .bind(&keys.passport_key)
        .bind(&keys.birth)
        .bind(&keys.nationality)
        .bind(&keys.name_key)
        .bind(now())
        .bind(id)
        .bind(version)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 1 {
            self.append_case_version(id, version + 1, by).await?;
        }
        Ok(n == 1)
    }

    /// Stores the checks run again after a register changed, and the employer key they found.
    /// Not a new version: the officer's case did not change, what it was checked against did.
    pub async fn recheck_case(&mut self, id: &str, checks: &Value, employer_key: &str) -> Result<()> {
        sqlx::query("UPDATE cases SET checks = $1, employer_key = $2 WHERE id = $3")
            .bind(checks.to_string())
            .bind(employer_key)
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// The employer's applications in the economy lodged from `from` to `to` (inclusive).
    pub async fn employer_applications(
        &mut self,
        economy: &str,
        employer_key: &str,
        from: &str,
        to: &str,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM cases WHERE economy = $1 AND employer_key = $2 AND applied_on BETWEEN $3 AND $4",
        )
        .bind(economy)
        .bind(employer_key)
        .bind(from)
        .bind(to)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// The open cases (not decided, not closed) a register bears on: an economy's, or those of
    /// nationals of a Country of Origin in every economy.
    pub async fn open_cases_by(&mut self, column: OpenBy, code: &str) -> Result<Vec<StoredCase>> {
        let column = match column {
            OpenBy::Economy => "economy",
            OpenBy::Nationality => "nationality",
        };
        let sql = format!("SELECT * FROM cases WHERE {column} = $1 AND state NOT IN ('decided', 'closed')");
        self.all(&sql, &[code]).await
    }

    pub async fn insert_outcome(&mut self, economy: &str, o: &StoredOutcome) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_outcomes (case_id, economy, kind, day, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&o.case_id)
        .bind(economy)
        .bind(o.kind.as_str())
        .bind(&o.day)
        .bind(&o.note)
        .bind(&o.recorded_by)
        .bind(&o.recorded_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// A case's outcomes, in the order they happened.
    pub async fn outcomes(&mut self, case_id: &str) -> Result<Vec<StoredOutcome>> {
        self.all(
            "SELECT case_id, kind, day, note, recorded_by, recorded_at FROM case_outcomes WHERE case_id = $1 ORDER BY day, id",
            &[case_id],
        )
        .await
    }

    /// A case's versions, the first first.
    pub async fn case_history(&mut self, case_id: &str) -> Result<Vec<CaseVersion>> {
        self.all(
            "SELECT version, state, changed_by, changed_at FROM case_versions WHERE case_id = $1 ORDER BY version",
            &[case_id],
        )
        .await
    }

    /// Closed cases of `economy` closed on or before `before` and not yet purged.
    pub async fn cases_to_purge(&mut self, economy: &str, before: &str) -> Result<Vec<StoredCase>> {
        self.all(
            "SELECT * FROM cases WHERE economy = $1 AND state = 'closed' AND closed_at <= $2 AND purged_at IS NULL",
            &[economy, before],
        )
        .await
    }

    /// Removes the person from a case: its fields, checks and decision become the residue, its
    /// versions go, the excerpts and comments of its requests and the notes of its outcomes are
    /// cleared.
    pub async fn purge_case(&mut self, id: &str, r: &Residue) -> Result<()> {
        for sql in [
            "DELETE FROM case_versions WHERE case_id = $1",
            "DELETE FROM case_files WHERE case_id = $1",
            // A link keeps both records' levels of agreement: it goes with the person.
            "DELETE FROM identity_links WHERE left_id = $1 OR right_id = $1",
            // A later query about its pseudonym finds no record.
            "DELETE FROM pseudonyms WHERE record_id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *self.tx).await?;
        }
        sqlx::query(
            "UPDATE cases SET fields = $1, checks = $2, decision = $3, passport_key = '', birth = '', name_key = '', purged_at = $4 WHERE id = $5",
        )
        .bind(r.fields.to_string())
        .bind(r.checks.to_string())
        .bind(r.decision.as_ref().map(Value::to_string))
        .bind(now())
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query(
            "UPDATE verification_requests SET excerpt = '{}', question = '', comment = NULL WHERE case_id = $1",
        )
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("UPDATE case_outcomes SET note = '' WHERE case_id = $1")
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Every version of a case with its fields, for an access request.
    pub async fn case_versions_full(&mut self, id: &str) -> Result<Vec<Value>> {
        let rows: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT version, state, changed_by, changed_at, fields, decision FROM case_versions WHERE case_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(version, state, by, at, fields, decision)| {
                serde_json::json!({
                    "version": version, "state": state, "changed_by": by, "changed_at": at,
                    "fields": serde_json::from_str::<Value>(&fields).unwrap_or(Value::Null),
                    "decision": decision.and_then(|d| serde_json::from_str::<Value>(&d).ok()),
                })
            })
            .collect())
    }

    /// Other cases of an economy with the same passport key: the same person, for an access
    /// request.
    pub async fn cases_with_passport(
        &mut self,
        economy: &str,
        passport_key: &str,
        except: &str,
    ) -> Result<Vec<StoredCase>> {
        self.all(
            "SELECT * FROM cases WHERE economy = $1 AND passport_key = $2 AND passport_key <> '' AND id <> $3",
            &[economy, passport_key, except],
        )
        .await
    }
}
