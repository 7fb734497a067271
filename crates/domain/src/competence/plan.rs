//! Development plans: actions (a course, mentoring, an assignment, reading …) tied to the
//! competences they should raise, with due dates and status, and how far the plan has come.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

keyed!(ActionKind {
    Course = "course",
    Mentoring = "mentoring",
    Assignment = "assignment",
    Reading = "reading",
    Network = "network",
    Other = "other",
});

keyed!(ActionStatus {
    Planned = "planned",
    Started = "started",
    Done = "done",
    Dropped = "dropped",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// Competence ids of the person's framework.
    pub competences: Vec<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

impl Action {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        matches!(self.status, ActionStatus::Planned | ActionStatus::Started)
            && self.due.is_some_and(|d| d < today)
    }
}

/// Done actions out of those still meant to be done (dropped ones do not count), as 0–100.
pub fn progress(actions: &[Action]) -> Option<u8> {
    let live: Vec<_> = actions
        .iter()
        .filter(|a| a.status != ActionStatus::Dropped)
        .collect();
    if live.is_empty() {
        return None;
    }
    let done = live.iter().filter(|a| a.status == ActionStatus::Done).count();
    Some((done * 100 / live.len()) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(status: ActionStatus, due: Option<&str>) -> Action {
        Action {
            title: "t".into(),
            kind: ActionKind::Course,
            competences: vec![],
            due: due.map(|d| d.parse().unwrap()),
            status,
        }
    }

    #[test]
    fn progress_leaves_out_dropped_actions() {
        use ActionStatus::*;
        assert_eq!(progress(&[]), None);
        assert_eq!(progress(&[act(Dropped, None)]), None);
        assert_eq!(
            progress(&[act(Done, None), act(Started, None), act(Dropped, None)]),
            Some(50)
        );
        let today = "2026-06-01".parse().unwrap();
        assert!(act(Planned, Some("2026-05-31")).is_overdue(today));
        assert!(!act(Done, Some("2026-05-31")).is_overdue(today));
        assert!(!act(Started, Some("2026-06-01")).is_overdue(today));
        for k in ActionKind::ALL {
            assert_eq!(ActionKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(ActionStatus::parse("nope"), None);
    }
}
