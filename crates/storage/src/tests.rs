//! Storage tests on a real database: in-memory SQLite, or PostgreSQL when
//! `PATHWAYS_TEST_POSTGRES` names a server (see `run-tests`).

use super::*;
use serde_json::{Value, json};
use sqlx::any::AnyPoolOptions;
use store::upgrade_user_roles;

/// Whether the database refuses `sql`; the transaction stays usable either way, as after the
/// store's own refusable statements.
async fn refused(tx: &mut Tx, sql: &str) -> bool {
    tx.refusable(sqlx::query(sql), "row").await.is_err()
}

#[test]
fn a_database_url_is_shown_without_its_password() {
    assert_eq!(
        Backend::shown("postgres://app:s3cret@db.example:5432/pathways?sslmode=require"),
        "postgres://app:***@db.example:5432/pathways?sslmode=require"
    );
    assert_eq!(Backend::shown("postgres://app@db/p"), "postgres://app@db/p");
    assert_eq!(Backend::shown("data/pathways.db"), "data/pathways.db");
    assert_eq!(Backend::of("postgresql://x/y"), Backend::Postgres);
}

async fn store_with(records: &[(&str, &str, &str, Value)]) -> Store {
    let store = Store::memory().await.unwrap();
    let mut tx = store.write().await.unwrap();
    for (id, kind, owner, body) in records {
        tx.insert_record(&NewRecord {
            id,
            kind,
            owner: Some(owner),
            natural_key: None,
            body,
            origin: "reference",
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    store
}

#[tokio::test]
async fn update_refuses_a_stale_version_and_keeps_the_newer_body() {
    let store = store_with(&[("a", "institution", "RS", json!({"name": "A"}))]).await;
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        tx.update_record("a", 1, Some("RS"), None, &json!({"name": "B"}))
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        tx.update_record("a", 1, Some("RS"), None, &json!({"name": "C"}))
            .await
            .unwrap(),
        None
    );
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let rec = r.record("a").await.unwrap().unwrap();
    assert_eq!((rec.version, rec.body["name"].as_str()), (2, Some("B")));
}

#[tokio::test]
async fn rollback_on_drop_leaves_nothing() {
    let store = store_with(&[]).await;
    {
        let mut tx = store.write().await.unwrap();
        tx.insert_record(&NewRecord {
            id: "x",
            kind: "institution",
            owner: Some("AL"),
            natural_key: None,
            body: &json!({}),
            origin: "user",
        })
        .await
        .unwrap();
        tx.append_audit(&NewAudit {
            actor_email: "t".into(),
            action: "create".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    let mut r = store.read().await.unwrap();
    assert!(r.record("x").await.unwrap().is_none());
    assert!(r.audit(&AuditQuery::default()).await.unwrap().is_empty());
}

#[tokio::test]
async fn natural_keys_are_unique_among_live_records() {
    let store = store_with(&[]).await;
    let mut tx = store.write().await.unwrap();
    let body = json!({});
    let rec = |id| NewRecord {
        id,
        kind: "observation",
        owner: Some("RS"),
        natural_key: Some("k"),
        body: &body,
        origin: "import",
    };
    tx.insert_record(&rec("o1")).await.unwrap();
    assert!(matches!(
        tx.insert_record(&rec("o2")).await,
        Err(StorageError::Duplicate { .. })
    ));
    tx.delete_record("o1", 1).await.unwrap();
    tx.insert_record(&rec("o3")).await.unwrap();
}

#[tokio::test]
async fn filters_match_scalars_arrays_owner_and_text() {
    let store = store_with(&[
        (
            "i1",
            "institution",
            "RS",
            json!({"name": "Border Police", "stages": ["entry", "exit"]}),
        ),
        (
            "i2",
            "institution",
            "RS",
            json!({"name": "Employment Service", "stages": ["demand"]}),
        ),
        ("i3", "institution", "AL", json!({"name": "AKPA", "stages": ["demand"]})),
    ])
    .await;
    let mut r = store.read().await.unwrap();
    let ids = |v: Vec<StoredRecord>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let q = RecordQuery {
        kind: "institution".into(),
        fields: vec![("stages".into(), "demand".into())],
        ..Default::default()
    };
    assert_eq!(ids(r.records(&q).await.unwrap()), ["i3", "i2"]);
    let q = RecordQuery {
        owner: Some("RS".into()),
        ..q
    };
    assert_eq!(ids(r.records(&q).await.unwrap()), ["i2"]);
    let q = RecordQuery {
        kind: "institution".into(),
        text: Some("police".into()),
        ..Default::default()
    };
    assert_eq!(ids(r.records(&q).await.unwrap()), ["i1"]);
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    let store = store_with(&[]).await;
    let mut tx = store.write().await.unwrap();
    tx.append_audit(&NewAudit {
        actor_email: "a@b".into(),
        action: "update".into(),
        entity_id: Some("e".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(refused(&mut tx, "UPDATE audit SET action = 'x'").await);
    assert!(refused(&mut tx, "DELETE FROM audit").await);
}

#[tokio::test]
async fn emails_are_unique_regardless_of_case() {
    let store = store_with(&[]).await;
    let mut tx = store.write().await.unwrap();
    let u = |id: &str, email: &str| User {
        id: id.into(),
        email: email.into(),
        role: "viewer".into(),
        economy: None,
        password_hash: None,
        created_at: now(),
        disabled: false,
        locale: None,
    };
    tx.insert_user(&u("1", "a@x.org")).await.unwrap();
    assert!(matches!(
        tx.insert_user(&u("2", "A@X.org")).await,
        Err(StorageError::Duplicate { .. })
    ));
}

/// Issue 15: a token stops at its expiry and at its revocation, and with its user.
#[tokio::test]
async fn tokens_stop_when_expired_revoked_or_their_user_is_disabled() {
    let store = store_with(&[]).await;
    let mut tx = store.write().await.unwrap();
    tx.insert_user(&User {
        id: "u".into(),
        email: "u@x.org".into(),
        role: "viewer".into(),
        economy: None,
        password_hash: None,
        created_at: now(),
        disabled: false,
        locale: None,
    })
    .await
    .unwrap();
    for (id, hash, expires) in [
        ("old", "h-old", "2020-01-01T00:00:00Z"),
        ("live", "h-live", "2999-01-01T00:00:00Z"),
    ] {
        tx.insert_token(&NewToken {
            id,
            user_id: "u",
            token_hash: hash,
            expires_at: expires,
            label: "t",
        })
        .await
        .unwrap();
    }
    let at = now();
    assert!(tx.user_by_token("h-old", &at).await.unwrap().is_none(), "expired");
    let (user, id, used) = tx.user_by_token("h-live", &at).await.unwrap().unwrap();
    assert_eq!((user.id.as_str(), id.as_str(), used), ("u", "live", None));
    assert!(tx.touch_token("live", &at, &at).await.unwrap());
    assert!(
        !tx.touch_token("live", &at, &at).await.unwrap(),
        "once a minute at most"
    );
    tx.set_user_disabled("u", true).await.unwrap();
    assert!(
        tx.user_by_token("h-live", &at).await.unwrap().is_none(),
        "disabled user"
    );
    tx.set_user_disabled("u", false).await.unwrap();
    assert!(tx.revoke_token("live", &at).await.unwrap());
    assert!(tx.user_by_token("h-live", &at).await.unwrap().is_none(), "revoked");
    let listed = tx.tokens("u").await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|t| t.id == "live" && t.revoked_at.is_some()));
}

/// The codes a column's CHECK constraint allows, read from the migrations.
fn allowed(column: &str, table_sql: &str) -> Vec<String> {
    let at = table_sql
        .find(&format!("CHECK ({column} IN ("))
        .unwrap_or_else(|| panic!("no CHECK on {column}"));
    let rest = &table_sql[at..];
    let list = &rest[rest.find("IN (").unwrap() + 4..rest.find(")").unwrap()];
    list.split(',')
        .map(|c| c.trim().trim_matches('\'').to_string())
        .collect()
}

/// Issue 16: the enums code branches on keep the text codes the database has always stored, so no
/// data migration is needed and no stored row fails to read.
#[test]
fn state_enums_have_exactly_the_codes_the_database_allows() {
    use pathways_domain::states::{
        ExercisePart, ExerciseStatus, FindingStatus, LinkPurpose, ResponseState, RoundState,
    };
    let rounds = include_str!("../migrations/0002_questionnaires.sql");
    let (round_table, response_table) = rounds.split_at(rounds.find("CREATE TABLE responses").unwrap());
    assert_eq!(allowed("state", round_table), RoundState::CODES);
    assert_eq!(allowed("state", response_table), ResponseState::CODES);
    let roadmap = include_str!("../migrations/0005_roadmap.sql");
    let (exercises, rest) = roadmap.split_at(roadmap.find("CREATE TABLE exercise_participants").unwrap());
    assert_eq!(allowed("status", exercises), ExerciseStatus::CODES);
    assert_eq!(allowed("role", rest), ["delegate", "observer"]);
    assert!(
        ["delegate", "observer"]
            .iter()
            .all(|c| c.parse::<ExercisePart>().is_ok())
    );
    let links = include_str!("../migrations/0007_password_links.sql");
    assert_eq!(allowed("purpose", links), LinkPurpose::CODES);
    let findings = include_str!("../migrations/0004_findings.sql");
    for code in allowed("status", findings) {
        assert!(
            code.parse::<FindingStatus>().is_ok_and(|s| s.as_str() == code),
            "{code}"
        );
    }
    // Issue 21: the person registers and the states of a suggested link.
    use pathways_domain::identity::{LinkState, PersonRecordKind};
    let identity = include_str!("../migrations/0018_identity.sql");
    let (imports, rest) = identity.split_at(identity.find("CREATE TABLE person_records").unwrap());
    let (records, links) = rest.split_at(rest.find("CREATE TABLE identity_links").unwrap());
    assert_eq!(allowed("kind", imports), PersonRecordKind::CODES);
    assert_eq!(allowed("kind", records), PersonRecordKind::CODES);
    assert_eq!(allowed("state", links), LinkState::CODES);
}

/// Issue 20: the users table widened to the screening roles keeps every user and every row that
/// references one (a cascade would have deleted tokens and sessions), runs once, and allows
/// exactly the roles the domain knows.
#[tokio::test]
async fn widening_the_roles_keeps_users_and_what_references_them() {
    let name = format!(
        "sqlite:file:mem-{}?mode=memory&cache=shared",
        uuid::Uuid::new_v4().simple()
    );
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .connect(&name)
        .await
        .unwrap();
    // The schema as it was: migrations only, the narrow CHECK.
    sqlx::migrate!("./migrations").run(&pool).await.unwrap();
    let now = "2026-12-06T00:00:00Z";
    sqlx::query(
        "INSERT INTO users (id, email, role, economy, created_at) VALUES ('u1', 'fp@x.org', 'focal-point', 'RS', $1)",
    )
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES ('t1', 'u1', 'h', $1)")
        .bind(now)
        .execute(&pool)
        .await
        .unwrap();
    let officer = "INSERT INTO users (id, email, role, economy, created_at) VALUES ('u2', 'co@x.org', 'case-officer', 'RS', '2026')";
    assert!(
        sqlx::query(officer).execute(&pool).await.is_err(),
        "the narrow CHECK refuses it"
    );

    upgrade_user_roles(&pool).await.unwrap();
    upgrade_user_roles(&pool).await.unwrap();
    let tokens: i64 = sqlx::query_scalar("SELECT count(*) FROM api_tokens WHERE user_id = 'u1'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(tokens, 1, "the token survives the rebuild");
    sqlx::query(officer).execute(&pool).await.unwrap();
    let liaison_without_country =
        "INSERT INTO users (id, email, role, created_at) VALUES ('u3', 'coo@x.org', 'coo-liaison', '2026')";
    assert!(sqlx::query(liaison_without_country).execute(&pool).await.is_err());
    // References still hold: a token for a missing user is refused, and deleting a user cascades.
    assert!(
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES ('t2', 'nobody', 'h2', '2026')"
        )
        .execute(&pool)
        .await
        .is_err()
    );
    sqlx::query("DELETE FROM users WHERE id = 'u1'")
        .execute(&pool)
        .await
        .unwrap();
    let tokens: i64 = sqlx::query_scalar("SELECT count(*) FROM api_tokens")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(tokens, 0);

    let sql = include_str!("../upgrades/users_roles.sql");
    let roles: Vec<&str> = pathways_domain::Role::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(allowed("role", sql), roles);
}

/// A case of Serbia at version 1.
fn a_case(state: pathways_domain::screening::CaseState, fields: Value) -> StoredCase {
    StoredCase {
        id: "c1".into(),
        economy: "RS".into(),
        state,
        fields,
        checks: json!([]),
        decision: None,
        synthetic: false,
        version: 1,
        created_by: "co@x".into(),
        created_at: now(),
        updated_at: now(),
        keys: Default::default(),
        purged_at: None,
    }
}

/// Issue 20: a case's states are the domain's, its versions and read log are append-only, and a
/// read names the case, the reader and the door.
#[tokio::test]
async fn cases_keep_their_versions_and_reads() {
    use pathways_domain::screening::CaseState;
    let sql = include_str!("../migrations/0008_cases.sql");
    assert_eq!(allowed("state", sql), CaseState::CODES);
    let store = Store::memory().await.unwrap();
    let mut tx = store.write().await.unwrap();
    let c = a_case(CaseState::Received, json!({"surname": "Tamang"}));
    tx.insert_case(&c).await.unwrap();
    tx.log_case_read(&c, "u1", "co@x", "api").await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    let got = tx.case("c1").await.unwrap().unwrap();
    assert_eq!(
        (got.state, got.version, got.fields["surname"].as_str()),
        (CaseState::Received, 1, Some("Tamang"))
    );
    let all = crate::CaseFilter {
        state: None,
        passport: None,
        name: None,
        nationality: None,
        limit: 10,
        offset: 0,
    };
    assert_eq!(tx.cases_of("RS", &all).await.unwrap().len(), 1);
    assert!(tx.cases_of("AL", &all).await.unwrap().is_empty());
    let by_state = crate::CaseFilter {
        state: Some(CaseState::Closed),
        ..all.clone()
    };
    assert!(tx.cases_of("RS", &by_state).await.unwrap().is_empty());
    let reads = tx.case_reads("c1").await.unwrap();
    assert_eq!((reads[0].email.as_str(), reads[0].channel.as_str()), ("co@x", "api"));
    for update in [
        "UPDATE case_versions SET fields = '{}'",
        "UPDATE case_reads SET email = 'someone@else'",
    ] {
        assert!(refused(&mut tx, update).await, "{update}");
    }
}

/// Issue 20: a request's subjects and outcomes are the domain's, and an answer is given once.
#[tokio::test]
async fn a_verification_request_is_answered_once() {
    use pathways_domain::screening::{CaseState, VerificationOutcome, VerificationSubject};
    let sql = include_str!("../migrations/0009_verification.sql");
    assert_eq!(allowed("subject", sql), VerificationSubject::CODES);
    assert_eq!(allowed("outcome", sql), VerificationOutcome::CODES);
    let store = Store::memory().await.unwrap();
    let mut tx = store.write().await.unwrap();
    let c = a_case(CaseState::Screening, json!({}));
    tx.insert_case(&c).await.unwrap();
    assert!(tx.move_case("c1", 1, CaseState::AwaitingCoo, "co@x").await.unwrap());
    assert!(
        !tx.move_case("c1", 1, CaseState::Screening, "co@x").await.unwrap(),
        "a stale version moves nothing"
    );
    tx.insert_request(&StoredRequest {
        id: "r1".into(),
        case_id: "c1".into(),
        economy: "RS".into(),
        country: "NP".into(),
        subject: VerificationSubject::Identity,
        question: String::new(),
        excerpt: json!({"name": "S T"}),
        due: "2099-01-01".into(),
        outcome: None,
        comment: None,
        answered_by: None,
        answered_at: None,
        created_by: "co@x".into(),
        created_at: now(),
        to_economy: None,
    })
    .await
    .unwrap();
    assert!(tx.answer_request("r1", "confirmed", "ok", "np@x").await.unwrap());
    assert!(!tx.answer_request("r1", "not_confirmed", "no", "np@x").await.unwrap());
    assert!(
        refused(&mut tx, "UPDATE verification_requests SET outcome = 'not_confirmed'").await,
        "the trigger keeps the first answer"
    );
    assert_eq!(tx.requests_where(RequestsBy::Country, "NP").await.unwrap().len(), 1);
    assert!(tx.requests_where(RequestsBy::Country, "BD").await.unwrap().is_empty());
    let versions: i64 = sqlx::query_scalar("SELECT count(*) FROM case_versions WHERE case_id = 'c1'")
        .fetch_one(&mut *tx.tx)
        .await
        .unwrap();
    assert_eq!(versions, 2, "the move is in the history");
}

/// Issue 20: the registers' kinds and statuses are the domain's; a register is replaced whole, its
/// numbers and names kept as keys (the checks find an entry by either, `app::screening::checks`).
#[tokio::test]
async fn registers_are_replaced_whole_with_their_keys() {
    use pathways_domain::register::{EmployerStatus, RegisterKind, key};
    use pathways_domain::screening::LicenceStatus;
    let sql = include_str!("../migrations/0010_registers.sql");
    let (imports, rest) = sql.split_at(sql.find("CREATE TABLE employers").unwrap());
    let (employers, agencies) = rest.split_at(rest.find("CREATE TABLE agencies").unwrap());
    assert_eq!(allowed("kind", imports), RegisterKind::CODES);
    assert_eq!(allowed("status", employers), EmployerStatus::CODES);
    assert_eq!(allowed("status", agencies), LicenceStatus::CODES);

    let store = Store::memory().await.unwrap();
    let import = |id: &str| crate::RegisterImport {
        id: id.into(),
        kind: RegisterKind::CooAgencies,
        scope: "NP".into(),
        file: "dofe.csv".into(),
        sha256: "0".into(),
        rows: 1,
        synthetic: false,
        imported_by: "co@x".into(),
        imported_at: now(),
    };
    let agency = |licence: &str, name: &str| crate::StoredAgency {
        kind: RegisterKind::CooAgencies,
        scope: "NP".into(),
        key: key(licence),
        licence: licence.into(),
        name: name.into(),
        name_key: key(name),
        status: LicenceStatus::Valid,
        valid_from: String::new(),
        valid_to: String::new(),
    };
    let mut tx = store.write().await.unwrap();
    assert!(tx.last_import(RegisterKind::CooAgencies, "NP").await.unwrap().is_none());
    tx.replace_agencies(&import("r1"), &[agency("1042/079", "Everest Manpower")])
        .await
        .unwrap();
    let names = |list: Vec<crate::StoredAgency>| list.into_iter().map(|a| a.name).collect::<Vec<_>>();
    let first = tx.agencies_of(RegisterKind::CooAgencies, "NP").await.unwrap();
    assert_eq!(
        first[0].name_key,
        key("everest  manpower"),
        "names kept as keys, whatever the spelling"
    );
    tx.replace_agencies(&import("r2"), &[agency("7", "Himal HR")])
        .await
        .unwrap();
    assert_eq!(
        names(tx.agencies_of(RegisterKind::CooAgencies, "NP").await.unwrap()),
        ["Himal HR"],
        "replaced whole"
    );
    assert!(
        tx.agencies_of(RegisterKind::CooAgencies, "BD")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        tx.last_import(RegisterKind::CooAgencies, "NP")
            .await
            .unwrap()
            .unwrap()
            .id,
        "r2"
    );
}

/// Issue 23: two servers on one PostgreSQL database. A change committed through one counts as a
/// write in the other (whose page cache must then be emptied), once; a server's own change counts
/// once in itself. Needs the server `run-tests` starts (`PATHWAYS_PG_URL`).
#[tokio::test]
async fn postgres_a_write_through_one_server_is_counted_by_the_other() {
    let url = std::env::var("PATHWAYS_PG_URL")
        .unwrap_or_else(|_| panic!("PATHWAYS_PG_URL is not set: run ./run-tests (or --skip postgres)"));
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let a = Store::postgres(&url, Some(&schema)).await.unwrap();
    let b = Store::postgres(&url, Some(&schema)).await.unwrap();
    let body = json!({"name": "x"});
    let mut tx = b.write().await.unwrap();
    tx.insert_record(&NewRecord {
        id: "r1",
        kind: "institution",
        owner: Some("RS"),
        natural_key: None,
        body: &body,
        origin: "user",
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut waited = 0;
    while a.writes() == 0 && waited < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(a.writes(), 1, "the other server heard the write");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(b.writes(), 1, "the writer counted its own write once");
    assert_eq!(a.writes(), 1);
    // And reads it: one database.
    assert!(a.read().await.unwrap().record("r1").await.unwrap().is_some());
}

/// Issue 23: the copy between backends names every table (a table it missed would be lost by
/// `migrate --to` and by a PostgreSQL backup), parents first.
#[tokio::test]
async fn the_copy_names_every_table_of_the_schema() {
    let store = Store::memory().await.unwrap();
    let mut tx = store.read().await.unwrap();
    let sql = match store.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'"
        }
    };
    let mut tables: Vec<String> = sqlx::query_scalar(sql).fetch_all(&mut *tx.tx).await.unwrap();
    tables.sort();
    let mut named: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
    named.sort();
    assert_eq!(named, tables);
}

/// Issue 23: both migrations make the same tables with the same columns (PostgreSQL adds `seq`
/// where SQLite's rowid orders rows), so that every query and the copy read either the same way.
#[tokio::test]
async fn postgres_both_schemas_have_the_same_columns() {
    let url = std::env::var("PATHWAYS_PG_URL")
        .unwrap_or_else(|_| panic!("PATHWAYS_PG_URL is not set: run ./run-tests (or --skip postgres)"));
    let lite = Store::sqlite(
        &format!(
            "sqlite:file:mem-{}?mode=memory&cache=shared",
            uuid::Uuid::new_v4().simple()
        ),
        false,
    )
    .await
    .unwrap();
    let pg = Store::postgres(&url, Some(&format!("t_{}", uuid::Uuid::new_v4().simple())))
        .await
        .unwrap();
    let (mut l, mut p) = (lite.read().await.unwrap(), pg.read().await.unwrap());
    for table in TABLES {
        let sqlite: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY name")
            .bind(*table)
            .fetch_all(&mut *l.tx)
            .await
            .unwrap();
        let postgres: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY 1",
        )
        .bind(*table)
        .fetch_all(&mut *p.tx)
        .await
        .unwrap();
        let postgres: Vec<String> = postgres
            .into_iter()
            .filter(|c| c != "seq" || !copy::STORED_ORDER.contains(table))
            .collect();
        assert_eq!(sqlite, postgres, "{table}");
    }
}
