//! A talent overview's rules: where each person stands on a grid now, where they aim, since
//! when and how often they have moved, from their append-only placements.

use super::grid::Cell;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One placement as the overview reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub now: Cell,
    pub target: Option<Cell>,
    pub at: DateTime<Utc>,
}

/// Where a person stands on one grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub now: Cell,
    pub target: Option<Cell>,
    /// When they came to the cell they are in now.
    pub since: DateTime<Utc>,
    /// How many times their cell has changed.
    pub moves: usize,
}

/// The standing from a person's placements on one grid, in any order.
pub fn standing(placements: &[Placed]) -> Option<Standing> {
    let mut list = placements.to_vec();
    list.sort_by_key(|p| p.at);
    let last = *list.last()?;
    let moves = list.windows(2).filter(|w| w[0].now != w[1].now).count();
    // Since the first placement of the unbroken run in the current cell.
    let since = list
        .iter()
        .rev()
        .take_while(|p| p.now == last.now)
        .last()
        .map_or(last.at, |p| p.at);
    Some(Standing {
        now: last.now,
        target: last.target,
        since,
        moves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, column: usize, row: usize) -> Placed {
        Placed {
            now: Cell { column, row },
            target: Some(Cell { column: 1, row: 1 }),
            at: Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_latest_placement_counts_and_moves_are_counted() {
        assert_eq!(standing(&[]), None);
        let s = standing(&[at(5, 1, 0), at(1, 0, 0), at(3, 0, 0), at(9, 1, 0)]).unwrap();
        assert_eq!(s.now, Cell { column: 1, row: 0 });
        assert_eq!(s.moves, 1, "0,0 → 0,0 → 1,0 → 1,0");
        assert_eq!(
            s.since,
            at(5, 1, 0).at,
            "in the cell since the 5th, re-placed on the 9th"
        );
        let back = standing(&[at(1, 0, 0), at(2, 1, 0), at(3, 0, 0)]).unwrap();
        assert_eq!((back.moves, back.since), (2, at(3, 0, 0).at));
    }
}
