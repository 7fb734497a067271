//! The benchmark against other organisations: who takes part and with what category and size
//! band, the closed rounds they lend, and the reference tables loaded per model.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::benchmark::{Category, Participation, SizeBand};
use mognad_domain::ids::{OrgId, RoundId};
use uuid::Uuid;

fn parse(org: Uuid, category: &str, size: &str) -> Result<Participation> {
    let bad = |what: &str| crate::StoreError::Corrupt(format!("benchmark {what} of {org}"));
    Ok(Participation {
        category: Category::parse(category).ok_or_else(|| bad("category"))?,
        size: SizeBand::parse(size).ok_or_else(|| bad("size band"))?,
    })
}

/// How an organisation takes part, if it does.
pub async fn participation(tx: &mut Tx, org: OrgId) -> Result<Option<Participation>> {
    let row: Option<(String, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT category, size_band FROM benchmark_participants WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    row.map(|(c, s)| parse(org.0, &c, &s)).transpose()
}

/// Takes part (or changes category and size band); `None` leaves.
pub async fn set_participation(
    tx: &mut Tx,
    org: OrgId,
    p: Option<Participation>,
    now: DateTime<Utc>,
) -> Result<()> {
    match p {
        Some(p) => on_tx!(tx, |c| sqlx::query(
            "INSERT INTO benchmark_participants (org_id, category, size_band, joined_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (org_id) DO UPDATE SET category = $2, size_band = $3"
        )
        .bind(org.0)
        .bind(p.category.as_str())
        .bind(p.size.as_str())
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?,
        None => on_tx!(tx, |c| sqlx::query(
            "DELETE FROM benchmark_participants WHERE org_id = $1"
        )
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?,
    };
    Ok(())
}

/// The other taking-part organisations' latest closed rounds on model `model_key` (the
/// newest by id, ids being time-ordered), one per organisation.
pub async fn contributions(
    tx: &mut Tx,
    model_key: &str,
    except: OrgId,
) -> Result<Vec<(OrgId, Participation, RoundId)>> {
    let rows: Vec<(Uuid, String, String, Uuid)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT p.org_id, p.category, p.size_band, r.id
         FROM benchmark_participants p
         JOIN rounds r ON r.org_id = p.org_id AND r.state = 'closed'
         JOIN maturity_models m ON m.id = r.model_id AND m.model_key = $1
         WHERE p.org_id <> $2
         ORDER BY p.org_id, r.id DESC"
    )
    .bind(model_key)
    .bind(except.0)
    .fetch_all(c)
    .await)?;
    let mut out: Vec<(OrgId, Participation, RoundId)> = Vec::new();
    for (org, c, s, round) in rows {
        if out.last().is_some_and(|(o, _, _)| o.0 == org) {
            continue;
        }
        out.push((OrgId(org), parse(org, &c, &s)?, RoundId(round)));
    }
    Ok(out)
}

/// A loaded reference table's description.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub model_key: String,
    pub name: String,
    pub rows: i64,
    pub loaded_at: DateTime<Utc>,
}

/// Every loaded reference table, by model key.
pub async fn references(tx: &mut Tx) -> Result<Vec<Reference>> {
    let rows: Vec<(String, String, i64, DateTime<Utc>)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT model_key, name, row_count, loaded_at FROM benchmark_references ORDER BY model_key"
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(model_key, name, rows, loaded_at)| Reference {
            model_key,
            name,
            rows,
            loaded_at,
        })
        .collect())
}

/// Replaces the reference table of `r.model_key` with `rows`: per row, (engine id, score).
pub async fn load_reference(tx: &mut Tx, r: &Reference, rows: &[Vec<(String, f64)>]) -> Result<()> {
    delete_reference(tx, &r.model_key).await?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO benchmark_references (model_key, name, row_count, loaded_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(&r.model_key)
    .bind(&r.name)
    .bind(r.rows)
    .bind(r.loaded_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    for (no, row) in rows.iter().enumerate() {
        for (engine, score) in row {
            on_tx!(tx, |c| sqlx::query(
                "INSERT INTO benchmark_reference_scores (model_key, row_no, engine_id, score_centi)
                 VALUES ($1, $2, $3, $4)"
            )
            .bind(&r.model_key)
            .bind(no as i64)
            .bind(engine)
            .bind((score * 100.0).round() as i64)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
    }
    Ok(())
}

/// Removes the reference table of a model; false when there was none.
pub async fn delete_reference(tx: &mut Tx, model_key: &str) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM benchmark_references WHERE model_key = $1"
    )
    .bind(model_key)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A model's reference table: its description and, per row, (engine id, score).
pub async fn reference(tx: &mut Tx, model_key: &str) -> Result<Option<(Reference, Vec<Vec<(String, f64)>>)>> {
    let Some(r) = references(tx)
        .await?
        .into_iter()
        .find(|r| r.model_key == model_key)
    else {
        return Ok(None);
    };
    let scores: Vec<(i64, String, i64)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT row_no, engine_id, score_centi FROM benchmark_reference_scores
         WHERE model_key = $1 ORDER BY row_no, engine_id"
    )
    .bind(model_key)
    .fetch_all(c)
    .await)?;
    let mut rows: Vec<Vec<(String, f64)>> = vec![Vec::new(); r.rows.max(0) as usize];
    for (no, engine, centi) in scores {
        if let Some(row) = usize::try_from(no).ok().and_then(|i| rows.get_mut(i)) {
            row.push((engine, centi as f64 / 100.0));
        }
    }
    Ok(Some((r, rows)))
}
