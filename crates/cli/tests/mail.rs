//! The server's mail loop end to end: `serve --demo --smtp-url` seeds the demo caseload, whose
//! fresh verification requests notify the Countries of Origin's liaisons, and the e-mail reaches a
//! real SMTP server on loopback (Debian's `aiosmtpd`, started for the test) with links under the
//! public address.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pathways_mail::testing::SmtpServer;

const BIN: &str = env!("CARGO_BIN_EXE_pathways");

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn notifications_leave_by_mail_through_a_real_smtp_server() {
    let dir = std::env::temp_dir().join(format!("pathways-cli-mail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let smtp = SmtpServer::start(&dir.join("maildir"));
    let started = Instant::now();
    let mut server = Killed(
        Command::new(BIN)
            .args([
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--demo",
                "--demo-password",
                "a long demo password",
            ])
            .args(["--smtp-url", &smtp.url()])
            .args([
                "--mail-from",
                "Pathways <noreply@pathways.example>",
                "--public-url",
                "https://pathways.example",
            ])
            .arg("--db")
            .arg(dir.join("p.db"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stdout = server.0.stdout.take().unwrap();
    for line in BufReader::new(stdout).lines() {
        if line.unwrap().contains("serving on http://") {
            break;
        }
    }
    let mut delivered = vec![];
    while delivered.is_empty() && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(500));
        delivered = smtp.delivered();
    }
    let request = delivered
        .iter()
        .find(|m| m.contains("Subject: Verification request from"))
        .unwrap_or_else(|| {
            panic!(
                "no request mail among {} delivered: {}",
                delivered.len(),
                delivered.join("\n---\n")
            )
        });
    assert!(request.contains("To: coo-"), "{request}");
    assert!(
        !delivered.iter().any(|m| m.contains("answered a verification request")),
        "the demo's made-up answers are not mailed"
    );
    assert!(
        request.contains("https://pathways.example/screening/requests/vr_"),
        "{request}"
    );
    // The server first (it may still be sending), then the SMTP server, then their files: a
    // Maildir removed under a delivery in flight makes the SMTP server log an error.
    drop(server);
    drop(smtp);
    let _ = std::fs::remove_dir_all(&dir);
}
