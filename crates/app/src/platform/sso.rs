//! Signing in with the organisation's identity provider (OpenID Connect): finding the
//! organisation from an e-mail domain, sending the browser to the provider and taking its
//! answer back — with accounts made just in time, tied to the directory person with
//! the same e-mail, and a role from the provider's groups or roles claim.

use crate::platform::accounts::{NewSession, random_token, token_hash};
use crate::platform::audit::record_account;
use crate::platform::oidc;
pub use crate::platform::sso_settings::SsoInput;
use crate::{AppError, Result};
use chrono::{Duration, Utc};
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use mognad_domain::text::Email;
use mognad_store::sso::{self, PendingSignIn, SsoConfig};
use mognad_store::{Db, WriterLock, members, orgs, users};
use serde_json::{Map, Value};

/// How long a sign-in may stay at the provider.
pub const STATE_MINUTES: i64 = 10;

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
        .fold(None, |best, r| match best {
            Some(b) if b.at_least(r) => Some(b),
            _ => Some(r),
        })
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
    /// Also returns the `state`, which the caller keeps in the browser (a cookie) to compare
    /// when the answer comes back, so an answer started by someone else is not taken.
    pub async fn start_sso(&self, org: OrgId, redirect_uri: &str, next: &str) -> Result<(String, String)> {
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
        let url = oidc::authorization_url(&d, &config.client_id, redirect_uri, &state, &nonce, &verifier);
        Ok((url, state))
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
        let subject = claims
            .get("sub")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| AppError::Refused {
                code: "sso-token",
                message: "the token names no subject".into(),
            })?
            .to_owned();
        let (linked, existing) = {
            let mut tx = self.db.read().await?;
            let linked = sso::identity(&mut tx, &d.issuer, &subject, pending.org).await?;
            let linked = match linked {
                Some(id) => users::get(&mut tx, id).await?,
                None => None,
            };
            (linked, users::by_email(&mut tx, &email).await?)
        };
        let user = match (linked, existing) {
            // Signed in as this provider account before: the link holds, wherever else the
            // account has joined since.
            (Some(u), _) => u,
            // An account of another organisation, or the instance's administrator, is not
            // signed in on a provider's first word: its owner could otherwise name any address.
            (None, Some(u)) => {
                let mut tx = self.db.read().await?;
                if members::is_instance_admin(&mut tx, u.id).await?
                    || members::member_elsewhere(&mut tx, u.id, pending.org).await?
                {
                    return Err(AppError::Refused {
                        code: "sso-account-elsewhere",
                        message:
                            "this address has an account in another organisation; sign in with its password"
                                .into(),
                    });
                }
                u
            }
            (None, None) => {
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
        sso::link_identity(&mut tx, &d.issuer, &subject, user.id, pending.org).await?;
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
