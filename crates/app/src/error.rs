//! The errors a use case can end in, and what each means to a caller.
//!
//! The web layer turns these into problem documents or friendly pages; the CLI prints them.
//! `Internal` and `Storage` carry details for the log only, and `Constraint` keeps the
//! database's words in its source: callers must not show them to users.

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
    /// Values for the translated message (`invalid-<code>` with these arguments); the API
    /// carries the English `message` instead.
    #[serde(skip)]
    pub args: Vec<(String, String)>,
}

impl Invalid {
    /// Each problem of a data file (model, framework, import) with its line and column, for
    /// the reader's language as `invalid-source-<code>`.
    pub fn from_source(errors: Vec<mognad_domain::source::SourceError>) -> AppError {
        AppError::Invalid(
            errors
                .into_iter()
                .map(|e| {
                    let mut args = vec![
                        ("line".to_owned(), e.line.to_string()),
                        ("column".to_owned(), e.column.to_string()),
                    ];
                    args.extend(e.args.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
                    Invalid {
                        field: Some(format!("line {}", e.line)),
                        code: format!("source-{}", e.code),
                        message: e.to_string(),
                        args,
                    }
                })
                .collect(),
        )
    }
}

impl Invalid {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_owned()),
            code: code.to_owned(),
            message: message.into(),
            args: Vec::new(),
        }
    }
}

impl From<DomainError> for Invalid {
    fn from(e: DomainError) -> Self {
        Invalid {
            field: e.field().map(str::to_owned),
            code: e.code().to_owned(),
            message: e.to_string(),
            args: Vec::new(),
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
    /// The request clashes with what is stored now (a version that exists, a full column): a
    /// stable `code` the caller translates as `conflict-<code>` with `args`, and an English
    /// message for logs and the API.
    #[error("conflict ({code}): {message}")]
    Conflict {
        code: &'static str,
        message: String,
        args: Vec<(&'static str, String)>,
    },
    /// The request does not fit the state of what it is about (a round not closed yet, a full
    /// link): a stable `code` the caller translates, and an English message.
    #[error("refused ({code}): {message}")]
    Refused { code: &'static str, message: String },
    /// Too many failed attempts in a while; try again later.
    #[error("too many attempts")]
    Throttled,
    /// The database refused a write by one of its rules: `duplicate` (a unique value taken) or
    /// `in-use` (a reference missing, or a record still referred to). Callers show the code;
    /// the database's own words stay in the source, for the log.
    #[error("refused by the database ({code})")]
    Constraint {
        code: &'static str,
        #[source]
        source: StoreError,
    },
    /// Storage failed; the cause is kept for the log and never shown.
    #[error("storage failed")]
    Storage(#[source] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn conflict(code: &'static str, message: impl Into<String>, args: &[(&'static str, String)]) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
            args: args.to_vec(),
        }
    }

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
            e @ StoreError::Conflict(_) => AppError::Constraint {
                code: "duplicate",
                source: e,
            },
            e @ StoreError::Reference(_) => AppError::Constraint {
                code: "in-use",
                source: e,
            },
            other => AppError::Storage(other),
        }
    }
}
