//! Signing in with brakes on password guessing, counted in the database so every server
//! process on it applies the same brakes and a restart does not lift them. Within fifteen
//! minutes a client may fail five times for one account, an account may fail twenty times from
//! all clients together (guessing spread over many addresses), and a client fifty times over
//! all accounts (one address trying many). A success clears its own client-and-account count.
//! Behind a reverse proxy the client is the address the proxy saw (web's `client_addr`).

use crate::platform::accounts::NewSession;
use crate::{AppError, Result};
use chrono::Utc;
use mognad_store::throttle;

pub const MAX_FAILURES: i64 = 5;
pub const MAX_ACCOUNT_FAILURES: i64 = 20;
pub const MAX_CLIENT_FAILURES: i64 = 50;
pub const WINDOW_SECS: i64 = 15 * 60;

/// The brakes one attempt counts against, with their limits.
fn buckets(client: &str, email: &str) -> [(String, i64); 3] {
    let email = email.trim().to_lowercase();
    [
        (format!("login:{client}:{email}"), MAX_FAILURES),
        (format!("login-account:{email}"), MAX_ACCOUNT_FAILURES),
        (format!("login-client:{client}"), MAX_CLIENT_FAILURES),
    ]
}

impl super::Platform<'_> {
    /// [`login`](Self::login), refused with `Throttled` while any brake is on.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(&self, email: &str, password: &str, client: &str) -> Result<NewSession> {
        let keys = buckets(client, email);
        let now = Utc::now().timestamp();
        let since = now - WINDOW_SECS;
        let mut tx = self.db.read().await?;
        for (key, limit) in &keys {
            if throttle::failures(&mut tx, key, since).await? >= *limit {
                tx.rollback().await?;
                return Err(AppError::Throttled);
            }
        }
        tx.rollback().await?;
        let result = self.login(email, password).await;
        let mut tx = self.db.write().await?;
        match &result {
            Ok(_) => throttle::clear(&mut tx, &keys[0].0).await?,
            Err(AppError::Unauthenticated) => {
                for (key, _) in &keys {
                    throttle::fail(&mut tx, key, now, since).await?;
                }
            }
            Err(_) => {}
        }
        tx.commit().await?;
        result
    }
}
