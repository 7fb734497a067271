//! Cards (tasks) on the boards: reading and writing them, their place in a column (rank), the
//! idempotency keys their writes claim, checklists and comments.

use super::{TASK, Task};
use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

pub async fn task(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Task>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE org_id = $1 AND id = $2"
    )))
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

/// The organisation's cards that are not archived; for workload and dashboards.
pub async fn all_tasks(tx: &mut Tx, org: OrgId) -> Result<Vec<Task>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE org_id = $1 AND archived_at IS NULL ORDER BY created_at, id"
    )))
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// The cards tied to one initiative, on whichever board.
pub async fn initiative_tasks(tx: &mut Tx, org: OrgId, initiative: Uuid) -> Result<Vec<Task>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE org_id = $1 AND initiative_id = $2 AND archived_at IS NULL ORDER BY created_at, id"
    )))
    .bind(org.0)
    .bind(initiative)
    .fetch_all(c)
    .await)?)
}

pub async fn insert_task(tx: &mut Tx, org: OrgId, t: &Task, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO tasks (id, org_id, board_id, column_id, rank, title, description, assignee_id, priority, due_on,
           labels, initiative_id, estimate_hours, created_at, updated_at, done_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)"
    )
    .bind(t.id)
    .bind(org.0)
    .bind(t.board_id)
    .bind(t.column_id)
    .bind(&t.rank)
    .bind(&t.title)
    .bind(&t.description)
    .bind(t.assignee_id)
    .bind(&t.priority)
    .bind(t.due_on)
    .bind(&t.labels)
    .bind(t.initiative_id)
    .bind(t.estimate_hours)
    .bind(now)
    .bind(t.done_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Rewrites a task's fields other than its place.
pub async fn update_task(tx: &mut Tx, org: OrgId, t: &Task, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
        "UPDATE tasks SET title = $1, description = $2, assignee_id = $3, priority = $4, due_on = $5, labels = $6,
           initiative_id = $7, estimate_hours = $8, updated_at = $9 WHERE org_id = $10 AND id = $11"
    )
    .bind(&t.title)
    .bind(&t.description)
    .bind(t.assignee_id)
    .bind(&t.priority)
    .bind(t.due_on)
    .bind(&t.labels)
    .bind(t.initiative_id)
    .bind(t.estimate_hours)
    .bind(now)
    .bind(org.0)
    .bind(t.id)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Puts a task at (`column`, `rank`): the one row a move writes.
pub async fn place(
    tx: &mut Tx,
    org: OrgId,
    id: Uuid,
    column: Uuid,
    rank: &str,
    done_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
        "UPDATE tasks SET column_id = $1, rank = $2, done_at = $3, updated_at = $4 WHERE org_id = $5 AND id = $6"
    )
    .bind(column)
    .bind(rank)
    .bind(done_at)
    .bind(now)
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The first or last rank in a column.
pub async fn end_rank(tx: &mut Tx, column: Uuid, last: bool) -> Result<Option<String>> {
    let sql = if last {
        "SELECT rank FROM tasks WHERE column_id = $1 ORDER BY rank DESC, id DESC LIMIT 1"
    } else {
        "SELECT rank FROM tasks WHERE column_id = $1 ORDER BY rank, id LIMIT 1"
    };
    Ok(on_tx!(tx, |c| sqlx::query_scalar(sql)
        .bind(column)
        .fetch_optional(c)
        .await)?)
}

/// The rank of the card right after (`rank`, `id`) in its column, or right before it.
pub async fn neighbour_rank(
    tx: &mut Tx,
    column: Uuid,
    rank: &str,
    id: Uuid,
    after: bool,
) -> Result<Option<String>> {
    let sql = if after {
        "SELECT rank FROM tasks WHERE column_id = $1 AND (rank > $2 OR (rank = $2 AND id > $3))
         ORDER BY rank, id LIMIT 1"
    } else {
        "SELECT rank FROM tasks WHERE column_id = $1 AND (rank < $2 OR (rank = $2 AND id < $3))
         ORDER BY rank DESC, id DESC LIMIT 1"
    };
    Ok(on_tx!(tx, |c| sqlx::query_scalar(sql)
        .bind(column)
        .bind(rank)
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// Records that `key` made `result`; when the key was used before, the earlier result instead.
pub async fn claim_key(
    tx: &mut Tx,
    org: OrgId,
    key: &str,
    operation: &str,
    result: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO idempotency_keys (org_id, key, operation, result_id, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, key) DO NOTHING"
    )
    .bind(org.0)
    .bind(key)
    .bind(operation)
    .bind(result)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    if n == 1 {
        return Ok(None);
    }
    earlier_result(tx, org, key).await
}

/// What the write that claimed `key` made, if one did.
pub async fn earlier_result(tx: &mut Tx, org: OrgId, key: &str) -> Result<Option<Uuid>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT result_id FROM idempotency_keys WHERE org_id = $1 AND key = $2"
    )
    .bind(org.0)
    .bind(key)
    .fetch_optional(c)
    .await)?)
}

/// Live cards in a column, from the count the triggers keep (migration 0017).
pub async fn column_count(tx: &mut Tx, column: Uuid) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COALESCE((SELECT live FROM column_counts WHERE column_id = $1), 0)"
    )
    .bind(column)
    .fetch_one(c)
    .await)?)
}

/// A task's checklist in the order added: (id, text, done).
pub async fn checklist(tx: &mut Tx, task: Uuid) -> Result<Vec<(Uuid, String, bool)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, text, done FROM task_checklist WHERE task_id = $1 ORDER BY created_at, id"
    )
    .bind(task)
    .fetch_all(c)
    .await)?)
}

pub async fn add_checklist_item(
    tx: &mut Tx,
    org: OrgId,
    task: Uuid,
    text: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO task_checklist (id, org_id, task_id, text, done, created_at) VALUES ($1, $2, $3, $4, FALSE, $5)"
    )
    .bind(Uuid::now_v7())
    .bind(org.0)
    .bind(task)
    .bind(text)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn toggle_checklist_item(tx: &mut Tx, org: OrgId, task: Uuid, item: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE task_checklist SET done = NOT done WHERE org_id = $1 AND task_id = $2 AND id = $3"
    )
    .bind(org.0)
    .bind(task)
    .bind(item)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A task's comments, oldest first: (author, body, time).
pub async fn comments(tx: &mut Tx, task: Uuid) -> Result<Vec<(String, String, DateTime<Utc>)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT author, body, created_at FROM task_comments WHERE task_id = $1 ORDER BY created_at, id"
    )
    .bind(task)
    .fetch_all(c)
    .await)?)
}

pub async fn add_comment(
    tx: &mut Tx,
    org: OrgId,
    task: Uuid,
    author: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO task_comments (id, org_id, task_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(Uuid::now_v7())
    .bind(org.0)
    .bind(task)
    .bind(author)
    .bind(body)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}
