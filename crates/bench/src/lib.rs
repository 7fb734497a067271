//! Mognad's measuring tools: the load driver's HTTP client and answer form are shared by the
//! `mognad-bench` binary and the crash-safety test, which drive the real server the same way.

pub mod http;

use mognad_domain::answer::{importance_field, item_field};
use mognad_domain::model;

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every answer of the default model, as a form body (without the CSRF field).
pub fn answers_body() -> String {
    let m = &model::builtin()[0];
    let mut parts = Vec::new();
    for e in &m.engines {
        for i in &e.items {
            parts.push(format!(
                "{}={}",
                encode(&item_field(&e.id, &i.id)),
                1 + i.answer_count() / 2
            ));
        }
        parts.push(format!("{}=4", encode(&importance_field(&e.id))));
    }
    parts.join("&")
}
