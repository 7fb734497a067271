//! The `mognad` binary as an operator uses it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn mognad(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mognad"))
        .current_dir(dir)
        .args(args)
        .env_remove("MOGNAD_DATABASE_URL")
        .env_remove("MOGNAD_DATA_DIR")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn operator_commands_work_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(ok(&mognad(d, &["demo"])).contains("400 people"));
    assert!(
        d.join("data/mognad.db").exists(),
        "the default database lives in ./data"
    );

    ok(&mognad(d, &["org", "add", "Söderby kommun"]));
    let added = ok(&mognad(
        d,
        &[
            "user",
            "add",
            "--org",
            "Söderby kommun",
            "--role",
            "owner",
            "--email",
            "agare@soderby.se",
        ],
    ));
    assert!(added.contains("Password for agare@soderby.se: "), "{added}");
    assert!(added.contains("owner in Söderby kommun"));
    let bad = mognad(
        d,
        &[
            "user",
            "add",
            "--org",
            "Söderby kommun",
            "--role",
            "king",
            "--email",
            "x@soderby.se",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown role"));
    let nowhere = mognad(
        d,
        &["user", "add", "--org", "Ingenstans", "--email", "x@soderby.se"],
    );
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("no organisation"));

    ok(&mognad(d, &["backup", "copy.db"]));
    assert!(d.join("copy.db").exists());
    assert!(
        !mognad(d, &["backup", "copy.db"]).status.success(),
        "a backup never overwrites"
    );

    ok(&mognad(d, &["export", "Norrvik kommun", "norrvik.json"]));
    let other = format!("sqlite:{}", d.join("other/x.db").display());
    assert!(
        ok(&mognad(d, &["--database-url", &other, "import", "norrvik.json"]))
            .contains("Imported Norrvik kommun")
    );
    let json = ok(&mognad(
        d,
        &["--database-url", &other, "export", "Norrvik kommun", "-"],
    ));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["people"].as_array().unwrap().len(), 400);
    assert!(
        !mognad(d, &["--database-url", &other, "import", "norrvik.json"])
            .status
            .success(),
        "no duplicate import"
    );

    if let Ok(pg) = std::env::var("MOGNAD_TEST_POSTGRES_URL") {
        // A fresh schema so runs do not see each other.
        let schema = format!("mognad_cli_{}", std::process::id());
        let url = format!("{pg}?options=-c%20search_path%3D{schema}");
        let psql = |sql: &str| Command::new("psql").args([pg.as_str(), "-qc", sql]).status();
        if psql(&format!("CREATE SCHEMA {schema}")).is_ok_and(|s| s.success()) {
            let out = mognad(d, &["--database-url", &url, "import", "norrvik.json"]);
            let _ = psql(&format!("DROP SCHEMA {schema} CASCADE"));
            assert!(
                ok(&out).contains("Imported Norrvik kommun"),
                "SQLite export imports into PostgreSQL"
            );
        }
    }
}

#[test]
fn serve_demo_prints_a_sign_in_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mognad"))
        .current_dir(dir.path())
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut url = None;
    let mut sign_in = None;
    while let Some(Ok(line)) = lines.next() {
        if let Some(rest) = line.strip_prefix("Mognad is running at ") {
            url = Some(rest.trim().to_owned());
        }
        if line.starts_with("Sign in as ") {
            sign_in = Some(line);
        }
        if url.is_some() {
            break;
        }
    }
    let url = url.expect("the URL is printed");
    assert!(sign_in.expect("a sign-in is printed").contains("with password "));
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        dir.path().join("data/demo.db").exists(),
        "the demo has its own database"
    );
}
