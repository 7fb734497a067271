//! The summary's sentences: which are said, in what order, and what they name.

use super::*;
use Phase::*;

fn engine(key: &str, score: f64, expected: Phase) -> EngineFact {
    EngineFact {
        key: key.into(),
        score,
        phase: crate::model::score::phase_of(score),
        expected,
    }
}

fn change(key: &str, diff: f64, clear: bool) -> ChangeFact {
    ChangeFact {
        key: key.into(),
        diff,
        clear,
    }
}

fn facts() -> Facts {
    Facts {
        engines: vec![
            engine("a", 70.0, Koordinering),
            engine("b", 20.0, Koordinering),
            engine("c", 50.0, Mobilisering),
        ],
        gaps: vec!["b".into(), "c".into(), "a".into(), "d".into()],
        changes: None,
        answered: 12,
        base: 16,
        overall: Some(Koordinering),
    }
}

#[test]
fn a_full_summary_reads_in_order() {
    assert_eq!(
        summarise(&facts()),
        vec![
            Sentence::Response {
                answered: 12,
                base: 16,
                percent: 75
            },
            Sentence::Overall { phase: Koordinering },
            Sentence::Strongest {
                engine: "a".into(),
                score: 70
            },
            Sentence::Weakest {
                engine: "b".into(),
                score: 20
            },
            Sentence::TopGaps {
                engines: vec!["b".into(), "c".into(), "a".into()]
            },
            Sentence::Behind {
                engines: vec!["b".into()]
            },
        ]
    );
}

#[test]
fn only_clear_changes_are_named_largest_first() {
    let mut f = facts();
    f.changes = Some(vec![
        change("a", 4.0, true),
        change("b", 12.0, true),
        change("c", -9.0, true),
        change("d", 30.0, false),
    ]);
    let s = summarise(&f);
    assert!(s.contains(&Sentence::Improved {
        engines: vec!["b".into(), "a".into()]
    }));
    assert!(s.contains(&Sentence::Declined {
        engines: vec!["c".into()]
    }));
    assert!(!s.contains(&Sentence::NoClearChange));

    f.changes = Some(vec![change("a", 30.0, false)]);
    let s = summarise(&f);
    assert!(s.contains(&Sentence::NoClearChange));
    assert!(!s.iter().any(|x| matches!(x, Sentence::Improved { .. })));
}

#[test]
fn no_previous_round_says_nothing_of_change() {
    let s = summarise(&facts());
    assert!(!s.iter().any(|x| matches!(
        x,
        Sentence::NoClearChange | Sentence::Improved { .. } | Sentence::Declined { .. }
    )));
}

#[test]
fn equal_scores_name_no_strongest_and_no_gaps_are_said() {
    let f = Facts {
        engines: vec![engine("a", 50.2, Koordinering), engine("b", 49.9, Koordinering)],
        gaps: Vec::new(),
        base: 0,
        answered: 7,
        ..facts()
    };
    let s = summarise(&f);
    assert_eq!(s[0], Sentence::Answers { answered: 7 });
    assert!(!s.iter().any(|x| matches!(x, Sentence::Strongest { .. })));
    assert!(s.contains(&Sentence::NoGaps));
    assert_eq!(s.last(), Some(&Sentence::InStep));
}
