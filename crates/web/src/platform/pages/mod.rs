//! The platform feature's HTML pages.

pub mod auth;
pub mod home;
