//! Environment scanning: the log of signals and the technology radar's blips.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredBlip {
    pub id: Uuid,
    pub name: String,
    pub quadrant: String,
    pub ring: String,
    pub note: String,
}

/// Adds a blip, or moves the one with the same name (a radar has each name once).
pub async fn save_blip(tx: &mut Tx, org: OrgId, b: &StoredBlip, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO radar_blips (id, org_id, name, quadrant, ring, note, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (org_id, name) DO UPDATE SET quadrant = excluded.quadrant, ring = excluded.ring,
               note = excluded.note, updated_at = excluded.updated_at",
        )
        .bind(b.id)
        .bind(org.0)
        .bind(&b.name)
        .bind(&b.quadrant)
        .bind(&b.ring)
        .bind(&b.note)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn delete_blip(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM radar_blips WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn blips(tx: &mut Tx, org: OrgId) -> Result<Vec<StoredBlip>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, name, quadrant, ring, note FROM radar_blips WHERE org_id = $1 ORDER BY quadrant, ring, name"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Signal {
    pub id: Uuid,
    pub noted_on: NaiveDate,
    pub source: String,
    pub signal: String,
    pub link: Option<String>,
}

pub async fn insert_signal(tx: &mut Tx, org: OrgId, s: &Signal, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO scan_entries (id, org_id, noted_on, source, signal, link, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(s.id)
        .bind(org.0)
        .bind(s.noted_on)
        .bind(&s.source)
        .bind(&s.signal)
        .bind(&s.link)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The newest signals first, at most `limit`.
pub async fn signals(tx: &mut Tx, org: OrgId, limit: i64) -> Result<Vec<Signal>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, noted_on, source, signal, link FROM scan_entries WHERE org_id = $1
         ORDER BY noted_on DESC, created_at DESC LIMIT $2"
    )
    .bind(org.0)
    .bind(limit)
    .fetch_all(c)
    .await)?)
}
