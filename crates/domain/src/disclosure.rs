//! Which results may be shown without revealing fewer than k answers.
//!
//! Results are aggregates over sets of leadership groups: one group, a unit's subtree, the
//! whole organisation. An aggregate is shown only when it holds at least k answers, and only
//! when subtracting every shown aggregate inside it would not leave between 1 and k−1 answers
//! (differencing). Deciding smaller sets first means a larger set is checked against every
//! smaller one already shown. The sets must be nested or disjoint (a tree), which units,
//! their subtrees and the organisation are.

use std::collections::HashSet;

/// For each set of group indices in `sets`, whether it may be shown, given the answers per
/// group in `n` and the threshold `k`.
pub fn visible(k: u64, n: &[u64], sets: &[Vec<usize>]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..sets.len()).collect();
    order.sort_by_key(|&i| sets[i].len());
    let mut shown = vec![false; sets.len()];
    for &x in &order {
        let members: HashSet<usize> = sets[x].iter().copied().collect();
        let total: u64 = members.iter().map(|&g| n[g]).sum();
        if total < k {
            continue;
        }
        let mut covered: HashSet<usize> = HashSet::new();
        for (y, set) in sets.iter().enumerate() {
            if shown[y] && y != x && set.iter().all(|g| members.contains(g)) {
                covered.extend(set.iter().copied());
            }
        }
        let residual = total - covered.iter().map(|&g| n[g]).sum::<u64>();
        shown[x] = residual == 0 || residual >= k;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_below_k_is_hidden_but_counts_in_the_whole() {
        // Groups 0 and 1 have 6 and 7 answers, group 2 has 5: the whole has 18.
        let sets = vec![vec![0], vec![1], vec![2], vec![0, 1, 2]];
        assert_eq!(visible(5, &[6, 7, 5], &sets), vec![true, true, true, true]);
        assert_eq!(visible(5, &[6, 7, 2], &sets), vec![true, true, false, false]);
        // With the small group large enough together with another hidden one, the whole shows.
        assert_eq!(visible(5, &[6, 3, 2], &sets), vec![true, false, false, true]);
    }

    #[test]
    fn a_roll_up_that_would_reveal_a_small_group_by_subtraction_is_withheld() {
        // A unit (groups 0,1) inside the organisation (0,1,2,3).
        let sets = vec![vec![0], vec![1], vec![2], vec![3], vec![0, 1], vec![0, 1, 2, 3]];
        let shown = visible(5, &[10, 3, 10, 10], &sets);
        assert_eq!(shown, vec![true, false, true, true, false, false]);
        let shown = visible(5, &[10, 0, 10, 10], &sets);
        assert_eq!(shown, vec![true, false, true, true, true, true]);
    }

    /// A small deterministic generator, so the property below needs no extra crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }
    }

    #[test]
    fn no_combination_of_shown_sets_isolates_fewer_than_k_answers() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let k = 3 + rng.next(4);
            let groups = 1 + rng.next(6) as usize;
            let n: Vec<u64> = (0..groups).map(|_| rng.next(12)).collect();
            // A random tree of units: each group in a leaf unit, units nested two deep.
            let mut sets: Vec<Vec<usize>> = (0..groups).map(|g| vec![g]).collect();
            let split = rng.next(groups as u64 + 1) as usize;
            let inner = rng.next(split as u64 + 1) as usize;
            sets.push((0..inner).collect());
            sets.push((0..split).collect());
            sets.push((0..groups).collect());
            let shown = visible(k, &n, &sets);
            // Every shown set minus any union of shown subsets leaves 0 or ≥ k answers.
            for (x, set) in sets.iter().enumerate().filter(|(x, _)| shown[*x]) {
                let subs: Vec<usize> = (0..sets.len())
                    .filter(|&y| y != x && shown[y] && sets[y].iter().all(|g| set.contains(g)))
                    .collect();
                for mask in 0u32..(1 << subs.len()) {
                    let mut cut: HashSet<usize> = HashSet::new();
                    for (b, &y) in subs.iter().enumerate() {
                        if mask & (1 << b) != 0 {
                            cut.extend(sets[y].iter().copied());
                        }
                    }
                    let rest: u64 = set.iter().filter(|g| !cut.contains(g)).map(|&g| n[g]).sum();
                    assert!(
                        rest == 0 || rest >= k,
                        "k={k} n={n:?} sets={sets:?} shown={shown:?}: {x} minus {mask:b} leaves {rest}"
                    );
                }
            }
        }
    }
}
