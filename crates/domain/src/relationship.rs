//! The three leadership relationships and the rules that keep them sound.
//!
//! Supervision (supervisor → subordinate), team membership (lead or member of a team) and
//! mentoring (mentor → protégé) are independent records, each valid over a dated period, so the
//! history is kept and any combination of roles can be expressed.

use crate::DomainError;
use crate::ids::{MentorshipId, OrgId, PersonId, SupervisionId, TeamId, TeamMembershipId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A validity period; `to` is the last day it holds, `None` means open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Result<Self, DomainError> {
        match to {
            Some(to) if to < from => Err(DomainError::PeriodOrder {
                from: from.to_string(),
                to: to.to_string(),
            }),
            _ => Ok(Self { from, to }),
        }
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        let ends_after = |p: &Period, day: NaiveDate| p.to.is_none_or(|to| to >= day);
        ends_after(self, other.from) && ends_after(other, self.from)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervision {
    pub id: SupervisionId,
    pub org_id: OrgId,
    pub supervisor_id: PersonId,
    pub subordinate_id: PersonId,
    /// The line manager; a person may also have secondary (e.g. matrix) supervisors.
    pub primary: bool,
    pub period: Period,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentorship {
    pub id: MentorshipId,
    pub org_id: OrgId,
    pub mentor_id: PersonId,
    pub protege_id: PersonId,
    pub period: Period,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TeamRole {
    Lead,
    Member,
}

impl TeamRole {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_lowercase().as_str() {
            "lead" => Ok(TeamRole::Lead),
            "member" => Ok(TeamRole::Member),
            _ => Err(DomainError::Role {
                value: raw.to_owned(),
            }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Lead => "lead",
            TeamRole::Member => "member",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMembership {
    pub id: TeamMembershipId,
    pub org_id: OrgId,
    pub team_id: TeamId,
    pub person_id: PersonId,
    pub role: TeamRole,
    pub period: Period,
}

/// Checks a new or changed supervision against the organisation's other supervisions.
///
/// Rejects self-supervision, a duplicate pair, a second primary supervisor in an overlapping
/// period, and any cycle among the supervisions that overlap the new one's period.
pub fn check_supervision(new: &Supervision, existing: &[Supervision]) -> Result<(), DomainError> {
    if new.supervisor_id == new.subordinate_id {
        return Err(DomainError::SelfRelation);
    }
    let overlapping: Vec<&Supervision> = existing
        .iter()
        .filter(|s| s.id != new.id && s.period.overlaps(&new.period))
        .collect();
    if overlapping
        .iter()
        .any(|s| s.supervisor_id == new.supervisor_id && s.subordinate_id == new.subordinate_id)
    {
        return Err(DomainError::DuplicateRelation);
    }
    if new.primary
        && overlapping
            .iter()
            .any(|s| s.primary && s.subordinate_id == new.subordinate_id)
    {
        return Err(DomainError::SecondPrimarySupervisor);
    }
    // A cycle appears when the supervisor is already (indirectly) under the new subordinate.
    let mut below: HashMap<PersonId, Vec<PersonId>> = HashMap::new();
    for s in &overlapping {
        below.entry(s.supervisor_id).or_default().push(s.subordinate_id);
    }
    let mut seen = HashSet::new();
    let mut stack = vec![new.subordinate_id];
    while let Some(p) = stack.pop() {
        if p == new.supervisor_id {
            return Err(DomainError::SupervisionCycle);
        }
        if seen.insert(p) {
            stack.extend(below.get(&p).into_iter().flatten().copied());
        }
    }
    Ok(())
}

/// Checks a new or changed mentorship: no self-mentoring and no duplicate pair in one period.
/// Mutual mentoring (A mentors B, B mentors A) is allowed: it is how peer mentoring works.
pub fn check_mentorship(new: &Mentorship, existing: &[Mentorship]) -> Result<(), DomainError> {
    if new.mentor_id == new.protege_id {
        return Err(DomainError::SelfRelation);
    }
    let duplicate = existing.iter().any(|m| {
        m.id != new.id
            && m.mentor_id == new.mentor_id
            && m.protege_id == new.protege_id
            && m.period.overlaps(&new.period)
    });
    if duplicate {
        return Err(DomainError::DuplicateRelation);
    }
    Ok(())
}

/// Checks a new or changed team membership against the team's other memberships: a person is
/// in a team once at a time, and a team has at most one lead at a time.
pub fn check_team_membership(
    new: &TeamMembership,
    team_members: &[TeamMembership],
) -> Result<(), DomainError> {
    let overlapping = team_members
        .iter()
        .filter(|m| m.id != new.id && m.team_id == new.team_id && m.period.overlaps(&new.period));
    for m in overlapping {
        if m.person_id == new.person_id {
            return Err(DomainError::DuplicateRelation);
        }
        if new.role == TeamRole::Lead && m.role == TeamRole::Lead {
            return Err(DomainError::SecondTeamLead);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn open(from: &str) -> Period {
        Period::new(day(from), None).unwrap()
    }

    fn sup(boss: PersonId, sub: PersonId, primary: bool, period: Period) -> Supervision {
        Supervision {
            id: SupervisionId::new(),
            org_id: OrgId(uuid::Uuid::nil()),
            supervisor_id: boss,
            subordinate_id: sub,
            primary,
            period,
        }
    }

    #[test]
    fn periods_overlap_inclusively() {
        let a = Period::new(day("2026-01-01"), Some(day("2026-03-31"))).unwrap();
        let b = Period::new(day("2026-03-31"), None).unwrap();
        let c = Period::new(day("2026-04-01"), None).unwrap();
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c) && !c.overlaps(&a));
        assert!(b.overlaps(&c));
        assert!(a.contains(day("2026-03-31")) && !a.contains(day("2026-04-01")));
        assert!(Period::new(day("2026-02-01"), Some(day("2026-01-01"))).is_err());
    }

    #[test]
    fn one_primary_supervisor_at_a_time() {
        let (a, b, c) = (PersonId::new(), PersonId::new(), PersonId::new());
        let existing = vec![sup(a, c, true, open("2025-01-01"))];
        assert_eq!(
            check_supervision(&sup(b, c, true, open("2026-01-01")), &existing),
            Err(DomainError::SecondPrimarySupervisor)
        );
        // A secondary supervisor is fine, and so is a primary one after the first ended.
        assert!(check_supervision(&sup(b, c, false, open("2026-01-01")), &existing).is_ok());
        let ended = vec![sup(
            a,
            c,
            true,
            Period::new(day("2025-01-01"), Some(day("2025-12-31"))).unwrap(),
        )];
        assert!(check_supervision(&sup(b, c, true, open("2026-01-01")), &ended).is_ok());
    }

    #[test]
    fn supervision_cycles_and_self_are_rejected() {
        let (a, b, c) = (PersonId::new(), PersonId::new(), PersonId::new());
        let p = open("2026-01-01");
        let existing = vec![sup(a, b, true, p), sup(b, c, true, p)];
        assert_eq!(
            check_supervision(&sup(c, a, true, p), &existing),
            Err(DomainError::SupervisionCycle)
        );
        assert_eq!(
            check_supervision(&sup(a, a, true, p), &[]),
            Err(DomainError::SelfRelation)
        );
        assert_eq!(
            check_supervision(&sup(a, b, false, p), &existing),
            Err(DomainError::DuplicateRelation)
        );
        // Updating the record itself is not a duplicate of itself.
        assert!(check_supervision(&existing[0], &existing).is_ok());
    }

    #[test]
    fn mentoring_may_cross_but_not_repeat() {
        let (a, b) = (PersonId::new(), PersonId::new());
        let m = |mentor, protege| Mentorship {
            id: MentorshipId::new(),
            org_id: OrgId(uuid::Uuid::nil()),
            mentor_id: mentor,
            protege_id: protege,
            period: open("2026-01-01"),
        };
        let existing = vec![m(a, b)];
        assert!(check_mentorship(&m(b, a), &existing).is_ok());
        assert_eq!(
            check_mentorship(&m(a, b), &existing),
            Err(DomainError::DuplicateRelation)
        );
        assert_eq!(check_mentorship(&m(a, a), &[]), Err(DomainError::SelfRelation));
    }

    #[test]
    fn a_team_has_one_lead_at_a_time() {
        let team = TeamId::new();
        let tm = |person, role| TeamMembership {
            id: TeamMembershipId::new(),
            org_id: OrgId(uuid::Uuid::nil()),
            team_id: team,
            person_id: person,
            role,
            period: open("2026-01-01"),
        };
        let (a, b, c) = (PersonId::new(), PersonId::new(), PersonId::new());
        let existing = vec![tm(a, TeamRole::Lead), tm(b, TeamRole::Member)];
        assert_eq!(
            check_team_membership(&tm(c, TeamRole::Lead), &existing),
            Err(DomainError::SecondTeamLead)
        );
        assert!(check_team_membership(&tm(c, TeamRole::Member), &existing).is_ok());
        assert_eq!(
            check_team_membership(&tm(b, TeamRole::Member), &existing),
            Err(DomainError::DuplicateRelation)
        );
    }
}
