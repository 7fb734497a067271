//! Personal data that has served its purpose: an organisation's retention periods, applying
//! them, and what erasing a person removes beyond the rows that cascade from `people`.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Duration, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// Days each kind of personal data is kept; `None` keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Retention {
    /// After a round has closed, its personal links forget whom they were sent to.
    pub links_days: Option<i64>,
    /// Unfinished answers (drafts) are thrown away.
    pub drafts_days: Option<i64>,
    /// Intake requests forget how to reach their sender.
    pub contacts_days: Option<i64>,
}

impl Default for Retention {
    /// A link has no use once its round has closed, a draft none after a quarter, a contact
    /// none after a year of follow-up.
    fn default() -> Self {
        Retention {
            links_days: Some(30),
            drafts_days: Some(90),
            contacts_days: Some(365),
        }
    }
}

pub async fn get(tx: &mut Tx, org: OrgId) -> Result<Retention> {
    let row: Option<(Option<i64>, Option<i64>, Option<i64>)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT links_days, drafts_days, contacts_days FROM retention WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    Ok(row.map_or_else(Retention::default, |(l, d, c)| Retention {
        links_days: l,
        drafts_days: d,
        contacts_days: c,
    }))
}

pub async fn set(tx: &mut Tx, org: OrgId, r: &Retention) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO retention (org_id, links_days, drafts_days, contacts_days) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id) DO UPDATE SET links_days = $2, drafts_days = $3, contacts_days = $4"
    )
    .bind(org.0)
    .bind(r.links_days)
    .bind(r.drafts_days)
    .bind(r.contacts_days)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// What one application of the retention periods removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    pub links: u64,
    pub drafts: u64,
    pub contacts: u64,
}

fn cut(now: DateTime<Utc>, days: Option<i64>) -> Option<DateTime<Utc>> {
    days.map(|d| now - Duration::days(d))
}

/// Applies `r` to `org` as of `now`. Counts and tallies are untouched: the answers were never
/// tied to the links.
pub async fn apply(tx: &mut Tx, org: OrgId, r: &Retention, now: DateTime<Utc>) -> Result<Applied> {
    let mut done = Applied::default();
    if let Some(before) = cut(now, r.links_days) {
        done.links = on_tx!(tx, |c| sqlx::query(
            "UPDATE invitations SET person_id = NULL
             WHERE person_id IS NOT NULL AND created_at < $2
               AND round_id IN (SELECT id FROM rounds WHERE org_id = $1 AND state = 'closed')"
        )
        .bind(org.0)
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    if let Some(before) = cut(now, r.drafts_days) {
        done.drafts = on_tx!(tx, |c| sqlx::query(
            "UPDATE invitations SET draft = NULL
             WHERE draft IS NOT NULL AND created_at < $2
               AND round_id IN (SELECT id FROM rounds WHERE org_id = $1)"
        )
        .bind(org.0)
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    if let Some(before) = cut(now, r.contacts_days) {
        done.contacts = on_tx!(tx, |c| sqlx::query(
            "UPDATE intake_submissions SET contact = NULL
             WHERE org_id = $1 AND contact IS NOT NULL AND created_at < $2"
        )
        .bind(org.0)
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        // A follow-up mail carries the contact it went to.
        done.contacts += on_tx!(tx, |c| sqlx::query(
            "DELETE FROM notifications WHERE org_id = $1 AND kind = 'follow-up' AND created_at < $2"
        )
        .bind(org.0)
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(done)
}

/// Removes the notifications of the account with `email` in `org`, and the follow-up mails to
/// that address; returns how many.
pub async fn forget_notifications(tx: &mut Tx, org: OrgId, email: &str) -> Result<u64> {
    Ok(on_tx!(tx, |c| sqlx::query(
        "DELETE FROM notifications WHERE org_id = $1
           AND (user_id IN (SELECT id FROM users WHERE LOWER(email) = LOWER($2))
                OR (kind = 'follow-up' AND LOWER(TRIM(to_email)) = LOWER($2)))"
    )
    .bind(org.0)
    .bind(email)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}

/// Removes the review notifications about `person` (sent to their manager or to colleagues asked
/// for feedback): they name the person, so they go with them.
pub async fn forget_review_notices(tx: &mut Tx, org: OrgId, person: Uuid) -> Result<u64> {
    let about = format!("%\"person\":\"{person}\"%");
    Ok(on_tx!(tx, |c| sqlx::query(
        "DELETE FROM notifications WHERE org_id = $1 AND kind = 'review' AND params LIKE $2"
    )
    .bind(org.0)
    .bind(&about)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}

/// Every organisation, for the background job.
pub async fn organisations(tx: &mut Tx) -> Result<Vec<OrgId>> {
    let ids: Vec<(Uuid,)> = on_tx!(tx, |c| sqlx::query_as("SELECT id FROM organisations")
        .fetch_all(c)
        .await)?;
    Ok(ids.into_iter().map(|(id,)| OrgId(id)).collect())
}

/// The intake requests of `org` that have contact details: (id, contact).
pub async fn contacts(tx: &mut Tx, org: OrgId) -> Result<Vec<(Uuid, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, contact FROM intake_submissions WHERE org_id = $1 AND contact IS NOT NULL"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// The request forgets how to reach its sender.
pub async fn forget_contact(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE intake_submissions SET contact = NULL WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The account with `email` loses its role in `org`; returns whether it had one.
pub async fn end_membership(tx: &mut Tx, org: OrgId, email: &str) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM memberships WHERE org_id = $1 AND user_id IN (SELECT id FROM users WHERE email = $2)"
    )
    .bind(org.0)
    .bind(email)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Whether the account with `email` is the only owner of `org`.
pub async fn last_owner(tx: &mut Tx, org: OrgId, email: &str) -> Result<bool> {
    let (owners, theirs): (i64, i64) = on_tx!(tx, |c| sqlx::query_as(
        "SELECT COUNT(*),
                COALESCE(SUM(CASE WHEN u.email = $2 THEN 1 ELSE 0 END), 0)
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND m.role = 'owner'"
    )
    .bind(org.0)
    .bind(email)
    .fetch_one(c)
    .await)?;
    Ok(owners == 1 && theirs == 1)
}
