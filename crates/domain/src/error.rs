//! Validation errors raised by domain rules.
//!
//! Every variant has a stable `code()` that the UI maps to a translated message, and an English
//! `Display` for logs, the CLI and API problem documents.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} contains control characters")]
    ControlChars { field: &'static str },
    #[error("'{value}' is not a valid e-mail address")]
    Email { value: String },
    #[error("anonymity threshold must be between 3 and 10, got {value}")]
    Threshold { value: i64 },
    #[error("unknown language '{value}' (use sv or en)")]
    Language { value: String },
    #[error("unknown role '{value}' (use owner, admin, analyst or member)")]
    Role { value: String },
    #[error("the end date {to} is before the start date {from}")]
    PeriodOrder { from: String, to: String },
    #[error("a person cannot have a relationship with themselves")]
    SelfRelation,
    #[error("this person already has a primary supervisor in that period")]
    SecondPrimarySupervisor,
    #[error("this would make a supervision cycle")]
    SupervisionCycle,
    #[error("this unit cannot be placed under itself or one of its own sub-units")]
    UnitCycle,
    #[error("this relationship already exists in that period")]
    DuplicateRelation,
    #[error("the team already has a lead in that period")]
    SecondTeamLead,
    #[error("the password must be at least {min} characters long")]
    PasswordTooShort { min: usize },
    #[error("'{value}' is not a valid date (use YYYY-MM-DD)")]
    Date { value: String },
    #[error("a {from} round cannot become {to}")]
    RoundTransition { from: &'static str, to: &'static str },
}

impl DomainError {
    /// A stable identifier for translations and API clients.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Empty { .. } => "empty",
            DomainError::TooLong { .. } => "too-long",
            DomainError::ControlChars { .. } => "control-chars",
            DomainError::Email { .. } => "email",
            DomainError::Threshold { .. } => "threshold",
            DomainError::Language { .. } => "language",
            DomainError::Role { .. } => "role",
            DomainError::PeriodOrder { .. } => "period-order",
            DomainError::SelfRelation => "self-relation",
            DomainError::SecondPrimarySupervisor => "second-supervisor",
            DomainError::SupervisionCycle => "supervision-cycle",
            DomainError::UnitCycle => "unit-cycle",
            DomainError::DuplicateRelation => "duplicate-relation",
            DomainError::SecondTeamLead => "second-team-lead",
            DomainError::PasswordTooShort { .. } => "password-short",
            DomainError::Date { .. } => "date",
            DomainError::RoundTransition { .. } => "round-transition",
        }
    }

    /// The input field the error is about, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DomainError::Empty { field }
            | DomainError::TooLong { field, .. }
            | DomainError::ControlChars { field } => Some(field),
            DomainError::Email { .. } => Some("email"),
            DomainError::Threshold { .. } => Some("anonymity_threshold"),
            DomainError::Language { .. } => Some("language"),
            DomainError::Role { .. } => Some("role"),
            DomainError::PeriodOrder { .. } => Some("valid_to"),
            DomainError::PasswordTooShort { .. } => Some("password"),
            DomainError::Date { .. } => Some("date"),
            _ => None,
        }
    }
}
