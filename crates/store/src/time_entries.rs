//! Time logged on cards: adding and taking back entries, a card's entries, and the sums and
//! rows the workload, the dashboard and the timesheet read.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimeEntry {
    pub id: Uuid,
    pub task_id: Uuid,
    pub person_id: Uuid,
    pub worked_on: NaiveDate,
    pub minutes: i64,
    pub note: String,
    pub logged_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, org: OrgId, e: &TimeEntry) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO time_entries (id, org_id, task_id, person_id, worked_on, minutes, note, logged_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(e.id)
    .bind(org.0)
    .bind(e.task_id)
    .bind(e.person_id)
    .bind(e.worked_on)
    .bind(e.minutes)
    .bind(&e.note)
    .bind(e.logged_by)
    .bind(e.created_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

const ENTRY: &str =
    "SELECT id, task_id, person_id, worked_on, minutes, note, logged_by, created_at FROM time_entries";

pub async fn get(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<TimeEntry>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ENTRY} WHERE org_id = $1 AND id = $2"
    )))
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

pub async fn delete(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM time_entries WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A card's entries, the latest day first.
pub async fn of_task(tx: &mut Tx, org: OrgId, task: Uuid) -> Result<Vec<TimeEntry>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ENTRY} WHERE org_id = $1 AND task_id = $2 ORDER BY worked_on DESC, created_at DESC"
    )))
    .bind(org.0)
    .bind(task)
    .fetch_all(c)
    .await)?)
}

/// Minutes per person logged from `from` to `to` (both included), on live cards.
pub async fn per_person(tx: &mut Tx, org: OrgId, from: NaiveDate, to: NaiveDate) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT e.person_id, CAST(SUM(e.minutes) AS BIGINT) FROM time_entries e
         JOIN tasks t ON t.id = e.task_id AND t.archived_at IS NULL
         WHERE e.org_id = $1 AND e.worked_on >= $2 AND e.worked_on <= $3 GROUP BY e.person_id"
    )
    .bind(org.0)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?)
}

/// Minutes per initiative logged on its live cards, ever.
pub async fn per_initiative(tx: &mut Tx, org: OrgId) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT t.initiative_id, CAST(SUM(e.minutes) AS BIGINT) FROM time_entries e
         JOIN tasks t ON t.id = e.task_id AND t.archived_at IS NULL
         WHERE e.org_id = $1 AND t.initiative_id IS NOT NULL GROUP BY t.initiative_id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// A timesheet line: an entry with its card and board by name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SheetLine {
    pub worked_on: NaiveDate,
    pub person_id: Uuid,
    pub task_id: Uuid,
    pub card: String,
    pub board: String,
    pub minutes: i64,
    pub note: String,
}

/// Every entry from `from` to `to` (both included), for one person or everyone, by day; archived
/// cards' time counts too, since it was worked.
pub async fn sheet(
    tx: &mut Tx,
    org: OrgId,
    person: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SheetLine>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT e.worked_on, e.person_id, e.task_id, t.title AS card, b.name AS board, e.minutes, e.note
         FROM time_entries e JOIN tasks t ON t.id = e.task_id JOIN boards b ON b.id = t.board_id
         WHERE e.org_id = $1 AND e.worked_on >= $2 AND e.worked_on <= $3
           AND ($4 IS NULL OR e.person_id = $4)
         ORDER BY e.worked_on, e.person_id, e.created_at"
    )
    .bind(org.0)
    .bind(from)
    .bind(to)
    .bind(person)
    .fetch_all(c)
    .await)?)
}
