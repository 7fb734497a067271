//! Organisations (tenants) and their settings.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: Uuid,
    name: String,
    language: String,
    anonymity_threshold: i64,
}

impl TryFrom<OrgRow> for Organisation {
    type Error = crate::StoreError;
    fn try_from(r: OrgRow) -> Result<Self> {
        Ok(Organisation {
            id: OrgId(r.id),
            settings: OrgSettings {
                name: Name::parse("name", &r.name)?,
                language: Language::parse(&r.language)?,
                anonymity_threshold: AnonymityThreshold::parse(r.anonymity_threshold)?,
            },
        })
    }
}

pub async fn insert(tx: &mut Tx, org: &Organisation, now: DateTime<Utc>) -> Result<()> {
    let s = &org.settings;
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO organisations (id, name, language, anonymity_threshold, created_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(org.id.0)
    .bind(s.name.as_str())
    .bind(s.language.code())
    .bind(s.anonymity_threshold.get())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn update(tx: &mut Tx, org: &Organisation) -> Result<bool> {
    let s = &org.settings;
    let done = on_tx!(tx, |c| sqlx::query(
        "UPDATE organisations SET name = $2, language = $3, anonymity_threshold = $4 WHERE id = $1"
    )
    .bind(org.id.0)
    .bind(s.name.as_str())
    .bind(s.language.code())
    .bind(s.anonymity_threshold.get())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn get(tx: &mut Tx, id: OrgId) -> Result<Option<Organisation>> {
    let row: Option<OrgRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, name, language, anonymity_threshold FROM organisations WHERE id = $1"
    )
    .bind(id.0)
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

pub async fn list(tx: &mut Tx) -> Result<Vec<Organisation>> {
    let rows: Vec<OrgRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, name, language, anonymity_threshold FROM organisations ORDER BY name"
    )
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

#[derive(sqlx::FromRow)]
struct OrgRoleRow {
    #[sqlx(flatten)]
    org: OrgRow,
    role: String,
}

/// The organisations a user belongs to, with the user's role in each.
pub async fn list_for_user(tx: &mut Tx, user: UserId) -> Result<Vec<(Organisation, Role)>> {
    let rows: Vec<OrgRoleRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT o.id, o.name, o.language, o.anonymity_threshold, m.role
         FROM organisations o JOIN memberships m ON m.org_id = o.id
         WHERE m.user_id = $1 AND m.active ORDER BY o.name"
    )
    .bind(user.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter()
        .map(|r| Ok((r.org.try_into()?, Role::parse(&r.role)?)))
        .collect()
}

pub async fn find_by_name(tx: &mut Tx, name: &str) -> Result<Option<Organisation>> {
    let row: Option<OrgRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, name, language, anonymity_threshold FROM organisations WHERE name = $1"
    )
    .bind(name)
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}
