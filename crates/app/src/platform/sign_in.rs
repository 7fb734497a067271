//! Signing in with brakes on password guessing, counted in the database so every server
//! process on it applies the same brakes and a restart does not lift them. Within fifteen
//! minutes a client may fail five times for one account, an account may fail twenty times from
//! all clients together (guessing spread over many addresses), and a client fifty times over
//! all accounts (one address trying many). A success clears its own client-and-account count.
//! Behind a reverse proxy the client is the address the proxy saw (web's `client_addr`).

use crate::platform::audit::record_account;
use crate::platform::two_factor::SignIn;
use crate::{AppError, Result};
use chrono::Utc;
use mognad_domain::text::Email;
use mognad_store::{throttle, users};

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
    /// [`login`](Self::login), refused with `Throttled` while any brake is on; an account with
    /// two-factor sign-in gets a challenge for its code instead of a session.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(&self, email: &str, password: &str, client: &str) -> Result<SignIn> {
        let keys = buckets(client, email);
        let now = Utc::now().timestamp();
        let since = now - WINDOW_SECS;
        // The attempt is counted before it is made, so parallel guesses cannot all pass under
        // the limit; a success takes its count back.
        // A brake that is on refuses without writing, so hammering a locked account does not
        // push its count further (nor queue writes).
        let mut tx = self.db.read().await?;
        for (key, limit) in &keys {
            if throttle::failures(&mut tx, key, since).await? >= *limit {
                tx.rollback().await?;
                return Err(AppError::Throttled);
            }
        }
        tx.rollback().await?;
        let mut tx = self.db.write().await?;
        let mut over = false;
        for (key, limit) in &keys {
            over |= throttle::fail(&mut tx, key, now, since).await? > *limit;
        }
        if over {
            // Lost a race with other attempts: this one is not made, and not counted.
            for (key, _) in &keys {
                throttle::undo(&mut tx, key).await?;
            }
            tx.commit().await?;
            return Err(AppError::Throttled);
        }
        tx.commit().await?;
        let result = self.login(email, password).await;
        let mut tx = self.db.write().await?;
        match &result {
            Ok(session) => {
                throttle::clear(&mut tx, &keys[0].0).await?;
                for (key, _) in &keys[1..] {
                    throttle::undo(&mut tx, key).await?;
                }
                if !self.two_factor_on(&session.user).await? {
                    let email = session.user.email.to_string();
                    record_account(&mut tx, None, Some(&session.user), &email, "sign-in", client).await?;
                }
            }
            Err(AppError::Unauthenticated) => {
                // Failures on an existing account reach its organisations' logs; others are
                // kept for the instance only, with the address as typed (cut to a sane length).
                let account = match Email::parse(email) {
                    Ok(e) => users::by_email(&mut tx, &e).await?,
                    Err(_) => None,
                };
                let typed: String = email.trim().chars().take(120).collect();
                record_account(&mut tx, None, account.as_ref(), &typed, "sign-in-failed", client).await?;
            }
            // Not an answer about the password: the attempt does not count.
            Err(_) => {
                for (key, _) in &keys {
                    throttle::undo(&mut tx, key).await?;
                }
            }
        }
        tx.commit().await?;
        self.challenge_if_needed(result?).await
    }
}
