//! The measurement feature's HTML pages.

pub mod area;
pub mod benchmark;
pub mod exports;
pub mod invitations;
pub mod models;
pub mod report;
pub mod respond;
pub mod respond_step;
pub mod results;
pub mod round;
pub mod rounds;
pub mod shared_link;
pub mod words;
