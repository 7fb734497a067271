//! The plan feature's JSON API.

pub mod archive;
pub mod budget_cut;
pub mod initiatives;
pub mod plan;
pub mod search;
pub mod time;
