//! Privacy-preserving linkage with cryptographic long-term keys (CLK, Schnell et al. 2011): each
//! record becomes one Bloom filter of `bits` bits into which the q-grams of its normalised fields
//! are hashed with a keyed HMAC (a secret the data owners share and the linkage operator does not
//! have). Two economies can then compare filters — the Dice coefficient of their bits — without
//! either seeing the other's names.
//!
//! Each q-gram is hashed once (HMAC-SHA256, cached per field and q-gram) into two 64-bit values
//! and set at `k` positions `h1 + i·h2 mod bits` (double hashing). The number of positions per
//! q-gram is the field's bit budget: rare, discriminating fields (names, dates, passports) get
//! more than categories. Blocking on encodings samples bit positions (Hamming LSH): records
//! sharing every sampled bit of a band are compared.

use hmac::{Hmac, Mac};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use sha2::Sha256;

mod blocks;
mod file;
mod harden;

pub use blocks::{BlockRule, Blocks, block_keys};
pub use file::{EncodedFile, Origin, parse_encoded, write_encoded};
pub use harden::Hardening;

use crate::LinkError;
use crate::config::{Config, FieldType};
use crate::prepare::{Column, Records};

/// The smallest secret accepted: 32 bytes (256 bits).
pub const MIN_SECRET: usize = 32;

/// Encoding parameters; both parties must use the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    pub bits: usize,
    /// Per field: (name, q, positions per q-gram).
    pub fields: Vec<(String, usize, usize)>,
    pub hardening: Hardening,
}

impl Scheme {
    /// The default budget for the fields of a configuration.
    pub fn for_config(config: &Config, bits: usize) -> Scheme {
        let fields = config
            .fields
            .iter()
            .map(|f| {
                let (q, k) = match f.kind {
                    FieldType::PersonName => (2, 20),
                    FieldType::Date => (2, 12),
                    FieldType::Document => (2, 14),
                    FieldType::Categorical => (0, 6),
                    FieldType::Text => (2, 8),
                };
                (f.name.clone(), q, k)
            })
            .collect();
        Scheme {
            bits,
            fields,
            hardening: Hardening::None,
        }
    }

    /// The encoding economies exchange (federated linkage): the name, the date of birth and the
    /// document number alone, `hardening` applied. Sex and nationality add little to a filter and
    /// narrow what a frequency attack has to guess, so they set no bits.
    pub fn federated(config: &Config, hardening: Hardening) -> Scheme {
        let mut s = Scheme::for_config(config, 1024);
        for (f, (_, _, k)) in config.fields.iter().zip(s.fields.iter_mut()) {
            if !matches!(f.kind, FieldType::PersonName | FieldType::Date | FieldType::Document) {
                *k = 0;
            }
        }
        s.hardening = hardening;
        s
    }

    /// A one-line description written at the top of encoded files.
    pub fn header(&self, fingerprint: &str) -> String {
        let fields: Vec<String> = self.fields.iter().map(|(n, q, k)| format!("{n}:{q}:{k}")).collect();
        // Files of plain encodings keep the header they always had.
        let harden = match self.hardening {
            Hardening::None => String::new(),
            h => format!(" harden={}", h.as_str()),
        };
        format!(
            "pathways-clk/1 bits={} key={fingerprint} fields={}{harden}",
            self.bits,
            fields.join(";")
        )
    }

    pub fn parse_header(line: &str) -> Option<(Scheme, String)> {
        let mut parts = line.split_whitespace();
        if parts.next()? != "pathways-clk/1" {
            return None;
        }
        let (mut bits, mut key, mut fields, mut hardening) = (None, None, vec![], Hardening::None);
        for p in parts {
            let (k, v) = p.split_once('=')?;
            match k {
                "bits" => bits = v.parse().ok(),
                "key" => key = Some(v.to_string()),
                "harden" => hardening = Hardening::parse(v).ok()?,
                "fields" => {
                    for f in v.split(';').filter(|f| !f.is_empty()) {
                        let mut it = f.split(':');
                        fields.push((
                            it.next()?.to_string(),
                            it.next()?.parse().ok()?,
                            it.next()?.parse().ok()?,
                        ));
                    }
                }
                _ => return None,
            }
        }
        Some((
            Scheme {
                bits: bits?,
                fields,
                hardening,
            },
            key?,
        ))
    }
}

/// The key all parties derive their filters from, ready as an HMAC state.
pub struct Secret(Hmac<Sha256>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Secret {
    /// A secret of at least [`MIN_SECRET`] bytes (surrounding whitespace ignored).
    pub fn new(bytes: &[u8]) -> Result<Secret, LinkError> {
        let trimmed = bytes.trim_ascii();
        if trimmed.len() < MIN_SECRET {
            return Err(LinkError::Secret(format!(
                "the secret has {} bytes; at least {MIN_SECRET} are needed (e.g. `openssl rand -hex 32`)",
                trimmed.len()
            )));
        }
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(trimmed).map_err(|e| LinkError::Secret(e.to_string()))?;
        Ok(Secret(mac))
    }

    fn mac(&self) -> Hmac<Sha256> {
        self.0.clone()
    }

    /// A short public fingerprint, so that parties can check they used the same secret.
    pub fn fingerprint(&self) -> String {
        let mut m = self.mac();
        m.update(b"pathways-clk fingerprint");
        let out = m.finalize().into_bytes();
        out[..6].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Encoded records: ids and `words` u64 words per record, with each filter's popcount.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    pub ids: Vec<compact_str::CompactString>,
    pub words: usize,
    pub bits: Vec<u64>,
    pub counts: Vec<u32>,
    /// The keyed blocking keys carried with the filters, if any (see [`block_keys`]).
    pub blocks: Option<Blocks>,
}

impl Encoded {
    pub fn filter(&self, i: usize) -> &[u64] {
        &self.bits[i * self.words..(i + 1) * self.words]
    }
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
    pub fn push(&mut self, id: String, filter: &[u64]) {
        self.counts.push(filter.iter().map(|w| w.count_ones()).sum());
        self.bits.extend_from_slice(filter);
        self.ids.push(id.into());
    }
}

/// Calls `each` with the q-grams of `s` (padded with spaces so that the first and last letters
/// count as much as the others), using `buf` so that no allocation happens per value.
fn qgrams(s: &[u8], q: usize, buf: &mut Vec<u8>, mut each: impl FnMut(&[u8])) {
    if q == 0 {
        each(s);
        return;
    }
    buf.clear();
    buf.push(b' ');
    buf.extend_from_slice(s);
    buf.push(b' ');
    for w in buf.windows(q.min(buf.len())) {
        each(w);
    }
}

/// Calls `each` with the values of a record that go into its filter: name tokens, the date as
/// YYYYMMDD, the OCR-folded document number, the category, text tokens.
fn for_each_value(col: &Column, i: usize, mut each: impl FnMut(&[u8])) {
    match col {
        Column::Name(c) => {
            if !c[i].is_missing() {
                c[i].key().split(' ').for_each(|t| each(t.as_bytes()));
            }
        }
        Column::Date(c) => {
            if let Some(d) = c[i] {
                let mut b = [0u8; 8];
                let digits = |v: u32, out: &mut [u8]| {
                    let mut v = v;
                    for slot in out.iter_mut().rev() {
                        *slot = b'0' + (v % 10) as u8;
                        v /= 10;
                    }
                };
                digits(d.y as u32, &mut b[..4]);
                digits(d.m as u32, &mut b[4..6]);
                digits(d.d as u32, &mut b[6..]);
                // A year-only date sets the year's grams alone, which a full date shares.
                each(if d.is_year_only() { &b[..4] } else { &b });
            }
        }
        Column::Doc(c) => {
            if !c[i].ocr.is_empty() {
                each(c[i].ocr.as_bytes());
            }
        }
        Column::Cat(c) => {
            if c[i] != 0 {
                each(&c[i].to_le_bytes());
            }
        }
        Column::Text(c) => c[i]
            .split(' ')
            .filter(|t| !t.is_empty())
            .for_each(|t| each(t.as_bytes())),
    }
}

/// The year of birth a salted encoding hashes a record's names and documents with (0: unknown).
fn salt_of(records: &Records, i: usize) -> u16 {
    records
        .columns
        .iter()
        .find_map(|c| match c {
            Column::Date(d) => Some(d[i].map_or(0, |d| d.y)),
            _ => None,
        })
        .unwrap_or(0)
}

/// Encodes prepared records. The HMAC of each distinct (field, q-gram) is computed once per
/// thread chunk and reused: names repeat their q-grams endlessly, so this is what makes encoding
/// fast.
pub fn encode(scheme: &Scheme, secret: &Secret, records: &Records) -> Encoded {
    let words = scheme.bits.div_ceil(64);
    let raw_bits = scheme.hardening.raw_bits(scheme.bits).max(1);
    let raw_words = raw_bits.div_ceil(64);
    let base = secret.mac();
    let permutation = match scheme.hardening {
        Hardening::Balanced => {
            let mut m = base.clone();
            m.update(b"pathways-clk balanced permutation");
            let d = m.finalize().into_bytes();
            harden::permutation(scheme.bits, u64::from_le_bytes(d[..8].try_into().unwrap_or([0; 8])))
        }
        _ => vec![],
    };
    let salted = scheme.hardening == Hardening::Salt;
    let chunks: Vec<Vec<u64>> = (0..records.len())
        .collect::<Vec<_>>()
        .par_chunks(8192)
        .map(|idx| {
            // Keyed by a hash of (field, salt, q-gram): no allocation per lookup.
            let mut cache: FxHashMap<u64, (u64, u64)> = FxHashMap::default();
            let mut out = vec![0u64; idx.len() * words];
            let mut raw = vec![0u64; raw_words];
            let mut buf = Vec::with_capacity(64);
            for (n, &i) in idx.iter().enumerate() {
                raw.iter_mut().for_each(|w| *w = 0);
                let year = if salted { salt_of(records, i) } else { 0 };
                for (k, (_, q, positions)) in scheme.fields.iter().enumerate() {
                    let Some(col) = records.columns.get(k) else { continue };
                    let salt = match col {
                        Column::Name(_) | Column::Doc(_) => year,
                        _ => 0,
                    };
                    for_each_value(col, i, |v| {
                        qgrams(v, *q, &mut buf, |g| {
                            let ck = crate::hash(g)
                                ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                                ^ u64::from(salt).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
                            let (h1, h2) = *cache.entry(ck).or_insert_with(|| {
                                let mut m = base.clone();
                                m.update(&[k as u8, 0]);
                                if salt != 0 {
                                    m.update(&salt.to_le_bytes());
                                }
                                m.update(g);
                                let d = m.finalize().into_bytes();
                                let h1 = u64::from_le_bytes(d[..8].try_into().unwrap_or([0; 8]));
                                let h2 = u64::from_le_bytes(d[8..16].try_into().unwrap_or([0; 8])) | 1;
                                (h1, h2)
                            });
                            for p in 0..*positions as u64 {
                                let bit = (h1.wrapping_add(p.wrapping_mul(h2)) % raw_bits as u64) as usize;
                                raw[bit / 64] |= 1 << (bit % 64);
                            }
                        });
                    });
                }
                harden::finish(
                    scheme.hardening,
                    &raw,
                    &permutation,
                    &mut out[n * words..(n + 1) * words],
                );
            }
            out
        })
        .collect();
    let mut e = Encoded {
        ids: records.ids.clone(),
        words,
        bits: Vec::with_capacity(records.len() * words),
        counts: vec![],
        blocks: None,
    };
    for c in chunks {
        e.bits.extend(c);
    }
    e.counts = (0..e.len())
        .map(|i| e.filter(i).iter().map(|w| w.count_ones()).sum())
        .collect();
    e
}

/// Encodes rows laid out as the configuration's columns (`Config::columns`), each with its
/// line: the encodings, and what could not be read.
pub fn encode_rows(
    scheme: &Scheme,
    secret: &Secret,
    config: &Config,
    rows: &[(u64, csv::StringRecord)],
) -> Result<(Encoded, crate::quality::Unreadable), LinkError> {
    let header: Vec<String> = config.columns().iter().map(|c| c.to_string()).collect();
    let prep = crate::Preparer::new(config, &header)?;
    let mut records = Records::default();
    let unreadable = prep.prepare(rows, &mut records)?;
    Ok((encode(scheme, secret, &records), unreadable))
}

/// The Dice coefficient of two filters with known popcounts.
#[inline]
pub fn dice(a: &[u64], b: &[u64], ca: u32, cb: u32) -> f64 {
    let common = common_bits(a, b);
    if ca + cb == 0 {
        0.0
    } else {
        2.0 * common as f64 / (ca + cb) as f64
    }
}

/// The number of bits set in both filters. Compiled for several instruction sets and chosen at
/// run time (AVX-512 population count where the CPU has it), without any unsafe code here.
#[multiversion::multiversion(targets("x86_64+avx512f+avx512vpopcntdq+avx512bw", "x86_64+avx2+popcnt"))]
pub fn common_bits(a: &[u64], b: &[u64]) -> u32 {
    // Fixed-size chunks let the compiler unroll and vectorise the loop.
    let mut total = 0u32;
    let (ca, ra) = a.as_chunks::<16>();
    let (cb, rb) = b.as_chunks::<16>();
    for (x, y) in ca.iter().zip(cb) {
        let mut s = 0u32;
        for k in 0..16 {
            s += (x[k] & y[k]).count_ones();
        }
        total += s;
    }
    for (x, y) in ra.iter().zip(rb) {
        total += (x & y).count_ones();
    }
    total
}

/// Compares one filter with a contiguous run of filters (`words` u64 each), pushing the index and
/// Dice coefficient of those at or above `threshold` into `out`. The whole loop is compiled per
/// instruction set, so the population counts vectorise (AVX-512 where available).
#[multiversion::multiversion(targets("x86_64+avx512f+avx512vpopcntdq+avx512bw", "x86_64+avx2+popcnt"))]
pub fn dice_scan(a: &[u64], ca: u32, bits: &[u64], counts: &[u32], threshold: f64, out: &mut Vec<(u32, f32)>) {
    let words = a.len();
    if words == 16 {
        let a: &[u64; 16] = match a.try_into() {
            Ok(a) => a,
            Err(_) => return,
        };
        let (chunks, _) = bits.as_chunks::<16>();
        for (j, (b, cb)) in chunks.iter().zip(counts).enumerate() {
            let mut s = 0u32;
            for k in 0..16 {
                s += (a[k] & b[k]).count_ones();
            }
            let d = 2.0 * s as f64 / (ca + cb).max(1) as f64;
            if d >= threshold {
                out.push((j as u32, d as f32));
            }
        }
    } else {
        for (j, (b, cb)) in bits.chunks_exact(words.max(1)).zip(counts).enumerate() {
            let d = dice(a, b, ca, *cb);
            if d >= threshold {
                out.push((j as u32, d as f32));
            }
        }
    }
}

/// Pairs of encodings at or above `threshold`, the closest first. When both carry blocking keys
/// under the same rules, the records sharing a key are compared (as a plain link run blocks);
/// otherwise candidates come from Hamming LSH: `bands` bands of `per_band` sampled bit positions,
/// records agreeing on every sampled bit of a band compared, blocks over `max_block` skipped.
pub fn match_encoded(
    left: &Encoded,
    right: &Encoded,
    threshold: f64,
    bands: usize,
    per_band: usize,
    max_block: usize,
) -> Vec<(u32, u32, f64)> {
    if let (Some(lb), Some(rb)) = (&left.blocks, &right.blocks)
        && lb.rules == rb.rules
    {
        let mut found = blocks::match_by_blocks(left, lb, right, rb, threshold);
        found.par_sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        return found;
    }
    let bits = left.words * 64;
    let mut rng = crate::model::Rng(0x05ee_dc1c);
    let band_positions: Vec<Vec<usize>> = (0..bands)
        .map(|_| (0..per_band).map(|_| rng.below(bits)).collect())
        .collect();
    let key = |e: &Encoded, i: usize, pos: &[usize]| -> u64 {
        let f = e.filter(i);
        pos.iter()
            .enumerate()
            .fold(0u64, |acc, (n, p)| acc | (((f[p / 64] >> (p % 64)) & 1) << n))
    };
    let mut found: Vec<(u32, u32, f64)> = band_positions
        .par_iter()
        .enumerate()
        .flat_map_iter(|(b, pos)| {
            let mut l: Vec<(u64, u32)> = (0..left.len()).map(|i| (key(left, i, pos), i as u32)).collect();
            let mut r: Vec<(u64, u32)> = (0..right.len()).map(|j| (key(right, j, pos), j as u32)).collect();
            l.sort_unstable();
            r.sort_unstable();
            let mut out = vec![];
            for (rx, ry) in crate::block::runs(&l, &r) {
                if rx.len() <= max_block && ry.len() <= max_block {
                    for a in &l[rx.clone()] {
                        for c in &r[ry.clone()] {
                            let (i, j) = (a.1 as usize, c.1 as usize);
                            // A pair is scored in the first band where it meets only.
                            if band_positions[..b].iter().any(|p| key(left, i, p) == key(right, j, p)) {
                                continue;
                            }
                            let d = dice(left.filter(i), right.filter(j), left.counts[i], right.counts[j]);
                            if d >= threshold {
                                out.push((a.1, c.1, d));
                            }
                        }
                    }
                }
            }
            out.into_iter()
        })
        .collect();
    found.par_sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_secrets_are_refused() {
        assert!(matches!(Secret::new(b"too short\n"), Err(LinkError::Secret(_))));
        assert!(Secret::new(&[7u8; 32]).is_ok());
    }

    #[test]
    fn headers_round_trip() {
        let mut s = Scheme {
            bits: 1024,
            fields: vec![("name".into(), 2, 20), ("sex".into(), 0, 6)],
            hardening: Hardening::None,
        };
        let h = s.header("abcdef");
        assert!(!h.contains("harden"));
        assert_eq!(Scheme::parse_header(&h), Some((s.clone(), "abcdef".into())));
        s.hardening = Hardening::Balanced;
        assert_eq!(Scheme::parse_header(&s.header("abcdef")), Some((s, "abcdef".into())));
        assert_eq!(Scheme::parse_header("something else"), None);
    }

    #[test]
    fn dice_of_filters() {
        let a = [0b1111u64, 0];
        let b = [0b0011u64, 0];
        assert!((dice(&a, &b, 4, 2) - 2.0 * 2.0 / 6.0).abs() < 1e-12);
    }
}
