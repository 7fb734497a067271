//! Accounts, their roles in organisations, and server-side sessions.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: Name,
    pub password_hash: String,
    pub language: Language,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    email: String,
    display_name: String,
    password_hash: String,
    language: String,
}

impl TryFrom<UserRow> for User {
    type Error = crate::StoreError;
    fn try_from(r: UserRow) -> Result<Self> {
        Ok(User {
            id: UserId(r.id),
            email: Email::parse(&r.email)?,
            display_name: Name::parse("display_name", &r.display_name)?,
            password_hash: r.password_hash,
            language: Language::parse(&r.language)?,
        })
    }
}

pub async fn insert(tx: &mut Tx, u: &User, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, language, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(u.id.0)
    .bind(u.email.as_str())
    .bind(u.display_name.as_str())
    .bind(&u.password_hash)
    .bind(u.language.code())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn by_email(tx: &mut Tx, email: &Email) -> Result<Option<User>> {
    let row: Option<UserRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, email, display_name, password_hash, language FROM users WHERE email = $1"
    )
    .bind(email.as_str())
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

pub async fn get(tx: &mut Tx, id: UserId) -> Result<Option<User>> {
    let row: Option<UserRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, email, display_name, password_hash, language FROM users WHERE id = $1"
    )
    .bind(id.0)
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

pub async fn set_password_hash(tx: &mut Tx, id: UserId, hash: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE users SET password_hash = $2 WHERE id = $1"
    )
    .bind(id.0)
    .bind(hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Gives `user` the `role` in `org`, replacing any role they had there.
pub async fn set_role(tx: &mut Tx, user: UserId, org: OrgId, role: Role) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role"
    )
    .bind(user.0)
    .bind(org.0)
    .bind(role.as_str())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn role_in(tx: &mut Tx, user: UserId, org: OrgId) -> Result<Option<Role>> {
    let role: Option<String> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT role FROM memberships WHERE user_id = $1 AND org_id = $2 AND active"
    )
    .bind(user.0)
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    Ok(role.map(|r| Role::parse(&r)).transpose()?)
}

/// Stores a new session under the hash of its token; the token itself is never stored.
pub async fn insert_session(
    tx: &mut Tx,
    token_hash: &str,
    user: UserId,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(now)
    .bind(expires)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The user of a session that has not expired.
pub async fn session_user(tx: &mut Tx, token_hash: &str, now: DateTime<Utc>) -> Result<Option<User>> {
    let row: Option<UserRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.password_hash, u.language
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    user: UserRow,
    role: Option<String>,
    needs_two_factor: bool,
    needs_sso: bool,
}

/// A session's standing in one organisation.
pub struct InOrg {
    pub user: User,
    /// The role while the membership is active.
    pub role: Option<Role>,
    /// The organisation requires two-factor sign-in of owners and admins, this session passed
    /// no second factor, and it did not come through the organisation's own identity provider
    /// (whose sign-in policy then stands in for it).
    pub needs_two_factor: bool,
    /// The organisation takes only its identity provider's word and this session came by
    /// password (or another organisation's provider).
    pub needs_sso: bool,
}

/// The session's user and their standing in `org` (a session a provider vouched for counts in
/// that provider's organisation only), in one statement, run on the pool without a
/// transaction: every request inside an organisation makes it.
pub async fn session_in_org(
    db: &crate::Db,
    token_hash: &str,
    org: OrgId,
    now: DateTime<Utc>,
) -> Result<Option<InOrg>> {
    let row: Option<SessionRow> = crate::on_db!(db, |c| {
        sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.password_hash, u.language, m.role,
                (COALESCE((SELECT p.two_factor_for_admins FROM sign_in_policy p WHERE p.org_id = $3), FALSE)
                 AND NOT s.two_factor
                 AND (s.sso_org IS NULL OR s.sso_org <> $3)) AS needs_two_factor,
                (COALESCE((SELECT c.passwords_off AND c.enabled FROM sso_configs c WHERE c.org_id = $3), FALSE)
                 AND (s.sso_org IS NULL OR s.sso_org <> $3)) AS needs_sso
         FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN memberships m ON m.user_id = u.id AND m.org_id = $3 AND m.active
              AND (s.sso_org IS NULL OR s.sso_org = m.org_id)
         WHERE s.token_hash = $1 AND s.expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .bind(org.0)
    .fetch_optional(c)
    .await
    })?;
    row.map(|r| {
        Ok(InOrg {
            role: r.role.map(|x| Role::parse(&x)).transpose()?,
            user: User::try_from(r.user)?,
            needs_two_factor: r.needs_two_factor,
            needs_sso: r.needs_sso,
        })
    })
    .transpose()
}

pub async fn delete_session(tx: &mut Tx, token_hash: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a user except `keep` (after a password change).
pub async fn delete_other_sessions(tx: &mut Tx, user: UserId, keep: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2"
    )
    .bind(user.0)
    .bind(keep)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_expired_sessions(tx: &mut Tx, now: DateTime<Utc>) -> Result<u64> {
    Ok(on_tx!(tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1"
    )
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}
