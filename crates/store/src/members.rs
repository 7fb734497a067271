//! An organisation's accounts as its owners manage them: who has which role, who is paused,
//! who signed in when; and the instance's own administrators.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::role::Role;
use uuid::Uuid;

/// One account's membership in an organisation.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub last_sign_in: Option<DateTime<Utc>>,
    /// The directory person with the account's e-mail: who the account is in the organisation.
    pub person: Option<(Uuid, String)>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: Uuid,
    email: String,
    display_name: String,
    role: String,
    active: bool,
    last_sign_in_at: Option<DateTime<Utc>>,
    person_id: Option<Uuid>,
    person_name: Option<String>,
}

impl TryFrom<MemberRow> for Member {
    type Error = crate::StoreError;
    fn try_from(r: MemberRow) -> Result<Self> {
        Ok(Member {
            user: UserId(r.id),
            email: r.email,
            display_name: r.display_name,
            role: Role::parse(&r.role)?,
            active: r.active,
            last_sign_in: r.last_sign_in_at,
            person: r.person_id.zip(r.person_name),
        })
    }
}

const MEMBER: &str = "SELECT u.id, u.email, u.display_name, m.role, m.active, u.last_sign_in_at,
            p.id AS person_id, p.name AS person_name
     FROM memberships m JOIN users u ON u.id = m.user_id
     LEFT JOIN people p ON p.id = (SELECT x.id FROM people x
                                   WHERE x.org_id = m.org_id AND x.email = u.email ORDER BY x.id LIMIT 1)";

/// Every account with a role in `org`, by name.
pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<Member>> {
    let sql = format!("{MEMBER} WHERE m.org_id = $1 ORDER BY u.display_name, u.email");
    let rows: Vec<MemberRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// One account's membership in `org`.
pub async fn get(tx: &mut Tx, org: OrgId, user: UserId) -> Result<Option<Member>> {
    let sql = format!("{MEMBER} WHERE m.org_id = $1 AND m.user_id = $2");
    let row: Option<MemberRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(user.0)
        .fetch_optional(c)
        .await)?;
    row.map(TryInto::try_into).transpose()
}

/// Pauses or resumes a membership; returns whether there was one.
pub async fn set_active(tx: &mut Tx, org: OrgId, user: UserId, active: bool) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE memberships SET active = $3 WHERE org_id = $1 AND user_id = $2"
    )
    .bind(org.0)
    .bind(user.0)
    .bind(active)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Owners of `org` who can still act.
pub async fn active_owners(tx: &mut Tx, org: OrgId) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'owner' AND active"
    )
    .bind(org.0)
    .fetch_one(c)
    .await)?)
}

/// Notes a successful sign-in.
pub async fn signed_in(tx: &mut Tx, user: UserId, at: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE users SET last_sign_in_at = $2 WHERE id = $1"
    )
    .bind(user.0)
    .bind(at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn is_instance_admin(tx: &mut Tx, user: UserId) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM instance_admins WHERE user_id = $1"
    )
    .bind(user.0)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn any_instance_admin(tx: &mut Tx) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM instance_admins")
        .fetch_one(c)
        .await)?;
    Ok(n > 0)
}

pub async fn make_instance_admin(tx: &mut Tx, user: UserId, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO instance_admins (user_id, created_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING"
    )
    .bind(user.0)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every organisation with its count of accounts, for the instance administrator.
pub async fn organisations(tx: &mut Tx) -> Result<Vec<(OrgId, String, i64)>> {
    let rows: Vec<(Uuid, String, i64)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT o.id, o.name, (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id)
         FROM organisations o ORDER BY o.name"
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, n)| (OrgId(id), name, n))
        .collect())
}

/// Replaces any set-up link with a new one.
pub async fn set_setup_link(tx: &mut Tx, token_hash: &str, expires: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM setup_links")
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO setup_links (token_hash, expires_at) VALUES ($1, $2)"
    )
    .bind(token_hash)
    .bind(expires)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Spends the set-up link: true when it was live. Every link goes, used or not.
pub async fn use_setup_link(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
    let live = setup_link_live(tx, token_hash, now).await?;
    if live {
        on_tx!(tx, |c| sqlx::query("DELETE FROM setup_links")
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(live)
}

/// Whether a set-up link is live (to show its form).
pub async fn setup_link_live(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM setup_links WHERE token_hash = $1 AND expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// Gives `user` the `role` in `org` and makes the membership active (an invitation accepted);
/// a higher or equally high role an active member has there already stays, so an old invitation
/// never demotes and never swaps HR for analyst or back (they stand side by side).
/// A paused member comes back with the invitation's role.
pub async fn join(tx: &mut Tx, user: UserId, org: OrgId, role: Role) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO memberships (user_id, org_id, role, active) VALUES ($1, $2, $3, TRUE)
         ON CONFLICT (user_id, org_id) DO UPDATE SET active = TRUE, role = CASE
             WHEN memberships.active AND (CASE memberships.role WHEN 'owner' THEN 4 WHEN 'admin' THEN 3 WHEN 'analyst' THEN 2 WHEN 'hr' THEN 2 ELSE 1 END)
                >= (CASE excluded.role WHEN 'owner' THEN 4 WHEN 'admin' THEN 3 WHEN 'analyst' THEN 2 WHEN 'hr' THEN 2 ELSE 1 END)
             THEN memberships.role ELSE excluded.role END"
    )
    .bind(user.0)
    .bind(org.0)
    .bind(role.as_str())
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Ends every session of `user` (after a password reset).
pub async fn end_sessions(tx: &mut Tx, user: UserId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Whether `user` has a role in any organisation but `org`.
pub async fn member_elsewhere(tx: &mut Tx, user: UserId, org: OrgId) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND org_id <> $2"
    )
    .bind(user.0)
    .bind(org.0)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}
