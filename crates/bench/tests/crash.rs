//! Crash safety: the real server binary takes concurrent submits and card creates (each with
//! its idempotency key, each card given to a member) while it is killed with SIGKILL at random
//! moments and restarted; clients send the same request again until they hear 303 or 201. Its
//! mail worker meanwhile sends the members' notifications to a real SMTP server.
//!
//! Afterwards every acknowledged submit and card must be stored exactly once, retries must not
//! have duplicated anything, the tallies must equal a recount of the stored answers, and
//! SQLite's integrity check must pass. Each card must have made exactly one notification, and
//! each notification must have arrived: no mail lost to a kill, none under two identities. A
//! kill that falls between the mail server's acceptance and the worker marking the row sent
//! makes that one mail arrive again with the same Message-ID; such repeats are counted and may
//! not exceed the kills. The figures are printed.

mod support;

use futures_util::StreamExt;
use mognad_bench::answers_body;
use mognad_domain::answer::Answers;
use mognad_domain::ids::{OrgId, RoundId};
use mognad_domain::tally::Tally;
use mognad_store::{Db, responses};
use rand::Rng;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::*;

const RESPONDENTS: usize = 240;
const CLIENTS: usize = 8;
const KILLS: usize = 4;
/// Cards created through the API while the server is being killed.
const CARDS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite:{}", dir.path().join("crash.db").display());
    crash_story(&sqlite, dir.path(), "sqlite").await;
    // PostgreSQL too when a server is configured: a fresh schema, named in the URL's options.
    if let Ok(base) = std::env::var("MOGNAD_TEST_POSTGRES_URL") {
        let schema = format!("mognad_crash_{}", uuid::Uuid::new_v4().simple());
        admin_sql(&base, &format!("CREATE SCHEMA {schema}")).await;
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        crash_story(&url, dir.path(), "postgres").await;
        admin_sql(&base, &format!("DROP SCHEMA {schema} CASCADE")).await;
    }
}

async fn crash_story(url: &str, dir: &Path, label: &str) {
    let seeded = seed(url, RESPONDENTS).await;
    let (tokens, round) = (seeded.tokens.clone(), seeded.round);
    let board_ctx = Arc::new((seeded.org, seeded.board, seeded.session.clone(), seeded.assignee));
    let sink = smtp::Sink::start().await;
    let mut env = sink.as_ref().map(|s| s.env()).unwrap_or_default();
    // A short lease, so a mail the killed server held is taken up again within the test.
    env.push(("MOGNAD_MAIL_LEASE_SECONDS".into(), "2".into()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = start_with(url, dir, port, &env);
    wait_until_up(port).await;

    let queue = Arc::new(Mutex::new(tokens.clone()));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let retries = Arc::new(Mutex::new(0usize));
    let body = Arc::new(answers_body());
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (queue, acknowledged, retries, body, addr) = (
            queue.clone(),
            acknowledged.clone(),
            retries.clone(),
            body.clone(),
            addr.clone(),
        );
        clients.push(tokio::spawn(async move {
            loop {
                let Some(token) = queue.lock().unwrap().pop() else {
                    return;
                };
                submit_until_acknowledged(&addr, &token, &body, &retries).await;
                acknowledged.lock().unwrap().push(token);
            }
        }));
    }
    // Cards are created alongside, each with its key, retried through the crashes.
    let cards = Arc::new(Mutex::new((0..CARDS).collect::<Vec<usize>>()));
    let made = Arc::new(Mutex::new(0usize));
    for _ in 0..CLIENTS / 2 {
        let (cards, made, retries, addr, ctx) = (
            cards.clone(),
            made.clone(),
            retries.clone(),
            addr.clone(),
            board_ctx.clone(),
        );
        clients.push(tokio::spawn(async move {
            loop {
                let Some(i) = cards.lock().unwrap().pop() else {
                    return;
                };
                create_until_acknowledged(&addr, &ctx, i, &retries).await;
                *made.lock().unwrap() += 1;
            }
        }));
    }
    let mut kills = 0;
    while kills < KILLS && acknowledged.lock().unwrap().len() < tokens.len() {
        let wait = rand::rng().random_range(60..250);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill().unwrap(); // SIGKILL: no shutdown, no flush
        server.wait().unwrap();
        kills += 1;
        server = start_with(url, dir, port, &env);
        wait_until_up(port).await;
    }
    for c in clients {
        c.await.unwrap();
    }
    // Kills while mail is still going out, then the outbox must empty by itself.
    let app = mognad_app::App::new(Db::connect(url).await.unwrap());
    let mut mail_kills = 0;
    while sink.is_some() && mail_kills < 2 && app.platform().outbox_counts().await.unwrap().0 > 0 {
        tokio::time::sleep(Duration::from_millis(rand::rng().random_range(5..60))).await;
        server.kill().unwrap();
        server.wait().unwrap();
        mail_kills += 1;
        server = start_with(url, dir, port, &env);
        wait_until_up(port).await;
    }
    let mut counts = app.platform().outbox_counts().await.unwrap();
    for _ in 0..300 {
        if sink.is_none() || counts.0 == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        counts = app.platform().outbox_counts().await.unwrap();
    }
    app.db.close().await;
    server.kill().unwrap();
    server.wait().unwrap();

    let db = Db::connect(url).await.unwrap();
    let acknowledged: HashSet<String> = acknowledged.lock().unwrap().iter().cloned().collect();
    let model = &mognad_domain::model::builtin()[0];
    let mut stored = 0usize;
    let mut recount: BTreeMap<uuid::Uuid, Tally> = BTreeMap::new();
    let mut rows = responses::stream(&db, RoundId(round));
    while let Some(row) = rows.next().await {
        let (g, code) = row.unwrap();
        let a = Answers::from_code(model, &code).unwrap();
        recount.entry(g).or_default().add_answers(model, &a);
        stored += 1;
    }
    drop(rows);
    let mut tx = db.read().await.unwrap();
    let kept: BTreeMap<uuid::Uuid, Tally> = responses::tallies(&mut tx, RoundId(round))
        .await
        .unwrap()
        .into_iter()
        .collect();
    let tasks = mognad_store::boards::all_tasks(&mut tx, OrgId(seeded.org))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let titles: HashSet<&str> = tasks.iter().map(|t| t.title.as_str()).collect();
    let integrity = db.integrity_check().await.unwrap();
    let duplicates = stored.saturating_sub(acknowledged.len());
    println!(
        "crash safety ({label}): {} acknowledged, {stored} stored, {duplicates} duplicates; {} cards acknowledged, {} stored; {kills} kills, {} client retries, integrity {integrity}",
        acknowledged.len(),
        *made.lock().unwrap(),
        tasks.len(),
        *retries.lock().unwrap()
    );
    assert_eq!(
        *made.lock().unwrap(),
        CARDS,
        "every card was acknowledged in the end"
    );
    assert_eq!(
        tasks.len(),
        CARDS,
        "each acknowledged card is stored exactly once"
    );
    assert_eq!(titles.len(), CARDS, "no card twice");
    assert_eq!(
        acknowledged.len(),
        tokens.len(),
        "every respondent was acknowledged in the end"
    );
    assert_eq!(
        stored,
        acknowledged.len(),
        "each acknowledged answer is stored exactly once"
    );
    assert!(kills >= 1, "the server was killed at least once");
    for (g, t) in &kept {
        assert_eq!(
            (t.n, &t.counts),
            (recount[g].n, &recount[g].counts),
            "tally equals a recount"
        );
    }
    assert_eq!(kept.len(), recount.len());
    assert_eq!(integrity, "ok");
    if let Some(sink) = &sink {
        let arrived = sink.message_ids();
        let distinct: HashSet<&String> = arrived.iter().collect();
        let repeats = arrived.len() - distinct.len();
        println!(
            "outbox ({label}): {} notifications, {} mails arrived, {} distinct, {repeats} repeats; {mail_kills} kills while sending; pending/sent/failed {counts:?}",
            counts.0 + counts.1 + counts.2,
            arrived.len(),
            distinct.len(),
        );
        assert_eq!(
            counts,
            (0, CARDS as i64, 0),
            "one notification per card, each sent"
        );
        assert_eq!(
            distinct.len(),
            CARDS,
            "every notification arrived, each under one Message-ID"
        );
        assert!(repeats <= kills + mail_kills, "at most one repeat per kill");
    }
    db.close().await;
}
