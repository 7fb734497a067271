//! Target levels per engine, set for the whole organisation or for one leadership group.

use crate::{Result, Tx, on_tx};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// Sets (or with `None` clears) the target of one engine in one scope.
pub async fn set(
    tx: &mut Tx,
    org: OrgId,
    model_key: &str,
    scope: Uuid,
    engine: &str,
    target: Option<i64>,
) -> Result<()> {
    match target {
        Some(t) => on_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO targets (org_id, model_key, scope_id, engine_key, target) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (org_id, model_key, scope_id, engine_key) DO UPDATE SET target = excluded.target"
        )
        .bind(org.0)
        .bind(model_key)
        .bind(scope)
        .bind(engine)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?,
        None => on_tx!(tx, |c| {
            sqlx::query(
            "DELETE FROM targets WHERE org_id = $1 AND model_key = $2 AND scope_id = $3 AND engine_key = $4"
        )
        .bind(org.0)
        .bind(model_key)
        .bind(scope)
        .bind(engine)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?,
    };
    Ok(())
}

/// Every target of a model in the organisation: (scope, engine, target).
pub async fn list(tx: &mut Tx, org: OrgId, model_key: &str) -> Result<Vec<(Uuid, String, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT scope_id, engine_key, target FROM targets WHERE org_id = $1 AND model_key = $2"
    )
    .bind(org.0)
    .bind(model_key)
    .fetch_all(c)
    .await)?)
}

/// Every target of the organisation: (model, scope, engine, target), sorted.
pub async fn all(tx: &mut Tx, org: OrgId) -> Result<Vec<(String, Uuid, String, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT model_key, scope_id, engine_key, target FROM targets WHERE org_id = $1
         ORDER BY model_key, scope_id, engine_key"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}
