//! The org chart of a unit (with the units below it) or of the whole organisation: who
//! supervises whom today, drawn as a tree, with team leadership (named by its team) and
//! mentoring as links across it, and each person's unit.

use crate::org::checks::PersonRef;
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::{PersonId, UnitId};
use mognad_domain::relationship::TeamRole;
use mognad_domain::role::Role;
use mognad_store::{orgs, people, relationships, teams, units};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One person in the chart, in drawing order.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChartRow {
    pub person: PersonRef,
    pub title: Option<String>,
    /// The person's unit, if any.
    pub unit: Option<String>,
    /// Steps below the top of the chart along primary supervision.
    pub depth: usize,
    /// The row of the person's supervisor in this chart, if shown.
    pub supervisor_row: Option<usize>,
}

/// A current team membership whose lead and member are both in the chart.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TeamLink {
    pub lead: usize,
    pub member: usize,
    pub team: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OrgChart {
    /// The unit charted, or the organisation's name for the whole organisation.
    pub unit: String,
    /// Whether the chart is of the whole organisation, people without a unit included.
    pub whole: bool,
    pub rows: Vec<ChartRow>,
    /// Every current team membership under a lead in the chart, with the team's name.
    pub team_links: Vec<TeamLink>,
    /// (mentor row, protégé row).
    pub mentor_links: Vec<(usize, usize)>,
}

impl super::Org<'_> {
    /// The chart of the people in `unit` and the units below it.
    #[tracing::instrument(skip_all)]
    pub async fn org_chart(&self, actor: &Actor, unit: UnitId) -> Result<OrgChart> {
        self.chart(actor, Some(unit)).await
    }

    /// The chart of everyone in the organisation, across units and without one.
    #[tracing::instrument(skip_all)]
    pub async fn whole_org_chart(&self, actor: &Actor) -> Result<OrgChart> {
        self.chart(actor, None).await
    }

    async fn chart(&self, actor: &Actor, unit: Option<UnitId>) -> Result<OrgChart> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let all_units = units::list(&mut tx, actor.org).await?;
        let (title, inside) = match unit {
            Some(unit) => {
                let top = all_units
                    .iter()
                    .find(|u| u.id.0 == unit.0)
                    .ok_or(AppError::NotFound)?;
                (top.name.to_string(), Some(below(&all_units, top.id)))
            }
            None => {
                let org = orgs::get(&mut tx, actor.org).await?.ok_or(AppError::NotFound)?;
                (org.settings.name.to_string(), None)
            }
        };
        let everyone = people::all(&mut tx, actor.org).await?;
        let sup = relationships::supervisions(&mut tx, actor.org).await?;
        let men = relationships::mentorships(&mut tx, actor.org).await?;
        let tm = relationships::team_memberships(&mut tx, actor.org).await?;
        let team_names: HashMap<_, _> = teams::list(&mut tx, actor.org)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name.to_string()))
            .collect();
        tx.rollback().await?;
        let unit_names: HashMap<UnitId, String> =
            all_units.iter().map(|u| (u.id, u.name.to_string())).collect();
        let day = Utc::now().date_naive();
        let shown: Vec<_> = everyone
            .iter()
            .filter(|p| match &inside {
                Some(units) => p.unit_id.is_some_and(|u| units.contains(&u)),
                None => true,
            })
            .collect();
        let ids: HashSet<PersonId> = shown.iter().map(|p| p.id).collect();
        let boss: HashMap<PersonId, PersonId> = sup
            .iter()
            .filter(|s| {
                s.primary
                    && s.period.contains(day)
                    && ids.contains(&s.subordinate_id)
                    && ids.contains(&s.supervisor_id)
            })
            .map(|s| (s.subordinate_id, s.supervisor_id))
            .collect();
        let mut children: BTreeMap<PersonId, Vec<PersonId>> = BTreeMap::new();
        for (sub, b) in &boss {
            children.entry(*b).or_default().push(*sub);
        }
        let by_id: HashMap<PersonId, _> = shown.iter().map(|p| (p.id, *p)).collect();
        for list in children.values_mut() {
            list.sort_by(|a, b| by_id[a].name.as_str().cmp(by_id[b].name.as_str()));
        }
        // Depth-first from everyone without a supervisor in the chart, by name; then from
        // whoever is still not drawn, so people in a supervision cycle (which the leadership
        // checks report) are shown too, at the top of their cycle.
        let mut by_name: Vec<PersonId> = shown.iter().map(|p| p.id).collect();
        by_name.sort_by(|a, b| by_id[a].name.as_str().cmp(by_id[b].name.as_str()));
        let starts = by_name
            .iter()
            .filter(|p| !boss.contains_key(p))
            .chain(by_name.iter().filter(|p| boss.contains_key(p)));
        let mut rows: Vec<ChartRow> = Vec::new();
        let mut row_of: HashMap<PersonId, usize> = HashMap::new();
        for start in starts {
            let mut stack: Vec<(PersonId, usize, Option<usize>)> = vec![(*start, 0, None)];
            while let Some((p, depth, parent_row)) = stack.pop() {
                if row_of.contains_key(&p) {
                    continue;
                }
                row_of.insert(p, rows.len());
                let person = by_id[&p];
                rows.push(ChartRow {
                    person: PersonRef {
                        id: p,
                        name: person.name.to_string(),
                    },
                    title: person.title.as_ref().map(|t| t.to_string()),
                    unit: person.unit_id.and_then(|u| unit_names.get(&u).cloned()),
                    depth,
                    supervisor_row: parent_row,
                });
                let me = rows.len() - 1;
                for c in children.get(&p).into_iter().flatten().rev() {
                    stack.push((*c, depth + 1, Some(me)));
                }
            }
        }
        let leads: HashMap<_, _> = tm
            .iter()
            .filter(|t| t.role == TeamRole::Lead && t.period.contains(day))
            .map(|t| (t.team_id, t.person_id))
            .collect();
        let team_links = tm
            .iter()
            .filter(|t| t.role == TeamRole::Member && t.period.contains(day))
            .filter_map(|t| {
                Some(TeamLink {
                    lead: *row_of.get(leads.get(&t.team_id)?)?,
                    member: *row_of.get(&t.person_id)?,
                    team: team_names.get(&t.team_id).cloned().unwrap_or_default(),
                })
            })
            .filter(|l| l.lead != l.member)
            .collect();
        let mentor_links = men
            .iter()
            .filter(|m| m.period.contains(day))
            .filter_map(|m| Some((*row_of.get(&m.mentor_id)?, *row_of.get(&m.protege_id)?)))
            .collect();
        Ok(OrgChart {
            unit: title,
            whole: unit.is_none(),
            rows,
            team_links,
            mentor_links,
        })
    }
}

/// `top` and the units below it, to any depth.
fn below(all: &[mognad_domain::people::Unit], top: UnitId) -> HashSet<UnitId> {
    let mut inside = HashSet::from([top]);
    // Parents are listed in any order, so repeat until stable.
    loop {
        let before = inside.len();
        for u in all {
            if u.parent_id.is_some_and(|p| inside.contains(&p)) {
                inside.insert(u.id);
            }
        }
        if inside.len() == before {
            return inside;
        }
    }
}
