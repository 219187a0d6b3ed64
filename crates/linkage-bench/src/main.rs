//! `linkage-bench`: the benchmark tools of the linkage engine, kept in the repository.
//!
//! - `generate`: deterministic (seeded) worker registers with the noise real registers have —
//!   typos, swapped and merged name fields, Serbian Cyrillic renderings in part of one register,
//!   transliteration variants, placeholder 1 January dates, renewed passports, OCR confusions and
//!   very common names — plus the ground truth;
//! - `score`: precision, recall and F1 of a pairs file against a ground truth;
//! - `febrl4-truth`: the ground truth of FEBRL4 (rec-N-org ↔ rec-N-dup-0);
//! - `encoding`: CLK encoding and Dice comparison throughput;
//! - `params`: the index parameters a batch run estimates on two registers (the shipped
//!   `default_params.json` of the linkage crate is this on the generated 200k registers);
//! - `hardening`: the federated encoding under each hardening against frequency attacks — F1 by
//!   threshold and what each leaks;
//! - `index`: the incremental person index — bulk load, one record matched against all (p50,
//!   p99), one record added in place.
//!
//! `bench/linkage.sh` runs them all, with Splink on the same data.

mod generate;
mod hardening;

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write left.csv, right.csv and truth.csv with `size` records per side.
    Generate {
        #[arg(long)]
        size: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
        /// Share of right records that are people of the left register.
        #[arg(long, default_value_t = 0.6)]
        overlap: f64,
    },
    /// Precision, recall and F1 of pairs (columns left_id,right_id first) against a truth file.
    Score {
        #[arg(long)]
        pairs: PathBuf,
        #[arg(long)]
        truth: PathBuf,
        /// Only pairs with match_probability at or above this count (when the column exists).
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        /// The `cases.csv` of `generate`: recall per corruption and namesakes wrongly linked.
        #[arg(long)]
        cases: Option<PathBuf>,
    },
    /// Encoding and Dice throughput on a generated register's left file.
    Encoding {
        /// A register (e.g. the left.csv of `generate`).
        #[arg(long)]
        input: PathBuf,
        /// Records per side of the all-pairs Dice run.
        #[arg(long, default_value_t = 10_000)]
        dice_side: usize,
    },
    /// Estimate index parameters by a batch link of two registers and write them as JSON.
    Params {
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// The person index: loads the left register, then matches and adds right records one by one.
    Index {
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
        /// Right records matched (and then added) one at a time.
        #[arg(long, default_value_t = 10_000)]
        queries: usize,
    },
    /// Federated encodings under each hardening: F1 by threshold, popcount/name-length
    /// correlation and spread of bit frequencies.
    Hardening {
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
        #[arg(long)]
        truth: PathBuf,
    },
    /// Write the FEBRL4 ground truth.
    Febrl4Truth {
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Generate {
            size,
            seed,
            out,
            overlap,
        } => generate::write(size, seed, overlap, &out),
        Command::Score {
            pairs,
            truth,
            threshold,
            cases,
        } => {
            score(&pairs, &truth, threshold)?;
            match cases {
                Some(c) => by_case(&pairs, &c, threshold),
                None => Ok(()),
            }
        }
        Command::Hardening { left, right, truth } => hardening::run(&left, &right, &truth),
        Command::Febrl4Truth { left, right, out } => febrl4_truth(&left, &right, &out),
        Command::Encoding { input, dice_side } => encoding(&input, dice_side),
        Command::Index { left, right, queries } => index(&left, &right, queries),
        Command::Params { left, right, out } => {
            let config = pathways_linkage::Config::default_worker();
            let header = config.columns();
            let (l, r) = (index_rows(&left, &header)?, index_rows(&right, &header)?);
            let params = estimate(&config, &l, &r)?;
            std::fs::write(&out, serde_json::to_string_pretty(&params)? + "\n")?;
            Ok(())
        }
    }
}

fn read_pairs(path: &PathBuf, threshold: Option<f64>) -> Result<HashSet<(String, String)>> {
    let mut rdr = csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let prob = rdr.headers()?.iter().position(|h| h == "match_probability");
    let mut out = HashSet::new();
    for r in rdr.records() {
        let r = r?;
        if let (Some(t), Some(i)) = (threshold, prob)
            && r.get(i).and_then(|p| p.parse::<f64>().ok()).unwrap_or(0.0) < t
        {
            continue;
        }
        let (a, b) = (
            r.get(0).unwrap_or_default().to_string(),
            r.get(1).unwrap_or_default().to_string(),
        );
        out.insert((a, b));
    }
    Ok(out)
}

fn score(pairs: &PathBuf, truth: &PathBuf, threshold: f64) -> Result<()> {
    let truth = read_pairs(truth, None)?;
    let found = read_pairs(pairs, Some(threshold))?;
    let tp = found.iter().filter(|p| truth.contains(*p)).count() as f64;
    let (fp, fn_) = (found.len() as f64 - tp, truth.len() as f64 - tp);
    let (precision, recall, f1) = pathways_linkage::precision_recall_f1(tp, fp, fn_);
    println!(
        "true_pairs={} found={} tp={tp} fp={fp} fn={fn_} precision={precision:.5} recall={recall:.5} f1={f1:.5}",
        truth.len(),
        found.len()
    );
    Ok(())
}

/// Recall per corruption (the true links whose right record carries it, found) and the share of
/// namesakes (right records of another person with a left person's name, nationality and year
/// of birth) linked to that person.
fn by_case(pairs: &PathBuf, cases: &PathBuf, threshold: f64) -> Result<()> {
    use std::collections::BTreeMap;
    let found = read_pairs(pairs, Some(threshold))?;
    let mut rdr = csv::Reader::from_path(cases).with_context(|| format!("reading {}", cases.display()))?;
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut namesakes, mut wrongly) = (0usize, 0usize);
    for r in rdr.records() {
        let r = r?;
        let (right, left, of, tags) = (&r[0], &r[1], &r[2], &r[3]);
        if !left.is_empty() {
            let hit = found.contains(&(left.to_string(), right.to_string()));
            let mut add = |t: &str| {
                let e = per.entry(t.to_string()).or_default();
                e.0 += 1;
                e.1 += usize::from(hit);
            };
            add("(all)");
            if tags.is_empty() {
                add("(none)");
            }
            tags.split(';').filter(|t| !t.is_empty()).for_each(add);
        }
        if !of.is_empty() {
            namesakes += 1;
            wrongly += usize::from(found.contains(&(of.to_string(), right.to_string())));
        }
    }
    println!("recall per corruption (true links whose right record has it):");
    for (tag, (n, hit)) in &per {
        println!(
            "  {tag:<22} {:>6.2}%  ({hit} of {n})",
            100.0 * *hit as f64 / (*n).max(1) as f64
        );
    }
    println!(
        "namesakes wrongly linked: {:.2}% ({wrongly} of {namesakes} right records of another person with a left person's name, nationality and year of birth)",
        100.0 * wrongly as f64 / namesakes.max(1) as f64
    );
    Ok(())
}

fn febrl4_truth(left: &PathBuf, right: &PathBuf, out: &PathBuf) -> Result<()> {
    let ids = |p: &PathBuf| -> Result<Vec<String>> {
        let mut rdr = csv::Reader::from_path(p).with_context(|| format!("reading {}", p.display()))?;
        rdr.records()
            .map(|r| Ok(r?.get(0).unwrap_or_default().trim().to_string()))
            .collect()
    };
    let key = |id: &str| id.split('-').nth(1).unwrap_or_default().to_string();
    let right: std::collections::HashMap<String, String> = ids(right)?.into_iter().map(|id| (key(&id), id)).collect();
    let mut w = csv::Writer::from_path(out)?;
    w.write_record(["left_id", "right_id"])?;
    for l in ids(left)? {
        if let Some(r) = right.get(&key(&l)) {
            w.write_record([l.as_str(), r.as_str()])?;
        }
    }
    w.flush()?;
    Ok(())
}

fn encoding(input: &PathBuf, side: usize) -> Result<()> {
    use pathways_linkage::clk::{Scheme, Secret, dice_scan, encode};
    use rayon::prelude::*;
    let config = pathways_linkage::Config::default_worker();
    let (_, _, records) = prepared(input, &config)?;
    let secret = Secret::new(&[42u8; 32]).map_err(|e| anyhow::anyhow!("{e}"))?;
    let scheme = Scheme::for_config(&config, 1024);
    let t = std::time::Instant::now();
    let enc = encode(&scheme, &secret, &records);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "encoding: {} records in {secs:.3} s = {:.0} records/s (1024-bit CLK, prepared records, {} threads)",
        enc.len(),
        enc.len() as f64 / secs,
        rayon::current_num_threads()
    );
    let n = side.min(enc.len());
    let t = std::time::Instant::now();
    let above: usize = (0..n)
        .into_par_iter()
        .map_init(Vec::new, |out, i| {
            out.clear();
            dice_scan(
                enc.filter(i),
                enc.counts[i],
                &enc.bits[..n * enc.words],
                &enc.counts[..n],
                0.8,
                out,
            );
            out.len()
        })
        .sum();
    let secs = t.elapsed().as_secs_f64();
    let comparisons = (n * n) as f64;
    println!(
        "dice: {comparisons:.0} comparisons in {secs:.3} s = {:.0} million/s ({above} at or above 0.8)",
        comparisons / secs / 1e6
    );
    Ok(())
}

/// A register read: its header, its rows (with their line) and its records prepared.
type Prepared = (Vec<String>, Vec<(u64, csv::StringRecord)>, pathways_linkage::Records);

/// A register's header, its rows (with their line) and its records prepared with `config`.
fn prepared(path: &PathBuf, config: &pathways_linkage::Config) -> Result<Prepared> {
    let mut rdr = csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let header: Vec<String> = rdr.headers()?.iter().map(str::to_string).collect();
    let rows: Vec<(u64, csv::StringRecord)> = rdr
        .records()
        .enumerate()
        .map(|(i, r)| Ok((i as u64 + 2, r?)))
        .collect::<Result<_>>()?;
    let prep = pathways_linkage::Preparer::new(config, &header).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut records = pathways_linkage::Records::default();
    prep.prepare(&rows, &mut records).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((header, rows, records))
}

/// A register's rows in the index's column order.
fn index_rows(path: &PathBuf, header: &[&str]) -> Result<Vec<(u64, csv::StringRecord)>> {
    let mut rdr = csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let have: Vec<String> = rdr.headers()?.iter().map(str::to_string).collect();
    let at: Vec<Option<usize>> = header.iter().map(|c| have.iter().position(|h| h == c)).collect();
    rdr.records()
        .enumerate()
        .map(|(i, r)| {
            let r = r?;
            let row: csv::StringRecord = at.iter().map(|k| k.and_then(|k| r.get(k)).unwrap_or("")).collect();
            Ok((i as u64 + 2, row))
        })
        .collect()
}

fn index(left: &PathBuf, right: &PathBuf, queries: usize) -> Result<()> {
    use pathways_linkage::index::Index;
    let fail = |e: pathways_linkage::LinkError| anyhow::anyhow!("{e}");
    let config = pathways_linkage::Config::default_worker();
    let mut index = Index::new(&config).map_err(fail)?;
    let (l, r) = (index_rows(left, &index.header())?, index_rows(right, &index.header())?);
    // Parameters from a batch run on a sample.
    let sample = 100_000.min(l.len()).min(r.len());
    let params = estimate(&config, &l[..sample], &r[..sample])?;
    let t = std::time::Instant::now();
    for chunk in l.chunks(1 << 16) {
        index.upsert(chunk).map_err(fail)?;
    }
    println!(
        "bulk load: {} records in {:.2} s ({} threads)",
        index.len(),
        t.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
    let n = queries.min(r.len());
    let percentiles = |mut v: Vec<f64>| -> String {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)] * 1e3;
        format!("p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms", at(0.5), at(0.99), at(1.0))
    };
    let (mut times, mut hits, mut compared) = (Vec::with_capacity(n), 0usize, 0usize);
    for (_, row) in &r[..n] {
        let t = std::time::Instant::now();
        let found = index.query(row, &params, 0.5, 10, &|_| false).map_err(fail)?;
        times.push(t.elapsed().as_secs_f64());
        hits += usize::from(!found.hits.is_empty());
        compared += found.compared;
    }
    println!(
        "match one record against {}: {} ({hits} of {n} with a candidate at or above 0.5, {:.1} compared on average)",
        index.len(),
        percentiles(times),
        compared as f64 / n as f64
    );
    let mut times = Vec::with_capacity(n);
    for row in &r[..n] {
        let t = std::time::Instant::now();
        index.upsert(std::slice::from_ref(row)).map_err(fail)?;
        times.push(t.elapsed().as_secs_f64());
    }
    println!(
        "add one record in place: {} (index now {})",
        percentiles(times),
        index.len()
    );
    Ok(())
}

/// Index parameters from a batch link of two registers' rows (in the index's column order).
fn estimate(
    config: &pathways_linkage::Config,
    l: &[(u64, csv::StringRecord)],
    r: &[(u64, csv::StringRecord)],
) -> Result<pathways_linkage::index::Params> {
    use pathways_linkage::link::{Options, run};
    let fail = |e: pathways_linkage::LinkError| anyhow::anyhow!("{e}");
    let header: Vec<String> = config.columns().iter().map(|c| c.to_string()).collect();
    let prep = pathways_linkage::Preparer::new(config, &header).map_err(fail)?;
    let (mut ls, mut rs) = (
        pathways_linkage::Records::default(),
        pathways_linkage::Records::default(),
    );
    prep.prepare(l, &mut ls).map_err(fail)?;
    prep.prepare(r, &mut rs).map_err(fail)?;
    let opts = Options {
        threshold: 0.5,
        one_to_one: false,
    };
    let (_, summary) = run(config, &ls, Some(&rs), opts, &|_| {}).map_err(fail)?;
    Ok(pathways_linkage::index::Params::from_model(
        &summary.model,
        summary.estimated_matches,
        rs.len(),
    ))
}
