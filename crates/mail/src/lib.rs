//! Sending e-mail over SMTP: the one place Pathways talks to a mail server. The server's mail loop
//! hands each message of the outbox to a [`Mailer`] built from the operator's settings: an SMTP
//! URL (`smtp://host:25` on a trusted network, `smtp://user:pass@host:587?tls=required` with
//! STARTTLS, `smtps://host:465` with TLS from the start) and the sender address.
//!
//! Nothing here decides who is told what: the use cases wrote the outbox.

#[cfg(feature = "testing")]
pub mod testing;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why a message was not sent; the mail loop records it and tries again later.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP URL `{url}` is not usable: {why}")]
    Url { url: String, why: String },
    #[error("`{address}` is not an e-mail address: {why}")]
    Address { address: String, why: String },
    #[error("the message cannot be built: {0}")]
    Message(String),
    #[error("the mail server refused or could not be reached: {0}")]
    Send(String),
}

/// A connection setting to one SMTP server and the address mail comes from.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The server's public address, put before the links of messages (`https://pathways.example`).
    public_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: never printed.
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    address
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Address {
            address: address.to_string(),
            why: e.to_string(),
        })
}

impl Mailer {
    /// A mailer for `url`, sending as `from`, with links under `public_url`.
    pub fn new(url: &str, from: &str, public_url: &str) -> Result<Mailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Url {
                // Only the scheme and host: the rest may be a password.
                url: url.split('@').next_back().unwrap_or_default().to_string(),
                why: e.to_string(),
            })?
            .build();
        Ok(Mailer {
            transport,
            from: mailbox(from)?,
            public_url: public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Sends one plain-text message; `link` (a path of the platform) ends the body as a full
    /// address.
    pub async fn send(&self, to: &str, subject: &str, body: &str, link: &str) -> Result<(), MailError> {
        let text = if link.is_empty() {
            body.to_string()
        } else {
            format!("{body}\n\n{}{link}\n", self.public_url)
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(mailbox(to)?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| MailError::Message(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Send(e.to_string()))
    }
}
