//! The owner's single sign-on settings: the provider, the client, the e-mail domains it vouches
//! for, how its groups or roles map to roles, and whether local passwords still work.

use crate::platform::audit::record;
use crate::{Actor, AppError, Invalid, Result};
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use mognad_store::sso::{self, SsoConfig};
use serde::Deserialize;

/// The settings as the form or the API sends them.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SsoInput {
    pub issuer: String,
    pub client_id: String,
    /// Empty keeps the secret stored before.
    #[serde(default)]
    pub client_secret: String,
    /// Comma-separated, e.g. `ekby.se, skola.ekby.se`.
    pub email_domains: String,
    #[serde(default)]
    pub role_claim: String,
    /// Pairs `claim value = role` (admin, analyst or member), one a line or separated by `;`.
    #[serde(default)]
    pub role_map: String,
    #[serde(default = "member")]
    pub default_role: String,
    #[serde(default, deserialize_with = "crate::input::loose_bool")]
    pub passwords_off: bool,
    #[serde(default, deserialize_with = "crate::input::loose_bool")]
    pub enabled: bool,
}

fn member() -> String {
    "member".into()
}

/// A role the provider may give: never owner, which is given in Mognad only.
fn provider_role(field: &str, raw: &str, errors: &mut Vec<Invalid>) -> Option<Role> {
    match Role::parse(raw) {
        Ok(Role::Owner | Role::Hr) | Err(_) => {
            errors.push(Invalid::new(field, "sso-role", "admin, analyst or member"));
            None
        }
        Ok(r) => Some(r),
    }
}

impl SsoInput {
    fn parse(&self, org: OrgId, secret_before: Option<String>) -> Result<SsoConfig> {
        let mut errors = Vec::new();
        let issuer = self.issuer.trim().to_owned();
        if !crate::platform::oidc::acceptable_url(&issuer) {
            errors.push(Invalid::new("issuer", "sso-issuer-url", "an https:// address"));
        }
        if self.client_id.trim().is_empty() {
            errors.push(Invalid::new("client_id", "required", "required"));
        }
        let domains: Vec<String> = self
            .email_domains
            .split(',')
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        if domains.is_empty()
            || domains
                .iter()
                .any(|d| !d.contains('.') || d.contains(char::is_whitespace))
        {
            errors.push(Invalid::new(
                "email_domains",
                "sso-domains",
                "one or more domains, like ekby.se",
            ));
        }
        let mut role_map = Vec::new();
        // One pair a line, or several on one line with `;` (as a one-line form field sends them).
        for line in self.role_map.split(['\n', ';']).filter(|l| !l.trim().is_empty()) {
            match line.rsplit_once('=') {
                Some((value, role)) if !value.trim().is_empty() => {
                    if let Some(r) = provider_role("role_map", role, &mut errors) {
                        role_map.push((value.trim().to_owned(), r));
                    }
                }
                _ => errors.push(Invalid::new(
                    "role_map",
                    "sso-role-map",
                    "lines like: IT-ledning = admin",
                )),
            }
        }
        let default_role = provider_role("default_role", &self.default_role, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let secret = self.client_secret.trim();
        Ok(SsoConfig {
            org,
            issuer,
            client_id: self.client_id.trim().to_owned(),
            client_secret: if secret.is_empty() {
                secret_before
            } else {
                Some(secret.to_owned())
            },
            email_domains: domains,
            role_claim: self.role_claim.trim().to_owned(),
            role_map,
            default_role: default_role.unwrap_or(Role::Member),
            passwords_off: self.passwords_off,
            enabled: self.enabled,
        })
    }
}

impl super::Platform<'_> {
    /// The organisation's provider settings. Admins and owners.
    #[tracing::instrument(skip_all)]
    pub async fn sso_settings(&self, actor: &Actor) -> Result<Option<SsoConfig>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        Ok(sso::get(&mut tx, actor.org).await?)
    }

    /// Saves the provider settings. Owners only: they decide who gets in.
    #[tracing::instrument(skip_all)]
    pub async fn save_sso_settings(&self, actor: &Actor, input: &SsoInput) -> Result<SsoConfig> {
        actor.require(Role::Owner)?;
        actor.not_by_token()?;
        let mut tx = self.db.write().await?;
        let before = sso::get(&mut tx, actor.org).await?.and_then(|c| c.client_secret);
        let config = input.parse(actor.org, before)?;
        // A domain is one organisation's: another may not take over its people's sign-in.
        let taken: Vec<String> = sso::enabled(&mut tx)
            .await?
            .into_iter()
            .filter(|c| c.org != actor.org)
            .flat_map(|c| c.email_domains)
            .filter(|d| config.email_domains.contains(d))
            .collect();
        if !taken.is_empty() {
            return Err(AppError::invalid(
                "email_domains",
                "sso-domain-taken",
                format!("another organisation signs in {} already", taken.join(", ")),
            ));
        }
        sso::put(&mut tx, &config).await?;
        record(&mut tx, actor, "sso-changed", &config.issuer).await?;
        tx.commit().await?;
        Ok(config)
    }
}
