//! What use cases hand out: plain, serialisable views of domain records, documented for the
//! OpenAPI description. They are also the records of the export format, so change them with care.

use mognad_domain::ids::{GroupId, OrgId, PersonId, RelationshipId, TeamId, UnitId};
use mognad_domain::org::Organisation;
use mognad_domain::people::{LeadershipGroup, Person, Team, Unit};
use mognad_domain::relationship::{Mentorship, Supervision, TeamMembership};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrgView {
    pub id: OrgId,
    pub name: String,
    /// `sv` or `en`.
    pub language: String,
    /// Smallest group whose results are shown (3–10).
    pub anonymity_threshold: i64,
}

impl From<&Organisation> for OrgView {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id,
            name: o.settings.name.to_string(),
            language: o.settings.language.code().into(),
            anonymity_threshold: o.settings.anonymity_threshold.get(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnitView {
    pub id: UnitId,
    pub parent_id: Option<UnitId>,
    pub name: String,
    pub kind: Option<String>,
}

impl From<&Unit> for UnitView {
    fn from(u: &Unit) -> Self {
        Self {
            id: u.id,
            parent_id: u.parent_id.map(|p| p.0).map(UnitId),
            name: u.name.to_string(),
            kind: u.kind.as_ref().map(ToString::to_string),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonView {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub unit_id: Option<UnitId>,
    pub title: Option<String>,
}

impl From<&Person> for PersonView {
    fn from(p: &Person) -> Self {
        Self {
            id: p.id,
            name: p.name.to_string(),
            email: p.email.as_ref().map(ToString::to_string),
            unit_id: p.unit_id.map(|u| u.0).map(UnitId),
            title: p.title.as_ref().map(ToString::to_string),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GroupView {
    pub id: GroupId,
    pub name: String,
    pub unit_id: Option<UnitId>,
    pub member_ids: Vec<PersonId>,
}

impl GroupView {
    pub fn new(g: &LeadershipGroup, members: Vec<PersonId>) -> Self {
        Self {
            id: g.id,
            name: g.name.to_string(),
            unit_id: g.unit_id.map(|u| u.0).map(UnitId),
            member_ids: members,
        }
    }

    /// The group with the people `pairs` (group, person) place in it.
    pub fn from_pairs(g: &LeadershipGroup, pairs: &[(GroupId, PersonId)]) -> Self {
        let members = pairs
            .iter()
            .filter(|(gid, _)| *gid == g.id)
            .map(|(_, p)| *p)
            .collect();
        Self::new(g, members)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TeamView {
    pub id: TeamId,
    pub name: String,
    pub unit_id: Option<UnitId>,
}

impl From<&Team> for TeamView {
    fn from(t: &Team) -> Self {
        Self {
            id: t.id,
            name: t.name.to_string(),
            unit_id: t.unit_id.map(|u| u.0).map(UnitId),
        }
    }
}

/// One relationship record of any of the three kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RelationshipView {
    pub id: RelationshipId,
    /// `supervision`, `mentorship` or `team`.
    pub kind: String,
    /// Supervisor, mentor, or the team member.
    pub from_id: Uuid,
    /// Subordinate or protégé; for `team`, the team.
    pub to_id: Uuid,
    /// `primary`/`secondary` for supervision, `lead`/`member` for team, empty for mentorship.
    pub role: String,
    pub valid_from: chrono::NaiveDate,
    pub valid_to: Option<chrono::NaiveDate>,
}

impl From<&Supervision> for RelationshipView {
    fn from(s: &Supervision) -> Self {
        Self {
            id: RelationshipId(s.id.0),
            kind: "supervision".into(),
            from_id: s.supervisor_id.0,
            to_id: s.subordinate_id.0,
            role: if s.primary { "primary" } else { "secondary" }.into(),
            valid_from: s.period.from,
            valid_to: s.period.to,
        }
    }
}

impl From<&Mentorship> for RelationshipView {
    fn from(m: &Mentorship) -> Self {
        Self {
            id: RelationshipId(m.id.0),
            kind: "mentorship".into(),
            from_id: m.mentor_id.0,
            to_id: m.protege_id.0,
            role: String::new(),
            valid_from: m.period.from,
            valid_to: m.period.to,
        }
    }
}

impl From<&TeamMembership> for RelationshipView {
    fn from(m: &TeamMembership) -> Self {
        Self {
            id: RelationshipId(m.id.0),
            kind: "team".into(),
            from_id: m.person_id.0,
            to_id: m.team_id.0,
            role: m.role.as_str().into(),
            valid_from: m.period.from,
            valid_to: m.period.to,
        }
    }
}
