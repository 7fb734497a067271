//! The unit tree of an organisation.

use crate::{Result, Tx, on_tx};
use mognad_domain::ids::{OrgId, UnitId};
use mognad_domain::people::Unit;
use mognad_domain::text::{Name, optional_name};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: Uuid,
    org_id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    kind: Option<String>,
}

impl TryFrom<UnitRow> for Unit {
    type Error = crate::StoreError;
    fn try_from(r: UnitRow) -> Result<Self> {
        Ok(Unit {
            id: UnitId(r.id),
            org_id: OrgId(r.org_id),
            parent_id: r.parent_id.map(UnitId),
            name: Name::parse("name", &r.name)?,
            kind: optional_name("kind", r.kind.as_deref())?,
        })
    }
}

pub async fn insert(tx: &mut Tx, u: &Unit) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO units (id, org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(u.id.0)
    .bind(u.org_id.0)
    .bind(u.parent_id.map(|p| p.0))
    .bind(u.name.as_str())
    .bind(u.kind.as_ref().map(Name::as_str))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn update(tx: &mut Tx, u: &Unit) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE units SET parent_id = $3, name = $4, kind = $5 WHERE id = $1 AND org_id = $2"
    )
    .bind(u.id.0)
    .bind(u.org_id.0)
    .bind(u.parent_id.map(|p| p.0))
    .bind(u.name.as_str())
    .bind(u.kind.as_ref().map(Name::as_str))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn delete(tx: &mut Tx, org: OrgId, id: UnitId) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM units WHERE id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn get(tx: &mut Tx, org: OrgId, id: UnitId) -> Result<Option<Unit>> {
    let row: Option<UnitRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, parent_id, name, kind FROM units WHERE id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<Unit>> {
    let rows: Vec<UnitRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, parent_id, name, kind FROM units WHERE org_id = $1 ORDER BY name"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Every unit's parent, for tree checks.
pub async fn parents(tx: &mut Tx, org: OrgId) -> Result<HashMap<UnitId, Option<UnitId>>> {
    Ok(list(tx, org)
        .await?
        .into_iter()
        .map(|u| (u.id, u.parent_id))
        .collect())
}

/// How many sub-units a unit has; a unit with sub-units cannot be deleted.
pub async fn child_count(tx: &mut Tx, org: OrgId, id: UnitId) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM units WHERE parent_id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .fetch_one(c)
    .await)?)
}
