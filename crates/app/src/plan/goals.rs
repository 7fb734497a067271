//! Goals: what the plan aims at, by default the five policy perspectives, added once per
//! organisation.

use super::initiatives::DEFAULT_GOALS;
use crate::input::bounded_text;
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::GoalId;
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_store::plan::{self as store, Goal};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct GoalInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
}

impl super::Plan<'_> {
    /// The organisation's goals; the five perspectives are added the first time.
    #[tracing::instrument(skip_all)]
    pub async fn goals(&self, actor: &Actor) -> Result<Vec<Goal>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = store::goals(&mut tx, actor.org).await?;
        // Archived goals count: archiving every goal must not bring the defaults back.
        if !list.is_empty() || store::any_goal(&mut tx, actor.org).await? {
            tx.rollback().await?;
            return Ok(list);
        }
        tx.rollback().await?;
        let org = self.org().organisation(actor).await?;
        let mut tx = self.db.write().await?;
        // Checked again under the write lock, so two first visits add them once.
        if !store::any_goal(&mut tx, actor.org).await? {
            for (i, (sv, en)) in DEFAULT_GOALS.iter().enumerate() {
                let title = match org.settings.language {
                    mognad_domain::org::Language::Sv => sv,
                    mognad_domain::org::Language::En => en,
                };
                let g = Goal {
                    id: Uuid::now_v7(),
                    title: (*title).to_owned(),
                    description: String::new(),
                    position: i as i64,
                };
                store::insert_goal(&mut tx, actor.org, &g, Utc::now()).await?;
            }
        }
        let list = store::goals(&mut tx, actor.org).await?;
        tx.commit().await?;
        Ok(list)
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_goal(&self, actor: &Actor, id: Option<GoalId>, input: &GoalInput) -> Result<GoalId> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let title = bounded_text(&input.title, "title", 100, true, &mut errors);
        let description = bounded_text(&input.description, "description", 2000, false, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let existing = self.goals(actor).await?;
        let mut tx = self.db.write().await?;
        let g = Goal {
            id: id.unwrap_or_default().0,
            title,
            description,
            position: existing.len() as i64,
        };
        match id {
            Some(id) => {
                super::card_writes::refuse_archived(&mut tx, actor.org, Archivable::Goal, id.0).await?;
                if !store::update_goal(&mut tx, actor.org, &g).await? {
                    return Err(AppError::NotFound);
                }
            }
            None => store::insert_goal(&mut tx, actor.org, &g, Utc::now()).await?,
        }
        tx.commit().await?;
        Ok(GoalId(g.id))
    }
}
