//! An area's results in words: what a leadership group reads first. From the facts of one area
//! (engine scores and phases, the gap list, the change since the previous round, the response)
//! it picks the sentences worth saying; the web layer words them in the reader's language.
//!
//! Only facts the results already show go in, so a summary never says more than the tables:
//! it is built for visible areas only, and changes only where the comparison shows them.

use crate::model::Phase;
use serde::Serialize;

/// One engine of a visible area.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineFact {
    pub key: String,
    pub score: f64,
    pub phase: Phase,
    /// The phase the recommended practice expects, given the area's overall phase.
    pub expected: Phase,
}

/// The change of one engine since the previous round.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeFact {
    pub key: String,
    pub diff: f64,
    /// The 95% interval excludes zero.
    pub clear: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// In model order.
    pub engines: Vec<EngineFact>,
    /// Engines with a gap to their target, highest priority first.
    pub gaps: Vec<String>,
    /// `None` when there is no earlier round to compare with (or it withholds this area).
    pub changes: Option<Vec<ChangeFact>>,
    pub answered: i64,
    /// Whom the answers are counted against (members, or links handed out if more); 0 unknown.
    pub base: i64,
    pub overall: Option<Phase>,
}

/// One thing the summary says; engines are named by key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Sentence {
    /// `answered` of `base` answered (`percent`, rounded).
    Response {
        answered: i64,
        base: i64,
        percent: i64,
    },
    /// Only the count is known (no members or links to count against).
    Answers {
        answered: i64,
    },
    Overall {
        phase: Phase,
    },
    Strongest {
        engine: String,
        score: i64,
    },
    Weakest {
        engine: String,
        score: i64,
    },
    /// Up to three engines with the largest weighted gaps.
    TopGaps {
        engines: Vec<String>,
    },
    NoGaps,
    /// Clear rises since the previous round, largest first.
    Improved {
        engines: Vec<String>,
    },
    /// Clear falls since the previous round, largest first.
    Declined {
        engines: Vec<String>,
    },
    NoClearChange,
    /// Engines below the phase the recommended practice expects.
    Behind {
        engines: Vec<String>,
    },
    InStep,
}

/// How many engines a list sentence names at most.
const LIST: usize = 3;

/// The sentences for an area, in reading order.
pub fn summarise(f: &Facts) -> Vec<Sentence> {
    let mut out = Vec::new();
    if f.base > 0 {
        let percent = (100.0 * f.answered as f64 / f.base as f64).round() as i64;
        out.push(Sentence::Response {
            answered: f.answered,
            base: f.base,
            percent,
        });
    } else {
        out.push(Sentence::Answers { answered: f.answered });
    }
    if let Some(phase) = f.overall {
        out.push(Sentence::Overall { phase });
    }
    // The first in model order wins a tie, so the sentence does not change between page loads.
    let best = f
        .engines
        .iter()
        .reduce(|a, b| if b.score > a.score { b } else { a });
    let worst = f
        .engines
        .iter()
        .reduce(|a, b| if b.score < a.score { b } else { a });
    if let (Some(best), Some(worst)) = (best, worst)
        && best.score.round() > worst.score.round()
    {
        out.push(Sentence::Strongest {
            engine: best.key.clone(),
            score: best.score.round() as i64,
        });
        out.push(Sentence::Weakest {
            engine: worst.key.clone(),
            score: worst.score.round() as i64,
        });
    }
    if f.gaps.is_empty() {
        out.push(Sentence::NoGaps);
    } else {
        out.push(Sentence::TopGaps {
            engines: f.gaps.iter().take(LIST).cloned().collect(),
        });
    }
    if let Some(changes) = &f.changes {
        let mut clear: Vec<&ChangeFact> = changes.iter().filter(|c| c.clear).collect();
        clear.sort_by(|a, b| b.diff.abs().total_cmp(&a.diff.abs()));
        let named = |up: bool| -> Vec<String> {
            clear
                .iter()
                .filter(|c| (c.diff > 0.0) == up)
                .take(LIST)
                .map(|c| c.key.clone())
                .collect()
        };
        let (up, down) = (named(true), named(false));
        if up.is_empty() && down.is_empty() {
            out.push(Sentence::NoClearChange);
        }
        if !up.is_empty() {
            out.push(Sentence::Improved { engines: up });
        }
        if !down.is_empty() {
            out.push(Sentence::Declined { engines: down });
        }
    }
    if !f.engines.is_empty() {
        let behind: Vec<String> = f
            .engines
            .iter()
            .filter(|e| e.phase < e.expected)
            .map(|e| e.key.clone())
            .collect();
        out.push(if behind.is_empty() {
            Sentence::InStep
        } else {
            Sentence::Behind { engines: behind }
        });
    }
    out
}

#[cfg(test)]
mod tests;
