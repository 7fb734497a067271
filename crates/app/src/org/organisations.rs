//! Creating organisations and changing their settings.

use crate::org::views::OrgView;
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::{OrgId, UserId};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use mognad_store::{orgs, users};
use serde::Deserialize;

/// Settings as a form or JSON body holds them.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct SettingsInput {
    pub name: String,
    pub language: String,
    /// 3–10; a number, or its text as a form sends it.
    #[serde(deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub anonymity_threshold: String,
}

impl SettingsInput {
    pub fn parse(&self) -> Result<OrgSettings> {
        let mut errors = crate::input::Errors::default();
        let name = errors.take(Name::parse("name", &self.name));
        let language = errors.take(Language::parse(&self.language));
        let threshold = errors.take(
            self.anonymity_threshold
                .trim()
                .parse::<i64>()
                .map_err(|_| mognad_domain::DomainError::Threshold { value: -1 })
                .and_then(AnonymityThreshold::parse),
        );
        errors.finish()?;
        Ok(OrgSettings {
            name: name.unwrap(),
            language: language.unwrap(),
            anonymity_threshold: threshold.unwrap(),
        })
    }
}

impl super::Org<'_> {
    /// Creates an organisation; `owner`, if given, becomes its owner.
    #[tracing::instrument(skip_all)]
    pub async fn create_org(&self, settings: OrgSettings, owner: Option<UserId>) -> Result<Organisation> {
        let org = Organisation {
            id: OrgId::new(),
            settings,
        };
        let mut tx = self.db.write().await?;
        orgs::insert(&mut tx, &org, Utc::now()).await?;
        if let Some(owner) = owner {
            users::set_role(&mut tx, owner, org.id, Role::Owner).await?;
        }
        tx.commit().await?;
        Ok(org)
    }

    #[tracing::instrument(skip_all)]
    pub async fn organisation(&self, actor: &Actor) -> Result<Organisation> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        orgs::get(&mut tx, actor.org).await?.ok_or(AppError::NotFound)
    }

    #[tracing::instrument(skip_all)]
    pub async fn update_settings(&self, actor: &Actor, input: &SettingsInput) -> Result<OrgView> {
        actor.require(Role::Admin)?;
        let org = Organisation {
            id: actor.org,
            settings: input.parse()?,
        };
        let mut tx = self.db.write().await?;
        if !orgs::update(&mut tx, &org).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(OrgView::from(&org))
    }

    /// The organisations a user belongs to, with their role in each.
    #[tracing::instrument(skip_all)]
    pub async fn my_orgs(&self, user: UserId) -> Result<Vec<(Organisation, Role)>> {
        let mut tx = self.db.read().await?;
        Ok(orgs::list_for_user(&mut tx, user).await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn find_org(&self, name_or_id: &str) -> Result<Organisation> {
        let mut tx = self.db.read().await?;
        let found = match name_or_id.parse::<OrgId>() {
            Ok(id) => orgs::get(&mut tx, id).await?,
            Err(_) => orgs::find_by_name(&mut tx, name_or_id).await?,
        };
        found.ok_or(AppError::NotFound)
    }
}
