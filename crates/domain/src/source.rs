//! Reading Mognad's data files (maturity models, competence frameworks): errors with the line
//! and column they apply to, and the checks every file shares — texts in both languages,
//! well-formed and unique ids.

use crate::model::Text;
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use toml::Spanned;

/// Every code a [`SourceError`] can carry (each has a message in the translation files).
pub const CODES: &[&str] = &[
    "syntax",
    "text-empty",
    "id-invalid",
    "id-twice",
    "format",
    "version",
    "no-engine",
    "focus",
    "engine-no-item",
    "weight",
    "scale-options",
    "statements-count",
    "statements-options",
    "kind",
    "order-unknown",
    "order-twice",
    "order-missing",
    "levels-count",
    "no-area",
    "area-no-competence",
    "esco-uri",
    "role-unknown",
    "role-level",
    "reference-engine",
    "reference-no-engine",
    "reference-score",
    "reference-rows",
    "other",
];

/// One problem in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub line: usize,
    pub column: usize,
    /// In English, for logs and the API.
    pub message: String,
    /// What went wrong, for the reader's language: `source-<code>` in the translation files,
    /// filled with `args`.
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
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
                let detail = e.message().to_owned();
                self.said(
                    e.span().map_or(0, |s| s.start),
                    "syntax",
                    &[("detail", &detail)],
                    &detail,
                );
                None
            }
        }
    }

    /// Records a problem at `offset`: its `code` and `args` for the translation files, and
    /// its English `message`.
    pub fn said(&mut self, offset: usize, code: &'static str, args: &[(&'static str, &str)], message: &str) {
        let before = &self.src[..offset.min(self.src.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.errors.push(SourceError {
            line,
            column,
            message: message.to_owned(),
            code,
            args: args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        });
    }

    pub fn text(&mut self, t: RawText, what: &str) -> Text {
        for (lang, s) in [("sv", &t.sv), ("en", &t.en)] {
            if s.get_ref().trim().is_empty() {
                self.said(
                    s.span().start,
                    "text-empty",
                    &[("what", what), ("lang", lang)],
                    &format!("{what}: the {lang} text is empty"),
                );
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
            self.said(
                start,
                "id-invalid",
                &[("what", what), ("value", &value)],
                &format!("{what} id '{value}' must be 1–40 characters of a–z, 0–9 and '-'"),
            );
        } else if !seen.insert(value.clone()) {
            self.said(
                start,
                "id-twice",
                &[("what", what), ("value", &value)],
                &format!("{what} id '{value}' is used twice"),
            );
        }
        value
    }
}
