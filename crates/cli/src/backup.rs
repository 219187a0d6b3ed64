//! `pathways backup`, `pathways restore` and `pathways migrate --to`: a consistent copy of the
//! database while the server runs, checked table by table; putting such a copy back in place
//! (with the server stopped), recorded in the restored database's audit log; and copying an
//! embedded database into PostgreSQL with a verification report.

use std::path::Path;

use anyhow::{Context, Result};
use pathways_app::operations::Migrated;
use pathways_app::{Backend, CopyOutcome};

use crate::{Cli, explain, open};

/// Where the data a `--replace` drops from PostgreSQL is kept: a new SQLite file in `dir`.
fn keep_path(dir: &Path, what: &str) -> String {
    let stamp: String = pathways_app::now()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    dir.join(format!("pathways-{what}-{stamp}.db")).display().to_string()
}

/// The operator who ran the command, for the audit log.
fn operator() -> String {
    std::env::var("USER").map_or_else(|_| "operator".to_string(), |u| format!("operator {u}"))
}

/// Prints a copy's verification: each table's rows on both sides, and the audit log's chain.
fn print_verification(o: &CopyOutcome) {
    println!("{:<24} {:>10} {:>10}", "table", "source", "copy");
    for t in &o.tables {
        let mark = if t.source == t.target { "" } else { "  DIFFERS" };
        println!("{:<24} {:>10} {:>10}{mark}", t.table, t.source, t.target);
    }
    let a = &o.target_audit;
    println!(
        "audit log: {} entries, seq {}..{}, {} gaps, sha256 {} ({})",
        a.entries,
        a.first.map_or("-".into(), |s| s.to_string()),
        a.last.map_or("-".into(), |s| s.to_string()),
        a.gaps,
        a.sha256,
        if o.source_audit == o.target_audit {
            "same as the source"
        } else {
            "DIFFERS from the source"
        }
    );
}

/// Copies the embedded database into PostgreSQL at `to`, verified, and prints the report.
pub async fn migrate_to(cli: &Cli, to: &str, replace: bool) -> Result<()> {
    let app = open(cli).await?;
    let dir = Path::new(&cli.db).parent().unwrap_or(Path::new("."));
    let keep = keep_path(
        if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        },
        "postgres-before-migrate",
    );
    let Migrated { outcome, kept } = app
        .migrate_to(to, replace, &keep, &operator())
        .await
        .map_err(explain)
        .with_context(|| format!("copying {} into {}", cli.db, Backend::shown(to)))?;
    if let Some(kept) = kept {
        println!("what {} held before is kept in {kept}", Backend::shown(to));
    }
    print_verification(&outcome);
    let rows: i64 = outcome.tables.iter().map(|t| t.target).sum();
    println!(
        "{} copied into {}: {} tables, {rows} rows, every count and the audit log verified",
        cli.db,
        Backend::shown(to),
        outcome.tables.len()
    );
    Ok(())
}

/// Writes a checked copy of the database to `out` and says what it holds.
pub async fn backup(cli: &Cli, out: &Path) -> Result<()> {
    let app = open(cli).await?;
    let out = out.display().to_string();
    let report = app
        .backup(&out)
        .await
        .map_err(explain)
        .with_context(|| format!("backing up {} to {out}", Backend::shown(&cli.db)))?;
    let rows: i64 = report.tables.iter().map(|(_, n)| n).sum();
    println!(
        "{out}: {} bytes, schema version {}, {} tables, {rows} rows; integrity check ok",
        report.bytes,
        report.schema_version,
        report.tables.len()
    );
    Ok(())
}

/// Puts the backup `file` in place of the database and opens it (applying newer migrations).
pub async fn restore(cli: &Cli, file: &Path, replace: bool) -> Result<()> {
    let file = file.display().to_string();
    let dir = Path::new(&file).parent().unwrap_or(Path::new("."));
    let keep = keep_path(
        if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        },
        "before-restore",
    );
    let restored = pathways_app::operations::restore(&file, &cli.db, replace, &keep)
        .await
        .map_err(explain)
        .with_context(|| format!("restoring {} from {file}", Backend::shown(&cli.db)))?;
    let app = open(cli).await?;
    app.record_restore(&restored, &operator()).await.map_err(explain)?;
    if let Some(aside) = &restored.moved_aside {
        println!("the database that was there is kept as {aside}");
    }
    if let Some(verified) = &restored.verified {
        print_verification(verified);
    }
    let rows: i64 = restored.copy.tables.iter().map(|(_, n)| n).sum();
    println!(
        "{} restored from {file}: schema version {}, {} tables, {rows} rows",
        Backend::shown(&cli.db),
        restored.copy.schema_version,
        restored.copy.tables.len()
    );
    Ok(())
}
