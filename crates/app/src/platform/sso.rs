//! Signing in with the organisation's identity provider (OpenID Connect): the owner's settings,
//! finding the organisation from an e-mail domain, sending the browser to the provider and
//! taking its answer back — with accounts made just in time, tied to the directory person with
//! the same e-mail, and a role from the provider's groups or roles claim.

use crate::platform::accounts::{NewSession, random_token, token_hash};
use crate::platform::audit::{record, record_account};
use crate::platform::oidc;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{Duration, Utc};
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use mognad_domain::text::Email;
use mognad_store::sso::{self, PendingSignIn, SsoConfig};
use mognad_store::{Db, WriterLock, members, orgs, users};
use serde::Deserialize;
use serde_json::{Map, Value};

/// How long a sign-in may stay at the provider.
pub const STATE_MINUTES: i64 = 10;

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
        Ok(Role::Owner) | Err(_) => {
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
        let local = issuer.starts_with("http://localhost") || issuer.starts_with("http://127.0.0.1");
        if !(issuer.starts_with("https://") || local) || issuer.contains(char::is_whitespace) {
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

/// The role the provider's claims give, if a mapped value is among them (the highest wins).
fn mapped_role(c: &SsoConfig, claims: &Map<String, Value>) -> Option<Role> {
    let values: Vec<String> = match claims.get(&c.role_claim) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    c.role_map
        .iter()
        .filter(|(v, _)| values.contains(v))
        .map(|(_, r)| *r)
        .max()
}

/// The account's address from the claims: `email`, or Entra ID's `preferred_username` when it
/// is one; an address the provider says is unverified is not taken.
fn email_of(claims: &Map<String, Value>) -> Result<Email> {
    if claims.get("email_verified").and_then(Value::as_bool) == Some(false) {
        return Err(AppError::Refused {
            code: "sso-email",
            message: "the provider has not verified the address".into(),
        });
    }
    ["email", "preferred_username", "upn"]
        .iter()
        .filter_map(|k| claims.get(*k).and_then(Value::as_str))
        .find_map(|v| Email::parse(v).ok())
        .ok_or_else(|| AppError::Refused {
            code: "sso-email",
            message: "the provider gave no e-mail address".into(),
        })
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
        let mut tx = self.db.write().await?;
        let before = sso::get(&mut tx, actor.org).await?.and_then(|c| c.client_secret);
        let config = input.parse(actor.org, before)?;
        sso::put(&mut tx, &config).await?;
        record(&mut tx, actor, "sso-changed", &config.issuer).await?;
        tx.commit().await?;
        Ok(config)
    }

    /// The organisation whose provider signs in addresses like `email`.
    #[tracing::instrument(skip_all)]
    pub async fn sso_org_for(&self, email: &str) -> Result<Option<OrgId>> {
        let domain = email.trim().rsplit_once('@').map(|(_, d)| d.to_lowercase());
        let Some(domain) = domain else { return Ok(None) };
        let mut tx = self.db.read().await?;
        Ok(sso::enabled(&mut tx)
            .await?
            .into_iter()
            .find(|c| c.email_domains.contains(&domain))
            .map(|c| c.org))
    }

    /// Starts a sign-in at `org`'s provider: the address to send the browser to.
    #[tracing::instrument(skip_all)]
    pub async fn start_sso(&self, org: OrgId, redirect_uri: &str, next: &str) -> Result<String> {
        let config = {
            let mut tx = self.db.read().await?;
            sso::get(&mut tx, org)
                .await?
                .filter(|c| c.enabled)
                .ok_or_else(|| AppError::Refused {
                    code: "sso-off",
                    message: "this organisation has no single sign-on".into(),
                })?
        };
        let d = oidc::discover(&config.issuer).await?;
        let (state, nonce, verifier) = (random_token(), oidc::random(32), oidc::random(32));
        let pending = PendingSignIn {
            org,
            nonce: nonce.clone(),
            verifier: verifier.clone(),
            redirect_uri: redirect_uri.to_owned(),
            next: next.to_owned(),
        };
        let mut tx = self.db.write().await?;
        sso::insert_state(
            &mut tx,
            &token_hash(&state),
            &pending,
            Utc::now() + Duration::minutes(STATE_MINUTES),
        )
        .await?;
        tx.commit().await?;
        Ok(oidc::authorization_url(
            &d,
            &config.client_id,
            redirect_uri,
            &state,
            &nonce,
            &verifier,
        ))
    }

    /// Takes the provider's answer: checks it, finds or makes the account, gives the role and
    /// opens a session. Returns the session and where the user was going.
    #[tracing::instrument(skip_all)]
    pub async fn finish_sso(&self, state: &str, code: &str, client: &str) -> Result<(NewSession, String)> {
        let now = Utc::now();
        let pending = {
            let mut tx = self.db.write().await?;
            let p = sso::take_state(&mut tx, &token_hash(state), now).await?;
            tx.commit().await?;
            p.ok_or_else(|| AppError::Refused {
                code: "sso-state",
                message: "this sign-in is unknown, used already or too old; start again".into(),
            })?
        };
        let (config, org) = {
            let mut tx = self.db.read().await?;
            let c = sso::get(&mut tx, pending.org)
                .await?
                .filter(|c| c.enabled)
                .ok_or(AppError::NotFound)?;
            let o = orgs::get(&mut tx, pending.org).await?.ok_or(AppError::NotFound)?;
            (c, o)
        };
        let d = oidc::discover(&config.issuer).await?;
        let token = oidc::exchange(
            &d,
            &config.client_id,
            config.client_secret.as_deref(),
            code,
            &pending.redirect_uri,
            &pending.verifier,
        )
        .await?;
        let jwks = oidc::keys(&d).await?;
        let claims = oidc::verify_id_token(
            &token,
            &jwks,
            &d.issuer,
            &config.client_id,
            &pending.nonce,
            now.timestamp(),
        )?;
        let email = email_of(&claims)?;
        let domain = email
            .as_str()
            .rsplit_once('@')
            .map(|(_, d)| d.to_owned())
            .unwrap_or_default();
        if !config.email_domains.contains(&domain) {
            return Err(AppError::Refused {
                code: "sso-domain",
                message: format!("addresses at {domain} do not sign in here"),
            });
        }
        let existing = {
            let mut tx = self.db.read().await?;
            users::by_email(&mut tx, &email).await?
        };
        let user = match existing {
            Some(u) => u,
            None => {
                // Just in time: the account has a password nobody knows; the provider vouches.
                let name = claims
                    .get("name")
                    .and_then(Value::as_str)
                    .filter(|n| !n.trim().is_empty())
                    .map(str::to_owned)
                    .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
                self.create_user(email.as_str(), &name, &random_token(), org.settings.language)
                    .await?
            }
        };
        let mapped = mapped_role(&config, &claims);
        let mut tx = self.db.write().await?;
        Db::serialise(&mut tx, WriterLock::Memberships).await?;
        match members::get(&mut tx, pending.org, user.id).await? {
            Some(m) if !m.active => {
                return Err(AppError::Refused {
                    code: "account-paused",
                    message: "the account is paused in this organisation".into(),
                });
            }
            // The provider's groups decide the role, but never take away an owner's.
            Some(m) if m.role != Role::Owner => {
                if let Some(r) = mapped.filter(|r| *r != m.role) {
                    users::set_role(&mut tx, user.id, pending.org, r).await?;
                }
            }
            Some(_) => {}
            None => {
                members::join(
                    &mut tx,
                    user.id,
                    pending.org,
                    mapped.unwrap_or(config.default_role),
                )
                .await?
            }
        }
        record_account(
            &mut tx,
            Some(pending.org),
            Some(&user),
            email.as_str(),
            "sign-in",
            client,
        )
        .await?;
        let session = super::accounts::start_session(&mut tx, user).await?;
        sso::mark_session(&mut tx, &token_hash(&session.token), pending.org).await?;
        tx.commit().await?;
        Ok((session, pending.next))
    }
}
