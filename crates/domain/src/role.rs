//! Roles a user holds in an organisation, ordered by what they may do.

use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Owner > Admin > Analyst > Member, and HR beside Analyst: a route that needs `Analyst` admits
/// admins and owners too, one that needs `Hr` admits HR, admins and owners, and neither of
/// Analyst and HR has the other's rights. Always compare with [`Role::at_least`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Answers surveys and sees their own data.
    Member,
    /// Reads every competence record, review and the relationships; nothing of the
    /// measurement's administration or results beyond a member's.
    Hr,
    /// Sees results and reports.
    Analyst,
    /// Manages the organisation's data and settings.
    Admin,
    /// Everything an admin may do, and manages admins and owners.
    Owner,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Member, Role::Hr, Role::Analyst, Role::Admin, Role::Owner];

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_lowercase().as_str() {
            "owner" => Ok(Role::Owner),
            "admin" => Ok(Role::Admin),
            "analyst" => Ok(Role::Analyst),
            "hr" => Ok(Role::Hr),
            "member" => Ok(Role::Member),
            _ => Err(DomainError::Role {
                value: raw.to_owned(),
            }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Hr => "hr",
            Role::Member => "member",
        }
    }

    /// The rank on the line Member < Analyst < Admin < Owner; HR stands beside Analyst.
    fn rank(self) -> u8 {
        match self {
            Role::Member => 0,
            Role::Hr | Role::Analyst => 1,
            Role::Admin => 2,
            Role::Owner => 3,
        }
    }

    pub fn at_least(self, needed: Role) -> bool {
        match (self, needed) {
            (Role::Hr, Role::Analyst) | (Role::Analyst, Role::Hr) => false,
            _ => self.rank() >= needed.rank(),
        }
    }

    /// What both roles allow: the lesser, or a member's when neither includes the other (a
    /// token made as HR for an analyst).
    pub fn within(self, limit: Role) -> Role {
        if self.at_least(limit) {
            limit
        } else if limit.at_least(self) {
            self
        } else {
            Role::Member
        }
    }

    /// Reads competence across the organisation: counts (analysts) or every record (HR).
    pub fn reads_competence(self) -> bool {
        self.at_least(Role::Analyst) || self.at_least(Role::Hr)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(Role::Owner.at_least(Role::Admin));
        assert!(Role::Admin.at_least(Role::Analyst));
        assert!(!Role::Member.at_least(Role::Analyst));
        assert!(!Role::Analyst.at_least(Role::Admin));
    }

    #[test]
    fn hr_stands_beside_analyst() {
        assert!(Role::Hr.at_least(Role::Member) && Role::Hr.at_least(Role::Hr));
        assert!(!Role::Hr.at_least(Role::Analyst) && !Role::Analyst.at_least(Role::Hr));
        assert!(Role::Admin.at_least(Role::Hr) && Role::Owner.at_least(Role::Hr));
        assert!(!Role::Hr.at_least(Role::Admin));
        assert_eq!(Role::Admin.within(Role::Hr), Role::Hr);
        assert_eq!(Role::Hr.within(Role::Owner), Role::Hr);
        assert_eq!(Role::Analyst.within(Role::Hr), Role::Member);
        assert!(Role::Hr.reads_competence() && Role::Analyst.reads_competence());
        assert!(!Role::Member.reads_competence());
    }

    #[test]
    fn roles_round_trip_through_text() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("superuser").is_err());
    }
}
