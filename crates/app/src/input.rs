//! Reading loosely typed input (what a form or a JSON body holds) into checked values: every
//! problem of an input gathered at once, references parsed as ids, texts kept within bounds.

use crate::{AppError, Invalid, Result};
use uuid::Uuid;

/// Collects every problem of an input instead of stopping at the first.
#[derive(Default)]
pub struct Errors(Vec<Invalid>);

impl Errors {
    pub fn take<T, E: Into<Invalid>>(&mut self, r: std::result::Result<T, E>) -> Option<T> {
        r.map_err(|e| self.0.push(e.into())).ok()
    }

    pub fn push(&mut self, i: Invalid) {
        self.0.push(i);
    }

    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// Parses an optional reference; blank means none.
pub fn parse_ref(field: &str, raw: Option<&str>) -> std::result::Result<Option<Uuid>, Invalid> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Uuid::parse_str(v)
            .map(Some)
            .map_err(|_| Invalid::new(field, "bad-ref", format!("'{v}' is not a valid id"))),
    }
}

/// Like [`parse_ref`], for forms that gather every error before answering: a bad id is noted
/// in `errors` and read as none.
pub(crate) fn noted_ref(field: &str, raw: &str, errors: &mut Vec<Invalid>) -> Option<Uuid> {
    parse_ref(field, Some(raw)).unwrap_or_else(|e| {
        errors.push(e);
        None
    })
}

/// A trimmed text of at most `max` characters (and not empty when `required`); a text outside
/// that is recorded as an error on `field`.
pub(crate) fn bounded_text(
    raw: &str,
    field: &str,
    max: usize,
    required: bool,
    errors: &mut Vec<Invalid>,
) -> String {
    let t = raw.trim();
    if (required && t.is_empty()) || t.chars().count() > max {
        errors.push(Invalid::new(field, "length", format!("1 to {max} characters")));
    }
    t.to_owned()
}
