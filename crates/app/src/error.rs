//! The errors a use case can end in, and what each means to a caller.
//!
//! The web layer turns these into problem documents or friendly pages; the CLI prints them.
//! `Internal` carries details for the log only: callers must not show them to users.

use mognad_domain::DomainError;
use mognad_store::StoreError;
use serde::Serialize;
use thiserror::Error;

/// One thing wrong with the input: which field, a stable code, and an English message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Invalid {
    pub field: Option<String>,
    pub code: String,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_owned()),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl From<DomainError> for Invalid {
    fn from(e: DomainError) -> Self {
        Invalid {
            field: e.field().map(str::to_owned),
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

#[derive(Debug, Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<Invalid>),
    #[error("conflict: {0}")]
    Conflict(String),
    /// The request does not fit the state of what it is about (a round not closed yet, a full
    /// link): a stable `code` the caller translates, and an English message.
    #[error("refused ({code}): {message}")]
    Refused { code: &'static str, message: String },
    /// Too many failed attempts in a while; try again later.
    #[error("too many attempts")]
    Throttled,
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![Invalid::new(field, code, message)])
    }
}

impl From<Invalid> for AppError {
    fn from(i: Invalid) -> Self {
        AppError::Invalid(vec![i])
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::Invalid(vec![e.into()])
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Reference(m) => AppError::Conflict(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}
