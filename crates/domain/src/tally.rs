//! The running tally of one group's answers in one round: how many answered, how often each
//! item got each value, and the sums of respondents' engine scores.
//!
//! A tally is what every report reads; it is kept up to date in the transaction that stores
//! the answers, so no report scans the answers themselves. Tallies add up, so a roll-up is the
//! sum of its groups' tallies.

use crate::answer::Answers;
use crate::model::Model;
use crate::stats::Sums;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Respondents.
    pub n: u64,
    /// Per counter key (`<engine>.<item>`, `<engine>.*` for importance): answers per value,
    /// value 1 first.
    pub counts: BTreeMap<String, Vec<u64>>,
    /// Per engine: sums of respondents' scores.
    pub sums: BTreeMap<String, Sums>,
}

impl Tally {
    /// Adds one respondent: the (key, value) pairs answered and the engine scores.
    pub fn add(&mut self, counted: &[(String, u8)], scores: &[(String, f64)]) {
        self.n += 1;
        for (key, v) in counted {
            let Some(i) = usize::from(*v).checked_sub(1) else {
                continue;
            };
            let slot = self.counts.entry(key.clone()).or_default();
            if slot.len() <= i {
                slot.resize(i + 1, 0);
            }
            slot[i] += 1;
        }
        for (engine, x) in scores {
            self.sums.entry(engine.clone()).or_default().add(*x);
        }
    }

    /// Adds one respondent's answers to `model`.
    pub fn add_answers(&mut self, model: &Model, answers: &Answers) {
        self.add(&answers.counted(model), &answers.scores(model));
    }

    pub fn merge(&mut self, o: &Tally) {
        self.n += o.n;
        for (key, counts) in &o.counts {
            let slot = self.counts.entry(key.clone()).or_default();
            if slot.len() < counts.len() {
                slot.resize(counts.len(), 0);
            }
            for (s, c) in slot.iter_mut().zip(counts) {
                *s += c;
            }
        }
        for (engine, s) in &o.sums {
            self.sums.entry(engine.clone()).or_default().merge(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_add_up_like_their_answers() {
        let mut a = Tally::default();
        a.add(&[("e.i".into(), 2), ("e.*".into(), 5)], &[("e".into(), 25.0)]);
        let mut b = Tally::default();
        b.add(&[("e.i".into(), 4)], &[("e".into(), 75.0)]);
        let mut both = a.clone();
        both.merge(&b);
        assert_eq!(both.n, 2);
        assert_eq!(both.counts["e.i"], vec![0, 1, 0, 1]);
        assert_eq!(both.counts["e.*"], vec![0, 0, 0, 0, 1]);
        assert_eq!(both.sums["e"].mean(), Some(50.0));
        let mut direct = Tally::default();
        direct.add(&[("e.i".into(), 2), ("e.*".into(), 5)], &[("e".into(), 25.0)]);
        direct.add(&[("e.i".into(), 4)], &[("e".into(), 75.0)]);
        assert_eq!(direct, both);
    }
}
