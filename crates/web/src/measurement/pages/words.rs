//! The results in words, in the reader's language: the summary's sentences and, per engine,
//! what its phase means and the recommended next step from the model.

use crate::i18n::Tr;
use crate::measurement::pages::results::fmt;
use mognad_app::measurement::detail::AreaDetail;
use mognad_domain::model::{Model, Phase};
use mognad_domain::summary::Sentence;

/// An engine explained: where it stands, what that means, and what to do next.
pub struct EngineText {
    pub name: String,
    pub score: String,
    pub phase: String,
    pub meaning: String,
    pub expected: String,
    pub advice: String,
}

/// "A, B och C" in the reader's language.
pub fn list(tr: Tr, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), tr.t("list-and")),
    }
}

fn phase_name(tr: Tr, p: Phase) -> String {
    tr.t(&format!("phase-{}", p.key()))
}

/// The summary's sentences, each a whole sentence in the reader's language.
pub fn sentences(tr: Tr, model: &Model, list_of: &[Sentence]) -> Vec<String> {
    let name = |key: &str| {
        model
            .engine(key)
            .map(|e| e.name.get(tr.lang).to_owned())
            .unwrap_or_else(|| key.to_owned())
    };
    let names = |keys: &[String]| list(tr, &keys.iter().map(|k| name(k)).collect::<Vec<_>>());
    list_of
        .iter()
        .map(|s| match s {
            Sentence::Response {
                answered,
                base,
                percent,
            } => tr.tn(
                "summary-response",
                &[
                    ("answered", &answered.to_string()),
                    ("base", &base.to_string()),
                    ("percent", &percent.to_string()),
                ],
            ),
            Sentence::Answers { answered } => tr.t1("summary-answers", "answered", answered),
            Sentence::Overall { phase } => tr.t1("summary-overall", "phase", phase_name(tr, *phase)),
            Sentence::Strongest { engine, score } => tr.tn(
                "summary-strongest",
                &[("engine", &name(engine)), ("score", &score.to_string())],
            ),
            Sentence::Weakest { engine, score } => tr.tn(
                "summary-weakest",
                &[("engine", &name(engine)), ("score", &score.to_string())],
            ),
            Sentence::TopGaps { engines } => tr.t1("summary-top-gaps", "engines", names(engines)),
            Sentence::NoGaps => tr.t("summary-no-gaps"),
            Sentence::Improved { engines } => tr.t1("summary-improved", "engines", names(engines)),
            Sentence::Declined { engines } => tr.t1("summary-declined", "engines", names(engines)),
            Sentence::NoClearChange => tr.t("summary-no-clear-change"),
            Sentence::Behind { engines } => tr.t1("summary-behind", "engines", names(engines)),
            Sentence::InStep => tr.t("summary-in-step"),
        })
        .collect()
}

/// Per engine with a score: its phase, what the phase means for it, the phase the recommended
/// practice expects, and the model's advice for the next step.
pub fn engine_texts(tr: Tr, model: &Model, d: &AreaDetail) -> Vec<EngineText> {
    d.engines
        .iter()
        .zip(&model.engines)
        .filter_map(|(r, e)| {
            let phase = Phase::parse(r.phase.as_deref()?)?;
            Some(EngineText {
                name: e.name.get(tr.lang).to_owned(),
                score: fmt(r.score),
                phase: phase_name(tr, phase),
                meaning: e.level(phase).get(tr.lang).to_owned(),
                expected: r
                    .expected
                    .as_deref()
                    .and_then(Phase::parse)
                    .map(|p| phase_name(tr, p))
                    .unwrap_or_default(),
                advice: e
                    .advice(&model.id, phase)
                    .map(|a| a.get(tr.lang).to_owned())
                    .unwrap_or_default(),
            })
        })
        .collect()
}
