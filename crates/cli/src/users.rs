//! `pathways user`: accounts, passwords read from standard input, personal API tokens.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result, bail};
use pathways_app::auth;
use pathways_app::domain::Role;

use crate::{Cli, UserCommand, explain, open};

fn role_of(name: &str) -> Result<Role> {
    Role::parse(name).with_context(|| format!("unknown role `{name}` (admin, analyst, focal-point, viewer)"))
}

/// The link as an operator passes it on: its path (the server's address goes before it).
fn print_link(l: &pathways_app::accounts::NewLink) {
    eprintln!(
        "send this link to {} (prefix the server's address); it works once, until {}",
        l.user.email, l.expires_at
    );
    println!("/welcome/{}", l.token);
}

fn read_password() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("password (input is visible; pipe it in to avoid this): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let pw = line.trim_end_matches(['\n', '\r']).to_string();
    if pw.is_empty() {
        bail!("no password on standard input (e.g. `echo 'long passphrase' | pathways user add ...`)");
    }
    Ok(pw)
}

pub async fn user(cli: &Cli, command: &UserCommand) -> Result<()> {
    let app = open(cli).await?;
    let by = auth::system("cli");
    match command {
        UserCommand::Add { email, role, economy } => {
            let role = role_of(role)?;
            let pw = read_password()?;
            let u = app
                .add_user(&by, email, role, economy.as_deref(), &pw)
                .await
                .map_err(explain)?;
            println!(
                "added {} ({}{})",
                u.email,
                u.role,
                u.economy.map(|e| format!(", {e}")).unwrap_or_default()
            );
        }
        UserCommand::Invite { email, role, economy } => {
            let l = app
                .invite_user(&by, email, role_of(role)?, economy.as_deref())
                .await
                .map_err(explain)?;
            print_link(&l);
        }
        UserCommand::Reset { email } => {
            let l = app.reset_password(&by, email).await.map_err(explain)?;
            print_link(&l);
        }
        UserCommand::Role { email, role, economy } => {
            let u = app
                .change_role(&by, email, role_of(role)?, economy.as_deref())
                .await
                .map_err(explain)?;
            println!(
                "{} is {}{}",
                u.email,
                u.role,
                u.economy.map(|e| format!(" ({e})")).unwrap_or_default()
            );
        }
        UserCommand::Token { email, days, label } => {
            let t = app.issue_token(&by, email, *days, label).await.map_err(explain)?;
            eprintln!(
                "valid for {days} days; revoke with `pathways user revoke-token ID` (see `pathways user tokens {email}`)"
            );
            println!("{t}");
        }
        UserCommand::Tokens { email } => {
            let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
            println!("id\tlabel\tcreated\texpires\tlast used\trevoked");
            for t in app.tokens(&by, email).await.map_err(explain)? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    t.id,
                    t.label,
                    t.created_at,
                    dash(t.expires_at),
                    dash(t.last_used_at),
                    dash(t.revoked_at)
                );
            }
        }
        UserCommand::RevokeToken { id } => {
            let t = app.revoke_token(&by, id).await.map_err(explain)?;
            println!("revoked {} ({})", t.id, t.label);
        }
        UserCommand::Disable { email } | UserCommand::Enable { email } => {
            let disable = matches!(command, UserCommand::Disable { .. });
            let u = app.set_user_disabled(&by, email, disable).await.map_err(explain)?;
            println!("{} is {}", u.email, if u.disabled { "disabled" } else { "enabled" });
        }
        UserCommand::List => {
            for u in app.users(&by).await.map_err(explain)? {
                let state = if u.disabled { "\tdisabled" } else { "" };
                println!("{}\t{}\t{}{state}", u.email, u.role, u.economy.unwrap_or_default());
            }
        }
    }
    Ok(())
}
