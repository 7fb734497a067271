//! Who is acting, in which organisation, with which role.

use crate::{AppError, Result};
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use mognad_store::users::{self, User};

/// A signed-in user acting inside one organisation.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    pub org: OrgId,
    pub role: Role,
    /// How the request reached us, for the audit log.
    pub via: Via,
}

/// Where a request came from and through what: a browser session, or an API token by name.
#[derive(Debug, Clone, Default)]
pub struct Via {
    /// The client's address as the server judged it (behind a trusted proxy, the proxy's word).
    pub client: String,
    /// The API token's name, when the request carried one.
    pub token: Option<String>,
}

impl Actor {
    /// Fails with `Forbidden` when the request came with an API token: who may act and how
    /// (accounts, roles, tokens, sign-in settings) is decided by people signed in, so a leaked
    /// token cannot make itself new tokens or accounts that outlive its revocation.
    pub fn not_by_token(&self) -> Result<()> {
        if self.via.token.is_some() {
            Err(AppError::Forbidden)
        } else {
            Ok(())
        }
    }

    /// Fails with `Forbidden` unless the actor's role is at least `needed`.
    pub fn require(&self, needed: Role) -> Result<()> {
        if self.role.at_least(needed) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl super::Platform<'_> {
    /// The user's standing in `org`. A user who is not a member gets `NotFound`, not
    /// `Forbidden`, so another organisation's existence is not revealed.
    #[tracing::instrument(skip_all)]
    pub async fn actor(&self, user: User, org: OrgId) -> Result<Actor> {
        let mut tx = self.db.read().await?;
        let role = users::role_in(&mut tx, user.id, org)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Actor {
            user,
            org,
            role,
            via: Via::default(),
        })
    }
}
