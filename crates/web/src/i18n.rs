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
    for tag in accept.split(',') {
        let primary = tag
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .split('-')
            .next()
            .unwrap_or("");
        if let Ok(lang) = Language::parse(primary) {
            return lang;
        }
    }
    Language::Sv
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
