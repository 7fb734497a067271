//! The org feature's HTML pages.

pub mod checks;
pub mod directory;
pub mod import;
pub mod organisation;
pub mod orgchart;
pub mod overview;
pub mod privacy;
pub mod relations;
pub mod relations_list;
