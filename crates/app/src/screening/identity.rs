//! Identity linkage inside screening: each economy's person index (its cases and the person
//! registers it imports) held in memory, a case matched against it when it is saved, the links
//! the engine suggests kept in a review queue that officers decide, and a person's timeline from
//! the links they confirmed.
//!
//! An economy's index is built from the store on first use (and at start, by `warm_persons`),
//! then kept current by every save. A use case holds its economy's index for its whole
//! transaction ([`Held`]): what it added is taken out again if the transaction does not commit,
//! so the index never holds a record the store does not.

use std::collections::HashMap;
use std::sync::Arc;

use pathways_domain::case::CaseFields;
use pathways_domain::checks::EarlierRecord;
use pathways_domain::identity::{FieldComparison, LinkState, in_words};
use pathways_domain::screening::CaseDecision;
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal};
use pathways_linkage::config::Config;
use pathways_linkage::index::{Hit, Index, Params};
use pathways_linkage::quality::Unreadable;
use pathways_storage::{IndexRow, StoredLink, Tx};
use serde::Serialize;
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::channel::Channel;
use crate::map::records::audit;
use crate::{App, AppError, Result};

/// The most candidates a case's identity check lists.
const LISTED: usize = 10;

/// One economy's index, the parameters it scores with, and the pairs officers decided.
pub(crate) struct Economy {
    pub(crate) index: Index,
    pub(crate) params: Params,
    /// The version of the parameters in use (0: the shipped ones).
    pub(crate) version: i64,
    /// Decided pairs, both orders.
    decided: HashMap<(String, String), LinkState>,
}

impl Economy {
    fn decided(&self, a: &str, b: &str) -> Option<LinkState> {
        // Most economies have decided nothing yet: no key is built for them (a save's hot path).
        if self.decided.is_empty() {
            return None;
        }
        self.decided.get(&(a.to_string(), b.to_string())).copied()
    }

    /// Scores with these parameters from now on (their version just committed).
    pub(crate) fn use_params(&mut self, params: Params, version: i64) {
        self.params = params;
        self.version = version;
    }

    fn set_decided(&mut self, a: &str, b: &str, s: LinkState) {
        self.decided.insert((a.to_string(), b.to_string()), s);
        self.decided.insert((b.to_string(), a.to_string()), s);
    }
}

/// The person indexes of all economies, each behind its own lock.
#[derive(Default)]
pub(crate) struct Persons {
    economies: std::sync::Mutex<HashMap<String, Arc<Mutex<Option<Economy>>>>>,
}

impl std::fmt::Debug for Persons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Persons")
    }
}

/// How an index row is written: the configuration's columns from a record's identity.
pub(crate) fn row(config: &Config, r: &IndexRow) -> csv::StringRecord {
    config
        .columns()
        .iter()
        .map(|c| match *c {
            "record_id" => r.id.as_str(),
            "given_name" => &r.given_name,
            "surname" => &r.surname,
            "full_name" => &r.full_name,
            "date_of_birth" => &r.date_of_birth,
            "sex" => &r.sex,
            "nationality" => &r.nationality,
            "passport_number" => &r.passport_number,
            _ => "",
        })
        .collect()
}

/// A case's identity as an index row.
pub(crate) fn case_row(id: &str, f: &CaseFields) -> IndexRow {
    IndexRow {
        id: id.to_string(),
        given_name: f.given_name.clone(),
        surname: f.surname.clone(),
        full_name: f.full_name.clone(),
        date_of_birth: f.date_of_birth.clone(),
        sex: f.sex.clone(),
        nationality: f.nationality.clone(),
        passport_number: f.passport_number.clone(),
    }
}

/// What to do to the index if the transaction does not commit.
enum Undo {
    Remove(String),
    Restore(IndexRow),
}

/// An economy's index held by a use case until it commits (see the module's doc).
pub(crate) struct Held {
    guard: OwnedMutexGuard<Option<Economy>>,
    undo: Vec<Undo>,
    committed: bool,
}

impl Held {
    pub(crate) fn economy(&mut self) -> Result<&mut Economy> {
        self.guard
            .as_mut()
            .ok_or_else(|| AppError::Internal("a person index held before it was built".into()))
    }

    /// Adds or replaces a record; `before` is what it was (to restore it if nothing commits).
    pub(crate) fn upsert(&mut self, r: &IndexRow, before: Option<IndexRow>) -> Result<()> {
        let e = self.economy()?;
        let line = row(e.index.config(), r);
        e.index
            .upsert(&[(1, line)])
            .map_err(|e| AppError::Internal(format!("person index: {e}")))?;
        self.undo.push(match before {
            Some(b) => Undo::Restore(b),
            None => Undo::Remove(r.id.clone()),
        });
        Ok(())
    }

    /// Adds new records at once (each with its line, for the report): what they held that could
    /// not be read, per column.
    pub(crate) fn add_new(&mut self, records: &[(u64, IndexRow)]) -> Result<Unreadable> {
        let e = self.economy()?;
        let rows: Vec<(u64, csv::StringRecord)> = records
            .iter()
            .map(|(line, r)| (*line, row(e.index.config(), r)))
            .collect();
        let unreadable = e
            .index
            .upsert(&rows)
            .map_err(|e| AppError::Internal(format!("person index: {e}")))?;
        self.undo
            .extend(records.iter().map(|(_, r)| Undo::Remove(r.id.clone())));
        Ok(unreadable)
    }

    pub(crate) fn commit(&mut self) {
        self.committed = true;
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let Some(e) = self.guard.as_mut() else { return };
        let config = e.index.config().clone();
        for u in self.undo.drain(..).rev() {
            match u {
                Undo::Remove(id) => {
                    e.index.remove(&id);
                }
                Undo::Restore(r) => {
                    // The row was in the index before: it reads again.
                    let _ = e.index.upsert(&[(1, row(&config, &r))]);
                }
            }
        }
    }
}

impl Persons {
    fn slot(&self, economy: &str) -> Arc<Mutex<Option<Economy>>> {
        let mut map = self.economies.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(economy.to_string()).or_default().clone()
    }
}

/// Reads an economy's parameters in use (the shipped ones when none was set).
async fn params_in_use(tx: &mut Tx, economy: &str) -> Result<(Params, i64)> {
    Ok(match tx.params_in_use(economy).await? {
        Some(p) => (
            serde_json::from_str(&p.params).map_err(|e| AppError::Internal(format!("parameters of {economy}: {e}")))?,
            p.version,
        ),
        None => (
            Params::default_worker().map_err(|e| AppError::Internal(e.to_string()))?,
            0,
        ),
    })
}

/// Builds an economy's index from the store.
async fn build(tx: &mut Tx, economy: &str) -> Result<Economy> {
    let config = Config::default_worker();
    let mut index = Index::new(&config).map_err(|e| AppError::Internal(format!("person index: {e}")))?;
    let rows = tx.index_rows(economy).await?;
    let rows: Vec<(u64, csv::StringRecord)> = rows.iter().map(|r| (1, row(&config, r))).collect();
    for chunk in rows.chunks(1 << 16) {
        index
            .upsert(chunk)
            .map_err(|e| AppError::Internal(format!("person index: {e}")))?;
    }
    let (params, version) = params_in_use(tx, economy).await?;
    let mut decided = HashMap::default();
    for state in LinkState::DECISIONS {
        for (a, b) in tx.link_pairs(economy, state).await? {
            decided.insert((b.clone(), a.clone()), state);
            decided.insert((a, b), state);
        }
    }
    Ok(Economy {
        index,
        params,
        version,
        decided,
    })
}

/// A candidate of a case's identity check, before it is described.
pub(crate) struct Candidate {
    pub hit: Hit,
    pub confirmed: bool,
}

impl App {
    /// Holds an economy's person index, building it on first use.
    pub(crate) async fn hold_persons(&self, tx: &mut Tx, economy: &str) -> Result<Held> {
        let mut guard = self.persons.slot(economy).lock_owned().await;
        if guard.is_none() {
            *guard = Some(build(tx, economy).await?);
        }
        Ok(Held {
            guard,
            undo: vec![],
            committed: false,
        })
    }

    /// Drops an economy's index, to be rebuilt from the store on next use.
    pub(crate) async fn forget_persons(&self, economy: &str) {
        *self.persons.slot(economy).lock_owned().await = None;
    }

    /// Builds every economy's person index (at start, so that the first save does not wait):
    /// how many records, and how long it took.
    pub async fn warm_persons(&self) -> Result<(usize, std::time::Duration)> {
        let started = std::time::Instant::now();
        let mut n = 0;
        for e in &self.vocab().economies {
            let mut tx = self.store.read().await?;
            let mut held = self.hold_persons(&mut tx, &e.code).await?;
            n += held.economy()?.index.len();
            held.commit();
        }
        Ok((n, started.elapsed()))
    }

    /// Matches a case against its economy's index and puts it in (in place of its earlier
    /// version): the candidates at or above `threshold` and those confirmed, strongest first;
    /// the suggestions are stored for review, and those the engine no longer makes withdrawn.
    pub(crate) async fn match_case(
        &self,
        tx: &mut Tx,
        held: &mut Held,
        id: &str,
        fields: &CaseFields,
        threshold: f64,
        before: Option<IndexRow>,
    ) -> Result<(Vec<Candidate>, usize)> {
        let e = held.economy()?;
        let me = case_row(id, fields);
        let found = {
            let e: &Economy = e;
            let different = |other: &str| e.decided(id, other) == Some(LinkState::Different);
            e.index
                .query(&row(e.index.config(), &me), &e.params, 0.0, 50, &different)
                .map_err(|err| AppError::Internal(format!("person index: {err}")))?
        };
        let mut out = vec![];
        for hit in found.hits {
            let confirmed = e.decided(id, &hit.id) == Some(LinkState::Same);
            if confirmed || hit.probability >= threshold {
                out.push(Candidate { hit, confirmed });
            }
        }
        let size = e.index.len();
        let version = e.version;
        let now = pathways_storage::now();
        let links: Vec<StoredLink> = out
            .iter()
            .filter(|c| !c.confirmed)
            .map(|c| suggested(&fields.economy, id, &c.hit, version, &now))
            .collect();
        // A new record has no suggestion to withdraw.
        if before.is_some() {
            let keep: Vec<String> = out.iter().map(|c| c.hit.id.clone()).collect();
            tx.withdraw_suggestions(&fields.economy, id, &keep).await?;
        }
        if !links.is_empty() {
            tx.upsert_links(&links).await?;
        }
        held.upsert(&me, before)?;
        out.truncate(LISTED);
        Ok((out, size))
    }

    /// Describes the candidates of an identity check for the officer: what each record is, and
    /// what agreed.
    pub(crate) async fn describe(&self, tx: &mut Tx, candidates: Vec<Candidate>) -> Result<Vec<EarlierRecord>> {
        let mut out = vec![];
        for c in candidates {
            out.push(EarlierRecord {
                what: record_in_words(tx, &c.hit.id).await?,
                id: c.hit.id,
                probability: c.hit.probability,
                agreement: agreement(&c.hit.fields),
                confirmed: c.confirmed,
            });
        }
        Ok(out)
    }
}

/// The link the engine suggests between record `id` and a hit, as stored for review.
pub(crate) fn suggested(economy: &str, id: &str, hit: &Hit, version: i64, now: &str) -> StoredLink {
    let (left, right) = ordered(id, &hit.id);
    let comparison: Vec<FieldComparison> = hit
        .fields
        .iter()
        .map(|a| FieldComparison {
            field: a.field.clone(),
            level: a.level.clone(),
            weight: a.contribution,
        })
        .collect();
    StoredLink {
        id: format!("link_{}", uuid::Uuid::now_v7().simple()),
        economy: economy.to_string(),
        left_id: left.to_string(),
        right_id: right.to_string(),
        probability: hit.probability,
        weight: hit.weight,
        comparison: serde_json::to_string(&comparison).unwrap_or_else(|_| "[]".into()),
        rule: hit.rule.clone(),
        state: LinkState::Suggested,
        note: String::new(),
        decided_by: None,
        decided_at: None,
        params: version,
        created_at: now.to_string(),
    }
}

/// A pair in the order it is stored (the smaller id first): one row per pair whichever record
/// was saved last.
pub(crate) fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

fn agreement(fields: &[pathways_linkage::index::Agreement]) -> String {
    fields
        .iter()
        .map(|a| in_words(&a.field, &a.level))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A record of the index in words: a case with its day and where it stands, or a register record
/// with its kind, day and event.
pub(crate) async fn record_in_words(tx: &mut Tx, id: &str) -> Result<String> {
    if let Some(c) = tx.case(id).await? {
        // Where the case stands: its decision once there is one (`outcome-<code>` wordings).
        let code = c
            .decision
            .as_ref()
            .and_then(|d| d["decision"].as_str().and_then(|d| d.parse::<CaseDecision>().ok()))
            .map_or_else(|| c.state.as_str().replace('_', "-"), |d| d.as_str().to_string());
        let outcome = say(&format!("outcome-{code}"), &[]);
        return Ok(say(
            "record-case",
            &[("id", id), ("day", &c.keys.applied_on), ("outcome", &outcome)],
        ));
    }
    if let Some(r) = tx.person_record(id).await? {
        let kind = r.kind.as_str().replace('_', "-");
        return Ok(if r.event.is_empty() {
            say(&format!("record-{kind}"), &[("day", &r.event_date)])
        } else {
            say(
                &format!("record-{kind}-event"),
                &[("day", &r.event_date), ("event", &r.event)],
            )
        });
    }
    Ok(say("record-other", &[("id", id)]))
}

/// A link in the review queue with both records' identities, for an officer to compare.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub link: StoredLink,
    pub left: Option<IndexRow>,
    pub right: Option<IndexRow>,
    pub left_what: String,
    pub right_what: String,
    /// Field by field, in words, with the weight each added.
    pub comparison: Vec<(String, f64)>,
}

impl App {
    /// The review queue of an officer's economy: links still to decide (suggested, unsure), the
    /// most probable first. Every record shown is a read of personal data, logged.
    pub async fn identity_queue(&self, p: &Principal, limit: i64, channel: Channel) -> Result<Vec<LinkView>> {
        let economy = officer_economy(p)?;
        let mut tx = self.store.write().await?;
        let links = tx
            .links(&economy, &[LinkState::Suggested, LinkState::Unsure], limit)
            .await?;
        let mut out = vec![];
        for l in links {
            out.push(link_view(&mut tx, p, l, channel).await?);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// One link, for its economy's officers.
    pub async fn identity_link(&self, p: &Principal, id: &str, channel: Channel) -> Result<LinkView> {
        let mut tx = self.store.write().await?;
        let l = visible_link(&mut tx, p, id).await?;
        let v = link_view(&mut tx, p, l, channel).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// An officer's decision on a link: same person, different persons or unsure, with a note,
    /// against the state the officer saw. Audited (ids and states, never names); the open cases
    /// it joins are checked again so that their identity check says it.
    pub async fn decide_link(
        &self,
        p: &Principal,
        id: &str,
        (seen, to): (LinkState, LinkState),
        note: &str,
        channel: Channel,
    ) -> Result<LinkView> {
        if !LinkState::DECISIONS.contains(&to) {
            return Err(AppError::invalid("state", say("link-state-choice", &[])));
        }
        let note = note.trim();
        if to != LinkState::Same && note.is_empty() {
            return Err(AppError::invalid("note", say("link-note-required", &[])));
        }
        let mut tx = self.store.write().await?;
        let l = visible_link(&mut tx, p, id).await?;
        let mut held = self.hold_persons(&mut tx, &l.economy).await?;
        if !tx.decide_link(id, seen, to, note, &p.email).await? {
            return Err(AppError::Decided(say(
                "link-decided",
                &[("link_state", l.state.as_str())],
            )));
        }
        tx.append_audit(&pathways_storage::NewAudit {
            before: Some(serde_json::json!({"state": l.state.as_str()})),
            after: Some(serde_json::json!({"state": to.as_str(), "left": l.left_id, "right": l.right_id})),
            ..audit(p, "identity.decide", "identity_link", id, Some(&l.economy))
        })
        .await?;
        held.economy()?.set_decided(&l.left_id, &l.right_id, to);
        drop(held);
        self.recheck_cases(&mut tx, &[l.left_id.clone(), l.right_id.clone()])
            .await?;
        let decided = visible_link(&mut tx, p, id).await?;
        let v = link_view(&mut tx, p, decided, channel).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// The links of one of the economy's records, any state, the most probable first.
    pub async fn record_links(&self, p: &Principal, record: &str) -> Result<Vec<StoredLink>> {
        let economy = officer_economy(p)?;
        let mut tx = self.store.read().await?;
        let mut links = tx.links_of(record).await?;
        links.retain(|l| l.economy == economy);
        Ok(links)
    }

    /// The records an officer confirmed are the same person as `record` (itself included), each
    /// in words with its day, the earliest first: the person's timeline.
    pub async fn person_timeline(&self, p: &Principal, record: &str) -> Result<Vec<TimelineEntry>> {
        let economy = officer_economy(p)?;
        let mut tx = self.store.write().await?;
        let mut seen = vec![record.to_string()];
        let mut at = 0;
        while at < seen.len() && seen.len() < 200 {
            let id = seen[at].clone();
            for l in tx.links_of(&id).await? {
                if l.economy != economy || l.state != LinkState::Same {
                    continue;
                }
                for other in [l.left_id, l.right_id] {
                    if !seen.contains(&other) {
                        seen.push(other);
                    }
                }
            }
            at += 1;
        }
        let mut out = vec![];
        for id in seen {
            let day = match tx.case(&id).await? {
                // A case stands in a person's life on the day it was applied for.
                Some(c) if c.economy == economy => c.keys.applied_on.clone(),
                Some(_) => continue,
                None => match tx.person_record(&id).await? {
                    Some(r) if r.economy == economy => r.event_date,
                    _ => continue,
                },
            };
            out.push(TimelineEntry {
                what: record_in_words(&mut tx, &id).await?,
                day,
                id,
            });
        }
        out.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.id.cmp(&b.id)));
        tx.commit().await?;
        Ok(out)
    }
}

/// One record of a person's timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    pub id: String,
    pub day: String,
    pub what: String,
}

/// A link as `p` may see it: its economy's officers', to anyone else an unknown id.
async fn visible_link(tx: &mut Tx, p: &Principal, id: &str) -> Result<StoredLink> {
    let l = tx.link(id).await?.filter(|l| p.may(Action::Screen, Some(&l.economy)));
    l.ok_or_else(|| AppError::NotFound {
        kind: "link".into(),
        id: id.into(),
    })
}

pub(crate) fn officer_economy(p: &Principal) -> Result<String> {
    p.economy
        .clone()
        .filter(|e| p.may(Action::Screen, Some(e)))
        .ok_or_else(|| AppError::Forbidden(say("refuse-identity-links", &[])))
}

/// A record's identity for the queue: a case's (its read logged) or a register record's.
async fn identity_of(tx: &mut Tx, p: &Principal, id: &str, channel: Channel) -> Result<Option<IndexRow>> {
    if let Some(c) = tx.case(id).await? {
        tx.log_case_read(&c, &p.user_id, &p.email, channel.as_str()).await?;
        let f: CaseFields = serde_json::from_value(c.fields).unwrap_or_default();
        return Ok(Some(case_row(id, &f)));
    }
    Ok(tx.person_record(id).await?.map(|r| r.identity()))
}

async fn link_view(tx: &mut Tx, p: &Principal, link: StoredLink, channel: Channel) -> Result<LinkView> {
    let comparison: Vec<FieldComparison> = serde_json::from_str(&link.comparison).unwrap_or_default();
    Ok(LinkView {
        left: identity_of(tx, p, &link.left_id, channel).await?,
        right: identity_of(tx, p, &link.right_id, channel).await?,
        left_what: record_in_words(tx, &link.left_id).await?,
        right_what: record_in_words(tx, &link.right_id).await?,
        comparison: comparison
            .iter()
            .map(|c| (in_words(&c.field, &c.level), c.weight))
            .collect(),
        link,
    })
}
