//! The platform's JSON API.

pub mod account;
pub mod accounts;
pub mod notices;
pub mod sso;
