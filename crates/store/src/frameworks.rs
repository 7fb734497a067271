//! Stored competence frameworks: each row keeps its source file.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredFramework {
    pub id: Uuid,
    pub org_id: Uuid,
    pub framework_key: String,
    pub version: i64,
    pub name_sv: String,
    pub name_en: String,
    pub source: String,
}

/// Adds a framework; false when the organisation already has that id and version (which is
/// also how two first listings at once stay harmless).
pub async fn insert_if_absent(tx: &mut Tx, f: &StoredFramework, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO competence_frameworks (id, org_id, framework_key, version, name_sv, name_en, source, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, framework_key, version) DO NOTHING"
    )
    .bind(f.id)
    .bind(f.org_id)
    .bind(&f.framework_key)
    .bind(f.version)
    .bind(&f.name_sv)
    .bind(&f.name_en)
    .bind(&f.source)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<StoredFramework>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, framework_key, version, name_sv, name_en, source FROM competence_frameworks
         WHERE org_id = $1 ORDER BY framework_key, version"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn get(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<StoredFramework>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, framework_key, version, name_sv, name_en, source FROM competence_frameworks
         WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}
