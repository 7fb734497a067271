//! Layered configuration: built-in defaults, then `mognad.toml` (or `--config`), then
//! `MOGNAD_*` environment variables, then command-line flags — each layer overriding the last.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Config {
    /// `postgres://…` for PostgreSQL; otherwise a SQLite file (default `<data_dir>/mognad.db`).
    pub database_url: Option<String>,
    /// Where the embedded database and other files live.
    pub data_dir: PathBuf,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Mark cookies Secure (serve over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Log filter, e.g. `info` or `mognad=debug`.
    pub log: String,
    /// The address respondents reach Mognad at, for links in invitation mails.
    pub public_url: Option<String>,
    /// SMTP relay for invitation mails; without it mails are written to `<data_dir>/mail`.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    /// `starttls` (the default), `tls` (implicit TLS, port 465) or `none` (a relay nearby).
    pub smtp_tls: mognad_app::platform::mail::SmtpTls,
    /// A PEM file with an authority to trust for the SMTP server besides the system's.
    pub smtp_ca_file: Option<PathBuf>,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    /// Sender of invitation mails.
    pub mail_from: String,
    /// Seconds a server holds a notification mail it is sending before another may take it
    /// (keep it above the mail server's 30-second time-out).
    pub mail_lease_seconds: u64,
    /// Bearer token a scraper presents at `/metrics`; without it metrics are not served.
    pub metrics_token: Option<String>,
    /// Reverse proxies (addresses or networks such as `10.0.0.0/8`) whose `X-Forwarded-For`
    /// names the client; empty: the connection's address is the client's.
    pub trusted_proxies: Vec<String>,
    /// Seconds a client has to send a request's head (slow clients are cut off).
    pub header_timeout: u64,
    /// Seconds a client has to send a request's body.
    pub body_timeout: u64,
    /// Connections served at once.
    pub max_connections: usize,
    /// Seconds requests in flight may take to finish after SIGTERM.
    pub drain_timeout: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("data"),
            listen: "127.0.0.1:8080".parse().expect("valid default address"),
            secure_cookies: false,
            log: "info".into(),
            public_url: None,
            smtp_host: None,
            smtp_port: 25,
            smtp_tls: Default::default(),
            smtp_ca_file: None,
            smtp_user: None,
            smtp_password: None,
            mail_from: "Mognad <mognad@localhost>".into(),
            mail_lease_seconds: 120,
            metrics_token: None,
            trusted_proxies: Vec::new(),
            header_timeout: 10,
            body_timeout: 30,
            max_connections: 1024,
            drain_timeout: 20,
        }
    }
}

/// Flags that override the files and environment when given.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
}

impl Config {
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Config, Box<figment::Error>> {
        let file = file
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("mognad.toml"));
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("MOGNAD_"))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(Box::new)
    }

    /// The database URL to open: the configured one, or a SQLite file named `file` in the data dir.
    pub fn database(&self, file: &str) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite:{}", self.data_dir.join(file).display()))
    }
}

// figment's test jail returns its own (large) error type; boxing is not ours to choose there.
#[cfg(test)]
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn layers_override_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "mognad.toml",
                "listen = \"127.0.0.1:9000\"\nlog = \"debug\"\ndata_dir = \"from-file\"",
            )?;
            jail.set_env("MOGNAD_DATA_DIR", "from-env");
            let c = Config::load(None, &Overrides::default()).map_err(|e| *e)?;
            assert_eq!(c.listen.port(), 9000);
            assert_eq!(c.log, "debug");
            assert_eq!(
                c.data_dir,
                PathBuf::from("from-env"),
                "environment beats the file"
            );
            let flags = Overrides {
                data_dir: Some("from-flag".into()),
                ..Default::default()
            };
            let c = Config::load(None, &flags).map_err(|e| *e)?;
            assert_eq!(
                c.data_dir,
                PathBuf::from("from-flag"),
                "flags beat the environment"
            );
            assert_eq!(c.database("x.db"), "sqlite:from-flag/x.db");
            Ok(())
        });
    }

    #[test]
    fn defaults_need_no_file() {
        figment::Jail::expect_with(|_| {
            assert_eq!(
                Config::load(None, &Overrides::default()).map_err(|e| *e)?,
                Config::default()
            );
            Ok(())
        });
    }
}
