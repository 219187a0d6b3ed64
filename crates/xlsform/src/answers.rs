//! The answers of one response, kept by *instance path*: container and question names joined by
//! `/`, each repeat followed by its 1-based instance number (`institutions/inst[2]/mandate[1]/
//! sector`), with the number of instances of each repeat under the repeat's own path. Adding and
//! removing instances renumbers the ones after, answers and nested repeats alike.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The answers of one response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub values: BTreeMap<String, String>,
    pub repeats: BTreeMap<String, usize>,
}

impl Answers {
    /// Adds an instance at the end of the repeat at `repeat_path` (e.g. `inflows/inflow` or
    /// `pathway[2]/step`); returns its 1-based number.
    pub fn add_instance(&mut self, repeat_path: &str) -> usize {
        let n = self.repeats.entry(repeat_path.to_string()).or_insert(0);
        *n += 1;
        *n
    }

    /// Removes instance `index` of the repeat at `repeat_path`: its answers go, and the answers of
    /// the instances after it move up one number, as when a row is deleted in ODK.
    pub fn remove_instance(&mut self, repeat_path: &str, index: usize) -> bool {
        let count = self.repeats.get(repeat_path).copied().unwrap_or(0);
        if index == 0 || index > count {
            return false;
        }
        let renumber = |key: &str| -> Option<Option<String>> {
            let rest = key.strip_prefix(repeat_path)?.strip_prefix('[')?;
            let (num, tail) = rest.split_once(']')?;
            let i: usize = num.parse().ok()?;
            Some(match i.cmp(&index) {
                std::cmp::Ordering::Less => Some(key.to_string()),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(format!("{repeat_path}[{}]{tail}", i - 1)),
            })
        };
        let values = std::mem::take(&mut self.values);
        for (k, v) in values {
            match renumber(&k) {
                None => {
                    self.values.insert(k, v);
                }
                Some(Some(nk)) => {
                    self.values.insert(nk, v);
                }
                Some(None) => {}
            }
        }
        let repeats = std::mem::take(&mut self.repeats);
        for (k, v) in repeats {
            match renumber(&k) {
                None => {
                    self.repeats.insert(k, v);
                }
                Some(Some(nk)) => {
                    self.repeats.insert(nk, v);
                }
                Some(None) => {}
            }
        }
        self.repeats.insert(repeat_path.to_string(), count - 1);
        true
    }

    /// The keys (answers and repeat counts) whose value differs between two versions.
    pub fn changed_keys(&self, other: &Answers) -> Vec<String> {
        let mut out = vec![];
        for k in self.values.keys().chain(other.values.keys()) {
            if self.values.get(k) != other.values.get(k) && !out.contains(k) {
                out.push(k.clone());
            }
        }
        for k in self.repeats.keys().chain(other.repeats.keys()) {
            let key = format!("{k}#");
            if self.repeats.get(k).copied().unwrap_or(0) != other.repeats.get(k).copied().unwrap_or(0)
                && !out.contains(&key)
            {
                out.push(key);
            }
        }
        out.sort();
        out
    }
}
