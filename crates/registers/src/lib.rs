//! Register files for record linkage, the file half of `linkage` (which is pure): CSV registers
//! read into prepared records, the columns mapped by the linkage configuration; and the files a
//! run writes — pairs with their explanation, clusters of records of one person, encoded
//! registers and their Dice pairs. Every CSV cell is written by `csv::Writer`, so quoting follows
//! one rule everywhere; every file is written whole or not at all ([`write_atomically`]).
//!
//! Errors name the file, and where the file's content is at fault its line and column.

mod encoded;
mod read;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use encoded::{read_encoded, read_secret, write_encoded};
pub use read::read_register;
pub use write::{write_clusters, write_dice_pairs, write_pairs};

use pathways_linkage::LinkError;
use pathways_linkage::config::Config;

/// What went wrong with a register file, and where.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// The file's content is at fault, at a line (and a column, where one is to blame).
    #[error("{}:{line}{}: {message}", file.display(), column.as_ref().map(|c| format!(", column `{c}`")).unwrap_or_default())]
    At {
        file: PathBuf,
        line: u64,
        column: Option<String>,
        message: String,
    },
    /// The file as a whole is at fault (a configuration, a secret, parameters that do not match).
    #[error("{}: {message}", file.display())]
    File { file: PathBuf, message: String },
    #[error("reading {}: {source}", file.display())]
    Read { file: PathBuf, source: std::io::Error },
    #[error("writing {}: {source}", file.display())]
    Write { file: PathBuf, source: std::io::Error },
}

impl RegisterError {
    fn at(file: &Path, line: u64, message: impl Into<String>) -> RegisterError {
        RegisterError::At {
            file: file.to_path_buf(),
            line,
            column: None,
            message: message.into(),
        }
    }

    /// A linkage error about a file's content, placed in that file.
    fn of_link(file: &Path, e: LinkError) -> RegisterError {
        match e {
            LinkError::Input { line, column, message } => RegisterError::At {
                file: file.to_path_buf(),
                line,
                column,
                message,
            },
            other => RegisterError::File {
                file: file.to_path_buf(),
                message: other.to_string(),
            },
        }
    }
}

pub type Result<T, E = RegisterError> = std::result::Result<T, E>;

/// Where a long read stands, for a progress bar (bytes of the file).
pub trait Progress: Sync {
    fn start(&self, file: &Path, bytes: u64);
    fn advance(&self, bytes: u64);
    fn done(&self, bytes: u64);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &Path, _: u64) {}
    fn advance(&self, _: u64) {}
    fn done(&self, _: u64) {}
}

/// The linkage configuration in a TOML file, or the default worker schema.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        None => Ok(Config::default_worker()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| RegisterError::Read {
                file: p.to_path_buf(),
                source,
            })?;
            Config::from_toml(&text).map_err(|e| RegisterError::File {
                file: p.to_path_buf(),
                message: e.to_string(),
            })
        }
    }
}

/// Writes `out` through a temporary file beside it, renamed only when complete: a failed run
/// leaves no output, and never half of one. A failure names the file being written.
pub fn write_atomically(out: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let tmp = PathBuf::from(format!("{}.partial", out.display()));
    let result = (|| {
        let f = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        write(&mut w)?;
        w.flush()
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, out).map_err(|source| RegisterError::Write {
            file: out.to_path_buf(),
            source,
        }),
        Err(source) => {
            let _ = std::fs::remove_file(&tmp);
            Err(RegisterError::Write {
                file: out.to_path_buf(),
                source,
            })
        }
    }
}
