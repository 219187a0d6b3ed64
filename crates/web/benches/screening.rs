//! Screening at the scale of a busy permit authority: 100,000 cases imported into one economy
//! with their checks run (registers of employers and of a Country of Origin's agencies loaded),
//! then the case list filtered and a case's page, served by the router in process, one request
//! at a time (each a read of personal data, logged). Prints the import time and p50/p99 of each.
//!
//! Run: `cargo bench -p pathways-web --bench screening` (figures in bench/README.md). Under
//! `cargo test` it runs with 2,000 cases as a check that it works.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_app::domain::register::RegisterKind;
use pathways_web::{AppState, router};
use tower::ServiceExt;

fn full() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

const GIVEN: [&str; 12] = [
    "Ram", "Sita", "Bikash", "Md", "Abdul", "Rajesh", "Priya", "Imran", "Nimal", "Jose", "Aziz", "Mehmet",
];
const SURNAMES: [&str; 12] = [
    "Thapa", "Gurung", "Rahman", "Hossain", "Kumar", "Singh", "Khan", "Perera", "Santos", "Karimov", "Yilmaz", "Tamang",
];

/// A deterministic stream of numbers (the bench needs no statistical quality).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // PATHWAYS_BENCH_CASES sets another size (to see how the times grow).
    let n = std::env::var("PATHWAYS_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full() { 100_000 } else { 2_000 });
    let dir = std::env::temp_dir().join(format!("pathways-bench-screening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (app, _) = App::open(dir.join("b.db").to_str().unwrap(), None).await.unwrap();
    app.ensure_demo_users("a long bench password").await.unwrap();
    let officer = app.principal_by_email("officer-rs@demo").await.unwrap();
    let liaison = app.principal_by_email("coo-np@demo").await.unwrap();
    let mut employers = String::from("registration_number,name,status,employees\n");
    for i in 0..2_000 {
        let _ = writeln!(
            employers,
            "RS-{i:05},Employer {i} doo,{},{}",
            if i % 50 == 0 { "closed" } else { "active" },
            5 + i % 200
        );
    }
    app.load_register(
        &officer,
        RegisterKind::Employers,
        "RS",
        "employers.csv",
        employers.as_bytes(),
        false,
    )
    .await
    .unwrap();
    let mut agencies = String::from("licence,name,status,valid_from,valid_to\n");
    for i in 0..500 {
        let _ = writeln!(
            agencies,
            "NP-{i:04},Agency {i},{},2020-01-01,2030-12-31",
            if i % 40 == 0 { "banned" } else { "valid" }
        );
    }
    app.load_register(
        &liaison,
        RegisterKind::CooAgencies,
        "NP",
        "dofe.csv",
        agencies.as_bytes(),
        false,
    )
    .await
    .unwrap();

    let mut rng = Lcg(7);
    let mut csv = String::from(
        "given_name,surname,date_of_birth,sex,nationality,passport_number,employer,coo_agency,contract_end,application_date\n",
    );
    for i in 0..n {
        let _ = writeln!(
            csv,
            "{},{},{}-{:02}-{:02},{},NP,P{i:08},RS-{:05},NP-{:04},2028-12-31,2026-{:02}-{:02}",
            GIVEN[rng.next(12) as usize],
            SURNAMES[rng.next(12) as usize],
            1970 + rng.next(35),
            1 + rng.next(12),
            1 + rng.next(28),
            if rng.next(5) == 0 { "F" } else { "M" },
            rng.next(2_000),
            rng.next(520),
            1 + rng.next(11),
            1 + rng.next(28),
        );
    }
    let started = Instant::now();
    let imported = app
        .import_cases(&officer, "cases.csv", csv.as_bytes(), false, false)
        .await
        .unwrap();
    let import = started.elapsed();
    println!(
        "import of {} cases with checks: {:.2} s ({} flagged; {} bytes of CSV)",
        imported.cases,
        import.as_secs_f64(),
        imported.flagged,
        csv.len()
    );

    let token = app
        .issue_token(&pathways_app::auth::system("bench"), "officer-rs@demo", 1, "bench")
        .await
        .unwrap();
    let (sid, _) = app.start_session(&officer, 1).await.unwrap();
    let cookie = format!("pathways_session={sid}");
    let list = app
        .cases(
            &officer,
            &pathways_app::screening::cases::CaseQuery {
                limit: Some(500),
                ..Default::default()
            },
            pathways_app::screening::cases::Channel::Api,
        )
        .await
        .unwrap();
    let ids: Vec<String> = list.iter().map(|c| c.id.clone()).collect();
    let r =
        router(AppState::new(app, None, true).unwrap()).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 1))));
    let rounds = if full() { 500 } else { 20 };
    let filters = [
        "state=received&q=Thapa",
        "state=received&nationality=NP",
        "q=P00012345",
        "state=received&q=Rahman&offset=50",
    ];
    // Each filter on its own line, then all of them together (the figure the goal is about).
    let mut all = vec![];
    for (i, filter) in filters.iter().enumerate() {
        let path = format!("/api/v1/cases?{filter}&limit=50");
        let times = measure(&r, &token, &cookie, rounds / filters.len(), |_| path.clone()).await;
        report(&format!("  list {}", filter), &times, n);
        all.extend(times);
        if i + 1 == filters.len() {
            all.sort();
            report("case list, filtered (API, 50 a page)", &all, n);
        }
    }
    let times = measure(&r, &token, &cookie, rounds, |i| {
        format!("/screening/cases/{}", ids[i % ids.len()])
    })
    .await;
    report("case page (UI)", &times, n);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Serves `rounds` requests one at a time; their times, sorted.
async fn measure(
    r: &axum::Router,
    token: &str,
    cookie: &str,
    rounds: usize,
    path_of: impl Fn(usize) -> String,
) -> Vec<Duration> {
    let mut times = vec![];
    for i in 0..rounds {
        let req = Request::builder()
            .uri(path_of(i))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .body(Body::empty())
            .unwrap();
        let t = Instant::now();
        let res = r.clone().oneshot(req).await.unwrap();
        assert!(res.status().is_success(), "{}: {}", path_of(i), res.status());
        res.into_body().collect().await.unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    times
}

fn report(what: &str, sorted: &[Duration], n: usize) {
    println!(
        "{what:<40} p50 {:>6.1} ms  p99 {:>6.1} ms  ({} requests, {n} cases)",
        percentile(sorted, 0.5).as_secs_f64() * 1e3,
        percentile(sorted, 0.99).as_secs_f64() * 1e3,
        sorted.len()
    );
}
