//! `pathways serve`: the web server, with the first-admin link or the demo accounts, and the
//! background jobs (e-mail, reminders).

use std::io::Write;
use std::net::SocketAddr;

use anyhow::{Context, Result, bail};
use pathways_app::auth;

use crate::{Cli, explain, open};

/// How to serve.
#[derive(clap::Args)]
pub struct ServeArgs {
    #[arg(long, env = "PATHWAYS_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Create demo accounts for every role (only on a loopback address).
    #[arg(long)]
    demo: bool,
    /// Password of the demo accounts (generated and printed if not given).
    #[arg(long, env = "PATHWAYS_DEMO_PASSWORD", hide_env_values = true)]
    demo_password: Option<String>,
    /// Send cookies without the Secure flag (only for plain HTTP beyond localhost; not for production).
    #[arg(long)]
    insecure_cookies: bool,
    /// The SMTP server notifications are e-mailed through: `smtp://host:25`,
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://host:465`. Without it,
    /// notifications stay in the app and e-mail waits in the outbox.
    #[arg(long, env = "PATHWAYS_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of the e-mail.
    #[arg(long, env = "PATHWAYS_MAIL_FROM", default_value = "Pathways <noreply@localhost>")]
    mail_from: String,
    /// The address users reach the server at, put before the links in e-mail (default: the
    /// bind address over HTTP).
    #[arg(long, env = "PATHWAYS_PUBLIC_URL")]
    public_url: Option<String>,
    /// The bearer token a Prometheus scraper presents to read `/metrics`. Without it, only a
    /// client on this host that no proxy forwarded may read them.
    #[arg(long, env = "PATHWAYS_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
}

pub async fn serve(cli: &Cli, args: &ServeArgs) -> Result<()> {
    let ServeArgs {
        bind,
        demo,
        demo_password,
        insecure_cookies,
        smtp_url,
        mail_from,
        public_url,
        metrics_token,
    } = args;
    let (bind, demo, insecure_cookies) = (*bind, *demo, *insecure_cookies);
    let mail = match smtp_url {
        Some(url) => {
            let public = public_url.clone().unwrap_or_else(|| format!("http://{bind}"));
            Some(pathways_mail::Mailer::new(url, mail_from, &public).context("--smtp-url / --mail-from")?)
        }
        None => None,
    };
    if demo && !bind.ip().is_loopback() {
        bail!(
            "--demo creates accounts with a shared password and is refused unless bound to a loopback address (e.g. --bind 127.0.0.1:8080)"
        );
    }
    let app = open(cli).await?;
    if demo {
        let (pw, generated) = match demo_password.clone() {
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
            pathways_app::Backend::shown(&cli.db)
        );
        println!("  └──────────────────────────────────────────────────────────────────────────");
        println!();
        Some(token)
    } else {
        None
    };
    let mut state = pathways_web::AppState::new(app.clone(), setup, !insecure_cookies)?;
    state.metrics_token = metrics_token.clone().filter(|t| !t.is_empty());
    crate::jobs::spawn(app.clone(), mail, state.telemetry.clone());
    // The person indexes are built before the first save needs one, without delaying the start.
    let warm = app.clone();
    tokio::spawn(async move {
        match warm.warm_persons().await {
            Ok((n, took)) => tracing::info!("person indexes built: {n} records in {:.2} s", took.as_secs_f64()),
            Err(e) => tracing::error!("person indexes: {e}"),
        }
    });
    println!(
        "Pathways is serving on http://{addr} (database {})",
        pathways_app::Backend::shown(&cli.db)
    );
    let _ = std::io::stdout().flush();
    pathways_web::serve(state, listener).await?;
    Ok(())
}
