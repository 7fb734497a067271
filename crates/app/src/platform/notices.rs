//! Notifications for their reader (the list, read marks, what to mail) and the outbox for the
//! worker that mails them.
//!
//! The outbox is a table: a notification is written in the transaction of the change it tells
//! of and waits there as `pending`. A worker claims one row at a time with a lease in the
//! database (so several servers never hold the same row), sends it, and marks it `sent` right
//! after the mail server accepted it. A server killed between the mail server's answer and that
//! mark leaves the row to be claimed again when the lease runs out, so that one mail can go
//! twice; it then carries the same `Message-ID` (the row's id), by which a mail system knows it
//! for the same message. Everything else is sent exactly once: nothing is lost to a restart,
//! and nothing is sent by two servers.

use crate::plan::notify;
use crate::{Actor, Result};
use chrono::{DateTime, Duration, Utc};
use mognad_domain::ids::{NotificationId, OrgId, TaskId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::notifications as store;
use serde::{Deserialize, Serialize};

/// Notifications shown on one page of the list.
pub const PAGE: i64 = 50;
/// Attempts at a mail before it is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// One notification as its reader sees it; the texts are made from `params` in their language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Notice {
    #[schema(value_type = String, format = Uuid)]
    pub id: NotificationId,
    /// `assigned`, `mentioned` or `digest`.
    pub kind: String,
    #[schema(value_type = Option<String>, format = Uuid)]
    pub task_id: Option<TaskId>,
    /// What the texts name: `card` and `by`; `excerpt` for a mention; `overdue`, `today`,
    /// `tomorrow` and `cards` for a digest.
    #[schema(value_type = Object)]
    pub params: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read: bool,
    /// `pending`, `sent`, `failed`, or `none` when not to be mailed.
    pub mail: String,
}

/// A page of a member's notifications.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Notices {
    pub items: Vec<Notice>,
    pub unread: i64,
    /// The `before` that gives the next page, when there is one.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub next: Option<NotificationId>,
}

/// What a member wants mailed (the list in the app always has everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NoticeSettings {
    pub assigned: bool,
    pub mentioned: bool,
    pub digest: bool,
}

/// A claimed mail, ready to render and send.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub id: NotificationId,
    pub org: OrgId,
    pub org_name: String,
    pub kind: String,
    pub task: Option<TaskId>,
    pub params: serde_json::Value,
    pub email: String,
    pub name: String,
    pub language: Language,
    /// Tries so far, this one included.
    pub attempts: i64,
    /// Until when this worker holds it.
    pub lease: DateTime<Utc>,
}

fn parse_params(raw: &str) -> serde_json::Value {
    serde_json::from_str(raw).unwrap_or(serde_json::Value::Null)
}

impl super::Platform<'_> {
    /// A page of the member's own notifications, newest first, and how many are unread.
    #[tracing::instrument(skip_all)]
    pub async fn notices(&self, actor: &Actor, before: Option<NotificationId>) -> Result<Notices> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let user = actor.user.id.0;
        let rows = store::list(&mut tx, actor.org, user, before.map(|b| b.0), PAGE + 1).await?;
        let unread = store::unread(&mut tx, actor.org, user).await?;
        tx.rollback().await?;
        let more = rows.len() as i64 > PAGE;
        let items: Vec<Notice> = rows
            .into_iter()
            .take(PAGE as usize)
            .map(|n| Notice {
                id: NotificationId(n.id),
                kind: n.kind,
                task_id: n.task_id.map(TaskId),
                params: parse_params(&n.params),
                created_at: n.created_at,
                read: n.read_at.is_some(),
                mail: n.mail,
            })
            .collect();
        let next = if more { items.last().map(|n| n.id) } else { None };
        Ok(Notices { items, unread, next })
    }

    /// Marks all the member's notifications read; returns how many were unread.
    #[tracing::instrument(skip_all)]
    pub async fn mark_notices_read(&self, actor: &Actor) -> Result<u64> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        let n = store::mark_read(&mut tx, actor.org, actor.user.id.0, Utc::now()).await?;
        tx.commit().await?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    pub async fn notice_settings(&self, actor: &Actor) -> Result<NoticeSettings> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let (assigned, mentioned, digest) = store::settings(&mut tx, actor.org, actor.user.id.0).await?;
        tx.rollback().await?;
        Ok(NoticeSettings {
            assigned,
            mentioned,
            digest,
        })
    }

    /// Saves what the member wants mailed from now on.
    #[tracing::instrument(skip_all)]
    pub async fn save_notice_settings(&self, actor: &Actor, s: NoticeSettings) -> Result<()> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        store::save_settings(
            &mut tx,
            actor.org,
            actor.user.id.0,
            (s.assigned, s.mentioned, s.digest),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Claims the oldest waiting mail for `lease`, or `None` when none waits. A mail to a member
    /// who has left or been paused, or without an address, is given up on the way.
    pub async fn claim_mail(&self, lease: Duration) -> Result<Option<OutgoingMail>> {
        use chrono::SubsecRound;
        let now = Utc::now();
        // Whole microseconds, as PostgreSQL keeps them, so the claim can be recognised later.
        let until = (now + lease).trunc_subsecs(6);
        let mut tx = self.db.read().await?;
        let waiting = store::waiting(&mut tx, now, 10).await?;
        tx.rollback().await?;
        for id in waiting {
            let mut tx = self.db.write().await?;
            if !store::claim(&mut tx, id, now, until).await? {
                continue;
            }
            let Some(o) = store::outgoing(&mut tx, id).await? else {
                continue;
            };
            let email = o.email.clone().filter(|e| !e.is_empty());
            if email.is_none() || !o.live {
                let why = if o.live {
                    "no address to send to"
                } else {
                    "no longer a member"
                };
                store::failed(&mut tx, id, until, why, None).await?;
                tx.commit().await?;
                continue;
            }
            tx.commit().await?;
            let email = email.unwrap_or_default();
            let language = o
                .language
                .as_deref()
                .or(Some(o.org_language.as_str()))
                .and_then(|l| Language::parse(l).ok())
                .unwrap_or(Language::Sv);
            return Ok(Some(OutgoingMail {
                id: NotificationId(id),
                org: OrgId(o.org_id),
                org_name: o.org_name,
                kind: o.kind,
                task: o.task_id.map(TaskId),
                params: parse_params(&o.params),
                name: o.name.unwrap_or_else(|| email.clone()),
                email,
                language,
                attempts: o.attempts,
                lease: until,
            }));
        }
        Ok(None)
    }

    /// Marks a claimed mail sent; committed before anything else is claimed. `false` when the
    /// claim had run out and another worker took the mail over (it is then theirs to mark).
    pub async fn mail_sent(&self, m: &OutgoingMail) -> Result<bool> {
        let mut tx = self.db.write().await?;
        let mine = store::sent(&mut tx, m.id.0, m.lease, Utc::now()).await?;
        tx.commit().await?;
        Ok(mine)
    }

    /// Records a failed send: tried again later (a minute, then twice as long each time, at
    /// most an hour), or given up after [`MAX_ATTEMPTS`].
    pub async fn mail_failed(&self, m: &OutgoingMail, error: &str) -> Result<()> {
        let wait = Duration::minutes(1i64 << m.attempts.clamp(0, 6)).min(Duration::hours(1));
        let retry = (m.attempts < MAX_ATTEMPTS).then(|| Utc::now() + wait);
        let mut tx = self.db.write().await?;
        store::failed(&mut tx, m.id.0, m.lease, error, retry).await?;
        tx.commit().await?;
        if retry.is_none() {
            tracing::warn!(id = %m.id, error, "a notification mail was given up");
        }
        Ok(())
    }

    /// Makes the day's digests once the morning has come and they are not made yet; returns how
    /// many were made.
    pub async fn make_digests(&self, now: DateTime<Utc>) -> Result<usize> {
        let Some(day) = notify::digest_day(now) else {
            return Ok(0);
        };
        let mut tx = self.db.read().await?;
        let done = store::digest_done(&mut tx, day).await?;
        tx.rollback().await?;
        if done {
            return Ok(0);
        }
        // One organisation a transaction, so a large instance does not hold the writer long.
        let mut tx = self.db.read().await?;
        let orgs = mognad_store::orgs::list(&mut tx).await?;
        tx.rollback().await?;
        let mut made = 0;
        for org in orgs {
            let mut tx = self.db.write().await?;
            made += notify::digests(&mut tx, org.id, day).await?;
            tx.commit().await?;
        }
        let mut tx = self.db.write().await?;
        store::mark_digest_done(&mut tx, day, now).await?;
        tx.commit().await?;
        Ok(made)
    }

    /// How many mails wait, went and were given up: (`pending`, `sent`, `failed`).
    pub async fn outbox_counts(&self) -> Result<(i64, i64, i64)> {
        let mut tx = self.db.read().await?;
        let rows = store::mail_counts(&mut tx).await?;
        tx.rollback().await?;
        let get = |k: &str| rows.iter().find(|(m, _)| m == k).map_or(0, |r| r.1);
        Ok((get("pending"), get("sent"), get("failed")))
    }
}
