//! The zip container of XLSX and ODS workbooks, checked before any reader opens it: how many
//! parts, and how many bytes they really unpack to (counted while unpacking into nothing, since
//! the sizes a zip declares may lie).

use std::io::{Cursor, Read};

use crate::{Limits, SheetError, unreadable};

/// Checks the archive against the limits; `true` when it is an OpenDocument spreadsheet.
pub(crate) fn check(bytes: &[u8], limits: &Limits) -> Result<bool, SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if zip.len() > limits.max_parts {
        return Err(SheetError::TooManyParts {
            limit: limits.max_parts,
        });
    }
    let mut left = limits.max_unpacked;
    let mut ods = false;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(unreadable)?;
        if part.name().is_ok_and(|n| n == "mimetype") {
            let mut head = [0u8; 64];
            let n = part.read(&mut head).map_err(unreadable)?;
            ods = head[..n].starts_with(b"application/vnd.oasis.opendocument.spreadsheet");
        }
        let n = std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink()).map_err(unreadable)?;
        if n > left {
            return Err(SheetError::Unpacked {
                limit: limits.max_unpacked,
            });
        }
        left -= n;
    }
    Ok(ods)
}
