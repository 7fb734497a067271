//! The geometry of the initiatives' timeline: a window of whole months around every dated
//! initiative and today, and where a day falls in it on a scale of 0 to [`SCALE`].

use chrono::{Datelike, Duration, NaiveDate};

/// The width of the timeline in drawing units.
pub const SCALE: f64 = 1000.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first day shown (the first of a month).
    pub from: NaiveDate,
    /// The last day shown (the last of a month).
    pub to: NaiveDate,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.map(|n| n - Duration::days(1)).unwrap_or(d)
}

impl Window {
    /// The whole months from the earliest start to the latest end, today included so the
    /// reader sees where the plan stands; `None` without a dated span.
    pub fn around(spans: &[(NaiveDate, NaiveDate)], today: NaiveDate) -> Option<Window> {
        let from = spans.iter().map(|s| s.0.min(s.1)).min()?.min(today);
        let to = spans.iter().map(|s| s.0.max(s.1)).max()?.max(today);
        Some(Window {
            from: first_of_month(from),
            to: last_of_month(to),
        })
    }

    fn days(&self) -> f64 {
        ((self.to - self.from).num_days() + 1) as f64
    }

    /// Where the start of day `d` falls, clamped to the window.
    pub fn at(&self, d: NaiveDate) -> f64 {
        let k = (d - self.from).num_days() as f64;
        (k / self.days() * SCALE).clamp(0.0, SCALE)
    }

    /// The bar of a span: its left edge and width (at least a sliver, so a one-day initiative
    /// still shows), covering both end days.
    pub fn bar(&self, start: NaiveDate, end: NaiveDate) -> (f64, f64) {
        let (a, b) = (start.min(end), start.max(end));
        let x = self.at(a);
        let w = (self.at(b + Duration::days(1)) - x).max(2.0);
        (x, w.min(SCALE - x).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn window_covers_whole_months_and_today() {
        let w = Window::around(&[(d("2026-03-10"), d("2026-05-20"))], d("2026-02-14")).unwrap();
        assert_eq!((w.from, w.to), (d("2026-02-01"), d("2026-05-31")));
        let w = Window::around(&[(d("2026-11-10"), d("2026-12-02"))], d("2026-11-20")).unwrap();
        assert_eq!(w.to, d("2026-12-31"));
        assert!(Window::around(&[], d("2026-01-01")).is_none());
    }

    #[test]
    fn bars_scale_with_days() {
        let w = Window {
            from: d("2026-01-01"),
            to: d("2026-12-31"),
        };
        assert_eq!(w.at(d("2026-01-01")), 0.0);
        assert_eq!(w.at(d("2027-03-01")), SCALE);
        let (x, width) = w.bar(d("2026-01-01"), d("2026-12-31"));
        assert_eq!((x, width), (0.0, SCALE));
        // Half a year is about half the width; a reversed span is drawn the same way round.
        let (x, width) = w.bar(d("2026-07-01"), d("2026-01-01"));
        assert_eq!(x, 0.0);
        assert!((width - 500.0).abs() < 5.0, "{width}");
        // One day still shows.
        assert!(w.bar(d("2026-06-01"), d("2026-06-01")).1 >= 2.0);
    }
}
