//! The leadership checks page: where the three relationships pull apart today, with names.

use crate::{Actor, AppError, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::ids::{PersonId, TeamId};
use mognad_domain::leadership::{self, Relationships};
use mognad_domain::role::Role;
use mognad_store::{people, relationships, teams};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// The span of control a supervisor is expected to have unless the caller says otherwise.
pub const DEFAULT_SPAN: (usize, usize) = (2, 10);

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MismatchView {
    pub team_id: TeamId,
    pub team: String,
    pub lead: PersonRef,
    pub member: PersonRef,
    pub supervisor: Option<PersonRef>,
    /// The member's supervisor and the lead supervise one another, share a team or mentor one
    /// another.
    pub supervisor_in_contact: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SpanView {
    pub person: PersonRef,
    pub direct_reports: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChecksView {
    pub day: NaiveDate,
    pub span_min: usize,
    pub span_max: usize,
    pub cycles: Vec<Vec<PersonRef>>,
    pub without_supervisor: Vec<PersonRef>,
    pub supervisors_without_team: Vec<PersonRef>,
    pub lead_mismatches: Vec<MismatchView>,
    pub without_mentor: Vec<PersonRef>,
    pub span_outside: Vec<SpanView>,
}

impl super::Org<'_> {
    /// Runs the leadership checks for today, expecting spans of control within `span`.
    #[tracing::instrument(skip_all)]
    pub async fn leadership_checks(&self, actor: &Actor, span: (usize, usize)) -> Result<ChecksView> {
        actor.require(Role::Member)?;
        if span.0 > span.1 {
            return Err(AppError::invalid(
                "span",
                "span-order",
                "the smallest span is above the largest",
            ));
        }
        let mut tx = self.db.read().await?;
        let everyone = people::all(&mut tx, actor.org).await?;
        let sup = relationships::supervisions(&mut tx, actor.org).await?;
        let men = relationships::mentorships(&mut tx, actor.org).await?;
        let tm = relationships::team_memberships(&mut tx, actor.org).await?;
        let team_names: HashMap<Uuid, String> = teams::list(&mut tx, actor.org)
            .await?
            .into_iter()
            .map(|t| (t.id.0, t.name.to_string()))
            .collect();
        tx.rollback().await?;
        let names: HashMap<PersonId, String> = everyone.iter().map(|p| (p.id, p.name.to_string())).collect();
        let person = |id: PersonId| PersonRef {
            id,
            name: names.get(&id).cloned().unwrap_or_default(),
        };
        let ids: Vec<PersonId> = everyone.iter().map(|p| p.id).collect();
        let day = Utc::now().date_naive();
        let f = leadership::check(
            &Relationships {
                people: &ids,
                supervisions: &sup,
                mentorships: &men,
                teams: &tm,
            },
            day,
            span,
        );
        let by_name = |mut v: Vec<PersonRef>| {
            v.sort_by(|a, b| a.name.cmp(&b.name));
            v
        };
        Ok(ChecksView {
            day,
            span_min: span.0,
            span_max: span.1,
            cycles: f
                .cycles
                .into_iter()
                .map(|c| c.into_iter().map(person).collect())
                .collect(),
            without_supervisor: by_name(f.without_supervisor.into_iter().map(person).collect()),
            supervisors_without_team: by_name(f.supervisors_without_team.into_iter().map(person).collect()),
            lead_mismatches: f
                .lead_mismatches
                .into_iter()
                .map(|m| MismatchView {
                    team_id: m.team,
                    team: team_names.get(&m.team.0).cloned().unwrap_or_default(),
                    lead: person(m.lead),
                    member: person(m.member),
                    supervisor: m.supervisor.map(person),
                    supervisor_in_contact: m.supervisor_in_contact,
                })
                .collect(),
            without_mentor: by_name(f.without_mentor.into_iter().map(person).collect()),
            span_outside: f
                .span_outside
                .into_iter()
                .map(|(p, n)| SpanView {
                    person: person(p),
                    direct_reports: n,
                })
                .collect(),
        })
    }
}
