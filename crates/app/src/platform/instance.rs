//! The instance itself: its administrators, who create organisations and give each its first
//! owner. The first administrator comes from `mognad user add --instance-admin`, the demo, or a
//! one-time set-up link that `mognad serve` prints while there is none.

use crate::platform::accounts::{NewSession, random_token, token_hash};
use crate::platform::audit::record_account;
use crate::platform::members::{IssuedInvitation, issue};
use crate::{AppError, Result};
use chrono::{Duration, Utc};
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name};
use mognad_store::members;
use mognad_store::users::User;

/// How long the set-up link printed at start works.
pub const SETUP_HOURS: i64 = 24;

/// Fails with `Forbidden` unless `user` administers the instance; for every use case above the
/// organisations, inside the caller's transaction.
pub(crate) async fn require_instance_admin(tx: &mut mognad_store::Tx, user: &User) -> Result<()> {
    if members::is_instance_admin(tx, user.id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// An organisation as the instance administrator sees it.
pub struct OrgSummary {
    pub id: OrgId,
    pub name: String,
    pub accounts: i64,
}

impl super::Platform<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn is_instance_admin(&self, user: UserId) -> Result<bool> {
        let mut tx = self.db.read().await?;
        Ok(members::is_instance_admin(&mut tx, user).await?)
    }

    /// Makes an account an instance administrator (CLI and demo).
    #[tracing::instrument(skip_all)]
    pub async fn make_instance_admin(&self, user: UserId) -> Result<()> {
        let mut tx = self.db.write().await?;
        members::make_instance_admin(&mut tx, user, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn require_instance_admin(&self, user: &User) -> Result<()> {
        let mut tx = self.db.read().await?;
        require_instance_admin(&mut tx, user).await
    }

    /// Every organisation on the instance. Instance administrators only.
    #[tracing::instrument(skip_all)]
    pub async fn instance_organisations(&self, user: &User) -> Result<Vec<OrgSummary>> {
        self.require_instance_admin(user).await?;
        let mut tx = self.db.read().await?;
        Ok(members::organisations(&mut tx)
            .await?
            .into_iter()
            .map(|(id, name, accounts)| OrgSummary { id, name, accounts })
            .collect())
    }

    /// Creates an organisation and invites its first owner. Instance administrators only.
    #[tracing::instrument(skip_all)]
    pub async fn create_organisation(
        &self,
        user: &User,
        name: &str,
        language: &str,
        owner_email: &str,
        client: &str,
    ) -> Result<(Organisation, IssuedInvitation)> {
        self.require_instance_admin(user).await?;
        let mut errors = crate::input::Errors::default();
        let name = errors.take(Name::parse("name", name));
        let language = errors.take(Language::parse(language));
        let email = Email::parse(owner_email).ok();
        if email.is_none() {
            errors.push(crate::Invalid::new(
                "owner_email",
                "email",
                "not an e-mail address",
            ));
        }
        errors.finish()?;
        let (name, language, email) = (name.unwrap(), language.unwrap(), email.unwrap());
        let org = Organisation {
            id: OrgId::new(),
            settings: OrgSettings {
                name,
                language,
                anonymity_threshold: AnonymityThreshold::DEFAULT,
            },
        };
        let mut tx = self.db.write().await?;
        // The CLI and the export find organisations by name: two of one name would be ambiguous.
        if mognad_store::orgs::find_by_name(&mut tx, org.settings.name.as_str())
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "name",
                "org-name-taken",
                "an organisation with this name exists",
            ));
        }
        mognad_store::orgs::insert(&mut tx, &org, Utc::now()).await?;
        let issued = issue(&mut tx, org.id, email.as_str(), Role::Owner, Some(user.id)).await?;
        record_account(
            &mut tx,
            Some(org.id),
            Some(user),
            user.email.as_str(),
            "org-created",
            client,
        )
        .await?;
        tx.commit().await?;
        Ok((org, issued))
    }

    /// A fresh set-up link while the instance has no administrator; `None` once it has one.
    #[tracing::instrument(skip_all)]
    pub async fn setup_link(&self) -> Result<Option<String>> {
        let mut tx = self.db.write().await?;
        if members::any_instance_admin(&mut tx).await? {
            return Ok(None);
        }
        let token = random_token();
        members::set_setup_link(
            &mut tx,
            &token_hash(&token),
            Utc::now() + Duration::hours(SETUP_HOURS),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(token))
    }

    #[tracing::instrument(skip_all)]
    pub async fn setup_link_live(&self, token: &str) -> Result<bool> {
        let mut tx = self.db.read().await?;
        Ok(members::setup_link_live(&mut tx, &token_hash(token), Utc::now()).await?)
    }

    /// Uses the set-up link: makes the first instance administrator and signs them in.
    #[tracing::instrument(skip_all)]
    pub async fn finish_setup(
        &self,
        token: &str,
        email: &str,
        display_name: &str,
        password: &str,
        language: Language,
        client: &str,
    ) -> Result<NewSession> {
        if !self.setup_link_live(token).await? {
            return Err(AppError::Refused {
                code: "link-expired",
                message: "the set-up link has expired or been used; restart the server for a new one".into(),
            });
        }
        let user = self.create_user(email, display_name, password, language).await?;
        let mut tx = self.db.write().await?;
        if !members::use_setup_link(&mut tx, &token_hash(token), Utc::now()).await? {
            return Err(AppError::Refused {
                code: "link-used",
                message: "the set-up link has been used already".into(),
            });
        }
        members::make_instance_admin(&mut tx, user.id, Utc::now()).await?;
        record_account(&mut tx, None, Some(&user), user.email.as_str(), "sign-in", client).await?;
        let session = super::accounts::start_session(&mut tx, user).await?;
        tx.commit().await?;
        Ok(session)
    }
}
