//! The disclosure rules on hand-made cases and as properties over thousands of random
//! organisations and earlier releases.

use super::*;

#[test]
fn a_group_below_k_is_hidden_but_counts_in_the_whole() {
    // Groups 0 and 1 have 6 and 7 answers, group 2 has 5: the whole has 18.
    let sets = vec![vec![0], vec![1], vec![2], vec![0, 1, 2]];
    assert_eq!(visible(5, &[6, 7, 5], &sets), vec![true, true, true, true]);
    // The whole minus groups 0 and 1 would reveal group 2: group 0, the smaller, is
    // withheld beside it so the whole can show.
    assert_eq!(visible(5, &[6, 7, 2], &sets), vec![false, true, false, true]);
    // With the small group large enough together with another hidden one, the whole shows.
    assert_eq!(visible(5, &[6, 3, 2], &sets), vec![true, false, false, true]);
}

#[test]
fn a_roll_up_that_would_reveal_a_small_group_by_subtraction_is_withheld() {
    // A unit (groups 0,1) inside the organisation (0,1,2,3): the unit minus group 0 would
    // reveal group 1's three answers, so the unit is withheld; for the whole, the smallest
    // group beside the small one is withheld instead.
    let sets = vec![vec![0], vec![1], vec![2], vec![3], vec![0, 1], vec![0, 1, 2, 3]];
    let shown = visible(5, &[10, 3, 11, 12], &sets);
    assert_eq!(shown, vec![false, false, true, true, false, true]);
    let shown = visible(5, &[10, 0, 10, 10], &sets);
    assert_eq!(shown, vec![true, false, true, true, true, true]);
    // Of two parts beside the small group, the smaller is the one withheld.
    let sets = vec![vec![0], vec![1], vec![2], vec![0, 1, 2]];
    assert_eq!(visible(5, &[12, 2, 7], &sets), vec![true, false, false, true]);
}

#[test]
fn one_small_group_does_not_hide_the_whole_organisation() {
    // Forty groups of eight answers and one of two, all directly in the organisation.
    let mut n = vec![8; 40];
    n.push(2);
    let mut sets: Vec<Vec<usize>> = (0..41).map(|g| vec![g]).collect();
    sets.push((0..41).collect());
    let shown = visible(5, &n, &sets);
    assert!(shown[41], "the organisation shows");
    assert_eq!(
        shown[..40].iter().filter(|s| !**s).count(),
        1,
        "one group is withheld beside the small one"
    );
    assert!(!shown[40]);
}

#[test]
fn a_part_made_only_of_shown_parts_is_opened_to_reach_one_that_helps() {
    // The organisation (0,1,2) holds a unit (0,1) made of two shown groups and a small group 2.
    let sets = vec![vec![0], vec![1], vec![2], vec![0, 1], vec![0, 1, 2]];
    let shown = visible(5, &[6, 9, 2], &sets);
    // Withholding the unit alone leaves 2 still; one of its groups has to go too.
    assert!(shown[4]);
    assert!(!shown[2]);
    assert_eq!(shown[..2].iter().filter(|s| **s).count(), 1);
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
        // The whole shows whenever it has k answers (parts are withheld instead).
        assert_eq!(
            *shown.last().unwrap(),
            n.iter().sum::<u64>() >= k,
            "k={k} n={n:?} sets={sets:?} shown={shown:?}"
        );
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

#[test]
fn what_was_released_stays_and_nothing_new_isolates_a_small_group() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..2000 {
        let k = 3 + rng.next(4);
        let groups = 1 + rng.next(6) as usize;
        let n: Vec<u64> = (0..groups).map(|_| rng.next(12)).collect();
        let mut sets: Vec<Vec<usize>> = (0..groups).map(|g| vec![g]).collect();
        let split = rng.next(groups as u64 + 1) as usize;
        let inner = rng.next(split as u64 + 1) as usize;
        sets.push((0..inner).collect());
        sets.push((0..split).collect());
        sets.push((0..groups).collect());
        // An earlier release that knew only some of the sets (as if the structure or the
        // rules were different then): whatever it showed stays shown.
        let known: Vec<usize> = (0..sets.len()).filter(|_| rng.next(3) > 0).collect();
        let earlier: Vec<Vec<usize>> = known.iter().map(|&i| sets[i].clone()).collect();
        let shown_then = visible(k, &n, &earlier);
        let mut locked = vec![false; sets.len()];
        for (j, &i) in known.iter().enumerate() {
            locked[i] = shown_then[j];
        }
        let shown = visible_given(k, &n, &sets, &locked);
        for i in 0..sets.len() {
            assert!(!locked[i] || shown[i], "a released set was withdrawn");
            assert!(!shown[i] || sets[i].iter().map(|&g| n[g]).sum::<u64>() >= k);
        }
        let member_sets: Vec<HashSet<usize>> = sets.iter().map(|s| s.iter().copied().collect()).collect();
        assert!(
            safe(k, &n, &member_sets, &shown),
            "k={k} n={n:?} sets={sets:?} locked={locked:?} shown={shown:?}"
        );
    }
}
