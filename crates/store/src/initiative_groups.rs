//! Which leadership groups an initiative works with: the link the effect view follows from an
//! initiative to the measured change in those groups.

use crate::{Result, Tx, on_tx};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// Every (initiative, group) pair of an organisation, by initiative.
pub async fn all(tx: &mut Tx, org: OrgId) -> Result<Vec<(Uuid, Uuid)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT initiative_id, group_id FROM initiative_groups WHERE org_id = $1
         ORDER BY initiative_id, group_id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// The groups of one initiative.
pub async fn of(tx: &mut Tx, org: OrgId, initiative: Uuid) -> Result<Vec<Uuid>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT group_id FROM initiative_groups WHERE org_id = $1 AND initiative_id = $2
         ORDER BY group_id"
    )
    .bind(org.0)
    .bind(initiative)
    .fetch_all(c)
    .await)?)
}

/// Replaces an initiative's groups with `groups`; the caller has checked they are the
/// organisation's.
pub async fn set(tx: &mut Tx, org: OrgId, initiative: Uuid, groups: &[Uuid]) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM initiative_groups WHERE org_id = $1 AND initiative_id = $2"
    )
    .bind(org.0)
    .bind(initiative)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    for g in groups {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO initiative_groups (org_id, initiative_id, group_id) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING"
        )
        .bind(org.0)
        .bind(initiative)
        .bind(g)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}
