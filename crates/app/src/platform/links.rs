//! One-time links that let someone in without an administrator at a shell: accepting an
//! invitation (a new account, or an existing one joining) and choosing a new password after
//! asking for a reset by mail. A link works once, until it expires; the refusal says which.

use crate::platform::accounts::{NewSession, token_hash};
use crate::platform::audit::record_account;
use crate::{AppError, Result};
use chrono::{Duration, Utc};
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name, NewPassword};
use mognad_store::account_links::{self, Invitation};
use mognad_store::users::{self, User};
use mognad_store::{members, orgs, throttle};

/// How long a password-reset link works.
pub const RESET_MINUTES: i64 = 60;
/// Reset mails one address may be sent per hour, so nobody's inbox can be flooded.
const RESETS_PER_HOUR: i64 = 3;

/// An invitation accepted: the organisation joined, and a session when a new account was made
/// (an existing account was signed in already).
pub struct Accepted {
    pub org: mognad_domain::ids::OrgId,
    pub session: Option<NewSession>,
}

/// What an invitation link offers, to show before it is accepted.
pub struct InvitationView {
    pub org_name: String,
    pub email: String,
    pub role: Role,
    /// An account with the address exists: the invitee signs in with it first.
    pub has_account: bool,
}

fn link_refused(code: &'static str) -> AppError {
    let message = match code {
        "sign-in-first" => "an account with this address exists; sign in with it, then open the link again",
        "link-used" => "the link has been used already",
        "link-expired" => "the link has expired; ask for a new one",
        _ => "the link is not known; check that it was copied whole",
    };
    AppError::Refused {
        code,
        message: message.into(),
    }
}

/// The invitation behind `token` while it can still be accepted.
async fn usable(tx: &mut mognad_store::Tx, token: &str) -> Result<Invitation> {
    let inv = account_links::invitation_by_token(tx, &token_hash(token))
        .await?
        .ok_or_else(|| link_refused("link-unknown"))?;
    if inv.accepted_at.is_some() {
        return Err(link_refused("link-used"));
    }
    if inv.expires_at <= Utc::now() {
        return Err(link_refused("link-expired"));
    }
    Ok(inv)
}

impl super::Platform<'_> {
    /// What the invitation link offers.
    #[tracing::instrument(skip_all)]
    pub async fn invitation_by_link(&self, token: &str) -> Result<InvitationView> {
        let mut tx = self.db.read().await?;
        let inv = usable(&mut tx, token).await?;
        let org = orgs::get(&mut tx, inv.org).await?.ok_or(AppError::NotFound)?;
        let has_account = users::by_email(&mut tx, &Email::parse(&inv.email)?)
            .await?
            .is_some();
        Ok(InvitationView {
            org_name: org.settings.name.to_string(),
            email: inv.email,
            role: inv.role,
            has_account,
        })
    }

    /// Accepts an invitation: makes the account and signs it in, or — when one exists — adds
    /// the organisation to the account signed in as it. A higher role it has there stays.
    #[tracing::instrument(skip_all)]
    pub async fn accept_invitation(
        &self,
        token: &str,
        signed_in: Option<&User>,
        display_name: &str,
        password: &str,
        client: &str,
    ) -> Result<Accepted> {
        let (inv, language) = {
            let mut tx = self.db.read().await?;
            let inv = usable(&mut tx, token).await?;
            let org = orgs::get(&mut tx, inv.org).await?.ok_or(AppError::NotFound)?;
            (inv, org.settings.language)
        };
        let email = Email::parse(&inv.email)?;
        let existing = {
            let mut tx = self.db.read().await?;
            users::by_email(&mut tx, &email).await?
        };
        let (user, new_session) = match existing {
            // An existing account joins only while signed in as itself, through the sign-in
            // with its brakes and second factor: the link alone must not open it.
            Some(u) => match signed_in {
                Some(me) if me.id == u.id => (u, false),
                _ => return Err(link_refused("sign-in-first")),
            },
            None => {
                let name = Name::parse("display_name", display_name)?;
                let password = NewPassword::parse(password)?;
                let u = self
                    .create_user(email.as_str(), name.as_str(), password.expose(), language)
                    .await?;
                (u, true)
            }
        };
        let mut tx = self.db.write().await?;
        if !account_links::accept_invitation(&mut tx, inv.id, Utc::now()).await? {
            return Err(link_refused("link-used"));
        }
        members::join(&mut tx, user.id, inv.org, inv.role).await?;
        record_account(
            &mut tx,
            Some(inv.org),
            Some(&user),
            email.as_str(),
            "invitation-accepted",
            client,
        )
        .await?;
        let session = if new_session {
            Some(super::accounts::start_session(&mut tx, user).await?)
        } else {
            None
        };
        tx.commit().await?;
        Ok(Accepted {
            org: inv.org,
            session,
        })
    }

    /// Starts a password reset: the account and a link token when the address has an account,
    /// `None` otherwise (the page says the same either way). At most three per address an hour.
    #[tracing::instrument(skip_all)]
    pub async fn request_password_reset(&self, email: &str) -> Result<Option<(User, String)>> {
        let Ok(email) = Email::parse(email) else {
            return Ok(None);
        };
        let now = Utc::now();
        let bucket = format!("reset:{email}");
        let since = now.timestamp() - 3600;
        let mut tx = self.db.write().await?;
        if throttle::fail(&mut tx, &bucket, now.timestamp(), since).await? > RESETS_PER_HOUR {
            tx.commit().await?;
            return Err(AppError::Throttled);
        }
        let Some(user) = users::by_email(&mut tx, &email).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        let token = super::accounts::random_token();
        account_links::insert_reset(
            &mut tx,
            &token_hash(&token),
            user.id,
            now,
            now + Duration::minutes(RESET_MINUTES),
        )
        .await?;
        tx.commit().await?;
        Ok(Some((user, token)))
    }

    /// Whether a reset link can still be used.
    #[tracing::instrument(skip_all)]
    pub async fn reset_link_usable(&self, token: &str) -> Result<bool> {
        let mut tx = self.db.read().await?;
        Ok(account_links::reset_usable(&mut tx, &token_hash(token), Utc::now()).await?)
    }

    /// Sets a new password through a reset link and ends every session of the account.
    #[tracing::instrument(skip_all)]
    pub async fn finish_password_reset(&self, token: &str, new: &str, client: &str) -> Result<()> {
        let password = NewPassword::parse(new)?;
        let hash = super::accounts::hash_password_async(password).await?;
        let mut tx = self.db.write().await?;
        let user_id = account_links::use_reset(&mut tx, &token_hash(token), Utc::now())
            .await?
            .ok_or_else(|| link_refused("link-expired"))?;
        let user = users::get(&mut tx, user_id).await?.ok_or(AppError::NotFound)?;
        users::set_password_hash(&mut tx, user.id, &hash).await?;
        members::end_sessions(&mut tx, user.id).await?;
        record_account(
            &mut tx,
            None,
            Some(&user),
            user.email.as_str(),
            "password-reset",
            client,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
