//! Tasks: creating, editing and moving cards, their checklists and comments. Creates and moves
//! accept an idempotency key, so a client that retries after a lost answer changes nothing the
//! second time; a move computes one new rank and writes one row.

use super::card_moves::move_in;
use super::card_writes::{create_in, key_ok};
use crate::{Actor, Result};
use mognad_domain::ids::{BoardId, TaskId};
use mognad_domain::role::Role;
use serde::Deserialize;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 20_000;
/// Idempotency keys are the client's own, e.g. a UUID; bounded so they stay keys.
pub const KEY_MAX: usize = 100;

pub use crate::plan::card_detail::{ChecklistView, CommentView, TaskDetail};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TaskInput {
    #[serde(default)]
    pub title: String,
    /// Markdown; shown with raw HTML escaped.
    #[serde(default)]
    pub description: String,
    /// A column of the board; blank for the first.
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub column_id: String,
    /// A person id, or blank.
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub assignee_id: String,
    /// `low`, `normal` (default), `high` or `urgent`.
    #[serde(default)]
    pub priority: String,
    /// `YYYY-MM-DD`, or blank.
    #[serde(default, alias = "due_on", deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub due: String,
    /// Comma-separated.
    #[serde(default, deserialize_with = "crate::input::loose_list")]
    #[schema(schema_with = crate::input::text_or_list)]
    pub labels: String,
    /// An initiative id, or blank.
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub initiative_id: String,
    /// Whole hours, or blank.
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub estimate_hours: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct MoveInput {
    /// The column to move to; blank for the card's own.
    #[serde(default)]
    pub column_id: String,
    /// Put the card right after this card …
    #[serde(default)]
    pub after: String,
    /// … or right before this one; with neither, `position` decides.
    #[serde(default)]
    pub before: String,
    /// `top` or `bottom` (default).
    #[serde(default)]
    pub position: String,
}
impl super::Plan<'_> {
    /// Adds a task at the bottom of a column; with a key used before, returns that task.
    /// Written through the group-commit queue: answered once durably stored.
    #[tracing::instrument(skip_all)]
    pub async fn create_task(
        &self,
        actor: &Actor,
        board: BoardId,
        input: &TaskInput,
        key: Option<&str>,
    ) -> Result<TaskId> {
        actor.require(Role::Member)?;
        let key = key_ok(key)?.map(str::to_owned);
        let (org, input, by) = (actor.org, input.clone(), super::notify::By::of(actor));
        self.write_queue()
            .write(move |tx| {
                Box::pin(async move { create_in(tx, org, board.0, &input, key.as_deref(), &by).await })
            })
            .await
            .map(TaskId)
    }

    /// Moves a card within or between columns; one row changes. A repeated key does nothing.
    #[tracing::instrument(skip_all)]
    pub async fn move_task(
        &self,
        actor: &Actor,
        id: TaskId,
        input: &MoveInput,
        key: Option<&str>,
    ) -> Result<()> {
        actor.require(Role::Member)?;
        let key = key_ok(key)?.map(str::to_owned);
        let (org, input) = (actor.org, input.clone());
        let name = actor.user.display_name.to_string();
        self.write_queue()
            .write(move |tx| {
                Box::pin(async move { move_in(tx, org, id.0, &input, key.as_deref(), &name).await })
            })
            .await
    }
}
