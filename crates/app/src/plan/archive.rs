//! Archiving, restoring and deleting the plan's items, and taking back a card's last move.
//! Archived items leave every list and count (boards, dashboards, workload, totals) and wait
//! in the organisation's archive; only an archived item can be deleted, by an administrator,
//! so nothing disappears in one click.

use super::card_moves::{Place, done_at, wip_check};
use super::card_writes::{archived, event, live_task};
use crate::{Actor, AppError, Result};
use chrono::{DateTime, SubsecRound, Utc};
use mognad_domain::ids::TaskId;
use mognad_domain::plan::archive::{Archivable, CardEvent};
use mognad_domain::plan::rank;
use mognad_domain::role::Role;
use mognad_store::archive as store;
use mognad_store::boards;
use serde::Serialize;
use uuid::Uuid;

/// An item in the archive.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ArchivedView {
    /// `card`, `board`, `goal`, `initiative`, `form` or `agenda`.
    pub kind: String,
    pub id: Uuid,
    pub title: String,
    pub archived_at: DateTime<Utc>,
}

/// The refusal to delete a live item.
pub fn not_archived() -> AppError {
    AppError::conflict(
        "not-archived",
        "only an archived item can be deleted; archive it first",
        &[],
    )
}

fn may_archive(actor: &Actor, kind: Archivable) -> Result<()> {
    actor.require(if kind.by_member() {
        Role::Member
    } else {
        Role::Admin
    })
}

impl super::Plan<'_> {
    /// Archives an item; archiving it again changes nothing. A board takes its cards and
    /// intake forms along (its public forms stop taking requests).
    #[tracing::instrument(skip_all)]
    pub async fn archive(&self, actor: &Actor, kind: Archivable, id: Uuid) -> Result<()> {
        may_archive(actor, kind)?;
        let mut tx = self.db.write().await?;
        // Microseconds: what both backends keep, so a board's cards carry exactly its stamp.
        let now = Utc::now().trunc_subsecs(6);
        match store::state(&mut tx, actor.org, kind, id).await? {
            None => return Err(AppError::NotFound),
            Some(true) => return Ok(()),
            Some(false) => {}
        }
        store::set(&mut tx, actor.org, kind, id, Some(now)).await?;
        if kind == Archivable::Card {
            let name = actor.user.display_name.to_string();
            event(&mut tx, actor.org, id, &name, CardEvent::Archived, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Brings an archived item back where it was. A card archived with its board comes back
    /// with the board, not on its own.
    #[tracing::instrument(skip_all)]
    pub async fn restore(&self, actor: &Actor, kind: Archivable, id: Uuid) -> Result<()> {
        may_archive(actor, kind)?;
        let mut tx = self.db.write().await?;
        match store::state(&mut tx, actor.org, kind, id).await? {
            None => return Err(AppError::NotFound),
            Some(false) => return Ok(()),
            Some(true) => {}
        }
        if let Some(board) = owning_board(&mut tx, actor, kind, id).await?
            && board.archived
        {
            return Err(AppError::conflict(
                "board-archived",
                format!("restore the board {} first", board.name),
                &[("board", board.name)],
            ));
        }
        store::set(&mut tx, actor.org, kind, id, None).await?;
        if kind == Archivable::Card {
            let name = actor.user.display_name.to_string();
            event(&mut tx, actor.org, id, &name, CardEvent::Restored, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an archived item for good with everything it holds (a board its columns, cards
    /// and forms with their requests). A live item is refused: archive it first.
    #[tracing::instrument(skip_all)]
    pub async fn delete_archived(&self, actor: &Actor, kind: Archivable, id: Uuid) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        match store::state(&mut tx, actor.org, kind, id).await? {
            None => return Err(AppError::NotFound),
            Some(false) => return Err(not_archived()),
            Some(true) => {}
        }
        store::delete(&mut tx, actor.org, kind, id).await?;
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("{} {id}", kind.as_str())).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Refuses a change to an archived item (it has no page until restored), or to none.
    pub(crate) async fn unarchived(&self, actor: &Actor, kind: Archivable, id: Uuid) -> Result<()> {
        if self.is_archived(actor, kind, id).await? {
            return Err(archived());
        }
        Ok(())
    }

    /// Whether an item is archived (for its page's banner).
    #[tracing::instrument(skip_all)]
    pub async fn is_archived(&self, actor: &Actor, kind: Archivable, id: Uuid) -> Result<bool> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let state = store::state(&mut tx, actor.org, kind, id).await?;
        tx.rollback().await?;
        state.ok_or(AppError::NotFound)
    }

    /// The organisation's archive, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn archived(&self, actor: &Actor) -> Result<Vec<ArchivedView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let rows = store::list(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok(rows
            .into_iter()
            .map(|r| ArchivedView {
                kind: r.kind,
                id: r.id,
                title: r.title,
                archived_at: r.archived_at,
            })
            .collect())
    }

    /// Takes back a card's last move: it returns to its column, between the cards it stood
    /// between. Only while that move is the last thing that happened to the card and the card
    /// is still where it went; the column's WIP limit holds as for any move.
    #[tracing::instrument(skip_all)]
    pub async fn undo_move(&self, actor: &Actor, id: TaskId) -> Result<()> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        let task = live_task(&mut tx, actor.org, id.0).await?;
        let last = store::events(&mut tx, actor.org, id.0).await?.pop();
        let nothing = || AppError::conflict("nothing-to-undo", "the card's last change was not a move", &[]);
        let last = last
            .filter(|e| e.kind == CardEvent::Moved.as_str() && e.to_column == Some(task.column_id))
            .ok_or_else(nothing)?;
        let (Some(from), Some(from_rank)) = (last.from_column, last.from_rank) else {
            return Err(nothing());
        };
        let columns = boards::columns(&mut tx, actor.org, task.board_id).await?;
        let column = columns.iter().find(|c| c.id == from).ok_or_else(nothing)?;
        if column.id != task.column_id {
            wip_check(&mut tx, column).await?;
        }
        let before = boards::neighbour_rank(&mut tx, from, &from_rank, task.id, false).await?;
        let after = boards::neighbour_rank(&mut tx, from, &from_rank, task.id, true).await?;
        // Back into a done column, the card keeps the day it was first done.
        let done_at = match last.from_done_at {
            Some(day) if column.is_done => Some(day),
            _ => done_at(column, &task),
        };
        let place = Place {
            from_column: task.column_id,
            from_rank: task.rank.clone(),
            from_done_at: task.done_at,
            column: from,
            rank: rank::between(before.as_deref(), after.as_deref()),
            done_at,
        };
        boards::place(
            &mut tx,
            actor.org,
            task.id,
            place.column,
            &place.rank,
            place.done_at,
            Utc::now(),
        )
        .await?;
        let name = actor.user.display_name.to_string();
        event(
            &mut tx,
            actor.org,
            task.id,
            &name,
            CardEvent::Undone,
            Some(&place),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The board an item lives on, for cards and forms.
async fn owning_board(
    tx: &mut mognad_store::Tx,
    actor: &Actor,
    kind: Archivable,
    id: Uuid,
) -> Result<Option<boards::Board>> {
    let board = match kind {
        Archivable::Card => boards::task(tx, actor.org, id).await?.map(|t| t.board_id),
        Archivable::Form => mognad_store::plan::form(tx, actor.org, id)
            .await?
            .map(|f| f.board_id),
        _ => None,
    };
    Ok(match board {
        Some(b) => boards::board(tx, actor.org, b).await?,
        None => None,
    })
}
