//! Changing a board's shape: renaming it, adding columns and changing a column's name, WIP
//! limit and whether its cards count as done.

use super::boards::{ColumnInput, board_of, name};
use crate::{Actor, AppError, Invalid, Result};
use mognad_domain::ids::{BoardId, ColumnId};
use mognad_domain::plan::rank;
use mognad_domain::role::Role;
use mognad_store::boards::{self as store, Column};
use uuid::Uuid;

/// The board, when the organisation has it and it is not archived.
async fn live_board(
    tx: &mut mognad_store::Tx,
    org: mognad_domain::ids::OrgId,
    id: Uuid,
) -> Result<store::Board> {
    let b = board_of(tx, org, id).await?;
    if b.archived {
        return Err(super::card_writes::archived());
    }
    Ok(b)
}

impl super::Plan<'_> {
    /// Gives a board a new name, unique in the organisation like a new board's.
    #[tracing::instrument(skip_all)]
    pub async fn rename_board(&self, actor: &Actor, board: BoardId, new_name: &str) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let n = name(new_name, "name", &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.db.write().await?;
        live_board(&mut tx, actor.org, board.0).await?;
        store::rename_board(&mut tx, actor.org, board.0, &n)
            .await
            .map_err(super::boards::name_taken)?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a column at the right end of a board.
    #[tracing::instrument(skip_all)]
    pub async fn add_column(&self, actor: &Actor, board: BoardId, input: &ColumnInput) -> Result<ColumnId> {
        actor.require(Role::Admin)?;
        let (n, limit, done) = column_fields(input)?;
        let mut tx = self.db.write().await?;
        live_board(&mut tx, actor.org, board.0).await?;
        let last = store::columns(&mut tx, actor.org, board.0)
            .await?
            .pop()
            .map(|c| c.rank);
        let col = Column {
            id: Uuid::now_v7(),
            board_id: board.0,
            name: n,
            rank: rank::between(last.as_deref(), None),
            wip_limit: limit,
            is_done: done,
        };
        store::insert_column(&mut tx, actor.org, &col).await?;
        tx.commit().await?;
        Ok(ColumnId(col.id))
    }

    #[tracing::instrument(skip_all)]
    pub async fn update_column(
        &self,
        actor: &Actor,
        board: BoardId,
        column: ColumnId,
        input: &ColumnInput,
    ) -> Result<()> {
        actor.require(Role::Admin)?;
        let (n, limit, done) = column_fields(input)?;
        let mut tx = self.db.write().await?;
        live_board(&mut tx, actor.org, board.0).await?;
        let mut col = store::columns(&mut tx, actor.org, board.0)
            .await?
            .into_iter()
            .find(|c| c.id == column.0)
            .ok_or(AppError::NotFound)?;
        col.name = n;
        col.wip_limit = limit;
        col.is_done = done;
        store::update_column(&mut tx, actor.org, &col).await?;
        tx.commit().await?;
        Ok(())
    }
}

fn column_fields(input: &ColumnInput) -> Result<(String, Option<i64>, bool)> {
    let mut errors = Vec::new();
    let n = name(&input.name, "name", &mut errors);
    let limit = match input.wip_limit.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(l) if (1..=10_000).contains(&l) => Some(l),
            _ => {
                errors.push(Invalid::new(
                    "wip_limit",
                    "wip",
                    "a limit from 1 to 10000, or blank",
                ));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok((n, limit, matches!(input.done.trim(), "1" | "true" | "on")))
}
