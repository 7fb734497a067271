//! The slim reads behind the dashboards and the workload: only the columns and rows they count,
//! summed in SQL where a sum will do, so a board of 10,000 cards (most of them done) is not read
//! whole for a page that shows a few numbers.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

/// An open card as the workload counts it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OpenWork {
    pub assignee_id: Option<Uuid>,
    pub due_on: Option<NaiveDate>,
    pub estimate_hours: Option<i64>,
    pub initiative_id: Option<Uuid>,
}

/// Every open (not done), live card of the organisation.
pub async fn open_work(tx: &mut Tx, org: OrgId) -> Result<Vec<OpenWork>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT assignee_id, due_on, estimate_hours, initiative_id FROM tasks
         WHERE org_id = $1 AND done_at IS NULL AND archived_at IS NULL"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// One initiative's cards counted for its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct Progress {
    pub initiative_id: Uuid,
    pub total: i64,
    pub done: i64,
    pub overdue: i64,
    pub estimate_hours: i64,
}

/// Every initiative's live cards counted: all, done, overdue on `today`, estimated hours.
pub async fn progress(tx: &mut Tx, org: OrgId, today: NaiveDate) -> Result<Vec<Progress>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT initiative_id, CAST(COUNT(*) AS BIGINT) AS total,
           CAST(SUM(CASE WHEN done_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS done,
           CAST(SUM(CASE WHEN done_at IS NULL AND due_on < $2 THEN 1 ELSE 0 END) AS BIGINT) AS overdue,
           CAST(COALESCE(SUM(estimate_hours), 0) AS BIGINT) AS estimate_hours
         FROM tasks WHERE org_id = $1 AND initiative_id IS NOT NULL AND archived_at IS NULL
         GROUP BY initiative_id"
    )
    .bind(org.0)
    .bind(today)
    .fetch_all(c)
    .await)?)
}

/// How many live cards were done in each span between consecutive `bounds` (each span from
/// one bound up to the next), counted in one pass over the index.
pub async fn done_between(tx: &mut Tx, org: OrgId, bounds: &[DateTime<Utc>]) -> Result<Vec<i64>> {
    if bounds.len() < 2 {
        return Ok(Vec::new());
    }
    let spans: Vec<String> = (0..bounds.len() - 1)
        .map(|k| {
            format!(
                "CAST(COALESCE(SUM(CASE WHEN done_at >= ${} AND done_at < ${} THEN 1 ELSE 0 END), 0) AS BIGINT)",
                k + 2,
                k + 3
            )
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM tasks WHERE org_id = $1 AND done_at >= $2 AND done_at < ${} AND archived_at IS NULL",
        spans.join(", "),
        bounds.len() + 1
    );
    Ok(on_tx!(tx, |c| {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(org.0);
        for b in bounds {
            q = q.bind(*b);
        }
        let row = q.fetch_one(c).await?;
        (0..bounds.len() - 1)
            .map(|k| sqlx::Row::try_get::<i64, _>(&row, k))
            .collect::<std::result::Result<Vec<i64>, sqlx::Error>>()
    })?)
}
