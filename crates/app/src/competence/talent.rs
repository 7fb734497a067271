//! The talent overview of a unit (with its sub-units) or a team: everyone the reader may see
//! on each positioning grid (the quadrants and the 9-box), where they aim and since when, and
//! their development plans with the late actions named. The same visibility as the
//! competence map: HR and admins everyone, others themselves, their subordinates and
//! consenting protégés.

use crate::competence::team_map::{Scope, scope_members, visible_people};
use crate::{Actor, Result};
use chrono::Utc;
use mognad_domain::competence::grid::{Cell, Grid};
use mognad_domain::competence::plan::{ActionStatus, progress};
use mognad_domain::competence::talent::{Placed, Standing, standing};
use mognad_domain::ids::PersonId;
use mognad_domain::role::Role;
use mognad_store::{assessments, development, people};
use std::collections::HashMap;
use uuid::Uuid;

/// One person on one grid.
#[derive(Debug, Clone)]
pub struct OnGrid {
    pub person: PersonId,
    pub name: String,
    pub standing: Standing,
}

#[derive(Debug, Clone)]
pub struct GridOverview {
    pub grid: Grid,
    /// Placed people, by name.
    pub placed: Vec<OnGrid>,
    /// Shown people not placed on this grid yet.
    pub unplaced: usize,
}

/// One person's plan as the overview shows it.
#[derive(Debug, Clone)]
pub struct PlanRow {
    pub person: PersonId,
    pub name: String,
    /// Actions planned or started.
    pub open: usize,
    /// Open actions past their due date: (title, due).
    pub late: Vec<(String, chrono::NaiveDate)>,
    pub progress: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct Talent {
    pub name: String,
    pub grids: Vec<GridOverview>,
    /// People with a plan, those with late actions first.
    pub plans: Vec<PlanRow>,
    pub shown: usize,
    pub hidden: usize,
}

impl super::Competence<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn talent(&self, actor: &Actor, scope: Scope) -> Result<Talent> {
        actor.require(Role::Member)?;
        let today = Utc::now().date_naive();
        let mut tx = self.db.read().await?;
        let all = people::all(&mut tx, actor.org).await?;
        let (name, members) = scope_members(&mut tx, actor.org, scope, &all, today).await?;
        let profiles = assessments::profiles(&mut tx, actor.org).await?;
        let visible = visible_people(&mut tx, actor, &profiles, today).await?;
        let placements = development::people_placements(&mut tx, actor.org).await?;
        let actions = development::all_actions(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let shown: Vec<_> = all
            .iter()
            .filter(|p| members.contains(&p.id.0))
            .filter(|p| visible.as_ref().is_none_or(|v| v.contains(&p.id.0)))
            .collect();
        let grids = Grid::shipped()
            .into_iter()
            .map(|g| {
                let mut by_person: HashMap<Uuid, Vec<Placed>> = HashMap::new();
                for (person, p) in placements.iter().filter(|(_, p)| p.grid_key == g.id) {
                    let cell = |c: i64, r: i64| Cell {
                        column: c.max(0) as usize,
                        row: r.max(0) as usize,
                    };
                    by_person.entry(*person).or_default().push(Placed {
                        now: cell(p.now_column, p.now_row),
                        target: p.target_column.zip(p.target_row).map(|(c, r)| cell(c, r)),
                        at: p.created_at,
                    });
                }
                let placed: Vec<OnGrid> = shown
                    .iter()
                    .filter_map(|p| {
                        Some(OnGrid {
                            person: p.id,
                            name: p.name.to_string(),
                            standing: standing(by_person.get(&p.id.0)?)?,
                        })
                    })
                    .collect();
                GridOverview {
                    unplaced: shown.len() - placed.len(),
                    grid: g,
                    placed,
                }
            })
            .collect();
        let mut plans: Vec<PlanRow> = shown
            .iter()
            .filter_map(|p| {
                let mine: Vec<_> = actions
                    .iter()
                    .filter(|a| a.person_id == p.id.0)
                    .filter_map(|a| {
                        Some(mognad_domain::competence::plan::Action {
                            title: a.title.clone(),
                            kind: mognad_domain::competence::plan::ActionKind::parse(&a.kind)?,
                            competences: Vec::new(),
                            due: a.due_on,
                            status: ActionStatus::parse(&a.status)?,
                        })
                    })
                    .collect();
                if mine.is_empty() {
                    return None;
                }
                Some(PlanRow {
                    person: p.id,
                    name: p.name.to_string(),
                    open: mine
                        .iter()
                        .filter(|a| matches!(a.status, ActionStatus::Planned | ActionStatus::Started))
                        .count(),
                    late: mine
                        .iter()
                        .filter(|a| a.is_overdue(today))
                        .filter_map(|a| Some((a.title.clone(), a.due?)))
                        .collect(),
                    progress: progress(&mine),
                })
            })
            .collect();
        plans.sort_by(|a, b| b.late.len().cmp(&a.late.len()).then_with(|| a.name.cmp(&b.name)));
        Ok(Talent {
            name,
            grids,
            plans,
            shown: shown.len(),
            hidden: members.len() - shown.len(),
        })
    }
}

impl super::Competence<'_> {
    /// Late development actions of the people the reader may see, counted by each person's
    /// own unit, for the organisation's start page.
    #[tracing::instrument(skip_all)]
    pub async fn late_actions_by_unit(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(mognad_domain::ids::UnitId, usize)>> {
        actor.require(Role::Member)?;
        let today = Utc::now().date_naive();
        let mut tx = self.db.read().await?;
        let all = people::all(&mut tx, actor.org).await?;
        let profiles = assessments::profiles(&mut tx, actor.org).await?;
        let visible = visible_people(&mut tx, actor, &profiles, today).await?;
        let actions = development::all_actions(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let unit_of: HashMap<Uuid, mognad_domain::ids::UnitId> = all
            .iter()
            .filter(|p| visible.as_ref().is_none_or(|v| v.contains(&p.id.0)))
            .filter_map(|p| Some((p.id.0, p.unit_id?)))
            .collect();
        let mut counts: HashMap<mognad_domain::ids::UnitId, usize> = HashMap::new();
        for a in &actions {
            let open = matches!(
                ActionStatus::parse(&a.status),
                Some(ActionStatus::Planned | ActionStatus::Started)
            );
            if open
                && a.due_on.is_some_and(|d| d < today)
                && let Some(u) = unit_of.get(&a.person_id)
            {
                *counts.entry(*u).or_default() += 1;
            }
        }
        let mut out: Vec<_> = counts.into_iter().collect();
        out.sort_by_key(|(u, _)| u.0);
        Ok(out)
    }
}
