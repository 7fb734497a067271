//! Running sums of respondents' engine scores and what they tell: mean, spread, and the
//! difference between two rounds with a 95% confidence interval.
//!
//! Sums add up across groups, so a roll-up is the sum of its groups' sums and no report has to
//! read single answers.

use serde::{Deserialize, Serialize};

/// The z value of a two-sided 95% interval under the normal approximation.
const Z95: f64 = 1.959_964;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Sums {
    pub n: u64,
    pub sum: f64,
    pub sumsq: f64,
}

impl Sums {
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sumsq += x * x;
    }

    pub fn merge(&mut self, o: &Sums) {
        self.n += o.n;
        self.sum += o.sum;
        self.sumsq += o.sumsq;
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// The sample variance; `None` below two answers.
    pub fn variance(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        // Rounding can push a zero variance just below zero.
        Some(((self.sumsq - self.sum * self.sum / n) / (n - 1.0)).max(0.0))
    }
}

/// A change from one round to the next with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub diff: f64,
    pub low: f64,
    pub high: f64,
}

impl Change {
    /// Whether the interval excludes zero: the change is unlikely to be chance alone.
    pub fn clear(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// The difference `after − before` of two independent samples' means (Welch's interval, normal
/// approximation); `None` when either side has fewer than two answers.
pub fn change(before: &Sums, after: &Sums) -> Option<Change> {
    let (m0, m1) = (before.mean()?, after.mean()?);
    let se = (before.variance()? / before.n as f64 + after.variance()? / after.n as f64).sqrt();
    let diff = m1 - m0;
    Some(Change {
        diff,
        low: diff - Z95 * se,
        high: diff + Z95 * se,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(xs: &[f64]) -> Sums {
        let mut s = Sums::default();
        xs.iter().for_each(|x| s.add(*x));
        s
    }

    #[test]
    fn mean_and_variance_match_the_textbook() {
        let s = sums(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(s.mean(), Some(5.0));
        assert!((s.variance().unwrap() - 32.0 / 7.0).abs() < 1e-9);
        assert_eq!(sums(&[1.0]).variance(), None);
    }

    #[test]
    fn a_clear_rise_has_an_interval_above_zero() {
        let before = sums(&[40.0, 45.0, 50.0, 42.0, 48.0, 44.0]);
        let after = sums(&[60.0, 65.0, 62.0, 58.0, 66.0, 61.0]);
        let c = change(&before, &after).unwrap();
        assert!((c.diff - (62.0 - 269.0 / 6.0)).abs() < 1e-9);
        assert!(c.clear() && c.low > 0.0);
        let noisy = sums(&[10.0, 90.0, 20.0, 80.0]);
        let c = change(&before, &noisy).unwrap();
        assert!(!c.clear());
    }

    #[test]
    fn merged_sums_equal_the_sums_of_all() {
        let mut a = sums(&[1.0, 2.0]);
        a.merge(&sums(&[3.0, 4.0]));
        assert_eq!(a, sums(&[1.0, 2.0, 3.0, 4.0]));
    }
}
