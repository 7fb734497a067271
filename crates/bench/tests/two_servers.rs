//! Two `mognad serve` processes on one PostgreSQL behave as one: respondents and card writers
//! go to both at once, each card's idempotency key is sent to both servers together, and
//! cards are moved through both. Every answer is stored once, each key makes one card and both
//! servers answer it with that card, no request fails, ranks stay unique in every column, and
//! a move "after A" lands right after A. Runs when `MOGNAD_TEST_POSTGRES_URL` is set (CI sets
//! it); SQLite is one file for one process and has nothing to show here.

mod support;

use mognad_bench::answers_body;
use mognad_bench::http::Conn;
use mognad_domain::ids::{OrgId, RoundId};
use mognad_store::{Db, responses};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use support::*;

const RESPONDENTS: usize = 120;
const KEYS: usize = 120;
const MOVES: usize = 120;

/// A signed-in API connection to `addr` with its CSRF token.
async fn api(addr: &str, session: &str) -> (Conn, String) {
    let mut c = Conn::open(addr).await.unwrap();
    c.cookie = Some(format!("mognad_session={session}"));
    c.get("/login").await.unwrap();
    let cookies = c.cookie.clone().unwrap_or_default();
    let csrf = cookies
        .split("; ")
        .find_map(|k| k.strip_prefix("mognad_csrf="))
        .unwrap_or("")
        .to_owned();
    (c, csrf)
}

async fn post(addr: &str, session: &str, path: &str, body: &str, key: Option<&str>) -> (u16, String) {
    let (mut c, csrf) = api(addr, session).await;
    let mut headers = vec![("X-CSRF-Token", csrf.as_str())];
    if let Some(k) = key {
        headers.push(("Idempotency-Key", k));
    }
    let r = c.post_json(path, body, &headers).await.unwrap();
    (r.status, String::from_utf8_lossy(&r.body).into_owned())
}

fn id_of(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_behave_as_one() {
    let Ok(base) = std::env::var("MOGNAD_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must set MOGNAD_TEST_POSTGRES_URL"
        );
        eprintln!("skipped: no PostgreSQL (MOGNAD_TEST_POSTGRES_URL)");
        return;
    };
    let schema = format!("mognad_two_{}", uuid::Uuid::new_v4().simple());
    admin_sql(&base, &format!("CREATE SCHEMA {schema}")).await;
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(&url, RESPONDENTS).await;
    let ports: Vec<u16> = (0..2)
        .map(|_| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        })
        .collect();
    let mut servers: Vec<_> = ports.iter().map(|p| start(&url, dir.path(), *p)).collect();
    for p in &ports {
        wait_until_up(*p).await;
    }
    let addrs: Arc<Vec<String>> = Arc::new(ports.iter().map(|p| format!("127.0.0.1:{p}")).collect());
    let (org, board, session) = (seeded.org, seeded.board, Arc::new(seeded.session.clone()));
    let tasks_path = Arc::new(format!("/api/v1/orgs/{org}/boards/{board}/tasks"));

    // Respondents alternate between the servers while cards are created through both.
    let retries = Arc::new(Mutex::new(0usize));
    let body = Arc::new(answers_body());
    let mut jobs = Vec::new();
    for (i, token) in seeded.tokens.iter().cloned().enumerate() {
        let (addrs, body, retries) = (addrs.clone(), body.clone(), retries.clone());
        jobs.push(tokio::spawn(async move {
            submit_until_acknowledged(&addrs[i % 2], &token, &body, &retries).await;
        }));
    }
    // Each key goes to both servers at the same moment; both must answer with one card.
    let made: Arc<Mutex<HashMap<usize, Vec<String>>>> = Arc::default();
    for i in 0..KEYS {
        for s in 0..2 {
            let (addrs, session, path, made) =
                (addrs.clone(), session.clone(), tasks_path.clone(), made.clone());
            jobs.push(tokio::spawn(async move {
                let body = format!(r#"{{"title":"Kort {i}"}}"#);
                let key = format!("two-{i}");
                let (status, text) = post(&addrs[s], &session, &path, &body, Some(&key)).await;
                assert_eq!(status, 201, "create through server {s}: {text}");
                made.lock().unwrap().entry(i).or_default().push(id_of(&text));
            }));
        }
    }
    for j in jobs.drain(..) {
        j.await.unwrap();
    }
    let made = made.lock().unwrap().clone();
    for (i, ids) in &made {
        assert!(
            ids.len() == 2 && ids[0] == ids[1],
            "key {i} gave the cards {ids:?}"
        );
    }

    // Moves through both servers at once: each card to the second column, after another.
    let db = Db::connect(&url).await.unwrap();
    let mut tx = db.read().await.unwrap();
    let columns = mognad_store::boards::columns(&mut tx, OrgId(org), board)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let target = columns[1].id;
    let cards: Vec<String> = (0..KEYS).map(|i| made[&i][0].clone()).collect();
    for m in 0..MOVES {
        let (addrs, session, cards) = (addrs.clone(), session.clone(), cards.clone());
        jobs.push(tokio::spawn(async move {
            let card = &cards[m % cards.len()];
            let after = if m == 0 {
                String::new()
            } else {
                cards[(m * 7 + 3) % m].clone()
            };
            let body = format!(r#"{{"column_id":"{target}","after":"{after}"}}"#);
            let path = format!("/api/v1/orgs/{org}/tasks/{card}/move");
            let (status, text) = post(&addrs[m % 2], &session, &path, &body, None).await;
            // A card moved after one that is not (yet) in the column is refused: that is a
            // clear answer, not a failure.
            assert!(
                status == 200 || status == 204 || status == 422,
                "move {m}: {status} {text}"
            );
        }));
    }
    for j in jobs {
        j.await.unwrap();
    }

    // One more move, through the other server: right after card A.
    let (a, b) = (&cards[0], &cards[1]);
    let body = format!(r#"{{"column_id":"{target}","after":"{a}"}}"#);
    let (status, text) = post(
        &addrs[1],
        &session,
        &format!("/api/v1/orgs/{org}/tasks/{b}/move"),
        &body,
        None,
    )
    .await;
    assert!(status == 200 || status == 204, "{status} {text}");

    let mut tx = db.read().await.unwrap();
    let tasks = mognad_store::boards::all_tasks(&mut tx, OrgId(org))
        .await
        .unwrap();
    let stored = responses::group_totals(&mut tx, RoundId(seeded.round))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    for s in &mut servers {
        s.kill().unwrap();
        s.wait().unwrap();
    }
    db.close().await;
    admin_sql(&base, &format!("DROP SCHEMA {schema} CASCADE")).await;

    assert_eq!(tasks.len(), KEYS, "one card per key");
    let mut by_column: HashMap<uuid::Uuid, Vec<(String, String)>> = HashMap::new();
    for t in &tasks {
        by_column
            .entry(t.column_id)
            .or_default()
            .push((t.rank.clone(), t.id.to_string()));
    }
    for (col, list) in &mut by_column {
        let ranks: HashSet<&String> = list.iter().map(|(r, _)| r).collect();
        assert_eq!(ranks.len(), list.len(), "duplicate ranks in column {col}");
        list.sort();
    }
    let order = &by_column[&target];
    let at = order.iter().position(|(_, id)| id == a).unwrap();
    assert_eq!(&order[at + 1].1, b, "the card landed right after A");
    let answered: i64 = stored.iter().map(|(_, n)| n).sum();
    println!(
        "two servers: {answered} answers stored of {RESPONDENTS}, {} cards for {KEYS} keys sent twice, {MOVES} moves, {} client retries",
        tasks.len(),
        *retries.lock().unwrap()
    );
    assert_eq!(answered as usize, RESPONDENTS, "every answer stored once");
}
