//! Calendar feed links (a hash of each secret token; each link its member's own, to their cards
//! or to a board's) and the cards a feed lists.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// Makes or replaces `user`'s link of `kind` (`person` or `board`) to `subject`.
pub async fn upsert(
    tx: &mut Tx,
    org: OrgId,
    user: Uuid,
    kind: &str,
    subject: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO calendar_feeds (id, org_id, user_id, kind, subject, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id, user_id, kind, subject)
         DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        )
        .bind(Uuid::now_v7())
        .bind(org.0)
        .bind(user)
        .bind(kind)
        .bind(subject)
        .bind(token_hash)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, org: OrgId, user: Uuid, kind: &str, subject: Uuid) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM calendar_feeds WHERE org_id = $1 AND user_id = $2 AND kind = $3 AND subject = $4"
    )
    .bind(org.0)
    .bind(user)
    .bind(kind)
    .bind(subject)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// `user`'s links in the organisation: (kind, subject, made).
pub async fn list(tx: &mut Tx, org: OrgId, user: Uuid) -> Result<Vec<(String, Uuid, DateTime<Utc>)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT kind, subject, created_at FROM calendar_feeds WHERE org_id = $1 AND user_id = $2"
    )
    .bind(org.0)
    .bind(user)
    .fetch_all(c)
    .await)?)
}

/// The link a token's hash opens: (organisation, its member, kind, subject).
pub async fn by_token(tx: &mut Tx, token_hash: &str) -> Result<Option<(Uuid, Uuid, String, Uuid)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT org_id, user_id, kind, subject FROM calendar_feeds WHERE token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(c)
    .await)?)
}

/// A card a feed lists.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DueCard {
    pub id: Uuid,
    pub title: String,
    pub due_on: NaiveDate,
    pub board: String,
    pub done: bool,
}

/// Live cards on live boards due from `since` on, of one assignee or one board, by day; at most
/// `limit`.
pub async fn due_cards(
    tx: &mut Tx,
    org: OrgId,
    assignee: Option<Uuid>,
    board: Option<Uuid>,
    since: NaiveDate,
    limit: i64,
) -> Result<Vec<DueCard>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT t.id, t.title, t.due_on, b.name AS board, t.done_at IS NOT NULL AS done
         FROM tasks t JOIN boards b ON b.id = t.board_id
         WHERE t.org_id = $1 AND t.archived_at IS NULL AND b.archived_at IS NULL AND t.due_on >= $4
           AND ($2 IS NULL OR t.assignee_id = $2) AND ($3 IS NULL OR t.board_id = $3)
         ORDER BY t.due_on, t.id LIMIT $5"
    )
    .bind(org.0)
    .bind(assignee)
    .bind(board)
    .bind(since)
    .bind(limit)
    .fetch_all(c)
    .await)?)
}
