//! The plan feature's JSON API.

pub mod initiatives;
pub mod plan;
pub mod search;
