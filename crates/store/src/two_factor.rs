//! Two-factor sign-in: each account's authenticator secret, its recovery codes (hashed), sign-ins
//! waiting for their code, and the organisations that require it of owners and admins.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use uuid::Uuid;

/// An account's secret, whether it is in use yet, and the last step a code was taken from.
pub struct Secret {
    pub secret: String,
    pub confirmed: bool,
    pub last_step: i64,
}

pub async fn get(tx: &mut Tx, user: UserId) -> Result<Option<Secret>> {
    let row: Option<(String, Option<DateTime<Utc>>, i64)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT secret, confirmed_at, last_step FROM totp_secrets WHERE user_id = $1"
    )
    .bind(user.0)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|(secret, confirmed_at, last_step)| Secret {
        secret,
        confirmed: confirmed_at.is_some(),
        last_step,
    }))
}

/// Stores a new, unconfirmed secret in place of any earlier one.
pub async fn set_pending(tx: &mut Tx, user: UserId, secret: &str) -> Result<()> {
    remove(tx, user).await?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO totp_secrets (user_id, secret, confirmed_at, last_step) VALUES ($1, $2, NULL, 0)"
    )
    .bind(user.0)
    .bind(secret)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn confirm(tx: &mut Tx, user: UserId, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE totp_secrets SET confirmed_at = $2 WHERE user_id = $1"
    )
    .bind(user.0)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes the code of `step`: true when no code of this step or a later one was taken before,
/// so a code seen over someone's shoulder cannot be used again.
pub async fn take_step(tx: &mut Tx, user: UserId, step: i64) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE totp_secrets SET last_step = $2 WHERE user_id = $1 AND last_step < $2"
    )
    .bind(user.0)
    .bind(step)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Turns two-factor sign-in off: the secret and the recovery codes go.
pub async fn remove(tx: &mut Tx, user: UserId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM totp_secrets WHERE user_id = $1")
        .bind(user.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM recovery_codes WHERE user_id = $1"
    )
    .bind(user.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces the account's recovery codes with these hashes.
pub async fn replace_codes(tx: &mut Tx, user: UserId, hashes: &[String]) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM recovery_codes WHERE user_id = $1"
    )
    .bind(user.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    for h in hashes {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO recovery_codes (code_hash, user_id) VALUES ($1, $2)"
        )
        .bind(h)
        .bind(user.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Spends a recovery code of `user`: true when it was there and unused.
pub async fn use_code(tx: &mut Tx, user: UserId, hash: &str, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 WHERE code_hash = $1 AND user_id = $2 AND used_at IS NULL"
    )
    .bind(hash)
    .bind(user.0)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

pub async fn codes_left(tx: &mut Tx, user: UserId) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"
    )
    .bind(user.0)
    .fetch_one(c)
    .await)?)
}

pub async fn insert_challenge(
    tx: &mut Tx,
    token_hash: &str,
    user: UserId,
    expires: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO sign_in_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, $3)"
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(expires)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The account a live challenge belongs to.
pub async fn challenge_user(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<Option<UserId>> {
    let id: Option<Uuid> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT user_id FROM sign_in_challenges WHERE token_hash = $1 AND expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await)?;
    Ok(id.map(UserId))
}

/// Ends a challenge (answered) and any that have expired.
pub async fn end_challenge(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM sign_in_challenges WHERE token_hash = $1 OR expires_at <= $2"
    )
    .bind(token_hash)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn required_for_admins(tx: &mut Tx, org: OrgId) -> Result<bool> {
    let v: Option<bool> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT two_factor_for_admins FROM sign_in_policy WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    Ok(v.unwrap_or(false))
}

pub async fn set_required_for_admins(tx: &mut Tx, org: OrgId, required: bool) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO sign_in_policy (org_id, two_factor_for_admins) VALUES ($1, $2)
         ON CONFLICT (org_id) DO UPDATE SET two_factor_for_admins = excluded.two_factor_for_admins"
    )
    .bind(org.0)
    .bind(required)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks a session as having passed a second factor.
pub async fn mark_session(tx: &mut Tx, token_hash: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE sessions SET two_factor = TRUE WHERE token_hash = $1"
    )
    .bind(token_hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
