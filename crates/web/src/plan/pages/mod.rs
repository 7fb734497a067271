//! The plan feature's HTML pages.

pub mod agendas;
pub mod archive;
pub mod boards;
pub mod budget_cut;
pub mod bulk;
pub mod calendar;
pub mod dashboard;
pub mod effect;
pub mod follow_up;
pub mod initiative;
pub mod initiative_forms;
pub mod intake;
pub mod plan;
pub mod receipt;
pub mod search;
pub mod task;
pub mod time;
pub mod workload;
