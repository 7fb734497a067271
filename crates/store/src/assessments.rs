//! Competence profiles (a person's framework, target role and mentor consent), the
//! append-only assessments, and each person's combined levels kept beside them for team views. There is deliberately no update or delete of an assessment here.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::competence::assessment::{Assessment, Source};
use mognad_domain::ids::{OrgId, PersonId};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Profile {
    pub person_id: Uuid,
    pub framework_id: Option<Uuid>,
    pub role_key: Option<String>,
    pub mentor_may_see: bool,
}

pub async fn profile(tx: &mut Tx, org: OrgId, person: PersonId) -> Result<Option<Profile>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT person_id, framework_id, role_key, mentor_may_see FROM competence_profiles
         WHERE org_id = $1 AND person_id = $2"
    )
    .bind(org.0)
    .bind(person.0)
    .fetch_optional(c)
    .await)?)
}

/// Every profile of the organisation (for team views).
pub async fn profiles(tx: &mut Tx, org: OrgId) -> Result<Vec<Profile>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT person_id, framework_id, role_key, mentor_may_see FROM competence_profiles WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn save_profile(tx: &mut Tx, org: OrgId, p: &Profile, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO competence_profiles (person_id, org_id, framework_id, role_key, mentor_may_see, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (person_id) DO UPDATE SET framework_id = excluded.framework_id,
               role_key = excluded.role_key, mentor_may_see = excluded.mentor_may_see,
               updated_at = excluded.updated_at",
        )
        .bind(p.person_id)
        .bind(org.0)
        .bind(p.framework_id)
        .bind(&p.role_key)
        .bind(p.mentor_may_see)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    competence_key: String,
    source: String,
    level: i64,
    note: String,
    assessor_id: Option<Uuid>,
    created_at: DateTime<Utc>,
}

impl TryFrom<Row> for Assessment {
    type Error = crate::StoreError;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Assessment {
            id: r.id,
            competence: r.competence_key,
            source: Source::parse(&r.source)
                .ok_or_else(|| crate::StoreError::Corrupt(format!("assessment source {}", r.source)))?,
            level: u8::try_from(r.level)
                .map_err(|_| crate::StoreError::Corrupt(format!("assessment level {}", r.level)))?,
            note: r.note,
            assessor: r.assessor_id,
            at: r.created_at,
        })
    }
}

/// Adds one assessment.
pub async fn insert(
    tx: &mut Tx,
    org: OrgId,
    person: PersonId,
    framework: Uuid,
    a: &Assessment,
) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO assessments (id, org_id, person_id, framework_id, competence_key, source, level, note,
               assessor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(a.id)
        .bind(org.0)
        .bind(person.0)
        .bind(framework)
        .bind(&a.competence)
        .bind(a.source.as_str())
        .bind(i64::from(a.level))
        .bind(&a.note)
        .bind(a.assessor)
        .bind(a.at)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A person's assessments against every version of a framework, oldest first: a competence
/// keeps its id across versions, so moving to a new version keeps the history.
pub async fn history(tx: &mut Tx, org: OrgId, person: PersonId, framework: Uuid) -> Result<Vec<Assessment>> {
    let rows: Vec<Row> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT a.id, a.competence_key, a.source, a.level, a.note, a.assessor_id, a.created_at
         FROM assessments a JOIN competence_frameworks f ON f.id = a.framework_id
         WHERE a.org_id = $1 AND a.person_id = $2 AND f.org_id = $1 AND f.framework_key =
           (SELECT framework_key FROM competence_frameworks WHERE id = $3 AND org_id = $1)
         ORDER BY a.created_at, a.id"
    )
    .bind(org.0)
    .bind(person.0)
    .bind(framework)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Combined levels by competence id.
pub type Levels = BTreeMap<String, f64>;

fn parse_levels(raw: &str) -> Result<Levels> {
    serde_json::from_str(raw).map_err(|e| crate::StoreError::Corrupt(format!("competence levels: {e}")))
}

/// A person's combined levels on a framework, locked until the transaction ends (on
/// PostgreSQL; SQLite's writer holds the whole database), so two assessments of the same
/// person at once cannot overwrite each other's level.
pub async fn levels_for_update(tx: &mut Tx, person: PersonId, framework: Uuid) -> Result<Levels> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO competence_levels (person_id, framework_id, levels) VALUES ($1, $2, '{}')
         ON CONFLICT (person_id, framework_id) DO NOTHING"
    )
    .bind(person.0)
    .bind(framework)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    let raw: String =
        match tx {
            Tx::Sqlite(t) => {
                sqlx::query_scalar(
                    "SELECT levels FROM competence_levels WHERE person_id = $1 AND framework_id = $2",
                )
                .bind(person.0)
                .bind(framework)
                .fetch_one(&mut **t)
                .await?
            }
            Tx::Postgres(t) => sqlx::query_scalar(
                "SELECT levels FROM competence_levels WHERE person_id = $1 AND framework_id = $2 FOR UPDATE",
            )
            .bind(person.0)
            .bind(framework)
            .fetch_one(&mut **t)
            .await?,
        };
    parse_levels(&raw)
}

pub async fn put_levels(tx: &mut Tx, person: PersonId, framework: Uuid, levels: &Levels) -> Result<()> {
    let json = serde_json::to_string(levels).map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO competence_levels (person_id, framework_id, levels) VALUES ($1, $2, $3)
         ON CONFLICT (person_id, framework_id) DO UPDATE SET levels = excluded.levels"
    )
    .bind(person.0)
    .bind(framework)
    .bind(json)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes a person's combined levels on every version of `framework`, before they are
/// written anew for the version the person moves to (so no older row outlives the move).
pub async fn clear_levels(tx: &mut Tx, org: OrgId, person: PersonId, framework: Uuid) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM competence_levels WHERE person_id = $1 AND framework_id IN
           (SELECT id FROM competence_frameworks WHERE org_id = $2 AND framework_key =
             (SELECT framework_key FROM competence_frameworks WHERE id = $3 AND org_id = $2))"
    )
    .bind(person.0)
    .bind(org.0)
    .bind(framework)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The combined levels of every person of the organisation on one framework, read over all
/// its versions: a newer version's row overrides an older one competence by competence, so
/// people not moved yet (or never given a profile) keep their levels after a new version.
pub async fn levels(tx: &mut Tx, org: OrgId, framework: Uuid) -> Result<Vec<(Uuid, Levels)>> {
    let rows: Vec<(Uuid, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT l.person_id, l.levels FROM competence_levels l
         JOIN people p ON p.id = l.person_id
         JOIN competence_frameworks f ON f.id = l.framework_id
         WHERE p.org_id = $1 AND f.org_id = $1 AND f.framework_key =
           (SELECT framework_key FROM competence_frameworks WHERE id = $2 AND org_id = $1)
         ORDER BY l.person_id, f.version"
    )
    .bind(org.0)
    .bind(framework)
    .fetch_all(c)
    .await)?;
    let mut merged: Vec<(Uuid, Levels)> = Vec::new();
    for (p, raw) in rows {
        let levels = parse_levels(&raw)?;
        match merged.last_mut() {
            Some((last, acc)) if *last == p => acc.extend(levels),
            _ => merged.push((p, levels)),
        }
    }
    Ok(merged)
}
