//! `pathways link`: read registers, hand them to the linkage engine, write pairs. The engine is
//! pure; this module owns the files: it reads CSV in chunks (reporting file, line and column),
//! shows progress, prints the summary, and writes output to a temporary file renamed at the end,
//! so that a failed run leaves no partial output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};
use pathways_linkage::compare::get;
use pathways_linkage::config::Config;
use pathways_linkage::link::{Options, Scored, Stage, run};
use pathways_linkage::{LinkError, Preparer, Records, prefetch};
use rayon::prelude::*;

/// Bytes of a register parsed and normalised as one piece by the fast reader.
const PIECE: usize = 4 << 20;

/// Rows handed to the engine at a time: large enough to keep both cores busy, small enough that
/// only the normalised form of a big register stays in memory.
const CHUNK: usize = 65_536;

pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        None => Ok(Config::default_worker()),
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            Config::from_toml(&text).map_err(|e| anyhow!("{}: {e}", p.display()))
        }
    }
}

fn at(file: &Path, e: LinkError) -> anyhow::Error {
    match e {
        LinkError::Input { line, column, message } => {
            let col = column.map(|c| format!(", column `{c}`")).unwrap_or_default();
            anyhow!("{}:{line}{col}: {message}", file.display())
        }
        other => anyhow!("{}: {other}", file.display()),
    }
}

/// Reads a CSV register into prepared records.
pub fn read_register(config: &Config, file: &Path, bar: &ProgressBar) -> Result<Records> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("reading {}", file.display()))?
        .len();
    bar.set_length(size);
    bar.set_position(0);
    bar.set_message(format!("reading {}", file.display()));
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(file)
        .with_context(|| format!("reading {}", file.display()))?;
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| anyhow!("{}:1: cannot read the header: {e}", file.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let prep = Preparer::new(config, &header).map_err(|e| at(file, e))?;
    if let Some(out) = read_in_parallel(&prep, file, size, PIECE, bar)? {
        return Ok(out);
    }
    let mut out = Records::default();
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
                        let msg = match e.kind() {
                            csv::ErrorKind::UnequalLengths {
                                pos: Some(p),
                                expected_len,
                                len,
                            } => format!(
                                "{}:{}: broken CSV line: {len} fields where the header has {expected_len}",
                                file.display(),
                                p.line()
                            ),
                            _ => format!(
                                "{}:{}: broken CSV line: {e}",
                                file.display(),
                                e.position().map(|p| p.line()).unwrap_or(0)
                            ),
                        };
                        let _ = tx.send(Err(anyhow!(msg)));
                        return rdr.position().byte();
                    }
                }
            }
            let _ = tx.send(Ok(chunk));
            rdr.position().byte()
        });
        for chunk in rx {
            let chunk = chunk?;
            prep.prepare(&chunk, &mut out).map_err(|e| at(file, e))?;
            bar.inc(chunk.len() as u64 * 60);
        }
        let _ = parser.join();
        Ok(())
    })?;
    bar.set_position(size);
    Ok(out)
}

/// The broken-line error for a row whose number of fields differs from the header's.
fn unequal(file: &Path, line: u64, len: usize, expected: usize) -> anyhow::Error {
    anyhow!(
        "{}:{line}: broken CSV line: {len} fields where the header has {expected}",
        file.display()
    )
}

/// Reads a register whose file holds no quote character (the common case: nothing can span
/// lines), cutting it at line ends into pieces that are parsed and normalised in parallel.
/// Returns `None` for a file with quotes, which the streaming reader handles.
fn read_in_parallel(
    prep: &Preparer,
    file: &Path,
    size: u64,
    piece_size: usize,
    bar: &ProgressBar,
) -> Result<Option<Records>> {
    let width = prep.width();
    let bytes = read_whole(file, size).with_context(|| format!("reading {}", file.display()))?;
    if bytes.contains(&b'"') {
        return Ok(None);
    }
    // The header was read already: the body starts after the first line end.
    let Some(body_start) = bytes.iter().position(|&b| b == b'\n').map(|p| p + 1) else {
        return Ok(Some(Records::default()));
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
    let filled: Vec<Result<bool>> = pieces
        .par_iter()
        .zip(stretches)
        .map(|(&(first, piece, rows), mut stretch)| {
            // Without quotes a CSV line is its cells between commas: split here directly, which
            // is a fraction of a general CSV reader's work per byte.
            let text = std::str::from_utf8(piece).map_err(|e| {
                let line = first + piece[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
                anyhow!("{}:{line}: broken CSV line: not UTF-8 text", file.display())
            })?;
            // Rows are handed over in batches, within which the preparer looks ahead.
            const BATCH: usize = 256;
            let mut cells: Vec<&str> = Vec::with_capacity(width * BATCH);
            let mut lines: Vec<u64> = Vec::with_capacity(BATCH);
            let mut k = 0;
            let mut flush = |cells: &mut Vec<&str>, lines: &mut Vec<u64>, k: &mut usize| -> Result<()> {
                prep.set_batch(lines, cells, &mut stretch, *k)
                    .map_err(|e| at(file, e))?;
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
                    return Ok(false);
                }
                let first_cell = cells.len();
                let mut start = 0;
                for (i, b) in row.bytes().enumerate() {
                    if b == b',' {
                        cells.push(row.get(start..i).unwrap_or(""));
                        start = i + 1;
                    } else if b == b'\r' {
                        return Ok(false);
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
            bar.inc(piece.len() as u64);
            Ok(k == rows)
        })
        .collect();
    // The first error in file order is the one reported.
    let complete = filled.into_iter().collect::<Result<Vec<bool>>>()?;
    if complete.iter().any(|c| !c) {
        return Ok(None);
    }
    bar.set_position(size);
    Ok(Some(out))
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

/// Writes `out` through a temporary file, renamed only when complete.
pub fn write_atomically(out: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = PathBuf::from(format!("{}.partial", out.display()));
    let result = (|| {
        let f = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        write(&mut w)?;
        w.flush().with_context(|| format!("writing {}", tmp.display()))?;
        Ok(())
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, out).with_context(|| format!("writing {}", out.display())),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

pub struct RunArgs<'a> {
    pub config: Option<&'a Path>,
    pub left: Option<&'a Path>,
    pub right: Option<&'a Path>,
    pub dedupe: Option<&'a Path>,
    pub out: &'a Path,
    pub threshold: f64,
    pub one_to_one: bool,
    pub clusters: Option<&'a Path>,
    pub summary_json: Option<&'a Path>,
    pub quiet: bool,
}

pub fn run_link(a: RunArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let config = load_config(a.config)?;
    let started = Instant::now();
    let bar = if a.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let (left, right) = match (a.left, a.right, a.dedupe) {
        (Some(l), Some(r), None) => (read_register(&config, l, &bar)?, Some(read_register(&config, r, &bar)?)),
        (None, None, Some(d)) => (read_register(&config, d, &bar)?, None),
        _ => bail!("give either --left and --right (link mode) or --dedupe (one file)"),
    };
    let read_time = started.elapsed();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let opts = Options {
        threshold: a.threshold,
        one_to_one: a.one_to_one && right.is_some(),
    };
    let (pairs, summary) = run(&config, &left, right.as_ref(), opts, &|stage| {
        bar.set_message(match stage {
            Stage::Blocking => "blocking and comparing",
            Stage::Estimating => "estimating m and u",
            Stage::Scoring => "scoring",
        })
    })
    .map_err(|e| anyhow!("{e}"))?;
    let link_time = started.elapsed() - read_time;
    bar.set_message("writing");
    let r = right.as_ref().unwrap_or(&left);
    write_atomically(a.out, |w| {
        let mut header = String::from("left_id,right_id,match_probability,match_weight");
        for f in &summary.model.fields {
            header.push_str(&format!(",{}", f.name));
        }
        writeln!(w, "{header}")?;
        // Rows are formatted in parallel, a window at a time, so that memory stays bounded.
        let model = &summary.model;
        // Each field's level names, escaped once rather than once per row.
        let level_cells: Vec<Vec<Vec<u8>>> = model
            .fields
            .iter()
            .map(|f| {
                f.levels
                    .iter()
                    .map(|l| {
                        let mut cell = vec![];
                        push_csv_field(&mut cell, l);
                        cell
                    })
                    .collect()
            })
            .collect();
        for window in pairs.chunks(1 << 18) {
            let parts: Vec<Vec<u8>> = window
                .par_chunks(4096)
                .map(|chunk| {
                    let mut buf: Vec<u8> = Vec::with_capacity(chunk.len() * 120);
                    // Pairs come strongest first, so their identifiers and explanations are read
                    // at random: each is requested a few rows ahead (the text of an identifier
                    // longer than its inline 24 bytes once the identifier, requested further
                    // ahead, has arrived).
                    let ids = |p: &Scored| (&left.ids[p.left as usize], &r.ids[p.right as usize]);
                    for (n, p) in chunk.iter().enumerate() {
                        if let Some(q) = chunk.get(n + 16) {
                            let (a, b) = ids(q);
                            prefetch(a);
                            prefetch(b);
                        }
                        if let Some(q) = chunk.get(n + 8) {
                            let (a, b) = ids(q);
                            for x in [a.as_bytes().first(), b.as_bytes().first()].into_iter().flatten() {
                                prefetch(x);
                            }
                            if let Some(c) = q.contributions.first() {
                                prefetch(c);
                            }
                        }
                        let (a, b) = ids(p);
                        push_csv_field(&mut buf, a);
                        buf.push(b',');
                        push_csv_field(&mut buf, b);
                        buf.push(b',');
                        push_fixed(&mut buf, p.probability, 6, false);
                        buf.push(b',');
                        push_fixed(&mut buf, p.weight, 3, false);
                        for (k, cells) in level_cells.iter().enumerate() {
                            buf.push(b',');
                            if let Some(cell) = cells.get(get(p.levels, k) as usize) {
                                buf.extend_from_slice(cell);
                            }
                            buf.extend_from_slice(b" (");
                            push_fixed(&mut buf, p.contributions.get(k).copied().unwrap_or(0.0), 2, true);
                            buf.push(b')');
                        }
                        buf.push(b'\n');
                    }
                    buf
                })
                .collect();
            for part in parts {
                w.write_all(&part)?;
            }
        }
        Ok(())
    })?;
    if let Some(path) = a.clusters {
        let (n, offset) = (left.len() + if right.is_some() { r.len() } else { 0 }, left.len());
        let edges = pairs.iter().map(|p| {
            (
                p.left as usize,
                if right.is_some() {
                    offset + p.right as usize
                } else {
                    p.right as usize
                },
            )
        });
        let comp = pathways_linkage::cluster::components(n, edges);
        write_atomically(path, |w| {
            writeln!(w, "source,record_id,cluster")?;
            for (x, c) in comp.iter().enumerate() {
                let (source, id) = if x < offset {
                    ("left", &left.ids[x])
                } else {
                    ("right", &r.ids[x - offset])
                };
                let cluster = if *c < offset {
                    format!("L{}", left.ids[*c])
                } else {
                    format!("R{}", r.ids[*c - offset])
                };
                writeln!(w, "{source},{},{cluster}", csv_field(id))?;
            }
            Ok(())
        })?;
    }
    if let Some(path) = a.summary_json {
        write_atomically(path, |w| Ok(serde_json::to_writer_pretty(w, &summary)?))?;
    }
    bar.finish_and_clear();
    let total = started.elapsed();
    if !a.quiet {
        eprintln!(
            "records: {} left{}",
            summary.left_records,
            right
                .as_ref()
                .map(|_| format!(", {} right", summary.right_records))
                .unwrap_or_default()
        );
        eprintln!("candidate pairs: {}", summary.candidates);
        for rule in &summary.rules {
            let skipped = if rule.skipped_blocks > 0 {
                format!(
                    " (skipped {} blocks larger than {}, {} pairs)",
                    rule.skipped_blocks, rule.max_block, rule.skipped_pairs
                )
            } else {
                String::new()
            };
            eprintln!("  rule {:<24} {:>12} new pairs{skipped}", rule.name, rule.pairs);
        }
        eprintln!("estimated parameters (m, u, weight in bits; * = m not estimated, default used):");
        for f in &summary.model.fields {
            let star = if f.estimated { "" } else { " *" };
            let levels: Vec<String> = f
                .levels
                .iter()
                .enumerate()
                .skip(1)
                .map(|(l, name)| format!("{name} m={:.4} u={:.6} w={:+.2}", f.m[l], f.u[l], f.weight[l]))
                .collect();
            eprintln!("  {}{star}: {}", f.name, levels.join("; "));
        }
        for t in &summary.training {
            eprintln!(
                "  training rule {:<20} {:>12} pairs, {:>10.0} matches estimated",
                t.rule, t.pairs, t.matches
            );
        }
        eprintln!(
            "prior: {:.3e} ({:+.2} bits); estimated matches among candidates: {:.0}",
            summary.model.prior, summary.model.prior_weight, summary.estimated_matches
        );
        eprintln!(
            "pairs at or above {}: {}{}",
            a.threshold,
            summary.above_threshold,
            if opts.one_to_one { " (one-to-one)" } else { "" }
        );
        let stages: Vec<String> = summary
            .stages
            .iter()
            .map(|(name, secs)| format!("{name} {secs:.2} s"))
            .collect();
        eprintln!("linking stages: {}", stages.join(", "));
        eprintln!(
            "time: {:.2} s (reading {:.2} s, linking {:.2} s, writing {:.2} s)",
            total.as_secs_f64(),
            read_time.as_secs_f64(),
            link_time.as_secs_f64(),
            (total - read_time - link_time).as_secs_f64()
        );
    }
    // Two registers of a million records are millions of small allocations; the command ends
    // here, and handing them back to the allocator one by one would only delay the exit.
    std::mem::forget((left, right, pairs));
    Ok(())
}

/// Appends `x` with `decimals` digits after the point, as `format!("{x:.N}")` (or `{x:+.N}` with
/// `sign`) writes it, by integer arithmetic: the output holds a million such numbers and the
/// general float formatter was a tenth of the writing time.
fn push_fixed(buf: &mut Vec<u8>, x: f64, decimals: u32, sign: bool) {
    let scale = 10u64.pow(decimals);
    let scaled = (x.abs() * scale as f64).round();
    if !x.is_finite() || scaled >= 1e15 {
        let _ = if sign {
            write!(buf, "{x:+.*}", decimals as usize)
        } else {
            write!(buf, "{x:.*}", decimals as usize)
        };
        return;
    }
    let scaled = scaled as u64;
    // A value that rounds to zero keeps its sign, as the formatter does ("-0.00").
    if x.is_sign_negative() {
        buf.push(b'-');
    } else if sign {
        buf.push(b'+');
    }
    push_digits(buf, scaled / scale, 1);
    if decimals > 0 {
        buf.push(b'.');
        push_digits(buf, scaled % scale, decimals as usize);
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut tmp = [b'0'; 20];
    let mut at = tmp.len();
    while n > 0 || tmp.len() - at < width {
        at -= 1;
        tmp[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    buf.extend_from_slice(&tmp[at..]);
}

/// Appends `s` to a CSV line meant for people (pairs, clusters): neutralised so that a
/// spreadsheet does not run it as a formula, and quoted when it holds a separator, a quote or a
/// line break.
fn push_csv_field(buf: &mut Vec<u8>, s: &str) {
    push_quoted(buf, &pathways_app::domain::cells::neutralise(s));
}

fn csv_field(s: &str) -> String {
    let mut buf = vec![];
    push_csv_field(&mut buf, s);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Appends `s` quoted where CSV needs it, and otherwise as it is (machine-read files, such as the
/// identifiers of an encoded register, which must read back unchanged).
fn push_quoted(buf: &mut Vec<u8>, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        buf.push(b'"');
        buf.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        buf.push(b'"');
    } else {
        buf.extend_from_slice(s.as_bytes());
    }
}

pub struct EncodeArgs<'a> {
    pub config: Option<&'a Path>,
    pub secret_file: &'a Path,
    pub input: &'a Path,
    pub out: &'a Path,
    pub bits: usize,
}

/// `pathways link encode`: a register → a file of Bloom-filter encodings (no names leave).
pub fn encode(a: EncodeArgs) -> Result<()> {
    use base64::Engine;
    if !(64..=4096).contains(&a.bits) || !a.bits.is_multiple_of(64) {
        bail!("--bits must be a multiple of 64 between 64 and 4096");
    }
    let config = load_config(a.config)?;
    let raw = std::fs::read(a.secret_file).with_context(|| format!("reading {}", a.secret_file.display()))?;
    let secret = pathways_linkage::clk::Secret::new(&raw).map_err(|e| anyhow!("{}: {e}", a.secret_file.display()))?;
    let started = Instant::now();
    let records = read_register(&config, a.input, &ProgressBar::hidden())?;
    let scheme = pathways_linkage::clk::Scheme::for_config(&config, a.bits);
    let enc = pathways_linkage::clk::encode(&scheme, &secret, &records);
    let took = started.elapsed();
    write_atomically(a.out, |w| {
        writeln!(w, "{}", scheme.header(&secret.fingerprint()))?;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut bytes = Vec::with_capacity(enc.words * 8);
        for i in 0..enc.len() {
            bytes.clear();
            for word in enc.filter(i) {
                bytes.extend_from_slice(&word.to_le_bytes());
            }
            let mut id = vec![];
            push_quoted(&mut id, &enc.ids[i]);
            w.write_all(&id)?;
            writeln!(w, ",{}", b64.encode(&bytes))?;
        }
        Ok(())
    })?;
    eprintln!(
        "encoded {} records in {:.2} s ({:.0} records/s), {} bits, key fingerprint {}",
        enc.len(),
        took.as_secs_f64(),
        enc.len() as f64 / took.as_secs_f64().max(1e-9),
        a.bits,
        secret.fingerprint()
    );
    Ok(())
}

/// Reads an encoded file written by [`encode`].
pub fn read_encoded(path: &Path) -> Result<(pathways_linkage::clk::Scheme, String, pathways_linkage::clk::Encoded)> {
    use base64::Engine;
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let (scheme, key) = pathways_linkage::clk::Scheme::parse_header(first).ok_or_else(|| {
        anyhow!(
            "{}:1: not a Pathways encoding file (expected a `pathways-clk/1 ...` line)",
            path.display()
        )
    })?;
    let words = scheme.bits.div_ceil(64);
    let mut enc = pathways_linkage::clk::Encoded {
        words,
        ..Default::default()
    };
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut filter = vec![0u64; words];
    for (n, line) in lines.enumerate() {
        let line_no = n + 2;
        let (id, data) = line
            .rsplit_once(',')
            .ok_or_else(|| anyhow!("{}:{line_no}: expected `id,encoding`", path.display()))?;
        let bytes = b64
            .decode(data.trim())
            .map_err(|e| anyhow!("{}:{line_no}: the encoding is not base64: {e}", path.display()))?;
        if bytes.len() != words * 8 {
            bail!(
                "{}:{line_no}: the encoding has {} bits, the header says {}",
                path.display(),
                bytes.len() * 8,
                scheme.bits
            );
        }
        for (w, chunk) in filter.iter_mut().zip(bytes.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        }
        enc.push(id.trim_matches('"').replace("\"\"", "\""), &filter);
    }
    Ok((scheme, key, enc))
}

pub struct MatchArgs<'a> {
    pub left: &'a Path,
    pub right: &'a Path,
    pub threshold: f64,
    pub out: &'a Path,
    pub one_to_one: bool,
}

/// `pathways link match-encoded`: compares two encoded files by Dice similarity.
pub fn match_encoded(a: MatchArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let (ls, lk, left) = read_encoded(a.left)?;
    let (rs, rk, right) = read_encoded(a.right)?;
    if ls != rs {
        bail!(
            "{} and {} were encoded with different parameters; encode both with the same configuration and --bits",
            a.left.display(),
            a.right.display()
        );
    }
    if lk != rk {
        bail!(
            "{} and {} were encoded with different secrets (key fingerprints {lk} and {rk})",
            a.left.display(),
            a.right.display()
        );
    }
    let started = Instant::now();
    let mut pairs = pathways_linkage::clk::match_encoded(&left, &right, a.threshold, 24, 24, 2_000);
    if a.one_to_one {
        let (mut ul, mut ur) = (vec![false; left.len()], vec![false; right.len()]);
        pairs.retain(|(i, j, _)| {
            let (i, j) = (*i as usize, *j as usize);
            if ul[i] || ur[j] {
                return false;
            }
            ul[i] = true;
            ur[j] = true;
            true
        });
    }
    let took = started.elapsed();
    write_atomically(a.out, |w| {
        writeln!(w, "left_id,right_id,dice")?;
        for (i, j, d) in &pairs {
            writeln!(
                w,
                "{},{},{d:.4}",
                csv_field(&left.ids[*i as usize]),
                csv_field(&right.ids[*j as usize])
            )?;
        }
        Ok(())
    })?;
    eprintln!(
        "{} × {} encodings: {} pairs at or above {} in {:.2} s",
        left.len(),
        right.len(),
        pairs.len(),
        a.threshold,
        took.as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let bar = ProgressBar::hidden();
        let read = |piece| read_in_parallel(&prep, &file, size, piece, &bar).unwrap().unwrap();
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
            read_in_parallel(&prep, &file, quoted.len() as u64, 256, &bar)
                .unwrap()
                .is_none()
        );
        let streamed = read_register(&config, &file, &bar).unwrap();
        assert_eq!(all(&streamed), all(&whole));
        // Windows line ends read the same.
        let crlf = body.replace('\n', "\r\n");
        std::fs::write(&file, &crlf).unwrap();
        let cut_crlf = read_in_parallel(&prep, &file, crlf.len() as u64, 256, &bar)
            .unwrap()
            .unwrap();
        assert_eq!(all(&cut_crlf), all(&whole));
        // A blank line, or a carriage return inside a line (a line end to a CSV reader), is left
        // to the general reader.
        for odd in [
            body.replacen("\nW7,", "\n\nW7,", 1),
            body.replacen(",BD,B0000020", ",BD\r,B0000020", 1),
        ] {
            std::fs::write(&file, &odd).unwrap();
            assert!(
                read_in_parallel(&prep, &file, odd.len() as u64, 256, &bar)
                    .unwrap()
                    .is_none()
            );
        }
        let error_of = |bytes: &[u8]| {
            std::fs::write(&file, bytes).unwrap();
            read_in_parallel(&prep, &file, bytes.len() as u64, 256, &bar)
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

    #[test]
    fn fixed_point_numbers_read_as_the_formatter_writes_them() {
        let mut seed: u64 = 7;
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            0.5,
            0.999_999_7,
            -3.25159,
            15.78,
            -0.001,
            123_456.789,
            1e-9,
        ];
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            values.push(((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 80.0);
        }
        for x in values {
            for (d, sign) in [(6, false), (3, false), (2, true)] {
                let mut got = vec![];
                push_fixed(&mut got, x, d, sign);
                let want = if sign {
                    format!("{x:+.*}", d as usize)
                } else {
                    format!("{x:.*}", d as usize)
                };
                assert_eq!(String::from_utf8_lossy(&got), want, "{x}");
            }
        }
        let mut big = vec![];
        push_fixed(&mut big, f64::INFINITY, 2, true);
        assert_eq!(big, b"+inf");
    }
}
