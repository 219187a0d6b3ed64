//! The server's own counters for its operators, written in the Prometheus text format: requests
//! by method, route and status class with their latencies, the database pools' use, and the
//! background jobs' runs. Kept in memory since the process started (Prometheus computes rates).
//!
//! Invariant: a route is the router's pattern (`/screening/cases/{id}`), never the path asked
//! for, so the number of series stays bounded whatever addresses clients try.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pathways_app::PoolUse;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Requests of one method and route.
#[derive(Debug, Default, Clone)]
struct Series {
    /// Answers by status class (`2xx` …).
    by_status: BTreeMap<&'static str, u64>,
    /// Requests at or under each bucket's bound (not cumulative here; summed when written).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// A background job's runs.
#[derive(Debug, Default, Clone)]
struct Job {
    ok: u64,
    failed: u64,
    last: Option<f64>,
}

/// What the server counts. Cheap to share (`Arc`); every method takes `&self`.
#[derive(Debug)]
pub struct Telemetry {
    started: f64,
    requests: Mutex<BTreeMap<(String, String), Series>>,
    jobs: Mutex<BTreeMap<&'static str, Job>>,
}

impl Default for Telemetry {
    fn default() -> Self {
        Telemetry {
            started: unix_now(),
            requests: Mutex::default(),
            jobs: Mutex::default(),
        }
    }
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// A metric family's `# HELP` and `# TYPE` lines.
fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value as the text format wants it: backslash, quote and newline escaped.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

impl Telemetry {
    /// Counts one answered request.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let secs = took.as_secs_f64();
        let mut all = self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let s = all.entry((method.to_string(), route.to_string())).or_default();
        *s.by_status.entry(class(status)).or_default() += 1;
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            s.buckets[i] += 1;
        }
        s.count += 1;
        s.sum += secs;
    }

    /// Counts one run of the background job `job`.
    pub fn job(&self, job: &'static str, ok: bool) {
        let mut all = self.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let j = all.entry(job).or_default();
        if ok {
            j.ok += 1;
        } else {
            j.failed += 1;
        }
        j.last = Some(unix_now());
    }

    /// Everything counted, and the pools' use now, in the Prometheus text format (0.0.4).
    pub fn render(&self, pools: &[PoolUse]) -> String {
        let mut out = String::new();
        family(
            &mut out,
            "pathways_build_info",
            "gauge",
            "The running version of Pathways.",
        );
        let _ = writeln!(
            out,
            "pathways_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        family(
            &mut out,
            "pathways_start_time_seconds",
            "gauge",
            "When the server started, in Unix time.",
        );
        let _ = writeln!(out, "pathways_start_time_seconds {:.3}", self.started);
        self.render_requests(&mut out);
        family(
            &mut out,
            "pathways_db_connections",
            "gauge",
            "Database connections open, by pool and state.",
        );
        for p in pools {
            let _ = writeln!(
                out,
                "pathways_db_connections{{pool=\"{}\",state=\"idle\"}} {}",
                p.pool, p.idle
            );
            let _ = writeln!(
                out,
                "pathways_db_connections{{pool=\"{}\",state=\"in_use\"}} {}",
                p.pool,
                p.open.saturating_sub(p.idle)
            );
        }
        family(
            &mut out,
            "pathways_db_connections_max",
            "gauge",
            "The most connections a pool opens.",
        );
        for p in pools {
            let _ = writeln!(out, "pathways_db_connections_max{{pool=\"{}\"}} {}", p.pool, p.max);
        }
        self.render_jobs(&mut out);
        out
    }

    fn render_requests(&self, out: &mut String) {
        let all = self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        family(
            out,
            "pathways_http_requests_total",
            "counter",
            "Requests answered, by method, route and status class.",
        );
        for ((method, route), s) in &all {
            for (status, n) in &s.by_status {
                let _ = writeln!(
                    out,
                    "pathways_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                    label(method),
                    label(route)
                );
            }
        }
        family(
            out,
            "pathways_http_request_duration_seconds",
            "histogram",
            "Time to answer a request, by method and route.",
        );
        for ((method, route), s) in &all {
            let labels = format!("method=\"{}\",route=\"{}\"", label(method), label(route));
            let name = "pathways_http_request_duration_seconds";
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                cumulative += n;
                let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
            }
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(out, "{name}_sum{{{labels}}} {:.6}", s.sum);
            let _ = writeln!(out, "{name}_count{{{labels}}} {}", s.count);
        }
    }

    fn render_jobs(&self, out: &mut String) {
        let jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        family(
            out,
            "pathways_job_runs_total",
            "counter",
            "Runs of the background jobs, by job and outcome.",
        );
        for (job, j) in &jobs {
            let _ = writeln!(out, "pathways_job_runs_total{{job=\"{job}\",outcome=\"ok\"}} {}", j.ok);
            let _ = writeln!(
                out,
                "pathways_job_runs_total{{job=\"{job}\",outcome=\"failed\"}} {}",
                j.failed
            );
        }
        family(
            out,
            "pathways_job_last_run_seconds",
            "gauge",
            "When a job last ran, in Unix time.",
        );
        for (job, j) in &jobs {
            if let Some(t) = j.last {
                let _ = writeln!(out, "pathways_job_last_run_seconds{{job=\"{job}\"}} {t:.3}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_and_class_with_cumulative_buckets() {
        let t = Telemetry::default();
        t.request("GET", "/map", 200, Duration::from_millis(3));
        t.request("GET", "/map", 200, Duration::from_millis(40));
        t.request("GET", "/map", 404, Duration::from_secs(20));
        t.job("mail", true);
        t.job("mail", false);
        let text = t.render(&[PoolUse {
            pool: "read",
            open: 3,
            idle: 1,
            max: 4,
        }]);
        assert!(text.contains("pathways_http_requests_total{method=\"GET\",route=\"/map\",status=\"2xx\"} 2\n"));
        assert!(text.contains("pathways_http_requests_total{method=\"GET\",route=\"/map\",status=\"4xx\"} 1\n"));
        assert!(text.contains("le=\"0.005\"} 1\n"), "{text}");
        assert!(text.contains("le=\"0.05\"} 2\n"), "{text}");
        // Slower than the last bound: only in +Inf.
        assert!(text.contains("le=\"10\"} 2\n"), "{text}");
        assert!(text.contains("le=\"+Inf\"} 3\n"), "{text}");
        assert!(text.contains("pathways_db_connections{pool=\"read\",state=\"in_use\"} 2\n"));
        assert!(text.contains("pathways_job_runs_total{job=\"mail\",outcome=\"failed\"} 1\n"));
        // Every sample line is `name{labels} value` or `name value`.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap_or_default();
            assert!(value.parse::<f64>().is_ok(), "{line}");
        }
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
