//! Mognad's web server: server-rendered HTML pages, the JSON API under `/api/v1` with its
//! OpenAPI description, health and metrics endpoints.
//!
//! Handlers are thin: they parse the request, call one use case of `mognad_app`, and render.
//! Cross-cutting rules live in middleware: CSRF (every unsafe method), security headers (every
//! response), request metrics.

pub mod api;
pub mod client_addr;
pub mod competence;
pub mod csrf;
pub mod error;
pub mod error_frame;
pub mod extract;
pub mod http;
pub mod i18n;
pub mod markdown;
pub mod measurement;
pub mod metrics;
pub mod nav;
pub mod openapi;
pub mod org;
pub mod page;
pub mod plan;
pub mod platform;
pub mod routes;
pub mod security;
pub mod server;
pub mod session;
pub mod views;

use mognad_app::App;
use std::sync::Arc;

/// Settings the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure`: set when Mognad is served over TLS (directly or via a proxy).
    pub secure_cookies: bool,
    /// The address respondents reach Mognad at (for links in mails); without it, the address
    /// the admin's browser used.
    pub public_url: Option<String>,
    /// The bearer token a scraper presents at `/metrics`; without one, metrics are not served.
    pub metrics_token: Option<String>,
    /// How long a client has to send a request's body once its head is in.
    pub body_timeout: std::time::Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `client_addr`).
    pub trusted_proxies: Vec<client_addr::Network>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            public_url: None,
            metrics_token: None,
            body_timeout: std::time::Duration::from_secs(30),
            trusted_proxies: Vec::new(),
        }
    }
}

/// Shared state handed to every handler.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<metrics::Metrics>,
    /// Sends invitation mails; without one, links are only shown on the page.
    pub mailer: Option<Arc<mognad_app::platform::mail::Mailer>>,
}

impl AppState {
    pub fn new(app: App, config: WebConfig) -> Self {
        Self {
            app,
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
            mailer: None,
        }
    }

    pub fn with_mailer(mut self, mailer: mognad_app::platform::mail::Mailer) -> Self {
        self.mailer = Some(Arc::new(mailer));
        self
    }
}

/// The complete application router.
pub fn router(state: AppState) -> axum::Router {
    routes::build(state).0
}
