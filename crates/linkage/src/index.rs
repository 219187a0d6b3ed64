//! An incremental person index: the records one economy holds (its cases, earlier permits,
//! entries and exits, absconding reports), kept prepared and blocked in memory so that one new or
//! changed record is matched against all of them in well under a millisecond, and added or
//! replaced in place — never by rebuilding.
//!
//! It uses the batch engine's parts, so a record is normalised, blocked and compared exactly as
//! `link run` would: [`Preparer`] for the values, the blocking rules' keys, the comparison rows
//! and levels of [`crate::compare`], and Fellegi–Sunter weights from [`Params`] with the
//! term-frequency adjustment of a name computed from the index's own counts.
//!
//! Each rule's postings are a sorted list of (key, position) built in bulk plus a small map of the
//! keys added since, merged into the list when it grows past an eighth of it: a save costs a few
//! map inserts, and a merge now and then costs one pass.
//!
//! Invariants: a position is never reused (a replaced or removed record is marked dead and its
//! postings skipped); an id is alive at one position at most; the term-frequency counts count the
//! alive records only.

use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::LinkError;
use crate::block::{Part, record_key, resolve_rules};
use crate::compare::{Layout, Rows, Side, get, level_names};
use crate::config::Config;
use crate::frequency::value_hash;
use crate::model::Model;
use crate::prepare::{Preparer, Records};
use crate::quality::Unreadable;

/// The m and u probabilities of one field's levels (index 0, "null", unused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldParams {
    pub name: String,
    pub levels: Vec<String>,
    pub m: Vec<f64>,
    pub u: Vec<f64>,
}

/// The parameters the index scores with: per field and level m and u, and how many other records
/// of the same person a record has on average — the prior of a pair is that over the number of
/// records, so it holds as the index grows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub fields: Vec<FieldParams>,
    pub matches_per_record: f64,
}

/// The parameters the default worker configuration starts with: estimated by a batch link of the
/// generated 200k-record registers (`linkage-bench params`, see `bench/README.md`), until an
/// economy's own decided pairs train its own.
pub const DEFAULT_PARAMS_JSON: &str = include_str!("default_params.json");

impl Params {
    /// The shipped parameters of the default worker configuration.
    pub fn default_worker() -> Result<Params, LinkError> {
        serde_json::from_str(DEFAULT_PARAMS_JSON).map_err(|e| LinkError::Config(format!("default parameters: {e}")))
    }

    /// The parameters a batch run estimated (a deduplication of `records` records, or a link
    /// whose right register had `records`).
    pub fn from_model(model: &Model, estimated_matches: f64, records: usize) -> Params {
        Params {
            fields: model
                .fields
                .iter()
                .map(|f| FieldParams {
                    name: f.name.clone(),
                    levels: f.levels.clone(),
                    m: f.m.clone(),
                    u: f.u.clone(),
                })
                .collect(),
            matches_per_record: (estimated_matches / records.max(1) as f64).clamp(1e-6, 10.0),
        }
    }

    /// Refuses parameters that do not fit the configuration (fields, levels) or are not
    /// probabilities.
    pub fn check(&self, config: &Config) -> Result<(), LinkError> {
        let bad = |m: String| Err(LinkError::Config(m));
        if self.fields.len() != config.fields.len() {
            return bad(format!(
                "the parameters have {} fields, the configuration {}",
                self.fields.len(),
                config.fields.len()
            ));
        }
        for (p, f) in self.fields.iter().zip(&config.fields) {
            if p.name != f.name || p.levels != level_names(f) {
                return bad(format!("the parameters of `{}` do not fit field `{}`", p.name, f.name));
            }
            if p.m.len() != p.levels.len() || p.u.len() != p.levels.len() {
                return bad(format!("field `{}`: one m and one u per level", p.name));
            }
            if p.m.iter().chain(&p.u).any(|x| !(0.0..=1.0).contains(x)) {
                return bad(format!("field `{}`: m and u must be probabilities", p.name));
            }
        }
        if !(self.matches_per_record.is_finite() && self.matches_per_record > 0.0) {
            return bad("matches_per_record must be above 0".into());
        }
        Ok(())
    }

    /// The match probability of a pair from its levels alone (by level name, per field; no
    /// term-frequency adjustment), among `records` records: how parameters are compared on pairs
    /// officers decided.
    pub fn probability_of(&self, levels: &[String], records: usize) -> f64 {
        let prior = (self.matches_per_record / records.max(2) as f64).clamp(1e-15, 0.5);
        let mut weight = (prior / (1.0 - prior)).log2();
        for (k, (f, level)) in self.fields.iter().zip(levels).enumerate() {
            if let Some(l) = f.levels.iter().position(|n| n == level) {
                weight += self.weight(k, l);
            }
        }
        crate::model::probability(weight)
    }

    /// These parameters with m re-estimated from pairs officers confirmed are the same person
    /// (each pair's level names per field) and u from the index's random pairs: each field's m
    /// is the confirmed pairs' share of each level, drawn towards the current m by `strength`
    /// pairs' worth (a field few pairs reach moves little); null levels say nothing.
    pub fn retrained(&self, same: &[Vec<String>], u: Option<Vec<Vec<f64>>>, strength: f64) -> Params {
        let mut out = self.clone();
        for (k, f) in out.fields.iter_mut().enumerate() {
            let mut counts = vec![0.0; f.levels.len()];
            for pair in same {
                if let Some(l) = pair.get(k).and_then(|level| f.levels.iter().position(|n| n == level)) {
                    counts[l] += 1.0;
                }
            }
            let n: f64 = counts.iter().skip(1).sum();
            for (m, c) in f.m.iter_mut().zip(&counts).skip(1) {
                *m = (c + strength * *m) / (n + strength);
            }
            if let Some(u) = u.as_ref().and_then(|u| u.get(k))
                && u.len() == f.u.len()
            {
                f.u = u.clone();
            }
        }
        out
    }

    /// log2(m/u) of field `k` at level `l`; 0 for null. Bounded as the batch model bounds it: a
    /// level no training pair reached is very strong evidence, never infinite.
    pub fn weight(&self, k: usize, l: usize) -> f64 {
        match self.fields.get(k) {
            Some(f) if l > 0 && l < f.m.len() => (f.m[l].max(1e-9) / f.u[l].max(1e-12)).log2(),
            _ => 0.0,
        }
    }
}

/// One field of a candidate: the level reached and what it added to the weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub field: String,
    /// The level's name (see [`level_names`]): `null` when a side has no value.
    pub level: String,
    pub contribution: f64,
}

/// A record of the index that may be the same person as the one asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub weight: f64,
    pub probability: f64,
    /// The first blocking rule that found it.
    pub rule: String,
    pub fields: Vec<Agreement>,
}

/// What a query found, and which rules' blocks were too common to compare.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub compared: usize,
    pub skipped_rules: Vec<String>,
}

/// One blocking rule's keys.
#[derive(Debug, Default)]
struct Postings {
    /// (key, position), sorted.
    sorted: Vec<(u64, u32)>,
    /// Keys added since the last merge.
    recent: FxHashMap<u64, Vec<u32>>,
    recent_len: usize,
}

impl Postings {
    fn positions(&self, key: u64, mut each: impl FnMut(u32)) -> usize {
        let from = self.sorted.partition_point(|(k, _)| *k < key);
        let mut n = 0;
        for (_, p) in self.sorted[from..].iter().take_while(|(k, _)| *k == key) {
            each(*p);
            n += 1;
        }
        if let Some(v) = self.recent.get(&key) {
            for p in v {
                each(*p);
                n += 1;
            }
        }
        n
    }

    fn count(&self, key: u64) -> usize {
        let from = self.sorted.partition_point(|(k, _)| *k < key);
        let to = self.sorted[from..].partition_point(|(k, _)| *k == key);
        to + self.recent.get(&key).map_or(0, Vec::len)
    }

    /// Folds the recent keys (and `more`) into the sorted list, dropping dead positions.
    fn merge(&mut self, more: Vec<(u64, u32)>, alive: &[bool]) {
        let mut add: Vec<(u64, u32)> = more;
        for (k, ps) in self.recent.drain() {
            add.extend(ps.into_iter().map(|p| (k, p)));
        }
        self.recent_len = 0;
        add.sort_unstable();
        let old = std::mem::take(&mut self.sorted);
        let live = |(_, p): &(u64, u32)| alive.get(*p as usize).copied().unwrap_or(false);
        let mut out = Vec::with_capacity(old.len() + add.len());
        let (mut a, mut b) = (
            old.into_iter().filter(live).peekable(),
            add.into_iter().filter(live).peekable(),
        );
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x <= y => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            out.extend(next);
        }
        self.sorted = out;
    }
}

/// Records added at once beyond which keys go straight into the sorted lists (a bulk load).
const BULK: usize = 4096;

/// The person index.
pub struct Index {
    config: Config,
    prep: Preparer,
    layout: Layout,
    records: Records,
    rows: Rows,
    alive: Vec<bool>,
    live: usize,
    position: FxHashMap<CompactString, u32>,
    rules: Vec<Option<Vec<(usize, Part)>>>,
    max_block: Vec<usize>,
    postings: Vec<Postings>,
    /// Per field configured with term frequencies: alive records per value hash, and in all.
    counts: Vec<Option<(FxHashMap<u64, u32>, u64)>>,
}

impl Index {
    /// An empty index for a configuration; rows are given in the order of [`Index::header`].
    pub fn new(config: &Config) -> Result<Index, LinkError> {
        let header: Vec<String> = config.columns().iter().map(|c| c.to_string()).collect();
        let prep = Preparer::new(config, &header)?;
        let layout = Layout::new(config);
        let records = prep.records_of_len(0);
        let rows = layout.rows(&records, &[], 1.0, false);
        Ok(Index {
            rules: resolve_rules(config, &config.blocking),
            max_block: config
                .blocking
                .iter()
                .map(|r| r.max_block.unwrap_or(config.max_block))
                .collect(),
            postings: config.blocking.iter().map(|_| Postings::default()).collect(),
            counts: config
                .fields
                .iter()
                .map(|f| f.term_frequency.then(|| (FxHashMap::default(), 0)))
                .collect(),
            config: config.clone(),
            prep,
            layout,
            records,
            rows,
            alive: vec![],
            live: 0,
            position: FxHashMap::default(),
        })
    }

    /// The columns of a row, in order: the id, then each field's input columns.
    pub fn header(&self) -> Vec<&str> {
        self.config.columns()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How many records are alive.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Prepares rows (cells in [`Index::header`] order, with a line number for reports).
    fn prepare(&self, rows: &[(u64, csv::StringRecord)]) -> Result<(Records, Unreadable), LinkError> {
        let mut out = self.prep.records_of_len(0);
        let unreadable = self.prep.prepare(rows, &mut out)?;
        Ok((out, unreadable))
    }

    /// Adds records, or replaces the records of ids already present. What could not be read is
    /// counted, never refused (see [`crate::quality`]).
    pub fn upsert(&mut self, rows: &[(u64, csv::StringRecord)]) -> Result<Unreadable, LinkError> {
        let (new, unreadable) = self.prepare(rows)?;
        let start = self.records.len();
        let n = new.len();
        if u32::try_from(start + n).is_err() {
            return Err(LinkError::Config("an index holds at most 4 billion records".into()));
        }
        for id in &new.ids {
            self.remove(id);
        }
        self.rows.append(self.layout.rows(&new, &[], 1.0, false));
        self.records.append(new);
        self.alive.resize(start + n, true);
        let mut fresh: Vec<Vec<(u64, u32)>> = vec![vec![]; self.rules.len()];
        for i in start..start + n {
            let id = self.records.ids[i].clone();
            // The same id twice in one batch: the later row is the record.
            if let Some(old) = self.position.insert(id, i as u32) {
                self.kill(old as usize);
            }
            self.live += 1;
            self.count(i, 1);
            for (r, parts) in self.rules.iter().enumerate() {
                if let Some(key) = parts.as_ref().and_then(|p| record_key(p, &self.records, i)) {
                    fresh[r].push((key, i as u32));
                }
            }
        }
        for (postings, keys) in self.postings.iter_mut().zip(fresh) {
            if n >= BULK {
                postings.merge(keys, &self.alive);
                continue;
            }
            postings.recent_len += keys.len();
            for (k, p) in keys {
                postings.recent.entry(k).or_default().push(p);
            }
            if postings.recent_len > (postings.sorted.len() / 8).max(BULK) {
                postings.merge(vec![], &self.alive);
            }
        }
        Ok(unreadable)
    }

    /// Removes a record; false when there was none of that id.
    pub fn remove(&mut self, id: &str) -> bool {
        match self.position.remove(id) {
            Some(p) => {
                self.kill(p as usize);
                true
            }
            None => false,
        }
    }

    fn kill(&mut self, i: usize) {
        if self.alive.get(i).copied().unwrap_or(false) {
            self.alive[i] = false;
            self.live -= 1;
            self.count(i, -1);
        }
    }

    /// Keeps the term-frequency counts of record `i`'s values.
    fn count(&mut self, i: usize, by: i64) {
        for (k, c) in self.counts.iter_mut().enumerate() {
            let Some((map, total)) = c else { continue };
            let Some(h) = value_hash(&self.records.columns[k], i) else {
                continue;
            };
            let n = map.entry(h).or_default();
            *n = (i64::from(*n) + by).max(0) as u32;
            if *n == 0 {
                map.remove(&h);
            }
            *total = (*total as i64 + by).max(0) as u64;
        }
    }

    /// The share of alive records holding record `i`'s value of field `k` (its u for an exact
    /// agreement), with the record itself counted even before it is added.
    fn share(&self, records: &Records, i: usize, k: usize) -> Option<f64> {
        let (map, total) = self.counts.get(k)?.as_ref()?;
        let h = value_hash(&records.columns[k], i)?;
        let n = map.get(&h).copied().unwrap_or(0).max(1);
        Some(f64::from(n) / (*total).max(1) as f64)
    }

    /// u per field and level from `n` random pairs of alive records (add-one smoothing, as the
    /// batch model estimates u); `None` with fewer than two records.
    pub fn estimate_u(&self, n: usize, seed: u64) -> Option<Vec<Vec<f64>>> {
        let alive: Vec<usize> = (0..self.alive.len()).filter(|&i| self.alive[i]).collect();
        if alive.len() < 2 {
            return None;
        }
        let mut counts: Vec<Vec<f64>> = self
            .config
            .fields
            .iter()
            .map(|f| vec![0.0; level_names(f).len()])
            .collect();
        let mut rng = crate::model::Rng::stream(seed, 0);
        for _ in 0..n {
            let (i, j) = (alive[rng.below(alive.len())], alive[rng.below(alive.len())]);
            if i == j {
                continue;
            }
            let side = |i: usize| Side {
                row: self.rows.row(i),
                records: &self.records,
                i,
            };
            let pattern = self.layout.pattern(&self.config.fields, side(i), side(j));
            for (k, c) in counts.iter_mut().enumerate() {
                c[get(pattern, k) as usize] += 1.0;
            }
        }
        Some(counts.iter().map(|c| crate::model::normalise_levels(c, 1.0)).collect())
    }

    /// The records that may be the same person as `row` (cells in [`Index::header`] order), with
    /// a match probability of at least `threshold`, strongest first, at most `limit`. The record
    /// of the row's own id is never among them; nor are the ids `exclude` says (pairs an officer
    /// judged different persons).
    pub fn query(
        &self,
        row: &csv::StringRecord,
        params: &Params,
        threshold: f64,
        limit: usize,
        exclude: &dyn Fn(&str) -> bool,
    ) -> Result<Found, LinkError> {
        let (q, _) = self.prepare(&[(1, row.clone())])?;
        let mut qrows = self.layout.rows(&q, &[], 1.0, false);
        let common_share = (20.0 / (self.live.max(1) as f64)).max(1e-4);
        for k in 0..self.config.fields.len() {
            if self.share(&q, 0, k).is_some_and(|s| s >= common_share) {
                self.layout.mark_common(qrows.row_mut(0), k);
            }
        }
        let own = q.ids.first().and_then(|id| self.position.get(id)).copied();
        let mut found = Found::default();
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut candidates: Vec<(u32, usize)> = vec![];
        for (r, parts) in self.rules.iter().enumerate() {
            let Some(key) = parts.as_ref().and_then(|p| record_key(p, &q, 0)) else {
                continue;
            };
            if self.postings[r].count(key) > self.max_block[r] {
                found.skipped_rules.push(self.config.blocking[r].name.clone());
                continue;
            }
            self.postings[r].positions(key, |p| {
                if Some(p) != own && self.alive[p as usize] && seen.insert(p) {
                    candidates.push((p, r));
                }
            });
        }
        found.compared = candidates.len();
        let n = self.live.max(2) as f64;
        let prior = (params.matches_per_record / n).clamp(1e-15, 0.5);
        let prior_weight = (prior / (1.0 - prior)).log2();
        let threshold_weight = if threshold >= 1.0 {
            f64::INFINITY
        } else if threshold <= 0.0 {
            f64::NEG_INFINITY
        } else {
            (threshold / (1.0 - threshold)).log2()
        };
        let a = Side {
            row: qrows.row(0),
            records: &q,
            i: 0,
        };
        for (p, r) in candidates {
            let id = &self.records.ids[p as usize];
            if exclude(id) {
                continue;
            }
            let b = Side {
                row: self.rows.row(p as usize),
                records: &self.records,
                i: p as usize,
            };
            let pattern = self.layout.pattern(&self.config.fields, a, b);
            let mut fields = Vec::with_capacity(self.config.fields.len());
            let mut weight = prior_weight;
            for (k, f) in params.fields.iter().enumerate() {
                let l = get(pattern, k) as usize;
                let mut w = params.weight(k, l);
                // An exact agreement counts by how common the value is (as in the batch model).
                let exact = l == 1 || f.levels.get(l).is_some_and(|n| n == "exact_common");
                if exact && let Some(share) = self.share(&q, 0, k) {
                    w += (f.u[l].max(1e-12) / share.max(1e-9)).log2();
                }
                weight += w;
                fields.push(Agreement {
                    field: f.name.clone(),
                    level: f.levels.get(l).cloned().unwrap_or_default(),
                    contribution: w,
                });
            }
            if weight < threshold_weight {
                continue;
            }
            found.hits.push(Hit {
                id: id.to_string(),
                weight,
                probability: crate::model::probability(weight),
                rule: self.config.blocking[r].name.clone(),
                fields,
            });
        }
        found
            .hits
            .sort_by(|x, y| y.weight.total_cmp(&x.weight).then_with(|| x.id.cmp(&y.id)));
        found.hits.truncate(limit);
        Ok(found)
    }
}
