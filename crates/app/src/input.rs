//! Reading loosely typed input (what a form or a JSON body holds) into checked values: every
//! problem of an input gathered at once, references parsed as ids, texts kept within bounds.

use crate::{AppError, Invalid, Result};
use serde::Deserialize;
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

    /// The collected problems as an error, for a caller that cannot go on without the values.
    pub fn into_error(self) -> AppError {
        AppError::Invalid(self.0)
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

/// Records why a required one-line text (a card's or an agenda's title) cannot be taken: empty,
/// longer than `max` characters, or holding control characters, each with its own code so the
/// reader is told which.
pub(crate) fn check_title(t: &str, field: &str, max: usize, errors: &mut Vec<Invalid>) {
    if t.is_empty() {
        errors.push(Invalid::new(
            field,
            "empty",
            format!("a {field} of 1 to {max} characters"),
        ));
    } else if t.chars().count() > max {
        errors.push(Invalid::new(
            field,
            "too-long",
            format!("at most {max} characters"),
        ));
    } else if t.chars().any(char::is_control) {
        errors.push(Invalid::new(field, "control-chars", "no control characters"));
    }
}

/// Reads a field the way a form sends it (text) from whatever JSON holds: a string as it is, a
/// number or `true`/`false` as its text, `null` as blank. So a body that `GET` gave can be sent
/// back with `PUT`, and the checks that follow see the same text a form would have sent.
pub fn loose<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    d.deserialize_any(Loose {
        lists: false,
        scalars: true,
    })
}

/// A yes or no from JSON (`true`/`false`) or a form (a checkbox sends `on` when ticked and
/// nothing otherwise; `true`, `1` and `yes` count too). Anything else is no.
pub fn loose_bool<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let text = loose(d)?;
    Ok(matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "true" | "on" | "1" | "yes"
    ))
}

/// Text, or `null` as blank: for a reference or a date that `GET` gives as `null` when unset.
pub fn text_or_null<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    d.deserialize_any(Loose {
        lists: false,
        scalars: false,
    })
}

/// Like [`loose`], and a list (as `GET` gives labels, engines, competences) as its items
/// joined by commas.
pub fn loose_list<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    d.deserialize_any(Loose {
        lists: true,
        scalars: false,
    })
}

/// The documented schema of a [`loose`] number: a whole number, or its text (as a form sends
/// it), or `null`/blank for none.
pub fn number_or_text() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Integer, Type::String, Type::Null]))
        .description(Some("A whole number; its text is taken too"))
        .build()
}

/// The documented schema of a [`loose_list`] field: comma-separated text, or a list of texts.
pub fn text_or_list() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
    let text = || ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null]));
    let one_of = OneOfBuilder::new()
        .item(text())
        .item(ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::String)))
        .description(Some("Comma-separated, or a list"))
        .build();
    Schema::OneOf(one_of)
}

/// A whole number from JSON, also when written as `3.0`; `null` is none.
pub fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<i64>, D::Error> {
    use serde::de::Error;
    match Option::<serde_json::Number>::deserialize(d)? {
        None => Ok(None),
        Some(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            })
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("{n} is not a whole number"))),
    }
}

struct Loose {
    /// Takes a list, joined by commas.
    lists: bool,
    /// Takes a number or a boolean as its text.
    scalars: bool,
}

impl Loose {
    fn scalar<E: serde::de::Error>(
        &self,
        v: String,
        what: serde::de::Unexpected,
    ) -> std::result::Result<String, E> {
        if self.scalars {
            Ok(v)
        } else {
            Err(E::invalid_type(what, self))
        }
    }
}

impl<'de> serde::de::Visitor<'de> for Loose {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(match (self.lists, self.scalars) {
            (true, _) => "text, null or a list of texts",
            (false, true) => "text, a number, true or false, or null",
            (false, false) => "text or null",
        })
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<String, E> {
        self.scalar(v.to_string(), serde::de::Unexpected::Signed(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<String, E> {
        self.scalar(v.to_string(), serde::de::Unexpected::Unsigned(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<String, E> {
        self.scalar(v.to_string(), serde::de::Unexpected::Float(v))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<String, E> {
        self.scalar(v.to_string(), serde::de::Unexpected::Bool(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E>(self) -> std::result::Result<String, E> {
        Ok(String::new())
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<String, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<String, A::Error> {
        if !self.lists {
            return Err(serde::de::Error::invalid_type(serde::de::Unexpected::Seq, &self));
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Item>()? {
            items.push(item.0);
        }
        Ok(items.join(","))
    }
}

/// One item of a list: text (`null` reads as blank).
struct Item(String);

impl<'de> serde::Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Item, D::Error> {
        d.deserialize_any(Loose {
            lists: false,
            scalars: false,
        })
        .map(Item)
    }
}

/// The documented schema of a role: one of `owner`, `admin`, `analyst`, `hr`, `member`.
pub fn role() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            mognad_domain::role::Role::ALL.iter().rev().map(|r| r.as_str()),
        ))
        .build()
}

/// [`role`], or null.
pub fn role_or_null() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(
            mognad_domain::role::Role::ALL
                .iter()
                .rev()
                .map(|r| serde_json::Value::from(r.as_str()))
                .chain([serde_json::Value::Null]),
        ))
        .build()
}

#[cfg(test)]
mod loose_tests {
    #[derive(serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "super::loose_list")]
        v: String,
    }

    #[derive(serde::Deserialize)]
    struct S {
        #[serde(default, deserialize_with = "super::loose")]
        v: String,
        #[serde(default, deserialize_with = "super::whole")]
        n: Option<i64>,
    }

    fn read(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap().v
    }

    #[test]
    fn json_values_read_as_a_form_would_send_them() {
        assert_eq!(read(r#"{"v": "5"}"#), "5");
        assert_eq!(read(r#"{"v": null}"#), "");
        assert_eq!(read(r#"{}"#), "");
        assert_eq!(read(r#"{"v": ["a", "b c"]}"#), "a,b c");
        assert!(serde_json::from_str::<T>(r#"{"v": 5}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"v": {"x": 1}}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"v": [[1]]}"#).is_err());
        // Where a list makes no sense, it is refused rather than joined.
        assert!(serde_json::from_str::<S>(r#"{"v": [null, null]}"#).is_err());
        let s: S = serde_json::from_str(r#"{"v": 5, "n": -3.0}"#).unwrap();
        assert_eq!((s.v.as_str(), s.n), ("5", Some(-3)));
        let s: S = serde_json::from_str(r#"{"v": true}"#).unwrap();
        assert_eq!(s.v, "true");
        assert!(serde_json::from_str::<S>(r#"{"n": 1.5}"#).is_err());
    }
}
