//! Measurement rounds (mätomgångar) and the rules of their life: draft → open → closed.
//!
//! A round freezes the model version it measures with; once open its questions cannot change,
//! and once closed it never reopens, so its answers are final.

use crate::DomainError;
use crate::ids::{GroupId, ModelId, OrgId, PersonId, RoundId};
use crate::text::Name;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundState {
    Draft,
    Open,
    Closed,
}

impl RoundState {
    pub fn parse(raw: &str) -> Option<RoundState> {
        match raw {
            "draft" => Some(RoundState::Draft),
            "open" => Some(RoundState::Open),
            "closed" => Some(RoundState::Closed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Draft => "draft",
            RoundState::Open => "open",
            RoundState::Closed => "closed",
        }
    }

    /// The only moves a round can make: a draft opens, an open round closes.
    pub fn transition(self, to: RoundState) -> Result<RoundState, DomainError> {
        match (self, to) {
            (RoundState::Draft, RoundState::Open) | (RoundState::Open, RoundState::Closed) => Ok(to),
            _ => Err(DomainError::RoundTransition {
                from: self.as_str(),
                to: to.as_str(),
            }),
        }
    }

    /// Whether respondents may answer.
    pub fn accepts_answers(self) -> bool {
        self == RoundState::Open
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: RoundId,
    pub org_id: OrgId,
    pub model_id: ModelId,
    pub name: Name,
    pub state: RoundState,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
}

/// Checks planned dates: a round cannot close before it opens.
pub fn check_dates(opens_on: Option<NaiveDate>, closes_on: Option<NaiveDate>) -> Result<(), DomainError> {
    match (opens_on, closes_on) {
        (Some(o), Some(c)) if c < o => Err(DomainError::PeriodOrder {
            from: o.to_string(),
            to: c.to_string(),
        }),
        _ => Ok(()),
    }
}

/// The groups a person belongs to in a round, for the question which group they answer for.
pub fn groups_of(members: &[(GroupId, Option<PersonId>)], person: PersonId) -> Vec<GroupId> {
    let mut gs: Vec<GroupId> = members
        .iter()
        .filter(|(_, p)| *p == Some(person))
        .map(|(g, _)| *g)
        .collect();
    gs.sort();
    gs.dedup();
    gs
}

/// Members per group with each person counted once: in the group they answer for
/// (`answering`, from their invitation), otherwise in the first of their groups. A place whose
/// person was deleted counts in its own group.
pub fn counted_members(
    members: &[(GroupId, Option<PersonId>)],
    answering: &HashMap<PersonId, GroupId>,
) -> HashMap<GroupId, i64> {
    let mut per_person: BTreeMap<PersonId, Vec<GroupId>> = BTreeMap::new();
    let mut out: HashMap<GroupId, i64> = HashMap::new();
    for (g, p) in members {
        out.entry(*g).or_default();
        match p {
            Some(p) => per_person.entry(*p).or_default().push(*g),
            None => *out.entry(*g).or_default() += 1,
        }
    }
    for (p, mut gs) in per_person {
        gs.sort();
        let at = answering
            .get(&p)
            .filter(|g| gs.contains(g))
            .copied()
            .unwrap_or(gs[0]);
        *out.entry(at).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RoundState::*;
    use super::*;

    #[test]
    fn rounds_only_move_forward() {
        assert_eq!(Draft.transition(Open), Ok(Open));
        assert_eq!(Open.transition(Closed), Ok(Closed));
        for (from, to) in [
            (Closed, Open),
            (Closed, Draft),
            (Open, Draft),
            (Draft, Closed),
            (Open, Open),
            (Closed, Closed),
        ] {
            assert!(from.transition(to).is_err(), "{from:?} → {to:?} must be refused");
        }
        assert!(Open.accepts_answers() && !Draft.accepts_answers() && !Closed.accepts_answers());
    }

    #[test]
    fn dates_are_ordered() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(check_dates(Some(d("2026-02-01")), Some(d("2026-01-31"))).is_err());
        assert!(check_dates(Some(d("2026-02-01")), Some(d("2026-02-01"))).is_ok());
        assert!(check_dates(None, Some(d("2026-01-31"))).is_ok());
    }

    #[test]
    fn a_person_in_two_groups_counts_once_where_they_answer() {
        use uuid::Uuid;
        let (g1, g2) = (GroupId(Uuid::from_u128(1)), GroupId(Uuid::from_u128(2)));
        let (a, b, c) = (
            PersonId(Uuid::from_u128(10)),
            PersonId(Uuid::from_u128(11)),
            PersonId(Uuid::from_u128(12)),
        );
        let members = vec![
            (g1, Some(a)),
            (g2, Some(a)),
            (g2, Some(b)),
            (g1, Some(c)),
            (g2, None),
        ];
        let none = HashMap::new();
        let counted = counted_members(&members, &none);
        assert_eq!(
            (counted[&g1], counted[&g2]),
            (2, 2),
            "a counts in the first group"
        );
        let chose = HashMap::from([(a, g2)]);
        let counted = counted_members(&members, &chose);
        assert_eq!((counted[&g1], counted[&g2]), (1, 3), "a counts where she answers");
        // A choice of a group she is not in is ignored.
        let odd = HashMap::from([(b, g1)]);
        assert_eq!(counted_members(&members, &odd)[&g2], 2);
        assert_eq!(groups_of(&members, a), vec![g1, g2]);
        assert_eq!(groups_of(&members, c), vec![g1]);
    }
}
