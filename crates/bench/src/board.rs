//! Boards under load, over HTTP against a running server: the page of a 10,000-card board,
//! 16 clients moving cards on it, then 16 clients creating cards through the API (each create
//! with its own idempotency key, a tenth of them sent twice). Afterwards the database is
//! counted: every acknowledged create exactly once, no duplicates.

use crate::timing::{PASSWORD, admin, summary};
use anyhow::{Context, Result, bail, ensure};
use chrono::Utc;
use mognad_app::App;
use mognad_app::plan::boards::{BoardInput, BoardView};
use mognad_bench::http::Conn;
use mognad_domain::ids::{BoardId, OrgId};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::plan::rank;
use mognad_domain::text::Name;
use mognad_store::Db;
use mognad_store::boards::{self as store, Task};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use uuid::Uuid;

/// A new organisation named `{what} bench …` with an administrator and one board, on the
/// migrated database at `url`.
pub async fn org_with_board(url: &str, what: &str) -> Result<(App, mognad_app::Actor, OrgId, BoardView)> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let app = App::new(db);
    let settings = OrgSettings {
        name: Name::parse("name", &format!("{what} bench {}", Uuid::new_v4().simple()))?,
        language: Language::Sv,
        anonymity_threshold: AnonymityThreshold::DEFAULT,
    };
    let org = app.org().create_org(settings, None).await?;
    let (_, actor) = admin(&app, org.id).await?;
    let board = app
        .plan()
        .create_board(
            &actor,
            &BoardInput {
                name: "Stora tavlan".into(),
                initiative_id: String::new(),
            },
        )
        .await?;
    let view = app
        .plan()
        .board(&actor, BoardId(board.id), &Default::default(), None)
        .await?;
    Ok((app, actor, org.id, view))
}

/// An organisation with a board of `cards` cards spread over its four columns.
pub async fn seed(url: &str, cards: usize) -> Result<()> {
    let (app, _, org, view) = org_with_board(url, "Board").await?;
    let (board, columns) = (view.id.0, view.columns);
    let now = Utc::now();
    let mut tx = app.db.write().await?;
    let per = cards / columns.len();
    let mut n = 0;
    for c in &columns {
        for r in rank::spread(per) {
            n += 1;
            let t = Task {
                id: Uuid::now_v7(),
                board_id: board,
                column_id: c.id.0,
                rank: r,
                title: format!("Kort {n} om ett återkommande ärende"),
                description: String::new(),
                assignee_id: None,
                priority: "normal".into(),
                due_on: None,
                labels: "bench".into(),
                initiative_id: None,
                estimate_hours: Some(2),
                created_at: now,
                done_at: None,
                archived: false,
            };
            store::insert_task(&mut tx, org, &t, now).await?;
        }
    }
    tx.commit().await?;
    println!("seeded board org {} board {board} with {n} cards", org.0);
    Ok(())
}

/// A signed-in connection: session and CSRF cookies, and the token for the API header.
async fn connect(addr: &str, session: &str) -> Result<(Conn, String)> {
    let mut conn = Conn::open(addr).await?;
    conn.cookie = Some(format!("mognad_session={session}"));
    conn.get("/login").await?;
    let csrf = conn
        .cookie
        .as_deref()
        .unwrap_or("")
        .split("; ")
        .find_map(|c| c.strip_prefix("mognad_csrf="))
        .context("no CSRF cookie")?
        .to_owned();
    Ok((conn, csrf))
}

pub async fn run(
    db_url: &str,
    url: &str,
    org: Uuid,
    board: Uuid,
    clients: usize,
    creates: usize,
    moves: usize,
) -> Result<()> {
    let app = App::new(Db::connect(db_url).await?);
    let (email, actor) = admin(&app, OrgId(org)).await?;
    let session = app.platform().login(&email, PASSWORD).await?.token;
    let addrs = mognad_bench::addresses(url);
    let addr = addrs[0].clone();
    let view = app
        .plan()
        .board(&actor, BoardId(board), &Default::default(), None)
        .await?;
    let columns: Arc<Vec<Uuid>> = Arc::new(view.columns.iter().map(|c| c.id.0).collect());
    let before: i64 = view.columns.iter().map(|c| c.count).sum();

    // The board page as a browser gets it.
    let (mut conn, _) = connect(&addr, &session).await?;
    let (times, size) = conn
        .time_gets(&format!("/orgs/{org}/boards/{board}"), 100)
        .await?;
    summary(
        &format!("board page of {before} cards ({} KiB of HTML)", size / 1024),
        times,
    );
    // Moves: each client moves cards of the big board to a random column's top or bottom.
    let cards: Arc<Vec<Uuid>> = {
        let mut tx = app.db.read().await?;
        let mut ids = Vec::new();
        for c in columns.iter() {
            ids.extend(
                store::page(&mut tx, *c, &Default::default(), None, 2_000)
                    .await?
                    .into_iter()
                    .map(|t| t.id),
            );
        }
        tx.rollback().await?;
        Arc::new(ids)
    };
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut handles = Vec::new();
    for k in 0..clients {
        let (addr, session, next, cards, columns) = (
            addrs[k % addrs.len()].clone(),
            session.clone(),
            next.clone(),
            cards.clone(),
            columns.clone(),
        );
        handles.push(tokio::spawn(async move {
            let (mut conn, csrf) = connect(&addr, &session).await?;
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= moves {
                    break;
                }
                let card = cards[(i * 7919 + k) % cards.len()];
                let column = columns[(i + k) % columns.len()];
                let position = if i % 2 == 0 { "top" } else { "bottom" };
                let body = format!(r#"{{"column_id":"{column}","position":"{position}"}}"#);
                let key = format!("move-{board}-{i}");
                let t = Instant::now();
                let res = conn
                    .post_json(
                        &format!("/api/v1/orgs/{org}/tasks/{card}/move"),
                        &body,
                        &[("X-CSRF-Token", &csrf), ("Idempotency-Key", &key)],
                    )
                    .await?;
                if res.status != 204 {
                    bail!(
                        "move answered {}: {}",
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
    for h in handles {
        all.extend(h.await??);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "moves: {} on a {before}-card board from {clients} clients in {secs:.2} s: {:.0} moves/s, 0 errors",
        all.len(),
        all.len() as f64 / secs
    );
    summary("move latency", all);

    // Creates: each client takes numbers from a shared counter; every tenth is sent twice.
    let next = Arc::new(AtomicUsize::new(0));
    let resent = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut handles = Vec::new();
    for k in 0..clients {
        let addr = addrs[k % addrs.len()].clone();
        let (session, next, resent) = (session.clone(), next.clone(), resent.clone());
        handles.push(tokio::spawn(async move {
            let (mut conn, csrf) = connect(&addr, &session).await?;
            let path = format!("/api/v1/orgs/{org}/boards/{board}/tasks");
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= creates {
                    break;
                }
                let key = format!("bench-{board}-{i}");
                let body = format!(r#"{{"title":"Nytt kort {i}","labels":"bench"}}"#);
                let times = if i % 10 == 0 { 2 } else { 1 };
                for _ in 0..times {
                    let t = Instant::now();
                    let res = conn
                        .post_json(
                            &path,
                            &body,
                            &[("X-CSRF-Token", &csrf), ("Idempotency-Key", &key)],
                        )
                        .await?;
                    if res.status != 201 {
                        bail!(
                            "create answered {}: {}",
                            res.status,
                            String::from_utf8_lossy(&res.body)
                        );
                    }
                    latencies.push(t.elapsed().as_micros());
                }
                if times == 2 {
                    resent.fetch_add(1, Ordering::Relaxed);
                }
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await??);
    }
    let secs = started.elapsed().as_secs_f64();
    let after: i64 = app
        .plan()
        .board(&actor, BoardId(board), &Default::default(), None)
        .await?
        .columns
        .iter()
        .map(|c| c.count)
        .sum();
    let made = after - before;
    println!(
        "creates: {} requests ({} creates, {} resent with their key) from {clients} clients in {secs:.2} s: {:.0} requests/s, {:.0} distinct creates/s, 0 errors; {made} cards added, {} duplicates",
        all.len(),
        creates,
        resent.load(Ordering::Relaxed),
        all.len() as f64 / secs,
        creates as f64 / secs,
        made - creates as i64
    );
    ensure!(
        made == creates as i64,
        "every acknowledged create once: {made} cards for {creates} creates"
    );
    summary("create latency", all);

    Ok(())
}
