//! Notifications and their outbox: writing one beside the change it tells of, the reader's list,
//! what each member wants mailed, and the worker's claim, send and give-up on a row.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// A notification about to be written.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub org: OrgId,
    pub user: Option<Uuid>,
    /// For someone without an account: (address, name).
    pub to: Option<(&'a str, &'a str)>,
    pub kind: &'a str,
    pub once_key: Option<&'a str>,
    pub task: Option<Uuid>,
    pub params: &'a str,
    /// Whether it is to be mailed.
    pub mail: bool,
    pub now: DateTime<Utc>,
}

/// Writes it; `false` when its once-key was used before (nothing is written then).
pub async fn insert(tx: &mut Tx, n: &NewNotification<'_>) -> Result<bool> {
    let (email, name) = n.to.unzip();
    let affected = on_tx!(tx, |c| sqlx::query(
        "INSERT INTO notifications
           (id, org_id, user_id, to_email, to_name, kind, once_key, task_id, params, created_at, mail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT DO NOTHING"
    )
    .bind(Uuid::now_v7())
    .bind(n.org.0)
    .bind(n.user)
    .bind(email)
    .bind(name)
    .bind(n.kind)
    .bind(n.once_key)
    .bind(n.task)
    .bind(n.params)
    .bind(n.now)
    .bind(if n.mail { "pending" } else { "none" })
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(affected == 1)
}

/// One notification as its reader sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notification {
    pub id: Uuid,
    pub kind: String,
    pub task_id: Option<Uuid>,
    pub params: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub mail: String,
}

/// `user`'s notifications in the organisation, newest first, older than `before` when given.
pub async fn list(
    tx: &mut Tx,
    org: OrgId,
    user: Uuid,
    before: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Notification>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, kind, task_id, params, created_at, read_at, mail FROM notifications
         WHERE org_id = $1 AND user_id = $2 AND ($3 IS NULL OR id < $3)
         ORDER BY id DESC LIMIT $4"
    )
    .bind(org.0)
    .bind(user)
    .bind(before)
    .bind(limit)
    .fetch_all(c)
    .await)?)
}

pub async fn unread(tx: &mut Tx, org: OrgId, user: Uuid) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE org_id = $1 AND user_id = $2 AND read_at IS NULL"
    )
    .bind(org.0)
    .bind(user)
    .fetch_one(c)
    .await)?)
}

/// Marks every unread notification of `user` read; returns how many.
pub async fn mark_read(tx: &mut Tx, org: OrgId, user: Uuid, now: DateTime<Utc>) -> Result<u64> {
    Ok(on_tx!(tx, |c| sqlx::query(
        "UPDATE notifications SET read_at = $3 WHERE org_id = $1 AND user_id = $2 AND read_at IS NULL"
    )
    .bind(org.0)
    .bind(user)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}

/// What a member wants mailed: (assigned, mentioned, digest); everything without a choice made.
pub async fn settings(tx: &mut Tx, org: OrgId, user: Uuid) -> Result<(bool, bool, bool)> {
    let row: Option<(bool, bool, bool)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT assigned, mentioned, digest FROM notification_settings WHERE org_id = $1 AND user_id = $2"
    )
    .bind(org.0)
    .bind(user)
    .fetch_optional(c)
    .await)?;
    Ok(row.unwrap_or((true, true, true)))
}

pub async fn save_settings(tx: &mut Tx, org: OrgId, user: Uuid, choice: (bool, bool, bool)) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO notification_settings (org_id, user_id, assigned, mentioned, digest)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, user_id) DO UPDATE
           SET assigned = excluded.assigned, mentioned = excluded.mentioned, digest = excluded.digest"
    )
    .bind(org.0)
    .bind(user)
    .bind(choice.0)
    .bind(choice.1)
    .bind(choice.2)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Up to `limit` mails waiting to be sent whose lease (if any) has run out, oldest first.
pub async fn waiting(tx: &mut Tx, now: DateTime<Utc>, limit: i64) -> Result<Vec<Uuid>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT id FROM notifications
         WHERE mail = 'pending' AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY id LIMIT $2"
    )
    .bind(now)
    .bind(limit)
    .fetch_all(c)
    .await)?)
}

/// Takes the mail for one worker until `until`; `false` when another holds it or it went.
pub async fn claim(tx: &mut Tx, id: Uuid, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE notifications SET lease_until = $3, attempts = attempts + 1
         WHERE id = $1 AND mail = 'pending' AND (lease_until IS NULL OR lease_until < $2)"
    )
    .bind(id)
    .bind(now)
    .bind(until)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A claimed mail with what sending it needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Outgoing {
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_name: String,
    pub org_language: String,
    pub kind: String,
    pub task_id: Option<Uuid>,
    pub params: String,
    pub attempts: i64,
    pub email: Option<String>,
    pub name: Option<String>,
    /// The account's language; none for someone without an account.
    pub language: Option<String>,
    /// Whether the mail still has someone to go to: a member still active, or an address.
    pub live: bool,
}

pub async fn outgoing(tx: &mut Tx, id: Uuid) -> Result<Option<Outgoing>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT n.id, n.org_id, o.name AS org_name, o.language AS org_language, n.kind, n.task_id,
           n.params, CAST(n.attempts AS BIGINT) AS attempts,
           COALESCE(u.email, n.to_email) AS email, COALESCE(u.display_name, n.to_name) AS name,
           u.language,
           (n.user_id IS NULL OR EXISTS (SELECT 1 FROM memberships m
              WHERE m.user_id = n.user_id AND m.org_id = n.org_id AND m.active)) AS live
         FROM notifications n JOIN organisations o ON o.id = n.org_id
           LEFT JOIN users u ON u.id = n.user_id
         WHERE n.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

/// Marks a mail sent by the worker whose claim ran until `lease`; `false` when that claim had
/// run out and another worker took the row.
pub async fn sent(tx: &mut Tx, id: Uuid, lease: DateTime<Utc>, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE notifications SET mail = 'sent', sent_at = $3, lease_until = NULL, last_error = NULL
         WHERE id = $1 AND mail = 'pending' AND lease_until = $2"
    )
    .bind(id)
    .bind(lease)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records a failed attempt under the claim that ran until `lease`: tried again after
/// `retry_at`, or given up (`None`). Nothing changes when the claim was no longer this worker's.
pub async fn failed(
    tx: &mut Tx,
    id: Uuid,
    lease: DateTime<Utc>,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE notifications
         SET mail = CASE WHEN $4 IS NULL THEN 'failed' ELSE 'pending' END, lease_until = $4, last_error = $3
         WHERE id = $1 AND mail = 'pending' AND lease_until = $2"
    )
    .bind(id)
    .bind(lease)
    .bind(error)
    .bind(retry_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// How many mails are waiting, sent and given up, for the operator's metrics and tests.
pub async fn mail_counts(tx: &mut Tx) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT mail, COUNT(*) FROM notifications GROUP BY mail ORDER BY mail"
    )
    .fetch_all(c)
    .await)?)
}

pub async fn digest_done(tx: &mut Tx, day: NaiveDate) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM digest_days WHERE day = $1"
    )
    .bind(day)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn mark_digest_done(tx: &mut Tx, day: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO digest_days (day, done_at) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    )
    .bind(day)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A member who is a given person, with what they want mailed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub user: Uuid,
    pub assigned: bool,
    pub mentioned: bool,
    pub digest: bool,
}

/// The active members whose account has `person`'s e-mail address.
pub async fn members_of(tx: &mut Tx, org: OrgId, person: Uuid) -> Result<Vec<Recipient>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT u.id AS \"user\", COALESCE(s.assigned, TRUE) AS assigned,
           COALESCE(s.mentioned, TRUE) AS mentioned, COALESCE(s.digest, TRUE) AS digest
         FROM people p JOIN users u ON u.email = p.email
           JOIN memberships m ON m.user_id = u.id AND m.org_id = p.org_id
           LEFT JOIN notification_settings s ON s.org_id = m.org_id AND s.user_id = u.id
         WHERE p.id = $1 AND p.org_id = $2 AND m.active
         ORDER BY u.id"
    )
    .bind(person)
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// A card a digest names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DigestCard {
    pub id: Uuid,
    pub title: String,
    pub due_on: NaiveDate,
}

const DUE: &str = "FROM tasks t JOIN boards b ON b.id = t.board_id
     WHERE t.org_id = $1 AND t.assignee_id = $2 AND t.archived_at IS NULL AND b.archived_at IS NULL
       AND t.done_at IS NULL AND t.due_on IS NOT NULL AND t.due_on <= $3";

/// `person`'s open cards due on or before `until`, earliest first, at most `limit`.
pub async fn digest_cards(
    tx: &mut Tx,
    org: OrgId,
    person: Uuid,
    until: NaiveDate,
    limit: i64,
) -> Result<Vec<DigestCard>> {
    let sql = format!("SELECT t.id, t.title, t.due_on {DUE} ORDER BY t.due_on, t.id LIMIT $4");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(person)
        .bind(until)
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

/// How many of `person`'s open cards are overdue on `day`, due that day and due the next.
pub async fn digest_counts(tx: &mut Tx, org: OrgId, person: Uuid, day: NaiveDate) -> Result<(i64, i64, i64)> {
    let sql = format!(
        "SELECT COALESCE(SUM(CASE WHEN t.due_on < $4 THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN t.due_on = $4 THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN t.due_on > $4 THEN 1 ELSE 0 END), 0) {DUE}"
    );
    let tomorrow = day.succ_opt().unwrap_or(day);
    let row: (i64, i64, i64) = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(person)
        .bind(tomorrow)
        .bind(day)
        .fetch_one(c)
        .await)?;
    Ok(row)
}
