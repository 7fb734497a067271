//! The results in words, in the reader's language: the summary's sentences and, per engine,
//! what its phase means and the recommended next step from the model.

use crate::i18n::Tr;
use crate::measurement::pages::results::fmt;
use mognad_app::measurement::detail::AreaDetail;
use mognad_app::measurement::results::{RoundResults, Withheld};
use mognad_domain::model::{Item, ItemKind, Model, Phase};
use mognad_domain::summary::Sentence;
use mognad_reports::bars::Bars;
use mognad_reports::hbars;

/// An engine explained: where it stands, what that means, and what to do next.
pub struct EngineText {
    /// The engine's place in the model (and in the area's results).
    pub index: usize,
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
        .enumerate()
        .filter_map(|(index, (r, e))| {
            let phase = Phase::parse(r.phase.as_deref()?)?;
            Some(EngineText {
                index,
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

/// How one question was answered, as labelled bars (each option with its count), and the same
/// in words for a reader who cannot see the chart.
pub fn distribution(tr: Tr, item: &Item, counts: &[i64], id: &str) -> (String, String) {
    let labels: Vec<String> = match &item.kind {
        ItemKind::Statements(o) => o.iter().map(|t| t.get(tr.lang).to_owned()).collect(),
        ItemKind::Scale => (1..=5).map(|s| tr.t(&format!("respond-scale-{s}"))).collect(),
    };
    let bars: Vec<(String, Option<f64>)> = labels
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(k, (l, n))| (format!("{} {l}", k + 1), Some(*n as f64)))
        .collect();
    let question = item.text.get(tr.lang);
    let said = bars
        .iter()
        .map(|(l, n)| format!("{l}: {}", fmt(*n)))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = hbars::render(&Bars {
        id,
        title: question,
        desc: &format!("{}: {said}.", tr.t("area-distribution")),
        bars: &bars,
        max: 0.0,
    });
    (svg, format!("{}: {said}.", tr.t("area-distribution")))
}

/// Why an area's results are not shown, in the reader's language.
pub fn withheld(tr: Tr, res: &RoundResults, area: uuid::Uuid) -> String {
    match res.area(area).and_then(|a| a.withheld) {
        Some(Withheld::NotClosed) => tr.t("round-notice-open"),
        Some(Withheld::ProtectsOthers) => tr.t1("area-hidden-protects", "k", res.k),
        _ => tr.t1("area-hidden", "k", res.k),
    }
}

/// The gap list as table cells: engine, score, target, gap, importance, priority.
pub fn gap_rows(tr: Tr, model: &Model, d: &AreaDetail) -> Vec<Vec<String>> {
    let name = |k: &str| {
        model
            .engine(k)
            .map(|e| e.name.get(tr.lang).to_owned())
            .unwrap_or_default()
    };
    d.gaps
        .iter()
        .map(|g| {
            vec![
                name(&g.engine),
                fmt(Some(g.score)),
                g.target.to_string(),
                fmt(Some(g.gap)),
                g.importance
                    .map(|i| format!("{i:.1}"))
                    .unwrap_or_else(|| "–".into()),
                format!("{:.0}", g.priority.round()),
            ]
        })
        .collect()
}
