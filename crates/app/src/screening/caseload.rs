//! An economy's cases as the employer-volume check of another case sees them, held in memory:
//! the employer's applications per day. An import of 100,000 cases, or the re-check after a
//! register changed, reads the economy once and keeps the counts current as it writes, instead
//! of a query per case; the answers are those the store's query gives
//! (`Tx::employer_applications`), which a single case's checks still use. (Whether a case is the
//! same person as another is the person index's question, see `identity`.)

use std::collections::{BTreeMap, HashMap};

use pathways_storage::{CaseKeys, CasePeer};

/// Employer key → application day → how many applications that day.
#[derive(Debug, Default)]
pub(crate) struct Caseload {
    by_employer: HashMap<String, BTreeMap<String, u32>>,
}

impl Caseload {
    pub(crate) fn new(rows: Vec<CasePeer>) -> Caseload {
        let mut c = Caseload::default();
        for r in rows {
            c.add(&r.keys);
        }
        c
    }

    /// Counts a case in from now on.
    pub(crate) fn add(&mut self, keys: &CaseKeys) {
        self.count(&keys.employer_key, &keys.applied_on, 1);
    }

    fn count(&mut self, employer: &str, day: &str, delta: i64) {
        let days = self.by_employer.entry(employer.to_string()).or_default();
        let n = days.entry(day.to_string()).or_default();
        *n = u32::try_from(i64::from(*n) + delta).unwrap_or(0);
    }

    /// A case's employer key changed (a re-check found its employer in the register).
    pub(crate) fn rekey_employer(&mut self, day: &str, from: &str, to: &str) {
        if from != to {
            self.count(from, day, -1);
            self.count(to, day, 1);
        }
    }

    /// The employer's applications lodged from `from` to `to` (inclusive).
    pub(crate) fn employer_applications(&self, employer: &str, from: &str, to: &str) -> i64 {
        self.by_employer.get(employer).map_or(0, |days| {
            days.range(from.to_string()..=to.to_string())
                .map(|(_, n)| i64::from(*n))
                .sum()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(employer: &str, day: &str) -> CaseKeys {
        CaseKeys {
            applied_on: day.into(),
            employer_key: employer.into(),
            ..CaseKeys::default()
        }
    }

    #[test]
    fn employer_applications_count_the_days_of_the_window_and_follow_a_new_key() {
        let mut c = Caseload::default();
        for day in ["2026-01-01", "2026-02-15", "2026-04-01", "2026-04-01"] {
            c.add(&keys("acme", day));
        }
        assert_eq!(c.employer_applications("acme", "2026-01-02", "2026-04-01"), 3);
        assert_eq!(c.employer_applications("acme", "2026-01-01", "2026-03-31"), 2);
        assert_eq!(c.employer_applications("other", "2026-01-01", "2026-12-31"), 0);
        c.rekey_employer("2026-04-01", "acme", "rs00001");
        assert_eq!(c.employer_applications("acme", "2026-01-01", "2026-12-31"), 3);
        assert_eq!(c.employer_applications("rs00001", "2026-04-01", "2026-04-01"), 1);
    }
}
