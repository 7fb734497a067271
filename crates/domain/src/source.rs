//! Reading Mognad's data files (maturity models, competence frameworks): errors with the line
//! and column they apply to, and the checks every file shares — texts in both languages,
//! well-formed and unique ids.

use crate::model::Text;
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use toml::Spanned;

/// One problem in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawText {
    pub sv: Spanned<String>,
    pub en: Spanned<String>,
}

/// Collects errors with positions computed from byte offsets into the source.
pub(crate) struct Report<'a> {
    pub src: &'a str,
    pub errors: Vec<SourceError>,
}

impl<'a> Report<'a> {
    pub fn new(src: &'a str) -> Self {
        Self {
            src,
            errors: Vec::new(),
        }
    }

    /// The file's TOML read into `T`; on a syntax or shape error, that error is recorded.
    pub fn toml<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        match toml::from_str(self.src) {
            Ok(v) => Some(v),
            Err(e) => {
                self.at(e.span().map_or(0, |s| s.start), e.message().to_owned());
                None
            }
        }
    }

    pub fn at(&mut self, offset: usize, message: impl Into<String>) {
        let before = &self.src[..offset.min(self.src.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.errors.push(SourceError {
            line,
            column,
            message: message.into(),
        });
    }

    pub fn text(&mut self, t: RawText, what: &str) -> Text {
        for (lang, s) in [("sv", &t.sv), ("en", &t.en)] {
            if s.get_ref().trim().is_empty() {
                self.at(s.span().start, format!("{what}: the {lang} text is empty"));
            }
        }
        Text {
            sv: t.sv.into_inner().trim().to_owned(),
            en: t.en.into_inner().trim().to_owned(),
        }
    }

    pub fn id(&mut self, id: Spanned<String>, seen: &mut HashSet<String>, what: &str) -> String {
        let start = id.span().start;
        let value = id.into_inner();
        let valid = !value.is_empty()
            && value.len() <= 40
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.at(
                start,
                format!("{what} id '{value}' must be 1–40 characters of a–z, 0–9 and '-'"),
            );
        } else if !seen.insert(value.clone()) {
            self.at(start, format!("{what} id '{value}' is used twice"));
        }
        value
    }
}
