//! Signing in with brakes on password guessing, counted in the database so every server
//! process on it applies the same brakes and a restart does not lift them. Within fifteen
//! minutes a client may fail five times for one account, an account may fail twenty times from
//! all clients together (guessing spread over many addresses), and a client fifty times over
//! all accounts (one address trying many). A success clears its own client-and-account count.
//! Behind a reverse proxy the client is the address the proxy saw (web's `client_addr`).

use crate::platform::audit::record_account;
use crate::platform::brakes::{count_attempt, take_back};
use crate::platform::two_factor::SignIn;
use crate::{AppError, Result};
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
        // Counted before it is made; a success takes its count back below.
        count_attempt(&self.db, &keys, WINDOW_SECS).await?;
        let result = self.login(email, password).await;
        let mut tx = self.db.write().await?;
        match &result {
            Ok(session) => {
                throttle::clear(&mut tx, &keys[0].0).await?;
                take_back(&mut tx, &keys[1..]).await?;
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
            Err(_) => take_back(&mut tx, &keys).await?,
        }
        tx.commit().await?;
        self.challenge_if_needed(result?).await
    }
}
