//! What every feature stands on: accounts and sessions, who acts (the actor), mail, the write
//! queues, sealing drafts and moving an organisation between instances.
//!
//! Reached through [`App::platform`]: `app.platform().…`. Its use cases, by module:
//!
//! | module | use cases |
//! |---|---|
//! | `access` | `actor` |
//! | `accounts` | `create_user`, `user_by_email`, `grant_role`, `reset_password`, `login`, `session_user`, `session_in_org`, `logout`, `change_password` |
//! | `transfer` | `export_org` |
//! | `transfer_import` | `import_org` |

pub mod access;
pub mod accounts;
pub mod batching;
pub mod mail;
pub mod sealing;
pub mod sign_in;
pub mod transfer;
pub mod transfer_import;
pub mod transfer_measurement;
pub mod transfer_records;
pub mod write_queue;

crate::handle!(
    /// The platform feature's use cases, borrowed from an [`App`](crate::App).
    Platform,
    platform
);
