//! Goals, initiatives and their costs, and intake forms with their submissions.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Goal {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub position: i64,
}

pub async fn insert_goal(tx: &mut Tx, org: OrgId, g: &Goal, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO goals (id, org_id, title, description, position, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(g.id)
    .bind(org.0)
    .bind(&g.title)
    .bind(&g.description)
    .bind(g.position)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn update_goal(tx: &mut Tx, org: OrgId, g: &Goal) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE goals SET title = $1, description = $2 WHERE org_id = $3 AND id = $4"
    )
    .bind(&g.title)
    .bind(&g.description)
    .bind(org.0)
    .bind(g.id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether the organisation has any goal, archived ones included.
pub async fn any_goal(tx: &mut Tx, org: OrgId) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM goals WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn goals(tx: &mut Tx, org: OrgId) -> Result<Vec<Goal>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, title, description, position FROM goals WHERE org_id = $1 AND archived_at IS NULL ORDER BY position, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Initiative {
    pub id: Uuid,
    pub goal_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub owner_id: Option<Uuid>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub status: String,
    /// Engine keys, separated by spaces.
    pub engines: String,
    /// Competence ids, separated by spaces.
    pub competences: String,
    pub round_id: Option<Uuid>,
    /// The leadership groups it works with; none means the whole organisation.
    #[sqlx(skip)]
    pub groups: Vec<Uuid>,
}

/// Saves an initiative with its groups (replacing the ones it had).
pub async fn save_initiative(tx: &mut Tx, org: OrgId, i: &Initiative, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO initiatives (id, org_id, goal_id, title, description, owner_id, starts_on, ends_on, status, engines,
           competences, round_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
         ON CONFLICT (id) DO UPDATE SET goal_id = excluded.goal_id, title = excluded.title,
           description = excluded.description, owner_id = excluded.owner_id, starts_on = excluded.starts_on,
           ends_on = excluded.ends_on, status = excluded.status, engines = excluded.engines,
           competences = excluded.competences, updated_at = excluded.updated_at"
    )
    .bind(i.id)
    .bind(org.0)
    .bind(i.goal_id)
    .bind(&i.title)
    .bind(&i.description)
    .bind(i.owner_id)
    .bind(i.starts_on)
    .bind(i.ends_on)
    .bind(&i.status)
    .bind(&i.engines)
    .bind(&i.competences)
    .bind(i.round_id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    crate::initiative_groups::set(tx, org, i.id, &i.groups).await
}

const INITIATIVE: &str =
    "SELECT id, goal_id, title, description, owner_id, starts_on, ends_on, status, engines,
    competences, round_id FROM initiatives";

pub async fn initiatives(tx: &mut Tx, org: OrgId) -> Result<Vec<Initiative>> {
    let mut list: Vec<Initiative> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{INITIATIVE} WHERE org_id = $1 AND archived_at IS NULL ORDER BY created_at, id"
    )))
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    for (initiative, group) in crate::initiative_groups::all(tx, org).await? {
        if let Some(i) = list.iter_mut().find(|i| i.id == initiative) {
            i.groups.push(group);
        }
    }
    Ok(list)
}

/// Every initiative's status and whether it is archived, archived ones included.
pub async fn initiative_states(tx: &mut Tx, org: OrgId) -> Result<Vec<(Uuid, String, bool)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, status, archived_at IS NOT NULL FROM initiatives WHERE org_id = $1"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn initiative(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Initiative>> {
    let found: Option<Initiative> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{INITIATIVE} WHERE org_id = $1 AND id = $2"
    )))
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?;
    match found {
        Some(mut i) => {
            i.groups = crate::initiative_groups::of(tx, org, id).await?;
            Ok(Some(i))
        }
        None => Ok(None),
    }
}

/// Whether the organisation has this initiative: one cheap read for checking a reference.
pub async fn initiative_exists(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM initiatives WHERE org_id = $1 AND id = $2"
    )
    .bind(org.0)
    .bind(id)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Cost {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub label: String,
    pub amount: i64,
    /// `running` or `investment`.
    pub kind: String,
    pub year: i64,
}

pub async fn insert_cost(tx: &mut Tx, org: OrgId, k: &Cost) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO initiative_costs (id, org_id, initiative_id, label, amount, kind, year) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(k.id)
    .bind(org.0)
    .bind(k.initiative_id)
    .bind(&k.label)
    .bind(k.amount)
    .bind(&k.kind)
    .bind(k.year)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn costs(tx: &mut Tx, org: OrgId) -> Result<Vec<Cost>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, initiative_id, label, amount, kind, year FROM initiative_costs WHERE org_id = $1
         AND initiative_id IN (SELECT id FROM initiatives WHERE org_id = $1 AND archived_at IS NULL) ORDER BY year, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IntakeForm {
    pub id: Uuid,
    pub org_id: Uuid,
    pub name: String,
    pub slug: String,
    pub public: bool,
    pub board_id: Uuid,
    pub intro: String,
    /// JSON, see `mognad_domain::plan::intake`.
    pub fields: String,
}

const FORM: &str = "SELECT id, org_id, name, slug, public, board_id, intro, fields FROM intake_forms";

pub async fn save_form(tx: &mut Tx, f: &IntakeForm, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO intake_forms (id, org_id, name, slug, public, board_id, intro, fields, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, public = excluded.public, board_id = excluded.board_id,
           intro = excluded.intro, fields = excluded.fields"
    )
    .bind(f.id)
    .bind(f.org_id)
    .bind(&f.name)
    .bind(&f.slug)
    .bind(f.public)
    .bind(f.board_id)
    .bind(&f.intro)
    .bind(&f.fields)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn forms(tx: &mut Tx, org: OrgId) -> Result<Vec<IntakeForm>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{FORM} WHERE org_id = $1 AND archived_at IS NULL ORDER BY name"
    )))
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

pub async fn form(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<IntakeForm>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{FORM} WHERE org_id = $1 AND id = $2"
    )))
    .bind(org.0)
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

/// A form by its public address, in whichever organisation has it.
pub async fn form_by_slug(tx: &mut Tx, slug: &str) -> Result<Option<IntakeForm>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{FORM} WHERE slug = $1 AND archived_at IS NULL"
    )))
    .bind(slug)
    .fetch_optional(c)
    .await)?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Submission {
    pub id: Uuid,
    pub form_id: Uuid,
    pub task_id: Option<Uuid>,
    pub answers: String,
    pub contact: Option<String>,
    pub receipt: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_submission(tx: &mut Tx, org: Uuid, s: &Submission) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO intake_submissions (id, org_id, form_id, task_id, answers, contact, receipt, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(s.id)
    .bind(org)
    .bind(s.form_id)
    .bind(s.task_id)
    .bind(&s.answers)
    .bind(&s.contact)
    .bind(&s.receipt)
    .bind(s.created_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn submissions(tx: &mut Tx, org: OrgId) -> Result<Vec<Submission>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, form_id, task_id, answers, contact, receipt, created_at FROM intake_submissions
         WHERE org_id = $1 ORDER BY created_at DESC, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}
