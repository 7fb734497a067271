//! The respondent load driver: `clients` connections in parallel, each taking links from a
//! shared list; per link it loads the first step (the form and its CSRF token) and submits
//! every answer in one POST. A respondent counts as completed when the submit answers 303,
//! which the server sends only after the answer is durably stored.

use anyhow::{Result, bail};
use mognad_bench::http::Conn;
use mognad_bench::{answers_body, encode};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

pub async fn run(url: &str, tokens_file: &str, clients: usize) -> Result<()> {
    let addrs = mognad_bench::addresses(url);
    let tokens: Arc<Vec<String>> = Arc::new(
        std::fs::read_to_string(tokens_file)?
            .lines()
            .map(str::to_owned)
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let body = Arc::new(answers_body());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for k in 0..clients {
        let addr = addrs[k % addrs.len()].clone();
        let (tokens, next, body) = (tokens.clone(), next.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::open(&addr).await?;
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(token) = tokens.get(i) else { break };
                let t = Instant::now();
                let page = conn.get(&format!("/r/{token}?step=1")).await?;
                if page.status != 200 {
                    bail!("loading the form answered {}", page.status);
                }
                let csrf = conn
                    .cookie
                    .as_deref()
                    .and_then(|c| c.strip_prefix("mognad_csrf="))
                    .unwrap_or("");
                let form = format!("{body}&_csrf={}", encode(csrf));
                let res = conn.post_form(&format!("/r/{token}/submit"), &form).await?;
                if res.status != 303 {
                    bail!(
                        "submitting answered {}: {}",
                        res.status,
                        String::from_utf8_lossy(&res.body)
                    );
                }
                latencies.push(t.elapsed().as_micros());
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let secs = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let q = |p: f64| all[((all.len() as f64 - 1.0) * p).round() as usize] as f64 / 1000.0;
    println!(
        "{} respondents completed (load form + submit) with {clients} clients in {secs:.2} s: {:.0} completed/s; latency per respondent p50 {:.1} ms, p99 {:.1} ms",
        all.len(),
        all.len() as f64 / secs,
        q(0.5),
        q(0.99)
    );
    Ok(())
}
