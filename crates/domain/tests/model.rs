//! Model files: the shipped models are valid and complete, and a broken file is rejected with
//! every error at its line.

use mognad_domain::model::{ItemKind, ModelError, Phase, builtin, parse};

const SMALL: &str = r#"format = "mognad-model-1"
id = "liten"
version = 2
name = { sv = "Liten", en = "Small" }
description = { sv = "Test", en = "Test" }
recommended_order = ["a"]

[[engine]]
id = "a"
name = { sv = "A", en = "A" }
description = { sv = "A", en = "A" }
focus = "koordinering"
levels.mobilisering = { sv = "1", en = "1" }
levels.koordinering = { sv = "2", en = "2" }
levels.acceleration = { sv = "3", en = "3" }

[[engine.item]]
id = "a1"
kind = "statements"
text = { sv = "Fråga", en = "Question" }
weight = 2.5
options = [{ sv = "låg", en = "low" }, { sv = "hög", en = "high" }]

[[engine.item]]
id = "a2"
kind = "scale"
text = { sv = "Skala", en = "Scale" }
"#;

fn errors(src: &str) -> Vec<ModelError> {
    parse(src).expect_err("the file should be rejected")
}

fn lines(errs: &[ModelError]) -> Vec<usize> {
    errs.iter().map(|e| e.line).collect()
}

#[test]
fn the_shipped_models_are_complete() {
    let models = builtin();
    assert_eq!(models.len(), 2);
    let nine = &models[0];
    let names: Vec<&str> = nine.engines.iter().map(|e| e.name.sv.as_str()).collect();
    assert_eq!(
        names,
        [
            "Värderingar",
            "Vision & Mission",
            "Strategiarbete",
            "Organisation",
            "Infrastruktur",
            "Processer",
            "Data & Analys",
            "Erbjudande & Intäktsmodell",
            "Kontaktytor"
        ]
    );
    let variant = &models[1];
    assert!(variant.engine("relationer").is_some() && variant.engine("varderingar").is_none());
    for m in models {
        assert_eq!(m.engines.len(), 9, "{}", m.id);
        assert_eq!(m.recommended_order.len(), 9);
        for e in &m.engines {
            assert!(
                (4..=8).contains(&e.items.len()),
                "{} has {} items",
                e.id,
                e.items.len()
            );
            assert!(
                e.items.iter().any(|i| matches!(i.kind, ItemKind::Statements(_))),
                "{} asks for a statement",
                e.id
            );
            assert!(e.levels.iter().all(|l| !l.sv.is_empty() && !l.en.is_empty()));
            let advice = e
                .advice
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no advice", e.id));
            // Advice says more than the phase's description, and differs per phase.
            for (a, l) in advice.iter().zip(&e.levels) {
                assert!(a.sv.len() > l.sv.len() && a.en.len() > 60, "{}: {}", e.id, a.en);
            }
            assert!(advice[0] != advice[1] && advice[1] != advice[2]);
        }
    }
    assert_eq!(nine.engine("organisation").unwrap().focus, Phase::Koordinering);
}

#[test]
fn a_valid_file_parses_into_the_model() {
    let m = parse(SMALL).unwrap();
    assert_eq!((m.id.as_str(), m.version), ("liten", 2));
    let e = &m.engines[0];
    assert_eq!(e.focus, Phase::Koordinering);
    assert_eq!(e.items[0].weight, 2.5);
    assert_eq!(e.items[0].answer_count(), 2);
    assert_eq!(e.items[1].weight, 1.0);
    assert_eq!(e.items[1].answer_count(), 5);
    assert_eq!(e.levels[2].en, "3");
}

#[test]
fn syntax_errors_name_their_line() {
    let broken = SMALL.replace(r#"kind = "scale""#, r#"kind = "scale"#);
    let errs = errors(&broken);
    assert_eq!(lines(&errs), [26], "{errs:?}");
    let missing = SMALL.replace("focus = \"koordinering\"\n", "");
    let errs = errors(&missing);
    assert!(errs[0].message.contains("focus"), "{errs:?}");
    let unknown = SMALL.replace("weight = 2.5", "vikt = 2.5");
    assert!(errors(&unknown)[0].message.contains("vikt"));
}

#[test]
fn every_rule_break_is_reported_at_its_line() {
    let bad = SMALL
        .replace(r#"focus = "koordinering""#, r#"focus = "snart""#) // line 12
        .replace(r#"weight = 2.5"#, "weight = -1") // line 21
        .replace(r#"id = "a2""#, r#"id = "a1""#) // line 25
        .replace(r#"kind = "scale""#, r#"kind = "stars""#) // line 26
        .replace(
            r#"text = { sv = "Skala", en = "Scale" }"#,
            r#"text = { sv = "", en = "Scale" }"#,
        ); // line 27
    let errs = errors(&bad);
    assert_eq!(lines(&errs), [12, 21, 25, 26, 27], "{errs:#?}");
    assert!(errs[2].message.contains("used twice"));
    assert_eq!(errs[4].column, 15, "the column points at the empty text");
}

#[test]
fn structure_rules_are_checked() {
    let one_option = SMALL.replace(
        r#"options = [{ sv = "låg", en = "low" }, { sv = "hög", en = "high" }]"#,
        r#"options = [{ sv = "låg", en = "low" }]"#,
    );
    assert!(errors(&one_option)[0].message.contains("2 to 7 options"));
    let scale_with_options = SMALL.replace("kind = \"statements\"", "kind = \"scale\"");
    assert!(errors(&scale_with_options)[0].message.contains("no options"));
    let order = SMALL.replace(
        r#"recommended_order = ["a"]"#,
        r#"recommended_order = ["a", "b"]"#,
    );
    assert!(errors(&order)[0].message.contains("'b'"));
    let left_out = SMALL.replace(r#"recommended_order = ["a"]"#, "recommended_order = []");
    assert!(errors(&left_out)[0].message.contains("leaves out"));
    let format = SMALL.replace("mognad-model-1", "mognad-model-9");
    assert_eq!(lines(&errors(&format)), [1]);
    let bad_id = SMALL.replace(r#"id = "liten""#, r#"id = "Liten modell""#);
    assert_eq!(lines(&errors(&bad_id)), [2]);
}

#[test]
fn arbitrary_input_never_panics() {
    // A cheap stand-in for fuzzing until the property suite lands: every prefix and a few
    // mutations of a valid file must give Ok or errors, never a panic.
    for cut in (0..SMALL.len()).filter(|i| SMALL.is_char_boundary(*i)) {
        let _ = parse(&SMALL[..cut]);
    }
    for junk in [
        "",
        "\u{0}",
        "[[engine]]\n[[engine.item]]",
        "engine = 5",
        "x = \"\u{202e}\"",
    ] {
        assert!(parse(junk).is_err());
    }
}

#[test]
fn advice_is_optional_whole_and_falls_back_to_the_shipped_model() {
    // A model of its own without advice has none.
    let m = parse(SMALL).unwrap();
    assert_eq!(m.engines[0].advice("liten", Phase::Mobilisering), None);

    // Advice, when given, names all three phases.
    let partial = SMALL.replace(
        "levels.acceleration = { sv = \"3\", en = \"3\" }",
        "levels.acceleration = { sv = \"3\", en = \"3\" }\nadvice.mobilisering = { sv = \"Gör\", en = \"Do\" }",
    );
    let errs = errors(&partial);
    assert!(
        errs.iter().any(|e| e.message.contains("koordinering")),
        "{errs:?}"
    );

    let full = SMALL.replace(
        "levels.acceleration = { sv = \"3\", en = \"3\" }",
        "levels.acceleration = { sv = \"3\", en = \"3\" }\n\
         advice = { mobilisering = { sv = \"m\", en = \"m\" }, koordinering = { sv = \"k\", en = \"k\" }, acceleration = { sv = \"a\", en = \"a\" } }",
    );
    let m = parse(&full).unwrap();
    assert_eq!(m.engines[0].advice("liten", Phase::Koordinering).unwrap().sv, "k");

    // A round measured on a shipped model stored before the texts existed gets them by id.
    let shipped = &builtin()[0];
    let mut old = shipped.engines[2].clone();
    old.advice = None;
    let phase = Phase::Acceleration;
    assert_eq!(
        old.advice(&shipped.id, phase),
        shipped.engines[2].advice(&shipped.id, phase)
    );
    assert!(old.advice(&shipped.id, phase).is_some());
    assert_eq!(old.advice("another-model", phase), None);
}
