//! Workload: each person's open cards and estimated hours per ISO week, with overload (more
//! hours in a week than the capacity) and unfair distribution (someone carrying more than
//! twice the median of those with work) highlighted, and what pausing initiatives frees.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Hours a person is planned for in a week unless told otherwise.
pub const DEFAULT_CAPACITY: u32 = 32;
/// Hours an open card without an estimate counts as.
pub const UNESTIMATED_HOURS: u32 = 4;

/// An open card as workload sees it.
#[derive(Debug, Clone)]
pub struct OpenCard {
    pub assignee: uuid::Uuid,
    pub due: Option<NaiveDate>,
    pub hours: Option<u32>,
    /// Cards of paused initiatives are left out, and counted as freed.
    pub paused: bool,
}

/// (ISO year, ISO week) of a day.
pub fn week_of(day: NaiveDate) -> (i32, u32) {
    let w = day.iso_week();
    (w.year(), w.week())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonLoad {
    pub person: uuid::Uuid,
    /// Hours per week in the window, in order; overdue cards count in the first week.
    pub weeks: Vec<u32>,
    /// Open cards without a due date: hours, not placed in a week.
    pub unscheduled: u32,
    pub cards: usize,
    pub overloaded: bool,
    /// Carries more than twice the median total of those with work.
    pub unfair: bool,
    /// Hours on paused initiatives' cards.
    pub freed: u32,
}

/// Loads for `weeks` weeks starting with the week of `today`.
pub fn loads(cards: &[OpenCard], today: NaiveDate, weeks: usize, capacity: u32) -> Vec<PersonLoad> {
    let window: Vec<(i32, u32)> = (0..weeks)
        .map(|k| week_of(today + chrono::Duration::weeks(k as i64)))
        .collect();
    let mut by: BTreeMap<uuid::Uuid, PersonLoad> = BTreeMap::new();
    for c in cards {
        let p = by.entry(c.assignee).or_insert_with(|| PersonLoad {
            person: c.assignee,
            weeks: vec![0; weeks],
            unscheduled: 0,
            cards: 0,
            overloaded: false,
            unfair: false,
            freed: 0,
        });
        let hours = c.hours.unwrap_or(UNESTIMATED_HOURS);
        if c.paused {
            p.freed += hours;
            continue;
        }
        p.cards += 1;
        match c.due {
            None => p.unscheduled += hours,
            Some(d) if d < today => {
                if let Some(first) = p.weeks.first_mut() {
                    *first += hours;
                }
            }
            Some(d) => {
                if let Some(i) = window.iter().position(|w| *w == week_of(d)) {
                    p.weeks[i] += hours;
                }
            }
        }
    }
    let mut list: Vec<PersonLoad> = by.into_values().collect();
    let mut totals: Vec<u32> = list
        .iter()
        .map(|p| p.weeks.iter().sum::<u32>() + p.unscheduled)
        .filter(|t| *t > 0)
        .collect();
    totals.sort_unstable();
    let median = totals.get(totals.len() / 2).copied().unwrap_or(0);
    for p in &mut list {
        p.overloaded = p.weeks.iter().any(|h| *h > capacity);
        let total = p.weeks.iter().sum::<u32>() + p.unscheduled;
        p.unfair = totals.len() >= 3 && total > 2 * median;
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn card(who: u128, due: Option<&str>, hours: Option<u32>, paused: bool) -> OpenCard {
        OpenCard {
            assignee: Uuid::from_u128(who),
            due: due.map(|d| d.parse().unwrap()),
            hours,
            paused,
        }
    }

    #[test]
    fn weeks_overload_unfairness_and_what_pausing_frees() {
        let today: NaiveDate = "2026-11-25".parse().unwrap(); // a Wednesday, week 48
        let cards = vec![
            card(1, Some("2026-11-20"), Some(10), false), // overdue: this week
            card(1, Some("2026-11-27"), Some(30), false), // this week
            card(1, Some("2026-12-02"), None, false),     // next week, unestimated
            card(1, None, Some(8), false),
            card(1, Some("2026-12-02"), Some(16), true), // paused
            card(2, Some("2026-12-09"), Some(6), false),
            card(3, Some("2026-11-26"), Some(5), false),
            card(4, None, Some(4), false),
        ];
        let l = loads(&cards, today, 3, DEFAULT_CAPACITY);
        let one = &l[0];
        assert_eq!(one.weeks, vec![40, UNESTIMATED_HOURS, 0]);
        assert_eq!((one.unscheduled, one.cards, one.freed), (8, 4, 16));
        assert!(one.overloaded && one.unfair);
        assert!(!l[1].overloaded && !l[1].unfair);
        assert_eq!(l[1].weeks, vec![0, 0, 6]);
        assert_eq!(week_of("2026-01-01".parse().unwrap()), (2026, 1));
        assert_eq!(week_of("2027-01-01".parse().unwrap()), (2026, 53));
    }
}
