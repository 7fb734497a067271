//! The competence feature's JSON API.

pub mod frameworks;
pub mod person;
pub mod scanning;
pub mod team_map;
