//! Measurement rounds (mätomgångar) and the rules of their life: draft → open → closed.
//!
//! A round freezes the model version it measures with; once open its questions cannot change,
//! and once closed it never reopens, so its answers are final.

use crate::DomainError;
use crate::ids::{ModelId, OrgId, RoundId};
use crate::text::Name;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
}
