//! Stored maturity models. A model row keeps its source file; `in_use` tells whether a round
//! measures with it, after which it must never change.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{ModelId, OrgId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredModel {
    pub id: Uuid,
    pub org_id: Uuid,
    pub model_key: String,
    pub version: i64,
    pub name_sv: String,
    pub name_en: String,
    pub source: String,
}

pub async fn insert(tx: &mut Tx, m: &StoredModel, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO maturity_models (id, org_id, model_key, version, name_sv, name_en, source, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(m.id)
    .bind(m.org_id)
    .bind(&m.model_key)
    .bind(m.version)
    .bind(&m.name_sv)
    .bind(&m.name_en)
    .bind(&m.source)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Inserts a model unless the organisation already has that id and version; safe when two
/// requests try at once.
pub async fn insert_if_absent(tx: &mut Tx, m: &StoredModel, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO maturity_models (id, org_id, model_key, version, name_sv, name_en, source, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, model_key, version) DO NOTHING"
    )
    .bind(m.id)
    .bind(m.org_id)
    .bind(&m.model_key)
    .bind(m.version)
    .bind(&m.name_sv)
    .bind(&m.name_en)
    .bind(&m.source)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces the source of a model no round uses; returns false if it is in use or absent.
pub async fn replace_unused(tx: &mut Tx, m: &StoredModel) -> Result<bool> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
        "UPDATE maturity_models SET name_sv = $3, name_en = $4, source = $5
         WHERE id = $1 AND org_id = $2 AND NOT EXISTS (SELECT 1 FROM rounds r WHERE r.model_id = maturity_models.id)"
    )
    .bind(m.id)
    .bind(m.org_id)
    .bind(&m.name_sv)
    .bind(&m.name_en)
    .bind(&m.source)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<StoredModel>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, model_key, version, name_sv, name_en, source FROM maturity_models
         WHERE org_id = $1 ORDER BY model_key, version"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn get(tx: &mut Tx, org: OrgId, id: ModelId) -> Result<Option<StoredModel>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, model_key, version, name_sv, name_en, source FROM maturity_models
         WHERE id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .fetch_optional(c)
    .await)?)
}

pub async fn find(tx: &mut Tx, org: OrgId, key: &str, version: i64) -> Result<Option<StoredModel>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, model_key, version, name_sv, name_en, source FROM maturity_models
         WHERE org_id = $1 AND model_key = $2 AND version = $3"
    )
    .bind(org.0)
    .bind(key)
    .bind(version)
    .fetch_optional(c)
    .await)?)
}

/// Ids of the models some round of the organisation measures with.
pub async fn used_ids(tx: &mut Tx, org: OrgId) -> Result<Vec<Uuid>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT DISTINCT model_id FROM rounds WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// The newest stored version of every model key on the instance, whichever organisation holds
/// it (for choices made above the organisations, like a reference table's model).
pub async fn newest_per_key(tx: &mut Tx) -> Result<Vec<StoredModel>> {
    let all: Vec<StoredModel> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, model_key, version, name_sv, name_en, source FROM maturity_models
         ORDER BY model_key, version DESC, id"
    )
    .fetch_all(c)
    .await)?;
    let mut out: Vec<StoredModel> = Vec::new();
    for m in all {
        if out.last().is_none_or(|l| l.model_key != m.model_key) {
            out.push(m);
        }
    }
    Ok(out)
}
