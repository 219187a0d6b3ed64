//! What the binary's tests share: a fresh directory, running a command with `--db`, and a plain
//! HTTP GET against a server they started.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_pathways");

/// A new empty directory under the system's temporary one.
pub fn temp(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let d = std::env::temp_dir().join(format!("pathways-cli-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `pathways ARGS --db DB`, with `stdin` written to it if given.
pub fn pathways(db: &Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    pathways_on(db.as_os_str(), args, stdin)
}

/// [`pathways`] on any `--db` value (a file, or a `postgres://` URL).
pub fn pathways_on(db: &std::ffi::OsStr, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// The whole response (status line, headers, body) to `GET path`, with extra header lines.
pub fn get(addr: &str, path: &str, headers: &[&str]) -> String {
    request(addr, "GET", path, headers, None)
}

/// The whole response to `METHOD path` with extra header lines and, if given, a JSON body.
pub fn request(addr: &str, method: &str, path: &str, headers: &[&str], json: Option<&str>) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    if let Some(body) = json {
        extra.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n{}",
        json.unwrap_or("")
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// Starts `pathways serve` on a free port, with options before (`global`) and after (`options`)
/// the command; returns the child and its address.
pub fn serve(db: &std::ffi::OsStr, global: &[&str], options: &[&str]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(global)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(options)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let addr = BufReader::new(stdout)
        .lines()
        .map(Result::unwrap)
        .find_map(|line| {
            line.split("serving on http://")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next().map(str::to_string))
        })
        .unwrap_or_else(|| panic!("the server printed no address"));
    (child, addr)
}

/// The PostgreSQL server the tests named `postgres_*` use (`run-tests` starts one), with a new
/// database of their own on it. Fails, loudly, when there is none.
pub fn postgres_database(name: &str) -> String {
    let Ok(base) = std::env::var("PATHWAYS_PG_URL") else {
        panic!(
            "PATHWAYS_PG_URL is not set: run ./run-tests, which starts a PostgreSQL cluster (scripts/test-postgres.sh), or skip these tests with --skip postgres"
        );
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let db = format!("{name}_{}_{nanos}", std::process::id());
    let made = Command::new("psql")
        .arg(&base)
        .args(["-v", "ON_ERROR_STOP=1", "-q", "-c", &format!("CREATE DATABASE {db}")])
        .output()
        .unwrap_or_else(|e| panic!("psql could not run ({e}): apt-get install postgresql-client"));
    assert!(
        made.status.success(),
        "could not create {db} on {base}: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{db}")
}

/// The body of an HTTP response.
pub fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// What a finished command printed, standard output then standard error.
pub fn said(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
