//! Boards, their columns and tasks. A card's place is (column, rank): a move rewrites that one
//! row, and a column is read in rank order a page at a time.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Board {
    pub id: Uuid,
    pub name: String,
    pub initiative_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Column {
    pub id: Uuid,
    pub board_id: Uuid,
    pub name: String,
    pub rank: String,
    pub wip_limit: Option<i64>,
    pub is_done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Task {
    pub id: Uuid,
    pub board_id: Uuid,
    pub column_id: Uuid,
    pub rank: String,
    pub title: String,
    pub description: String,
    pub assignee_id: Option<Uuid>,
    pub priority: String,
    pub due_on: Option<NaiveDate>,
    pub labels: String,
    pub initiative_id: Option<Uuid>,
    pub estimate_hours: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

const TASK: &str =
    "SELECT id, board_id, column_id, rank, title, description, assignee_id, priority, due_on, labels,
    initiative_id, estimate_hours, created_at, done_at FROM tasks";

pub async fn insert_board(tx: &mut Tx, org: OrgId, b: &Board, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO boards (id, org_id, name, initiative_id, created_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(b.id)
    .bind(org.0)
    .bind(&b.name)
    .bind(b.initiative_id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn insert_column(tx: &mut Tx, org: OrgId, col: &Column) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO board_columns (id, org_id, board_id, name, rank, wip_limit, is_done) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(col.id)
    .bind(org.0)
    .bind(col.board_id)
    .bind(&col.name)
    .bind(&col.rank)
    .bind(col.wip_limit)
    .bind(col.is_done)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn update_column(tx: &mut Tx, org: OrgId, col: &Column) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE board_columns SET name = $1, wip_limit = $2, is_done = $3 WHERE org_id = $4 AND id = $5"
    )
    .bind(&col.name)
    .bind(col.wip_limit)
    .bind(col.is_done)
    .bind(org.0)
    .bind(col.id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn boards(tx: &mut Tx, org: OrgId) -> Result<Vec<Board>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, name, initiative_id FROM boards WHERE org_id = $1 ORDER BY name"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn board(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Board>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, name, initiative_id FROM boards WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

pub async fn columns(tx: &mut Tx, org: OrgId, board: Uuid) -> Result<Vec<Column>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, board_id, name, rank, wip_limit, is_done FROM board_columns
         WHERE org_id = $1 AND board_id = $2 ORDER BY rank, id"
    )
    .bind(org.0)
    .bind(board)
    .fetch_all(c)
    .await)?)
}

#[derive(sqlx::FromRow)]
struct ColumnEnd {
    #[sqlx(flatten)]
    column: Column,
    last_rank: Option<String>,
}

/// A board's columns, each with the rank of its last card: what adding a card at the bottom
/// needs, in one statement.
pub async fn columns_with_last(
    tx: &mut Tx,
    org: OrgId,
    board: Uuid,
) -> Result<Vec<(Column, Option<String>)>> {
    let rows: Vec<ColumnEnd> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT c.id, c.board_id, c.name, c.rank, c.wip_limit, c.is_done,
           (SELECT t.rank FROM tasks t WHERE t.column_id = c.id ORDER BY t.rank DESC, t.id DESC LIMIT 1) AS last_rank
         FROM board_columns c WHERE c.org_id = $1 AND c.board_id = $2 ORDER BY c.rank, c.id"
    )
    .bind(org.0)
    .bind(board)
    .fetch_all(c)
    .await
    })?;
    Ok(rows.into_iter().map(|r| (r.column, r.last_rank)).collect())
}

/// Cards per column of a board (with the filter), for headers and WIP limits.
pub async fn counts(tx: &mut Tx, board: Uuid, f: &Filter) -> Result<Vec<(Uuid, i64)>> {
    let (clause, _) = f.sql(2);
    let sql = format!("SELECT column_id, COUNT(*) FROM tasks WHERE board_id = $1{clause} GROUP BY column_id");
    Ok(on_tx!(tx, |c| {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(board);
        f.bind_as(q).fetch_all(c).await
    })?)
}

/// What a board view is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub assignee: Option<Uuid>,
    pub label: Option<String>,
    pub initiative: Option<Uuid>,
    pub due_by: Option<NaiveDate>,
}

impl Filter {
    /// The filter's conditions, numbered from `$first`, and how many there are.
    fn sql(&self, first: usize) -> (String, usize) {
        let mut s = String::new();
        let mut n = first;
        let mut add = |cond: &str| {
            s.push_str(&format!(" AND {}", cond.replace('?', &format!("${n}"))));
            n += 1;
        };
        if self.assignee.is_some() {
            add("assignee_id = ?");
        }
        if self.label.is_some() {
            // Labels are stored comma-separated; pad both sides so only whole labels match.
            add("(',' || labels || ',') LIKE ?");
        }
        if self.initiative.is_some() {
            add("initiative_id = ?");
        }
        if self.due_by.is_some() {
            add("due_on <= ?");
        }
        (s, n - first)
    }

    fn bind_as<'q, DB, O>(
        &'q self,
        mut q: sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments>,
    ) -> sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments>
    where
        DB: sqlx::Database,
        Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        NaiveDate: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    {
        if let Some(a) = self.assignee {
            q = q.bind(a);
        }
        if let Some(l) = &self.label {
            let escaped: String = l.chars().filter(|c| !matches!(c, '%' | '_' | ',')).collect();
            q = q.bind(format!("%,{escaped},%"));
        }
        if let Some(i) = self.initiative {
            q = q.bind(i);
        }
        if let Some(d) = self.due_by {
            q = q.bind(d);
        }
        q
    }
}

/// A column's cards in rank order after (`rank`, `id`), at most `limit`.
pub async fn page(
    tx: &mut Tx,
    column: Uuid,
    f: &Filter,
    after: Option<(&str, Uuid)>,
    limit: i64,
) -> Result<Vec<Task>> {
    let (clause, n) = f.sql(2);
    let next = 2 + n;
    let after_sql = if after.is_some() {
        format!(" AND (rank > ${next} OR (rank = ${next} AND id > ${}))", next + 1)
    } else {
        String::new()
    };
    let limit_at = if after.is_some() { next + 2 } else { next };
    let sql = format!("{TASK} WHERE column_id = $1{clause}{after_sql} ORDER BY rank, id LIMIT ${limit_at}");
    Ok(on_tx!(tx, |c| {
        let mut q = f.bind_as(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(column));
        if let Some((rank, id)) = after {
            q = q.bind(rank.to_owned()).bind(id);
        }
        q.bind(limit).fetch_all(c).await
    })?)
}

pub async fn task(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Task>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE org_id = $1 AND id = $2"
    )))
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

/// Tasks of the organisation, optionally only those not done; for workload and dashboards.
pub async fn all_tasks(tx: &mut Tx, org: OrgId) -> Result<Vec<Task>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE org_id = $1 ORDER BY created_at, id"
    )))
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// The cards tied to one initiative, on whichever board.
pub async fn initiative_tasks(tx: &mut Tx, org: OrgId, initiative: Uuid) -> Result<Vec<Task>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE org_id = $1 AND initiative_id = $2 ORDER BY created_at, id"
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

pub async fn column_count(tx: &mut Tx, column: Uuid) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM tasks WHERE column_id = $1"
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
