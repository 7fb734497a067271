//! Boards, their columns and tasks. A card's place is (column, rank): a move rewrites that one
//! row, and a column is read in rank order a page at a time.

mod cards;
mod search;
pub use cards::*;
pub use search::search;

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Board {
    pub id: Uuid,
    pub name: String,
    pub initiative_id: Option<Uuid>,
    /// Read only: archiving is `archive::set`.
    pub archived: bool,
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
    /// Read only: archiving is `archive::set`.
    pub archived: bool,
}

pub(crate) const TASK: &str =
    "SELECT id, board_id, column_id, rank, title, description, assignee_id, priority, due_on, labels,
    initiative_id, estimate_hours, created_at, done_at, archived_at IS NOT NULL AS archived FROM tasks";

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

/// Where a column stands: its board's and its own name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ColumnPlace {
    pub column_id: Uuid,
    pub board: String,
    pub column_name: String,
}

/// Every column of the organisation with its board's name, for naming where cards stand.
pub async fn column_places(tx: &mut Tx, org: OrgId) -> Result<Vec<ColumnPlace>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT c.id AS column_id, b.name AS board, c.name AS column_name FROM board_columns c
         JOIN boards b ON b.id = c.board_id WHERE c.org_id = $1"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn rename_board(tx: &mut Tx, org: OrgId, id: Uuid, name: &str) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE boards SET name = $1 WHERE org_id = $2 AND id = $3"
    )
    .bind(name)
    .bind(org.0)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn boards(tx: &mut Tx, org: OrgId) -> Result<Vec<Board>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, name, initiative_id, archived_at IS NOT NULL AS archived FROM boards WHERE org_id = $1 AND archived_at IS NULL ORDER BY name"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?)
}

pub async fn board(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Board>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, name, initiative_id, archived_at IS NOT NULL AS archived FROM boards WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await
    })?)
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

/// A live board's columns, each with the rank of its last card: what adding a card at the
/// bottom needs, in one statement. None for an archived board.
pub async fn columns_with_last(
    tx: &mut Tx,
    org: OrgId,
    board: Uuid,
) -> Result<Vec<(Column, Option<String>)>> {
    let rows: Vec<ColumnEnd> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT c.id, c.board_id, c.name, c.rank, c.wip_limit, c.is_done,
           (SELECT t.rank FROM tasks t WHERE t.column_id = c.id ORDER BY t.rank DESC, t.id DESC LIMIT 1) AS last_rank
         FROM board_columns c WHERE c.org_id = $1 AND c.board_id = $2
           AND EXISTS (SELECT 1 FROM boards b WHERE b.id = c.board_id AND b.archived_at IS NULL)
         ORDER BY c.rank, c.id"
    )
    .bind(org.0)
    .bind(board)
    .fetch_all(c)
    .await
    })?;
    Ok(rows.into_iter().map(|r| (r.column, r.last_rank)).collect())
}

/// Cards per column of a board (with the filter), for headers and WIP limits. Unfiltered, the
/// live counts the triggers keep (migration 0017): one row per column, whatever the board's size.
pub async fn counts(tx: &mut Tx, board: Uuid, f: &Filter) -> Result<Vec<(Uuid, i64)>> {
    if *f == Filter::default() {
        return Ok(on_tx!(tx, |c| sqlx::query_as(
            "SELECT c.id, COALESCE(k.live, 0) FROM board_columns c
             LEFT JOIN column_counts k ON k.column_id = c.id WHERE c.board_id = $1"
        )
        .bind(board)
        .fetch_all(c)
        .await)?);
    }
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
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: Option<String>,
    /// Archived cards instead of the live ones.
    pub archived: bool,
}

impl Filter {
    /// The filter's conditions, numbered from `$first`, and how many there are.
    pub(crate) fn sql(&self, first: usize) -> (String, usize) {
        let mut s = String::new();
        let mut n = first;
        s.push_str(if self.archived {
            " AND archived_at IS NOT NULL"
        } else {
            " AND archived_at IS NULL"
        });
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
        if self.priority.is_some() {
            add("priority = ?");
        }
        (s, n - first)
    }

    pub(crate) fn bind_as<'q, DB, O>(
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
        if let Some(p) = &self.priority {
            q = q.bind(p.clone());
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
