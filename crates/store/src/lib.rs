//! Mognad's storage layer: one interface over SQLite (the embedded default) and PostgreSQL.
//!
//! There is no `Any` driver: [`Db`] and [`Tx`] are enums over the two backends, and the
//! [`on_tx!`] macro runs one query text on whichever is live, so every query is type-checked
//! against both drivers at compile time. SQL stays portable (`$1` placeholders work on both).

pub mod account_links;
pub mod agendas;
pub mod api_tokens;
pub mod archive;
pub mod assessments;
pub mod audit;
pub mod benchmark;
pub mod boards;
pub mod budget;
pub mod calendar_feeds;
pub mod catalogue;
pub mod db;
pub mod development;
pub mod error;
pub mod follow_up;
pub mod frameworks;
pub mod frozen;
pub mod groups;
pub mod initiative_groups;
pub mod invitations;
pub mod members;
pub mod models;
mod named;
pub mod notifications;
pub mod orgs;
pub mod people;
pub mod plan;
pub mod plan_reads;
pub mod privacy;
pub mod receipts;
pub mod records;
pub mod relationships;
pub mod responses;
pub mod reviews;
pub mod rounds;
pub mod scanning;
pub mod sso;
pub mod targets;
pub mod teams;
pub mod testdb;
pub mod throttle;
pub mod time_entries;
pub mod two_factor;
pub mod units;
pub mod users;

pub use db::{Backend, Db, Tx, WriterLock};
pub use error::StoreError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
