//! The server process as an operator meets it: ready only while the database takes writes, a
//! client that sends its request head too slowly is cut off, and SIGTERM (what systemd,
//! Docker and Kubernetes send) lets the request in flight finish before the process exits
//! cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Sends `raw` (a whole request) and reads the answer until the server closes.
fn send(addr: &str, raw: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn request(addr: &str, path: &str) -> String {
    send(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}

/// `mognad serve` on a free port with `env` set, and its `host:port` once it listens.
fn serve(dir: &std::path::Path, env: &[(&str, &str)]) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mognad"))
        .current_dir(dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("the server prints its address").unwrap();
        if let Some(rest) = line.strip_prefix("Mognad is running at ") {
            break rest
                .trim()
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_owned();
        }
    };
    (child, addr)
}

#[test]
fn slow_clients_are_cut_off_and_sigterm_drains() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = serve(
        dir.path(),
        &[("MOGNAD_HEADER_TIMEOUT", "1"), ("MOGNAD_DRAIN_TIMEOUT", "10")],
    );

    let ready = request(&addr, "/readyz");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(
        !ready.to_lowercase().contains("set-cookie"),
        "a probe gets no cookie: {ready}"
    );

    // Half a request head, then silence: the server closes the connection after a second.
    let mut slow = TcpStream::connect(&addr).unwrap();
    write!(slow, "GET /login HTTP/1.1\r\nHost: {addr}\r\n").unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let _ = slow.read_to_end(&mut buf);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "a slow client held its connection for {:?}",
        started.elapsed()
    );

    // A request whose body is still coming when SIGTERM arrives is answered all the same.
    let mut inflight = TcpStream::connect(&addr).unwrap();
    let body = "email=a%40b.se&password=x";
    write!(
        inflight,
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    std::thread::sleep(Duration::from_millis(300));
    inflight.write_all(body.as_bytes()).unwrap();
    let mut answer = String::new();
    inflight.read_to_string(&mut answer).unwrap();
    // No CSRF cookie was sent, so the answer is the refusal: what matters is that it came.
    assert!(
        answer.starts_with("HTTP/1.1 403"),
        "the request in flight was cut: {answer:?}"
    );

    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "SIGTERM ends the server cleanly: {status:?}");
    assert!(TcpStream::connect(&addr).is_err(), "nothing listens any more");
}

/// Posts a failed sign-in as the client `forwarded_for` through the connection's address.
fn sign_in_as(addr: &str, forwarded_for: &str) -> String {
    let token = "t".repeat(40);
    let body = format!("_csrf={token}&email=eva%40ekby.se&password=fel");
    send(
        addr,
        &format!(
            "POST /login HTTP/1.1\r\nHost: {addr}\r\nCookie: mognad_csrf={token}\r\nX-Forwarded-For: {forwarded_for}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// Behind a proxy listed in `trusted_proxies`, the sign-in brake counts the client the proxy
/// names, so one client's guessing does not lock out everyone behind the same proxy.
#[test]
fn the_brake_counts_the_client_a_trusted_proxy_names() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = serve(dir.path(), &[("MOGNAD_TRUSTED_PROXIES", "[\"127.0.0.1\"]")]);
    let status = |res: &str| res.split_whitespace().nth(1).unwrap_or("").to_owned();
    for _ in 0..5 {
        let res = sign_in_as(&addr, "198.51.100.1");
        assert_ne!(status(&res), "429", "braked too soon");
    }
    assert_eq!(
        status(&sign_in_as(&addr, "198.51.100.1")),
        "429",
        "the guessing client is braked"
    );
    assert_ne!(
        status(&sign_in_as(&addr, "198.51.100.2")),
        "429",
        "another client behind the same proxy is braked too"
    );
    child.kill().ok();
    child.wait().ok();
}
