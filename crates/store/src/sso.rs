//! Single sign-on: each organisation's OpenID Connect provider, and the sign-ins sent there and
//! not yet back.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct SsoConfig {
    pub org: OrgId,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub email_domains: Vec<String>,
    pub role_claim: String,
    /// (claim value, role), in the order given.
    pub role_map: Vec<(String, Role)>,
    pub default_role: Role,
    pub passwords_off: bool,
    pub enabled: bool,
}

#[derive(sqlx::FromRow)]
struct ConfigRow {
    org_id: Uuid,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    email_domains: String,
    role_claim: String,
    role_map: String,
    default_role: String,
    passwords_off: bool,
    enabled: bool,
}

/// "value = role" lines as stored.
pub fn map_text(map: &[(String, Role)]) -> String {
    map.iter()
        .map(|(v, r)| format!("{v} = {r}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl TryFrom<ConfigRow> for SsoConfig {
    type Error = crate::StoreError;
    fn try_from(r: ConfigRow) -> Result<Self> {
        let mut role_map = Vec::new();
        for line in r.role_map.lines().filter(|l| !l.trim().is_empty()) {
            if let Some((v, role)) = line.rsplit_once('=') {
                role_map.push((v.trim().to_owned(), Role::parse(role)?));
            }
        }
        Ok(SsoConfig {
            org: OrgId(r.org_id),
            issuer: r.issuer,
            client_id: r.client_id,
            client_secret: r.client_secret,
            email_domains: r
                .email_domains
                .split(',')
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty())
                .collect(),
            role_claim: r.role_claim,
            role_map,
            default_role: Role::parse(&r.default_role)?,
            passwords_off: r.passwords_off,
            enabled: r.enabled,
        })
    }
}

const SELECT: &str = "SELECT org_id, issuer, client_id, client_secret, email_domains, role_claim, role_map,
            default_role, passwords_off, enabled FROM sso_configs";

pub async fn get(tx: &mut Tx, org: OrgId) -> Result<Option<SsoConfig>> {
    let sql = format!("{SELECT} WHERE org_id = $1");
    let row: Option<ConfigRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .fetch_optional(c)
        .await)?;
    row.map(TryInto::try_into).transpose()
}

/// Every enabled configuration (to find an organisation by an e-mail domain).
pub async fn enabled(tx: &mut Tx) -> Result<Vec<SsoConfig>> {
    let sql = format!("{SELECT} WHERE enabled ORDER BY org_id");
    let rows: Vec<ConfigRow> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub async fn put(tx: &mut Tx, c: &SsoConfig) -> Result<()> {
    on_tx!(tx, |x| sqlx::query(
        "INSERT INTO sso_configs (org_id, issuer, client_id, client_secret, email_domains, role_claim,
                                  role_map, default_role, passwords_off, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
             client_secret = excluded.client_secret, email_domains = excluded.email_domains,
             role_claim = excluded.role_claim, role_map = excluded.role_map,
             default_role = excluded.default_role, passwords_off = excluded.passwords_off,
             enabled = excluded.enabled"
    )
    .bind(c.org.0)
    .bind(&c.issuer)
    .bind(&c.client_id)
    .bind(&c.client_secret)
    .bind(c.email_domains.join(", "))
    .bind(&c.role_claim)
    .bind(map_text(&c.role_map))
    .bind(c.default_role.as_str())
    .bind(c.passwords_off)
    .bind(c.enabled)
    .execute(x)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A sign-in on its way to the provider.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    pub org: OrgId,
    pub nonce: String,
    pub verifier: String,
    pub redirect_uri: String,
    pub next: String,
}

pub async fn insert_state(
    tx: &mut Tx,
    state_hash: &str,
    p: &PendingSignIn,
    expires: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO sso_states (state_hash, org_id, nonce, verifier, redirect_uri, next, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(state_hash)
    .bind(p.org.0)
    .bind(&p.nonce)
    .bind(&p.verifier)
    .bind(&p.redirect_uri)
    .bind(&p.next)
    .bind(expires)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes a state: the pending sign-in if it was live. It is gone afterwards, so an answer from
/// the provider replayed (or a second tab) finds nothing.
pub async fn take_state(tx: &mut Tx, state_hash: &str, now: DateTime<Utc>) -> Result<Option<PendingSignIn>> {
    let row: Option<(Uuid, String, String, String, String, DateTime<Utc>)> = on_tx!(tx, |c| sqlx::query_as(
        "DELETE FROM sso_states WHERE state_hash = $1
         RETURNING org_id, nonce, verifier, redirect_uri, next, expires_at"
    )
    .bind(state_hash)
    .fetch_optional(c)
    .await)?;
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM sso_states WHERE expires_at <= $1"
    )
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(row
        .filter(|r| r.5 > now)
        .map(|(org, nonce, verifier, redirect_uri, next, _)| PendingSignIn {
            org: OrgId(org),
            nonce,
            verifier,
            redirect_uri,
            next,
        }))
}

/// Marks a session as vouched for by `org`'s provider.
pub async fn mark_session(tx: &mut Tx, token_hash: &str, org: OrgId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE sessions SET sso_org = $2 WHERE token_hash = $1"
    )
    .bind(token_hash)
    .bind(org.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The account linked to a provider account (issuer, subject) for `org`.
pub async fn identity(
    tx: &mut Tx,
    issuer: &str,
    subject: &str,
    org: OrgId,
) -> Result<Option<mognad_domain::ids::UserId>> {
    let id: Option<Uuid> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2 AND org_id = $3"
    )
    .bind(issuer)
    .bind(subject)
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    Ok(id.map(mognad_domain::ids::UserId))
}

/// Links a provider account to an account (once; a second link of the same one is ignored).
pub async fn link_identity(
    tx: &mut Tx,
    issuer: &str,
    subject: &str,
    user: mognad_domain::ids::UserId,
    org: OrgId,
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO sso_identities (issuer, subject, user_id, org_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (issuer, subject) DO NOTHING"
    )
    .bind(issuer)
    .bind(subject)
    .bind(user.0)
    .bind(org.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The organisation whose provider vouched for a session, if any.
pub async fn session_org(tx: &mut Tx, token_hash: &str) -> Result<Option<OrgId>> {
    let id: Option<Option<Uuid>> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT sso_org FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(c)
    .await)?;
    Ok(id.flatten().map(OrgId))
}
