//! A minimal HTTP/1.1 client over one kept-alive connection: just what the load driver needs
//! (GET, form POST, cookies from `Set-Cookie`), so the measured cost is the server's.

use anyhow::{Context, Result, bail};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct Conn {
    host: String,
    stream: BufReader<TcpStream>,
    pub cookie: Option<String>,
}

pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Conn {
    pub async fn open(addr: &str) -> Result<Conn> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            host: addr.to_owned(),
            stream: BufReader::new(stream),
            cookie: None,
        })
    }

    pub async fn get(&mut self, path: &str) -> Result<Response> {
        self.send("GET", path, None, &[]).await
    }

    /// Times `runs` GETs of a page, each of which must answer 200: each request's microseconds,
    /// and the size of the last body.
    pub async fn time_gets(&mut self, path: &str, runs: usize) -> Result<(Vec<u128>, usize)> {
        let mut times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let t = std::time::Instant::now();
            let res = self.get(path).await?;
            times.push(t.elapsed().as_micros());
            anyhow::ensure!(res.status == 200, "{path} answered {}", res.status);
            size = res.body.len();
        }
        Ok((times, size))
    }

    pub async fn post_form(&mut self, path: &str, body: &str) -> Result<Response> {
        self.send(
            "POST",
            path,
            Some(("application/x-www-form-urlencoded", body)),
            &[],
        )
        .await
    }

    /// A JSON POST with extra headers (the API's CSRF token, an idempotency key).
    pub async fn post_json(&mut self, path: &str, body: &str, headers: &[(&str, &str)]) -> Result<Response> {
        self.send("POST", path, Some(("application/json", body)), headers)
            .await
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<(&str, &str)>,
        headers: &[(&str, &str)],
    ) -> Result<Response> {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept-Language: sv\r\n",
            self.host
        );
        if let Some(c) = &self.cookie {
            req.push_str(&format!("Cookie: {c}\r\n"));
        }
        for (name, value) in headers {
            req.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some((kind, b)) = body {
            req.push_str(&format!(
                "Content-Type: {kind}\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        req.push_str("\r\n");
        if let Some((_, b)) = body {
            req.push_str(b);
        }
        self.stream.get_mut().write_all(req.as_bytes()).await?;
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {line:?}"))?;
        let mut length = 0usize;
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                bail!("connection closed");
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (name, value) = l.split_once(':').unwrap_or((l, ""));
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse()?;
            } else if name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked") {
                bail!("chunked responses are not expected here");
            } else if name.eq_ignore_ascii_case("set-cookie") {
                // Keep every other cookie (a session) beside the new one.
                let pair = value.split(';').next().unwrap_or("");
                if let Some((name, _)) = pair.split_once('=') {
                    let mut kept: Vec<&str> = self
                        .cookie
                        .as_deref()
                        .unwrap_or("")
                        .split("; ")
                        .filter(|c| !c.is_empty() && !c.starts_with(&format!("{name}=")))
                        .collect();
                    kept.push(pair);
                    self.cookie = Some(kept.join("; "));
                }
            }
        }
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await?;
        Ok(Response { status, body })
    }
}
