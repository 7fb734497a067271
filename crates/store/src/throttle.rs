//! Counting failed attempts per bucket in a time window, in the database, so every server
//! process on it sees the same count and a restart forgets nothing.
//!
//! A bucket's window starts with its first failure; a failure after the window has passed
//! starts a new one. Callers count an attempt with [`fail`] before making it and compare the
//! count it returns, so parallel attempts cannot all slip under the limit; one that succeeds
//! is taken back with [`undo`] or [`clear`].

use crate::{Result, Tx, on_tx};

/// Failures in `bucket` within the window that started after `since` (seconds since the epoch).
pub async fn failures(tx: &mut Tx, bucket: &str, since: i64) -> Result<i64> {
    let n: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT hits FROM throttle WHERE bucket = $1 AND window_start > $2"
    )
    .bind(bucket)
    .bind(since)
    .fetch_optional(c)
    .await)?;
    Ok(n.unwrap_or(0))
}

/// Records a failure at `now`; a window that started at or before `since` is started anew.
/// Returns the failures in the current window.
pub async fn fail(tx: &mut Tx, bucket: &str, now: i64, since: i64) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO throttle (bucket, hits, window_start) VALUES ($1, 1, $2)
         ON CONFLICT (bucket) DO UPDATE SET
             hits = CASE WHEN throttle.window_start > $3 THEN throttle.hits + 1 ELSE 1 END,
             window_start = CASE WHEN throttle.window_start > $3 THEN throttle.window_start ELSE $2 END
         RETURNING hits"
    )
    .bind(bucket)
    .bind(now)
    .bind(since)
    .fetch_one(c)
    .await)?)
}

/// Forgets buckets whose window ended before `since`, so the table stays small.
pub async fn sweep(tx: &mut Tx, since: i64) -> Result<u64> {
    Ok(on_tx!(tx, |c| sqlx::query(
        "DELETE FROM throttle WHERE window_start <= $1"
    )
    .bind(since)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}

/// Takes back one counted attempt (one that was counted before it was made, and then
/// succeeded or never happened).
pub async fn undo(tx: &mut Tx, bucket: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE throttle SET hits = hits - 1 WHERE bucket = $1 AND hits > 0"
    )
    .bind(bucket)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets a bucket's failures (after a success).
pub async fn clear(tx: &mut Tx, bucket: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM throttle WHERE bucket = $1")
        .bind(bucket)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
