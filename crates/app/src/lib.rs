//! Mognad's use cases, shared by the web server and the CLI.
//!
//! Every operation that touches an organisation's data takes an [`access::Actor`] (a user with
//! a role in that organisation), checks the role, and runs in one transaction. Inputs arrive as
//! loosely typed structs (what a form or JSON body holds) and are parsed into domain types here.

pub mod access;
pub mod auth;
pub mod demo;
pub mod directory;
pub mod error;
pub mod import;
pub mod measurement;
pub mod orgs;
pub mod relations;
pub mod transfer;
pub mod views;

pub use access::Actor;
pub use error::{AppError, Invalid};
pub use mognad_store::Db;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The application: a database and the use cases over it.
#[derive(Clone)]
pub struct App {
    pub db: Db,
}

impl App {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}
