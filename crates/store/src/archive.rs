//! Archiving, restoring and deleting plan items, and a card's history. Archiving stamps
//! `archived_at`; every list and count of the plan reads only rows without it. A board takes its
//! cards and intake forms along with the same stamp, so restoring it brings back exactly those.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use mognad_domain::plan::archive::Archivable;
use uuid::Uuid;

/// The table of a kind and the column that names its rows.
fn table(kind: Archivable) -> (&'static str, &'static str) {
    match kind {
        Archivable::Card => ("tasks", "title"),
        Archivable::Board => ("boards", "name"),
        Archivable::Goal => ("goals", "title"),
        Archivable::Initiative => ("initiatives", "title"),
        Archivable::Form => ("intake_forms", "name"),
        Archivable::Agenda => ("agendas", "title"),
    }
}

/// An archived item as the archive lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Archived {
    pub kind: String,
    pub id: Uuid,
    pub title: String,
    pub archived_at: DateTime<Utc>,
}

/// Whether the item is archived; `None` when the organisation has no such item.
pub async fn state(tx: &mut Tx, org: OrgId, kind: Archivable, id: Uuid) -> Result<Option<bool>> {
    let (t, _) = table(kind);
    let sql = format!("SELECT archived_at IS NOT NULL FROM {t} WHERE org_id = $1 AND id = $2");
    let row: Option<(bool,)> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org.0)
        .bind(id)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|(a,)| a))
}

/// Archives (`Some(at)`) or restores (`None`) one item; false when it was already so. A board
/// carries its cards and forms: archived along with it are those not archived before, and
/// restored along with it are those that bear its stamp.
pub async fn set(
    tx: &mut Tx,
    org: OrgId,
    kind: Archivable,
    id: Uuid,
    at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let (t, _) = table(kind);
    if kind == Archivable::Board {
        for dependent in ["tasks", "intake_forms"] {
            let sql = match at {
                Some(_) => format!(
                    "UPDATE {dependent} SET archived_at = $1 WHERE org_id = $2 AND board_id = $3 AND archived_at IS NULL
                     AND EXISTS (SELECT 1 FROM boards WHERE id = $3 AND archived_at IS NULL)"
                ),
                None => format!(
                    "UPDATE {dependent} SET archived_at = $1 WHERE org_id = $2 AND board_id = $3
                     AND archived_at = (SELECT archived_at FROM boards WHERE id = $3)"
                ),
            };
            on_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(at)
                .bind(org.0)
                .bind(id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    let sql = match at {
        Some(_) => {
            format!("UPDATE {t} SET archived_at = $1 WHERE org_id = $2 AND id = $3 AND archived_at IS NULL")
        }
        None => format!(
            "UPDATE {t} SET archived_at = $1 WHERE org_id = $2 AND id = $3 AND archived_at IS NOT NULL"
        ),
    };
    let n = on_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(at)
        .bind(org.0)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes an archived item for good with all it holds; false when there is no such archived
/// item (a live one is never deleted here).
pub async fn delete(tx: &mut Tx, org: OrgId, kind: Archivable, id: Uuid) -> Result<bool> {
    let (t, _) = table(kind);
    let sql = format!("DELETE FROM {t} WHERE org_id = $1 AND id = $2 AND archived_at IS NOT NULL");
    let n = on_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org.0)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Everything archived in the organisation, newest first. Cards and forms archived with their
/// board are listed as the board, not one by one.
pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<Archived>> {
    let parts: Vec<String> = Archivable::ALL
        .into_iter()
        .map(|k| {
            let (t, title) = table(k);
            let with_board = if matches!(k, Archivable::Card | Archivable::Form) {
                " AND board_id NOT IN (SELECT id FROM boards WHERE org_id = $1 AND archived_at IS NOT NULL)"
            } else {
                ""
            };
            format!(
                "SELECT CAST('{}' AS TEXT) AS kind, id, {title} AS title, archived_at FROM {t}
                 WHERE org_id = $1 AND archived_at IS NOT NULL{with_board}",
                k.as_str()
            )
        })
        .collect();
    let sql = format!("{} ORDER BY archived_at DESC, id", parts.join(" UNION ALL "));
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org.0)
        .fetch_all(c)
        .await)?)
}

/// One entry of a card's history.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub id: Uuid,
    pub task_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: String,
    pub from_column: Option<Uuid>,
    pub from_rank: Option<String>,
    pub from_done_at: Option<DateTime<Utc>>,
    pub to_column: Option<Uuid>,
}

pub async fn add_event(tx: &mut Tx, org: OrgId, e: &Event) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO task_events (id, org_id, task_id, at, actor, kind, from_column, from_rank, from_done_at, to_column)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(e.id)
    .bind(org.0)
    .bind(e.task_id)
    .bind(e.at)
    .bind(&e.actor)
    .bind(&e.kind)
    .bind(e.from_column)
    .bind(&e.from_rank)
    .bind(e.from_done_at)
    .bind(e.to_column)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A card's history, oldest first.
pub async fn events(tx: &mut Tx, org: OrgId, task: Uuid) -> Result<Vec<Event>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, task_id, at, actor, kind, from_column, from_rank, from_done_at, to_column FROM task_events
         WHERE org_id = $1 AND task_id = $2 ORDER BY at, id"
    )
    .bind(org.0)
    .bind(task)
    .fetch_all(c)
    .await
    })?)
}
