//! A real SMTP server for the tests of this crate and of the server's mail loop: Debian's
//! `aiosmtpd` (`python3-aiosmtpd`, which `.ci/run` installs), started as its own process on a free
//! loopback port and delivering into a Maildir; stopped when dropped. Test support only (the
//! `testing` feature): a server that cannot start fails the test that needs it, loudly.

#![allow(clippy::expect_used, clippy::panic)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The running server.
pub struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

/// A loopback port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl SmtpServer {
    /// Starts a server delivering into `maildir` and waits until it listens.
    pub fn start(maildir: &Path) -> SmtpServer {
        let port = free_port();
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
            .spawn()
            .expect("the SMTP test server (Debian's python3-aiosmtpd, which .ci/run installs) must start");
        let server = SmtpServer {
            child,
            port,
            maildir: maildir.to_path_buf(),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the SMTP server did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// The URL to send through.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages delivered so far, as a mail client reads them (quoted-printable's soft line
    /// breaks joined).
    pub fn delivered(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .map(|m| m.replace("=\n", ""))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
