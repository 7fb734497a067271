//! Validated text values: names, e-mail addresses, passwords, dates typed by people.

use crate::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A human-readable name: trimmed, non-empty, at most 200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 200;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(DomainError::Empty { field });
        }
        if trimmed.chars().count() > Self::MAX {
            return Err(DomainError::TooLong {
                field,
                max: Self::MAX,
            });
        }
        if trimmed.chars().any(char::is_control) {
            return Err(DomainError::ControlChars { field });
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Name {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Name::parse("name", &value)
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address, stored lower-cased so lookups and uniqueness ignore case.
///
/// The check is deliberately simple (one `@`, a dot in the domain, no spaces): the only real
/// proof of an address is a mail that arrives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let value = raw.trim().to_lowercase();
        let bad = || DomainError::Email {
            value: raw.trim().to_owned(),
        };
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = value.split_once('@').ok_or_else(bad)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
        {
            return Err(bad());
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether free text (an intake request's "how to reach me") gives this very address as
    /// one of its words: `Eva Ek <Eva@Kommun.se>` does for eva@kommun.se, `jakobo@kommun.se`
    /// does not for bo@kommun.se.
    pub fn named_in(&self, text: &str) -> bool {
        text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '(' | ')' | '"' | '\''))
            .any(|word| {
                word.trim_end_matches('.').eq_ignore_ascii_case(&self.0) || word.to_lowercase() == self.0
            })
    }
}

impl TryFrom<String> for Email {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password as typed; only its length is checked (long passphrases beat composition rules).
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        if raw.chars().count() < Self::MIN {
            return Err(DomainError::PasswordTooShort { min: Self::MIN });
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// An optional free-text field: blank means absent.
pub fn optional_name(field: &'static str, raw: Option<&str>) -> Result<Option<Name>, DomainError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Name::parse(field, v).map(Some),
    }
}

/// An optional e-mail field: blank means absent.
pub fn optional_email(raw: Option<&str>) -> Result<Option<Email>, DomainError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Email::parse(v).map(Some),
    }
}

/// A calendar date typed as `YYYY-MM-DD`.
pub fn parse_date(raw: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| DomainError::Date {
        value: raw.trim().to_owned(),
    })
}

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell for a file that spreadsheets open: one starting like a formula gets a leading `'`,
/// which spreadsheet programs show as text and do not evaluate.
pub fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The cell as it was before [`defuse_formula`], for reading back a file Mognad wrote.
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::Email;

    #[test]
    fn an_address_is_named_as_a_word_not_as_part_of_one() {
        let bo = Email::parse("bo@kommun.se").unwrap();
        assert!(bo.named_in("Bo Berg <Bo@Kommun.se>"));
        assert!(bo.named_in("bo@kommun.se, 070-123 45 67"));
        assert!(bo.named_in("Mail bo@kommun.se."));
        assert!(!bo.named_in("jakobo@kommun.se"));
        assert!(!bo.named_in("bo@kommun.se.example"));
        assert!(!bo.named_in(""));
    }

    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(Name::parse("name", "  Ekonomi ").unwrap().as_str(), "Ekonomi");
        assert_eq!(
            Name::parse("name", "   "),
            Err(DomainError::Empty { field: "name" })
        );
        assert!(matches!(
            Name::parse("name", &"å".repeat(201)),
            Err(DomainError::TooLong { .. })
        ));
        assert!(Name::parse("name", &"å".repeat(200)).is_ok());
        assert!(matches!(
            Name::parse("name", "a\u{0}b"),
            Err(DomainError::ControlChars { .. })
        ));
    }

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Anna.Berg@Norrvik.SE ").unwrap().as_str(),
            "anna.berg@norrvik.se"
        );
        for bad in [
            "", "anna", "anna@", "@x.se", "a b@x.se", "a@b", "a@@b.se", "a@.se", "a@b.se.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn passwords_need_length() {
        assert!(NewPassword::parse("kort").is_err());
        assert!(NewPassword::parse("en lång lösenfras").is_ok());
    }

    #[test]
    fn dates_parse_iso() {
        assert_eq!(parse_date("2026-01-31").unwrap().to_string(), "2026-01-31");
        assert!(parse_date("31/01/2026").is_err());
        assert!(parse_date("2026-02-30").is_err());
    }

    #[test]
    fn optional_fields_treat_blank_as_absent() {
        assert_eq!(optional_email(Some("  ")).unwrap(), None);
        assert!(optional_email(Some("nope")).is_err());
        assert_eq!(optional_name("kind", None).unwrap(), None);
    }

    #[test]
    fn formula_cells_are_defused_and_read_back() {
        for raw in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx"] {
            let d = defuse_formula(raw);
            assert!(d.starts_with('\''), "{raw}");
            assert_eq!(restore_formula(&d), raw);
        }
        assert_eq!(defuse_formula("Ledning"), "Ledning");
        assert_eq!(
            restore_formula("'quoted"),
            "'quoted",
            "a quote before plain text stays"
        );
    }
}
