//! The audit log: security-relevant actions, appended and never changed.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use uuid::Uuid;

/// One recorded action. `actor` is the e-mail the account had then (or a token's name with
/// its owner's e-mail); `subject` names what was acted on; `client` where the request came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: Uuid,
    pub org: Option<OrgId>,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub actor: String,
    pub token: Option<String>,
    pub action: String,
    pub subject: String,
    pub client: String,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: Uuid,
    org_id: Option<Uuid>,
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    actor: String,
    token: Option<String>,
    action: String,
    subject: String,
    client: String,
}

impl From<EntryRow> for Entry {
    fn from(r: EntryRow) -> Self {
        Entry {
            id: r.id,
            org: r.org_id.map(OrgId),
            at: r.at,
            actor_id: r.actor_id.map(UserId),
            actor: r.actor,
            token: r.token,
            action: r.action,
            subject: r.subject,
            client: r.client,
        }
    }
}

pub async fn append(tx: &mut Tx, e: &Entry) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO audit_log (id, org_id, at, actor_id, actor, token, action, subject, client)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(e.id)
    .bind(e.org.map(|o| o.0))
    .bind(e.at)
    .bind(e.actor_id.map(|u| u.0))
    .bind(&e.actor)
    .bind(&e.token)
    .bind(&e.action)
    .bind(&e.subject)
    .bind(&e.client)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The organisation's entries and its members' sign-ins (which belong to no one organisation),
/// newest first, at most `limit` of them from before `before`.
pub async fn list(tx: &mut Tx, org: OrgId, before: DateTime<Utc>, limit: i64) -> Result<Vec<Entry>> {
    let rows: Vec<EntryRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, at, actor_id, actor, token, action, subject, client FROM audit_log
         WHERE (org_id = $1
                OR (org_id IS NULL AND actor_id IN (SELECT user_id FROM memberships WHERE org_id = $1)))
           AND at < $2 ORDER BY at DESC, id DESC LIMIT $3"
    )
    .bind(org.0)
    .bind(before)
    .bind(limit)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(Entry::from).collect())
}

/// Entries about the instance itself (no organisation), newest first.
pub async fn list_instance(tx: &mut Tx, limit: i64) -> Result<Vec<Entry>> {
    let rows: Vec<EntryRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, at, actor_id, actor, token, action, subject, client FROM audit_log
         WHERE org_id IS NULL ORDER BY at DESC, id DESC LIMIT $1"
    )
    .bind(limit)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(Entry::from).collect())
}
