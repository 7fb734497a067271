//! The rules of a budget cut: initiatives ranked by the gap priority they serve, and which to
//! pause, least important first, until what goes on fits the new budget.
//!
//! The gap priority is the measurement's own order (gap weighted by importance); an initiative
//! aimed at several engines serves the most important of them. One aimed at no engine on the
//! gap list ranks last, so it is the first suggested for pausing: nothing measured says it is
//! needed.

use uuid::Uuid;

/// An initiative that goes on and could be paused.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: Uuid,
    /// Kronor it costs (running and investment).
    pub cost: i64,
    /// The highest gap priority among its engines; `None` when it serves no listed gap.
    pub priority: Option<f64>,
}

/// Most important first: higher gap priority, then the cheaper (pausing a costly initiative of
/// equal priority frees more), then by id so the order is stable.
pub fn rank(list: &mut [Candidate]) {
    list.sort_by(|a, b| {
        let pa = a.priority.unwrap_or(f64::NEG_INFINITY);
        let pb = b.priority.unwrap_or(f64::NEG_INFINITY);
        pb.total_cmp(&pa).then(a.cost.cmp(&b.cost)).then(a.id.cmp(&b.id))
    });
}

/// The initiatives to pause, taken from the bottom of `ranked` up, until `planned` minus what
/// they cost is within `budget`. Initiatives that cost nothing free no money and are kept.
/// Empty when the plan already fits.
pub fn suggest(ranked: &[Candidate], planned: i64, budget: i64) -> Vec<Uuid> {
    let mut left = planned;
    let mut out = Vec::new();
    for c in ranked.iter().rev() {
        if left <= budget {
            break;
        }
        if c.cost > 0 {
            left -= c.cost;
            out.push(c.id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u128, cost: i64, priority: Option<f64>) -> Candidate {
        Candidate {
            id: Uuid::from_u128(n),
            cost,
            priority,
        }
    }

    #[test]
    fn ranks_by_priority_with_unlisted_last() {
        let mut l = vec![
            c(1, 10, None),
            c(2, 10, Some(0.5)),
            c(3, 10, Some(2.0)),
            c(4, 5, Some(0.5)),
        ];
        rank(&mut l);
        let ids: Vec<u128> = l.iter().map(|c| c.id.as_u128()).collect();
        assert_eq!(ids, vec![3, 4, 2, 1]);
    }

    #[test]
    fn suggests_least_important_until_it_fits() {
        let mut l = vec![
            c(1, 100, Some(3.0)),
            c(2, 50, Some(2.0)),
            c(3, 30, Some(1.0)),
            c(4, 0, None),
        ];
        rank(&mut l);
        // 180 planned; a budget of 120 needs 60 freed: 3 (30) is not enough, 2 (50) too.
        let s = suggest(&l, 180, 120);
        assert_eq!(s, vec![Uuid::from_u128(3), Uuid::from_u128(2)]);
        assert!(suggest(&l, 180, 180).is_empty());
        // Free initiatives are never suggested, even when nothing else is left.
        assert!(!suggest(&l, 180, 0).contains(&Uuid::from_u128(4)));
        assert_eq!(suggest(&l, 180, 0).len(), 3);
    }
}
