//! A message goes through a real SMTP server on loopback — Debian's `aiosmtpd`, started as its own
//! process for the test and delivering into a Maildir — with its sender, recipient, subject and
//! the link made whole. A server that does not answer is an error the caller can record.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathways_mail::testing::{SmtpServer, free_port};
use pathways_mail::{MailError, Mailer};

#[tokio::test]
async fn a_message_reaches_a_real_smtp_server_with_its_link_made_whole() {
    let dir = std::env::temp_dir().join(format!("pathways-mail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = SmtpServer::start(&dir);
    let mailer = Mailer::new(
        &server.url(),
        "Pathways <noreply@pathways.example>",
        "https://pathways.example/",
    )
    .unwrap();
    mailer
        .send(
            "desk@dofe.example",
            "Verification request from Serbia: police clearance, due 2026-12-28",
            "The permit authority of Serbia asks your authority to verify a police clearance.",
            "/screening/requests/vr_1",
        )
        .await
        .unwrap();
    let delivered = server.delivered();
    assert_eq!(delivered.len(), 1);
    let m = &delivered[0];
    for part in [
        "From: Pathways <noreply@pathways.example>",
        "To: desk@dofe.example",
        "Subject: Verification request from Serbia: police clearance, due 2026-12-28",
        "https://pathways.example/screening/requests/vr_1",
    ] {
        assert!(m.contains(part), "{part} in {m}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_unreachable_server_or_a_bad_address_is_an_error_not_a_loss() {
    let nobody = Mailer::new(
        &format!("smtp://127.0.0.1:{}", free_port()),
        "noreply@pathways.example",
        "",
    )
    .unwrap();
    let e = nobody.send("a@b.example", "s", "b", "").await.unwrap_err();
    assert!(matches!(e, MailError::Send(_)), "{e}");
    assert!(matches!(
        nobody.send("not an address", "s", "b", "").await,
        Err(MailError::Address { .. })
    ));
    let e = Mailer::new("gopher://user:secret@host", "noreply@pathways.example", "").unwrap_err();
    assert!(!e.to_string().contains("secret"), "{e}");
}
