//! Which results may be shown without revealing fewer than k answers.
//!
//! Results are aggregates over sets of leadership groups: one group, a unit's subtree, the
//! whole organisation. An aggregate is shown only when it holds at least k answers, and only
//! when subtracting every shown aggregate inside it would not leave between 1 and k−1 answers
//! (differencing). Deciding smaller sets first means a larger set is checked against every
//! smaller one already shown; where that check fails, a shown part inside it is withheld
//! instead, so a small group costs the least it can. The sets must be nested or disjoint (a
//! tree), which units, their subtrees and the organisation are.

use std::collections::HashSet;

/// For each set of group indices in `sets`, whether it may be shown, given the answers per
/// group in `n` and the threshold `k`.
///
/// A set that would leave between 1 and k − 1 answers after subtracting its shown parts is
/// withheld — except the whole (the sets holding every group): there a shown part is withheld
/// instead (secondary suppression), since a single group of two answers must not hide the
/// organisation's result. Groups keep precedence over the unit roll-ups between them and the
/// whole, because each group works with its own result. The part chosen is the smallest shown
/// one that, withheld, leaves k or more; a part fully made up of smaller shown parts is opened
/// up to reach one.
pub fn visible(k: u64, n: &[u64], sets: &[Vec<usize>]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..sets.len()).collect();
    order.sort_by_key(|&i| sets[i].len());
    let member_sets: Vec<HashSet<usize>> = sets.iter().map(|s| s.iter().copied().collect()).collect();
    let total = |x: usize| member_sets[x].iter().map(|&g| n[g]).sum::<u64>();
    // Strictly inside: a unit holding just one group is the same set as the group, not a part.
    // Worked out once, since the checks below ask it for every pair many times.
    let m = sets.len();
    let within: Vec<Vec<bool>> = (0..m)
        .map(|y| {
            (0..m)
                .map(|x| {
                    member_sets[y].len() < member_sets[x].len() && member_sets[y].is_subset(&member_sets[x])
                })
                .collect()
        })
        .collect();
    let inside = |y: usize, x: usize| within[y][x];
    let same = |y: usize, z: usize| member_sets[y] == member_sets[z];
    let mut shown = vec![false; sets.len()];
    // The shown sets inside `x` that no other shown set inside `x` contains (one of each
    // membership), and what `x` leaves after subtracting them (they are disjoint, the sets
    // forming a tree).
    let residual = |x: usize, shown: &[bool]| -> (Vec<usize>, u64) {
        let parts: Vec<usize> = (0..sets.len())
            .filter(|&y| shown[y] && inside(y, x))
            .filter(|&y| !(0..sets.len()).any(|z| shown[z] && inside(z, x) && inside(y, z)))
            .filter(|&y| !(0..y).any(|z| shown[z] && same(y, z)))
            .collect();
        let mut covered: HashSet<usize> = HashSet::new();
        for &y in &parts {
            covered.extend(member_sets[y].iter().copied());
        }
        let left = total(x) - covered.iter().map(|&g| n[g]).sum::<u64>();
        (parts, left)
    };
    let all: HashSet<usize> = member_sets.iter().flatten().copied().collect();
    for &x in &order {
        if total(x) < k {
            continue;
        }
        let whole = member_sets[x] == all;
        loop {
            let (parts, left) = residual(x, &shown);
            if left == 0 || left >= k {
                shown[x] = true;
                break;
            }
            if !whole {
                break;
            }
            // Prefer a part whose own remainder brings `x` to k or more; otherwise open up the
            // smallest part so its own parts come into reach.
            let own = |y: usize| residual(y, &shown).1;
            let pick = parts
                .iter()
                .copied()
                .filter(|&y| own(y) >= k)
                .min_by_key(|&y| (total(y), y))
                .or_else(|| parts.iter().copied().min_by_key(|&y| (total(y), y)));
            match pick {
                Some(y) => {
                    for (z, s) in shown.iter_mut().enumerate() {
                        if same(y, z) {
                            *s = false;
                        }
                    }
                }
                None => break,
            }
        }
    }
    shown
}

/// Like [`visible`], for a round that has released `locked` sets before: those stay shown
/// whatever happens, and any other set is shown only if every shown set — the locked ones
/// included — still leaves 0 or at least k answers after subtracting its shown parts. Without
/// locked sets this is [`visible`] itself.
pub fn visible_given(k: u64, n: &[u64], sets: &[Vec<usize>], locked: &[bool]) -> Vec<bool> {
    if !locked.iter().any(|l| *l) {
        return visible(k, n, sets);
    }
    let member_sets: Vec<HashSet<usize>> = sets.iter().map(|s| s.iter().copied().collect()).collect();
    let total = |x: usize| member_sets[x].iter().map(|&g| n[g]).sum::<u64>();
    let mut shown: Vec<bool> = (0..sets.len())
        .map(|i| locked.get(i).copied().unwrap_or(false))
        .collect();
    let mut order: Vec<usize> = (0..sets.len()).filter(|&i| !shown[i]).collect();
    order.sort_by_key(|&i| sets[i].len());
    for x in order {
        if total(x) < k {
            continue;
        }
        shown[x] = true;
        if !safe(k, n, &member_sets, &shown) {
            shown[x] = false;
        }
    }
    shown
}

/// Whether every shown set minus the union of the shown sets strictly inside it leaves 0 or at
/// least k answers (the sets being nested or disjoint, checking that union is enough).
fn safe(k: u64, n: &[u64], member_sets: &[HashSet<usize>], shown: &[bool]) -> bool {
    (0..member_sets.len()).filter(|&x| shown[x]).all(|x| {
        let mut covered: HashSet<usize> = HashSet::new();
        for y in (0..member_sets.len()).filter(|&y| shown[y] && y != x) {
            if member_sets[y].len() < member_sets[x].len() && member_sets[y].is_subset(&member_sets[x]) {
                covered.extend(member_sets[y].iter().copied());
            }
        }
        let left: u64 = member_sets[x]
            .iter()
            .filter(|g| !covered.contains(g))
            .map(|&g| n[g])
            .sum();
        left == 0 || left >= k
    })
}

#[cfg(test)]
mod tests;
