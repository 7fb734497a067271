//! One-time links sent by mail: invitations to join an organisation and password resets. Only
//! the SHA-256 of a link's token is stored; a link works once and until it expires.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::role::Role;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: Uuid,
    pub org: OrgId,
    pub email: String,
    pub role: Role,
    pub invited_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: Uuid,
    org_id: Uuid,
    email: String,
    role: String,
    invited_by: Option<Uuid>,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    accepted_at: Option<DateTime<Utc>>,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = crate::StoreError;
    fn try_from(r: InvitationRow) -> Result<Self> {
        Ok(Invitation {
            id: r.id,
            org: OrgId(r.org_id),
            email: r.email,
            role: Role::parse(&r.role)?,
            invited_by: r.invited_by.map(UserId),
            created_at: r.created_at,
            expires_at: r.expires_at,
            accepted_at: r.accepted_at,
        })
    }
}

const INVITATION: &str = "SELECT id, org_id, email, role, invited_by, created_at, expires_at, accepted_at
     FROM account_invitations";

pub async fn insert_invitation(tx: &mut Tx, i: &Invitation, token_hash: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO account_invitations
             (id, org_id, email, role, token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(i.id)
    .bind(i.org.0)
    .bind(&i.email)
    .bind(i.role.as_str())
    .bind(token_hash)
    .bind(i.invited_by.map(|u| u.0))
    .bind(i.created_at)
    .bind(i.expires_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The invitation behind a link, whatever its state (the caller says why it no longer works).
pub async fn invitation_by_token(tx: &mut Tx, token_hash: &str) -> Result<Option<Invitation>> {
    let sql = format!("{INVITATION} WHERE token_hash = $1");
    let row: Option<InvitationRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(token_hash)
        .fetch_optional(c)
        .await)?;
    row.map(TryInto::try_into).transpose()
}

/// Invitations of `org` not yet accepted, newest first.
pub async fn open_invitations(tx: &mut Tx, org: OrgId) -> Result<Vec<Invitation>> {
    let sql = format!("{INVITATION} WHERE org_id = $1 AND accepted_at IS NULL ORDER BY created_at DESC");
    let rows: Vec<InvitationRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Marks an invitation used; false when it was used already (two tabs, a replayed link).
pub async fn accept_invitation(tx: &mut Tx, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE account_invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Withdraws an open invitation of `org`.
pub async fn delete_invitation(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM account_invitations WHERE org_id = $1 AND id = $2 AND accepted_at IS NULL"
    )
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

pub async fn insert_reset(
    tx: &mut Tx,
    token_hash: &str,
    user: UserId,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(now)
    .bind(expires)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Uses a reset link: the account it belongs to, if the link is unused and not expired. The
/// link is spent in the same statement, so two uses cannot both succeed.
pub async fn use_reset(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<Option<UserId>> {
    let user: Option<Uuid> = on_tx!(tx, |c| sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await)?;
    Ok(user.map(UserId))
}

/// Whether a reset link is still usable (for showing the form before it is spent).
pub async fn reset_usable(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    Ok(n > 0)
}

/// Forgets links that expired before `before`, so the tables stay small.
pub async fn sweep(tx: &mut Tx, before: DateTime<Utc>) -> Result<u64> {
    let a = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM password_resets WHERE expires_at < $1"
    )
    .bind(before)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    let b = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM account_invitations WHERE accepted_at IS NULL AND expires_at < $1"
    )
    .bind(before)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(a + b)
}

/// Withdraws every open invitation of `org` to `email` (when the account is paused, so an old
/// link cannot bring it back).
pub async fn withdraw_for(tx: &mut Tx, org: OrgId, email: &str) -> Result<u64> {
    Ok(on_tx!(tx, |c| sqlx::query(
        "DELETE FROM account_invitations WHERE org_id = $1 AND email = $2 AND accepted_at IS NULL"
    )
    .bind(org.0)
    .bind(email)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}
