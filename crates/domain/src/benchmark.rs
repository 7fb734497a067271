//! Setting an organisation's engine scores against other organisations' on the same instance:
//! who takes part (a category and a size band), the figures shown (lower quartile, median,
//! upper quartile) and the rules that keep any single organisation's scores from being worked
//! out of them.
//!
//! The rules, per engine and over every comparison shown together:
//! - a comparison is shown only when at least [`MIN_ORGS`] other organisations contribute;
//! - each figure is the mean of the three or four contributions nearest its place, rounded to a
//!   whole number, so no figure is one organisation's score;
//! - comparisons by kind (or by kind and size) are shown only when every kind (every kind and
//!   size) with contributions has at least [`MIN_ORGS`] of them, for every viewer alike, so
//!   that no view, and no two views a viewer gets by changing their own kind, differ by fewer;
//! - every contribution must have a partner in its finest cell whose score lies at least
//!   [`MIN_APART`] points away, or every comparison it is in shows nothing for that engine.
//!   Swapping the two leaves everything any viewer is shown unchanged, so what is shown cannot
//!   tell an organisation's score from one [`MIN_APART`] points off.

keyed!(Category {
    Municipality = "municipality",
    Region = "region",
    Authority = "authority",
    Company = "company",
});

keyed!(SizeBand {
    Under250 = "under-250",
    To999 = "250-999",
    To4999 = "1000-4999",
    From5000 = "5000-plus",
});

/// The fewest organisations a comparison is shown for.
pub const MIN_ORGS: usize = 5;
/// How far apart (points on 0–100) a contribution's swap partner must lie.
pub const MIN_APART: f64 = 10.0;

/// How an organisation takes part: what kind of organisation it is and how many work there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participation {
    pub category: Category,
    pub size: SizeBand,
}

/// Whom a comparison takes in, from the widest to the narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Population {
    /// Every other organisation taking part.
    All,
    /// Those of the viewer's category.
    Category,
    /// Those of the viewer's category and size band.
    CategoryAndSize,
}

impl Population {
    pub const ALL: [Population; 3] = [Population::All, Population::Category, Population::CategoryAndSize];

    pub fn key(self) -> &'static str {
        match self {
            Population::All => "all",
            Population::Category => "category",
            Population::CategoryAndSize => "category-size",
        }
    }

    /// The cell this level puts `who` in: everyone alike, by kind, or by kind and size.
    fn cell(self, who: Participation) -> (Option<Category>, Option<SizeBand>) {
        match self {
            Population::All => (None, None),
            Population::Category => (Some(who.category), None),
            Population::CategoryAndSize => (Some(who.category), Some(who.size)),
        }
    }

    /// True when the comparison a viewer sees takes in `other`.
    pub fn takes(self, viewer: Participation, other: Participation) -> bool {
        match self {
            Population::All => true,
            Population::Category => other.category == viewer.category,
            Population::CategoryAndSize => other == viewer,
        }
    }
}

/// Another organisation's contribution: its latest closed round's scores per engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    pub participation: Participation,
    /// Per engine in model order, 0–100; `None` where its round shows no score.
    pub scores: Vec<Option<f64>>,
}

/// What a comparison shows for one engine, each figure rounded to a whole number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// Organisations contributing to this engine.
    pub n: usize,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

/// Where a score lies against a comparison's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    BottomQuarter,
    LowerMiddle,
    UpperMiddle,
    TopQuarter,
}

impl Position {
    pub fn of(score: f64, f: &Figures) -> Position {
        let s = score.round();
        if s < f.q1 {
            Position::BottomQuarter
        } else if s < f.median {
            Position::LowerMiddle
        } else if s <= f.q3 {
            Position::UpperMiddle
        } else {
            Position::TopQuarter
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Position::BottomQuarter => "bottom",
            Position::LowerMiddle => "lower-middle",
            Position::UpperMiddle => "upper-middle",
            Position::TopQuarter => "top",
        }
    }
}

/// One comparison: whom it takes in, how many, and per engine its figures (`None` where the
/// rules withhold them).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub population: Population,
    pub orgs: usize,
    pub engines: Vec<Option<Figures>>,
}

/// The mean of the sorted values within one and a half places of quantile `q`'s place.
fn near_mean(sorted: &[f64], q: f64) -> f64 {
    let at = q * (sorted.len() - 1) as f64;
    let near: Vec<f64> = sorted
        .iter()
        .enumerate()
        .filter(|(i, _)| (*i as f64 - at).abs() <= 1.5)
        .map(|(_, v)| *v)
        .collect();
    near.iter().sum::<f64>() / near.len() as f64
}

/// The figures of `values` (at least [`MIN_ORGS`] of them), rounded; `None` for fewer.
pub fn figures(values: &[f64]) -> Option<Figures> {
    if values.len() < MIN_ORGS {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(Figures {
        n: values.len(),
        q1: near_mean(&sorted, 0.25).round(),
        median: near_mean(&sorted, 0.5).round(),
        q3: near_mean(&sorted, 0.75).round(),
    })
}

/// True when every value has a partner at least [`MIN_APART`] away, so any two far apart can
/// trade places unseen.
fn swappable(values: &[f64]) -> bool {
    values
        .iter()
        .all(|v| values.iter().any(|w| (v - w).abs() >= MIN_APART))
}

/// Every comparison the viewer may see against `peers` (others only), over `engines` engines:
/// the widest whenever at least [`MIN_ORGS`] organisations take part, a narrower one where it
/// shows at least one engine, each engine's figures where the rules above allow them.
pub fn compare(viewer: Participation, peers: &[Peer], engines: usize) -> Vec<Comparison> {
    let mut out: Vec<Comparison> = Population::ALL
        .into_iter()
        .map(|p| Comparison {
            population: p,
            orgs: peers.iter().filter(|o| p.takes(viewer, o.participation)).count(),
            engines: vec![None; engines],
        })
        .filter(|c| c.orgs >= MIN_ORGS)
        .collect();
    for e in 0..engines {
        let scored: Vec<(Participation, f64)> = peers
            .iter()
            .filter_map(|o| Some((o.participation, o.scores.get(e).copied().flatten()?)))
            .collect();
        let shown = shown_for(viewer, &scored);
        for c in out.iter_mut() {
            if shown.contains(&c.population) {
                let values: Vec<f64> = scored
                    .iter()
                    .filter(|(who, _)| c.population.takes(viewer, *who))
                    .map(|(_, v)| *v)
                    .collect();
                c.engines[e] = figures(&values);
            }
        }
    }
    out.retain(|c| c.population == Population::All || c.engines.iter().any(Option::is_some));
    out
}

/// The comparisons one engine is shown in, given its contributions. What may be shown is
/// settled for every viewer alike, so that no choice of kind or size band (which a viewer can
/// change at will) shows a different cut of the others: a level — everyone, by kind, by kind
/// and size — is shown when every cell it cuts the contributions into holds [`MIN_ORGS`] or
/// more, so whatever two views differ by is about five or more. Within the finest level shown,
/// a contribution without a partner [`MIN_APART`] away in its cell withholds every comparison
/// it is in. Counts do not change when two contributions trade places, and the partner rule
/// looks at each finest cell's values as a whole, so two contributions of one finest cell can
/// trade places without anything any viewer is shown changing.
fn shown_for(viewer: Participation, scored: &[(Participation, f64)]) -> Vec<Population> {
    let cells_hold_enough = |level: Population| {
        let keys: Vec<_> = scored.iter().map(|(who, _)| level.cell(*who)).collect();
        !keys.is_empty()
            && keys
                .iter()
                .all(|k| keys.iter().filter(|j| *j == k).count() >= MIN_ORGS)
    };
    let mut shown: Vec<Population> = Population::ALL
        .into_iter()
        .take_while(|level| cells_hold_enough(*level))
        .collect();
    let Some(finest) = shown.last().copied() else {
        return shown;
    };
    let lonely: Vec<Participation> = scored
        .iter()
        .filter(|(who, v)| {
            !scored
                .iter()
                .any(|(other, w)| finest.cell(*other) == finest.cell(*who) && (v - w).abs() >= MIN_APART)
        })
        .map(|(who, _)| *who)
        .collect();
    shown.retain(|p| lonely.iter().all(|who| !p.takes(viewer, *who)));
    shown
}

/// The figures of a reference table (engine means per organisation, nobody named), per engine,
/// under the same rules as one comparison.
pub fn reference(rows: &[Vec<Option<f64>>], engines: usize) -> Vec<Option<Figures>> {
    (0..engines)
        .map(|e| {
            let values: Vec<f64> = rows.iter().filter_map(|r| r.get(e).copied().flatten()).collect();
            if swappable(&values) {
                figures(&values)
            } else {
                None
            }
        })
        .collect()
}

pub mod table;

#[cfg(test)]
mod tests;
