//! What the server does besides answering requests: sends the e-mail the use cases left in the
//! outbox (when an SMTP server is configured), reminds the Countries of Origin of overdue
//! verification requests and purges the identities past their retention, once a day. A failed send is recorded and tried again on a later round,
//! up to [`MAX_ATTEMPTS`] times; nothing here stops the server.

use std::time::Duration;

use std::sync::Arc;

use pathways_app::App;
use pathways_mail::Mailer;
use pathways_web::ops::Telemetry;

/// How often the outbox is emptied.
const ROUND: Duration = Duration::from_secs(15);
/// How often overdue requests are looked for.
const REMINDERS: Duration = Duration::from_secs(24 * 3600);
/// Tries per message before it is left for an operator to look at.
pub const MAX_ATTEMPTS: i64 = 5;

/// Starts the jobs on the server's runtime.
pub fn spawn(app: App, mail: Option<Mailer>, telemetry: Arc<Telemetry>) {
    tokio::spawn(async move {
        let mut last_reminders: Option<std::time::Instant> = None;
        loop {
            if last_reminders.is_none_or(|t| t.elapsed() >= REMINDERS) {
                let reminded = app.remind_overdue().await;
                telemetry.job("reminders", reminded.is_ok());
                match reminded {
                    Ok(n) if n > 0 => tracing::info!(requests = n, "reminded Countries of Origin of overdue requests"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "reminding of overdue requests failed"),
                }
                let retention = pathways_app::auth::system("retention");
                let purged = app.purge_expired(&retention, &pathways_app::today()).await;
                telemetry.job("retention", purged.is_ok());
                match purged {
                    Ok(r) if r.cases > 0 => tracing::info!(cases = r.cases, "purged identities past their retention"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "the retention purge failed"),
                }
                last_reminders = Some(std::time::Instant::now());
            }
            if let Some(m) = &mail {
                let delivered = deliver(&app, m).await;
                telemetry.job("mail", delivered.is_some_and(|(_, failed)| failed == 0));
            }
            tokio::time::sleep(ROUND).await;
        }
    });
}

/// Sends what waits in the outbox; returns how many were sent and how many failed, or nothing
/// when the outbox could not be read.
pub async fn deliver(app: &App, mail: &Mailer) -> Option<(usize, usize)> {
    let pending = match app.outbox(MAX_ATTEMPTS, 200).await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "reading the outbox failed");
            return None;
        }
    };
    let (mut sent, mut failed) = (0, 0);
    for m in pending {
        let result = mail.send(&m.recipient, &m.subject, &m.body, &m.link).await;
        let error = result.as_ref().err().map(ToString::to_string);
        if let Some(e) = &error {
            tracing::warn!(mail = %m.id, error = %e, "sending e-mail failed");
            failed += 1;
        } else {
            sent += 1;
        }
        if let Err(e) = app.mail_attempted(&m.id, error.as_deref()).await {
            tracing::warn!(mail = %m.id, error = %e, "recording a sending attempt failed");
        }
    }
    Some((sent, failed))
}
