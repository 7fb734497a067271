//! Moving a card inside the write queue's batch: where the move puts it after every check (the
//! column, the place between two cards, the WIP limit, whether it is done), then the key, the
//! card's row and its history's entry.

use super::card_writes::{event, full, live_task, no_column, unless_done};
use super::cards::MoveInput;
use crate::input::noted_ref;
use crate::platform::write_queue::stored;
use crate::{AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::OrgId;
use mognad_domain::plan::archive::CardEvent;
use mognad_domain::plan::rank;
use mognad_domain::plan::task::fits;
use mognad_store::Tx;
use mognad_store::boards::{self as store, Column, Task};
use uuid::Uuid;

/// A card's place before and after a move.
pub(crate) struct Place {
    pub from_column: Uuid,
    pub from_rank: String,
    pub from_done_at: Option<chrono::DateTime<Utc>>,
    pub column: Uuid,
    pub rank: String,
    pub done_at: Option<chrono::DateTime<Utc>>,
}

/// Where a move would put the card, after every check; nothing is written.
pub(crate) async fn move_checks(tx: &mut Tx, org: OrgId, id: Uuid, input: &MoveInput) -> Result<Place> {
    let mut errors = Vec::new();
    let target = noted_ref("column_id", &input.column_id, &mut errors);
    let after = noted_ref("after", &input.after, &mut errors);
    let before = noted_ref("before", &input.before, &mut errors);
    let top = match input.position.trim() {
        "" | "bottom" => false,
        "top" => true,
        _ => {
            errors.push(Invalid::new("position", "position", "top or bottom"));
            false
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let task = live_task(tx, org, id).await?;
    let columns = store::columns(tx, org, task.board_id).await?;
    let column = columns
        .iter()
        .find(|c| c.id == target.unwrap_or(task.column_id))
        .ok_or_else(no_column)?;
    if column.id != task.column_id {
        wip_check(tx, column).await?;
    }
    // The neighbours: a named card (which must be in the target column) and the one next to
    // it, or the column's end.
    let rank = match (after, before) {
        (Some(a), _) if a != id => {
            let a = store::task(tx, org, a)
                .await?
                .filter(|t| t.column_id == column.id);
            let a =
                a.ok_or_else(|| AppError::from(Invalid::new("after", "bad-ref", "a card of that column")))?;
            let next = store::neighbour_rank(tx, column.id, &a.rank, a.id, true).await?;
            rank::between(Some(&a.rank), next.as_deref())
        }
        (_, Some(b)) if b != id => {
            let b = store::task(tx, org, b)
                .await?
                .filter(|t| t.column_id == column.id);
            let b =
                b.ok_or_else(|| AppError::from(Invalid::new("before", "bad-ref", "a card of that column")))?;
            let prev = store::neighbour_rank(tx, column.id, &b.rank, b.id, false).await?;
            rank::between(prev.as_deref(), Some(&b.rank))
        }
        _ => {
            let end = store::end_rank(tx, column.id, !top).await?;
            if top {
                rank::between(None, end.as_deref())
            } else {
                rank::between(end.as_deref(), None)
            }
        }
    };
    Ok(Place {
        done_at: done_at(column, &task),
        from_column: task.column_id,
        from_done_at: task.done_at,
        from_rank: task.rank,
        column: column.id,
        rank,
    })
}

/// When a card placed in `column` counts as done: kept from before, or now.
pub(crate) fn done_at(column: &Column, task: &Task) -> Option<chrono::DateTime<Utc>> {
    if column.is_done {
        task.done_at.or(Some(Utc::now()))
    } else {
        None
    }
}

/// Refuses a card into a column at its WIP limit. Counting is only needed against a limit; a
/// column of thousands is not counted per move.
pub(crate) async fn wip_check(tx: &mut Tx, column: &Column) -> Result<()> {
    if column.wip_limit.is_some()
        && !fits(
            store::column_count(tx, column.id).await? as usize,
            column.wip_limit.map(|l| l as u32),
        )
    {
        return Err(full(column));
    }
    Ok(())
}

/// A move inside the writer's transaction: checks first, then the key, the card's row and its
/// history's entry.
pub(crate) async fn move_in(
    tx: &mut Tx,
    org: OrgId,
    id: Uuid,
    input: &MoveInput,
    key: Option<&str>,
    actor: &str,
) -> Result<()> {
    let place = match move_checks(tx, org, id, input).await {
        Ok(place) => place,
        Err(e) => return unless_done(tx, org, key, e).await.map(|_| ()),
    };
    let now = Utc::now();
    if let Some(k) = key
        && stored(store::claim_key(tx, org, k, "move-task", id, now).await)?.is_some()
    {
        return Ok(());
    }
    stored(store::place(tx, org, id, place.column, &place.rank, place.done_at, now).await)?;
    if (place.column, &place.rank) != (place.from_column, &place.from_rank) {
        stored(event(tx, org, id, actor, CardEvent::Moved, Some(&place)).await)?;
    }
    Ok(())
}
