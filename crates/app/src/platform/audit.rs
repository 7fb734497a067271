//! The audit log: who did what security-relevant thing, when and from where. Use cases record
//! their action in the same transaction as the action itself, so the log holds exactly what
//! happened. Owners read and export it. It never holds survey answers: subjects name accounts,
//! tokens, rounds and files, nothing a respondent wrote.

use crate::{Actor, AppError, Result};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use mognad_store::Tx;
use mognad_store::audit::{self, Entry};
use mognad_store::users::User;
use uuid::Uuid;

/// Every action the log knows, each with a translation `audit-<action>` in the UI.
pub const ACTIONS: &[&str] = &[
    "sign-in",
    "sign-in-failed",
    "password-changed",
    "password-reset",
    "member-invited",
    "invitation-withdrawn",
    "invitation-accepted",
    "role-changed",
    "member-deactivated",
    "member-reactivated",
    "token-created",
    "token-revoked",
    "token-used",
    "org-created",
    "round-state",
    "export",
    "import",
    "person-erased",
    "deleted",
    "retention-changed",
    "two-factor-on",
    "two-factor-off",
    "two-factor-policy",
    "sso-changed",
    "benchmark-changed",
    "budget-cut",
    "follow-up-mail",
    "framework-moved",
    "review-started",
    "review-closed",
];

/// How many entries one page of the log shows.
pub const PAGE: i64 = 100;

/// Appends what `actor` did to the organisation's log, inside the caller's transaction.
pub(crate) async fn record(tx: &mut Tx, actor: &Actor, action: &'static str, subject: &str) -> Result<()> {
    debug_assert!(ACTIONS.contains(&action), "unknown audit action {action}");
    audit::append(
        tx,
        &Entry {
            id: Uuid::now_v7(),
            org: Some(actor.org),
            at: Utc::now(),
            actor_id: Some(actor.user.id),
            actor: actor.user.email.to_string(),
            token: actor.via.token.clone(),
            action: action.to_owned(),
            subject: subject.to_owned(),
            client: actor.via.client.clone(),
        },
    )
    .await?;
    Ok(())
}

/// Appends an action of an account outside any one organisation (signing in, a password).
pub(crate) async fn record_account(
    tx: &mut Tx,
    org: Option<OrgId>,
    user: Option<&User>,
    email: &str,
    action: &'static str,
    client: &str,
) -> Result<()> {
    debug_assert!(ACTIONS.contains(&action), "unknown audit action {action}");
    audit::append(
        tx,
        &Entry {
            id: Uuid::now_v7(),
            org,
            at: Utc::now(),
            actor_id: user.map(|u| u.id),
            actor: email.to_owned(),
            token: None,
            action: action.to_owned(),
            subject: String::new(),
            client: client.to_owned(),
        },
    )
    .await?;
    Ok(())
}

/// Records in a transaction of its own, for actions that only read (exports).
pub(crate) async fn note(
    db: &mognad_store::Db,
    actor: &Actor,
    action: &'static str,
    subject: &str,
) -> Result<()> {
    let mut tx = db.write().await?;
    record(&mut tx, actor, action, subject).await?;
    tx.commit().await?;
    Ok(())
}

impl super::Platform<'_> {
    /// A page of the organisation's log, newest first, before `before` (the oldest entry of
    /// the previous page) or from now. Owners only.
    #[tracing::instrument(skip_all)]
    pub async fn audit_log(&self, actor: &Actor, before: Option<DateTime<Utc>>) -> Result<Vec<Entry>> {
        actor.require(Role::Owner)?;
        let mut tx = self.db.read().await?;
        let before = before.unwrap_or_else(|| Utc::now() + chrono::Duration::seconds(1));
        Ok(audit::list(&mut tx, actor.org, before, PAGE).await?)
    }

    /// The whole log, for export. Owners only; the export itself is logged.
    #[tracing::instrument(skip_all)]
    pub async fn audit_export(&self, actor: &Actor) -> Result<Vec<Entry>> {
        actor.require(Role::Owner)?;
        let mut tx = self.db.write().await?;
        record(&mut tx, actor, "export", "audit-log").await?;
        let all = audit::list(
            &mut tx,
            actor.org,
            Utc::now() + chrono::Duration::seconds(1),
            i64::MAX,
        )
        .await?;
        tx.commit().await?;
        Ok(all)
    }

    /// Appends an action done elsewhere (an export served by the web layer) to the log.
    #[tracing::instrument(skip_all)]
    pub async fn audit(&self, actor: &Actor, action: &'static str, subject: &str) -> Result<()> {
        if !ACTIONS.contains(&action) {
            return Err(AppError::Internal(format!("unknown audit action {action}")));
        }
        note(&self.db, actor, action, subject).await
    }
}
