//! Storage errors, classified so callers can tell a conflict from a broken database.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A unique constraint refused the write (e.g. an e-mail already in use).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A foreign key refused the write: the referenced row does not exist or is still in use.
    #[error("reference: {0}")]
    Reference(String),
    /// A stored value no longer passes domain validation.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("configuration: {0}")]
    Config(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Conflict(db.message().to_owned());
            }
            if db.is_foreign_key_violation() {
                return StoreError::Reference(db.message().to_owned());
            }
        }
        StoreError::Database(e)
    }
}

impl From<mognad_domain::DomainError> for StoreError {
    fn from(e: mognad_domain::DomainError) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
