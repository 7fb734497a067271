//! Every message exists in both languages, and every message the code asks for by a literal key
//! exists.

use mognad_web::i18n::{EN, SV, message_ids};
use std::collections::BTreeSet;

#[test]
fn swedish_and_english_have_the_same_messages() {
    let sv: BTreeSet<String> = message_ids(SV).into_iter().collect();
    let en: BTreeSet<String> = message_ids(EN).into_iter().collect();
    assert!(sv.len() > 100);
    let only_sv: Vec<_> = sv.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&sv).collect();
    assert!(
        only_sv.is_empty() && only_en.is_empty(),
        "only in sv: {only_sv:?}; only in en: {only_en:?}"
    );
}

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_literal_key_in_code_and_templates_exists() {
    let defined: BTreeSet<String> = message_ids(SV).into_iter().collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    files(&root.join("templates"), &mut paths);
    let mut missing = Vec::new();
    let mut seen = 0;
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        for call in [".t(\"", ".t1(\""] {
            for part in text.split(call).skip(1) {
                let key = part.split('"').next().unwrap();
                if key.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !key.is_empty() {
                    seen += 1;
                    if !defined.contains(key) {
                        missing.push(format!("{}: {key}", p.display()));
                    }
                }
            }
        }
    }
    assert!(
        seen > 50,
        "the scan found too few keys ({seen}); has the call syntax changed?"
    );
    assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
}

#[test]
fn every_problem_in_a_data_file_has_its_message() {
    use mognad_domain::org::Language;
    use mognad_web::i18n::Tr;
    for lang in [Language::Sv, Language::En] {
        let tr = Tr::new(lang);
        for code in mognad_domain::source::CODES {
            let key = format!("invalid-source-{code}");
            let text = tr.tn(&key, &[("line", "3"), ("column", "7")]);
            assert!(
                text != key && text.contains('3') && text.contains('7'),
                "{lang:?}: {key}"
            );
        }
    }
}

/// The string literal at the start of `s` (after white space), if there is one.
fn literal(s: &str) -> Option<String> {
    let s = s.trim_start().strip_prefix('"')?;
    Some(s.split('"').next()?.to_owned())
}

/// What follows the first comma outside brackets in `s`: a call's second argument onwards.
fn after_first_argument(s: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return "",
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return &s[i + 1..],
            _ => {}
        }
    }
    ""
}

/// Every problem, conflict and refusal code the use cases and the domain can give, read from
/// their sources: (kind, code).
fn app_codes() -> BTreeSet<(&'static str, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = Vec::new();
    files(&root.join("app/src"), &mut paths);
    files(&root.join("domain/src"), &mut paths);
    let mut out = BTreeSet::new();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
        let text = std::fs::read_to_string(p).unwrap();
        for call in ["Invalid::new(", "AppError::invalid("] {
            for part in text.split(call).skip(1) {
                if let Some(code) = literal(after_first_argument(part)) {
                    out.insert(("invalid", code));
                }
            }
        }
        // The import's own reasons for a row, said like form problems.
        for part in text.split("\"import-").skip(1) {
            let rest: String = part
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if part[rest.len()..].starts_with('"') && !rest.is_empty() {
                out.insert(("invalid", format!("import-{rest}")));
            }
        }
        for part in text.split("AppError::conflict(").skip(1) {
            out.extend(literal(part).map(|c| ("conflict", c)));
        }
        for part in text.split("refuse(").skip(1) {
            if let Some(code) = literal(after_first_argument(part)) {
                out.insert(("invalid", code));
            }
        }
        for part in text.split("Constraint {").skip(1) {
            let head: String = part.chars().take(200).collect();
            if let Some((_, rest)) = head.split_once("code:") {
                out.extend(literal(rest).map(|c| ("refused", c)));
            }
        }
        for part in text.split("refused(").skip(1) {
            out.extend(literal(part).map(|c| ("refused", c)));
        }
        for part in text.split("Refused {").skip(1) {
            let head: String = part.chars().take(200).collect();
            if let Some((_, rest)) = head.split_once("code:") {
                out.extend(literal(rest).map(|c| ("refused", c)));
            }
        }
        // The domain's own rules, each with its code.
        if p.ends_with("domain/src/error.rs") {
            let body = text.split("pub fn code(&self)").nth(1).unwrap();
            let body = body.split("pub fn field").next().unwrap();
            for part in body.split("=> ").skip(1) {
                out.extend(literal(part).map(|c| ("invalid", c)));
            }
        }
    }
    out
}

#[tokio::test]
async fn every_problem_and_refusal_of_the_app_is_said_in_swedish() {
    use axum::response::IntoResponse;
    use mognad_app::{AppError, Invalid};
    use mognad_domain::org::Language;
    use mognad_web::error::WebError;
    use mognad_web::i18n::Tr;
    const ENGLISH: &str = "ENGLISH MESSAGE LEFT UNTRANSLATED";
    let codes = app_codes();
    assert!(
        codes.len() > 80,
        "the scan found too few codes ({}); has the call syntax changed?",
        codes.len()
    );
    let mut english = Vec::new();
    for (kind, code) in &codes {
        let code: &'static str = Box::leak(code.clone().into_boxed_str());
        let e = match *kind {
            "invalid" => AppError::Invalid(vec![Invalid::new("field", code, ENGLISH)]),
            "conflict" => AppError::conflict(code, ENGLISH, &[]),
            _ => AppError::Refused {
                code,
                message: ENGLISH.into(),
            },
        };
        let res = WebError::app(e, false, Tr::new(Language::Sv)).into_response();
        let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains("lang=\"sv\""));
        if page.contains(ENGLISH) {
            english.push(format!("{kind}-{code}"));
        }
    }
    assert!(
        english.is_empty(),
        "said in English on a Swedish page: {english:?}"
    );
}
