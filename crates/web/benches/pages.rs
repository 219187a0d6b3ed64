//! How fast the pages people open most are served under load, compressed as a browser asks:
//! the router in process (no network), the shipped dataset in an in-memory store, several
//! clients at once. Prints p50/p99 per page and the compressed size.
//!
//! Run: `cargo bench -p pathways-web --bench pages` (figures in bench/README.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use pathways_app::App;
use pathways_web::{AppState, router};
use tower::ServiceExt;

const CLIENTS: usize = 16;
/// Requests per page under `cargo bench`; `cargo test` runs the benchmark too (without
/// `--bench`), as a quick check that it works, with a handful.
fn requests() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        2_000
    } else {
        64
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let app = App::in_memory().await.unwrap();
    app.ensure_demo_users("a long bench password").await.unwrap();
    let r =
        router(AppState::new(app, None, true).unwrap()).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 1))));
    for path in ["/economies/RS", "/economies/XK", "/", "/institutions", "/observations"] {
        // One request first: the size, and the caches warm.
        let get = || {
            Request::builder()
                .uri(path)
                .header(header::ACCEPT_ENCODING, "br, gzip")
                .body(Body::empty())
                .unwrap()
        };
        let first = r.clone().oneshot(get()).await.unwrap();
        let encoding = first
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap().to_string());
        let size = first.into_body().collect().await.unwrap().to_bytes().len();
        let started = Instant::now();
        let mut tasks = vec![];
        for _ in 0..CLIENTS {
            let r = r.clone();
            tasks.push(tokio::spawn(async move {
                let mut times = vec![];
                for _ in 0..requests() / CLIENTS {
                    let t = Instant::now();
                    let res = r
                        .clone()
                        .oneshot(
                            Request::builder()
                                .uri(path)
                                .header(header::ACCEPT_ENCODING, "br, gzip")
                                .body(Body::empty())
                                .unwrap(),
                        )
                        .await
                        .unwrap();
                    assert!(res.status().is_success(), "{path}: {}", res.status());
                    res.into_body().collect().await.unwrap();
                    times.push(t.elapsed());
                }
                times
            }));
        }
        let mut times: Vec<Duration> = vec![];
        for t in tasks {
            times.extend(t.await.unwrap());
        }
        let wall = started.elapsed();
        times.sort();
        println!(
            "{path:<16} p50 {:>6.1} ms  p99 {:>6.1} ms  {:>5.0} req/s  ({CLIENTS} clients, {} requests; {} bytes {})",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.len() as f64 / wall.as_secs_f64(),
            times.len(),
            size,
            encoding.as_deref().unwrap_or("uncompressed"),
        );
    }
}
