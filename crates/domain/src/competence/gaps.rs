//! The gap report across an organisation: per competence, how many people's roles require it,
//! how many of them have a combined level, how many stand below their own role's requirement,
//! and the mean distance to it. Counts only; who stands where is on each person's record.

use serde::Serialize;
use std::collections::BTreeMap;

/// One person as the report sees them: what their own role requires, and their levels.
pub struct Subject<'a> {
    pub requires: &'a [(String, u8)],
    pub levels: Option<&'a BTreeMap<String, f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapRow {
    /// The competence id.
    pub competence: String,
    /// People whose role requires the competence.
    pub required: usize,
    /// Of them, people with a combined level of it.
    pub assessed: usize,
    /// Of the assessed, people below their role's requirement.
    pub below: usize,
    /// The mean of level minus requirement over the assessed (negative: below).
    pub mean_gap: Option<f32>,
    /// `below` and `mean_gap` left out: too few assessed for a counts-only reader.
    pub withheld: bool,
}

impl GapRow {
    /// The row as a reader who may see counts only gets it: with fewer than `k` people
    /// assessed, how many stand below and the mean gap would tell individuals' levels, so they
    /// are left out (`withheld`).
    pub fn for_counts_only(mut self, k: usize) -> GapRow {
        if self.assessed < k {
            self.below = 0;
            self.mean_gap = None;
            self.withheld = true;
        }
        self
    }

    /// People whose role requires the competence but who have no level of it yet.
    pub fn not_assessed(&self) -> usize {
        self.required - self.assessed
    }
}

/// The report's rows, one per competence of `order`, in that order.
pub fn report(order: &[String], people: &[Subject<'_>]) -> Vec<GapRow> {
    order
        .iter()
        .map(|c| {
            let mut row = GapRow {
                competence: c.clone(),
                required: 0,
                assessed: 0,
                below: 0,
                mean_gap: None,
                withheld: false,
            };
            let mut sum = 0.0;
            for p in people {
                let Some((_, need)) = p.requires.iter().find(|(k, _)| k == c) else {
                    continue;
                };
                row.required += 1;
                if let Some(level) = p.levels.and_then(|l| l.get(c)) {
                    row.assessed += 1;
                    let gap = *level - f64::from(*need);
                    sum += gap;
                    // Combined levels are means; half a step below still counts as below.
                    if gap < -0.05 {
                        row.below += 1;
                    }
                }
            }
            row.mean_gap = (row.assessed > 0).then(|| (sum / row.assessed as f64) as f32);
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_each_persons_own_role() {
        let strategist = vec![("a".to_owned(), 4), ("b".to_owned(), 3)];
        let chief = vec![("a".to_owned(), 2)];
        let l1: BTreeMap<String, f64> = [("a".to_owned(), 3.0), ("b".to_owned(), 3.0)].into();
        let l2: BTreeMap<String, f64> = [("a".to_owned(), 3.0)].into();
        let people = [
            Subject {
                requires: &strategist,
                levels: Some(&l1),
            },
            Subject {
                requires: &chief,
                levels: Some(&l2),
            },
            Subject {
                requires: &strategist,
                levels: None,
            },
            Subject {
                requires: &[],
                levels: Some(&l1),
            },
        ];
        let rows = report(&["a".to_owned(), "b".to_owned(), "c".to_owned()], &people);
        // a: three require it; two assessed; only the strategist (3 < 4) is below.
        assert_eq!((rows[0].required, rows[0].assessed, rows[0].below), (3, 2, 1));
        assert_eq!(rows[0].not_assessed(), 1);
        assert_eq!(rows[0].mean_gap, Some(0.0), "(-1 + 1) / 2");
        assert_eq!((rows[1].required, rows[1].assessed, rows[1].below), (2, 1, 0));
        assert_eq!((rows[2].required, rows[2].mean_gap), (0, None));
        let counts = rows[0].clone().for_counts_only(3);
        assert!(
            counts.withheld && counts.below == 0 && counts.mean_gap.is_none(),
            "two assessed under 3"
        );
        assert!(!rows[0].clone().for_counts_only(2).withheld);
    }
}
