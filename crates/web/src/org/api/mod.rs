//! The org feature's JSON API.

pub mod groups;
pub mod import;
pub mod organisation;
pub mod people;
pub mod privacy;
pub(crate) mod record;
pub mod relationships;
pub mod teams;
pub mod units;
