//! Hardening of CLK encodings against frequency attacks. A plain CLK leaks: a frequent name sets
//! the same bits in many filters, so an attacker holding the filters (not the key) can align bit
//! frequencies with the q-gram frequencies of a public name list, and a filter's popcount tells
//! the length of the name. Three measures from the PPRL literature (Schnell 2015, Ranbaduge &
//! Christen 2018, Christen et al. 2019) are offered, each with its cost in linkage quality
//! measured by `linkage-bench hardening` (figures in `docs/federated-linkage.md`):
//!
//! - **salt**: name and document q-grams are hashed with the year of birth as part of the key, so
//!   a frequent name sets different bits in every birth cohort. Two records of one person whose
//!   years of birth differ no longer share their name bits.
//! - **xor**: the filter is built at twice its length and folded in half by XOR, so that no bit
//!   belongs to one q-gram alone (Schnell, Borgs & Encarnação 2016).
//! - **balanced**: the filter is concatenated with its complement and the bits permuted under the
//!   key (Berger, Kumar & others 2016): every filter has the same popcount, which hides the length
//!   of the name and flattens bit frequencies.
//!
//! All parties must use the same hardening; it is named in the file's header.

use crate::LinkError;

/// How an encoding is hardened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hardening {
    #[default]
    None,
    Salt,
    Xor,
    Balanced,
}

impl Hardening {
    pub const ALL: [Hardening; 4] = [Hardening::None, Hardening::Salt, Hardening::Xor, Hardening::Balanced];

    pub fn as_str(self) -> &'static str {
        match self {
            Hardening::None => "none",
            Hardening::Salt => "salt",
            Hardening::Xor => "xor",
            Hardening::Balanced => "balanced",
        }
    }

    pub fn parse(s: &str) -> Result<Hardening, LinkError> {
        Hardening::ALL
            .into_iter()
            .find(|h| h.as_str() == s)
            .ok_or_else(|| LinkError::Config(format!("hardening `{s}`: expected none, salt, xor or balanced")))
    }

    /// The bits the q-grams are hashed into, for a filter of `bits` bits.
    pub fn raw_bits(self, bits: usize) -> usize {
        match self {
            Hardening::None | Hardening::Salt => bits,
            Hardening::Xor => bits * 2,
            Hardening::Balanced => bits / 2,
        }
    }

    /// Whether `bits` suits this hardening (a multiple of 64 for the filter; balanced halves it).
    pub fn check_bits(self, bits: usize) -> Result<(), LinkError> {
        let unit = if self == Hardening::Balanced { 128 } else { 64 };
        if bits == 0 || !bits.is_multiple_of(unit) {
            return Err(LinkError::Config(format!(
                "{bits} bits: a {} filter needs a multiple of {unit}",
                self.as_str()
            )));
        }
        Ok(())
    }
}

/// Turns a raw filter (`raw_bits` long) into the filter written (`out`, `bits` long).
/// `permutation` is the keyed permutation of the balanced filter's positions.
pub(crate) fn finish(h: Hardening, raw: &[u64], permutation: &[u32], out: &mut [u64]) {
    match h {
        Hardening::None | Hardening::Salt => out.copy_from_slice(raw),
        Hardening::Xor => {
            let half = out.len();
            for (w, o) in out.iter_mut().enumerate() {
                *o = raw[w] ^ raw[w + half];
            }
        }
        Hardening::Balanced => {
            out.iter_mut().for_each(|w| *w = 0);
            let half = raw.len() * 64;
            for (i, &to) in permutation.iter().enumerate() {
                let set = if i < half {
                    raw[i / 64] >> (i % 64) & 1 == 1
                } else {
                    let j = i - half;
                    raw[j / 64] >> (j % 64) & 1 == 0
                };
                if set {
                    out[to as usize / 64] |= 1 << (to % 64);
                }
            }
        }
    }
}

/// A permutation of `0..n` drawn from `seed` (Fisher–Yates with a 64-bit mixer).
pub(crate) fn permutation(n: usize, seed: u64) -> Vec<u32> {
    let mut p: Vec<u32> = (0..n as u32).collect();
    let mut s = seed;
    for i in (1..n).rev() {
        s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        p.swap(i, (z % (i as u64 + 1)) as usize);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_refused() {
        for h in Hardening::ALL {
            assert_eq!(Hardening::parse(h.as_str()).unwrap(), h);
        }
        assert!(Hardening::parse("rot13").is_err());
    }

    #[test]
    fn a_balanced_filter_has_half_its_bits_set_whatever_it_holds() {
        let p = permutation(256, 7);
        let mut sorted = p.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..256).collect::<Vec<u32>>());
        for raw in [[0u64, 0], [u64::MAX, 0], [0x0f0f, 1 << 63]] {
            let mut out = [0u64; 4];
            finish(Hardening::Balanced, &raw, &p, &mut out);
            assert_eq!(out.iter().map(|w| w.count_ones()).sum::<u32>(), 128);
        }
    }

    #[test]
    fn xor_folding_halves_the_filter() {
        let mut out = [0u64; 1];
        finish(Hardening::Xor, &[0b1100, 0b1010], &[], &mut out);
        assert_eq!(out[0], 0b0110);
        assert!(Hardening::Balanced.check_bits(192).is_err());
        assert!(Hardening::Balanced.check_bits(256).is_ok());
        assert!(Hardening::Xor.check_bits(100).is_err());
    }
}
