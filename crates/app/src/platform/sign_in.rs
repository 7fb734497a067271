//! Signing in with a brake on password guessing: after five failures for one client and
//! account within fifteen minutes, further attempts are refused until the window has passed.
//! The failures are counted in the database, so every server process on it applies the same
//! brake and a restart does not lift it.

use crate::platform::accounts::NewSession;
use crate::{AppError, Result};
use chrono::Utc;
use mognad_store::throttle;

pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_SECS: i64 = 15 * 60;

fn bucket(client: &str, email: &str) -> String {
    format!("login:{client}:{}", email.trim().to_lowercase())
}

impl super::Platform<'_> {
    /// [`login`](Self::login), refused with `Throttled` while `client` has failed too often for
    /// this account.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(&self, email: &str, password: &str, client: &str) -> Result<NewSession> {
        let key = bucket(client, email);
        let now = Utc::now().timestamp();
        let since = now - WINDOW_SECS;
        let mut tx = self.db.read().await?;
        let failures = throttle::failures(&mut tx, &key, since).await?;
        tx.rollback().await?;
        if failures >= MAX_FAILURES {
            return Err(AppError::Throttled);
        }
        let result = self.login(email, password).await;
        let mut tx = self.db.write().await?;
        match &result {
            Ok(_) => throttle::clear(&mut tx, &key).await?,
            Err(AppError::Unauthenticated) => {
                throttle::fail(&mut tx, &key, now, since).await?;
            }
            Err(_) => {}
        }
        tx.commit().await?;
        result
    }
}
