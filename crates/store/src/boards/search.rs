//! Finding an organisation's cards by the words of their title, description, checklist and
//! comments, with the board filters. Each backend answers from its own index (FTS5 on SQLite,
//! a `tsvector` with a GIN index on PostgreSQL; see migration 0016).
//!
//! Cards with every word in their title come first, then the others, each newest first. Two
//! passes in that order instead of one ranked query: a ranking score has to be computed for
//! every match before the first can be shown (160 ms for a common word among 100,000 cards on
//! SQLite), while newest-first lets the index stop after a page (BENCHMARKS.md).

use super::{Filter, Task};
use crate::{Result, Tx};
use mognad_domain::ids::OrgId;

const COLUMNS: &str = "t.id, t.board_id, t.column_id, t.rank, t.title, t.description, t.assignee_id,
    t.priority, t.due_on, t.labels, t.initiative_id, t.estimate_hours, t.created_at, t.done_at,
    t.archived_at IS NOT NULL AS archived";

/// At most `limit` cards with every word (each as a word's beginning) and the filter; with no
/// words, the filter's cards newest first (ids are time-ordered, and the key's index lets the
/// read stop at a page). Words must be letters and digits only
/// (`mognad_domain::plan::search::words`), so they cannot change the query's meaning.
pub async fn search(tx: &mut Tx, org: OrgId, words: &[String], f: &Filter, limit: i64) -> Result<Vec<Task>> {
    debug_assert!(words.iter().all(|w| w.chars().all(char::is_alphanumeric)));
    if words.is_empty() {
        let (clause, n) = f.sql(2);
        let sql = format!(
            "SELECT {COLUMNS} FROM tasks t WHERE t.org_id = $1{clause} ORDER BY t.id DESC LIMIT ${}",
            2 + n
        );
        return Ok(crate::on_tx!(tx, |c| {
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org.0);
            f.bind_as(q).bind(limit).fetch_all(c).await
        })?);
    }
    let mut found = pass(tx, org, words, f, limit, true).await?;
    if (found.len() as i64) < limit {
        let rest = pass(tx, org, words, f, limit + found.len() as i64, false).await?;
        for t in rest {
            if found.len() as i64 == limit {
                break;
            }
            if !found.iter().any(|x| x.id == t.id) {
                found.push(t);
            }
        }
    }
    Ok(found)
}

/// One pass: the cards with every word in the title (`title_only`) or anywhere, newest first.
async fn pass(
    tx: &mut Tx,
    org: OrgId,
    words: &[String],
    f: &Filter,
    limit: i64,
    title_only: bool,
) -> Result<Vec<Task>> {
    let (clause, n) = f.sql(3);
    let limit_at = 3 + n;
    Ok(match tx {
        Tx::Sqlite(c) => {
            let all: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
            let all = all.join(" AND ");
            let query = if title_only {
                format!("{{title}} : ({all})")
            } else {
                all
            };
            let sql = format!(
                // CROSS JOIN keeps SQLite reading from the index outwards, so it stops after a
                // page; left free, it may walk the organisation's cards and match each.
                "SELECT {COLUMNS} FROM task_search s
                 CROSS JOIN task_search_keys k ON k.n = s.rowid
                 CROSS JOIN tasks t ON t.id = k.task_id
                 WHERE task_search MATCH $2 AND t.org_id = $1{clause}
                 ORDER BY s.rowid DESC LIMIT ${limit_at}"
            );
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org.0).bind(query);
            f.bind_as(q).bind(limit).fetch_all(&mut **c).await?
        }
        Tx::Postgres(c) => {
            // Weight A is the title's.
            let suffix = if title_only { ":*A" } else { ":*" };
            let query: Vec<String> = words.iter().map(|w| format!("{w}{suffix}")).collect();
            let sql = format!(
                "SELECT {COLUMNS} FROM task_search s
                 JOIN tasks t ON t.id = s.task_id
                 WHERE s.doc @@ to_tsquery('simple', $2) AND t.org_id = $1{clause}
                 ORDER BY t.id DESC LIMIT ${limit_at}"
            );
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(org.0)
                .bind(query.join(" & "));
            f.bind_as(q).bind(limit).fetch_all(&mut **c).await?
        }
    })
}
