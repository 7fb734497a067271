//! Translations with Fluent. Swedish is the default; English is complete too (a test fails if a
//! message exists in one language only).
//!
//! The language of a request comes from the `lang` cookie (set by the language switch), then
//! the browser's `Accept-Language`, then Swedish.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use mognad_domain::org::Language;
use std::convert::Infallible;
use std::sync::OnceLock;

pub const SV: &str = include_str!("../locales/sv.ftl");
pub const EN: &str = include_str!("../locales/en.ftl");

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Language) -> &'static Bundle {
    static SV_B: OnceLock<Bundle> = OnceLock::new();
    static EN_B: OnceLock<Bundle> = OnceLock::new();
    let (cell, src, id) = match lang {
        Language::Sv => (&SV_B, SV, "sv"),
        Language::En => (&EN_B, EN, "en"),
    };
    cell.get_or_init(|| {
        let res = FluentResource::try_new(src.to_owned()).expect("locale files parse (checked by tests)");
        let mut b = FluentBundle::new_concurrent(vec![id.parse().expect("valid language id")]);
        // Isolation marks around arguments confuse screen readers and copy-paste; our texts
        // have no right-to-left content.
        b.set_use_isolating(false);
        b.add_resource(res)
            .expect("no duplicate messages (checked by tests)");
        b
    })
}

/// A translator for one language, handed to templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Language,
}

impl Tr {
    pub fn new(lang: Language) -> Self {
        Self { lang }
    }

    /// The message `key`; a missing key shows the key itself, so it is noticed rather than hidden.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with one named argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.to_string()));
        self.format(key, Some(&args))
    }

    /// The message `key` with several named arguments.
    pub fn tn(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, FluentValue::from(value.to_string()));
        }
        self.format(key, Some(&args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let b = bundle(self.lang);
        let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        b.format_pattern(pattern, args, &mut errors).into_owned()
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The other language, for the switch link.
    pub fn other(&self) -> Language {
        match self.lang {
            Language::Sv => Language::En,
            Language::En => Language::Sv,
        }
    }
}

/// Picks the language from the cookie, then `Accept-Language`, then Swedish.
pub fn detect(parts: &Parts) -> Language {
    if let Some(lang) = crate::http::cookie(&parts.headers, "lang").and_then(|v| Language::parse(&v).ok()) {
        return lang;
    }
    let accept = parts
        .headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    negotiate(accept).unwrap_or(Language::Sv)
}

/// The language an `Accept-Language` header prefers most among those Mognad speaks: entries
/// by their q-value (1 when absent), ties in the header's order, `q=0` meaning "not this one".
pub fn negotiate(accept: &str) -> Option<Language> {
    let mut wanted: Vec<(u16, usize, Language)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, entry)| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?.trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .next()
                .map_or(Some(1000), |v| {
                    v.trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        .map(|q| (q * 1000.0).round() as u16)
                })?;
            let lang = Language::parse(&primary).ok()?;
            (q > 0).then_some((q, i, lang))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted.first().map(|w| w.2)
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::new(detect(parts)))
    }
}

/// Message ids defined in a Fluent source, for the parity test.
pub fn message_ids(src: &str) -> Vec<String> {
    let res = FluentResource::try_new(src.to_owned()).unwrap_or_else(|(r, _)| r);
    res.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::negotiate;
    use mognad_domain::org::Language::{En, Sv};

    #[test]
    fn accept_language_is_read_by_its_q_values() {
        assert_eq!(negotiate("en;q=0.1, sv;q=0.9"), Some(Sv));
        assert_eq!(negotiate("sv;q=0.2, en-GB;q=0.8"), Some(En));
        assert_eq!(
            negotiate("de, en-US;q=0.7, sv;q=0.5"),
            Some(En),
            "unknown languages are skipped"
        );
        assert_eq!(
            negotiate("en, sv"),
            Some(En),
            "equal weights keep the header's order"
        );
        assert_eq!(
            negotiate("sv;q=0, en;q=0.3"),
            Some(En),
            "q=0 rules a language out"
        );
        assert_eq!(negotiate("fr, de"), None);
        assert_eq!(negotiate("en;q=oops, sv"), Some(Sv), "a broken entry is ignored");
        assert_eq!(negotiate(""), None);
    }
}
