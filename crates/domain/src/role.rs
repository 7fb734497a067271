//! Roles a user holds in an organisation, ordered by what they may do.

use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Owner > Admin > Analyst > Member. A route that needs `Analyst` admits admins and owners too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Answers surveys and sees their own data.
    Member,
    /// Sees results and reports.
    Analyst,
    /// Manages the organisation's data and settings.
    Admin,
    /// Everything an admin may do, and manages admins and owners.
    Owner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Analyst, Role::Admin, Role::Owner];

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_lowercase().as_str() {
            "owner" => Ok(Role::Owner),
            "admin" => Ok(Role::Admin),
            "analyst" => Ok(Role::Analyst),
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
            Role::Member => "member",
        }
    }

    pub fn at_least(self, needed: Role) -> bool {
        self >= needed
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
    fn roles_round_trip_through_text() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("superuser").is_err());
    }
}
