//! The platform feature's HTML pages.

pub mod audit;
pub mod auth;
pub mod home;
pub mod instance;
pub mod links;
pub mod mail;
pub mod members;
pub mod notices;
pub mod references;
pub mod sso;
pub mod tokens;
pub mod two_factor;
