//! Property tests for the benchmark against other organisations: whatever the organisations
//! taking part and their scores, no single organisation's score can be worked out of what a
//! viewer is shown, even by gathering every view their choice of kind and size band gives. For
//! every organisation whose score feeds a figure in any of those views, there is another
//! organisation whose score lies at least `MIN_APART` away and with which it can trade scores
//! without anything in any view changing (figures, counts, what is withheld): what is shown
//! fits both, so it cannot tell the organisation's score to within `MIN_APART` points.

use mognad_domain::benchmark::{Category, MIN_APART, MIN_ORGS, Participation, Peer, SizeBand, compare};
use proptest::prelude::*;

const ENGINES: usize = 3;

/// Mostly two kinds and two size bands, so cells of five fill up and the narrower comparisons
/// are shown as well as withheld; now and then any other.
fn participation() -> impl Strategy<Value = Participation> {
    let category = prop_oneof![4 => 0..2usize, 1 => 0..Category::ALL.len()];
    let size = prop_oneof![4 => 0..2usize, 1 => 0..SizeBand::ALL.len()];
    (category, size).prop_map(|(c, s)| Participation {
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

/// What a viewer can be shown by choosing each kind and size band in turn.
fn every_view(peers: &[Peer]) -> Vec<(Participation, Vec<mognad_domain::benchmark::Comparison>)> {
    let mut out = Vec::new();
    for category in Category::ALL {
        for size in SizeBand::ALL {
            let viewer = Participation {
                category: *category,
                size: *size,
            };
            out.push((viewer, compare(viewer, peers, ENGINES)));
        }
    }
    out
}

fn swapped(peers: &[Peer], e: usize, a: usize, b: usize) -> Vec<Peer> {
    let mut out = peers.to_vec();
    let (x, y) = (out[a].scores[e], out[b].scores[e]);
    out[a].scores[e] = y;
    out[b].scores[e] = x;
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn every_comparison_and_every_cell_shown_holds_five_or_more(
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
        }
    }

    #[test]
    fn no_score_can_be_worked_out_by_changing_ones_own_kind_and_size(
        peers in proptest::collection::vec(peer(), 0..22),
    ) {
        // A viewer may change their kind and size band at will and gather every view; even
        // all of them together fit another organisation's score as well.
        let views = every_view(&peers);
        for e in 0..ENGINES {
            for (a, mine) in peers.iter().enumerate() {
                let Some(v) = mine.scores[e] else { continue };
                let feeds = views.iter().any(|(viewer, shown)| {
                    shown.iter().any(|c| c.engines[e].is_some() && c.population.takes(*viewer, mine.participation))
                });
                if !feeds {
                    continue;
                }
                let witness = peers.iter().enumerate().any(|(b, other)| {
                    other.scores[e].is_some_and(|w| (v - w).abs() >= MIN_APART)
                        && every_view(&swapped(&peers, e, a, b)) == views
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
