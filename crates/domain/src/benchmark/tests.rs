use super::*;

const MUNI_S: Participation = Participation {
    category: Category::Municipality,
    size: SizeBand::Under250,
};
const MUNI_L: Participation = Participation {
    category: Category::Municipality,
    size: SizeBand::To4999,
};
const REGION: Participation = Participation {
    category: Category::Region,
    size: SizeBand::From5000,
};

fn peers(who: Participation, scores: &[f64]) -> Vec<Peer> {
    scores
        .iter()
        .map(|s| Peer {
            participation: who,
            scores: vec![Some(*s)],
        })
        .collect()
}

#[test]
fn each_figure_is_the_mean_of_the_contributions_nearest_its_place() {
    let f = figures(&[50.0, 10.0, 40.0, 20.0, 30.0]).unwrap();
    assert_eq!((f.n, f.q1, f.median, f.q3), (5, 20.0, 30.0, 40.0));
    // Eight values: the median pools the middle four, the quartiles three each.
    let eight: Vec<f64> = (0..8).map(|i| f64::from(i) * 10.0).collect();
    let f = figures(&eight).unwrap();
    assert_eq!((f.q1, f.median, f.q3), (20.0, 35.0, 50.0));
    // Rounded to whole numbers.
    let f = figures(&[10.0, 20.0, 21.0, 40.0, 50.0]).unwrap();
    assert_eq!(f.q1, 17.0);
    assert!(figures(&[10.0, 20.0, 30.0, 40.0]).is_none(), "four are too few");
}

#[test]
fn a_comparison_needs_five_other_organisations() {
    let four = peers(MUNI_S, &[10.0, 30.0, 50.0, 70.0]);
    assert!(compare(MUNI_S, &four, 1).is_empty());
    let five = peers(MUNI_S, &[10.0, 30.0, 50.0, 70.0, 90.0]);
    let shown = compare(MUNI_S, &five, 1);
    assert_eq!(
        shown.len(),
        3,
        "all, the category and the size band hold the same five"
    );
    assert!(shown.iter().all(|c| c.orgs == 5 && c.engines[0].is_some()));
}

#[test]
fn a_narrower_comparison_needs_five_inside_and_five_outside() {
    // Five others of the viewer's category, three of another: the category's figures beside
    // everyone's would be about the three by difference.
    let mut all = peers(MUNI_L, &[10.0, 30.0, 50.0, 70.0, 90.0]);
    all.extend(peers(REGION, &[20.0, 40.0, 60.0]));
    let shown = compare(MUNI_S, &all, 1);
    let kinds: Vec<Population> = shown.iter().map(|c| c.population).collect();
    assert_eq!(kinds, vec![Population::All]);
    assert_eq!(shown[0].orgs, 8);
    assert!(shown[0].engines[0].is_some());
    all.extend(peers(REGION, &[80.0, 0.0]));
    let kinds: Vec<Population> = compare(MUNI_S, &all, 1).iter().map(|c| c.population).collect();
    assert_eq!(kinds, vec![Population::All, Population::Category]);
}

#[test]
fn scores_too_alike_to_hide_one_show_nothing() {
    // All within ten points: any one of them would be known to within ten.
    let alike = peers(MUNI_S, &[50.0, 52.0, 55.0, 57.0, 59.0]);
    assert_eq!(compare(MUNI_S, &alike, 1)[0].engines[0], None);
    // A middle score with nobody ten points from it.
    let middle = peers(MUNI_S, &[40.0, 40.0, 45.0, 50.0, 50.0]);
    assert_eq!(compare(MUNI_S, &middle, 1)[0].engines[0], None);
    let spread = peers(MUNI_S, &[40.0, 40.0, 45.0, 55.0, 55.0]);
    assert!(compare(MUNI_S, &spread, 1)[0].engines[0].is_some());
}

#[test]
fn an_alike_cell_withholds_every_comparison_it_is_in() {
    // The regions are alike among themselves. Shown beside the category, everyone's figures
    // would carry them as a cell of their own, so everyone's figures are withheld while the
    // category's, which do not hold them, are shown.
    let mut all = peers(MUNI_L, &[10.0, 30.0, 50.0, 70.0, 90.0]);
    all.extend(peers(REGION, &[60.0, 61.0, 62.0, 63.0, 64.0]));
    let shown = compare(MUNI_S, &all, 1);
    assert_eq!(shown[0].population, Population::All);
    assert_eq!(shown[0].engines[0], None);
    assert_eq!(shown[1].population, Population::Category);
    assert_eq!(shown[1].engines[0].map(|f| f.median), Some(50.0));
}

#[test]
fn engines_are_judged_one_by_one_and_missing_scores_do_not_count() {
    let mut all = peers(MUNI_S, &[10.0, 30.0, 50.0, 70.0, 90.0]);
    for (p, s) in all
        .iter_mut()
        .zip([Some(20.0), Some(40.0), None, Some(60.0), Some(80.0)])
    {
        p.scores.push(s);
    }
    let shown = compare(MUNI_S, &all, 2);
    assert!(shown[0].engines[0].is_some());
    assert_eq!(shown[0].engines[1], None, "four scores on the second engine");
}

#[test]
fn a_score_is_placed_against_the_figures() {
    let f = Figures {
        n: 5,
        q1: 40.0,
        median: 50.0,
        q3: 60.0,
    };
    let at = |s| Position::of(s, &f);
    assert_eq!(at(39.4), Position::BottomQuarter);
    assert_eq!(at(39.6), Position::LowerMiddle);
    assert_eq!(at(50.0), Position::UpperMiddle);
    assert_eq!(at(60.0), Position::UpperMiddle);
    assert_eq!(at(61.0), Position::TopQuarter);
}

#[test]
fn a_reference_table_follows_the_same_rules() {
    let rows: Vec<Vec<Option<f64>>> = [10.0, 30.0, 50.0, 70.0, 90.0]
        .iter()
        .map(|s| vec![Some(*s), Some(50.0)])
        .collect();
    let f = reference(&rows, 2);
    assert_eq!(f[0].map(|f| f.median), Some(50.0));
    assert_eq!(f[1], None, "every row alike");
    assert_eq!(reference(&rows[..4], 2), vec![None, None]);
}
