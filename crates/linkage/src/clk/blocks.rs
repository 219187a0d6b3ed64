//! Keyed blocking keys carried with the encodings, so that two encoded registers are matched as
//! fast as two plain ones: each record gets, per blocking rule of the configuration (same
//! passport, same sounding name and birth date, ...), its key under a keyed pseudo-random function
//! (SipHash-1-3 with a key derived from the shared secret), as anonlink's P-Sig signatures do.
//! Records sharing a key are compared by Dice; the others never. Without the secret a key says
//! only which records share it — the size of a block, which is the privacy cost of carrying them:
//! `pathways link encode --no-blocking-keys` leaves them out, and matching then falls back to
//! Hamming LSH on the filters (slower, lower recall). See `docs/federated-linkage.md`.

use std::hash::Hasher;

use hmac::Mac;
use rayon::prelude::*;

use super::{Encoded, Secret, dice};
use crate::config::Config;
use crate::prepare::Records;

/// A blocking rule as carried in a file: its name and its largest block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockRule {
    pub name: String,
    pub max_block: usize,
}

/// The keys of every record under every rule: `keys[i * rules.len() + k]`, 0 where the record has
/// no key for the rule (a part missing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    pub rules: Vec<BlockRule>,
    pub keys: Vec<u64>,
}

impl Blocks {
    /// `name:max;name:max`, for the file's header.
    pub fn header(&self) -> String {
        let rules: Vec<String> = self
            .rules
            .iter()
            .map(|r| format!("{}:{}", r.name, r.max_block))
            .collect();
        rules.join(";")
    }

    pub fn parse_header(v: &str) -> Option<Vec<BlockRule>> {
        v.split(';')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let (name, max) = r.split_once(':')?;
                Some(BlockRule {
                    name: name.to_string(),
                    max_block: max.parse().ok()?,
                })
            })
            .collect()
    }
}

/// The keyed blocking keys of prepared records under the configuration's blocking rules.
pub fn block_keys(config: &Config, secret: &Secret, records: &Records) -> Blocks {
    let mut m = secret.mac();
    m.update(b"pathways-clk blocking keys");
    let d = m.finalize().into_bytes();
    let (k0, k1) = (
        u64::from_le_bytes(d[..8].try_into().unwrap_or([0; 8])),
        u64::from_le_bytes(d[8..16].try_into().unwrap_or([0; 8])),
    );
    let resolved = crate::block::resolve_rules(config, &config.blocking);
    let rules: Vec<BlockRule> = config
        .blocking
        .iter()
        .map(|r| BlockRule {
            name: r.name.clone(),
            max_block: r.max_block.unwrap_or(config.max_block),
        })
        .collect();
    let n = rules.len();
    let keys: Vec<u64> = (0..records.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            (0..n).map(move |k| (i, k)).map(|(i, k)| {
                let plain = resolved[k]
                    .as_ref()
                    .and_then(|parts| crate::block::record_key(parts, records, i));
                plain.map_or(0, |v| {
                    let mut h = siphasher::sip::SipHasher13::new_with_keys(k0, k1);
                    h.write_u64(k as u64);
                    h.write_u64(v);
                    h.finish().max(1)
                })
            })
        })
        .collect();
    Blocks { rules, keys }
}

/// Pairs at or above `threshold` among the records that share a key, each pair scored once (in
/// the first rule where its records meet); blocks over their rule's largest are skipped.
pub(crate) fn match_by_blocks(
    left: &Encoded,
    lb: &Blocks,
    right: &Encoded,
    rb: &Blocks,
    threshold: f64,
) -> Vec<(u32, u32, f64)> {
    let n = lb.rules.len();
    let shared = |i: usize, j: usize, before: usize| {
        (0..before).any(|k| {
            let a = lb.keys[i * n + k];
            a != 0 && a == rb.keys[j * n + k]
        })
    };
    (0..n)
        .into_par_iter()
        .flat_map_iter(|k| {
            let list = |e: &Encoded, b: &Blocks| -> Vec<(u64, u32)> {
                let mut v: Vec<(u64, u32)> = (0..e.len())
                    .filter_map(|i| {
                        let key = b.keys[i * n + k];
                        (key != 0).then_some((key, i as u32))
                    })
                    .collect();
                v.sort_unstable();
                v
            };
            let (l, r) = (list(left, lb), list(right, rb));
            let max = lb.rules[k].max_block;
            let mut out = vec![];
            for (rx, ry) in crate::block::runs(&l, &r) {
                if rx.len() > max || ry.len() > max {
                    continue;
                }
                for a in &l[rx.clone()] {
                    for c in &r[ry.clone()] {
                        let (i, j) = (a.1 as usize, c.1 as usize);
                        if shared(i, j, k) {
                            continue;
                        }
                        let d = dice(left.filter(i), right.filter(j), left.counts[i], right.counts[j]);
                        if d >= threshold {
                            out.push((a.1, c.1, d));
                        }
                    }
                }
            }
            out.into_iter()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clk::{Scheme, encode, match_encoded};

    fn records(config: &Config, rows: &[&str]) -> Records {
        let header: Vec<String> = config.columns().iter().map(|c| c.to_string()).collect();
        let rows: Vec<(u64, csv::StringRecord)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i as u64 + 2, r.split(',').collect()))
            .collect();
        let prep = crate::Preparer::new(config, &header).unwrap();
        let mut out = Records::default();
        prep.prepare(&rows, &mut out).unwrap();
        out
    }

    #[test]
    fn records_sharing_a_keyed_key_are_compared_and_no_others() {
        let config = Config::default_worker();
        // record_id,given_name,surname,full_name,date_of_birth,sex,nationality,passport_number
        assert_eq!(config.columns().len(), 8);
        let left = records(
            &config,
            &[
                "L1,Ram Bahadur,Thapa,,1990-05-01,m,NP,PA1234567",
                "L2,Sita,Gurung,,1985-03-12,f,NP,PB7654321",
            ],
        );
        let right = records(
            &config,
            &[
                // A renewed passport: found through the same sounding name and birth date.
                "R1,Ram Bahadur,Thapa,,1990-05-01,m,NP,N9999999",
                // Sita's passport, but nothing else of hers: shares the passport key only.
                "R2,Anil,Rai,,1970-01-09,m,NP,PB7654321",
            ],
        );
        let secret = Secret::new(&[42u8; 32]).unwrap();
        let scheme = Scheme::for_config(&config, 1024);
        let (mut l, mut r) = (encode(&scheme, &secret, &left), encode(&scheme, &secret, &right));
        l.blocks = Some(block_keys(&config, &secret, &left));
        r.blocks = Some(block_keys(&config, &secret, &right));
        let b = l.blocks.as_ref().unwrap();
        assert_eq!(b.keys.len(), 2 * b.rules.len());
        assert!(b.keys.iter().any(|k| *k != 0));
        let pairs = match_encoded(&l, &r, 0.0, 24, 24, 2_000);
        let found: Vec<(u32, u32)> = pairs.iter().map(|p| (p.0, p.1)).collect();
        // Each pair once; Ram with Ram, Sita's passport with R2; never Ram with R2.
        assert!(found.contains(&(0, 0)) && found.contains(&(1, 1)), "{found:?}");
        assert!(!found.contains(&(0, 1)), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
        // Another secret gives other keys: nothing is shared across keys.
        let other = block_keys(&config, &Secret::new(&[43u8; 32]).unwrap(), &left);
        assert!(other.keys.iter().zip(&b.keys).all(|(a, b)| *a == 0 || a != b));
    }
}
