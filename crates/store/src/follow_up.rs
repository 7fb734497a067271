//! Following up recurring problems: each submission's contact, whether it was contacted, and the
//! card the problem as a whole is handled on.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// One submission as its follow-up sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubmissionState {
    pub id: Uuid,
    pub form_id: Uuid,
    pub task_id: Uuid,
    pub contact: Option<String>,
    pub contacted_at: Option<DateTime<Utc>>,
    pub follow_up_task_id: Option<Uuid>,
}

/// The organisation's submissions that have a card.
pub async fn states(tx: &mut Tx, org: OrgId) -> Result<Vec<SubmissionState>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, form_id, task_id, contact, contacted_at, follow_up_task_id FROM intake_submissions
         WHERE org_id = $1 AND task_id IS NOT NULL ORDER BY created_at, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// Marks a submission's submitter contacted (the first time only).
pub async fn contacted(tx: &mut Tx, org: OrgId, submission: Uuid, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE intake_submissions SET contacted_at = $3
         WHERE org_id = $1 AND id = $2 AND contacted_at IS NULL"
    )
    .bind(org.0)
    .bind(submission)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Links a submission to the card its problem is handled on.
pub async fn link(tx: &mut Tx, org: OrgId, submission: Uuid, task: Uuid) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE intake_submissions SET follow_up_task_id = $3 WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(submission)
    .bind(task)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
