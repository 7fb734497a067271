//! Grid placements (append-only; the latest is current) and development-plan actions.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::{OrgId, PersonId};
use uuid::Uuid;

/// Who a placement is about: a person, or a role of a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Person(PersonId),
    Role { framework: Uuid, role: String },
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Placement {
    pub id: Uuid,
    pub grid_key: String,
    pub now_column: i64,
    pub now_row: i64,
    pub target_column: Option<i64>,
    pub target_row: Option<i64>,
    pub created_at: DateTime<Utc>,
}

pub async fn place(tx: &mut Tx, org: OrgId, subject: &Subject, p: &Placement) -> Result<()> {
    let (person, framework, role) = match subject {
        Subject::Person(id) => (Some(id.0), None, None),
        Subject::Role { framework, role } => (None, Some(*framework), Some(role.as_str())),
    };
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO grid_placements (id, org_id, person_id, framework_id, role_key, grid_key, now_column,
               now_row, target_column, target_row, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(p.id)
        .bind(org.0)
        .bind(person)
        .bind(framework)
        .bind(role)
        .bind(&p.grid_key)
        .bind(p.now_column)
        .bind(p.now_row)
        .bind(p.target_column)
        .bind(p.target_row)
        .bind(p.created_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The subject's placements on every grid, newest first.
pub async fn placements(tx: &mut Tx, org: OrgId, subject: &Subject) -> Result<Vec<Placement>> {
    const COLUMNS: &str = "SELECT id, grid_key, now_column, now_row, target_column, target_row, created_at
         FROM grid_placements WHERE org_id = $1";
    Ok(match subject {
        Subject::Person(id) => on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COLUMNS} AND person_id = $2 ORDER BY created_at DESC, id DESC"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_all(c)
        .await)?,
        // A role's placements are made on one version but hold for its later versions too
        // (a new version keeps its roles' ids, as it keeps its competences'): those made on this
        // version or an earlier one of the same framework.
        Subject::Role { framework, role } => on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COLUMNS} AND role_key = $3 AND framework_id IN (
               SELECT o.id FROM competence_frameworks o JOIN competence_frameworks t
                 ON t.org_id = o.org_id AND t.framework_key = o.framework_key AND o.version <= t.version
               WHERE t.id = $2)
             ORDER BY created_at DESC, id DESC"
        )))
        .bind(org.0)
        .bind(framework)
        .bind(role)
        .fetch_all(c)
        .await)?,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredAction {
    pub id: Uuid,
    pub person_id: Uuid,
    pub title: String,
    pub kind: String,
    /// Competence ids separated by spaces.
    pub competences: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
}

pub async fn insert_action(tx: &mut Tx, org: OrgId, a: &StoredAction, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO plan_actions (id, org_id, person_id, title, kind, competences, due_on, status,
               created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(a.id)
        .bind(org.0)
        .bind(a.person_id)
        .bind(&a.title)
        .bind(&a.kind)
        .bind(&a.competences)
        .bind(a.due_on)
        .bind(&a.status)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Sets an action's status; false when the person has no such action.
pub async fn set_status(
    tx: &mut Tx,
    org: OrgId,
    person: PersonId,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
            "UPDATE plan_actions SET status = $1, updated_at = $2
             WHERE org_id = $3 AND person_id = $4 AND id = $5",
        )
        .bind(status)
        .bind(now)
        .bind(org.0)
        .bind(person.0)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// A person's plan, by due date (undated last), then in the order added.
pub async fn actions(tx: &mut Tx, org: OrgId, person: PersonId) -> Result<Vec<StoredAction>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, person_id, title, kind, competences, due_on, status FROM plan_actions
         WHERE org_id = $1 AND person_id = $2
         ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, created_at, id"
    )
    .bind(org.0)
    .bind(person.0)
    .fetch_all(c)
    .await)?)
}

/// Every person's placements in the organisation, newest first, with the person's id.
pub async fn people_placements(tx: &mut Tx, org: OrgId) -> Result<Vec<(Uuid, Placement)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        person_id: Uuid,
        #[sqlx(flatten)]
        p: Placement,
    }
    let rows: Vec<Row> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT person_id, id, grid_key, now_column, now_row, target_column, target_row, created_at
         FROM grid_placements WHERE org_id = $1 AND person_id IS NOT NULL ORDER BY created_at DESC, id DESC"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|r| (r.person_id, r.p)).collect())
}

/// Every plan action in the organisation, by due date (undated last).
pub async fn all_actions(tx: &mut Tx, org: OrgId) -> Result<Vec<StoredAction>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, person_id, title, kind, competences, due_on, status FROM plan_actions
         WHERE org_id = $1
         ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, created_at, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}
