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

/// Reads a field the way a form sends it (text) from whatever JSON holds: a string as it is, a
/// number or `true`/`false` as its text, `null` as blank, a list as its items joined by commas.
/// So a body that `GET` gave can be sent back with `PUT`, and the checks that follow see the
/// same text a form would have sent.
pub fn loose<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    struct Loose;
    impl<'de> serde::de::Visitor<'de> for Loose {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text, a number, true or false, null or a list of them")
        }
        fn visit_str<E>(self, v: &str) -> std::result::Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E>(self, v: String) -> std::result::Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E>(self, v: i64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E>(self, v: u64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E>(self, v: f64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E>(self, v: bool) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E>(self) -> std::result::Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E>(self) -> std::result::Result<String, E> {
            Ok(String::new())
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> std::result::Result<String, D2::Error> {
            d.deserialize_any(Loose)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<String, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Item>()? {
                items.push(item.0);
            }
            Ok(items.join(","))
        }
    }
    /// One item of a list: any of the above but a list.
    struct Item(String);
    impl<'de> serde::Deserialize<'de> for Item {
        fn deserialize<D2: serde::Deserializer<'de>>(d: D2) -> std::result::Result<Item, D2::Error> {
            d.deserialize_any(Loose).map(Item)
        }
    }
    d.deserialize_any(Loose)
}

#[cfg(test)]
mod loose_tests {
    #[derive(serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "super::loose")]
        v: String,
    }

    fn read(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap().v
    }

    #[test]
    fn json_values_read_as_a_form_would_send_them() {
        assert_eq!(read(r#"{"v": "5"}"#), "5");
        assert_eq!(read(r#"{"v": 5}"#), "5");
        assert_eq!(read(r#"{"v": -2}"#), "-2");
        assert_eq!(read(r#"{"v": null}"#), "");
        assert_eq!(read(r#"{}"#), "");
        assert_eq!(read(r#"{"v": true}"#), "true");
        assert_eq!(read(r#"{"v": ["a", "b c", 3]}"#), "a,b c,3");
        assert!(serde_json::from_str::<T>(r#"{"v": {"x": 1}}"#).is_err());
    }
}
