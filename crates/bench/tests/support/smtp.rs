//! A real mail server for the server tests: Python's aiosmtpd, keeping every mail it accepts as
//! a file in a Maildir, so a test can count what arrived by each mail's Message-ID.
//!
//! Needs a Python with aiosmtpd (`MOGNAD_TEST_PYTHON`, which CI installs); without one the
//! sink is not started locally, and under `CI=true` that is a failure.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Sink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    pub async fn start() -> Option<Sink> {
        let python = std::env::var("MOGNAD_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let ready = Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
        if !ready {
            assert!(
                std::env::var("CI").is_err(),
                "CI must provide aiosmtpd (MOGNAD_TEST_PYTHON)"
            );
            eprintln!("no Python with aiosmtpd: the outbox part is skipped");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Held from here on, so a panic below still stops the server.
        let sink = Sink { child, port, dir };
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(sink);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the mail server did not come up");
    }

    /// The server's settings for sending here.
    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("MOGNAD_SMTP_HOST", "127.0.0.1".to_owned()),
            ("MOGNAD_SMTP_PORT", self.port.to_string()),
            ("MOGNAD_SMTP_TLS", "none".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// The Message-ID of every mail that arrived, once per arrival.
    pub fn message_ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(files) = std::fs::read_dir(self.dir.path().join("box").join(sub)) else {
                continue;
            };
            for f in files.flatten() {
                let text = std::fs::read_to_string(f.path()).unwrap_or_default();
                let id = text
                    .lines()
                    .find_map(|l| {
                        l.strip_prefix("Message-ID: ")
                            .or_else(|| l.strip_prefix("Message-Id: "))
                    })
                    .unwrap_or("(none)");
                out.push(id.trim().to_owned());
            }
        }
        out
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
