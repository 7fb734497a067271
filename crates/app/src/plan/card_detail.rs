//! A card's own page: reading it with its checklist and comments, editing its fields, ticking
//! checklist items and commenting. Creating and placing cards is in `cards` and `card_writes`.

use crate::plan::card_writes::{event, fields, live_task};
use crate::plan::cards::TaskInput;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::ids::{BoardId, ChecklistItemId, ColumnId, InitiativeId, PersonId, TaskId};
use mognad_domain::plan::archive::CardEvent;
use mognad_domain::role::Role;
use mognad_store::boards as store;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChecklistView {
    pub id: ChecklistItemId,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub author: String,
    pub body: String,
    pub at: chrono::DateTime<Utc>,
}

/// An entry of a card's history, with its columns by name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    pub at: chrono::DateTime<Utc>,
    pub actor: String,
    /// `moved`, `undone`, `edited`, `archived` or `restored`.
    pub kind: String,
    pub from_column: Option<String>,
    pub to_column: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskDetail {
    pub id: TaskId,
    pub board_id: BoardId,
    pub column_id: ColumnId,
    pub title: String,
    pub description: String,
    pub assignee_id: Option<PersonId>,
    pub priority: String,
    pub due_on: Option<NaiveDate>,
    pub labels: Vec<String>,
    pub initiative_id: Option<InitiativeId>,
    pub estimate_hours: Option<i64>,
    pub done: bool,
    pub archived: bool,
    pub created_at: chrono::DateTime<Utc>,
    pub checklist: Vec<ChecklistView>,
    pub comments: Vec<CommentView>,
    /// What happened to the card, oldest first.
    pub history: Vec<EventView>,
    /// Whether the last thing that happened was a move that can be taken back.
    pub can_undo: bool,
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn update_task(&self, actor: &Actor, id: TaskId, input: &TaskInput) -> Result<()> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        let mut t = live_task(&mut tx, actor.org, id.0).await?;
        let before = t.clone();
        fields(&mut tx, actor.org, input, &mut t).await?;
        // The same fields sent back change nothing, not even the history.
        if t == before {
            return Ok(());
        }
        store::update_task(&mut tx, actor.org, &t, Utc::now()).await?;
        let name = actor.user.display_name.to_string();
        event(&mut tx, actor.org, t.id, &name, CardEvent::Edited, None).await?;
        if t.assignee_id != before.assignee_id {
            super::notify::assigned(&mut tx, actor.org, &super::notify::By::of(actor), &t).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn task(&self, actor: &Actor, id: TaskId) -> Result<TaskDetail> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let t = store::task(&mut tx, actor.org, id.0)
            .await?
            .ok_or(AppError::NotFound)?;
        let checklist = store::checklist(&mut tx, id.0).await?;
        let comments = store::comments(&mut tx, id.0).await?;
        let events = mognad_store::archive::events(&mut tx, actor.org, id.0).await?;
        let archived = t.archived;
        let columns = store::columns(&mut tx, actor.org, t.board_id).await?;
        tx.rollback().await?;
        let column_name = |c: Option<uuid::Uuid>| {
            c.and_then(|c| columns.iter().find(|x| x.id == c))
                .map(|x| x.name.clone())
        };
        let can_undo = !archived
            && events
                .last()
                .is_some_and(|e| e.kind == CardEvent::Moved.as_str() && e.to_column == Some(t.column_id));
        let history = events
            .into_iter()
            .map(|e| EventView {
                from_column: column_name(e.from_column),
                to_column: column_name(e.to_column),
                at: e.at,
                actor: e.actor,
                kind: e.kind,
            })
            .collect();
        Ok(TaskDetail {
            id: TaskId(t.id),
            board_id: BoardId(t.board_id),
            column_id: ColumnId(t.column_id),
            labels: t
                .labels
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            title: t.title,
            description: t.description,
            assignee_id: t.assignee_id.map(PersonId),
            priority: t.priority,
            due_on: t.due_on,
            initiative_id: t.initiative_id.map(InitiativeId),
            estimate_hours: t.estimate_hours,
            done: t.done_at.is_some(),
            archived,
            created_at: t.created_at,
            history,
            can_undo,
            checklist: checklist
                .into_iter()
                .map(|(id, text, done)| ChecklistView {
                    id: ChecklistItemId(id),
                    text,
                    done,
                })
                .collect(),
            comments: comments
                .into_iter()
                .map(|(author, body, at)| CommentView { author, body, at })
                .collect(),
        })
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_checklist_item(&self, actor: &Actor, task: TaskId, text: &str) -> Result<()> {
        actor.require(Role::Member)?;
        let text = text.trim();
        if text.is_empty() || text.chars().count() > 300 {
            return Err(Invalid::new("text", "empty", "an item of 1 to 300 characters").into());
        }
        let mut tx = self.db.write().await?;
        live_task(&mut tx, actor.org, task.0).await?;
        store::add_checklist_item(&mut tx, actor.org, task.0, text, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn toggle_checklist_item(
        &self,
        actor: &Actor,
        task: TaskId,
        item: ChecklistItemId,
    ) -> Result<()> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        live_task(&mut tx, actor.org, task.0).await?;
        if !store::toggle_checklist_item(&mut tx, actor.org, task.0, item.0).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn comment(&self, actor: &Actor, task: TaskId, body: &str) -> Result<()> {
        actor.require(Role::Member)?;
        let body = body.trim();
        if body.is_empty() || body.chars().count() > 5000 {
            return Err(Invalid::new("body", "empty", "a comment of 1 to 5000 characters").into());
        }
        let mut tx = self.db.write().await?;
        let t = live_task(&mut tx, actor.org, task.0).await?;
        let author = actor.user.display_name.to_string();
        store::add_comment(&mut tx, actor.org, task.0, &author, body, Utc::now()).await?;
        super::notify::mentions(&mut tx, actor.org, &super::notify::By::of(actor), &t, body).await?;
        tx.commit().await?;
        Ok(())
    }
}
