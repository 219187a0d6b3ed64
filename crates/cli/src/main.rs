//! The `pathways` binary: serve the platform, manage users, check the reference dataset, import
//! and export. A thin layer over `pathways-app`: it parses arguments, reads files and prints
//! results; every rule lives below it.

mod alloc;
mod backup;
mod documents;
mod federation;
mod jobs;
mod link;
mod serve;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use pathways_app::Backend;
use pathways_app::domain::{Kind, Principal};
use pathways_app::map::records::ListFilter;
use pathways_app::{App, AppError, auth};

/// jemalloc rather than the system allocator: linking two registers allocates and frees hundreds
/// of megabytes in large blocks, which glibc hands back to the kernel at once and takes again,
/// each page zeroed anew (a quarter of a 1M × 1M run went there). The link commands run it with
/// options of their own ([`alloc`]); every other command, the server first, with its defaults.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "pathways",
    version,
    about = "Pathways: labour-migration governance for the Western Balkans"
)]
struct Cli {
    /// The database: a SQLite file, or a `postgres://user:password@host/name` URL (created or
    /// migrated, and loaded with the reference data if new).
    #[arg(long, global = true, env = "PATHWAYS_DB", default_value = "pathways.db")]
    db: String,
    /// Read the reference dataset from this directory instead of the copy built into the binary.
    #[arg(long, global = true, env = "PATHWAYS_DATA")]
    data: Option<PathBuf>,
    /// How log lines are written to standard error: `text` for people, `json` (one object a
    /// line) for a log collector.
    #[arg(long, global = true, env = "PATHWAYS_LOG_FORMAT", value_enum, default_value = "text")]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum FederationCommand {
    /// The keys the economies agreed for their encoded registers.
    Key {
        #[command(subcommand)]
        command: federation::KeyCommand,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the JSON API.
    Serve(serve::ServeArgs),
    /// Apply database migrations and load the reference dataset, then exit; with `--to`, copy
    /// the (SQLite) database into PostgreSQL and verify the copy.
    Migrate {
        /// A `postgres://` URL: copy every table there in one transaction, then compare rows per
        /// table and the audit log on both sides.
        #[arg(long)]
        to: Option<String>,
        /// Replace what the PostgreSQL database holds (backed up first to a new SQLite file
        /// beside --db) instead of refusing.
        #[arg(long, requires = "to")]
        replace: bool,
    },
    /// Write a consistent, checked copy of the database to a new file (the server may run).
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a backup in place of the database (stop the server first); recorded in its audit log.
    Restore {
        /// The backup file (written by `pathways backup`).
        file: PathBuf,
        /// Move an existing SQLite database aside (`<db>.before-restore-<time>`), or back up what
        /// a PostgreSQL database holds to a new file beside the backup, instead of refusing.
        #[arg(long)]
        replace: bool,
    },
    /// Every route of the web UI and the API, one a line: method and path.
    Routes,
    /// The reference dataset.
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
    /// Users and API tokens.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import a file (all or nothing).
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Identity linkage between economies: the keys of their encoded registers.
    Federation {
        #[command(subcommand)]
        command: FederationCommand,
    },
    /// Record linkage: find the same person across registers.
    Link {
        #[command(subcommand)]
        command: link::LinkCommand,
    },
    /// Documents: country papers and the regional comparative analysis, from the current evidence.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// The joint regional roadmap: its documents.
    Roadmap {
        #[command(subcommand)]
        command: RoadmapCommand,
    },
    /// XLSForm questionnaires.
    Questionnaire {
        #[command(subcommand)]
        command: QuestionnaireCommand,
    },
    /// Export records of one kind.
    Export {
        /// institutions, relationships, pathways, observations, practices, agency-regulations, coo-systems, frameworks, stakeholders, all
        what: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        #[arg(long)]
        out: PathBuf,
        /// Only this economy (or country).
        #[arg(long)]
        economy: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// A standalone HTML file.
    Html,
    /// A print-ready PDF (cover, contents, numbered pages, figures, footnotes).
    Pdf,
    /// An editable Word document: headings, contents, page numbers, properties, alt text.
    Docx,
    /// The figures as one tidy data sheet, then the tables a sheet each, with native charts.
    Xlsx,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// One economy's country paper (`country-CODE.EXT`; `country-CODE.LANG.EXT` in another
    /// language than English).
    Country {
        code: String,
        #[arg(long, value_enum, default_value = "html")]
        format: ReportFormat,
        /// The language of the paper: en, sq, sr-Latn, sr-Cyrl, mk, bs or cnr.
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The regional comparative analysis (`regional.EXT`; `regional.LANG.EXT` in another
    /// language than English).
    Regional {
        #[arg(long, value_enum, default_value = "html")]
        format: ReportFormat,
        /// The language of the analysis: en, sq, sr-Latn, sr-Cyrl, mk, bs or cnr.
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The six country papers and the regional analysis.
    All {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum RoadmapCommand {
    /// The joint regional roadmap (`roadmap.EXT`), an annex per economy (`roadmap-CODE.EXT`) and
    /// the progress report (`roadmap-progress.EXT`), in one format or all four.
    Export {
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The minutes of a validation exercise (`minutes-ID.EXT`).
    Minutes {
        exercise: String,
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum QuestionnaireCommand {
    /// Read an XLSForm (.xlsx, .xls, .ods) and print what it holds, or every problem with its
    /// sheet, row and column (exit status 1).
    Inspect {
        file: PathBuf,
        /// Print the summary and the whole model as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the XForm of an XLSForm (ODK XForms, as pyxform writes it) for ODK Collect and
    /// KoboCollect; to standard output, or to `-o FILE`.
    Xform {
        file: PathBuf,
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Add a questionnaire version (XLSForm) to the database, as the Questionnaires page does.
    Import {
        file: PathBuf,
        /// Act as this user (their permissions apply); by default the operator acts as admin.
        #[arg(long = "as")]
        as_user: Option<String>,
    },
    /// Build an XLSForm workbook from a directory of CSV sheets (survey.csv, choices.csv,
    /// settings.csv), checking it as `inspect` does; nothing is written if it has problems.
    Build {
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum DataCommand {
    /// Check the dataset: unknown codes, missing provenance, dangling references (file:line).
    Check,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from standard input.
    Add {
        email: String,
        /// admin, analyst, focal-point, viewer, case-officer or coo-liaison.
        #[arg(long)]
        role: String,
        /// The economy of a focal point or case officer (AL, BA, ME, MK, RS, XK), or the country
        /// of a CoO liaison (ISO 3166-1 alpha-2, e.g. NP).
        #[arg(long)]
        economy: Option<String>,
    },
    /// Invite a user: the account has no password until they open the printed link (valid 7 days).
    Invite {
        email: String,
        /// admin, analyst, focal-point, viewer, case-officer or coo-liaison.
        #[arg(long)]
        role: String,
        /// The economy of a focal point or case officer (AL, BA, ME, MK, RS, XK), or the country
        /// of a CoO liaison (ISO 3166-1 alpha-2, e.g. NP).
        #[arg(long)]
        economy: Option<String>,
    },
    /// Reset a password: the old one stops, sessions end; prints a link to set a new one (2 days).
    Reset { email: String },
    /// Change a user's role (and its economy or country, for the roles scoped to one).
    Role {
        email: String,
        /// admin, analyst, focal-point, viewer, case-officer or coo-liaison.
        #[arg(long)]
        role: String,
        /// The economy of a focal point or case officer (AL, BA, ME, MK, RS, XK), or the country
        /// of a CoO liaison (ISO 3166-1 alpha-2, e.g. NP).
        #[arg(long)]
        economy: Option<String>,
    },
    /// Print a new personal API token for the user (send as `Authorization: Bearer TOKEN`).
    Token {
        email: String,
        /// Days the token stays valid (1–366).
        #[arg(long, env = "PATHWAYS_TOKEN_DAYS", default_value_t = auth::DEFAULT_TOKEN_DAYS)]
        days: u32,
        /// What the token is for, shown in the token list.
        #[arg(long, default_value = "command line")]
        label: String,
    },
    /// List a user's tokens: id, label, created, expires, last used, revoked.
    Tokens { email: String },
    /// Revoke a token at once (its id from `user tokens`).
    RevokeToken { id: String },
    /// Disable a user: their sessions end and their tokens stop at once.
    Disable { email: String },
    /// Enable a disabled user again.
    Enable { email: String },
    /// List users.
    List,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Statistics as SDMX-CSV (INDICATOR,REF_AREA,TIME_PERIOD,...,OBS_VALUE,OBS_FLAG,SOURCE).
    Observations {
        file: PathBuf,
        /// Act as this user (their permissions apply); by default the operator acts as admin.
        #[arg(long = "as")]
        as_user: Option<String>,
    },
    /// A stakeholder map as a Kumu workbook (Elements and Connections sheets).
    Stakeholders {
        file: PathBuf,
        #[arg(long = "as")]
        as_user: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Xlsx,
    Sdmx,
}

/// A command whose reader goes away (`pathways … | head`) stops quietly, as command-line tools
/// do: Rust ignores SIGPIPE, so the next `println!` panics with a broken pipe; that one panic is
/// turned into a silent exit, every other keeps its message.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().flatten_event(true).with_current_span(false).init(),
    }
    if matches!(cli.command, Command::Link { .. }) {
        alloc::restart_as_batch();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let format = cli.log_format;
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match format {
                LogFormat::Text => eprintln!("error: {e:#}"),
                LogFormat::Json => tracing::error!(error = format!("{e:#}"), "the command failed"),
            }
            ExitCode::FAILURE
        }
    }
}

/// A notice for the operator on standard error: a line of text, or a log record when the logs
/// are JSON (so a log collector reads every line).
fn notice(cli: &Cli, message: &str) {
    match cli.log_format {
        LogFormat::Text => eprintln!("{message}"),
        LogFormat::Json => tracing::info!("{message}"),
    }
}

async fn open(cli: &Cli) -> Result<App> {
    let (app, report) = App::open(&cli.db, cli.data.as_deref())
        .await
        .map_err(explain)
        .with_context(|| format!("opening {}", Backend::shown(&cli.db)))?;
    if report.reference_inserted + report.reference_updated > 0 {
        notice(
            cli,
            &format!(
                "reference dataset loaded into {}: {} records added, {} refreshed",
                Backend::shown(&cli.db),
                report.reference_inserted,
                report.reference_updated
            ),
        );
    }
    if !report.reference_kept.is_empty() {
        notice(
            cli,
            &format!(
                "note: {} reference records changed in the shipped dataset were kept as edited by users: {}",
                report.reference_kept.len(),
                report.reference_kept.join(", ")
            ),
        );
    }
    Ok(app)
}

/// Turns an application error into a message that lists every problem on its own line.
fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(ps) => {
            let lines: Vec<String> = ps.iter().map(|p| format!("  {p}")).collect();
            anyhow::anyhow!("{} problem(s):\n{}", ps.len(), lines.join("\n"))
        }
        other => anyhow::anyhow!(other),
    }
}

async fn acting(app: &App, as_user: &Option<String>) -> Result<Principal> {
    match as_user {
        None => Ok(auth::system(&format!(
            "cli:{}",
            std::env::var("USER").unwrap_or_else(|_| "operator".into())
        ))),
        // Acting as a user means their permissions apply; operators with database access are
        // trusted, so the user is looked up by e-mail and no token is made.
        Some(email) => app.principal_by_email(email).await.map_err(explain),
    }
}

/// A `--lang` value as one of Pathways' locales, or an error naming the ones there are.
fn parse_lang(tag: &str) -> Result<pathways_domain::locale::Locale> {
    use pathways_domain::locale::Locale;
    Locale::parse(tag).ok_or_else(|| {
        let known: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
        anyhow::anyhow!(
            "--lang {tag}: not a language Pathways writes (one of {})",
            known.join(", ")
        )
    })
}

async fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Data {
            command: DataCommand::Check,
        } => {
            let (_, data) = pathways_app::read_dataset(cli.data.as_deref()).map_err(explain)?;
            println!(
                "dataset OK: {} records, {} indicators, {} stages",
                data.entries.len(),
                data.vocab.indicators.len(),
                data.vocab.stages.len()
            );
            Ok(())
        }
        Command::Report { command } => {
            let app = open(&cli).await?;
            let who = auth::system("cli");
            let started = std::time::Instant::now();
            let (docs, formats, out) = match command {
                ReportCommand::Country {
                    code,
                    out,
                    format,
                    lang,
                } => (
                    vec![
                        app.in_locale(parse_lang(lang)?)
                            .country_paper(&who, &code.to_ascii_uppercase())
                            .await
                            .map_err(explain)?,
                    ],
                    vec![*format],
                    out,
                ),
                ReportCommand::Regional { out, format, lang } => (
                    vec![
                        app.in_locale(parse_lang(lang)?)
                            .regional_report(&who)
                            .await
                            .map_err(explain)?,
                    ],
                    vec![*format],
                    out,
                ),
                ReportCommand::All { out } => (app.all_documents(&who).await.map_err(explain)?, vec![], out),
            };
            documents::write_documents(&docs, &formats, out)?;
            eprintln!("documents written in {:.2} s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Roadmap { command } => {
            let app = open(&cli).await?;
            let who = auth::system("cli");
            let started = std::time::Instant::now();
            let (docs, format, out) = match command {
                RoadmapCommand::Export { format, out } => {
                    (app.roadmap_documents(&who).await.map_err(explain)?, format, out)
                }
                RoadmapCommand::Minutes { exercise, format, out } => (
                    vec![app.exercise_minutes(&who, exercise).await.map_err(explain)?],
                    format,
                    out,
                ),
            };
            let formats: Vec<ReportFormat> = format.iter().copied().collect();
            documents::write_documents(&docs, &formats, out)?;
            eprintln!("documents written in {:.2} s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Questionnaire {
            command: QuestionnaireCommand::Import { file, as_user },
        } => {
            let app = open(&cli).await?;
            let who = acting(&app, as_user).await?;
            let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            let name = file.display().to_string();
            let q = app
                .import_questionnaire(&who, &name, &bytes)
                .await
                .map_err(|e| explain(e).context(format!("{name}: nothing was imported")))?;
            println!(
                "{name}: questionnaire `{}` ({} version {}) is ready, id {}",
                q.title, q.form_id, q.version, q.id
            );
            Ok(())
        }
        Command::Questionnaire {
            command: QuestionnaireCommand::Build { dir, out },
        } => {
            let mut sheets = vec![];
            for name in ["survey", "choices", "settings"] {
                let path = dir.join(format!("{name}.csv"));
                if path.exists() {
                    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                    sheets.push((name, text));
                }
            }
            let refs: Vec<(&str, &str)> = sheets.iter().map(|(n, t)| (*n, t.as_str())).collect();
            let form = pathways_xlsform::read_csv(&refs).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            let bytes = pathways_xlsform::write(&form)?;
            pathways_registers::write_atomically(out, |w| w.write_all(&bytes))?;
            println!(
                "{}: {} questions, {} choice lists",
                out.display(),
                form.questions().count(),
                form.choices.len()
            );
            Ok(())
        }
        Command::Questionnaire {
            command: QuestionnaireCommand::Inspect { file, json },
        } => {
            let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            let (form, warnings) =
                pathways_xlsform::read_with_warnings(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let summary = pathways_xlsform::inspect::summarise(&form);
            if *json {
                let v = serde_json::json!({ "summary": summary, "form": form, "warnings": warnings });
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else {
                print!("{}", summary.to_text());
                if !warnings.is_empty() {
                    println!("{} warning(s):", warnings.len());
                    for w in &warnings {
                        println!("  {w}");
                    }
                }
            }
            Ok(())
        }
        Command::Questionnaire {
            command: QuestionnaireCommand::Xform { file, out },
        } => {
            let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            let form = pathways_xlsform::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            // pyxform names a form without `form_id` after its file.
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let xml =
                pathways_xlsform::xform::xform(&form, &stem).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            match out {
                Some(path) => pathways_registers::write_atomically(path, |w| w.write_all(xml.as_bytes()))?,
                None => print!("{xml}"),
            }
            Ok(())
        }
        Command::Link {
            command: link::LinkCommand::Train { economy, version },
        } => link::train(&open(&cli).await?, economy, *version).await,
        Command::Link { command } => link::run(command),
        Command::Federation {
            command: FederationCommand::Key { command },
        } => federation::key(&open(&cli).await?, command).await,
        Command::Routes => {
            for (method, path) in pathways_web::routes().table() {
                println!("{:<6} {path}", method.as_str());
            }
            Ok(())
        }
        Command::Migrate { to: Some(to), replace } => backup::migrate_to(&cli, to, *replace).await,
        Command::Migrate { to: None, .. } => {
            open(&cli).await?;
            println!("{} is up to date", Backend::shown(&cli.db));
            Ok(())
        }
        Command::Serve(args) => serve::serve(&cli, args).await,
        Command::Backup { out } => backup::backup(&cli, out).await,
        Command::Restore { file, replace } => backup::restore(&cli, file, *replace).await,
        Command::User { command } => users::user(&cli, command).await,
        Command::Import { command } => {
            let app = open(&cli).await?;
            let (file, as_user, stakeholders) = match command {
                ImportCommand::Observations { file, as_user } => (file, as_user, false),
                ImportCommand::Stakeholders { file, as_user } => (file, as_user, true),
            };
            let who = acting(&app, as_user).await?;
            let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            let name = file.display().to_string();
            let report = if stakeholders {
                app.import_kumu(&who, &name, &bytes).await
            } else {
                app.import_observations(&who, &name, &bytes).await
            }
            .map_err(|e| explain(e).context(format!("{name}: nothing was imported")))?;
            println!(
                "{name}: {} created, {} updated, {} unchanged",
                report.created, report.updated, report.unchanged
            );
            Ok(())
        }
        Command::Export {
            what,
            format,
            out,
            economy,
        } => {
            let app = open(&cli).await?;
            let who = auth::system("cli");
            let f = ListFilter::of_owner(economy.as_ref().map(|e| e.to_ascii_uppercase()).as_deref());
            let bytes = match (what.as_str(), format) {
                ("all", Format::Xlsx) => app.export_xlsx(&who, &Kind::ALL, &f).await,
                ("stakeholders", Format::Xlsx) => app.export_kumu(&who, f.owner.as_deref()).await,
                ("observations", Format::Sdmx) => app.export_observations_sdmx(&who, &f).await,
                (kind, Format::Csv | Format::Xlsx) if Kind::parse(kind).is_some() => {
                    let kind = Kind::parse(kind).context("unknown kind")?;
                    match format {
                        Format::Csv => app.export_csv(&who, kind, &f).await,
                        _ => app.export_xlsx(&who, &[kind], &f).await,
                    }
                }
                (w, _) => {
                    bail!("cannot export `{w}` in that format (stakeholders and all: xlsx; sdmx: observations only)")
                }
            }
            .map_err(explain)?;
            // Write beside the target and rename, so a failed export never leaves a partial file.
            let tmp = out.with_extension("partial");
            std::fs::write(&tmp, &bytes).with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, out).with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {} ({} bytes)", out.display(), bytes.len());
            Ok(())
        }
    }
}
