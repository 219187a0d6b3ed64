//! `pathways serve`: the web server, with the first-admin link or the demo accounts.

use std::io::Write;
use std::net::SocketAddr;

use anyhow::{Context, Result, bail};
use pathways_app::auth;

use crate::{Cli, explain, open};

pub async fn serve(
    cli: &Cli,
    bind: SocketAddr,
    demo: bool,
    demo_password: Option<String>,
    insecure_cookies: bool,
) -> Result<()> {
    if demo && !bind.ip().is_loopback() {
        bail!(
            "--demo creates accounts with a shared password and is refused unless bound to a loopback address (e.g. --bind 127.0.0.1:8080)"
        );
    }
    let app = open(cli).await?;
    if demo {
        let (pw, generated) = match demo_password {
            Some(p) => (p, false),
            None => (auth::random_token("")[..20].to_string(), true),
        };
        let created = app.ensure_demo_users(&pw).await.map_err(explain)?;
        if !created.is_empty() {
            println!("demo accounts created: {}", created.join(", "));
        }
        if app.ensure_demo_cycle().await.map_err(explain)? {
            println!("demo validation exercise and draft roadmap seeded (marked as demo content)");
        }
        let cases = app.ensure_demo_caseload().await.map_err(explain)?;
        if cases > 0 {
            println!("demo screening caseload seeded: {cases} synthetic cases with registers, requests and decisions");
        }
        if generated {
            println!("demo password: {pw}");
        }
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("binding {bind}"))?;
    let addr = listener.local_addr()?;
    let setup = if app.user_count().await.map_err(explain)? == 0 {
        let token = auth::random_token("");
        println!();
        println!("  ┌──────────────────────────────────────────────────────────────────────────");
        println!("  │ No user exists yet. Create the first administrator at:");
        println!("  │   http://{addr}/setup?token={token}");
        println!("  │ (the link works once), or from a shell:");
        println!(
            "  │   echo 'a long passphrase' | pathways user add you@example.org --role admin --db {}",
            cli.db
        );
        println!("  └──────────────────────────────────────────────────────────────────────────");
        println!();
        Some(token)
    } else {
        None
    };
    let state = pathways_web::AppState::new(app, setup, !insecure_cookies)?;
    println!("Pathways is serving on http://{addr} (database {})", cli.db);
    let _ = std::io::stdout().flush();
    pathways_web::serve(state, listener).await?;
    Ok(())
}
