//! `pathways federation key …`: the keys the economies agreed for their encoded registers. An
//! administrator adds the key (from a file, never the command line, which shell histories keep),
//! compares its fingerprint with the other economies' administrators, and retires the old key
//! once every economy encodes under the new one.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum KeyCommand {
    /// Add a key (at least 32 bytes, in a file): it encodes every export from now on.
    Add {
        #[arg(long)]
        secret_file: PathBuf,
    },
    /// Retire a key by its fingerprint: no longer used, and registers under it no longer matched.
    Retire { fingerprint: String },
    /// The keys, newest first: fingerprint, added, retired.
    List,
}

pub async fn key(app: &pathways_app::App, command: &KeyCommand) -> Result<()> {
    let p = pathways_app::auth::system("cli");
    match command {
        KeyCommand::Add { secret_file } => {
            let secret = std::fs::read(secret_file).with_context(|| format!("reading {}", secret_file.display()))?;
            let fingerprint = app.add_federation_key(&p, &secret).await?;
            println!("key {fingerprint} added; exports are encoded under it from now on");
        }
        KeyCommand::Retire { fingerprint } => {
            app.retire_federation_key(&p, fingerprint).await?;
            println!("key {fingerprint} retired");
        }
        KeyCommand::List => {
            for k in app.federation_keys(&p).await? {
                println!(
                    "{}  added {} by {}{}{}",
                    k.fingerprint,
                    k.added_at,
                    k.added_by,
                    k.retired_at.map(|r| format!(", retired {r}")).unwrap_or_default(),
                    if k.current { "  (in use for exports)" } else { "" }
                );
            }
        }
    }
    Ok(())
}
