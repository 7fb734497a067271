//! Competence frameworks as data: a framework has its own proficiency scale and areas of
//! competences, each competence optionally carrying codes of external frameworks (an ESCO URI,
//! an e-CF or SFIA code) so assessments can be compared with them.
//!
//! Frameworks are TOML files (format `mognad-framework-1`, `docs/framework-format.md`), parsed
//! with line-precise errors by [`parse`]; the one Mognad ships is in [`builtin`].

pub mod assessment;
mod csv_table;
pub mod edit;
pub mod esco;
pub mod gaps;
pub mod grid;
pub mod moodle;
mod parse;
pub mod plan;
pub mod review;
pub mod talent;
pub mod team;
pub mod versions;
mod write;

pub use parse::parse;
pub use write::to_toml;

use crate::model::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub name: Text,
    pub description: Text,
}

/// Codes of the same competence in other frameworks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Codes {
    pub esco: Option<String>,
    pub ecf: Option<String>,
    pub sfia: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Competence {
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// Whom the competence is used with: roles, functions and sources (the role's interfaces).
    pub interfaces: Vec<Text>,
    pub codes: Codes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub competences: Vec<Competence>,
}

/// A role profile: the level of each competence the role needs, and whom it works with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleProfile {
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// The roles and units the role works with.
    pub works_with: Vec<Text>,
    /// (competence id, level from 1), in the framework's order.
    pub requires: Vec<(String, u8)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub version: u32,
    pub name: Text,
    pub description: Text,
    /// Proficiency levels, lowest first; level numbers are positions from 1.
    pub levels: Vec<Level>,
    pub areas: Vec<Area>,
    pub roles: Vec<RoleProfile>,
}

impl Framework {
    pub fn competence(&self, id: &str) -> Option<&Competence> {
        self.areas
            .iter()
            .flat_map(|a| &a.competences)
            .find(|c| c.id == id)
    }
}

/// The source of the framework Mognad ships: IT leadership, written for Mognad.
pub fn builtin_source() -> &'static str {
    include_str!("../../frameworks/it-ledarskap.toml")
}

/// The shipped framework, parsed once.
pub fn builtin() -> &'static Framework {
    static PARSED: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| parse(builtin_source()).expect("the shipped framework is valid (checked by tests)"))
}
