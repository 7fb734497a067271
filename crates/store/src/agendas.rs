//! Meeting agendas and their points, each point a card or free text.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Agenda {
    pub id: Uuid,
    pub title: String,
    pub meets_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Item {
    pub id: Uuid,
    pub position: i64,
    pub task_id: Option<Uuid>,
    pub text: String,
}

pub async fn insert(tx: &mut Tx, org: OrgId, a: &Agenda, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO agendas (id, org_id, title, meets_on, created_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(a.id)
    .bind(org.0)
    .bind(&a.title)
    .bind(a.meets_on)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<Agenda>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, title, meets_on FROM agendas WHERE org_id = $1 AND archived_at IS NULL ORDER BY meets_on DESC, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?)
}

pub async fn get(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Agenda>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, title, meets_on FROM agendas WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

pub async fn items(tx: &mut Tx, agenda: Uuid) -> Result<Vec<Item>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, position, task_id, text FROM agenda_items WHERE agenda_id = $1 ORDER BY position, id"
    )
    .bind(agenda)
    .fetch_all(c)
    .await)?)
}

/// Appends a point after the agenda's last.
pub async fn add_item(
    tx: &mut Tx,
    org: OrgId,
    agenda: Uuid,
    task: Option<Uuid>,
    text: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let last: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT MAX(position) FROM agenda_items WHERE agenda_id = $1"
    )
    .bind(agenda)
    .fetch_one(c)
    .await)?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO agenda_items (id, org_id, agenda_id, position, task_id, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(Uuid::now_v7())
    .bind(org.0)
    .bind(agenda)
    .bind(last.unwrap_or(0) + 1)
    .bind(task)
    .bind(text)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
