//! Meeting agendas: a dated agenda whose points are cards from the boards (shown with their
//! current column and assignee) or free text, printable as one page.

use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::AgendaId;
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::agendas::{self as store, Agenda};
use mognad_store::boards;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AgendaInput {
    #[serde(default)]
    pub title: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub meets_on: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PointInput {
    /// A card id, or blank for a free point.
    #[serde(default)]
    pub task_id: String,
    /// The point's text; for a card, an optional note.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Point {
    pub text: String,
    /// The card's id, title and whether it is done.
    pub task: Option<(Uuid, String, bool)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaView {
    pub id: AgendaId,
    pub title: String,
    pub meets_on: chrono::NaiveDate,
    pub points: Vec<Point>,
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn agendas(&self, actor: &Actor) -> Result<Vec<Agenda>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = store::list(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok(list)
    }

    #[tracing::instrument(skip_all)]
    pub async fn create_agenda(&self, actor: &Actor, input: &AgendaInput) -> Result<AgendaId> {
        actor.require(Role::Member)?;
        let mut errors = Vec::new();
        let title = input.title.trim();
        crate::input::check_title(title, "title", 200, &mut errors);
        let day = parse_date(&input.meets_on).ok();
        if day.is_none() {
            errors.push(Invalid::new("meets_on", "date", "a date as YYYY-MM-DD"));
        }
        let (Some(day), true) = (day, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let a = Agenda {
            id: Uuid::now_v7(),
            title: title.to_owned(),
            meets_on: day,
        };
        let mut tx = self.db.write().await?;
        store::insert(&mut tx, actor.org, &a, Utc::now()).await?;
        tx.commit().await?;
        Ok(AgendaId(a.id))
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_point(&self, actor: &Actor, agenda: AgendaId, input: &PointInput) -> Result<()> {
        actor.require(Role::Member)?;
        let text = input.text.trim();
        let task = match input.task_id.trim() {
            "" => None,
            raw => Some(
                Uuid::parse_str(raw)
                    .map_err(|_| AppError::from(Invalid::new("task_id", "bad-ref", "choose a card")))?,
            ),
        };
        if (task.is_none() && text.is_empty()) || text.chars().count() > 500 {
            return Err(Invalid::new("text", "empty", "a point of 1 to 500 characters, or a card").into());
        }
        let mut tx = self.db.write().await?;
        store::get(&mut tx, actor.org, agenda.0)
            .await?
            .ok_or(AppError::NotFound)?;
        super::card_writes::refuse_archived(&mut tx, actor.org, Archivable::Agenda, agenda.0).await?;
        if let Some(t) = task
            && boards::task(&mut tx, actor.org, t).await?.is_none()
        {
            return Err(Invalid::new("task_id", "unknown-ref", "no such card").into());
        }
        store::add_item(&mut tx, actor.org, agenda.0, task, text, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn agenda(&self, actor: &Actor, id: AgendaId) -> Result<AgendaView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let a = store::get(&mut tx, actor.org, id.0)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut points = Vec::new();
        for item in store::items(&mut tx, id.0).await? {
            let task = match item.task_id {
                Some(t) => boards::task(&mut tx, actor.org, t)
                    .await?
                    .map(|t| (t.id, t.title, t.done_at.is_some())),
                None => None,
            };
            points.push(Point {
                text: item.text,
                task,
            });
        }
        tx.rollback().await?;
        Ok(AgendaView {
            id: AgendaId(a.id),
            title: a.title,
            meets_on: a.meets_on,
            points,
        })
    }
}
