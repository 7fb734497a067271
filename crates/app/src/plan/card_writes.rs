//! What a card write checks before it writes, and the writes themselves, run inside the write
//! queue's batch: creating a card at the end of its column, claiming its idempotency key first.
//! Moves are in `card_moves`.

use super::card_moves::Place;
use super::cards::{DESCRIPTION_MAX, KEY_MAX, TITLE_MAX, TaskInput};
use crate::input::noted_ref;
use crate::platform::write_queue::stored;
use crate::{AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{OrgId, PersonId};
use mognad_domain::plan::archive::CardEvent;
use mognad_domain::plan::rank;
use mognad_domain::plan::task::{Priority, fits, labels};
use mognad_domain::text::parse_date;
use mognad_store::Tx;
use mognad_store::boards::{self as store, Column, Task};
use uuid::Uuid;

pub(crate) fn key_ok(key: Option<&str>) -> Result<Option<&str>> {
    match key.map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) if k.len() > KEY_MAX || k.chars().any(char::is_control) => Err(Invalid::new(
            "idempotency_key",
            "key",
            "an idempotency key is at most 100 characters",
        )
        .into()),
        k => Ok(k),
    }
}

/// The task's fields from the input; `column` and `rank` are set by the caller.
pub(crate) async fn fields(tx: &mut Tx, org: OrgId, input: &TaskInput, t: &mut Task) -> Result<()> {
    let mut errors = Vec::new();
    let title = input.title.trim();
    crate::input::check_title(title, "title", TITLE_MAX, &mut errors);
    if input.description.chars().count() > DESCRIPTION_MAX {
        errors.push(Invalid::new(
            "description",
            "too-long",
            "at most 20000 characters",
        ));
    }
    let priority = match input.priority.trim() {
        "" => Some(Priority::Normal),
        p => Priority::parse(p),
    };
    if priority.is_none() {
        errors.push(Invalid::new(
            "priority",
            "priority",
            "low, normal, high or urgent",
        ));
    }
    let due = match input.due.trim() {
        "" => None,
        d => parse_date(d).map(Some).unwrap_or_else(|_| {
            errors.push(Invalid::new("due", "date", "a date as YYYY-MM-DD"));
            None
        }),
    };
    let labels = labels(&input.labels).unwrap_or_else(|m| {
        errors.push(Invalid::new("labels", "labels", m));
        Vec::new()
    });
    let estimate = match input.estimate_hours.trim() {
        "" => None,
        e => match e.parse::<i64>() {
            Ok(h) if (0..=10_000).contains(&h) => Some(h),
            _ => {
                errors.push(Invalid::new(
                    "estimate_hours",
                    "estimate",
                    "whole hours from 0 to 10000",
                ));
                None
            }
        },
    };
    let assignee = noted_ref("assignee_id", &input.assignee_id, &mut errors);
    let initiative = noted_ref("initiative_id", &input.initiative_id, &mut errors);
    if let Some(a) = assignee
        && mognad_store::people::get(tx, org, PersonId(a)).await?.is_none()
    {
        errors.push(Invalid::new("assignee_id", "unknown-ref", "no such person"));
    }
    if let Some(i) = initiative
        && !mognad_store::plan::initiative_exists(tx, org, i).await?
    {
        errors.push(Invalid::new("initiative_id", "unknown-ref", "no such initiative"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    t.title = title.to_owned();
    t.description = input.description.trim_end().to_owned();
    t.priority = priority.unwrap_or(Priority::Normal).as_str().to_owned();
    t.due_on = due;
    t.labels = labels.join(",");
    t.assignee_id = assignee;
    t.initiative_id = initiative;
    t.estimate_hours = estimate;
    Ok(())
}

/// The refusal of a column the card's board does not have.
pub(crate) fn no_column() -> AppError {
    Invalid::new("column_id", "bad-ref", "choose a column of the board").into()
}

/// The refusal to change an archived item: it changes only by being restored.
pub(crate) fn archived() -> AppError {
    AppError::conflict("archived", "it is archived; restore it first", &[])
}

/// Refuses a change to an archived item inside the writer's transaction; one the organisation
/// lacks passes, for the caller's own read to say "not found".
pub(crate) async fn refuse_archived(
    tx: &mut Tx,
    org: OrgId,
    kind: mognad_domain::plan::archive::Archivable,
    id: Uuid,
) -> Result<()> {
    if mognad_store::archive::state(tx, org, kind, id).await? == Some(true) {
        return Err(archived());
    }
    Ok(())
}

/// The card, when the organisation has it and it is not archived.
pub(crate) async fn live_task(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Task> {
    let t = store::task(tx, org, id).await?.ok_or(AppError::NotFound)?;
    if t.archived {
        return Err(archived());
    }
    Ok(t)
}

pub(crate) fn full(c: &Column) -> AppError {
    let limit = c.wip_limit.unwrap_or_default();
    AppError::conflict(
        "wip-full",
        format!(
            "{} is at its limit of {limit} cards; finish or move one first",
            c.name
        ),
        &[("column", c.name.to_string()), ("limit", limit.to_string())],
    )
}

/// A refusal, unless a request with the same key was carried out before: then what it made.
/// A request sent again after its answer was lost must get that answer, even where the checks
/// would now refuse (the first card may itself have filled the column).
pub(crate) async fn unless_done(
    tx: &mut Tx,
    org: OrgId,
    key: Option<&str>,
    refusal: AppError,
) -> Result<Uuid> {
    if let (Some(k), false) = (key, matches!(refusal, AppError::Internal(_)))
        && let Some(earlier) = store::earlier_result(tx, org, k).await?
    {
        return Ok(earlier);
    }
    Err(refusal)
}

/// The card a create would add, after every check; nothing is written.
pub(crate) async fn create_checks(tx: &mut Tx, org: OrgId, board: Uuid, input: &TaskInput) -> Result<Task> {
    let now = Utc::now();
    // Every board has columns, so none means no such board in this organisation.
    let columns = store::columns_with_last(tx, org, board).await?;
    if columns.is_empty() {
        // No columns of a live board: an archived board, or none in this organisation.
        return Err(match store::board(tx, org, board).await? {
            Some(b) if b.archived => archived(),
            _ => AppError::NotFound,
        });
    }
    let (column, last) = match input.column_id.trim() {
        "" => columns.into_iter().next(),
        c => columns.into_iter().find(|(x, _)| x.id.to_string() == c),
    }
    .ok_or_else(no_column)?;
    let mut t = Task {
        id: Uuid::now_v7(),
        board_id: board,
        column_id: column.id,
        rank: rank::between(last.as_deref(), None),
        title: String::new(),
        description: String::new(),
        assignee_id: None,
        priority: String::new(),
        due_on: None,
        labels: String::new(),
        initiative_id: None,
        estimate_hours: None,
        created_at: now,
        done_at: column.is_done.then_some(now),
        archived: false,
    };
    fields(tx, org, input, &mut t).await?;
    if column.wip_limit.is_some()
        && !fits(
            store::column_count(tx, column.id).await? as usize,
            column.wip_limit.map(|l| l as u32),
        )
    {
        return Err(full(&column));
    }
    Ok(t)
}

/// A create inside the writer's transaction: checks first, then the key and the card.
pub(crate) async fn create_in(
    tx: &mut Tx,
    org: OrgId,
    board: Uuid,
    input: &TaskInput,
    key: Option<&str>,
    by: &super::notify::By,
) -> Result<Uuid> {
    let t = match create_checks(tx, org, board, input).await {
        Ok(t) => t,
        Err(e) => return unless_done(tx, org, key, e).await,
    };
    if let Some(k) = key
        && let Some(earlier) = stored(store::claim_key(tx, org, k, "create-task", t.id, t.created_at).await)?
    {
        return Ok(earlier);
    }
    stored(store::insert_task(tx, org, &t, t.created_at).await)?;
    // After the insert a failure is the batch's, not a refusal of this card.
    super::notify::assigned(tx, org, by, &t)
        .await
        .map_err(crate::platform::write_queue::failed_write)?;
    Ok(t.id)
}

/// Adds an entry to a card's history.
pub(crate) async fn event(
    tx: &mut Tx,
    org: OrgId,
    task: Uuid,
    actor: &str,
    kind: CardEvent,
    moved: Option<&Place>,
) -> mognad_store::Result<()> {
    mognad_store::archive::add_event(
        tx,
        org,
        &mognad_store::archive::Event {
            id: Uuid::now_v7(),
            task_id: task,
            at: Utc::now(),
            actor: actor.to_owned(),
            kind: kind.as_str().to_owned(),
            from_column: moved.map(|p| p.from_column),
            from_rank: moved.map(|p| p.from_rank.clone()),
            from_done_at: moved.and_then(|p| p.from_done_at),
            to_column: moved.map(|p| p.column),
        },
    )
    .await
}
