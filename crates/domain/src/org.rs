//! The organisation (tenant) and its settings.

use crate::DomainError;
use crate::ids::OrgId;
use crate::text::Name;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The languages the product speaks. Swedish comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Sv,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Sv, Language::En];

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_lowercase().as_str() {
            "sv" => Ok(Language::Sv),
            "en" => Ok(Language::En),
            _ => Err(DomainError::Language {
                value: raw.to_owned(),
            }),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The smallest number of answers a group needs before any result of it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct AnonymityThreshold(u8);

impl AnonymityThreshold {
    pub const MIN: i64 = 3;
    pub const MAX: i64 = 10;
    pub const DEFAULT: AnonymityThreshold = AnonymityThreshold(5);

    pub fn parse(value: i64) -> Result<Self, DomainError> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            Ok(Self(value as u8))
        } else {
            Err(DomainError::Threshold { value })
        }
    }

    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl Default for AnonymityThreshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<i64> for AnonymityThreshold {
    type Error = DomainError;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        Self::parse(v)
    }
}

impl From<AnonymityThreshold> for i64 {
    fn from(t: AnonymityThreshold) -> i64 {
        t.get()
    }
}

/// What an organisation can change about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSettings {
    pub name: Name,
    pub language: Language,
    pub anonymity_threshold: AnonymityThreshold,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    #[serde(flatten)]
    pub settings: OrgSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_accepts_three_to_ten_only() {
        assert_eq!(AnonymityThreshold::default().get(), 5);
        assert!(AnonymityThreshold::parse(3).is_ok());
        assert!(AnonymityThreshold::parse(10).is_ok());
        assert_eq!(
            AnonymityThreshold::parse(2),
            Err(DomainError::Threshold { value: 2 })
        );
        assert!(AnonymityThreshold::parse(11).is_err());
        assert!(serde_json::from_str::<AnonymityThreshold>("1").is_err());
    }

    #[test]
    fn language_parses_codes() {
        assert_eq!(Language::parse("EN").unwrap(), Language::En);
        assert!(Language::parse("de").is_err());
    }
}
