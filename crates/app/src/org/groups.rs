//! Leadership groups and teams: named sets of people attached to a unit, and who is in a group.

use super::directory::{NamedInput, check_unit, finish_named, parse_named, unknown};
use crate::org::views::{GroupView, TeamView};
use crate::{Actor, AppError, Result};
use mognad_domain::ids::{GroupId, PersonId, TeamId};
use mognad_domain::people::{LeadershipGroup, Team};
use mognad_domain::role::Role;
use mognad_store::{groups, people, teams};

impl super::Org<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn groups(&self, actor: &Actor) -> Result<Vec<GroupView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let members = groups::all_members(&mut tx, actor.org).await?;
        let list = groups::list(&mut tx, actor.org).await?;
        Ok(list.iter().map(|g| GroupView::from_pairs(g, &members)).collect())
    }

    #[tracing::instrument(skip_all)]
    pub async fn group(&self, actor: &Actor, id: GroupId) -> Result<GroupView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let g = groups::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let members = groups::members(&mut tx, g.id).await?;
        Ok(GroupView::new(&g, members))
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_group(
        &self,
        actor: &Actor,
        id: Option<GroupId>,
        input: &NamedInput,
    ) -> Result<GroupView> {
        actor.require(Role::Admin)?;
        let (name, unit) = parse_named(input)?;
        let mut tx = self.db.write().await?;
        let g = LeadershipGroup {
            id: id.unwrap_or_default(),
            org_id: actor.org,
            unit_id: check_unit(&mut tx, actor.org, unit, "unit_id").await?,
            name,
        };
        let saved = if id.is_some() {
            groups::update(&mut tx, &g).await
        } else {
            groups::insert(&mut tx, &g).await.map(|_| true)
        };
        finish_named(saved)?;
        let members = groups::members(&mut tx, g.id).await?;
        tx.commit().await?;
        Ok(GroupView::new(&g, members))
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_group(&self, actor: &Actor, id: GroupId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        match groups::delete(&mut tx, actor.org, id).await {
            Ok(true) => {}
            Ok(false) => return Err(AppError::NotFound),
            // The only reference to a group that blocks deletion is a measurement round.
            Err(mognad_store::StoreError::Reference(_)) => {
                return Err(AppError::conflict(
                    "group-in-round",
                    "the group takes part in a measurement round and must stay",
                    &[],
                ));
            }
            Err(e) => return Err(e.into()),
        }
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("group {}", id.0)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds (`add` = true) or removes a person from a leadership group.
    #[tracing::instrument(skip_all)]
    pub async fn set_group_member(
        &self,
        actor: &Actor,
        group: GroupId,
        person: PersonId,
        add: bool,
    ) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        groups::get(&mut tx, actor.org, group)
            .await?
            .ok_or(AppError::NotFound)?;
        people::get(&mut tx, actor.org, person)
            .await?
            .ok_or_else(|| unknown("person_id"))?;
        if add {
            groups::add_member(&mut tx, group, person).await?;
        } else {
            groups::remove_member(&mut tx, group, person).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn teams(&self, actor: &Actor) -> Result<Vec<TeamView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        Ok(teams::list(&mut tx, actor.org)
            .await?
            .iter()
            .map(TeamView::from)
            .collect())
    }

    #[tracing::instrument(skip_all)]
    pub async fn team(&self, actor: &Actor, id: TeamId) -> Result<TeamView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        teams::get(&mut tx, actor.org, id)
            .await?
            .map(|t| TeamView::from(&t))
            .ok_or(AppError::NotFound)
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_team(&self, actor: &Actor, id: Option<TeamId>, input: &NamedInput) -> Result<TeamView> {
        actor.require(Role::Admin)?;
        let (name, unit) = parse_named(input)?;
        let mut tx = self.db.write().await?;
        let t = Team {
            id: id.unwrap_or_default(),
            org_id: actor.org,
            unit_id: check_unit(&mut tx, actor.org, unit, "unit_id").await?,
            name,
        };
        let saved = if id.is_some() {
            teams::update(&mut tx, &t).await
        } else {
            teams::insert(&mut tx, &t).await.map(|_| true)
        };
        finish_named(saved)?;
        tx.commit().await?;
        Ok(TeamView::from(&t))
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_team(&self, actor: &Actor, id: TeamId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        if !teams::delete(&mut tx, actor.org, id).await? {
            return Err(AppError::NotFound);
        }
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("team {}", id.0)).await?;
        tx.commit().await?;
        Ok(())
    }
}
