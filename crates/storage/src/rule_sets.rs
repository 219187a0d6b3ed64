//! Rows of `rule_sets`: the versions of an economy's screening rules as its officers saved them,
//! append-only.

use serde::Serialize;

use crate::{Result, Tx};

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct StoredRuleSet {
    pub economy: String,
    pub version: i64,
    /// The economy's rows, in the format of `data/screening/rules.csv`.
    pub rules: String,
    /// Why the rules changed, in the officer's words.
    pub note: String,
    pub set_by: String,
    pub set_at: String,
}

impl Tx {
    /// Stores the next version of an economy's rules; false when `s.version` is taken (someone
    /// saved a version since the one the caller edited).
    pub async fn insert_rule_set(&mut self, s: &StoredRuleSet) -> Result<bool> {
        let n = sqlx::query(
            "INSERT INTO rule_sets (economy, version, rules, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (economy, version) DO NOTHING",
        )
        .bind(&s.economy)
        .bind(s.version)
        .bind(&s.rules)
        .bind(&s.note)
        .bind(&s.set_by)
        .bind(&s.set_at)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// The newest version of every economy's rules.
    pub async fn latest_rule_sets(&mut self) -> Result<Vec<StoredRuleSet>> {
        self.all(
            "SELECT * FROM rule_sets r WHERE version = (SELECT MAX(version) FROM rule_sets WHERE economy = r.economy)
             ORDER BY economy",
            &[],
        )
        .await
    }

    /// Every version of an economy's rules, the newest first.
    pub async fn rule_sets_of(&mut self, economy: &str) -> Result<Vec<StoredRuleSet>> {
        self.all(
            "SELECT * FROM rule_sets WHERE economy = $1 ORDER BY version DESC",
            &[economy],
        )
        .await
    }
}
