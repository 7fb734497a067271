//! The measurement feature's JSON API.

pub mod results;
pub mod rounds;
