//! Encoded registers: each record's identifier and its keyed Bloom filter (base64), under a
//! header line naming the encoding's parameters and the key's fingerprint, so that two files
//! encoded differently are refused rather than compared. Identifiers are written as they are
//! (quoted where CSV needs it, never neutralised): they must read back unchanged.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use pathways_linkage::clk::{Encoded, Scheme, Secret};

use crate::{RegisterError, Result};

/// The shared secret in a file (at least 32 bytes).
pub fn read_secret(path: &Path) -> Result<Secret> {
    let raw = std::fs::read(path).map_err(|source| RegisterError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    Secret::new(&raw).map_err(|e| RegisterError::File {
        file: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes an encoded register: the header line, then `id,encoding` per record.
pub fn write_encoded(out: &mut dyn Write, scheme: &Scheme, secret: &Secret, enc: &Encoded) -> std::io::Result<()> {
    writeln!(out, "{}", scheme.header(&secret.fingerprint()))?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    let mut bytes = Vec::with_capacity(enc.words * 8);
    for i in 0..enc.len() {
        bytes.clear();
        for word in enc.filter(i) {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        w.write_record([enc.ids[i].as_str(), &b64.encode(&bytes)])
            .map_err(std::io::Error::other)?;
    }
    w.flush()
}

/// Reads an encoded register written by [`write_encoded`]: its parameters, its key's fingerprint
/// and its encodings.
pub fn read_encoded(path: &Path) -> Result<(Scheme, String, Encoded)> {
    let text = std::fs::read_to_string(path).map_err(|source| RegisterError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    let (first, body) = text.split_once('\n').unwrap_or((&text, ""));
    let (scheme, key) = Scheme::parse_header(first.trim_end_matches('\r')).ok_or_else(|| {
        RegisterError::at(
            path,
            1,
            "not a Pathways encoding file (expected a `pathways-clk/1 ...` line)",
        )
    })?;
    let words = scheme.bits.div_ceil(64);
    let mut enc = Encoded {
        words,
        ..Default::default()
    };
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut filter = vec![0u64; words];
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    for record in rdr.records() {
        // Lines are counted from the header line, which the reader did not see.
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line()) + 1;
            RegisterError::at(path, line, format!("broken CSV line: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line()) + 1;
        let (Some(id), Some(data), None) = (record.get(0), record.get(1), record.get(2)) else {
            return Err(RegisterError::at(path, line, "expected `id,encoding`"));
        };
        let bytes = b64
            .decode(data.trim())
            .map_err(|e| RegisterError::at(path, line, format!("the encoding is not base64: {e}")))?;
        if bytes.len() != words * 8 {
            return Err(RegisterError::at(
                path,
                line,
                format!(
                    "the encoding has {} bits, the header says {}",
                    bytes.len() * 8,
                    scheme.bits
                ),
            ));
        }
        for (w, chunk) in filter.iter_mut().zip(bytes.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        }
        enc.push(id.to_string(), &filter);
    }
    Ok((scheme, key, enc))
}
