//! Bulk changes to the cards chosen on a board: moving them all to one column (to its end, in
//! the order they stood) and giving them all one assignee or none. All or nothing: one
//! transaction, so a column that fills up half way refuses the whole move and nothing changes.

use crate::plan::card_moves::move_in;
use crate::plan::card_writes::{event, live_task};
use crate::plan::cards::MoveInput;
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{BoardId, ColumnId, PersonId, TaskId};
use mognad_domain::plan::archive::CardEvent;
use mognad_domain::role::Role;
use mognad_store::boards as store;

/// The most cards one bulk change takes.
pub const MAX_CARDS: usize = 500;

/// What to do with the chosen cards; at least one of the two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkChange {
    pub column: Option<ColumnId>,
    /// `Some(None)` takes the assignee away.
    pub assignee: Option<Option<PersonId>>,
}

impl super::Plan<'_> {
    /// Applies `change` to `cards` of `board`; returns how many cards changed.
    #[tracing::instrument(skip_all)]
    pub async fn bulk_change(
        &self,
        actor: &Actor,
        board: BoardId,
        cards: &[TaskId],
        change: BulkChange,
    ) -> Result<usize> {
        actor.require(Role::Member)?;
        if cards.is_empty() {
            return Err(Invalid::new("cards", "bulk-none", "choose at least one card").into());
        }
        if cards.len() > MAX_CARDS {
            return Err(Invalid::new("cards", "bulk-too-many", "at most 500 cards at once").into());
        }
        if change == BulkChange::default() {
            return Err(Invalid::new("column_id", "bulk-nothing", "choose a column or an assignee").into());
        }
        let name = actor.user.display_name.to_string();
        let mut tx = self.db.write().await?;
        let mut tasks = Vec::with_capacity(cards.len());
        // A card chosen twice changes once.
        let mut seen = std::collections::HashSet::new();
        for id in cards.iter().filter(|c| seen.insert(**c)) {
            // A card elsewhere (or nowhere) is a wrong choice in the form, not a missing page.
            match live_task(&mut tx, actor.org, id.0).await {
                Ok(t) if t.board_id == board.0 => tasks.push(t),
                Ok(_) | Err(AppError::NotFound) => {
                    return Err(Invalid::new("cards", "bad-ref", "cards of this board").into());
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(Some(p)) = change.assignee
            && mognad_store::people::get(&mut tx, actor.org, p).await?.is_none()
        {
            return Err(Invalid::new("assignee_id", "bad-ref", "not a valid choice").into());
        }
        // In the order they stand on the board, so they keep it in the new column.
        let columns = store::columns(&mut tx, actor.org, board.0).await?;
        let at = |c: uuid::Uuid| columns.iter().position(|x| x.id == c);
        tasks.sort_by(|a, b| (at(a.column_id), &a.rank).cmp(&(at(b.column_id), &b.rank)));
        let mut changed = 0;
        let now = Utc::now();
        let by = super::notify::By::of(actor);
        for mut t in tasks {
            let mut touched = false;
            if let Some(a) = change.assignee
                && t.assignee_id != a.map(|p| p.0)
            {
                t.assignee_id = a.map(|p| p.0);
                store::update_task(&mut tx, actor.org, &t, now).await?;
                event(&mut tx, actor.org, t.id, &name, CardEvent::Edited, None).await?;
                super::notify::assigned(&mut tx, actor.org, &by, &t).await?;
                touched = true;
            }
            if let Some(c) = change.column
                && c.0 != t.column_id
            {
                let to = MoveInput {
                    column_id: c.to_string(),
                    ..Default::default()
                };
                move_in(&mut tx, actor.org, t.id, &to, None, &name).await?;
                touched = true;
            }
            changed += usize::from(touched);
        }
        tx.commit().await?;
        Ok(changed)
    }
}
