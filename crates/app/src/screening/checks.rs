//! Running a case's checks: the rules of its economy and pathway, and the evidence they need —
//! the employer and the agencies looked up in their registers, the employer's applications in
//! the last 90 days, and the records of the economy's person index that may be the same person
//! (matched by the linkage engine, see `identity`), and the records of other economies' encoded
//! registers close to the case's (see `federation`). Used when a case is opened or edited, when a
//! register it depends on is replaced, and when a link joining it is decided.

use pathways_domain::case::{CaseFields, Check};
use pathways_domain::checks::{Abroad, EarlierRecord, Evidence, Found, Rules, run};
use pathways_domain::register::{Agency, Employer, RegisterKind, key};
use pathways_domain::screening::CaseState;
use std::collections::HashMap;

use super::caseload::Caseload;
use super::identity::{Held, case_row};

use pathways_storage::{CaseKeys, OpenBy, StoredAgency, StoredCase, StoredEmployer, Tx};

use crate::{App, AppError, Result};

const RULES: &str = include_str!("../../../../data/screening/rules.csv");

/// Parses the shipped rules against the economies of the vocabulary.
pub(crate) fn shipped_rules(economies: &[String]) -> Result<Rules> {
    Rules::parse(RULES, economies).map_err(|p| AppError::Internal(format!("shipped screening rules: {p:?}")))
}

fn employer(e: StoredEmployer) -> Employer {
    Employer {
        id: e.id,
        name: e.name,
        status: e.status,
        employees: e.employees.and_then(|n| u32::try_from(n).ok()),
        sector: e.sector,
    }
}

fn agency(a: StoredAgency) -> Agency {
    Agency {
        licence: a.licence,
        name: a.name,
        status: a.status,
        valid_from: a.valid_from,
        valid_to: a.valid_to,
    }
}

/// The day 89 days before `day` (`YYYY-MM-DD`): with `day`, the 90 days the volume rule counts.
fn window_start(day: &str) -> String {
    let parsed = time::Date::parse(day, time::macros::format_description!("[year]-[month]-[day]"));
    match parsed {
        Ok(d) => {
            let s = d - time::Duration::days(89);
            format!("{:04}-{:02}-{:02}", s.year(), u8::from(s.month()), s.day())
        }
        Err(_) => day.to_string(),
    }
}

impl App {
    /// The checks of a case and its search keys, as of now. `id` is the case's own (excluded from
    /// its earlier cases and not yet counted among the employer's applications when new);
    /// `stored` is its fields as stored before this save, `None` for a new case.
    pub(crate) async fn checks_for(
        &self,
        tx: &mut Tx,
        regs: &mut Registers,
        id: &str,
        fields: &CaseFields,
        applied_on: &str,
        stored: Option<&CaseFields>,
    ) -> Result<(Vec<Check>, CaseKeys)> {
        let economy = fields.economy.as_str();
        let named = key(&fields.employer);
        let employer = if named.is_empty() {
            Found::NotNamed
        } else {
            match regs.employers(tx, economy).await? {
                None => Found::NoRegister,
                Some(l) => l.find(&named).map_or(Found::Missing, |e| Found::Entry(e.clone())),
            }
        };
        let employer_key = match &employer {
            Found::Entry(e) => key(&e.id),
            _ => named,
        };
        let recent = if employer_key.is_empty() {
            0
        } else {
            let from = window_start(applied_on);
            let stored_count = match regs.caseload(tx, economy).await? {
                Some(c) => c.employer_applications(&employer_key, &from, applied_on),
                None => {
                    tx.employer_applications(economy, &employer_key, &from, applied_on)
                        .await?
                }
            };
            stored_count + i64::from(stored.is_none())
        };
        let local = regs
            .agency(tx, RegisterKind::LocalAgencies, economy, &fields.local_agency)
            .await?;
        let coo = regs
            .agency(tx, RegisterKind::CooAgencies, &fields.nationality, &fields.coo_agency)
            .await?;
        let keys = CaseKeys {
            applied_on: applied_on.to_string(),
            employer_key,
            passport_key: key(&fields.passport_number),
            birth: fields.date_of_birth.trim().to_string(),
            nationality: fields.nationality.clone(),
            name_key: key(if fields.surname.trim().is_empty() {
                &fields.full_name
            } else {
                &fields.surname
            }),
        };
        let review = regs.rules(tx, self).await?.review_threshold(economy, &fields.pathway);
        let (earlier, index_size) = match review {
            Some(threshold) => self.identity_check(tx, regs, id, fields, threshold, stored).await?,
            None => (vec![], 0),
        };
        let abroad_threshold = regs.rules(tx, self).await?.abroad_threshold(economy, &fields.pathway);
        let abroad = match abroad_threshold {
            Some(t) => self.match_abroad(tx, id, fields, t).await?,
            None => Abroad {
                registers: vec![],
                hits: vec![],
            },
        };
        let rules = regs.rules(tx, self).await?.for_case(economy, &fields.pathway);
        let coo_name = pathways_domain::vocab::Vocabulary::label(&self.vocab().countries, &fields.nationality);
        let checks = run(
            fields,
            &rules,
            &Evidence {
                applied_on,
                employer: found_ref(&employer),
                employer_recent: u32::try_from(recent).unwrap_or(u32::MAX),
                local_agency: found_ref(&local),
                coo_agency: found_ref(&coo),
                coo_name,
                earlier: &earlier,
                index_size,
                abroad: &abroad,
            },
        );
        Ok((checks, keys))
    }

    /// Runs again the checks of the open cases (not decided, not closed) of an economy or of a
    /// Country of Origin's nationals, after what they are checked against changed: stored
    /// without a new version, since the officer's case did not change. How many were checked.
    pub(crate) async fn recheck_open(&self, tx: &mut Tx, by: OpenBy, scope: &str) -> Result<usize> {
        let open = tx.open_cases_by(by, scope).await?;
        let mut regs = Registers::bulk();
        for c in &open {
            self.recheck_stored(tx, &mut regs, c).await?;
        }
        Ok(open.len())
    }

    /// Runs a stored case's checks again and stores them without a new version (its fields, and
    /// so its identity, unchanged).
    async fn recheck_stored(&self, tx: &mut Tx, regs: &mut Registers, c: &StoredCase) -> Result<()> {
        let fields: CaseFields =
            serde_json::from_value(c.fields.clone()).map_err(|e| AppError::Internal(format!("case {}: {e}", c.id)))?;
        let (checks, keys) = self
            .checks_for(tx, regs, &c.id, &fields, &c.keys.applied_on, Some(&fields))
            .await?;
        let checks = serde_json::to_value(checks).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.recheck_case(&c.id, &checks, &keys.employer_key).await?;
        regs.rekeyed(c, &keys.employer_key);
        Ok(())
    }

    /// The identity check's evidence: the case matched against its economy's person index (and
    /// put in it), the candidates described. A run that holds the index keeps it until
    /// [`Registers::commit`]; one over many economies (a re-check) takes and leaves it per case,
    /// its records unchanged.
    async fn identity_check(
        &self,
        tx: &mut Tx,
        regs: &mut Registers,
        id: &str,
        fields: &CaseFields,
        threshold: f64,
        stored: Option<&CaseFields>,
    ) -> Result<(Vec<EarlierRecord>, usize)> {
        let before = stored.map(|old| case_row(id, old));
        let economy = fields.economy.as_str();
        let (candidates, size) = if regs.hold {
            if !regs.persons.contains_key(economy) {
                let held = self.hold_persons(tx, economy).await?;
                regs.persons.insert(economy.to_string(), held);
            }
            let held = regs
                .persons
                .get_mut(economy)
                .ok_or_else(|| AppError::Internal("a person index not held".into()))?;
            self.match_case(tx, held, id, fields, threshold, before).await?
        } else {
            let mut held = self.hold_persons(tx, economy).await?;
            let found = self.match_case(tx, &mut held, id, fields, threshold, before).await?;
            held.commit();
            found
        };
        Ok((self.describe(tx, candidates).await?, size))
    }

    /// Runs again the checks of those of these cases that are still open (after a link joining
    /// them was decided, or a register record was matched with them), without a new version.
    /// The registers are read once for all of them; the economy's caseload is not (a few cases).
    pub(crate) async fn recheck_cases(&self, tx: &mut Tx, ids: &[String]) -> Result<()> {
        let mut regs = Registers {
            hold: false,
            ..Registers::default()
        };
        for id in ids {
            // Open as `recheck_open` reads it: neither decided nor closed.
            if let Some(c) = tx.case(id).await?
                && !matches!(c.state, CaseState::Decided | CaseState::Closed)
            {
                self.recheck_stored(tx, &mut regs, &c).await?;
            }
        }
        Ok(())
    }
}

/// The shipped rules with each economy's newest saved set in place of its shipped rows.
pub(crate) async fn in_force(tx: &mut Tx, app: &App) -> Result<Rules> {
    let economies: Vec<String> = app.vocab().economies.iter().map(|e| e.code.clone()).collect();
    let mut rules = (*app.rules).clone();
    for set in tx.latest_rule_sets().await? {
        let own = Rules::parse(&set.rules, &economies)
            .map_err(|p| AppError::Internal(format!("rules of {} v{}: {p:?}", set.economy, set.version)))?;
        rules = rules.with_own(&set.economy, own.0);
    }
    Ok(rules)
}

/// A register held in memory, found by its key (number) or, failing that, by its name's key.
pub(crate) struct Lookup<T> {
    items: Vec<T>,
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl<T> Lookup<T> {
    fn new(rows: impl IntoIterator<Item = (String, String, T)>) -> Lookup<T> {
        let mut l = Lookup {
            items: vec![],
            by_key: HashMap::new(),
            by_name: HashMap::new(),
        };
        for (k, name, item) in rows {
            l.by_key.insert(k, l.items.len());
            l.by_name.entry(name).or_insert(l.items.len());
            l.items.push(item);
        }
        l
    }

    fn find(&self, k: &str) -> Option<&T> {
        self.by_key
            .get(k)
            .or_else(|| self.by_name.get(k))
            .map(|i| &self.items[*i])
    }
}

/// The registers a run of checks reads, each loaded whole on first use (`None`: never loaded):
/// an import of many cases, or the re-check after a register changed, reads each once.
/// With `bulk()`, each economy's cases are also read once into a `Caseload` that the run keeps
/// current (`added`, `rekeyed`); otherwise every lookup of other cases is a query.
pub(crate) struct Registers {
    employers: HashMap<String, Option<Lookup<Employer>>>,
    agencies: HashMap<(RegisterKind, String), Option<Lookup<Agency>>>,
    caseloads: Option<HashMap<String, Caseload>>,
    /// The shipped rules with each economy's newest saved set in place of its rows.
    rules: Option<Rules>,
    /// Whether the run holds the person index of the economies it saves cases of until it
    /// commits (a save or an import: new records), or takes it per case (a re-check).
    hold: bool,
    persons: HashMap<String, Held>,
}

impl Default for Registers {
    /// For the save of one case: the person index held until [`Registers::commit`].
    fn default() -> Registers {
        Registers {
            employers: HashMap::new(),
            agencies: HashMap::new(),
            caseloads: None,
            rules: None,
            hold: true,
            persons: HashMap::new(),
        }
    }
}

impl Registers {
    /// For a re-check of many stored cases (their identities unchanged).
    pub(crate) fn bulk() -> Registers {
        Registers {
            caseloads: Some(HashMap::new()),
            hold: false,
            ..Registers::default()
        }
    }

    /// For an import of many new cases of one economy.
    pub(crate) fn import() -> Registers {
        Registers {
            caseloads: Some(HashMap::new()),
            ..Registers::default()
        }
    }

    /// The transaction committed: what the run put in the person indexes stays.
    pub(crate) fn commit(&mut self) {
        for held in self.persons.values_mut() {
            held.commit();
        }
    }

    async fn caseload(&mut self, tx: &mut Tx, economy: &str) -> Result<Option<&mut Caseload>> {
        let Some(loads) = self.caseloads.as_mut() else {
            return Ok(None);
        };
        if !loads.contains_key(economy) {
            loads.insert(economy.to_string(), Caseload::new(tx.case_peers(economy).await?));
        }
        Ok(loads.get_mut(economy))
    }

    /// The rules in force, read once per run.
    pub(crate) async fn rules(&mut self, tx: &mut Tx, app: &App) -> Result<&Rules> {
        let rules = match self.rules.take() {
            Some(r) => r,
            None => in_force(tx, app).await?,
        };
        Ok(self.rules.insert(rules))
    }

    /// A case was stored: later checks in the run see it.
    pub(crate) fn added(&mut self, fields: &CaseFields, keys: &CaseKeys) {
        if let Some(load) = self.caseloads.as_mut().and_then(|l| l.get_mut(&fields.economy)) {
            load.add(keys);
        }
    }

    /// A case's employer key changed from `c.keys.employer_key` to `to`.
    pub(crate) fn rekeyed(&mut self, c: &StoredCase, to: &str) {
        if let Some(load) = self.caseloads.as_mut().and_then(|l| l.get_mut(&c.economy)) {
            load.rekey_employer(&c.keys.applied_on, &c.keys.employer_key, to);
        }
    }

    async fn employers(&mut self, tx: &mut Tx, economy: &str) -> Result<Option<&Lookup<Employer>>> {
        if !self.employers.contains_key(economy) {
            let loaded = if tx.last_import(RegisterKind::Employers, economy).await?.is_none() {
                None
            } else {
                let rows = tx.employers_of(economy).await?;
                Some(Lookup::new(
                    rows.into_iter()
                        .map(|e| (e.key.clone(), e.name_key.clone(), employer(e))),
                ))
            };
            self.employers.insert(economy.to_string(), loaded);
        }
        Ok(self.employers.get(economy).and_then(Option::as_ref))
    }

    async fn agency(&mut self, tx: &mut Tx, kind: RegisterKind, scope: &str, named: &str) -> Result<Found<Agency>> {
        let k = key(named);
        if k.is_empty() {
            return Ok(Found::NotNamed);
        }
        let at = (kind, scope.to_string());
        if !self.agencies.contains_key(&at) {
            let loaded = if tx.last_import(kind, scope).await?.is_none() {
                None
            } else {
                let rows = tx.agencies_of(kind, scope).await?;
                Some(Lookup::new(
                    rows.into_iter().map(|a| (a.key.clone(), a.name_key.clone(), agency(a))),
                ))
            };
            self.agencies.insert(at.clone(), loaded);
        }
        Ok(match self.agencies.get(&at).and_then(Option::as_ref) {
            None => Found::NoRegister,
            Some(l) => l.find(&k).map_or(Found::Missing, |a| Found::Entry(a.clone())),
        })
    }
}

fn found_ref<T>(f: &Found<T>) -> Found<&T> {
    match f {
        Found::NotNamed => Found::NotNamed,
        Found::NoRegister => Found::NoRegister,
        Found::Missing => Found::Missing,
        Found::Entry(e) => Found::Entry(e),
    }
}

#[cfg(test)]
mod tests {
    use pathways_domain::register::key;

    #[test]
    fn a_register_entry_is_found_by_its_number_or_its_name_whatever_the_spelling() {
        let l = super::Lookup::new([
            (key("1042/079"), key("Everest Manpower"), "everest"),
            (key("7"), key("Himal HR"), "himal"),
        ]);
        assert_eq!(l.find(&key("everest  manpower")), Some(&"everest"));
        assert_eq!(l.find(&key("1042-079")), Some(&"everest"));
        assert_eq!(l.find(&key("7")), Some(&"himal"));
        assert_eq!(l.find(&key("Nobody")), None);
    }

    #[test]
    fn the_volume_window_is_ninety_days_with_the_day_itself() {
        assert_eq!(super::window_start("2026-12-06"), "2026-09-08");
        assert_eq!(super::window_start("2024-03-01"), "2023-12-03");
    }
}
