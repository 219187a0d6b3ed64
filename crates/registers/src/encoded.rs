//! Encoded registers on disk: the shared secret read from its file, and the encoded-register
//! format of `linkage::clk` written to and read from files, errors naming the file.

use std::io::Write;
use std::path::Path;

use pathways_linkage::clk::{self, Encoded, Scheme, Secret};

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
    clk::write_encoded(out, None, scheme, &secret.fingerprint(), enc)
}

/// Reads an encoded register written by [`write_encoded`] (or exported by an economy, with its
/// origin line): its parameters, its key's fingerprint and its encodings.
pub fn read_encoded(path: &Path) -> Result<(Scheme, String, Encoded)> {
    let text = std::fs::read_to_string(path).map_err(|source| RegisterError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    let f = clk::parse_encoded(&text).map_err(|e| match e {
        pathways_linkage::LinkError::Input { line, message, .. } => RegisterError::at(path, line, message),
        other => RegisterError::File {
            file: path.to_path_buf(),
            message: other.to_string(),
        },
    })?;
    Ok((f.scheme, f.key, f.encoded))
}
