//! Record linkage for Pathways: find the same worker across registers that spell names
//! differently, and do it without sharing raw data when the registers belong to different
//! economies.
//!
//! The crate is pure: the caller reads files and hands rows in; nothing here touches the file
//! system or the network. Work is spread over all cores with rayon.
//!
//! - [`normalise`]: folding, transliteration, name variants, phonetic keys;
//! - [`config`]: fields, blocking rules, comparison levels (TOML);
//! - [`prepare`]: rows → compact normalised records ([`date`]: dates as registers write them);
//! - [`block`], [`compare`], [`model`], [`link`]: the Fellegi–Sunter pipeline;
//! - [`quality`]: what a register held that could not be read, counted per column;
//! - [`index`]: an incremental person index, one record matched against a million on save;
//! - [`cluster`]: pairs → persons;
//! - [`clk`]: Bloom-filter encodings (CLK) and Dice matching for privacy-preserving linkage.

pub mod block;
pub mod clk;
pub mod cluster;
pub mod compare;
pub mod config;
pub mod date;
pub mod frequency;
pub mod index;
pub mod link;
pub mod model;
pub mod name;
pub mod normalise;
pub mod prepare;
pub mod quality;
pub mod similarity;

pub use config::Config;
pub use prepare::{Preparer, Records};

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("configuration: {0}")]
    Config(String),
    /// A problem with an input row; the caller adds the file name.
    #[error("line {line}{}: {message}", column.as_ref().map(|c| format!(", column `{c}`")).unwrap_or_default())]
    Input {
        line: u64,
        column: Option<String>,
        message: String,
    },
    #[error("secret: {0}")]
    Secret(String),
}

/// Precision, recall and F1 from the true positives, false positives and false negatives of a
/// run scored against the truth (0 where a ratio has nothing to divide).
pub fn precision_recall_f1(tp: f64, fp: f64, fn_: f64) -> (f64, f64, f64) {
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// A fast 64-bit hash of bytes (FxHash), for keys and interned values.
pub fn hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_u8(0xff);
    h.finish()
}

/// Asks the CPU to start loading the cache line holding `x`: for memory read at random but known
/// a little ahead (rows of the pairs to compare, partners to gather, identifiers to write).
pub fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    safe_arch::prefetch_t0(x);
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// The first `n` elements of `v` (fewer if it is shorter), leaving `v` the rest: how a buffer of
/// the exact size is cut into the stretches that threads fill on their own.
pub(crate) fn take_front<'a, T>(v: &mut &'a mut [T], n: usize) -> &'a mut [T] {
    let all = std::mem::take(v);
    let (front, rest) = all.split_at_mut(n.min(all.len()));
    *v = rest;
    front
}
