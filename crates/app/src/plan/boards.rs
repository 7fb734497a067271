//! Boards and their columns: creating a board with the default columns, editing columns and
//! WIP limits, and reading a board a page of cards per column at a time with filters.

use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{BoardId, ColumnId, InitiativeId, OrgId, PersonId, TaskId};
use mognad_domain::plan::rank;
use mognad_domain::role::Role;
use mognad_store::Tx;
use mognad_store::boards::{self as store, Board, Column, Filter, Task};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Cards shown per column before "more".
pub const PAGE: i64 = 50;

/// The columns a new board starts with: (Swedish name, English name, done).
pub const DEFAULT_COLUMNS: [(&str, &str, bool); 4] = [
    ("Inkorg", "Backlog", false),
    ("Redo", "Ready", false),
    ("Pågår", "In progress", false),
    ("Klart", "Done", true),
];

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct BoardInput {
    #[serde(default)]
    pub name: String,
    /// An initiative id, or blank.
    #[serde(default)]
    pub initiative_id: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ColumnInput {
    #[serde(default)]
    pub name: String,
    /// Blank for no limit.
    #[serde(default)]
    pub wip_limit: String,
    /// "1" when cards here count as done.
    #[serde(default)]
    pub done: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ColumnView {
    pub id: ColumnId,
    pub name: String,
    pub wip_limit: Option<i64>,
    pub done: bool,
    /// Cards in the column (with the filter).
    pub count: i64,
    /// The first cards in rank order.
    pub cards: Vec<TaskView>,
    /// Where the next page starts, when there are more: `column~rank~id`, to pass back unchanged
    /// as the board's `more`.
    pub more: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskView {
    pub id: TaskId,
    pub column_id: ColumnId,
    pub title: String,
    pub assignee_id: Option<PersonId>,
    pub priority: String,
    pub due_on: Option<chrono::NaiveDate>,
    pub labels: Vec<String>,
    pub initiative_id: Option<InitiativeId>,
    pub estimate_hours: Option<i64>,
}

impl From<&Task> for TaskView {
    fn from(t: &Task) -> Self {
        TaskView {
            id: TaskId(t.id),
            column_id: ColumnId(t.column_id),
            title: t.title.clone(),
            assignee_id: t.assignee_id.map(PersonId),
            priority: t.priority.clone(),
            due_on: t.due_on,
            labels: t
                .labels
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            initiative_id: t.initiative_id.map(InitiativeId),
            estimate_hours: t.estimate_hours,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BoardView {
    pub id: BoardId,
    pub name: String,
    pub initiative_id: Option<InitiativeId>,
    /// The board is archived (its cards went with it).
    pub archived: bool,
    pub columns: Vec<ColumnView>,
}

/// The page cursor of a column: `rank~id` of the last card shown.
fn cursor(t: &Task) -> String {
    format!("{}~{}", t.rank, t.id)
}

/// A column's `more`: (column, rank, id) of the last card shown.
fn parse_more(raw: &str) -> Option<(Uuid, String, Uuid)> {
    let (col, rest) = raw.split_once('~')?;
    let (rank, id) = rest.rsplit_once('~')?;
    Some((
        Uuid::parse_str(col).ok()?,
        rank.to_owned(),
        Uuid::parse_str(id).ok()?,
    ))
}

pub(crate) fn name(raw: &str, field: &str, errors: &mut Vec<Invalid>) -> String {
    let n = raw.trim();
    if n.is_empty() || n.chars().count() > 100 || n.chars().any(char::is_control) {
        errors.push(Invalid::new(field, "empty", "a name of 1 to 100 characters"));
    }
    n.to_owned()
}

/// A board name in use (by a live or an archived board) is said so on the name field.
pub(crate) fn name_taken(e: mognad_store::StoreError) -> AppError {
    match e {
        mognad_store::StoreError::Conflict(_) => AppError::from(Invalid::new(
            "name",
            "name-taken",
            "a board with that name exists",
        )),
        e => e.into(),
    }
}

pub(crate) async fn board_of(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Board> {
    store::board(tx, org, id).await?.ok_or(AppError::NotFound)
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn boards(&self, actor: &Actor) -> Result<Vec<Board>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let b = store::boards(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok(b)
    }

    /// A new board with the default columns in the organisation's language.
    #[tracing::instrument(skip_all)]
    pub async fn create_board(&self, actor: &Actor, input: &BoardInput) -> Result<Board> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let n = name(&input.name, "name", &mut errors);
        let initiative = match input.initiative_id.trim() {
            "" => None,
            raw => match Uuid::parse_str(raw) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(Invalid::new("initiative_id", "bad-ref", "choose an initiative"));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let org = self.org().organisation(actor).await?;
        let mut tx = self.db.write().await?;
        if let Some(i) = initiative
            && !mognad_store::plan::initiative_exists(&mut tx, actor.org, i).await?
        {
            return Err(Invalid::new("initiative_id", "unknown-ref", "no such initiative").into());
        }
        let b = Board {
            id: Uuid::now_v7(),
            name: n,
            initiative_id: initiative,
            archived: false,
        };
        store::insert_board(&mut tx, actor.org, &b, Utc::now())
            .await
            .map_err(name_taken)?;
        let ranks = rank::spread(DEFAULT_COLUMNS.len());
        for ((sv, en, done), r) in DEFAULT_COLUMNS.iter().zip(ranks) {
            let col = Column {
                id: Uuid::now_v7(),
                board_id: b.id,
                name: match org.settings.language {
                    mognad_domain::org::Language::Sv => (*sv).to_owned(),
                    mognad_domain::org::Language::En => (*en).to_owned(),
                },
                rank: r,
                wip_limit: None,
                is_done: *done,
            };
            store::insert_column(&mut tx, actor.org, &col).await?;
        }
        tx.commit().await?;
        Ok(b)
    }

    /// A board with the first page of each column. `more` (a column's `more`, as given)
    /// continues that column from where its last page ended; a cursor that does not parse is
    /// read as none.
    #[tracing::instrument(skip_all)]
    pub async fn board(
        &self,
        actor: &Actor,
        id: BoardId,
        filter: &Filter,
        more: Option<&str>,
    ) -> Result<BoardView> {
        let more = more.and_then(parse_more);
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let b = board_of(&mut tx, actor.org, id.0).await?;
        let columns = store::columns(&mut tx, actor.org, id.0).await?;
        let counts = store::counts(&mut tx, id.0, filter).await?;
        let mut views = Vec::with_capacity(columns.len());
        for c in columns {
            let after = more
                .as_ref()
                .filter(|(col, _, _)| *col == c.id)
                .map(|(_, rank, id)| (rank.clone(), *id));
            let limit = if more.as_ref().is_some_and(|(col, _, _)| *col != c.id) {
                0
            } else {
                PAGE + 1
            };
            let mut cards = if limit == 0 {
                Vec::new()
            } else {
                store::page(
                    &mut tx,
                    c.id,
                    filter,
                    after.as_ref().map(|(r, i)| (r.as_str(), *i)),
                    limit,
                )
                .await?
            };
            let more = (cards.len() as i64 > PAGE).then(|| {
                cards.truncate(PAGE as usize);
                format!("{}~{}", c.id, cursor(&cards[cards.len() - 1]))
            });
            views.push(ColumnView {
                count: counts.iter().find(|(k, _)| *k == c.id).map_or(0, |(_, n)| *n),
                cards: cards.iter().map(TaskView::from).collect(),
                more,
                id: ColumnId(c.id),
                name: c.name,
                wip_limit: c.wip_limit,
                done: c.is_done,
            });
        }
        tx.rollback().await?;
        Ok(BoardView {
            id: BoardId(b.id),
            name: b.name,
            initiative_id: b.initiative_id.map(InitiativeId),
            archived: b.archived,
            columns: views,
        })
    }
}
