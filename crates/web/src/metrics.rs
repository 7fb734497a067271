//! Request metrics in the Prometheus text format at `/metrics`, for whoever holds the metrics
//! token: responses by status class, a duration histogram per route, requests in flight, both
//! writers' batches and the database pool.
//!
//! Figures are the process's own; a scraper reads each server process (they add up).

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mognad_app::platform::batching::{ANSWERS, CARDS, WriterStats};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

/// Upper bounds of the duration buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

#[derive(Default, Clone)]
struct Histogram {
    /// Observations at or under each bound (not cumulative here; summed when rendered).
    counts: [u64; BUCKETS.len() + 1],
    sum: f64,
}

#[derive(Default)]
pub struct Metrics {
    /// Responses by status class: 1xx … 5xx.
    by_class: [AtomicU64; 5],
    in_flight: AtomicU64,
    /// Durations by (method, route pattern).
    routes: Mutex<BTreeMap<(String, String), Histogram>>,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, secs: f64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Relaxed);
        let bucket = BUCKETS.iter().position(|b| secs <= *b).unwrap_or(BUCKETS.len());
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let h = routes.entry((method.to_owned(), route.to_owned())).or_default();
        h.counts[bucket] += 1;
        h.sum += secs;
    }

    pub fn render(&self, pool: (u32, usize)) -> String {
        let mut out = String::new();
        out.push_str("# HELP mognad_http_requests_total HTTP responses sent, by status class.\n");
        out.push_str("# TYPE mognad_http_requests_total counter\n");
        for (i, c) in self.by_class.iter().enumerate() {
            let _ = writeln!(
                out,
                "mognad_http_requests_total{{status=\"{}xx\"}} {}",
                i + 1,
                c.load(Relaxed)
            );
        }
        out.push_str(
            "# HELP mognad_http_request_duration_seconds Time spent answering requests, by route.\n",
        );
        out.push_str("# TYPE mognad_http_request_duration_seconds histogram\n");
        let routes = self.routes.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for ((method, route), h) in &routes {
            let labels = format!("method=\"{method}\",route=\"{}\"", route.replace('"', "'"));
            let mut cumulative = 0;
            for (i, bound) in BUCKETS.iter().enumerate() {
                cumulative += h.counts[i];
                let _ = writeln!(
                    out,
                    "mognad_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            cumulative += h.counts[BUCKETS.len()];
            let _ = writeln!(
                out,
                "mognad_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {cumulative}"
            );
            let _ = writeln!(
                out,
                "mognad_http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "mognad_http_request_duration_seconds_count{{{labels}}} {cumulative}"
            );
        }
        out.push_str("# HELP mognad_http_requests_in_flight Requests being answered now.\n");
        out.push_str("# TYPE mognad_http_requests_in_flight gauge\n");
        let _ = writeln!(
            out,
            "mognad_http_requests_in_flight {}",
            self.in_flight.load(Relaxed)
        );
        for (name, help, field) in [
            ("batches", "Transactions the writer committed or rolled back.", 0),
            (
                "jobs",
                "Writes the writer handled (answers, card creates and moves).",
                1,
            ),
            ("seconds", "Time the writer spent in its transactions.", 2),
        ] {
            let _ = writeln!(
                out,
                "# HELP mognad_writer_{name}_total {help}\n# TYPE mognad_writer_{name}_total counter"
            );
            for (writer, s) in [("answers", &ANSWERS), ("cards", &CARDS)] {
                let _ = writeln!(
                    out,
                    "mognad_writer_{name}_total{{writer=\"{writer}\"}} {}",
                    stat(s, field)
                );
            }
        }
        out.push_str("# HELP mognad_db_connections Connections of the database pool.\n");
        out.push_str("# TYPE mognad_db_connections gauge\n");
        let _ = writeln!(out, "mognad_db_connections{{state=\"open\"}} {}", pool.0);
        let _ = writeln!(out, "mognad_db_connections{{state=\"idle\"}} {}", pool.1);
        out.push_str("# HELP mognad_build_info The running version.\n# TYPE mognad_build_info gauge\n");
        let _ = writeln!(
            out,
            "mognad_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        out
    }
}

fn stat(s: &WriterStats, field: u8) -> String {
    match field {
        0 => s.batches.load(Relaxed).to_string(),
        1 => s.jobs.load(Relaxed).to_string(),
        _ => (s.micros.load(Relaxed) as f64 / 1e6).to_string(),
    }
}

/// Counts and logs every request. The log names the route pattern (`/r/{token}`), never the
/// path itself: paths carry respondents' link tokens, and a log must not link them to anything.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".into());
    state.metrics.in_flight.fetch_add(1, Relaxed);
    let res = next.run(req).await;
    state.metrics.in_flight.fetch_sub(1, Relaxed);
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    state
        .metrics
        .observe(method.as_str(), &route, status, elapsed.as_secs_f64());
    tracing::info!(target: "mognad::access", %method, %route, status, micros = elapsed.as_micros() as u64, "request");
    res
}

/// Whether the request carries the configured metrics token as a bearer token.
fn authorised(headers: &HeaderMap, token: Option<&str>) -> bool {
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return false;
    };
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| crate::csrf::constant_time_eq(given.as_bytes(), token.as_bytes()))
}

/// The metrics, for a scraper with the token (`metrics_token`); without one configured they
/// are not served at all, since route timings and traffic are nobody else's business.
pub async fn render(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !authorised(&headers, state.config.metrics_token.as_deref()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "metrics need the metrics token\n",
        )
            .into_response();
    }
    (
        [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(state.app.db.pool_size()),
    )
        .into_response()
}
