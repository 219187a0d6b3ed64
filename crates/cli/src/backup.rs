//! `pathways backup` and `pathways restore`: a consistent copy of the database while the server
//! runs, checked table by table, and putting such a copy back in place (with the server stopped),
//! recorded in the restored database's audit log.

use std::path::Path;

use anyhow::{Context, Result};

use crate::{Cli, explain, open};

/// Writes a checked copy of the database to `out` and says what it holds.
pub async fn backup(cli: &Cli, out: &Path) -> Result<()> {
    let app = open(cli).await?;
    let out = out.display().to_string();
    let report = app
        .backup(&out)
        .await
        .map_err(explain)
        .with_context(|| format!("backing up {} to {out}", cli.db))?;
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
    let restored = pathways_app::operations::restore(&file, &cli.db, replace)
        .await
        .map_err(explain)
        .with_context(|| format!("restoring {} from {file}", cli.db))?;
    let app = open(cli).await?;
    let by = std::env::var("USER").map_or_else(|_| "operator".to_string(), |u| format!("operator {u}"));
    app.record_restore(&restored, &by).await.map_err(explain)?;
    if let Some(aside) = &restored.moved_aside {
        println!("the database that was there is kept as {aside}");
    }
    let rows: i64 = restored.copy.tables.iter().map(|(_, n)| n).sum();
    println!(
        "{} restored from {file}: schema version {}, {} tables, {rows} rows",
        cli.db,
        restored.copy.schema_version,
        restored.copy.tables.len()
    );
    Ok(())
}
