//! Keys for the API: each acts for the account that made it, in one organisation, with at most
//! the role it was given. Only the SHA-256 of a key is stored.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::role::Role;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: Uuid,
    pub org: OrgId,
    pub user: UserId,
    pub owner_email: String,
    pub name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: Uuid,
    org_id: Uuid,
    user_id: Uuid,
    email: String,
    name: String,
    role: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl TryFrom<TokenRow> for ApiToken {
    type Error = crate::StoreError;
    fn try_from(r: TokenRow) -> Result<Self> {
        Ok(ApiToken {
            id: r.id,
            org: OrgId(r.org_id),
            user: UserId(r.user_id),
            owner_email: r.email,
            name: r.name,
            role: Role::parse(&r.role)?,
            created_at: r.created_at,
            expires_at: r.expires_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
        })
    }
}

const SELECT: &str = "SELECT t.id, t.org_id, t.user_id, u.email, t.name, t.role, t.created_at,
            t.expires_at, t.last_used_at, t.revoked_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id";

pub async fn insert(tx: &mut Tx, t: &ApiToken, token_hash: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO api_tokens (id, org_id, user_id, name, role, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(t.id)
    .bind(t.org.0)
    .bind(t.user.0)
    .bind(&t.name)
    .bind(t.role.as_str())
    .bind(token_hash)
    .bind(t.created_at)
    .bind(t.expires_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The organisation's tokens, newest first, revoked and expired ones included.
pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<ApiToken>> {
    let sql = format!("{SELECT} WHERE t.org_id = $1 ORDER BY t.created_at DESC, t.id");
    let rows: Vec<TokenRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub async fn get(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<ApiToken>> {
    let sql = format!("{SELECT} WHERE t.org_id = $1 AND t.id = $2");
    let row: Option<TokenRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(id)
        .fetch_optional(c)
        .await)?;
    row.map(TryInto::try_into).transpose()
}

/// A live token by its hash (not revoked, not expired), with its owner's standing: the owner's
/// role in the token's organisation while that membership is active.
pub async fn live(
    db: &crate::Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(ApiToken, Option<Role>)>> {
    #[derive(sqlx::FromRow)]
    struct Live {
        #[sqlx(flatten)]
        token: TokenRow,
        member_role: Option<String>,
    }
    const SQL: &str = "SELECT t.id, t.org_id, t.user_id, u.email, t.name, t.role, t.created_at, t.expires_at,
                t.last_used_at, t.revoked_at, m.role AS member_role
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         LEFT JOIN memberships m ON m.user_id = t.user_id AND m.org_id = t.org_id AND m.active
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2";
    let row: Option<Live> = crate::on_db!(db, |c| sqlx::query_as(SQL)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(c)
        .await)?;
    row.map(|r| {
        let role = r.member_role.map(|x| Role::parse(&x)).transpose()?;
        Ok((ApiToken::try_from(r.token)?, role))
    })
    .transpose()
}

/// Notes a use when the last one noted is older than `stale`; returns whether it noted it, so
/// a busy integration writes once per interval rather than once per request.
pub async fn touch(tx: &mut Tx, id: Uuid, now: DateTime<Utc>, stale: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE api_tokens SET last_used_at = $2
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)"
    )
    .bind(id)
    .bind(now)
    .bind(stale)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Revokes a live token; returns whether it was live.
pub async fn revoke(tx: &mut Tx, org: OrgId, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE api_tokens SET revoked_at = $3 WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL"
    )
    .bind(org.0)
    .bind(id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
