//! The competence feature's JSON API.

pub mod frameworks;
pub mod person;
pub mod reviews;
pub mod scanning;
pub mod team_map;
