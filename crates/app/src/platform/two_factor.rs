//! Two-factor sign-in for local accounts: a code from an authenticator app (RFC 6238) after
//! the password, with ten one-time recovery codes for a lost phone. An organisation may require
//! it of its owners and admins; until they set it up they are sent to their account page.

use crate::platform::accounts::{NewSession, random_token, token_hash, verify_password_async};
use crate::platform::audit::record_account;
use crate::{Actor, AppError, Result};
use chrono::{Duration, Utc};
use mognad_domain::role::Role;
use mognad_domain::totp;
use mognad_store::throttle;
use mognad_store::two_factor::{self as store};
use mognad_store::users::{self, User};
use rand::RngCore;

/// How long the code may take after the password.
pub const CHALLENGE_MINUTES: i64 = 5;
/// Wrong codes allowed per account in the sign-in brakes' window.
pub const MAX_CODE_FAILURES: i64 = 5;
const RECOVERY_CODES: usize = 10;

/// A secret being set up: shown to the user to put into their app.
pub struct Enrolment {
    pub secret: String,
    pub uri: String,
}

/// What the password step of signing in led to.
pub enum SignIn {
    /// Signed in.
    Session(NewSession),
    /// The password was right; the code comes next, under this challenge.
    NeedsCode(String),
}

impl SignIn {
    /// The session, when no code was needed.
    pub fn session(self) -> Option<NewSession> {
        match self {
            SignIn::Session(s) => Some(s),
            SignIn::NeedsCode(_) => None,
        }
    }
}

fn code_refused() -> AppError {
    AppError::invalid(
        "code",
        "code-wrong",
        "the code is not right; check the app's clock or use a recovery code",
    )
}

/// A recovery code as it is stored: spaces and dashes and case do not matter.
fn code_hash(code: &str) -> String {
    let clean: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    token_hash(&clean)
}

fn new_recovery_code() -> String {
    let mut b = [0u8; 7];
    rand::rng().fill_bytes(&mut b);
    let text = totp::encode_secret(&b).to_lowercase();
    format!("{}-{}", &text[..5], &text[5..10])
}

impl super::Platform<'_> {
    /// Whether the account signs in with a code.
    #[tracing::instrument(skip_all)]
    pub async fn two_factor_on(&self, user: &User) -> Result<bool> {
        let mut tx = self.db.read().await?;
        Ok(store::get(&mut tx, user.id).await?.is_some_and(|s| s.confirmed))
    }

    /// Recovery codes not yet used.
    #[tracing::instrument(skip_all)]
    pub async fn recovery_codes_left(&self, user: &User) -> Result<i64> {
        let mut tx = self.db.read().await?;
        Ok(store::codes_left(&mut tx, user.id).await?)
    }

    /// Starts setting up: a new secret for the app, not in use until confirmed with a code.
    #[tracing::instrument(skip_all)]
    pub async fn start_two_factor(&self, user: &User, session: &str) -> Result<Enrolment> {
        self.not_via_provider(session).await?;
        if self.two_factor_on(user).await? {
            return Err(AppError::Refused {
                code: "two-factor-on",
                message: "two-factor sign-in is on already; turn it off first".into(),
            });
        }
        let mut bytes = [0u8; 20];
        rand::rng().fill_bytes(&mut bytes);
        let secret = totp::encode_secret(&bytes);
        let mut tx = self.db.write().await?;
        store::set_pending(&mut tx, user.id, &secret).await?;
        tx.commit().await?;
        let uri = totp::otpauth_uri("Mognad", user.email.as_str(), &secret);
        Ok(Enrolment { secret, uri })
    }

    /// The secret being set up, to show again after a wrong code.
    #[tracing::instrument(skip_all)]
    pub async fn pending_two_factor(&self, user: &User) -> Result<Option<Enrolment>> {
        let mut tx = self.db.read().await?;
        Ok(store::get(&mut tx, user.id)
            .await?
            .filter(|s| !s.confirmed)
            .map(|s| Enrolment {
                uri: totp::otpauth_uri("Mognad", user.email.as_str(), &s.secret),
                secret: s.secret,
            }))
    }

    /// Confirms the set-up with a code from the app; returns the recovery codes, shown once.
    /// The session it is done in (`session`, its token) has thereby passed a second factor.
    #[tracing::instrument(skip_all)]
    pub async fn confirm_two_factor(&self, user: &User, session: &str, code: &str) -> Result<Vec<String>> {
        self.not_via_provider(session).await?;
        let mut tx = self.db.write().await?;
        let s = store::get(&mut tx, user.id)
            .await?
            .filter(|s| !s.confirmed)
            .ok_or_else(|| AppError::Refused {
                code: "two-factor-not-started",
                message: "start setting up two-factor sign-in first".into(),
            })?;
        let secret = totp::decode_secret(&s.secret)
            .ok_or_else(|| AppError::Internal("a stored secret is not base32".into()))?;
        let step = totp::matching_step(&secret, code, totp::step_at(Utc::now().timestamp()))
            .ok_or_else(code_refused)?;
        store::take_step(&mut tx, user.id, step).await?;
        store::confirm(&mut tx, user.id, Utc::now()).await?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
        let hashes: Vec<String> = codes.iter().map(|c| code_hash(c)).collect();
        store::replace_codes(&mut tx, user.id, &hashes).await?;
        store::mark_session(&mut tx, &token_hash(session)).await?;
        record_account(
            &mut tx,
            None,
            Some(user),
            user.email.as_str(),
            "two-factor-on",
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(codes)
    }

    /// Turns two-factor sign-in off after checking the password.
    #[tracing::instrument(skip_all)]
    pub async fn disable_two_factor(&self, user: &User, session: &str, password: &str) -> Result<()> {
        self.not_via_provider(session).await?;
        if !verify_password_async(user.password_hash.clone(), password).await? {
            return Err(AppError::invalid(
                "current",
                "wrong-password",
                "the current password is wrong",
            ));
        }
        let mut tx = self.db.write().await?;
        store::remove(&mut tx, user.id).await?;
        record_account(
            &mut tx,
            None,
            Some(user),
            user.email.as_str(),
            "two-factor-off",
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// After a right password: a challenge when the account has a second factor.
    pub(crate) async fn challenge_if_needed(&self, session: NewSession) -> Result<SignIn> {
        if !self.two_factor_on(&session.user).await? {
            return Ok(SignIn::Session(session));
        }
        // The session `login` opened is not handed out until the code is right.
        self.logout(&session.token).await?;
        let token = random_token();
        let mut tx = self.db.write().await?;
        store::insert_challenge(
            &mut tx,
            &token_hash(&token),
            session.user.id,
            Utc::now() + Duration::minutes(CHALLENGE_MINUTES),
        )
        .await?;
        tx.commit().await?;
        Ok(SignIn::NeedsCode(token))
    }

    /// Whether a challenge is still open (to show the code form).
    #[tracing::instrument(skip_all)]
    pub async fn challenge_open(&self, challenge: &str) -> Result<bool> {
        let mut tx = self.db.read().await?;
        Ok(store::challenge_user(&mut tx, &token_hash(challenge), Utc::now())
            .await?
            .is_some())
    }

    /// The second step: a code from the app or a recovery code. Five wrong codes an account
    /// in the brakes' window stop it, counted in the database like the password's.
    #[tracing::instrument(skip_all)]
    pub async fn finish_sign_in(&self, challenge: &str, code: &str, client: &str) -> Result<NewSession> {
        let now = Utc::now();
        let mut tx = self.db.write().await?;
        let user_id = store::challenge_user(&mut tx, &token_hash(challenge), now)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let user = users::get(&mut tx, user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let bucket = format!("code:{}", user.id.0);
        let since = now.timestamp() - super::sign_in::WINDOW_SECS;
        // Counted before it is checked, like a password, so parallel guesses cannot all pass.
        if throttle::failures(&mut tx, &bucket, since).await? >= MAX_CODE_FAILURES
            || throttle::fail(&mut tx, &bucket, now.timestamp(), since).await? > MAX_CODE_FAILURES
        {
            tx.rollback().await?;
            return Err(AppError::Throttled);
        }
        let s = store::get(&mut tx, user.id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let secret = totp::decode_secret(&s.secret)
            .ok_or_else(|| AppError::Internal("a stored secret is not base32".into()))?;
        let by_app = match totp::matching_step(&secret, code, totp::step_at(now.timestamp())) {
            Some(step) => store::take_step(&mut tx, user.id, step).await?,
            None => false,
        };
        let ok = by_app || store::use_code(&mut tx, user.id, &code_hash(code), now).await?;
        if !ok {
            record_account(
                &mut tx,
                None,
                Some(&user),
                user.email.as_str(),
                "sign-in-failed",
                client,
            )
            .await?;
            tx.commit().await?;
            return Err(code_refused());
        }
        store::end_challenge(&mut tx, &token_hash(challenge), now).await?;
        throttle::clear(&mut tx, &bucket).await?;
        record_account(&mut tx, None, Some(&user), user.email.as_str(), "sign-in", client).await?;
        let session = super::accounts::start_session(&mut tx, user).await?;
        store::mark_session(&mut tx, &token_hash(&session.token)).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Whether the organisation requires two-factor sign-in of owners and admins.
    #[tracing::instrument(skip_all)]
    pub async fn two_factor_required(&self, actor: &Actor) -> Result<bool> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        Ok(store::required_for_admins(&mut tx, actor.org).await?)
    }

    /// Requires (or stops requiring) two-factor sign-in of owners and admins. Owners only; an
    /// owner without it must set it up first, so nobody locks themselves out by the switch.
    #[tracing::instrument(skip_all)]
    pub async fn set_two_factor_required(&self, actor: &Actor, required: bool) -> Result<()> {
        actor.require(Role::Owner)?;
        actor.not_by_token()?;
        if required && !self.two_factor_on(&actor.user).await? {
            return Err(AppError::Refused {
                code: "two-factor-yourself-first",
                message: "set up two-factor sign-in for yourself first".into(),
            });
        }
        let mut tx = self.db.write().await?;
        store::set_required_for_admins(&mut tx, actor.org, required).await?;
        let subject = if required { "on" } else { "off" };
        crate::platform::audit::record(&mut tx, actor, "two-factor-policy", subject).await?;
        tx.commit().await?;
        Ok(())
    }
}
