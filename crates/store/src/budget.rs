//! What the budget cut and the timeline read and write: each initiative's cards counted, and
//! pausing an initiative that goes on.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// One initiative's live cards (archived ones left out), counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct CardSums {
    pub initiative_id: Uuid,
    pub total: i64,
    pub done: i64,
    pub open: i64,
    /// Estimated hours of the open cards: what pausing the initiative frees in people's weeks.
    pub open_hours: i64,
}

/// Every initiative's card counts in one read, for the timeline and the budget cut.
pub async fn card_sums(tx: &mut Tx, org: OrgId) -> Result<Vec<CardSums>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT initiative_id, CAST(COUNT(*) AS BIGINT) AS total,
           CAST(SUM(CASE WHEN done_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS done,
           CAST(SUM(CASE WHEN done_at IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS open,
           CAST(SUM(CASE WHEN done_at IS NULL THEN COALESCE(estimate_hours, 0) ELSE 0 END) AS BIGINT) AS open_hours
         FROM tasks WHERE org_id = $1 AND initiative_id IS NOT NULL AND archived_at IS NULL
         GROUP BY initiative_id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?)
}

/// Pauses one initiative if it goes on (proposed or active) and is not archived; whether it did.
pub async fn pause_initiative(tx: &mut Tx, org: OrgId, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let r = on_tx!(tx, |c| sqlx::query(
        "UPDATE initiatives SET status = 'paused', updated_at = $1 WHERE org_id = $2 AND id = $3
         AND status IN ('proposed', 'active') AND archived_at IS NULL"
    )
    .bind(now)
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}
