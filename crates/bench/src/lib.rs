//! Mognad's measuring tools: the load driver's HTTP client and answer form are shared by the
//! `mognad-bench` binary and the crash-safety test, which drive the real server the same way.

pub mod http;

use mognad_domain::answer::complete_form;
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
    complete_form(&model::builtin()[0], |i| 1 + i.answer_count() / 2, 4)
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `host:port` of each server in `urls` (`http://a:1,http://b:2`): load drivers give client
/// `k` the server `k mod n`, so one run can drive several servers on one database.
pub fn addresses(urls: &str) -> Vec<String> {
    urls.split(',')
        .map(|u| {
            u.trim()
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_owned()
        })
        .filter(|a| !a.is_empty())
        .collect()
}
