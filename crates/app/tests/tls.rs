//! TLS to the services Mognad talks to, against real servers started by the test with a
//! certificate it makes itself: a PostgreSQL cluster that takes TLS connections only
//! (`sslmode=require` and `verify-full`), and SMTP servers (Python's aiosmtpd) with STARTTLS and
//! with implicit TLS. A server whose certificate is not trusted is refused, so the tests also
//! show that the certificate is checked, not just that the bytes are encrypted.
//!
//! They need PostgreSQL's server programs (`initdb`, `pg_ctl`; `MOGNAD_TEST_PG_BIN` names their
//! folder, else `/usr/lib/postgresql/*/bin`) and a Python with aiosmtpd (`MOGNAD_TEST_PYTHON`).
//! Without them a test is skipped locally and fails under `CI=true`.

use mognad_app::measurement::invite::IssuedLink;
use mognad_app::platform::mail::{Invitation, MailConfig, Mailer, SmtpTls};
use mognad_domain::org::Language;
use mognad_store::Db;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

/// A certificate authority and a server certificate for 127.0.0.1 and localhost, as PEM files
/// in `dir`: `ca.pem`, `server.pem`, `server.key`.
fn certificates(dir: &Path) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let server = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = server.signed_by(&key, &issuer).unwrap();
    std::fs::write(dir.join("ca.pem"), ca_cert.pem()).unwrap();
    std::fs::write(dir.join("server.pem"), cert.pem()).unwrap();
    std::fs::write(dir.join("server.key"), key.serialize_pem()).unwrap();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Skips the test locally when a tool is missing; under CI a missing tool is a failure.
fn missing(what: &str) -> bool {
    assert!(std::env::var("CI").is_err(), "CI must provide {what}");
    eprintln!("skipped: no {what}");
    true
}

async fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing listens on {port}");
}

// ---- PostgreSQL ----

fn pg_bin() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("MOGNAD_TEST_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

/// Runs a PostgreSQL server program as the owner of the cluster: root may not, so as root it
/// runs as the `postgres` account.
fn as_owner(program: &Path) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// A PostgreSQL cluster of its own, stopped when dropped.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Cluster {
    fn start(bin: PathBuf) -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("mognad-pg-tls")
            .tempdir_in("/tmp")
            .unwrap();
        let data = dir.path().join("data");
        certificates(dir.path());
        let chown = |p: &Path| {
            Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(p)
                .status()
                .ok();
        };
        chown(dir.path());
        let ok = as_owner(&bin.join("initdb"))
            .args(["-A", "trust", "-U", "postgres", "-D"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&ok.stderr)
        );
        for f in ["server.pem", "server.key"] {
            std::fs::copy(dir.path().join(f), data.join(f)).unwrap();
        }
        let conf = "ssl = on\nssl_cert_file = 'server.pem'\nssl_key_file = 'server.key'\n";
        let mut pg_conf = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        pg_conf.push_str(conf);
        std::fs::write(data.join("postgresql.conf"), pg_conf).unwrap();
        // TLS or nothing: a connection without it is turned away.
        let hba = "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n";
        std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
        chown(dir.path());
        Command::new("chmod")
            .arg("600")
            .arg(data.join("server.key"))
            .status()
            .ok();
        let port = free_port();
        let opts = format!("-p {port} -c listen_addresses=127.0.0.1 -k {}", data.display());
        let ok = as_owner(&bin.join("pg_ctl"))
            .args(["-w", "-t", "60", "-l"])
            .arg(data.join("log"))
            .args(["-o", &opts, "-D"])
            .arg(&data)
            .arg("start")
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&ok.stderr),
            std::fs::read_to_string(data.join("log")).unwrap_or_default()
        );
        Cluster {
            bin,
            data,
            port,
            _dir: dir,
        }
    }

    fn url(&self, params: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres?{params}", self.port)
    }

    fn ca(&self) -> PathBuf {
        self.data.parent().unwrap().join("ca.pem")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        as_owner(&self.bin.join("pg_ctl"))
            .args(["-m", "immediate", "-D"])
            .arg(&self.data)
            .arg("stop")
            .output()
            .ok();
    }
}

async fn uses_tls(db: &Db) -> bool {
    let mognad_store::Tx::Postgres(mut tx) = db.read().await.unwrap() else {
        panic!("not PostgreSQL");
    };
    let (ssl,): (bool,) = sqlx::query_as("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    ssl
}

#[tokio::test]
async fn postgres_over_tls_with_the_certificate_checked() {
    let Some(bin) = pg_bin() else {
        missing("PostgreSQL server programs (initdb)");
        return;
    };
    let pg = Cluster::start(bin);
    let ca = pg.ca();

    let db = Db::connect(&pg.url("sslmode=require")).await.unwrap();
    db.migrate().await.unwrap();
    assert!(
        uses_tls(&db).await,
        "sslmode=require gave a connection without TLS"
    );
    db.close().await;

    let verified = format!("sslmode=verify-full&sslrootcert={}", ca.display());
    let db = Db::connect(&pg.url(&verified)).await.unwrap();
    assert!(uses_tls(&db).await);
    db.close().await;

    // The server refuses connections without TLS, and a client that checks refuses a server
    // whose certificate it cannot trace to a trusted authority or whose name does not match.
    assert!(
        Db::connect(&pg.url("sslmode=disable")).await.is_err(),
        "plain connection taken"
    );
    assert!(
        Db::connect(&pg.url("sslmode=verify-full")).await.is_err(),
        "a certificate from an unknown authority was trusted"
    );
    let wrong_name = format!(
        "postgres://postgres@0.0.0.0:{}/postgres?sslmode=verify-full&sslrootcert={}",
        pg.port,
        ca.display()
    );
    assert!(
        Db::connect(&wrong_name).await.is_err(),
        "a certificate for another name was trusted"
    );
}

// ---- SMTP ----

const SMTP_SERVER: &str = r#"
import ssl, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
mode, port, cert, key, box = sys.argv[1:]
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(cert, key)
if mode == "starttls":
    c = Controller(Mailbox(box), hostname="127.0.0.1", port=int(port), tls_context=ctx, require_starttls=True)
else:
    c = Controller(Mailbox(box), hostname="127.0.0.1", port=int(port), ssl_context=ctx)
c.start()
while True:
    time.sleep(60)
"#;

fn python() -> Option<String> {
    let python = std::env::var("MOGNAD_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    Command::new(&python)
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success())
        .then_some(python)
}

struct Smtp {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

async fn smtp(python: &str, mode: &str) -> Smtp {
    let dir = tempfile::tempdir().unwrap();
    certificates(dir.path());
    let port = free_port();
    let child = Command::new(python)
        .args(["-c", SMTP_SERVER, mode, &port.to_string()])
        .arg(dir.path().join("server.pem"))
        .arg(dir.path().join("server.key"))
        .arg(dir.path().join("box"))
        .spawn()
        .unwrap();
    wait_for_port(port).await;
    Smtp { child, port, dir }
}

fn delivered(box_dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        for e in std::fs::read_dir(box_dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    out
}

async fn send(server: &Smtp, tls: SmtpTls, ca: Option<PathBuf>) -> mognad_app::Result<usize> {
    let folder = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(&MailConfig {
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: server.port,
        smtp_tls: tls,
        smtp_ca_file: ca,
        smtp_user: None,
        smtp_password: None,
        from: "Mognad <mognad@ekby.se>".into(),
        folder: folder.path().to_path_buf(),
    })?;
    let links = vec![IssuedLink {
        person_name: "Åsa Öberg".into(),
        email: Some("asa@ekby.se".into()),
        group_name: "Ledningen".into(),
        token: "token-asa".into(),
    }];
    let about = Invitation {
        round: "0-mätning",
        org: "Ekby kommun",
        language: Language::Sv,
        base_url: "https://mognad.ekby.se",
        reminder: false,
    };
    Ok(mailer.send_invitations(&links, &about).await?.sent)
}

async fn delivers_over(mode: &str, tls: SmtpTls) {
    let Some(python) = python() else {
        missing("Python with aiosmtpd (MOGNAD_TEST_PYTHON)");
        return;
    };
    let server = smtp(&python, mode).await;
    let ca = server.dir.path().join("ca.pem");
    // Not trusted without the authority that signed the server's certificate.
    let untrusted = send(&server, tls, None).await;
    assert!(
        !matches!(untrusted, Ok(1)),
        "a mail went to a server whose certificate is not trusted"
    );
    assert_eq!(send(&server, tls, Some(ca)).await.unwrap(), 1);
    let mut mails = Vec::new();
    for _ in 0..50 {
        mails = delivered(&server.dir.path().join("box"));
        if !mails.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(mails.len(), 1, "one mail delivered over {mode}");
    assert!(mails[0].contains("https://mognad.ekby.se/r/token-asa"));
}

#[tokio::test]
async fn mail_goes_over_starttls() {
    delivers_over("starttls", SmtpTls::StartTls).await;
}

#[tokio::test]
async fn mail_goes_over_implicit_tls() {
    delivers_over("tls", SmtpTls::Tls).await;
}
