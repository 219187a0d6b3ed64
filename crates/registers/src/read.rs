//! Reading a CSV register into prepared records. A register without quote characters or blank
//! lines (the common case) is read by every core: allocated whole, cut at line ends, each piece
//! split at commas (no CSV reader is needed without quotes; Windows line ends are read too) and
//! normalised in parallel into its own stretch of the records. Any other file is streamed through
//! the CSV reader, one thread parsing while the others normalise the previous chunk.

use std::path::Path;

use pathways_linkage::config::Config;
use pathways_linkage::quality::Unreadable;
use pathways_linkage::{Preparer, Records};
use rayon::prelude::*;

use crate::{Progress, RegisterError, Result};

/// Bytes of a register parsed and normalised as one piece by the fast reader.
const PIECE: usize = 4 << 20;

/// Rows handed to the engine at a time: large enough to keep both cores busy, small enough that
/// only the normalised form of a big register stays in memory.
const CHUNK: usize = 65_536;

/// Reads a CSV register into prepared records, with the values that could not be read per
/// column; with `strict`, the first such value refuses the file at its line and column.
pub fn read_register(
    config: &Config,
    file: &Path,
    strict: bool,
    progress: &dyn Progress,
) -> Result<(Records, Unreadable)> {
    let unreadable = |source| RegisterError::Read {
        file: file.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(file).map_err(unreadable)?.len();
    progress.start(file, size);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(file)
        .map_err(|e| RegisterError::at(file, 1, format!("cannot read the file: {e}")))?;
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| RegisterError::at(file, 1, format!("cannot read the header: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let prep = Preparer::new(config, &header)
        .map_err(|e| RegisterError::of_link(file, e))?
        .strict(strict);
    if let Some(out) = read_in_parallel(&prep, file, size, PIECE, progress)? {
        return Ok(out);
    }
    let mut out = Records::default();
    let mut unreadable = Unreadable::default();
    // One thread parses CSV while the others normalise the previous chunk.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<(u64, csv::StringRecord)>>>(2);
    std::thread::scope(|scope| -> Result<()> {
        let parser = scope.spawn(move || {
            let mut chunk: Vec<(u64, csv::StringRecord)> = Vec::with_capacity(CHUNK);
            let mut rec = csv::StringRecord::new();
            loop {
                match rdr.read_record(&mut rec) {
                    Ok(true) => {
                        let line = rec.position().map(|p| p.line()).unwrap_or(0);
                        chunk.push((line, std::mem::take(&mut rec)));
                        if chunk.len() == CHUNK
                            && tx
                                .send(Ok(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))))
                                .is_err()
                        {
                            return rdr.position().byte();
                        }
                    }
                    Ok(false) => break,
                    Err(e) => {
                        let error = match e.kind() {
                            csv::ErrorKind::UnequalLengths {
                                pos: Some(p),
                                expected_len,
                                len,
                            } => unequal(file, p.line(), *len as usize, *expected_len as usize),
                            _ => RegisterError::at(
                                file,
                                e.position().map(|p| p.line()).unwrap_or(0),
                                format!("broken CSV line: {e}"),
                            ),
                        };
                        let _ = tx.send(Err(error));
                        return rdr.position().byte();
                    }
                }
            }
            let _ = tx.send(Ok(chunk));
            rdr.position().byte()
        });
        for chunk in rx {
            let chunk = chunk?;
            let tally = prep
                .prepare(&chunk, &mut out)
                .map_err(|e| RegisterError::of_link(file, e))?;
            unreadable.merge(tally);
            progress.advance(chunk.len() as u64 * 60);
        }
        let _ = parser.join();
        Ok(())
    })?;
    progress.done(size);
    unreadable.order_by(&config.columns());
    Ok((out, unreadable))
}

/// The broken-line error for a row whose number of fields differs from the header's.
fn unequal(file: &Path, line: u64, len: usize, expected: usize) -> RegisterError {
    RegisterError::at(
        file,
        line,
        format!("broken CSV line: {len} fields where the header has {expected}"),
    )
}

/// Reads a register whose file holds no quote character (the common case: nothing can span
/// lines), cutting it at line ends into pieces that are parsed and normalised in parallel.
/// Returns `None` for a file with quotes, which the streaming reader handles.
pub(crate) fn read_in_parallel(
    prep: &Preparer,
    file: &Path,
    size: u64,
    piece_size: usize,
    progress: &dyn Progress,
) -> Result<Option<(Records, Unreadable)>> {
    let width = prep.width();
    let bytes = read_whole(file, size).map_err(|source| RegisterError::Read {
        file: file.to_path_buf(),
        source,
    })?;
    if bytes.contains(&b'"') {
        return Ok(None);
    }
    // The header was read already: the body starts after the first line end.
    let Some(body_start) = bytes.iter().position(|&b| b == b'\n').map(|p| p + 1) else {
        return Ok(Some((Records::default(), Unreadable::default())));
    };
    // Pieces of about PIECE bytes ending at a line end, each with the number of its first line
    // and of its rows (the line ends are counted in parallel).
    let mut cuts: Vec<&[u8]> = vec![];
    let mut start = body_start;
    while start < bytes.len() {
        let mut end = (start + piece_size).min(bytes.len());
        if let Some(nl) = bytes[end..].iter().position(|&b| b == b'\n') {
            end += nl + 1;
        } else {
            end = bytes.len();
        }
        cuts.push(&bytes[start..end]);
        start = end;
    }
    let ends: Vec<usize> = cuts
        .par_iter()
        .map(|piece| piece.iter().filter(|&&b| b == b'\n').count())
        .collect();
    let mut pieces: Vec<(u64, &[u8], usize)> = Vec::with_capacity(cuts.len());
    let mut line = 2u64;
    for (piece, lines) in cuts.into_iter().zip(ends) {
        pieces.push((line, piece, lines + usize::from(!piece.ends_with(b"\n"))));
        line += lines as u64;
    }
    // The register is allocated whole and each piece fills its own stretch of it. A file whose
    // lines are not all records (blank lines) is left to the streaming reader.
    let mut out = prep.records_of_len(pieces.iter().map(|p| p.2).sum());
    let lengths: Vec<usize> = pieces.iter().map(|p| p.2).collect();
    let stretches = out.split_mut(0, &lengths);
    let filled: Vec<Result<Option<Unreadable>>> = pieces
        .par_iter()
        .zip(stretches)
        .map(|(&(first, piece, rows), mut stretch)| {
            // Without quotes a CSV line is its cells between commas: split here directly, which
            // is a fraction of a general CSV reader's work per byte.
            let text = std::str::from_utf8(piece).map_err(|e| {
                let line = first + piece[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
                RegisterError::at(file, line, "broken CSV line: not UTF-8 text")
            })?;
            // Rows are handed over in batches, within which the preparer looks ahead.
            const BATCH: usize = 256;
            let mut cells: Vec<&str> = Vec::with_capacity(width * BATCH);
            let mut lines: Vec<u64> = Vec::with_capacity(BATCH);
            let mut k = 0;
            let mut tally = Unreadable::default();
            let mut flush = |cells: &mut Vec<&str>, lines: &mut Vec<u64>, k: &mut usize| -> Result<()> {
                prep.set_batch(lines, cells, &mut stretch, *k, &mut tally)
                    .map_err(|e| RegisterError::of_link(file, e))?;
                *k += lines.len();
                cells.clear();
                lines.clear();
                Ok(())
            };
            for (n, row) in text.split_terminator('\n').enumerate() {
                let line = first + n as u64;
                let row = row.strip_suffix('\r').unwrap_or(row);
                // A blank line is no record, and a carriage return inside a line ends one for
                // a CSV reader: both are left to the streaming reader.
                if row.is_empty() || k + lines.len() >= rows {
                    return Ok(None);
                }
                let first_cell = cells.len();
                let mut start = 0;
                for (i, b) in row.bytes().enumerate() {
                    if b == b',' {
                        cells.push(row.get(start..i).unwrap_or(""));
                        start = i + 1;
                    } else if b == b'\r' {
                        return Ok(None);
                    }
                }
                cells.push(row.get(start..).unwrap_or(""));
                if cells.len() - first_cell != width {
                    // The rows before it come first: their errors are earlier in the file.
                    let found = cells.len() - first_cell;
                    cells.truncate(first_cell);
                    flush(&mut cells, &mut lines, &mut k)?;
                    return Err(unequal(file, line, found, width));
                }
                lines.push(line);
                if lines.len() == BATCH {
                    flush(&mut cells, &mut lines, &mut k)?;
                }
            }
            flush(&mut cells, &mut lines, &mut k)?;
            progress.advance(piece.len() as u64);
            Ok((k == rows).then_some(tally))
        })
        .collect();
    // The first error in file order is the one reported.
    let complete = filled.into_iter().collect::<Result<Vec<Option<Unreadable>>>>()?;
    let mut unreadable = Unreadable::default();
    for tally in complete {
        match tally {
            Some(t) => unreadable.merge(t),
            None => return Ok(None),
        }
    }
    unreadable.order_by(&prep.input_columns());
    progress.done(size);
    Ok(Some((out, unreadable)))
}

/// A file's bytes, read by both cores at once where positional reads exist: most of reading a
/// file from the page cache is the kernel providing and filling fresh pages.
fn read_whole(file: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        const PART: usize = 8 << 20;
        let f = std::fs::File::open(file)?;
        let mut bytes = vec![0u8; usize::try_from(size).unwrap_or(usize::MAX)];
        bytes
            .par_chunks_mut(PART)
            .enumerate()
            .try_for_each(|(n, part)| f.read_exact_at(part, (n * PART) as u64))?;
        // A file that grew since its size was taken is read whole the ordinary way.
        let mut probe = [0u8; 1];
        if f.read_at(&mut probe, size)? == 0 {
            return Ok(bytes);
        }
    }
    let _ = size;
    std::fs::read(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Silent;

    #[test]
    fn a_register_cut_into_many_pieces_reads_as_one_piece_and_reports_true_lines() {
        // Pieces of 256 bytes: dozens of stretches filled in parallel, the last one short. The
        // same records must come out, in order, as when the file is one piece; and a broken line
        // in a late piece is reported at its own line number.
        let dir = std::env::temp_dir().join(format!("pathways-pieces-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let header = "record_id,given_name,surname,full_name,date_of_birth,sex,nationality,passport_number";
        let mut body = String::from(header);
        for k in 0..400 {
            body.push_str(&format!(
                "\nW{k},Md. Abdur{},Rahman{},,19{:02}-0{}-1{},M,BD,B{k:07}",
                k % 13,
                k % 7,
                k % 90,
                1 + k % 9,
                k % 10
            ));
        }
        body.push('\n');
        let file = dir.join("register.csv");
        std::fs::write(&file, &body).unwrap();
        let config = Config::default_worker();
        let prep = Preparer::new(&config, &header.split(',').map(str::to_string).collect::<Vec<_>>()).unwrap();
        let size = body.len() as u64;
        let read = |piece| read_in_parallel(&prep, &file, size, piece, &Silent).unwrap().unwrap().0;
        let (whole, cut) = (read(usize::MAX / 2), read(256));
        assert_eq!(cut.len(), 400);
        assert_eq!(cut.ids[399], "W399");
        // Every field of every record, as the general CSV reader (which a quote sends the file
        // to) reads them.
        let all = |r: &Records| format!("{r:?}");
        assert_eq!(all(&cut), all(&whole));
        let quoted = body.replacen("\nW0,", "\n\"W0\",", 1);
        std::fs::write(&file, &quoted).unwrap();
        assert!(
            read_in_parallel(&prep, &file, quoted.len() as u64, 256, &Silent)
                .unwrap()
                .is_none()
        );
        let streamed = read_register(&config, &file, false, &Silent).unwrap().0;
        assert_eq!(all(&streamed), all(&whole));
        // Windows line ends read the same.
        let crlf = body.replace('\n', "\r\n");
        std::fs::write(&file, &crlf).unwrap();
        let cut_crlf = read_in_parallel(&prep, &file, crlf.len() as u64, 256, &Silent)
            .unwrap()
            .unwrap()
            .0;
        assert_eq!(all(&cut_crlf), all(&whole));
        // A blank line, or a carriage return inside a line (a line end to a CSV reader), is left
        // to the general reader.
        for odd in [
            body.replacen("\nW7,", "\n\nW7,", 1),
            body.replacen(",BD,B0000020", ",BD\r,B0000020", 1),
        ] {
            std::fs::write(&file, &odd).unwrap();
            assert!(
                read_in_parallel(&prep, &file, odd.len() as u64, 256, &Silent)
                    .unwrap()
                    .is_none()
            );
        }
        let error_of = |bytes: &[u8]| {
            std::fs::write(&file, bytes).unwrap();
            read_in_parallel(&prep, &file, bytes.len() as u64, 256, &Silent)
                .unwrap_err()
                .to_string()
        };
        // A byte that is not UTF-8 is reported at its line (line 300 holds record W298).
        let mut bad = body.clone().into_bytes();
        bad[body.find("W298,Md").unwrap() + 5] = 0xff;
        let err = error_of(&bad);
        assert!(
            err.contains("register.csv:300: broken CSV line: not UTF-8 text"),
            "{err}"
        );
        // Line 350 (record W348) loses a field.
        let err = error_of(body.replacen(",M,BD,B0000348", ",BD,B0000348", 1).as_bytes());
        assert!(
            err.contains("register.csv:350: broken CSV line: 7 fields where the header has 8"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
