//! The organisation's directory: units, people, leadership groups and teams.
//!
//! Reads need membership of the organisation; changes need the admin role. References to other
//! records (a person's unit, a unit's parent) must point inside the same organisation.

use crate::input::{Errors, parse_ref};
use crate::org::views::{PersonView, UnitView};
use crate::{Actor, AppError, Result};
use mognad_domain::ids::{OrgId, PersonId, UnitId};
use mognad_domain::people::{Person, Unit};
use mognad_domain::role::Role;
use mognad_domain::text::{Name, optional_email, optional_name};
use mognad_domain::tree;
use mognad_store::{Tx, people, units};
use serde::Deserialize;
use uuid::Uuid;

pub(crate) fn unknown(field: &str) -> AppError {
    AppError::invalid(field, "unknown-ref", "no such record in this organisation")
}

pub(crate) async fn check_unit(
    tx: &mut Tx,
    org: OrgId,
    unit: Option<Uuid>,
    field: &str,
) -> Result<Option<UnitId>> {
    match unit {
        None => Ok(None),
        Some(u) => match units::get(tx, org, UnitId(u)).await? {
            Some(_) => Ok(Some(UnitId(u))),
            None => Err(unknown(field)),
        },
    }
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct UnitInput {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

/// A leadership group or a team: a name and an optional unit.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NamedInput {
    pub name: String,
    #[serde(default)]
    pub unit_id: Option<String>,
}

impl super::Org<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn units(&self, actor: &Actor) -> Result<Vec<UnitView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        Ok(units::list(&mut tx, actor.org)
            .await?
            .iter()
            .map(UnitView::from)
            .collect())
    }

    #[tracing::instrument(skip_all)]
    pub async fn unit(&self, actor: &Actor, id: UnitId) -> Result<UnitView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        units::get(&mut tx, actor.org, id)
            .await?
            .map(|u| UnitView::from(&u))
            .ok_or(AppError::NotFound)
    }

    /// Creates (`id` = None) or changes a unit, keeping the tree free of cycles.
    #[tracing::instrument(skip_all)]
    pub async fn save_unit(&self, actor: &Actor, id: Option<UnitId>, input: &UnitInput) -> Result<UnitView> {
        actor.require(Role::Admin)?;
        let mut errors = Errors::default();
        let name = errors.take(Name::parse("name", &input.name));
        let kind = errors.take(optional_name("kind", input.kind.as_deref()));
        let parent = errors.take(parse_ref("parent_id", input.parent_id.as_deref()));
        errors.finish()?;
        let mut tx = self.db.write().await?;
        let unit = Unit {
            id: id.unwrap_or_default(),
            org_id: actor.org,
            parent_id: check_unit(&mut tx, actor.org, parent.flatten(), "parent_id").await?,
            name: name.unwrap(),
            kind: kind.flatten(),
        };
        if id.is_some() {
            let parents = units::parents(&mut tx, actor.org).await?;
            tree::check_parent(&parents, unit.id, unit.parent_id)?;
            if !units::update(&mut tx, &unit).await? {
                return Err(AppError::NotFound);
            }
        } else {
            units::insert(&mut tx, &unit).await?;
        }
        tx.commit().await?;
        Ok(UnitView::from(&unit))
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_unit(&self, actor: &Actor, id: UnitId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        if units::child_count(&mut tx, actor.org, id).await? > 0 {
            return Err(AppError::conflict(
                "unit-has-units",
                "the unit has sub-units; move or delete them first",
                &[],
            ));
        }
        if !units::delete(&mut tx, actor.org, id).await? {
            return Err(AppError::NotFound);
        }
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("unit {}", id.0)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A page of people matching `search`, and how many match in all.
    #[tracing::instrument(skip_all)]
    pub async fn people(
        &self,
        actor: &Actor,
        search: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<PersonView>, i64)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let total = people::count(&mut tx, actor.org, search).await?;
        let page = people::list(&mut tx, actor.org, search, limit.clamp(1, 500), offset.max(0)).await?;
        Ok((page.iter().map(PersonView::from).collect(), total))
    }

    #[tracing::instrument(skip_all)]
    pub async fn all_people(&self, actor: &Actor) -> Result<Vec<PersonView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        Ok(people::all(&mut tx, actor.org)
            .await?
            .iter()
            .map(PersonView::from)
            .collect())
    }

    #[tracing::instrument(skip_all)]
    pub async fn person(&self, actor: &Actor, id: PersonId) -> Result<PersonView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        people::get(&mut tx, actor.org, id)
            .await?
            .map(|p| PersonView::from(&p))
            .ok_or(AppError::NotFound)
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_person(
        &self,
        actor: &Actor,
        id: Option<PersonId>,
        input: &PersonInput,
    ) -> Result<PersonView> {
        actor.require(Role::Admin)?;
        let mut errors = Errors::default();
        let name = errors.take(Name::parse("name", &input.name));
        let email = errors.take(optional_email(input.email.as_deref()));
        let title = errors.take(optional_name("title", input.title.as_deref()));
        let unit = errors.take(parse_ref("unit_id", input.unit_id.as_deref()));
        errors.finish()?;
        let mut tx = self.db.write().await?;
        let person = Person {
            id: id.unwrap_or_default(),
            org_id: actor.org,
            name: name.unwrap(),
            email: email.flatten(),
            unit_id: check_unit(&mut tx, actor.org, unit.flatten(), "unit_id").await?,
            title: title.flatten(),
        };
        let saved = if id.is_some() {
            people::update(&mut tx, &person).await
        } else {
            people::insert(&mut tx, &person).await.map(|_| true)
        };
        match saved {
            Ok(true) => {}
            Ok(false) => return Err(AppError::NotFound),
            Err(mognad_store::StoreError::Conflict(_)) => {
                return Err(AppError::invalid(
                    "email",
                    "email-taken",
                    "another person has this e-mail",
                ));
            }
            Err(e) => return Err(e.into()),
        }
        tx.commit().await?;
        Ok(PersonView::from(&person))
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_person(&self, actor: &Actor, id: PersonId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        if !people::delete(&mut tx, actor.org, id).await? {
            return Err(AppError::NotFound);
        }
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("person {}", id.0)).await?;
        tx.commit().await?;
        Ok(())
    }
}

pub(crate) fn parse_named(input: &NamedInput) -> Result<(Name, Option<Uuid>)> {
    let mut errors = Errors::default();
    let name = errors.take(Name::parse("name", &input.name));
    let unit = errors.take(parse_ref("unit_id", input.unit_id.as_deref()));
    errors.finish()?;
    Ok((name.unwrap(), unit.flatten()))
}

/// Maps the outcome of saving a group or team; names are unique per organisation.
pub(crate) fn finish_named(saved: mognad_store::Result<bool>) -> Result<()> {
    match saved {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::NotFound),
        Err(mognad_store::StoreError::Conflict(_)) => Err(AppError::invalid(
            "name",
            "name-taken",
            "that name is already used in this organisation",
        )),
        Err(e) => Err(e.into()),
    }
}
