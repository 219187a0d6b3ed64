//! What the deployment's operators and their tools ask the server, beside the users' pages:
//! `/healthz` (the process answers), `/readyz` (and its database does: what a load balancer or
//! an orchestrator asks before sending traffic) and `/metrics` (the Prometheus text format, see
//! [`metrics`]), and the middleware that counts every request.
//!
//! `/metrics` tells the server's traffic by route: it answers a scraper that presents the
//! configured token (`--metrics-token`) and, when none is configured, a client on the same host
//! that did not come through a proxy (no `Forwarded`/`X-Forwarded-For`); anyone else gets 404.

pub mod metrics;

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::routes::Routes;

pub use metrics::Telemetry;

pub fn routes() -> Routes {
    Routes::new()
        .get("/healthz", healthz)
        .get("/readyz", readyz)
        .get("/metrics", prometheus)
}

async fn healthz() -> &'static str {
    "ok"
}

/// 200 `ready` when the database answers a query; 503 with the reason otherwise.
async fn readyz(State(s): State<AppState>) -> Response {
    match s.app.ready().await {
        Ok(()) => "ready\n".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: the database does not answer\n",
            )
                .into_response()
        }
    }
}

async fn prometheus(
    State(s): State<AppState>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
) -> Response {
    if !may_scrape(s.metrics_token.as_deref(), peer.ok().map(|c| c.0), &headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let body = s.telemetry.render(&s.app.pools());
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// Whether a request may read the metrics: the token when one is configured (compared in
/// constant time), else a loopback client that no proxy forwarded.
fn may_scrape(token: Option<&str>, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    match token {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| constant_time_eq(given.as_bytes(), token.as_bytes())),
        None => {
            let proxied = headers.contains_key(header::FORWARDED) || headers.contains_key("x-forwarded-for");
            !proxied && peer.is_some_and(|p| p.ip().is_loopback())
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Counts each request by its route's pattern once it is answered.
pub async fn count(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let response = next.run(req).await;
    s.telemetry
        .request(&method, &route, response.status().as_u16(), started.elapsed());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(ip: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(ip.parse().unwrap(), 40000))
    }

    #[test]
    fn metrics_are_for_the_token_or_an_unproxied_local_client() {
        let none = HeaderMap::new();
        assert!(may_scrape(None, peer("127.0.0.1"), &none));
        assert!(may_scrape(None, peer("::1"), &none));
        assert!(!may_scrape(None, peer("10.0.0.5"), &none));
        assert!(!may_scrape(None, None, &none));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.9"));
        assert!(
            !may_scrape(None, peer("127.0.0.1"), &proxied),
            "a proxy on the host is not the host"
        );
        let mut bearer = HeaderMap::new();
        bearer.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret"));
        assert!(may_scrape(Some("s3cret"), peer("10.0.0.5"), &bearer));
        assert!(
            !may_scrape(Some("s3cret"), peer("127.0.0.1"), &none),
            "with a token, loopback alone is not enough"
        );
        let mut wrong = HeaderMap::new();
        wrong.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cre"));
        assert!(!may_scrape(Some("s3cret"), peer("127.0.0.1"), &wrong));
    }
}
