//! Anonymous answers and the running counts kept beside them.
//!
//! Writes come in batches (one transaction for many respondents, see the app's submit queue),
//! so every function here takes many rows and sends them in few statements. Reads serve the
//! reports from `answer_counts` and `engine_sums` only; `responses` is read by the export alone.

use crate::{Result, Tx, on_tx};
use futures_core::stream::BoxStream;
use mognad_domain::ids::RoundId;
use uuid::Uuid;

/// Rows per multi-row INSERT: well under both backends' limits on bound parameters.
const CHUNK: usize = 200;

pub struct NewResponse {
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub answers: String,
}

pub struct NewComment {
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub engine_key: String,
    pub body: String,
}

/// One counter increment: (round, group, item key, value, how many).
pub type CountDelta = (Uuid, Uuid, String, i64, i64);
/// One sums increment: (round, group, engine key, n, total, total of squares).
pub type SumsDelta = (Uuid, Uuid, String, i64, f64, f64);

fn values_list(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let params: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", params.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn insert_responses(tx: &mut Tx, rows: &[NewResponse]) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO responses (id, round_id, group_id, answers) VALUES {}",
            values_list(chunk.len(), 4)
        );
        on_tx!(tx, |c| {
            // Only placeholders are formatted into the text; every value is bound.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for r in chunk {
                // Random, not time-ordered: the key must not date the answer.
                q = q
                    .bind(Uuid::new_v4())
                    .bind(r.round_id)
                    .bind(r.group_id)
                    .bind(&r.answers);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn insert_comments(tx: &mut Tx, rows: &[NewComment]) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO response_comments (id, round_id, group_id, engine_key, body) VALUES {}",
            values_list(chunk.len(), 5)
        );
        on_tx!(tx, |c| {
            // Only placeholders are formatted into the text; every value is bound.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for r in chunk {
                q = q
                    .bind(Uuid::new_v4())
                    .bind(r.round_id)
                    .bind(r.group_id)
                    .bind(&r.engine_key)
                    .bind(&r.body);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn add_counts(tx: &mut Tx, rows: &[CountDelta]) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO answer_counts (round_id, group_id, item_key, value, n) VALUES {}
             ON CONFLICT (round_id, group_id, item_key, value) DO UPDATE SET n = answer_counts.n + excluded.n",
            values_list(chunk.len(), 5)
        );
        on_tx!(tx, |c| {
            // Only placeholders are formatted into the text; every value is bound.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for (r, g, k, v, n) in chunk {
                q = q.bind(*r).bind(*g).bind(k).bind(*v).bind(*n);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn add_sums(tx: &mut Tx, rows: &[SumsDelta]) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO engine_sums (round_id, group_id, engine_key, n, total, total_sq) VALUES {}
             ON CONFLICT (round_id, group_id, engine_key) DO UPDATE SET n = engine_sums.n + excluded.n,
             total = engine_sums.total + excluded.total, total_sq = engine_sums.total_sq + excluded.total_sq",
            values_list(chunk.len(), 6)
        );
        on_tx!(tx, |c| {
            // Only placeholders are formatted into the text; every value is bound.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for (r, g, k, n, s, s2) in chunk {
                q = q.bind(*r).bind(*g).bind(k).bind(*n).bind(*s).bind(*s2);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Adds `n` answers to a group's total for the round.
pub async fn add_group_total(tx: &mut Tx, round: Uuid, group: Uuid, n: i64) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE round_groups SET responses = responses + $3 WHERE round_id = $1 AND group_id = $2"
    )
    .bind(round)
    .bind(group)
    .bind(n)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Answers per group of a round: (group, n).
pub async fn group_totals(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, responses FROM round_groups WHERE round_id = $1"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// The engine sums of every group of a round.
pub async fn sums(tx: &mut Tx, round: RoundId) -> Result<Vec<SumsDelta>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT round_id, group_id, engine_key, n, total, total_sq FROM engine_sums WHERE round_id = $1"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// The answer counts of a round, for the given groups.
pub async fn counts(tx: &mut Tx, round: RoundId, groups: &[Uuid]) -> Result<Vec<CountDelta>> {
    let mut out = Vec::new();
    for g in groups {
        let rows: Vec<CountDelta> = on_tx!(tx, |c| sqlx::query_as(
            "SELECT round_id, group_id, item_key, value, n FROM answer_counts
             WHERE round_id = $1 AND group_id = $2"
        )
        .bind(round.0)
        .bind(*g)
        .fetch_all(c)
        .await)?;
        out.extend(rows);
    }
    Ok(out)
}

/// A group's comments for one round, sorted by their text so their order says nothing about
/// when or by whom they were written.
pub async fn comments(tx: &mut Tx, round: RoundId, group: Uuid) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT engine_key, body FROM response_comments WHERE round_id = $1 AND group_id = $2
         ORDER BY engine_key, body"
    )
    .bind(round.0)
    .bind(group)
    .fetch_all(c)
    .await)?)
}

/// Every stored answer of a round as (group, code), streamed so an export of any size runs in
/// flat memory. Ordered by the random key, which is no order at all.
pub fn stream<'a>(
    db: &'a crate::Db,
    round: RoundId,
) -> BoxStream<'a, std::result::Result<(Uuid, String), sqlx::Error>> {
    const SQL: &str = "SELECT group_id, answers FROM responses WHERE round_id = $1 ORDER BY id";
    match db {
        crate::Db::Sqlite(p) => sqlx::query_as(SQL).bind(round.0).fetch(p),
        crate::Db::Postgres(p) => sqlx::query_as(SQL).bind(round.0).fetch(p),
    }
}
