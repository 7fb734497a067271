//! Mognad's domain: the types every other crate agrees on and the rules that keep them valid.
//!
//! Nothing here does IO. Values are parsed once at the edge (`parse`/`new` return errors) so that
//! an invalid name, threshold or relationship cannot exist past it.

#[macro_use]
mod keyed;

pub mod answer;
pub mod benchmark;
pub mod competence;
pub mod disclosure;
pub mod error;
pub mod ids;
pub mod leadership;
pub mod model;
pub mod org;
pub mod people;
pub mod plan;
pub mod relationship;
pub mod role;
pub mod round;
pub mod scanning;
pub mod source;
pub mod stats;
pub mod summary;
pub mod tally;
pub mod text;
pub mod totp;
pub mod tree;

pub use error::DomainError;
