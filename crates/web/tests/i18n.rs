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
