//! Identity linkage across economies without sharing names. Each economy exports its person
//! index (cases and imported person records) as an encoded register: one CLK Bloom filter per
//! record of the name, date of birth and passport under a key the economies agreed, with a
//! pseudonym for an id and nothing readable. Another economy imports it (or, on a deployment
//! hosting several economies, one publishes it to the others) and its cases are matched against
//! it on save: a close encoding is a "possible earlier record in economy E" with its Dice
//! similarity, and the officer can ask E's officers about it through the request workflow, who
//! see their own record behind the pseudonym and answer with what their law allows.
//!
//! Keys rotate: the newest key not retired encodes exports; any key not retired is accepted on
//! import, and a register under a retired key is no longer matched. Pseudonyms are keyed with a
//! secret of this instance alone, so a pseudonym tells nothing of the record it stands for.
//!
//! Invariants: no name, date or document number leaves an economy in a register or a query; an
//! officer never reads another economy's records; the encoded registers are matched exactly as
//! stored (the cache is dropped whenever one changes).

use std::collections::HashMap;
use std::sync::Arc;

use hmac::{Hmac, Mac};
use pathways_domain::Action;
use pathways_domain::Principal;
use pathways_domain::case::CaseFields;
use pathways_domain::checks::{Abroad, AbroadRecord};
use pathways_domain::screening::VerificationSubject;
use pathways_domain::wording::say;
use pathways_linkage::clk::{self, EncodedFile, Hardening, Origin, Scheme, Secret};
use pathways_linkage::config::Config;
use pathways_storage::{EncodedRegister, StoredCase, StoredRequest, Tx};
use rand::RngCore;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::identity::{case_row, officer_economy, record_in_words, row};
use super::verification::{RequestView, Told, default_due, view};
use crate::map::records::audit;
use crate::{App, AppError, Result};

/// The hardening every export uses (see `docs/federated-linkage.md` for the measured trade-off).
pub const HARDENING: Hardening = Hardening::Balanced;

/// The largest encoded register read: about a million records.
pub const MAX_REGISTER: usize = 256 * 1024 * 1024;

/// The most records of other economies a case lists.
const LISTED: usize = 5;

/// The encoding economies exchange.
fn scheme() -> Scheme {
    Scheme::federated(&Config::default_worker(), HARDENING)
}

/// A received register, parsed for matching.
struct Received {
    meta: EncodedRegister,
    encoded: clk::Encoded,
}

/// The keys in use.
struct Keys {
    /// Keys not retired, by fingerprint.
    secrets: HashMap<String, Secret>,
    /// The key exports use: the newest not retired.
    current: Option<String>,
}

/// Reads the keys in use (without the registers: an export or an import needs no more).
async fn keys(tx: &mut Tx) -> Result<Keys> {
    let mut k = Keys {
        secrets: HashMap::new(),
        current: None,
    };
    for key in tx.federation_keys().await? {
        if key.retired_at.is_some() {
            continue;
        }
        let secret = Secret::new(&key.secret).map_err(|e| AppError::Internal(format!("federation key: {e}")))?;
        // The newest key first (`federation_keys` orders them).
        if k.current.is_none() {
            k.current = Some(key.fingerprint.clone());
        }
        k.secrets.insert(key.fingerprint, secret);
    }
    Ok(k)
}

/// The keys and received registers, as stored when loaded.
struct Loaded {
    /// The configuration and encoding records are read with, made once (a save's hot path).
    config: Config,
    scheme: Scheme,
    keys: Keys,
    registers: Vec<Received>,
}

/// What is loaded, dropped whenever a key or a register changes.
#[derive(Default)]
pub(crate) struct Federation(std::sync::Mutex<Option<Arc<Loaded>>>);

impl std::fmt::Debug for Federation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Federation")
    }
}

impl Federation {
    fn cached(&self) -> Option<Arc<Loaded>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
    fn set(&self, l: Option<Arc<Loaded>>) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = l;
    }
}

/// Drops the cache when the use case that changed what it holds ends, committed or not, so the
/// next reader loads what the store holds.
struct Forget<'a>(&'a Federation);

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        self.0.set(None);
    }
}

async fn load(tx: &mut Tx) -> Result<Loaded> {
    let config = Config::default_worker();
    let mut l = Loaded {
        scheme: Scheme::federated(&config, HARDENING),
        config,
        keys: keys(tx).await?,
        registers: vec![],
    };
    for meta in tx.encoded_registers().await? {
        let body = tx.encoded_register_body(&meta.id).await?.unwrap_or_default();
        let text =
            String::from_utf8(body).map_err(|e| AppError::Internal(format!("encoded register {}: {e}", meta.id)))?;
        let f =
            clk::parse_encoded(&text).map_err(|e| AppError::Internal(format!("encoded register {}: {e}", meta.id)))?;
        l.registers.push(Received {
            meta,
            encoded: f.encoded,
        });
    }
    Ok(l)
}

/// A key's fingerprint and dates, never the key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyView {
    pub fingerprint: String,
    pub added_by: String,
    pub added_at: String,
    pub retired_at: Option<String>,
    /// The key exports are encoded under.
    pub current: bool,
}

/// An encoded register received, as its economy's officers see it.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterView {
    #[serde(flatten)]
    pub meta: EncodedRegister,
    pub from_name: String,
    /// Its key has been retired: it is no longer matched.
    pub retired_key: bool,
}

/// An export: its file name and bytes.
#[derive(Debug)]
pub struct Export {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub records: usize,
}

fn pseudonym(pepper: &Hmac<Sha256>, economy: &str, id: &str) -> String {
    let mut m = pepper.clone();
    m.update(economy.as_bytes());
    m.update(b":");
    m.update(id.as_bytes());
    let d = m.finalize().into_bytes();
    format!("p{}", hex::encode(&d[..10]))
}

fn invalid_file(message: impl Into<String>) -> AppError {
    AppError::invalid("file", message)
}

impl App {
    async fn federation(&self, tx: &mut Tx) -> Result<Arc<Loaded>> {
        if let Some(l) = self.federation.cached() {
            return Ok(l);
        }
        let l = Arc::new(load(tx).await?);
        self.federation.set(Some(l.clone()));
        Ok(l)
    }

    /// Adds a key the economies agreed (at least 32 bytes); it encodes every export from now on.
    /// Returns its fingerprint, which the economies compare to know they hold the same key.
    pub async fn add_federation_key(&self, p: &Principal, secret: &[u8]) -> Result<String> {
        if !p.may(Action::ManageFederation, None) {
            return Err(AppError::Forbidden(say("refuse-manage-keys", &[])));
        }
        let s = Secret::new(secret).map_err(|e| AppError::invalid("secret", e.to_string()))?;
        let fingerprint = s.fingerprint();
        let _forget = Forget(&self.federation);
        let mut tx = self.store.write().await?;
        tx.insert_federation_key(&fingerprint, secret.trim_ascii(), &p.email)
            .await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"fingerprint": fingerprint})),
            ..audit(p, "federation.key_add", "federation_key", &fingerprint, None)
        })
        .await?;
        tx.commit().await?;
        Ok(fingerprint)
    }

    /// Retires a key: no longer used to encode, and registers under it no longer matched.
    pub async fn retire_federation_key(&self, p: &Principal, fingerprint: &str) -> Result<()> {
        if !p.may(Action::ManageFederation, None) {
            return Err(AppError::Forbidden(say("refuse-manage-keys", &[])));
        }
        let _forget = Forget(&self.federation);
        let mut tx = self.store.write().await?;
        if !tx.retire_federation_key(fingerprint).await? {
            return Err(AppError::NotFound {
                kind: "federation key in use".into(),
                id: fingerprint.into(),
            });
        }
        tx.append_audit(&audit(p, "federation.key_retire", "federation_key", fingerprint, None))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The keys, newest first, without their secrets.
    pub async fn federation_keys(&self, p: &Principal) -> Result<Vec<KeyView>> {
        if !p.may(Action::ManageFederation, None) && officer_economy(p).is_err() {
            return Err(AppError::Forbidden(say("refuse-read-keys", &[])));
        }
        let keys = self.store.read().await?.federation_keys().await?;
        let current = keys
            .iter()
            .find(|k| k.retired_at.is_none())
            .map(|k| k.fingerprint.clone());
        Ok(keys
            .into_iter()
            .map(|k| KeyView {
                current: Some(&k.fingerprint) == current.as_ref(),
                fingerprint: k.fingerprint,
                added_by: k.added_by,
                added_at: k.added_at,
                retired_at: k.retired_at,
            })
            .collect())
    }

    /// Encodes an economy's person index under the current key: the file, and its bytes. The
    /// pseudonyms given are kept, so that a query about one can be answered.
    async fn encode_economy(&self, tx: &mut Tx, economy: &str) -> Result<(EncodedFile, Vec<u8>)> {
        let keys = keys(tx).await?;
        let (Some(fingerprint), Some(secret)) = (
            keys.current.clone(),
            keys.current.as_ref().and_then(|c| keys.secrets.get(c)),
        ) else {
            return Err(AppError::invalid("key", say("no-federation-key", &[])));
        };
        let mut fresh = [0u8; 32];
        rand::rng().fill_bytes(&mut fresh);
        let pepper = tx.instance_secret("pseudonyms", &fresh).await?;
        let pepper = <Hmac<Sha256> as Mac>::new_from_slice(&pepper).map_err(|e| AppError::Internal(e.to_string()))?;
        let config = Config::default_worker();
        let mut pairs = vec![];
        let rows: Vec<(u64, csv::StringRecord)> = tx
            .index_rows(economy)
            .await?
            .into_iter()
            .enumerate()
            .map(|(n, mut r)| {
                let p = pseudonym(&pepper, economy, &r.id);
                pairs.push((p.clone(), std::mem::replace(&mut r.id, p)));
                (n as u64 + 1, row(&config, &r))
            })
            .collect();
        let scheme = Scheme::federated(&config, HARDENING);
        let (encoded, _unreadable) = clk::encode_rows(&scheme, secret, &config, &rows)
            .map_err(|e| AppError::Internal(format!("encoding: {e}")))?;
        let file = EncodedFile {
            origin: Some(Origin {
                economy: economy.to_string(),
                exported: pathways_storage::now(),
            }),
            scheme,
            key: fingerprint,
            encoded,
        };
        let mut bytes = vec![];
        clk::write_encoded(&mut bytes, file.origin.as_ref(), &file.scheme, &file.key, &file.encoded)
            .map_err(|e| AppError::Internal(format!("encoding: {e}")))?;
        tx.insert_pseudonyms(economy, &pairs).await?;
        Ok((file, bytes))
    }

    /// The officer's economy's encoded register, to hand to another economy's instance.
    pub async fn export_encoded_register(&self, p: &Principal) -> Result<Export> {
        let economy = officer_economy(p)?;
        let mut tx = self.store.write().await?;
        let (file, bytes) = self.encode_economy(&mut tx, &economy).await?;
        let records = file.encoded.len();
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"records": records, "key": file.key})),
            ..audit(p, "federation.export", "encoded_register", &economy, Some(&economy))
        })
        .await?;
        tx.commit().await?;
        Ok(Export {
            file_name: format!("encoded-register-{economy}-{}.csv", crate::today()),
            bytes,
            records,
        })
    }

    /// Reads an encoded register another economy exported, for the officer's economy: refused
    /// whole (nothing stored) when it is not one, comes from the officer's own economy, was
    /// encoded under a key not in use or with other parameters.
    pub async fn import_encoded_register(&self, p: &Principal, bytes: &[u8]) -> Result<RegisterView> {
        let economy = officer_economy(p)?;
        if bytes.len() > MAX_REGISTER {
            return Err(invalid_file(say(
                "encoded-too-large",
                &[
                    ("size", &(bytes.len() / (1024 * 1024)).to_string()),
                    ("limit", &(MAX_REGISTER / (1024 * 1024)).to_string()),
                ],
            )));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| invalid_file(say("not-utf8", &[("why", &e.to_string())])))?;
        let f = clk::parse_encoded(text).map_err(|e| invalid_file(e.to_string()))?;
        let origin = match &f.origin {
            Some(o) => o.economy.clone(),
            None => {
                return Err(invalid_file(say("encoded-no-origin", &[])));
            }
        };
        if !self.vocab().is_economy(&origin) {
            return Err(invalid_file(say("encoded-not-economy", &[("value", &origin)])));
        }
        if origin == economy {
            return Err(invalid_file(say("encoded-own", &[])));
        }
        if f.scheme != scheme() {
            return Err(invalid_file(say("encoded-other-parameters", &[])));
        }
        let _forget = Forget(&self.federation);
        let mut tx = self.store.write().await?;
        if !keys(&mut tx).await?.secrets.contains_key(&f.key) {
            return Err(invalid_file(say("encoded-other-key", &[("key", &f.key)])));
        }
        let view = self.store_received(&mut tx, p, Some(&economy), &f, bytes, true).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Publishes the officer's economy's encoded register to the other economies of this
    /// deployment: their cases are matched against it, and none of their officers reads a name.
    pub async fn publish_encoded_register(&self, p: &Principal) -> Result<RegisterView> {
        self.publish(p, true).await
    }

    /// Publishes, in one transaction; the open cases of the other economies are checked again
    /// when `recheck` (the demo publishes every economy's, then checks each economy's open cases
    /// once).
    pub(crate) async fn publish(&self, p: &Principal, recheck: bool) -> Result<RegisterView> {
        let economy = officer_economy(p)?;
        let _forget = Forget(&self.federation);
        let mut tx = self.store.write().await?;
        let (file, bytes) = self.encode_economy(&mut tx, &economy).await?;
        let view = self.store_received(&mut tx, p, None, &file, &bytes, recheck).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Stores a register (checked: another economy's, under a key in use) for `into` (`None`:
    /// every other economy here) in place of the earlier one of the same route, audited, and
    /// checks again the open cases it is matched with when `recheck`. The caller holds a
    /// [`Forget`] for the cache.
    async fn store_received(
        &self,
        tx: &mut Tx,
        p: &Principal,
        into: Option<&str>,
        f: &EncodedFile,
        bytes: &[u8],
        recheck: bool,
    ) -> Result<RegisterView> {
        let from = f.origin.as_ref().map(|o| o.economy.clone()).unwrap_or_default();
        let meta = EncodedRegister {
            id: format!("er_{}", uuid::Uuid::now_v7().simple()),
            from_economy: from.clone(),
            into_economy: into.map(str::to_string),
            key_fingerprint: f.key.clone(),
            exported_at: f.origin.as_ref().map(|o| o.exported.clone()).unwrap_or_default(),
            records: f.encoded.len() as i64,
            sha256: hex::encode(Sha256::digest(bytes)),
            imported_by: p.email.clone(),
            imported_at: pathways_storage::now(),
        };
        tx.replace_encoded_register(&meta, bytes).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"from": meta.from_economy, "into": meta.into_economy, "records": meta.records, "sha256": meta.sha256, "key": meta.key_fingerprint})),
            ..audit(p, "federation.import", "encoded_register", &meta.id, into.or(Some(&from)))
        })
        .await?;
        if recheck {
            // The open cases read the new register: the cache is loaded again from this
            // transaction.
            self.federation.set(None);
            let economies: Vec<String> = match into {
                Some(e) => vec![e.to_string()],
                None => self
                    .vocab()
                    .economies
                    .iter()
                    .map(|e| e.code.clone())
                    .filter(|c| *c != from)
                    .collect(),
            };
            for e in &economies {
                self.recheck_open(tx, pathways_storage::OpenBy::Economy, e).await?;
            }
        }
        Ok(RegisterView {
            from_name: self.vocab().economy_name(&from).to_string(),
            meta,
            retired_key: false,
        })
    }

    /// The encoded registers an officer's economy is matched against.
    pub async fn encoded_registers(&self, p: &Principal) -> Result<Vec<RegisterView>> {
        let economy = officer_economy(p)?;
        let mut tx = self.store.read().await?;
        let keys: Vec<String> = tx
            .federation_keys()
            .await?
            .into_iter()
            .filter(|k| k.retired_at.is_none())
            .map(|k| k.fingerprint)
            .collect();
        Ok(tx
            .encoded_registers_for(&economy)
            .await?
            .into_iter()
            .map(|meta| RegisterView {
                from_name: self.vocab().economy_name(&meta.from_economy).to_string(),
                retired_key: !keys.contains(&meta.key_fingerprint),
                meta,
            })
            .collect())
    }

    /// A case matched against the other economies' encoded registers it may read: each register
    /// (under a key in use) with the records at or above `threshold`, the closest first.
    pub(crate) async fn match_abroad(
        &self,
        tx: &mut Tx,
        id: &str,
        fields: &CaseFields,
        threshold: f64,
    ) -> Result<Abroad> {
        let loaded = self.federation(tx).await?;
        let economy = fields.economy.as_str();
        let mut out = Abroad {
            registers: vec![],
            hits: vec![],
        };
        let visible: Vec<(&Received, &Secret)> = loaded
            .registers
            .iter()
            .filter(|r| match &r.meta.into_economy {
                Some(into) => into == economy,
                None => r.meta.from_economy != economy,
            })
            .filter_map(|r| loaded.keys.secrets.get(&r.meta.key_fingerprint).map(|k| (r, k)))
            .collect();
        // Most saves have nothing to match against: nothing is encoded for them.
        if visible.is_empty() {
            return Ok(out);
        }
        let (config, scheme) = (&loaded.config, &loaded.scheme);
        let line = row(config, &case_row(id, fields));
        let mut mine: HashMap<&str, clk::Encoded> = HashMap::new();
        for (r, secret) in visible {
            let name = self.vocab().economy_name(&r.meta.from_economy).to_string();
            out.registers
                .push((name.clone(), r.meta.exported_at.clone(), r.encoded.len()));
            let me = match mine.get(r.meta.key_fingerprint.as_str()) {
                Some(e) => e,
                None => {
                    let (e, _) = clk::encode_rows(scheme, secret, config, &[(1, line.clone())])
                        .map_err(|e| AppError::Internal(format!("encoding: {e}")))?;
                    mine.entry(r.meta.key_fingerprint.as_str()).or_insert(e)
                }
            };
            if me.is_empty() || me.counts[0] == 0 {
                continue;
            }
            let mut found = vec![];
            clk::dice_scan(
                me.filter(0),
                me.counts[0],
                &r.encoded.bits,
                &r.encoded.counts,
                threshold,
                &mut found,
            );
            for (j, dice) in found {
                out.hits.push(AbroadRecord {
                    economy: r.meta.from_economy.clone(),
                    economy_name: name.clone(),
                    record: r.encoded.ids[j as usize].to_string(),
                    dice: f64::from(dice),
                });
            }
        }
        out.hits
            .sort_by(|a, b| b.dice.total_cmp(&a.dice).then_with(|| a.record.cmp(&b.record)));
        out.hits.truncate(LISTED);
        Ok(out)
    }

    /// The records of other economies close to a case, for its officers (to ask about them).
    pub async fn case_abroad(&self, p: &Principal, case_id: &str) -> Result<Abroad> {
        let mut tx = self.store.read().await?;
        Ok(self.abroad_of(&mut tx, p, case_id).await?.2)
    }

    /// A case its officer may read, its fields, and the records of other economies close to it
    /// (at its economy's threshold).
    async fn abroad_of(&self, tx: &mut Tx, p: &Principal, case_id: &str) -> Result<(StoredCase, CaseFields, Abroad)> {
        let c = tx
            .case(case_id)
            .await?
            .filter(|c| p.may(Action::Screen, Some(&c.economy)))
            .ok_or_else(|| AppError::NotFound {
                kind: "case".into(),
                id: case_id.into(),
            })?;
        let fields: CaseFields =
            serde_json::from_value(c.fields.clone()).map_err(|e| AppError::Internal(format!("case {case_id}: {e}")))?;
        let mut regs = super::checks::Registers::bulk();
        let threshold = regs
            .rules(tx, self)
            .await?
            .abroad_threshold(&c.economy, &fields.pathway)
            .unwrap_or(pathways_domain::checks::DEFAULT_ABROAD_DICE);
        let abroad = self.match_abroad(tx, case_id, &fields, threshold).await?;
        Ok((c, fields, abroad))
    }

    /// Asks another economy's officers about one of their records that a case matched (by its
    /// pseudonym): a request in the verification workflow, addressed to the economy, that carries
    /// no name — the pseudonym, the Dice similarity and the question.
    pub async fn ask_economy(
        &self,
        p: &Principal,
        case_id: &str,
        economy: &str,
        record: &str,
        question: &str,
    ) -> Result<RequestView> {
        let economy = economy.trim().to_ascii_uppercase();
        let mut tx = self.store.write().await?;
        let (c, fields, abroad) = self.abroad_of(&mut tx, p, case_id).await?;
        let Some(hit) = abroad.hits.iter().find(|h| h.economy == economy && h.record == record) else {
            return Err(AppError::invalid(
                "record",
                say("not-matched-record", &[("record", record), ("economy", &economy)]),
            ));
        };
        let today = crate::today();
        let r = StoredRequest {
            id: format!("vr_{}", uuid::Uuid::new_v4().simple()),
            case_id: c.id.clone(),
            economy: c.economy.clone(),
            country: fields.nationality.clone(),
            subject: VerificationSubject::Identity,
            question: question.trim().to_string(),
            excerpt: json!({
                "record": hit.record,
                "dice": (hit.dice * 100.0).round() / 100.0,
                "asked_by": self.vocab().economy_name(&c.economy),
            }),
            due: default_due(&today)?,
            outcome: None,
            comment: None,
            answered_by: None,
            answered_at: None,
            created_by: p.email.clone(),
            created_at: pathways_storage::now(),
            to_economy: Some(economy.clone()),
        };
        tx.insert_request(&r).await?;
        self.tell_addressees(&mut tx, &r, Told::Asked).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"request": r.id, "to_economy": economy, "record": hit.record})),
            ..audit(p, "case.economy_query", "case", &c.id, Some(&c.economy))
        })
        .await?;
        tx.commit().await?;
        Ok(view(r, true, &today))
    }

    /// The record of the officer's economy a query names, in words, for the officers who answer.
    pub(crate) async fn queried_record(
        &self,
        tx: &mut Tx,
        economy: &str,
        pseudonym: &str,
    ) -> Result<Option<(String, String)>> {
        let Some(id) = tx.pseudonym_record(economy, pseudonym).await? else {
            return Ok(None);
        };
        let what = record_in_words(tx, &id).await?;
        Ok(Some((id, what)))
    }
}
