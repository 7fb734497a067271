//! Accounts: password hashing, sign-in, server-side sessions, password change.
//!
//! Passwords are hashed with argon2id. Session tokens are 256 random bits given to the browser;
//! only their SHA-256 is stored, so a leaked database does not leak live sessions.

use crate::{AppError, Result};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use chrono::{Duration, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name, NewPassword};
use mognad_store::users::{self, User};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long a session lasts after sign-in.
pub const SESSION_HOURS: i64 = 12;

/// A fresh session: the token goes into a cookie, never into storage.
pub struct NewSession {
    pub token: String,
    pub user: User,
}

pub fn hash_password(password: &NewPassword) -> Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// Password hashes take tens of milliseconds of a core each: they run on the blocking pool, at
/// most as many at once as there are cores, so a burst of sign-ins queues there instead of
/// stalling the threads that answer every other request.
async fn off_the_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    static HASHING: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let slots = HASHING.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _slot = slots
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// [`hash_password`] off the async threads.
pub(crate) async fn hash_password_async(password: NewPassword) -> Result<String> {
    off_the_runtime(move || hash_password(&password)).await?
}

/// [`verify_password`] off the async threads.
pub(crate) async fn verify_password_async(hash: String, password: &str) -> Result<bool> {
    let password = password.to_owned();
    off_the_runtime(move || verify_password(&hash, &password)).await
}

/// A random token, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a session for `user` in the caller's transaction and notes the sign-in.
pub(crate) async fn start_session(tx: &mut mognad_store::Tx, user: User) -> Result<NewSession> {
    let token = random_token();
    let now = Utc::now();
    users::delete_expired_sessions(tx, now).await?;
    users::insert_session(
        tx,
        &token_hash(&token),
        user.id,
        now,
        now + Duration::hours(SESSION_HOURS),
    )
    .await?;
    mognad_store::members::signed_in(tx, user.id, now).await?;
    Ok(NewSession { token, user })
}

/// A hash to verify against when the account does not exist, so a wrong e-mail costs as much
/// time as a wrong password and sign-in does not reveal which accounts exist.
static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

impl super::Platform<'_> {
    /// Creates an account (CLI and demo). Fails with `Conflict` if the e-mail is taken.
    #[tracing::instrument(skip_all)]
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        language: Language,
    ) -> Result<User> {
        let email = Email::parse(email)?;
        let display_name = Name::parse("display_name", display_name)?;
        let password = NewPassword::parse(password)?;
        let user = User {
            id: UserId::new(),
            email,
            display_name,
            password_hash: hash_password_async(password).await?,
            language,
        };
        let mut tx = self.db.write().await?;
        users::insert(&mut tx, &user, Utc::now())
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::Constraint {
                    code: "duplicate", ..
                } => AppError::invalid("email", "email-taken", "an account with this e-mail exists"),
                other => other,
            })?;
        tx.commit().await?;
        Ok(user)
    }

    #[tracing::instrument(skip_all)]
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let email = Email::parse(email)?;
        let mut tx = self.db.read().await?;
        Ok(users::by_email(&mut tx, &email).await?)
    }

    /// Gives a user a role in an organisation (CLI; owners through the UI later).
    #[tracing::instrument(skip_all)]
    pub async fn grant_role(&self, user: UserId, org: OrgId, role: Role) -> Result<()> {
        let mut tx = self.db.write().await?;
        users::set_role(&mut tx, user, org, role).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a user's password without knowing the old one (CLI and demo only).
    #[tracing::instrument(skip_all)]
    pub async fn reset_password(&self, user: UserId, password: &str) -> Result<()> {
        let hash = hash_password_async(NewPassword::parse(password)?).await?;
        let mut tx = self.db.write().await?;
        users::set_password_hash(&mut tx, user, &hash).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks the credentials and opens a session. Any mismatch is `Unauthenticated`, without
    /// saying which part was wrong.
    #[tracing::instrument(skip_all)]
    pub async fn login(&self, email: &str, password: &str) -> Result<NewSession> {
        let found = match Email::parse(email) {
            Ok(e) => {
                let mut tx = self.db.read().await?;
                users::by_email(&mut tx, &e).await?
            }
            Err(_) => None,
        };
        let Some(user) = found else {
            // As long as a real check, so the answer's time does not tell whether the account exists.
            let dummy = DUMMY_HASH
                .get_or_init(|| hash_password(&NewPassword::parse("not a real password").unwrap()).unwrap());
            verify_password_async(dummy.clone(), password).await?;
            return Err(AppError::Unauthenticated);
        };
        if !verify_password_async(user.password_hash.clone(), password).await? {
            return Err(AppError::Unauthenticated);
        }
        let mut tx = self.db.write().await?;
        let session = start_session(&mut tx, user).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The user behind a session token, if the session is live.
    #[tracing::instrument(skip_all)]
    pub async fn session_user(&self, token: &str) -> Result<Option<User>> {
        let mut tx = self.db.read().await?;
        Ok(users::session_user(&mut tx, &token_hash(token), Utc::now()).await?)
    }

    /// The session's user and their standing in `org`, in one read: every request inside an
    /// organisation needs both.
    #[tracing::instrument(skip_all)]
    pub async fn session_in_org(&self, token: &str, org: OrgId) -> Result<Option<users::InOrg>> {
        Ok(users::session_in_org(&self.db, &token_hash(token), org, Utc::now()).await?)
    }

    /// Refuses account-wide changes (password, two-factor) in a session a provider opened: such a
    /// session speaks for its organisation only, so it must not change how the account signs in
    /// anywhere else.
    #[tracing::instrument(skip_all)]
    pub async fn not_via_provider(&self, token: &str) -> Result<()> {
        let mut tx = self.db.read().await?;
        match mognad_store::sso::session_org(&mut tx, &token_hash(token)).await? {
            Some(_) => Err(AppError::Refused {
                code: "sso-session-account",
                message: "not in a sign-in through an identity provider; sign in with the password".into(),
            }),
            None => Ok(()),
        }
    }

    #[tracing::instrument(skip_all)]
    pub async fn logout(&self, token: &str) -> Result<()> {
        let mut tx = self.db.write().await?;
        users::delete_session(&mut tx, &token_hash(token)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes the password after checking the current one, and ends the user's other sessions.
    #[tracing::instrument(skip_all)]
    pub async fn change_password(&self, user: &User, token: &str, current: &str, new: &str) -> Result<()> {
        self.not_via_provider(token).await?;
        if !verify_password_async(user.password_hash.clone(), current).await? {
            return Err(AppError::invalid(
                "current",
                "wrong-password",
                "the current password is wrong",
            ));
        }
        let hash = hash_password_async(NewPassword::parse(new)?).await?;
        let mut tx = self.db.write().await?;
        users::set_password_hash(&mut tx, user.id, &hash).await?;
        users::delete_other_sessions(&mut tx, user.id, &token_hash(token)).await?;
        crate::platform::audit::record_account(
            &mut tx,
            None,
            Some(user),
            user.email.as_str(),
            "password-changed",
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
