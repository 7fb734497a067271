//! The competence heatmap of a unit (with the units below it) or a team: people × competences
//! of combined levels, with coverage risks. Rows follow the visibility rules: HR and admins see
//! everyone, others only themselves, the people they supervise and protégés who allow it; the
//! risks are computed over the rows shown so they reveal nothing about hidden people.

use crate::competence::person_access;
use crate::{Actor, AppError, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::competence::Framework;
use mognad_domain::competence::team::{Matrix, Risk, own_required, team_required};
use mognad_domain::ids::{FrameworkId, OrgId, PersonId, TeamId, UnitId};
use mognad_domain::people::Person;
use mognad_domain::role::Role;
use mognad_store::{Tx, assessments, people, relationships, teams, units};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Unit(UnitId),
    Team(TeamId),
}

#[derive(Debug, Clone)]
pub struct TeamView {
    pub name: String,
    pub framework_id: FrameworkId,
    pub framework: Framework,
    /// People ids in the order of the matrix rows.
    pub people: Vec<PersonId>,
    pub matrix: Matrix,
    pub risks: Vec<Risk>,
    /// People of the scope the reader may not see.
    pub hidden: usize,
}

impl super::Competence<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn team_competence(
        &self,
        actor: &Actor,
        scope: Scope,
        framework: Option<FrameworkId>,
    ) -> Result<TeamView> {
        actor.require(Role::Member)?;
        let framework_id = match framework {
            Some(f) => f,
            None => self.default_framework(actor).await?,
        };
        let framework = self.framework(actor, framework_id).await?;
        let day = Utc::now().date_naive();
        let mut tx = self.db.read().await?;
        let all = people::all(&mut tx, actor.org).await?;
        let (name, members) = scope_members(&mut tx, actor.org, scope, &all, day).await?;
        let profiles = assessments::profiles(&mut tx, actor.org).await?;
        let visible = visible_people(&mut tx, actor, &profiles, day).await?;
        let levels = assessments::levels(&mut tx, actor.org, framework_id.0).await?;
        tx.rollback().await?;

        let rows: Vec<_> = all
            .iter()
            .filter(|p| members.contains(&p.id.0))
            .filter(|p| visible.as_ref().is_none_or(|v| v.contains(&p.id.0)))
            .collect();
        let competences: Vec<String> = framework
            .areas
            .iter()
            .flat_map(|a| &a.competences)
            .map(|c| c.id.clone())
            .collect();
        let column: HashMap<&str, usize> = competences
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let row_of: HashMap<Uuid, usize> = rows.iter().enumerate().map(|(i, p)| (p.id.0, i)).collect();
        let mut grid = vec![vec![None; competences.len()]; rows.len()];
        for (person, by_competence) in levels {
            let Some(&r) = row_of.get(&person) else { continue };
            for (competence, level) in by_competence {
                if let Some(&c) = column.get(competence.as_str()) {
                    grid[r][c] = Some(level as f32);
                }
            }
        }
        let role_of: HashMap<Uuid, &str> = profiles
            .iter()
            .filter(|p| p.framework_id.is_none_or(|f| f == framework_id.0))
            .filter_map(|p| Some((p.person_id, p.role_key.as_deref()?)))
            .collect();
        let role_rows: Vec<Option<&[(String, u8)]>> = rows
            .iter()
            .map(|p| {
                let key = role_of.get(&p.id.0)?;
                framework
                    .roles
                    .iter()
                    .find(|r| r.id == *key)
                    .map(|r| r.requires.as_slice())
            })
            .collect();
        let roles: Vec<&[(String, u8)]> = role_rows.iter().flatten().copied().collect();
        let own = role_rows.iter().map(|r| own_required(&competences, *r)).collect();
        let matrix = Matrix {
            required: team_required(&competences, &roles),
            own,
            competences,
            people: rows.iter().map(|p| p.name.to_string()).collect(),
            levels: grid,
        };
        Ok(TeamView {
            name,
            framework_id,
            framework,
            people: rows.iter().map(|p| p.id).collect(),
            risks: matrix.risks(),
            hidden: members.len() - rows.len(),
            matrix,
        })
    }
}

/// The name of a unit (with its sub-units) or a team, and the people in it on `day`.
pub(crate) async fn scope_members(
    tx: &mut Tx,
    org: OrgId,
    scope: Scope,
    all: &[Person],
    day: NaiveDate,
) -> Result<(String, HashSet<Uuid>)> {
    Ok(match scope {
        Scope::Unit(u) => {
            let unit = units::get(tx, org, u).await?.ok_or(AppError::NotFound)?;
            let parents = units::parents(tx, org).await?;
            let inside = |mut at: Option<UnitId>| {
                while let Some(x) = at {
                    if x == u {
                        return true;
                    }
                    at = parents.get(&x).copied().flatten();
                }
                false
            };
            let ids = all.iter().filter(|p| inside(p.unit_id)).map(|p| p.id.0).collect();
            (unit.name.to_string(), ids)
        }
        Scope::Team(t) => {
            let team = teams::get(tx, org, t).await?.ok_or(AppError::NotFound)?;
            let ids = relationships::team_memberships(tx, org)
                .await?
                .into_iter()
                .filter(|m| m.team_id == t && m.period.contains(day))
                .map(|m| m.person_id.0)
                .collect();
            (team.name.to_string(), ids)
        }
    })
}

/// Whose competence rows `actor` may see: everyone (None) for HR and admins, else themselves,
/// the people they supervise and protégés who allow it.
pub(crate) async fn visible_people(
    tx: &mut Tx,
    actor: &Actor,
    profiles: &[assessments::Profile],
    day: NaiveDate,
) -> Result<Option<HashSet<Uuid>>> {
    Ok(if actor.role.at_least(Role::Hr) {
        None
    } else {
        let mut seen = HashSet::new();
        if let Some(me) = person_access::me(tx, actor).await? {
            seen.insert(me.id.0);
            seen.extend(relationships::current_subordinates(tx, actor.org, me.id, day).await?);
            let consenting: HashSet<Uuid> = profiles
                .iter()
                .filter(|p| p.mentor_may_see)
                .map(|p| p.person_id)
                .collect();
            for m in relationships::mentorships(tx, actor.org).await? {
                if m.mentor_id == me.id && m.period.contains(day) && consenting.contains(&m.protege_id.0) {
                    seen.insert(m.protege_id.0);
                }
            }
        }
        Some(seen)
    })
}
