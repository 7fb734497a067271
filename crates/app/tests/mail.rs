//! Invitation mails: written as .eml files without SMTP, and delivered to a real SMTP server
//! (Python's aiosmtpd, started by the test) when one is configured.
//!
//! The SMTP test needs a Python with aiosmtpd: `MOGNAD_TEST_PYTHON` names it (CI installs one);
//! without it the test is skipped locally and fails under `CI=true`.

use mognad_app::measurement::invite::IssuedLink;
use mognad_app::platform::mail::{Invitation, MailConfig, Mailer, SmtpTls};
use mognad_domain::org::Language;
use std::path::Path;
use std::time::Duration;

fn links() -> Vec<IssuedLink> {
    vec![
        IssuedLink {
            person_name: "Åsa Öberg".into(),
            email: Some("asa@ekby.se".into()),
            group_name: "Ledningen".into(),
            token: "token-asa".into(),
        },
        IssuedLink {
            person_name: "Utan Adress".into(),
            email: None,
            group_name: "Ledningen".into(),
            token: "token-none".into(),
        },
    ]
}

fn config(dir: &Path, smtp: Option<u16>) -> MailConfig {
    MailConfig {
        smtp_host: smtp.map(|_| "127.0.0.1".into()),
        smtp_port: smtp.unwrap_or(25),
        smtp_tls: SmtpTls::None,
        smtp_ca_file: None,
        smtp_user: None,
        smtp_password: None,
        from: "Mognad <mognad@ekby.se>".into(),
        folder: dir.to_path_buf(),
    }
}

fn about(lang: Language) -> Invitation<'static> {
    Invitation {
        round: "0-mätning 2026",
        org: "Ekby kommun",
        language: lang,
        base_url: "https://mognad.ekby.se",
        reminder: false,
    }
}

/// Every file's content under `dir`, recursively.
fn read_all(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(read_all(&p));
        } else if let Ok(s) = std::fs::read_to_string(&p) {
            out.push(s);
        }
    }
    out
}

#[tokio::test]
async fn without_smtp_mails_are_written_as_eml_files() {
    let dir = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(&config(dir.path(), None)).unwrap();
    let report = mailer
        .send_invitations(&links(), &about(Language::Sv))
        .await
        .unwrap();
    assert_eq!((report.sent, report.without_email), (1, 1));
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    assert!(files[0].path().extension().is_some_and(|e| e == "eml"));
    let mail = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(mail.contains("asa@ekby.se"));
    assert!(mail.contains("https://mognad.ekby.se/r/token-asa"), "{mail}");
}

#[tokio::test]
async fn invitations_reach_a_real_smtp_server() {
    let python = std::env::var("MOGNAD_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_aiosmtpd = std::process::Command::new(&python)
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_aiosmtpd {
        assert!(
            std::env::var("CI").is_err(),
            "CI must provide a Python with aiosmtpd (MOGNAD_TEST_PYTHON)"
        );
        eprintln!("skipped: no Python with aiosmtpd");
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let maildir = tempfile::tempdir().unwrap();
    let mut server = std::process::Command::new(&python)
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir.path().join("box"))
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let unused = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(&config(unused.path(), Some(port))).unwrap();
    let report = mailer.send_invitations(&links(), &about(Language::En)).await;
    let mut delivered = Vec::new();
    for _ in 0..50 {
        delivered = read_all(&maildir.path().join("box"));
        if !delivered.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.kill().ok();
    server.wait().ok();
    let report = report.unwrap();
    assert_eq!((report.sent, report.without_email, report.folder), (1, 1, None));
    assert_eq!(delivered.len(), 1, "one mail delivered");
    let mail = &delivered[0];
    assert!(mail.contains("asa@ekby.se") && mail.contains("https://mognad.ekby.se/r/token-asa"));
    assert!(
        mail.contains("personal link"),
        "written in the organisation's language: {mail}"
    );
    assert!(
        std::fs::read_dir(unused.path()).unwrap().next().is_none(),
        "nothing written to the folder"
    );
}

#[tokio::test]
async fn mail_files_from_trying_out_are_not_kept_once_smtp_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let folder = Mailer::new(&config(dir.path(), None)).unwrap();
    folder
        .send_invitations(&links(), &about(Language::Sv))
        .await
        .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "kept").unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    // Starting with a mail server removes the files that hold personal links, and only those.
    Mailer::new(&config(dir.path(), Some(2525))).unwrap();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["notes.txt".to_string()]);
}
