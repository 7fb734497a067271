//! The competence feature's HTML pages.

pub mod framework_edit;
pub mod frameworks;
pub mod gaps;
pub mod person;
pub mod person_forms;
pub mod person_grid;
pub mod radar;
pub mod review_sheet;
pub mod reviews;
pub mod talent;
pub mod team_map;
pub mod versions;
