//! Crash safety: the real server binary takes concurrent submits and card creates (each with
//! its idempotency key) while it is killed with SIGKILL at random moments and restarted;
//! clients send the same request again until they hear 303 or 201.
//!
//! Afterwards every acknowledged submit and card must be stored exactly once, retries must not
//! have duplicated anything, the tallies must equal a recount of the stored answers, and
//! SQLite's integrity check must pass. The figures are printed.

use futures_util::StreamExt;
use mognad_app::App;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput};
use mognad_bench::http::Conn;
use mognad_bench::{answers_body, encode};
use mognad_domain::answer::Answers;
use mognad_domain::ids::{GroupId, PersonId, RoundId};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::role::Role;
use mognad_domain::tally::Tally;
use mognad_domain::text::Name;
use mognad_store::{Db, responses};
use rand::Rng;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const RESPONDENTS: usize = 240;
const CLIENTS: usize = 8;
const KILLS: usize = 4;
/// Cards created through the API while the server is being killed.
const CARDS: usize = 200;

/// The `mognad` binary next to this test's own (cargo builds it for the workspace's tests).
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let bin = dir.join("mognad");
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo build -p mognad-cli`",
        bin.display()
    );
    bin
}

fn start(url: &str, dir: &Path, port: u16) -> Child {
    Command::new(server_binary())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("MOGNAD_DATABASE_URL", url)
        .env("MOGNAD_DATA_DIR", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_until_up(port: u16) {
    for _ in 0..200 {
        if let Ok(mut c) = Conn::open(&format!("127.0.0.1:{port}")).await
            && c.get("/healthz").await.is_ok_and(|r| r.status == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the server did not come up");
}

/// What the crash story writes to: the round's links, and a board with a signed-in session.
struct Seeded {
    tokens: Vec<String>,
    round: uuid::Uuid,
    org: uuid::Uuid,
    board: uuid::Uuid,
    session: String,
}

/// One organisation with one group of `RESPONDENTS` people, an open round and a board.
async fn seed(url: &str) -> Seeded {
    let app = App::new(Db::connect(url).await.unwrap());
    app.db.migrate().await.unwrap();
    let user = app
        .platform()
        .create_user("admin@ekby.se", "Admin", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    let settings = OrgSettings {
        name: Name::parse("name", "Ekby").unwrap(),
        language: Language::Sv,
        anonymity_threshold: AnonymityThreshold::DEFAULT,
    };
    let org = app.org().create_org(settings, Some(user.id)).await.unwrap();
    app.platform()
        .grant_role(user.id, org.id, Role::Admin)
        .await
        .unwrap();
    let a = app.platform().actor(user, org.id).await.unwrap();
    let g = app
        .org()
        .save_group(
            &a,
            None,
            &NamedInput {
                name: "Alla".into(),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    for i in 0..RESPONDENTS {
        let p = app
            .org()
            .save_person(
                &a,
                None,
                &PersonInput {
                    name: format!("Person {i}"),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        app.org()
            .set_group_member(&a, GroupId(g.id), PersonId(p.id), true)
            .await
            .unwrap();
    }
    let model = app
        .measurement()
        .models(&a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.key == "nio-motorer")
        .unwrap()
        .id;
    let round = app
        .measurement()
        .create_round(
            &a,
            &RoundInput {
                name: "T0".into(),
                model_id: model.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let links = app
        .measurement()
        .issue_invitations(&a, RoundId(round.id))
        .await
        .unwrap();
    app.measurement()
        .set_round_state(&a, RoundId(round.id), "open")
        .await
        .unwrap();
    let board = app
        .plan()
        .create_board(
            &a,
            &mognad_app::plan::boards::BoardInput {
                name: "Drift".into(),
                initiative_id: String::new(),
            },
        )
        .await
        .unwrap();
    let session = app
        .platform()
        .login("admin@ekby.se", "ett långt lösenord")
        .await
        .unwrap()
        .token;
    app.db.close().await;
    Seeded {
        tokens: links.into_iter().map(|l| l.token).collect(),
        round: round.id,
        org: org.id.0,
        board: board.id,
        session,
    }
}

/// Creates card `i` through the API with its own idempotency key, reconnecting and sending
/// the same request again through crashes until it is acknowledged.
async fn create_until_acknowledged(
    addr: &str,
    s: &Arc<(uuid::Uuid, uuid::Uuid, String)>,
    i: usize,
    retries: &Mutex<usize>,
) {
    let (org, board, session) = (&s.0, &s.1, &s.2);
    loop {
        let attempt = async {
            let mut c = Conn::open(addr).await?;
            c.cookie = Some(format!("mognad_session={session}"));
            c.get("/login").await?;
            let cookies = c.cookie.clone().unwrap_or_default();
            let csrf = cookies
                .split("; ")
                .find_map(|k| k.strip_prefix("mognad_csrf="))
                .unwrap_or("")
                .to_owned();
            let body = format!(r#"{{"title":"Kort {i}"}}"#);
            let key = format!("crash-{i}");
            c.post_json(
                &format!("/api/v1/orgs/{org}/boards/{board}/tasks"),
                &body,
                &[("X-CSRF-Token", &csrf), ("Idempotency-Key", &key)],
            )
            .await
        };
        match attempt.await {
            Ok(r) if r.status == 201 => return,
            Ok(r) => panic!(
                "create answered {}: {}",
                r.status,
                String::from_utf8_lossy(&r.body)
            ),
            Err(_) => {
                *retries.lock().unwrap() += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

/// Submits one respondent's answers, reconnecting and retrying through crashes until 303.
async fn submit_until_acknowledged(addr: &str, token: &str, body: &str, retries: &Mutex<usize>) {
    loop {
        let attempt = async {
            let mut c = Conn::open(addr).await?;
            c.get(&format!("/r/{token}?step=1")).await?;
            let csrf = c.cookie.clone().unwrap_or_default();
            let form = format!("{body}&_csrf={}", encode(csrf.trim_start_matches("mognad_csrf=")));
            c.post_form(&format!("/r/{token}/submit"), &form).await
        };
        match attempt.await {
            Ok(r) if r.status == 303 => return,
            Ok(r) => panic!(
                "submit answered {}: {}",
                r.status,
                String::from_utf8_lossy(&r.body)
            ),
            Err(_) => {
                *retries.lock().unwrap() += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

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

/// Runs one statement on the PostgreSQL server as its admin.
async fn admin_sql(url: &str, sql: &str) {
    let db = Db::connect(url).await.unwrap();
    if let Db::Postgres(p) = &db {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(p)
            .await
            .unwrap();
    }
    db.close().await;
}

async fn crash_story(url: &str, dir: &Path, label: &str) {
    let seeded = seed(url).await;
    let (tokens, round) = (seeded.tokens.clone(), seeded.round);
    let board_ctx = Arc::new((seeded.org, seeded.board, seeded.session.clone()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = start(url, dir, port);
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
        server = start(url, dir, port);
        wait_until_up(port).await;
    }
    for c in clients {
        c.await.unwrap();
    }
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
    let tasks = mognad_store::boards::all_tasks(&mut tx, mognad_domain::ids::OrgId(seeded.org))
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
    db.close().await;
}
