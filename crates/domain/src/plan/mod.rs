//! Plan and execution: goals and initiatives, boards of tasks ordered by rank, and the rules
//! for them that need no storage.

pub mod archive;
pub mod budget_cut;
pub mod follow_up;
pub mod ics;
pub mod intake;
pub mod mention;
pub mod rank;
pub mod search;
pub mod similarity;
pub mod task;
pub mod time;
pub mod timeline;
pub mod workload;
