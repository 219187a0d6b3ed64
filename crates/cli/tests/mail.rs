//! The server's mail loop end to end: `serve --demo --smtp-url` seeds the demo caseload, whose
//! fresh verification requests notify the Countries of Origin's liaisons, and the e-mail reaches a
//! real SMTP server on loopback (Debian's `aiosmtpd`, started for the test) with links under the
//! public address.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pathways");

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn notifications_leave_by_mail_through_a_real_smtp_server() {
    let dir = std::env::temp_dir().join(format!("pathways-cli-mail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let _smtp = Killed(
        Command::new("/usr/bin/python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(dir.join("maildir"))
            .stdout(Stdio::null())
            .spawn()
            .expect("the SMTP test server (Debian's python3-aiosmtpd, which .ci/run installs) must start"),
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the SMTP server did not listen"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
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
            .args(["--smtp-url", &format!("smtp://127.0.0.1:{port}")])
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
    let new = dir.join("maildir").join("new");
    let mut delivered = vec![];
    while delivered.is_empty() && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(500));
        delivered = std::fs::read_dir(&new)
            // Quoted-printable breaks long lines with `=` at their end; a mail client joins them.
            .map(|d| {
                d.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().replace("=\n", ""))
                    .collect()
            })
            .unwrap_or_default();
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
    let _ = std::fs::remove_dir_all(&dir);
}
