//! The competence feature's HTML pages.

pub mod frameworks;
pub mod person;
pub mod radar;
pub mod team_map;
