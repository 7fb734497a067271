//! Units, people, leadership groups and teams as the organisation describes itself.

use crate::ids::{GroupId, OrgId, PersonId, TeamId, UnitId};
use crate::text::{Email, Name};
use serde::{Deserialize, Serialize};

/// A node of the organisation tree (förvaltning, avdelning, enhet, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub org_id: OrgId,
    pub parent_id: Option<UnitId>,
    pub name: Name,
    /// The organisation's own word for this level, e.g. "förvaltning".
    pub kind: Option<Name>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub org_id: OrgId,
    pub name: Name,
    pub email: Option<Email>,
    pub unit_id: Option<UnitId>,
    pub title: Option<Name>,
}

/// A leadership group (ledningsgrupp): a named set of people attached to a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadershipGroup {
    pub id: GroupId,
    pub org_id: OrgId,
    pub unit_id: Option<UnitId>,
    pub name: Name,
}

/// A team; who leads it and who is in it are dated memberships (see `relationship`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub org_id: OrgId,
    pub unit_id: Option<UnitId>,
    pub name: Name,
}
