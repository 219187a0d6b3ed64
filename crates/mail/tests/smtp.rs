//! A message goes through a real SMTP server on loopback — Debian's `aiosmtpd`, started as its own
//! process for the test and delivering into a Maildir — with its sender, recipient, subject and
//! the link made whole. A server that does not answer is an error the caller can record.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pathways_mail::{MailError, Mailer};

/// The SMTP server process; stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(port: u16, maildir: &std::path::Path) -> Server {
    let child = Command::new("/usr/bin/python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the SMTP test server (Debian's python3-aiosmtpd, which .ci/run installs) must start");
    let server = Server(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the SMTP server did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

#[tokio::test]
async fn a_message_reaches_a_real_smtp_server_with_its_link_made_whole() {
    let dir = std::env::temp_dir().join(format!("pathways-mail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let _server = start(port, &dir);
    let mailer = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
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
    let delivered: Vec<String> = std::fs::read_dir(dir.join("new"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
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
