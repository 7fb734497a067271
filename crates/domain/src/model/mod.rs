//! The maturity model as data: engines ("digitala motorer"), the items asked about each, the
//! level descriptors of the three phases, and the recommended order of development.
//!
//! Models are TOML files (format in `docs/model-format.md`), parsed and validated by
//! [`parse`] with line-precise errors; the models Mognad ships are in [`builtin`].

mod parse;
pub mod score;

pub use parse::{ModelError, parse};

use crate::org::Language;
use serde::{Deserialize, Serialize};

/// A text in both languages the product speaks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub sv: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Sv => &self.sv,
            Language::En => &self.en,
        }
    }
}

/// The three phases of digital maturity, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Mobilisering,
    Koordinering,
    Acceleration,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Mobilisering, Phase::Koordinering, Phase::Acceleration];

    pub fn parse(raw: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == raw)
    }

    pub fn key(self) -> &'static str {
        match self {
            Phase::Mobilisering => "mobilisering",
            Phase::Koordinering => "koordinering",
            Phase::Acceleration => "acceleration",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// How an item is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ItemKind {
    /// Pick the statement that fits best; options are ordered from least to most mature.
    Statements(Vec<Text>),
    /// A five-step scale from very poor (1) to very good (5).
    Scale,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub text: Text,
    pub kind: ItemKind,
    /// Relative weight within its engine (default 1).
    pub weight: f64,
}

impl Item {
    /// How many answer values the item has (1..=n).
    pub fn answer_count(&self) -> u8 {
        match &self.kind {
            ItemKind::Statements(options) => options.len() as u8,
            ItemKind::Scale => 5,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// The phase in which the model recommends developing this engine above all.
    pub focus: Phase,
    /// What the engine looks like in each phase, in `Phase::ALL` order.
    pub levels: [Text; 3],
    /// The recommended next step from each phase (what to do, how, and when in the programme),
    /// in `Phase::ALL` order; models written before advice existed have none.
    #[serde(default)]
    pub advice: Option<[Text; 3]>,
    pub items: Vec<Item>,
}

impl Engine {
    /// What the engine looks like in `phase`.
    pub fn level(&self, phase: Phase) -> &Text {
        &self.levels[phase.index()]
    }

    /// The recommended next step from `phase`: the engine's own, or else that of the shipped
    /// model with the same id, so rounds measured before the texts existed get them too.
    pub fn advice(&self, model_id: &str, phase: Phase) -> Option<&Text> {
        let own = self.advice.as_ref().map(|a| &a[phase.index()]);
        own.or_else(|| {
            builtin()
                .iter()
                .find(|m| m.id == model_id)
                .and_then(|m| m.engine(&self.id))
                .and_then(|e| e.advice.as_ref())
                .map(|a| &a[phase.index()])
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub id: String,
    pub version: u32,
    pub name: Text,
    pub description: Text,
    pub engines: Vec<Engine>,
    /// Engine ids in the recommended order of development.
    pub recommended_order: Vec<String>,
}

impl Model {
    pub fn engine(&self, id: &str) -> Option<&Engine> {
        self.engines.iter().find(|e| e.id == id)
    }
}

/// The source files of the models Mognad ships: the nine engines as Swedish municipalities use
/// them, and the book's variant with Relationer.
pub fn builtin_sources() -> Vec<&'static str> {
    vec![
        include_str!("../../models/nio-motorer.toml"),
        include_str!("../../models/med-relationer.toml"),
    ]
}

/// The shipped models, parsed once (in the order of [`builtin_sources`]).
pub fn builtin() -> &'static [Model] {
    static PARSED: std::sync::OnceLock<Vec<Model>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        builtin_sources()
            .into_iter()
            .map(|src| parse(src).expect("built-in models are valid (checked by tests)"))
            .collect()
    })
}
