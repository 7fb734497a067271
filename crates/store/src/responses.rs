//! Anonymous answers and the running counts kept beside them.
//!
//! Writes come in batches (one transaction for many respondents, see the app's submit queue),
//! so every function here takes many rows and sends them in few statements. Reports read the
//! per-group tallies only; `responses` is read by the export alone.

use crate::{Result, Tx, on_tx};
use futures_core::stream::BoxStream;
use mognad_domain::ids::RoundId;
use mognad_domain::tally::Tally;
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

/// `($1, $2, …), (…)`: the placeholders of a multi-row INSERT of `rows` rows of `cols` values.
pub(crate) fn values_list(rows: usize, cols: usize) -> String {
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

fn parse_tally(group: Uuid, json: &str) -> Result<Tally> {
    serde_json::from_str(json).map_err(|e| crate::StoreError::Corrupt(format!("tally of group {group}: {e}")))
}

/// The tallies of every group of a round that has answers.
pub async fn tallies(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, Tally)>> {
    let rows: Vec<(Uuid, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, tally FROM group_tallies WHERE round_id = $1"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter()
        .map(|(g, t)| Ok((g, parse_tally(g, &t)?)))
        .collect()
}

/// Answers per group of a round: (group, n), read without the tallies themselves.
pub async fn group_totals(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, n FROM group_tallies WHERE round_id = $1"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// One group's tally, locked for the rest of the transaction on PostgreSQL (SQLite's write
/// transaction holds the whole database already).
pub async fn tally_for_update(tx: &mut Tx, round: Uuid, group: Uuid) -> Result<Option<Tally>> {
    let row: Option<String> = match tx {
        Tx::Sqlite(t) => {
            sqlx::query_scalar("SELECT tally FROM group_tallies WHERE round_id = $1 AND group_id = $2")
                .bind(round)
                .bind(group)
                .fetch_optional(&mut **t)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_scalar(
                "SELECT tally FROM group_tallies WHERE round_id = $1 AND group_id = $2 FOR UPDATE",
            )
            .bind(round)
            .bind(group)
            .fetch_optional(&mut **t)
            .await?
        }
    };
    row.map(|t| parse_tally(group, &t)).transpose()
}

pub async fn put_tally(tx: &mut Tx, round: Uuid, group: Uuid, tally: &Tally) -> Result<()> {
    let json = serde_json::to_string(tally).map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO group_tallies (round_id, group_id, n, tally) VALUES ($1, $2, $3, $4)
         ON CONFLICT (round_id, group_id) DO UPDATE SET n = excluded.n, tally = excluded.tally"
    )
    .bind(round)
    .bind(group)
    .bind(tally.n as i64)
    .bind(json)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
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
    const SQL: &str = "SELECT group_id, answers FROM responses WHERE round_id = $1 ORDER BY round_id, id";
    match db {
        crate::Db::Sqlite(p) => sqlx::query_as(SQL).bind(round.0).fetch(p),
        crate::Db::Postgres(p) => sqlx::query_as(SQL).bind(round.0).fetch(p),
    }
}

/// Every answer of a round as (group, code), sorted, for moving an organisation.
pub async fn all(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, answers FROM responses WHERE round_id = $1 ORDER BY group_id, answers"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// Every comment of a round as (group, engine, text), sorted, for moving an organisation.
pub async fn all_comments(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, String, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, engine_key, body FROM response_comments WHERE round_id = $1
         ORDER BY group_id, engine_key, body"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}
