//! The operators' side of the binary: a backup taken while the server runs restores to the same
//! database (and says so in its audit log); a restore never destroys what was there; the server
//! answers `/readyz` and `/metrics`, the latter only to whom it should; logs can be JSON lines.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Read;
use std::path::Path;
use std::process::Child;

use support::{get, pathways, said, temp};

fn serve(db: &Path, global: &[&str], options: &[&str]) -> (Child, String) {
    support::serve(db.as_os_str(), global, options)
}

#[test]
fn a_backup_taken_while_serving_restores_the_same_database() {
    let dir = temp("backup");
    let db = dir.join("p.db");
    let add = pathways(
        &db,
        &["user", "add", "admin@example.org", "--role", "admin"],
        Some("a long password 123\n"),
    );
    assert!(add.status.success(), "{}", said(&add));
    let (mut server, addr) = serve(&db, &[], &[]);
    assert!(get(&addr, "/healthz", &[]).starts_with("HTTP/1.1 200"));

    let copy = dir.join("copy.db");
    let out = pathways(&db, &["backup", "--out", copy.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("integrity check ok"), "{}", said(&out));
    // A second backup to the same file is refused: nothing is overwritten.
    let again = pathways(&db, &["backup", "--out", copy.to_str().unwrap()], None);
    assert!(!again.status.success());
    assert!(said(&again).contains("exists already"), "{}", said(&again));
    server.kill().unwrap();
    server.wait().unwrap();

    // Restored into a new place: the same users.
    let restored = dir.join("restored.db");
    let out = pathways(&restored, &["restore", copy.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", said(&out));
    let users = pathways(&restored, &["user", "list"], None);
    assert!(said(&users).contains("admin@example.org"), "{}", said(&users));

    // Over an existing database: refused without --replace, and nothing changes.
    let before = std::fs::read(&restored).unwrap();
    let out = pathways(&restored, &["restore", copy.to_str().unwrap()], None);
    assert!(!out.status.success());
    assert!(said(&out).contains("--replace"), "{}", said(&out));
    assert_eq!(std::fs::read(&restored).unwrap(), before);
    // With --replace the old one is moved aside, not deleted.
    let out = pathways(&restored, &["restore", "--replace", copy.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", said(&out));
    let aside: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("restored.db.before-restore-") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");

    // The restore is in the restored database's audit log.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let entries = runtime.block_on(async {
        let (app, _) = pathways_app::App::open(restored.to_str().unwrap(), None).await.unwrap();
        let admin = pathways_app::auth::system("test");
        app.audit(&admin, &pathways_app::AuditQuery::default()).await.unwrap()
    });
    assert!(
        entries.iter().any(|e| e.entry.action == "system.restore"),
        "{:?}",
        entries.iter().map(|e| &e.entry.action).collect::<Vec<_>>()
    );
}

#[test]
fn a_restore_refuses_what_is_not_a_pathways_backup_and_changes_nothing() {
    let dir = temp("not-backup");
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"this is not a database").unwrap();
    let db = dir.join("p.db");
    let out = pathways(&db, &["restore", junk.to_str().unwrap()], None);
    assert!(!out.status.success());
    assert!(said(&out).contains("junk.db"), "{}", said(&out));
    assert!(!db.exists(), "no database was made from it");
    let missing = pathways(&db, &["restore", dir.join("nowhere.db").to_str().unwrap()], None);
    assert!(!missing.status.success());
    assert!(said(&missing).contains("nowhere.db"), "{}", said(&missing));
}

#[test]
fn readiness_and_metrics_answer_the_operators() {
    let dir = temp("metrics");
    let db = dir.join("p.db");
    let (mut server, addr) = serve(&db, &["--log-format", "json"], &[]);
    let ready = get(&addr, "/readyz", &[]);
    assert!(
        ready.starts_with("HTTP/1.1 200") && ready.ends_with("ready\n"),
        "{ready}"
    );
    let _ = get(&addr, "/api/v1/economies", &[]);
    let metrics = get(&addr, "/metrics", &[]);
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(metrics.contains("text/plain; version=0.0.4"), "{metrics}");
    assert!(
        metrics.contains("pathways_http_requests_total{method=\"GET\",route=\"/readyz\",status=\"2xx\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("pathways_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/economies\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("pathways_db_connections_max{pool=\"write\"} 1"),
        "{metrics}"
    );
    // Through a proxy, the same host is not enough.
    let proxied = get(&addr, "/metrics", &["X-Forwarded-For: 203.0.113.7"]);
    assert!(proxied.starts_with("HTTP/1.1 404"), "{proxied}");
    server.kill().unwrap();
    let mut stderr = String::new();
    server.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    server.wait().unwrap();
    // Every log line is one JSON object with a level and a message.
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty());
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["level"].is_string() && v.get("message").is_some(), "{line}");
    }

    // With a token, only the token opens /metrics.
    let (mut server, addr) = serve(&db, &[], &["--metrics-token", "scrape-me"]);
    assert!(get(&addr, "/metrics", &[]).starts_with("HTTP/1.1 404"));
    assert!(get(&addr, "/metrics", &["Authorization: Bearer scrape-me"]).starts_with("HTTP/1.1 200"));
    server.kill().unwrap();
    server.wait().unwrap();
}
