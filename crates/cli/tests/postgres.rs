//! The binary on PostgreSQL: two servers on one database, where concurrent edits of one record
//! let exactly one win; `migrate --to` copying an embedded database with its verification; and
//! backups of a PostgreSQL database restoring into PostgreSQL and into SQLite. Every test here is
//! named `postgres_*` and needs the server `run-tests` starts (`PATHWAYS_PG_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::ffi::OsStr;
use std::sync::{Arc, Barrier};

use support::{body, get, pathways, pathways_on, postgres_database, request, said, serve, temp};

/// An administrator on `db` and a token of theirs for the API.
fn admin_token(db: &str) -> String {
    let db = OsStr::new(db);
    let add = pathways_on(
        db,
        &["user", "add", "admin@example.org", "--role", "admin"],
        Some("a long password 123\n"),
    );
    assert!(add.status.success(), "{}", said(&add));
    let token = pathways_on(db, &["user", "token", "admin@example.org"], None);
    assert!(token.status.success(), "{}", said(&token));
    String::from_utf8_lossy(&token.stdout).trim().to_string()
}

fn version_of(addr: &str, path: &str) -> i64 {
    let r = get(addr, path, &[]);
    let v: serde_json::Value = serde_json::from_str(body(&r)).unwrap_or_else(|e| panic!("{e}: {r}"));
    v["version"].as_i64().unwrap_or_else(|| panic!("no version in {v}"))
}

#[test]
fn postgres_two_servers_on_one_database_let_one_of_two_edits_win() {
    let db = postgres_database("two_servers");
    let token = admin_token(&db);
    let (mut a, addr_a) = serve(OsStr::new(&db), &[], &[]);
    let (mut b, addr_b) = serve(OsStr::new(&db), &[], &[]);
    let path = "/api/v1/institutions/rs-mup-foreigners";
    let version = version_of(&addr_a, path);
    assert_eq!(version_of(&addr_b, path), version, "both servers read the same record");

    // Both read version N; both save at once, each through its own server.
    let start = Arc::new(Barrier::new(2));
    let edits: Vec<_> = [
        (addr_a.clone(), "edited through A"),
        (addr_b.clone(), "edited through B"),
    ]
    .into_iter()
    .map(|(addr, text)| {
        let (start, token) = (start.clone(), token.clone());
        std::thread::spawn(move || {
            let patch = serde_json::json!({"version": version, "mandate": text}).to_string();
            start.wait();
            request(
                &addr,
                "PATCH",
                path,
                &[&format!("Authorization: Bearer {token}")],
                Some(&patch),
            )
        })
    })
    .collect();
    let answers: Vec<String> = edits.into_iter().map(|t| t.join().unwrap()).collect();
    let won: Vec<&String> = answers.iter().filter(|r| r.starts_with("HTTP/1.1 200")).collect();
    let lost: Vec<&String> = answers.iter().filter(|r| r.starts_with("HTTP/1.1 409")).collect();
    assert_eq!(
        (won.len(), lost.len()),
        (1, 1),
        "one wins, one gets the conflict: {answers:?}"
    );
    assert!(body(lost[0]).contains("version_conflict"), "{}", lost[0]);
    // The loser is shown the winner's record, and neither server lost the winning write.
    let winner = if won[0].contains("edited through A") {
        "edited through A"
    } else {
        "edited through B"
    };
    assert!(
        body(lost[0]).contains(winner),
        "the conflict carries the current record: {}",
        lost[0]
    );
    for addr in [&addr_a, &addr_b] {
        let r = get(addr, path, &[]);
        assert!(body(&r).contains(winner), "{r}");
        assert_eq!(version_of(addr, path), version + 1);
    }
    // The history (the audit log) holds the one change.
    let history = get(
        &addr_b,
        &format!("{path}/history"),
        &[&format!("Authorization: Bearer {token}")],
    );
    assert_eq!(body(&history).matches(winner).count(), 1, "{history}");
    a.kill().unwrap();
    b.kill().unwrap();
}

#[test]
fn postgres_migrate_to_copies_an_embedded_database_and_verifies_it() {
    let dir = temp("migrate-to");
    let file = dir.join("p.db");
    let add = pathways(
        &file,
        &["user", "add", "admin@example.org", "--role", "admin"],
        Some("a long password 123\n"),
    );
    assert!(add.status.success(), "{}", said(&add));
    let url = postgres_database("migrate_to");
    let url_with_password = url.replacen("pathways@", "pathways:not-shown@", 1);

    let out = pathways(&file, &["migrate", "--to", &url_with_password], None);
    let text = said(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("every count and the audit log verified"), "{text}");
    assert!(text.contains("same as the source"), "{text}");
    assert!(!text.contains("not-shown"), "the password is never printed: {text}");
    let table = |name: &str| {
        text.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|n| n.len() == 3 && n[0] == name)
            .unwrap_or_else(|| panic!("no row for {name}: {text}"))
    };
    for name in ["users", "records", "audit", "cases"] {
        let n = table(name);
        assert_eq!(n[1], n[2], "{name}: {text}");
    }
    assert_ne!(table("records")[1], "0", "the reference data went too");
    // The copy serves: the administrator signs in there and the migration is in its audit log.
    let token = pathways_on(OsStr::new(&url), &["user", "token", "admin@example.org"], None);
    assert!(token.status.success(), "{}", said(&token));
    let token = String::from_utf8_lossy(&token.stdout).trim().to_string();
    let (mut server, addr) = serve(OsStr::new(&url), &[], &[]);
    let audit = get(&addr, "/api/v1/audit", &[&format!("Authorization: Bearer {token}")]);
    assert!(body(&audit).contains("system.migrate"), "{audit}");
    assert!(
        body(&audit).contains("user.create") || body(&audit).contains("admin@example.org"),
        "{audit}"
    );
    server.kill().unwrap();

    // A second copy into a database with data is refused, and changes nothing…
    let again = pathways(&file, &["migrate", "--to", &url], None);
    assert!(!again.status.success());
    assert!(said(&again).contains("--replace"), "{}", said(&again));
    // …unless asked, and then what was there is kept in a file first.
    let replaced = pathways(&file, &["migrate", "--to", &url, "--replace"], None);
    let text = said(&replaced);
    assert!(replaced.status.success(), "{text}");
    let kept = text
        .lines()
        .find_map(|l| l.split(" is kept in ").nth(1))
        .unwrap_or_else(|| panic!("no kept file named: {text}"));
    assert!(std::path::Path::new(kept).exists(), "{kept}");
}

#[test]
fn postgres_a_backup_restores_into_postgres_and_into_sqlite() {
    let url = postgres_database("backup_from");
    admin_token(&url);
    let dir = temp("pg-backup");
    let copy = dir.join("copy.db");
    let out = pathways_on(OsStr::new(&url), &["backup", "--out", copy.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("integrity check ok"), "{}", said(&out));

    // Into a new PostgreSQL database: every table verified.
    let into = postgres_database("restore_into");
    let restored = pathways_on(OsStr::new(&into), &["restore", copy.to_str().unwrap()], None);
    let text = said(&restored);
    assert!(restored.status.success(), "{text}");
    assert!(text.contains("same as the source"), "{text}");
    let users = pathways_on(OsStr::new(&into), &["user", "list"], None);
    assert!(said(&users).contains("admin@example.org"), "{}", said(&users));
    // Again, into the same database: refused without --replace.
    let again = pathways_on(OsStr::new(&into), &["restore", copy.to_str().unwrap()], None);
    assert!(!again.status.success(), "{}", said(&again));

    // Into a SQLite file: the backup is one.
    let file = dir.join("restored.db");
    let restored = pathways(&file, &["restore", copy.to_str().unwrap()], None);
    assert!(restored.status.success(), "{}", said(&restored));
    let users = pathways(&file, &["user", "list"], None);
    assert!(said(&users).contains("admin@example.org"), "{}", said(&users));
}
