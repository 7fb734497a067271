//! API tokens: owners and admins make keys for integrations (HR sync, reporting tools). A token
//! acts for the account that made it, in one organisation, with the lower of the role it was
//! given and its maker's current role there: when the maker leaves or is paused, it stops.
//! The secret is shown once; only its SHA-256 is stored.

use crate::platform::accounts::{random_token, token_hash};
use crate::platform::audit::record;
use crate::{Actor, AppError, Result};
use chrono::{Duration, Utc};
use mognad_domain::ids::{ApiTokenId, OrgId};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use mognad_store::api_tokens::{self, ApiToken};
use mognad_store::users::{self, User};
use uuid::Uuid;

/// What every secret starts with, so a leaked one is recognised (secret scanners, logs).
pub const PREFIX: &str = "mognad_";
/// The longest a token may live.
pub const MAX_DAYS: i64 = 366;
/// A use is noted (and logged) at most this often per token.
const USE_INTERVAL_MINUTES: i64 = 15;

/// A token just made, with its secret: the only time the secret is known.
pub struct IssuedToken {
    pub token: ApiToken,
    pub secret: String,
}

/// What a presented secret turned out to be.
pub enum Presented {
    /// A live token of this organisation: act as this.
    Acting(Actor),
    /// A live token, but not for the organisation asked about (or its maker is no longer an
    /// active member there): its maker and the organisation the token is for.
    Elsewhere(User, OrgId),
    /// No live token with this secret.
    Unknown,
}

impl super::Platform<'_> {
    /// Makes a token. Admins and owners; the role may not be above the maker's own.
    #[tracing::instrument(skip_all)]
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        role: Role,
        days: i64,
    ) -> Result<IssuedToken> {
        actor.require(Role::Admin)?;
        actor.not_by_token()?;
        let name = Name::parse("name", name)?;
        let mut problems = Vec::new();
        if !actor.role.at_least(role) {
            problems.push(crate::Invalid::new(
                "role",
                "above-role",
                "a token cannot have a role above yours",
            ));
        }
        if !(1..=MAX_DAYS).contains(&days) {
            problems.push(crate::Invalid::new(
                "days",
                "token-days",
                "a token lives from 1 to 366 days",
            ));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let secret = format!("{PREFIX}{}", random_token());
        let now = Utc::now();
        let token = ApiToken {
            id: Uuid::now_v7(),
            org: actor.org,
            user: actor.user.id,
            owner_email: actor.user.email.to_string(),
            name: name.to_string(),
            role,
            created_at: now,
            expires_at: now + Duration::days(days),
            last_used_at: None,
            revoked_at: None,
        };
        let mut tx = self.db.write().await?;
        api_tokens::insert(&mut tx, &token, &token_hash(&secret)).await?;
        record(
            &mut tx,
            actor,
            "token-created",
            &format!("{} ({role})", token.name),
        )
        .await?;
        tx.commit().await?;
        Ok(IssuedToken { token, secret })
    }

    /// The organisation's tokens, revoked and expired ones too. Admins and owners.
    #[tracing::instrument(skip_all)]
    pub async fn tokens(&self, actor: &Actor) -> Result<Vec<ApiToken>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        Ok(api_tokens::list(&mut tx, actor.org).await?)
    }

    /// Revokes a live token at once. Admins and owners.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_token(&self, actor: &Actor, id: ApiTokenId) -> Result<()> {
        let id = id.0;
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let token = api_tokens::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !api_tokens::revoke(&mut tx, actor.org, id, Utc::now()).await? {
            return Err(AppError::Refused {
                code: "token-revoked",
                message: "the token was revoked already".into(),
            });
        }
        record(&mut tx, actor, "token-revoked", &token.name).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Who a presented secret acts as in `org`. `client` is where the request came from.
    #[tracing::instrument(skip_all)]
    pub async fn present_token(&self, secret: &str, org: Option<OrgId>, client: &str) -> Result<Presented> {
        let now = Utc::now();
        let Some((token, member_role)) = api_tokens::live(&self.db, &token_hash(secret), now).await? else {
            return Ok(Presented::Unknown);
        };
        let user = {
            let mut tx = self.db.read().await?;
            users::get(&mut tx, token.user).await?
        };
        let Some(user) = user else {
            return Ok(Presented::Unknown);
        };
        let Some(member_role) = member_role.filter(|_| org == Some(token.org)) else {
            return Ok(Presented::Elsewhere(user, token.org));
        };
        let actor = Actor {
            user,
            org: token.org,
            role: member_role.within(token.role),
            via: crate::platform::access::Via {
                client: client.to_owned(),
                token: Some(token.name.clone()),
            },
        };
        let mut tx = self.db.write().await?;
        if api_tokens::touch(
            &mut tx,
            token.id,
            now,
            now - Duration::minutes(USE_INTERVAL_MINUTES),
        )
        .await?
        {
            record(&mut tx, &actor, "token-used", &token.name).await?;
        }
        tx.commit().await?;
        Ok(Presented::Acting(actor))
    }
}
