//! Request metrics in the Prometheus text format at `/metrics`.
//!
//! A handful of counters kept with atomics: enough to see traffic, errors and latency without
//! pulling in a metrics framework.

use crate::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

#[derive(Default)]
pub struct Metrics {
    /// Responses by status class: 1xx … 5xx.
    by_class: [AtomicU64; 5],
    duration_micros: AtomicU64,
    in_flight: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, status: u16, micros: u64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Relaxed);
        self.duration_micros.fetch_add(micros, Relaxed);
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP mognad_http_requests_total HTTP responses sent, by status class.\n");
        out.push_str("# TYPE mognad_http_requests_total counter\n");
        let mut total = 0;
        for (i, c) in self.by_class.iter().enumerate() {
            let n = c.load(Relaxed);
            total += n;
            let _ = writeln!(out, "mognad_http_requests_total{{status=\"{}xx\"}} {n}", i + 1);
        }
        out.push_str("# HELP mognad_http_request_duration_seconds Time spent answering requests.\n");
        out.push_str("# TYPE mognad_http_request_duration_seconds summary\n");
        let secs = self.duration_micros.load(Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "mognad_http_request_duration_seconds_sum {secs}");
        let _ = writeln!(out, "mognad_http_request_duration_seconds_count {total}");
        out.push_str("# HELP mognad_http_requests_in_flight Requests being answered now.\n");
        out.push_str("# TYPE mognad_http_requests_in_flight gauge\n");
        let _ = writeln!(
            out,
            "mognad_http_requests_in_flight {}",
            self.in_flight.load(Relaxed)
        );
        out.push_str("# HELP mognad_build_info The running version.\n# TYPE mognad_build_info gauge\n");
        let _ = writeln!(
            out,
            "mognad_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        out
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
    let micros = started.elapsed().as_micros() as u64;
    state.metrics.observe(res.status().as_u16(), micros);
    tracing::info!(target: "mognad::access", %method, %route, status = res.status().as_u16(), micros, "request");
    res
}

pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    (
        [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(),
    )
}
