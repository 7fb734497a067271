//! The background worker that mails notifications from the outbox table: each tick it makes the
//! morning's digests when due, then claims, renders (in the reader's language, from the
//! translation files) and sends waiting mails one at a time until none waits.
//!
//! Each server runs one; the claims live in the database, so several servers on one database
//! share the work without sending a mail twice. See `mognad_app::platform::notices` for what a
//! crash can and cannot do.

use crate::AppState;
use crate::i18n::Tr;
use std::time::Duration;

/// How the worker runs.
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    /// Where links in mails point (the public address), without a trailing slash.
    pub base: String,
    /// How long a claimed mail is this worker's; must outlast the mail server's time-out.
    pub lease: Duration,
    /// How often the worker looks for waiting mail.
    pub every: Duration,
}

/// Sends every waiting mail now; returns how many went. Stops at the first database error
/// (the next tick tries again); a send that fails is recorded on its row and retried later.
pub async fn deliver(state: &AppState, cfg: &OutboxConfig) -> mognad_app::Result<usize> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(0);
    };
    let platform = state.app.platform();
    let lease = chrono::Duration::from_std(cfg.lease).unwrap_or(chrono::Duration::minutes(2));
    let mut sent = 0;
    while let Some(m) = platform.claim_mail(lease).await? {
        let (subject, body) = crate::platform::pages::notices::mail(Tr::new(m.language), &m, &cfg.base);
        let reply_to = m.params["reply_to"].as_str();
        match mailer
            .send_notice(m.id.0, (&m.name, &m.email), reply_to, &subject, &body)
            .await
        {
            Ok(()) => {
                if !platform.mail_sent(&m).await? {
                    tracing::warn!(id = %m.id, "a mail was sent after its claim ran out; another server may send it too");
                }
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(id = %m.id, error = %e, "a notification mail could not be sent; tried again later");
                platform.mail_failed(&m, &e.to_string()).await?;
            }
        }
    }
    Ok(sent)
}

/// Runs the worker for as long as the server runs.
pub fn start(state: AppState, cfg: OutboxConfig) {
    if cfg.lease < mognad_app::platform::mail::SMTP_TIMEOUT {
        tracing::warn!(
            lease = cfg.lease.as_secs(),
            "mail_lease_seconds is shorter than the mail server's time-out: a slow send could be \
             claimed by another server and go twice"
        );
    }
    tokio::spawn(async move {
        let mut every = tokio::time::interval(cfg.every);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match state.app.platform().make_digests(chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(digests = n, "made the day's digests"),
                Err(e) => {
                    tracing::warn!(error = %e, "making the day's digests failed; next tick tries again")
                }
            }
            if let Err(e) = deliver(&state, &cfg).await {
                tracing::warn!(error = %e, "the mail outbox could not be read; next tick tries again");
            }
        }
    });
}
