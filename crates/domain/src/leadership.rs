//! Checks over the three leadership relationships on a given day: supervision cycles, people
//! without a supervisor or a mentor, supervisors who lead no team, teams whose lead is not the
//! members' supervisor (and whether that supervisor and the lead are in touch), and spans of
//! control outside a chosen range.
//!
//! The relationships are independent by design; these checks show where they pull apart, so
//! an organisation can decide whether that is intended.

use crate::ids::{PersonId, TeamId};
use crate::relationship::{Mentorship, Supervision, TeamMembership, TeamRole};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A team member whose primary supervisor is not the team's lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadMismatch {
    pub team: TeamId,
    pub lead: PersonId,
    pub member: PersonId,
    pub supervisor: Option<PersonId>,
    /// The member's supervisor and the lead supervise one another, share a team, or mentor one
    /// another: they have a working line to settle things through.
    pub supervisor_in_contact: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Findings {
    /// Each cycle of current supervisions, as the people around it.
    pub cycles: Vec<Vec<PersonId>>,
    pub without_supervisor: Vec<PersonId>,
    pub supervisors_without_team: Vec<PersonId>,
    pub lead_mismatches: Vec<LeadMismatch>,
    pub without_mentor: Vec<PersonId>,
    /// Supervisors with their number of direct subordinates, when outside the range.
    pub span_outside: Vec<(PersonId, usize)>,
}

pub struct Relationships<'a> {
    pub people: &'a [PersonId],
    pub supervisions: &'a [Supervision],
    pub mentorships: &'a [Mentorship],
    pub teams: &'a [TeamMembership],
}

/// Runs every check for `day`, with spans of control expected within `span` (inclusive).
pub fn check(r: &Relationships, day: NaiveDate, span: (usize, usize)) -> Findings {
    let sup: Vec<&Supervision> = r.supervisions.iter().filter(|s| s.period.contains(day)).collect();
    let men: Vec<&Mentorship> = r.mentorships.iter().filter(|m| m.period.contains(day)).collect();
    let team: Vec<&TeamMembership> = r.teams.iter().filter(|t| t.period.contains(day)).collect();

    let primary: HashMap<PersonId, PersonId> = sup
        .iter()
        .filter(|s| s.primary)
        .map(|s| (s.subordinate_id, s.supervisor_id))
        .collect();
    let mut reports: BTreeMap<PersonId, usize> = BTreeMap::new();
    for s in &sup {
        *reports.entry(s.supervisor_id).or_default() += 1;
    }
    let leads: BTreeMap<TeamId, PersonId> = team
        .iter()
        .filter(|t| t.role == TeamRole::Lead)
        .map(|t| (t.team_id, t.person_id))
        .collect();
    let leading: HashSet<PersonId> = leads.values().copied().collect();
    let proteges: HashSet<PersonId> = men.iter().map(|m| m.protege_id).collect();

    // Contact between two people: supervision either way, a shared team, or mentoring.
    let mut teams_of: HashMap<PersonId, BTreeSet<TeamId>> = HashMap::new();
    for t in &team {
        teams_of.entry(t.person_id).or_default().insert(t.team_id);
    }
    let in_contact = |a: PersonId, b: PersonId| {
        sup.iter().any(|s| {
            (s.supervisor_id == a && s.subordinate_id == b) || (s.supervisor_id == b && s.subordinate_id == a)
        }) || men
            .iter()
            .any(|m| (m.mentor_id == a && m.protege_id == b) || (m.mentor_id == b && m.protege_id == a))
            || teams_of
                .get(&a)
                .zip(teams_of.get(&b))
                .is_some_and(|(x, y)| !x.is_disjoint(y))
    };

    let mut f = Findings {
        cycles: cycles(&sup),
        ..Default::default()
    };
    for p in r.people {
        if !primary.contains_key(p) {
            f.without_supervisor.push(*p);
        }
        if !proteges.contains(p) {
            f.without_mentor.push(*p);
        }
    }
    for (boss, n) in &reports {
        if !leading.contains(boss) {
            f.supervisors_without_team.push(*boss);
        }
        if *n < span.0 || *n > span.1 {
            f.span_outside.push((*boss, *n));
        }
    }
    for t in team.iter().filter(|t| t.role == TeamRole::Member) {
        let Some(&lead) = leads.get(&t.team_id) else {
            continue;
        };
        let supervisor = primary.get(&t.person_id).copied();
        if supervisor != Some(lead) && t.person_id != lead {
            f.lead_mismatches.push(LeadMismatch {
                team: t.team_id,
                lead,
                member: t.person_id,
                supervisor,
                supervisor_in_contact: supervisor.is_some_and(|s| in_contact(s, lead)),
            });
        }
    }
    f
}

/// Cycles among supervisions (each found once, starting from its smallest person).
fn cycles(sup: &[&Supervision]) -> Vec<Vec<PersonId>> {
    let mut next: HashMap<PersonId, Vec<PersonId>> = HashMap::new();
    for s in sup {
        next.entry(s.subordinate_id).or_default().push(s.supervisor_id);
    }
    let mut found: BTreeSet<Vec<PersonId>> = BTreeSet::new();
    for &start in next.keys() {
        // Depth-first along "is supervised by", remembering the path.
        let mut stack = vec![(start, vec![start])];
        while let Some((at, path)) = stack.pop() {
            for &up in next.get(&at).into_iter().flatten() {
                if up == start {
                    let min = path
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, p)| **p)
                        .map(|(i, _)| i)
                        .unwrap_or(0);
                    let mut c = path.clone();
                    c.rotate_left(min);
                    found.insert(c);
                } else if !path.contains(&up) && path.len() < 64 {
                    let mut p = path.clone();
                    p.push(up);
                    stack.push((up, p));
                }
            }
        }
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{MentorshipId, OrgId, SupervisionId, TeamMembershipId};
    use crate::relationship::Period;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    fn sup(boss: PersonId, sub: PersonId) -> Supervision {
        Supervision {
            id: SupervisionId::new(),
            org_id: OrgId(uuid::Uuid::nil()),
            supervisor_id: boss,
            subordinate_id: sub,
            primary: true,
            period: Period::new(day(1), None).unwrap(),
        }
    }

    fn member(team: TeamId, p: PersonId, role: TeamRole) -> TeamMembership {
        TeamMembership {
            id: TeamMembershipId::new(),
            org_id: OrgId(uuid::Uuid::nil()),
            team_id: team,
            person_id: p,
            role,
            period: Period::new(day(1), None).unwrap(),
        }
    }

    #[test]
    fn each_check_finds_its_case() {
        let p: Vec<PersonId> = (0..6).map(|_| PersonId::new()).collect();
        let (chief, boss, a, b, lead, loop_) = (p[0], p[1], p[2], p[3], p[4], p[5]);
        let t = TeamId::new();
        let supervisions = vec![
            sup(chief, boss),
            sup(boss, a),
            sup(boss, b),
            sup(chief, lead),
            sup(loop_, loop_),
        ];
        let teams = vec![member(t, lead, TeamRole::Lead), member(t, a, TeamRole::Member)];
        let mentorships = vec![Mentorship {
            id: MentorshipId::new(),
            org_id: OrgId(uuid::Uuid::nil()),
            mentor_id: chief,
            protege_id: a,
            period: Period::new(day(1), Some(day(10))).unwrap(),
        }];
        let r = Relationships {
            people: &p,
            supervisions: &supervisions,
            mentorships: &mentorships,
            teams: &teams,
        };
        let f = check(&r, day(5), (2, 3));
        assert_eq!(f.cycles, vec![vec![loop_]]);
        assert_eq!(f.without_supervisor, vec![chief]);
        assert!(f.supervisors_without_team.contains(&boss) && !f.supervisors_without_team.contains(&lead));
        assert_eq!(f.lead_mismatches.len(), 1);
        let m = &f.lead_mismatches[0];
        assert_eq!((m.member, m.lead, m.supervisor), (a, lead, Some(boss)));
        assert!(
            !m.supervisor_in_contact,
            "boss and lead are peers under the chief, not in contact"
        );
        assert!(f.without_mentor.contains(&b) && !f.without_mentor.contains(&a));
        assert!(
            f.span_outside.contains(&(loop_, 1)),
            "one report is below the range"
        );
        assert!(
            !f.span_outside.iter().any(|(x, _)| *x == boss),
            "two reports are within it"
        );
        // After the mentorship ended, a has no mentor either.
        assert!(check(&r, day(20), (2, 3)).without_mentor.contains(&a));
    }

    #[test]
    fn a_longer_cycle_is_found_once() {
        let p: Vec<PersonId> = (0..3).map(|_| PersonId::new()).collect();
        let s = vec![sup(p[0], p[1]), sup(p[1], p[2]), sup(p[2], p[0])];
        let r = Relationships {
            people: &p,
            supervisions: &s,
            mentorships: &[],
            teams: &[],
        };
        let f = check(&r, day(5), (1, 9));
        assert_eq!(f.cycles.len(), 1);
        assert_eq!(f.cycles[0].len(), 3);
    }
}
