//! An economy's cases as the checks of another case see them, held in memory: the earlier cases
//! that may be the same person (by passport key or date of birth) and the employer's
//! applications in a window of days. An import of 100,000 cases, or the re-check after a register
//! changed, reads the economy once and keeps the index current as it writes, instead of two
//! queries per case; the answers are those the store's queries give (`Tx::identity_candidates`,
//! `Tx::employer_applications`), which a single case's checks still use.

use std::collections::{BTreeMap, HashMap};

use pathways_domain::case::{CaseFields, person_name};
use pathways_domain::screening::CaseState;
use pathways_linkage::normalise::fold;
use pathways_storage::{CaseKeys, CasePeer, StoredCase};

/// One case compared with: its name already folded for the name comparison.
#[derive(Debug, Clone)]
pub(crate) struct Peer {
    pub id: String,
    pub state: String,
    pub decision: Option<String>,
    pub created_at: String,
    pub folded_name: String,
    pub passport_key: String,
}

/// A name as the identity check compares it: written as the person's (see
/// `case::person_name`), folded.
pub(crate) fn folded_name(given: &str, surname: &str, full: &str) -> String {
    fold(&person_name(given, surname, full))
}

impl Peer {
    pub(crate) fn of_case(c: &StoredCase) -> Peer {
        let f: CaseFields = serde_json::from_value(c.fields.clone()).unwrap_or_default();
        Peer {
            id: c.id.clone(),
            state: c.state.as_str().to_string(),
            decision: c
                .decision
                .as_ref()
                .and_then(|d| d["decision"].as_str().map(str::to_string)),
            created_at: c.created_at.clone(),
            folded_name: folded_name(&f.given_name, &f.surname, &f.full_name),
            passport_key: c.keys.passport_key.clone(),
        }
    }

    /// A case just received.
    pub(crate) fn received(id: &str, created_at: &str, f: &CaseFields, keys: &CaseKeys) -> Peer {
        Peer {
            id: id.to_string(),
            state: CaseState::Received.as_str().to_string(),
            decision: None,
            created_at: created_at.to_string(),
            folded_name: folded_name(&f.given_name, &f.surname, &f.full_name),
            passport_key: keys.passport_key.clone(),
        }
    }
}

/// The cases of one economy, indexed by what the checks look them up by.
///
/// Invariant: `peers` is in the order the store's `ORDER BY created_at, id` gives (new cases are
/// added with a later or equal creation time and a larger id), so the first `limit` candidates
/// are the ones the store's query would return.
#[derive(Debug, Default)]
pub(crate) struct Caseload {
    peers: Vec<Peer>,
    by_passport: HashMap<String, Vec<usize>>,
    by_birth: HashMap<String, Vec<usize>>,
    /// Employer key → application day → how many applications that day.
    by_employer: HashMap<String, BTreeMap<String, u32>>,
}

impl Caseload {
    pub(crate) fn new(rows: Vec<CasePeer>) -> Caseload {
        let mut c = Caseload::default();
        for r in rows {
            c.add(
                Peer {
                    id: r.id,
                    state: r.state.as_str().to_string(),
                    decision: r.decision,
                    created_at: r.created_at,
                    folded_name: folded_name(
                        r.given_name.as_deref().unwrap_or_default(),
                        r.surname.as_deref().unwrap_or_default(),
                        r.full_name.as_deref().unwrap_or_default(),
                    ),
                    passport_key: r.keys.passport_key.clone(),
                },
                &r.keys,
            );
        }
        c
    }

    /// Counts a case in from now on.
    pub(crate) fn add(&mut self, peer: Peer, keys: &CaseKeys) {
        let i = self.peers.len();
        if !keys.passport_key.is_empty() {
            self.by_passport.entry(keys.passport_key.clone()).or_default().push(i);
        }
        if !keys.birth.is_empty() {
            self.by_birth.entry(keys.birth.clone()).or_default().push(i);
        }
        self.count(&keys.employer_key, &keys.applied_on, 1);
        self.peers.push(peer);
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

    /// Other cases with the same passport key or the same date of birth, the earliest first, at
    /// most `limit`.
    pub(crate) fn candidates(&self, passport_key: &str, birth: &str, except: &str, limit: usize) -> Vec<Peer> {
        let none = Vec::new();
        let by_passport = if passport_key.is_empty() {
            &none
        } else {
            self.by_passport.get(passport_key).unwrap_or(&none)
        };
        let by_birth = if birth.is_empty() {
            &none
        } else {
            self.by_birth.get(birth).unwrap_or(&none)
        };
        let mut found: Vec<usize> = by_passport.iter().chain(by_birth).copied().collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|i| &self.peers[i])
            .filter(|p| p.id != except)
            .take(limit)
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(passport: &str, birth: &str, employer: &str, day: &str) -> CaseKeys {
        CaseKeys {
            applied_on: day.into(),
            employer_key: employer.into(),
            passport_key: passport.into(),
            birth: birth.into(),
            ..CaseKeys::default()
        }
    }

    fn peer(id: &str) -> Peer {
        Peer {
            id: id.into(),
            state: "received".into(),
            decision: None,
            created_at: "2026-12-01T00:00:00Z".into(),
            folded_name: "ram thapa".into(),
            passport_key: String::new(),
        }
    }

    #[test]
    fn candidates_share_a_passport_or_a_birth_date_and_never_include_the_case_itself() {
        let mut c = Caseload::default();
        c.add(peer("a"), &keys("P1", "1990-01-01", "", "2026-01-01"));
        c.add(peer("b"), &keys("P2", "1990-01-01", "", "2026-01-01"));
        c.add(peer("c"), &keys("P1", "1985", "", "2026-01-01"));
        c.add(peer("d"), &keys("", "", "", "2026-01-01"));
        let ids = |v: Vec<Peer>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(c.candidates("P1", "1990-01-01", "a", 10)), ["b", "c"]);
        assert_eq!(ids(c.candidates("P1", "1990-01-01", "x", 2)), ["a", "b"]);
        // Blank keys match nothing, as blank columns never match in the store.
        assert!(c.candidates("", "", "x", 10).is_empty());
    }

    #[test]
    fn employer_applications_count_the_days_of_the_window_and_follow_a_new_key() {
        let mut c = Caseload::default();
        for (id, day) in [
            ("a", "2026-01-01"),
            ("b", "2026-02-15"),
            ("c", "2026-04-01"),
            ("d", "2026-04-01"),
        ] {
            c.add(peer(id), &keys("", "", "acme", day));
        }
        assert_eq!(c.employer_applications("acme", "2026-01-02", "2026-04-01"), 3);
        assert_eq!(c.employer_applications("acme", "2026-01-01", "2026-03-31"), 2);
        assert_eq!(c.employer_applications("other", "2026-01-01", "2026-12-31"), 0);
        c.rekey_employer("2026-04-01", "acme", "rs00001");
        assert_eq!(c.employer_applications("acme", "2026-01-01", "2026-12-31"), 3);
        assert_eq!(c.employer_applications("rs00001", "2026-04-01", "2026-04-01"), 1);
    }
}
