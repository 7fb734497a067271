//! Property tests for the model parser: whatever text arrives — random characters, or a valid
//! file with random damage — parsing ends in a model or in errors that point at a real line,
//! never in a panic.

use mognad_domain::model::{builtin_sources, parse};
use proptest::prelude::*;

fn check(src: &str) {
    if let Err(errors) = parse(src) {
        assert!(!errors.is_empty(), "an error result names at least one error");
        let lines = src.lines().count().max(1) + 1;
        for e in errors {
            assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
            assert!(!e.to_string().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_text_never_panics(src in "\\PC{0,400}") {
        check(&src);
    }

    #[test]
    fn damaged_model_files_give_located_errors(
        cuts in proptest::collection::vec((0usize..20_000, 0usize..40, "\\PC{0,12}"), 1..6)
    ) {
        let mut src = builtin_sources()[0].to_owned();
        for (at, len, insert) in cuts {
            let mut at = at % (src.len() + 1);
            while !src.is_char_boundary(at) { at -= 1; }
            let mut end = (at + len).min(src.len());
            while !src.is_char_boundary(end) { end -= 1; }
            src.replace_range(at..end, &insert);
        }
        check(&src);
    }
}
