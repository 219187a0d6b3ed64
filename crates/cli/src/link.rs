//! `pathways link`: the command-line side of record linkage — arguments, progress, the summary a
//! person reads. Reading registers and writing pairs, clusters and encodings is
//! `pathways_registers`; linking is `pathways_linkage`.

use std::path::Path;
use std::time::Instant;

use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use pathways_linkage::link::{Options, Stage};
use pathways_linkage::quality::Unreadable;
use pathways_registers::{
    Progress, Silent, load_config, read_encoded, read_register, read_secret, write_atomically, write_clusters,
    write_dice_pairs, write_encoded, write_pairs,
};

#[derive(Subcommand)]
pub enum LinkCommand {
    /// Link two registers (--left, --right) or deduplicate one (--dedupe).
    Run {
        /// Linkage configuration (TOML); the default reads the worker schema.
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long, requires = "right", conflicts_with = "dedupe")]
        left: Option<PathBuf>,
        #[arg(long, requires = "left")]
        right: Option<PathBuf>,
        #[arg(long)]
        dedupe: Option<PathBuf>,
        /// Pairs: left_id,right_id,match_probability,match_weight and one explanation column per field.
        #[arg(long)]
        out: PathBuf,
        /// Smallest match probability written.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        /// Link mode: keep each record's best partner only.
        #[arg(long)]
        one_to_one: bool,
        /// Also write each record's cluster (person).
        #[arg(long)]
        clusters: Option<PathBuf>,
        /// Also write the summary (counts, parameters) as JSON.
        #[arg(long)]
        summary_json: Option<PathBuf>,
        /// No progress bar or summary.
        #[arg(long)]
        quiet: bool,
        /// Refuse a register at its first unreadable value (a date that is no date, an unknown
        /// code, a document number with stray characters, a missing id) instead of counting it
        /// and comparing it as missing.
        #[arg(long)]
        strict: bool,
    },
    /// Encode a register as Bloom filters (CLK) keyed with a shared secret: no names leave.
    Encode {
        #[arg(long)]
        config: Option<PathBuf>,
        /// A file holding the secret (at least 32 bytes) shared by the data owners.
        #[arg(long)]
        secret_file: PathBuf,
        #[arg(long = "in")]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Filter length in bits (a multiple of 64).
        #[arg(long, default_value_t = 1024)]
        bits: usize,
        /// Refuse the register at its first unreadable value instead of counting it.
        #[arg(long)]
        strict: bool,
        /// Hardening against frequency attacks: none, salt, xor or balanced (see
        /// docs/federated-linkage.md for what each costs in linkage quality).
        #[arg(long, default_value = "none")]
        harden: String,
        /// Leave out the keyed blocking keys: matching then samples the filters' bits (slower,
        /// lower recall), and nothing tells which records share a name and birth date.
        #[arg(long)]
        no_blocking_keys: bool,
    },
    /// Re-estimate an economy's linkage parameters (the person index in screening) from the
    /// pairs its officers decided, with before/after on a held-back fifth; `--version N` puts an
    /// earlier version back (0: the shipped parameters).
    Train {
        #[arg(long)]
        economy: String,
        #[arg(long)]
        version: Option<i64>,
    },
    /// Match two encoded registers by Dice similarity of their filters.
    MatchEncoded {
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
        #[arg(long, default_value_t = 0.8)]
        threshold: f64,
        #[arg(long)]
        out: PathBuf,
        /// Keep each record's best partner only.
        #[arg(long)]
        one_to_one: bool,
    },
}

/// Re-estimates an economy's linkage parameters from its officers' decided pairs (or, with
/// `--version`, puts an earlier version back), and says before and after.
pub async fn train(app: &pathways_app::App, economy: &str, version: Option<i64>) -> Result<()> {
    let p = pathways_app::auth::system("cli");
    let economy = economy.to_ascii_uppercase();
    if let Some(v) = version {
        app.use_linkage_params(&p, &economy, v).await?;
        println!("{economy}: linkage parameters version {v} in use");
        return Ok(());
    }
    let (stored, e) = app.train_linkage(&p, &economy).await?;
    println!(
        "{economy}: linkage parameters version {} in use (was {}), learnt from {} same and {} different pairs",
        stored.version, e.before_version, e.trained_same, e.trained_different
    );
    println!(
        "held back {} same and {} different pairs; at the review threshold {}:",
        e.held_same, e.held_different, e.threshold
    );
    for (what, s) in [("before", &e.before), ("after", &e.after)] {
        println!(
            "  {what:<6} precision {:.3}, recall {:.3}, F1 {:.3}",
            s.precision, s.recall, s.f1
        );
    }
    println!(
        "roll back with: pathways link train --economy {economy} --version {}",
        e.before_version
    );
    Ok(())
}

/// Runs a `pathways link` command.
pub fn run(command: &LinkCommand) -> Result<()> {
    match command {
        // Needs the database: run by `main` with the app open.
        LinkCommand::Train { .. } => bail!("`link train` runs against the database"),
        LinkCommand::Run {
            config,
            left,
            right,
            dedupe,
            out,
            threshold,
            one_to_one,
            clusters,
            summary_json,
            quiet,
            strict,
        } => run_link(RunArgs {
            config: config.as_deref(),
            left: left.as_deref(),
            right: right.as_deref(),
            dedupe: dedupe.as_deref(),
            out,
            threshold: *threshold,
            one_to_one: *one_to_one,
            clusters: clusters.as_deref(),
            summary_json: summary_json.as_deref(),
            quiet: *quiet,
            strict: *strict,
        }),
        LinkCommand::Encode {
            config,
            secret_file,
            input,
            out,
            bits,
            strict,
            harden,
            no_blocking_keys,
        } => encode(EncodeArgs {
            config: config.as_deref(),
            secret_file,
            input,
            out,
            bits: *bits,
            strict: *strict,
            harden,
            blocking_keys: !*no_blocking_keys,
        }),
        LinkCommand::MatchEncoded {
            left,
            right,
            threshold,
            out,
            one_to_one,
        } => match_encoded(MatchArgs {
            left,
            right,
            threshold: *threshold,
            out,
            one_to_one: *one_to_one,
        }),
    }
}

/// The progress bar, as the register reader reports to it.
struct Bar<'a>(&'a ProgressBar);

impl Progress for Bar<'_> {
    fn start(&self, file: &Path, bytes: u64) {
        self.0.set_length(bytes);
        self.0.set_position(0);
        self.0.set_message(format!("reading {}", file.display()));
    }
    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }
    fn done(&self, bytes: u64) {
        self.0.set_position(bytes);
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
    pub strict: bool,
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
    let read = |file| read_register(&config, file, a.strict, &Bar(&bar));
    // Each file read, with what it held that could not be read.
    let mut unreadable: Vec<(&Path, Unreadable)> = vec![];
    let (left, right) = match (a.left, a.right, a.dedupe) {
        (Some(l), Some(r), None) => {
            let (left, lu) = read(l)?;
            let (right, ru) = read(r)?;
            unreadable.extend([(l, lu), (r, ru)]);
            (left, Some(right))
        }
        (None, None, Some(d)) => {
            let (left, du) = read(d)?;
            unreadable.push((d, du));
            (left, None)
        }
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
    let (pairs, summary) = pathways_linkage::link::run(&config, &left, right.as_ref(), opts, &|stage| {
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
    write_atomically(a.out, |w| write_pairs(w, &summary.model, &pairs, &left, r))?;
    if let Some(path) = a.clusters {
        write_atomically(path, |w| write_clusters(w, &pairs, &left, right.as_ref()))?;
    }
    if let Some(path) = a.summary_json {
        let mut json = serde_json::to_value(&summary)?;
        if let Some(fields) = json.as_object_mut() {
            let files: serde_json::Map<String, serde_json::Value> = unreadable
                .iter()
                .map(|(file, u)| Ok((file.display().to_string(), serde_json::to_value(u)?)))
                .collect::<serde_json::Result<_>>()?;
            fields.insert("unreadable".into(), files.into());
        }
        write_atomically(path, |w| {
            serde_json::to_writer_pretty(w, &json).map_err(std::io::Error::other)
        })?;
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
        for (file, u) in &unreadable {
            report_unreadable(file, u);
        }
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

pub struct EncodeArgs<'a> {
    pub config: Option<&'a Path>,
    pub secret_file: &'a Path,
    pub input: &'a Path,
    pub out: &'a Path,
    pub bits: usize,
    pub strict: bool,
    pub harden: &'a str,
    pub blocking_keys: bool,
}

/// `pathways link encode`: a register → a file of Bloom-filter encodings (no names leave).
pub fn encode(a: EncodeArgs) -> Result<()> {
    if !(64..=4096).contains(&a.bits) || !a.bits.is_multiple_of(64) {
        bail!("--bits must be a multiple of 64 between 64 and 4096");
    }
    let hardening = pathways_linkage::clk::Hardening::parse(a.harden)?;
    hardening.check_bits(a.bits)?;
    let config = load_config(a.config)?;
    let secret = read_secret(a.secret_file)?;
    let started = Instant::now();
    let (records, unreadable) = read_register(&config, a.input, a.strict, &Silent)?;
    let scheme = pathways_linkage::clk::Scheme {
        hardening,
        ..pathways_linkage::clk::Scheme::for_config(&config, a.bits)
    };
    let mut enc = pathways_linkage::clk::encode(&scheme, &secret, &records);
    if a.blocking_keys {
        enc.blocks = Some(pathways_linkage::clk::block_keys(&config, &secret, &records));
    }
    let took = started.elapsed();
    write_atomically(a.out, |w| write_encoded(w, &scheme, &secret, &enc))?;
    eprintln!(
        "encoded {} records in {:.2} s ({:.0} records/s), {} bits, key fingerprint {}",
        enc.len(),
        took.as_secs_f64(),
        enc.len() as f64 / took.as_secs_f64().max(1e-9),
        a.bits,
        secret.fingerprint()
    );
    report_unreadable(a.input, &unreadable);
    Ok(())
}

/// Says, at the end of a run, what a register held that could not be read: a line per column
/// with its count and its first examples by line.
fn report_unreadable(file: &Path, u: &Unreadable) {
    if u.is_empty() {
        return;
    }
    eprintln!(
        "{}: {} unreadable value{}, compared as missing or by what could be read (--strict refuses them):",
        file.display(),
        u.total(),
        if u.total() == 1 { "" } else { "s" }
    );
    for line in u.lines() {
        eprintln!("  {line}");
    }
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
    write_atomically(a.out, |w| write_dice_pairs(w, &pairs, &left, &right))?;
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
