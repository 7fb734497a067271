//! What the server tests share: the real `mognad` binary started on a database, waiting for
//! it, seeding an organisation with an open round and a board, and clients that retry a submit
//! or a card create until it is acknowledged.
#![allow(dead_code)]

pub mod smtp;

use mognad_app::App;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput};
use mognad_bench::encode;
use mognad_bench::http::Conn;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use mognad_store::Db;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The `mognad` binary next to this test's own (cargo builds it for the workspace's tests).
pub fn server_binary() -> PathBuf {
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

pub fn start(url: &str, dir: &Path, port: u16) -> Child {
    start_with(url, dir, port, &[])
}

/// Starts the server with more `MOGNAD_*` settings in its environment.
pub fn start_with(url: &str, dir: &Path, port: u16, env: &[(String, String)]) -> Child {
    Command::new(server_binary())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("MOGNAD_DATABASE_URL", url)
        .env("MOGNAD_DATA_DIR", dir)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

pub async fn wait_until_up(port: u16) {
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
pub struct Seeded {
    pub tokens: Vec<String>,
    pub round: uuid::Uuid,
    pub org: uuid::Uuid,
    pub board: uuid::Uuid,
    pub session: String,
    /// A member's person, whom the cards are given to (each card is a notification).
    pub assignee: uuid::Uuid,
}

/// One organisation with one group of `respondents` people, an open round and a board.
pub async fn seed(url: &str, respondents: usize) -> Seeded {
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
    for i in 0..respondents {
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
        app.org().set_group_member(&a, g.id, p.id, true).await.unwrap();
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
    let links = app.measurement().issue_invitations(&a, round.id).await.unwrap();
    app.measurement()
        .set_round_state(&a, round.id, "open")
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
    let ada = app
        .platform()
        .create_user("ada@ekby.se", "Ada", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    app.platform()
        .grant_role(ada.id, org.id, Role::Member)
        .await
        .unwrap();
    let person = PersonInput {
        name: "Ada".into(),
        email: Some("ada@ekby.se".into()),
        ..Default::default()
    };
    let assignee = app.org().save_person(&a, None, &person).await.unwrap().id.0;
    let session = app
        .platform()
        .login("admin@ekby.se", "ett långt lösenord")
        .await
        .unwrap()
        .token;
    app.db.close().await;
    Seeded {
        tokens: links.into_iter().map(|l| l.token).collect(),
        round: round.id.0,
        org: org.id.0,
        board: board.id,
        session,
        assignee,
    }
}

/// Creates card `i` through the API with its own idempotency key, reconnecting and sending
/// the same request again through crashes until it is acknowledged.
pub async fn create_until_acknowledged(
    addr: &str,
    s: &Arc<(uuid::Uuid, uuid::Uuid, String, uuid::Uuid)>,
    i: usize,
    retries: &Mutex<usize>,
) {
    let (org, board, session, assignee) = (&s.0, &s.1, &s.2, &s.3);
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
            let body = format!(r#"{{"title":"Kort {i}","assignee_id":"{assignee}"}}"#);
            let key = format!("card-{i}");
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
pub async fn submit_until_acknowledged(addr: &str, token: &str, body: &str, retries: &Mutex<usize>) {
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

/// Runs one statement on the PostgreSQL server as its admin.
pub async fn admin_sql(url: &str, sql: &str) {
    let db = Db::connect(url).await.unwrap();
    if let Db::Postgres(p) = &db {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(p)
            .await
            .unwrap();
    }
    db.close().await;
}
