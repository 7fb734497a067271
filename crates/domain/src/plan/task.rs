//! Tasks on a board: priority, labels, checklist progress and the work-in-progress limit.

use serde::{Deserialize, Serialize};

keyed!(Priority {
    Low = "low",
    Normal = "normal",
    High = "high",
    Urgent = "urgent",
});

/// At most this many labels on a task, each at most `LABEL_MAX` characters.
pub const LABELS_MAX: usize = 10;
pub const LABEL_MAX: usize = 30;

/// Labels from a comma-separated text: trimmed, lower-cased, each once, in the order given.
pub fn labels(raw: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for l in raw
        .split(',')
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
    {
        if l.chars().count() > LABEL_MAX || l.chars().any(char::is_control) {
            return Err(format!("a label is at most {LABEL_MAX} characters"));
        }
        if !out.contains(&l) {
            out.push(l);
        }
    }
    if out.len() > LABELS_MAX {
        return Err(format!("at most {LABELS_MAX} labels"));
    }
    Ok(out)
}

/// Whether a column holding `count` cards may take one more.
pub fn fits(count: usize, wip_limit: Option<u32>) -> bool {
    wip_limit.is_none_or(|l| count < l as usize)
}

/// One item of a task's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub text: String,
    pub done: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_tidied_and_limited() {
        assert_eq!(
            labels(" Nätverk, nätverk ,Säkerhet,, ").unwrap(),
            ["nätverk", "säkerhet"]
        );
        assert!(labels(&"x".repeat(31)).is_err());
        assert!(labels(&(0..11).map(|i| i.to_string()).collect::<Vec<_>>().join(",")).is_err());
        assert!(fits(2, Some(3)) && !fits(3, Some(3)) && fits(1000, None));
        assert_eq!(Priority::parse("urgent"), Some(Priority::Urgent));
    }
}
