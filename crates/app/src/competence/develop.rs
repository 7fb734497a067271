//! A person's development: where they stand on the positioning grids now and where they aim
//! (the role they aim for may be placed too, as a reference), and the development plan's
//! actions with their status and progress.

use crate::competence::assess::subject;
use crate::competence::frameworks::stored_framework;
use crate::competence::person_access;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::competence::grid::{Cell, Grid};
use mognad_domain::competence::plan::{self, Action, ActionKind, ActionStatus};
use mognad_domain::ids::{ActionId, FrameworkId, PersonId};
use mognad_domain::text::parse_date;
use mognad_store::development::{self as store, Placement, StoredAction, Subject};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A placement as a form or JSON body holds it: cells as "column,row" from 0 at the low end.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PlaceInput {
    /// `amne-djup` (subject competence × depth) or `nio-rutor` (9-box).
    #[serde(default)]
    pub grid: String,
    /// Where the person stands now, e.g. `0,1`.
    #[serde(default)]
    pub now: String,
    /// Where they aim; blank for no target.
    #[serde(default)]
    pub target: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ActionInput {
    #[serde(default)]
    pub title: String,
    /// `course`, `mentoring`, `assignment`, `reading`, `network` or `other`.
    #[serde(default)]
    pub kind: String,
    /// Competence ids, separated by spaces or commas.
    #[serde(default)]
    pub competences: String,
    /// `YYYY-MM-DD`, blank for none.
    #[serde(default)]
    pub due: String,
}

/// A grid with the subject's current placement on it.
#[derive(Debug, Clone, Serialize)]
pub struct Placed {
    pub grid: Grid,
    pub now: Cell,
    pub target: Option<Cell>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanAction {
    pub id: ActionId,
    #[schema(value_type = Object)]
    pub action: Action,
}

/// The development part of a person's page.
#[derive(Debug, Clone, Serialize)]
pub struct Development {
    pub placements: Vec<Placed>,
    /// The target role's placements, for comparison.
    pub role_placements: Vec<Placed>,
    pub actions: Vec<PlanAction>,
    pub progress: Option<u8>,
}

fn cell(raw: &str, grid: &Grid, field: &str) -> Result<Option<Cell>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let parsed = raw.split_once(',').and_then(|(c, r)| {
        let c = Cell {
            column: c.trim().parse().ok()?,
            row: r.trim().parse().ok()?,
        };
        grid.epithet(c).map(|_| c)
    });
    parsed
        .map(Some)
        .ok_or_else(|| Invalid::new(field, "cell", "choose a cell of the grid").into())
}

/// The latest placement on each grid.
fn current(list: Vec<Placement>) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    for p in list {
        let Some(grid) = Grid::by_key(&p.grid_key) else {
            continue;
        };
        if out.iter().any(|o| o.grid.id == grid.id) {
            continue;
        }
        let at = |c: i64, r: i64| Cell {
            column: c.max(0) as usize,
            row: r.max(0) as usize,
        };
        out.push(Placed {
            now: at(p.now_column, p.now_row),
            target: p.target_column.zip(p.target_row).map(|(c, r)| at(c, r)),
            grid,
        });
    }
    out
}

fn action(s: StoredAction) -> Option<PlanAction> {
    Some(PlanAction {
        id: ActionId(s.id),
        action: Action {
            title: s.title,
            kind: ActionKind::parse(&s.kind)?,
            competences: s.competences.split_whitespace().map(str::to_owned).collect(),
            due: s.due_on,
            status: ActionStatus::parse(&s.status)?,
        },
    })
}

impl super::Competence<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn development(&self, actor: &Actor, person: PersonId) -> Result<Development> {
        let default = self.default_framework(actor).await?;
        let mut tx = self.db.read().await?;
        person_access::access(&mut tx, actor, person)
            .await?
            .require_view()?;
        let (_, profile, framework) = subject(&mut tx, actor, person, default.0).await?;
        let placements = current(store::placements(&mut tx, actor.org, &Subject::Person(person)).await?);
        let role_placements = match profile.role_key {
            Some(role) => {
                current(store::placements(&mut tx, actor.org, &Subject::Role { framework, role }).await?)
            }
            None => Vec::new(),
        };
        let actions: Vec<PlanAction> = store::actions(&mut tx, actor.org, person)
            .await?
            .into_iter()
            .filter_map(action)
            .collect();
        tx.rollback().await?;
        let plain: Vec<Action> = actions.iter().map(|a| a.action.clone()).collect();
        Ok(Development {
            placements,
            role_placements,
            progress: plan::progress(&plain),
            actions,
        })
    }

    /// Places a person on a grid (a new placement; earlier ones stay as history).
    #[tracing::instrument(skip_all)]
    pub async fn place(&self, actor: &Actor, person: PersonId, input: &PlaceInput) -> Result<()> {
        let grid = Grid::by_key(input.grid.trim())
            .ok_or_else(|| AppError::from(Invalid::new("grid", "grid", "choose one of the grids")))?;
        let now = cell(&input.now, &grid, "now")?.ok_or_else(|| {
            AppError::from(Invalid::new("now", "empty", "choose where the person stands now"))
        })?;
        let target = cell(&input.target, &grid, "target")?;
        let mut tx = self.db.write().await?;
        person_access::access(&mut tx, actor, person)
            .await?
            .require_develop()?;
        store::place(
            &mut tx,
            actor.org,
            &Subject::Person(person),
            &placement(&grid, now, target),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Places a role of a framework on a grid: where people in the role are expected to stand.
    #[tracing::instrument(skip_all)]
    pub async fn place_role(
        &self,
        actor: &Actor,
        framework: FrameworkId,
        role: &str,
        input: &PlaceInput,
    ) -> Result<()> {
        actor.require(mognad_domain::role::Role::Admin)?;
        let grid = Grid::by_key(input.grid.trim())
            .ok_or_else(|| AppError::from(Invalid::new("grid", "grid", "choose one of the grids")))?;
        let now = cell(&input.now, &grid, "now")?
            .ok_or_else(|| AppError::from(Invalid::new("now", "empty", "choose the role's cell")))?;
        let mut tx = self.db.write().await?;
        let f = stored_framework(&mut tx, actor.org, framework.0).await?;
        if !f.roles.iter().any(|r| r.id == role) {
            return Err(AppError::NotFound);
        }
        let subject = Subject::Role {
            framework: framework.0,
            role: role.to_owned(),
        };
        store::place(&mut tx, actor.org, &subject, &placement(&grid, now, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Where each role of a framework is placed, by role id.
    #[tracing::instrument(skip_all)]
    pub async fn role_placements(
        &self,
        actor: &Actor,
        framework: FrameworkId,
    ) -> Result<Vec<(String, Vec<Placed>)>> {
        actor.require(mognad_domain::role::Role::Member)?;
        let mut tx = self.db.read().await?;
        let f = stored_framework(&mut tx, actor.org, framework.0).await?;
        let mut out = Vec::new();
        for r in &f.roles {
            let subject = Subject::Role {
                framework: framework.0,
                role: r.id.clone(),
            };
            out.push((
                r.id.clone(),
                current(store::placements(&mut tx, actor.org, &subject).await?),
            ));
        }
        tx.rollback().await?;
        Ok(out)
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_action(&self, actor: &Actor, person: PersonId, input: &ActionInput) -> Result<ActionId> {
        let default = self.default_framework(actor).await?;
        let mut errors = Vec::new();
        let title = input.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            errors.push(Invalid::new("title", "empty", "a title of 1 to 200 characters"));
        }
        let kind = ActionKind::parse(&input.kind);
        if kind.is_none() {
            errors.push(Invalid::new("kind", "action-kind", "choose a kind of action"));
        }
        let due: Option<NaiveDate> = match input.due.trim() {
            "" => None,
            d => match parse_date(d) {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(Invalid::new("due", "date", "a date as YYYY-MM-DD"));
                    None
                }
            },
        };
        let mut tx = self.db.write().await?;
        person_access::access(&mut tx, actor, person)
            .await?
            .require_develop()?;
        let (_, _, framework) = subject(&mut tx, actor, person, default.0).await?;
        let f = stored_framework(&mut tx, actor.org, framework).await?;
        let competences: Vec<&str> = input
            .competences
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|c| !c.is_empty())
            .collect();
        if let Some(bad) = competences.iter().find(|c| f.competence(c).is_none()) {
            errors.push(Invalid::new(
                "competences",
                "competence",
                format!("no competence \"{bad}\""),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let id = Uuid::now_v7();
        let stored = StoredAction {
            id,
            person_id: person.0,
            title: title.to_owned(),
            kind: kind.map_or("other", ActionKind::as_str).to_owned(),
            competences: competences.join(" "),
            due_on: due,
            status: ActionStatus::Planned.as_str().to_owned(),
        };
        store::insert_action(&mut tx, actor.org, &stored, Utc::now()).await?;
        tx.commit().await?;
        Ok(ActionId(id))
    }

    #[tracing::instrument(skip_all)]
    pub async fn set_action_status(
        &self,
        actor: &Actor,
        person: PersonId,
        id: ActionId,
        status: &str,
    ) -> Result<()> {
        let status = ActionStatus::parse(status)
            .ok_or_else(|| AppError::from(Invalid::new("status", "status", "choose a status")))?;
        let mut tx = self.db.write().await?;
        person_access::access(&mut tx, actor, person)
            .await?
            .require_develop()?;
        if !store::set_status(&mut tx, actor.org, person, id.0, status.as_str(), Utc::now()).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}

fn placement(grid: &Grid, now: Cell, target: Option<Cell>) -> Placement {
    Placement {
        id: Uuid::now_v7(),
        grid_key: grid.id.clone(),
        now_column: now.column as i64,
        now_row: now.row as i64,
        target_column: target.map(|t| t.column as i64),
        target_row: target.map(|t| t.row as i64),
        created_at: Utc::now(),
    }
}
