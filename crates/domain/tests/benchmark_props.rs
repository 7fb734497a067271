//! Property tests for the benchmark against other organisations: whatever the organisations
//! taking part and their scores, no single organisation's score can be worked out of what a
//! viewer is shown. For every organisation whose score feeds a figure shown, there is another
//! organisation whose score lies at least `MIN_APART` away and with which it can trade scores
//! without anything shown changing (figures, counts, what is withheld): what is shown fits
//! both, so it cannot tell the organisation's score to within `MIN_APART` points.

use mognad_domain::benchmark::{Category, MIN_APART, MIN_ORGS, Participation, Peer, SizeBand, compare};
use proptest::prelude::*;

const ENGINES: usize = 3;

fn participation() -> impl Strategy<Value = Participation> {
    (0..Category::ALL.len(), 0..SizeBand::ALL.len()).prop_map(|(c, s)| Participation {
        category: Category::ALL[c],
        size: SizeBand::ALL[s],
    })
}

/// Scores drawn around a few centres, so alike and spread sets both occur, some missing.
fn peer() -> impl Strategy<Value = Peer> {
    let score = prop_oneof![
        1 => Just(None),
        6 => (0u8..4, 0.0..12.0f64).prop_map(|(c, d)| Some(f64::from(c) * 20.0 + 20.0 + d)),
        3 => (0.0..=100.0f64).prop_map(Some),
    ];
    (participation(), proptest::collection::vec(score, ENGINES)).prop_map(|(participation, scores)| Peer {
        participation,
        scores,
    })
}

fn swapped(peers: &[Peer], e: usize, a: usize, b: usize) -> Vec<Peer> {
    let mut out = peers.to_vec();
    let (x, y) = (out[a].scores[e], out[b].scores[e]);
    out[a].scores[e] = y;
    out[b].scores[e] = x;
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_single_organisations_score_can_be_worked_out(
        viewer in participation(),
        peers in proptest::collection::vec(peer(), 0..16),
    ) {
        let shown = compare(viewer, &peers, ENGINES);
        for c in &shown {
            prop_assert!(c.orgs >= MIN_ORGS);
            for f in c.engines.iter().flatten() {
                prop_assert!(f.n >= MIN_ORGS);
                prop_assert!(f.q1 <= f.median && f.median <= f.q3);
            }
        }
        for e in 0..ENGINES {
            // Whatever two comparisons shown together differ by is itself about five or more.
            let cell = |p: &Peer| -> Vec<bool> {
                shown
                    .iter()
                    .filter(|c| c.engines[e].is_some())
                    .map(|c| c.population.takes(viewer, p.participation))
                    .collect()
            };
            let scored: Vec<&Peer> = peers.iter().filter(|p| p.scores[e].is_some()).collect();
            for p in &scored {
                let mine = cell(p);
                if mine.iter().any(|x| *x) {
                    prop_assert!(scored.iter().filter(|q| cell(q) == mine).count() >= MIN_ORGS);
                }
            }
            for (a, mine) in peers.iter().enumerate() {
                let Some(v) = mine.scores[e] else { continue };
                let feeds = shown.iter().any(|c| {
                    c.engines[e].is_some() && c.population.takes(viewer, mine.participation)
                });
                if !feeds {
                    continue; // no figure shown holds this score
                }
                let witness = peers.iter().enumerate().any(|(b, other)| {
                    other.scores[e].is_some_and(|w| (v - w).abs() >= MIN_APART)
                        && compare(viewer, &swapped(&peers, e, a, b), ENGINES) == shown
                });
                prop_assert!(witness, "organisation {a}'s score {v} on engine {e} is pinned");
            }
        }
    }

    #[test]
    fn the_order_organisations_are_read_in_changes_nothing(
        viewer in participation(),
        peers in proptest::collection::vec(peer(), 0..16),
        turn in 0usize..16,
    ) {
        let mut turned = peers.clone();
        if !turned.is_empty() {
            let k = turn % turned.len();
            turned.rotate_left(k);
            turned.reverse();
        }
        prop_assert_eq!(compare(viewer, &turned, ENGINES), compare(viewer, &peers, ENGINES));
    }
}
