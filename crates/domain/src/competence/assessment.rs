//! Assessments of a person's competences and what follows from them: the latest level from
//! each source, one combined level, the gap to a role's requirement and what changed since the
//! previous assessment.
//!
//! Assessments are never edited: a new one is added, so history and change come for free.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Who made an assessment, as seen from the person assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The person about themselves.
    #[serde(rename = "self")]
    Own,
    /// A current supervisor.
    Manager,
    /// A current mentor.
    Mentor,
    /// Any other colleague.
    Peer,
}

impl Source {
    pub const ALL: [Source; 4] = [Source::Own, Source::Manager, Source::Mentor, Source::Peer];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Own => "self",
            Source::Manager => "manager",
            Source::Mentor => "mentor",
            Source::Peer => "peer",
        }
    }

    pub fn parse(raw: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }
}

/// One assessment of one competence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Uuid,
    pub competence: String,
    pub source: Source,
    /// 1 … the framework's number of levels.
    pub level: u8,
    pub note: String,
    /// The person who assessed; kept so each peer counts once.
    pub assessor: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Where a person stands on one competence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub competence: String,
    /// The latest level from each source that has assessed; peers as the mean of each peer's latest.
    pub by_source: BTreeMap<Source, f32>,
    /// The mean over the sources present.
    pub combined: Option<f32>,
    /// The combined level before the latest assessment, if there was one.
    pub previous: Option<f32>,
    pub required: Option<u8>,
}

impl Standing {
    /// Required minus combined: positive when the person is short of the role.
    pub fn gap(&self) -> Option<f32> {
        Some(f32::from(self.required?) - self.combined?)
    }

    /// Required minus one source's level.
    pub fn gap_by(&self, source: Source) -> Option<f32> {
        Some(f32::from(self.required?) - *self.by_source.get(&source)?)
    }

    /// How the combined level moved with the latest assessment.
    pub fn change(&self) -> Option<f32> {
        Some(self.combined? - self.previous?)
    }
}

/// The fewest colleagues whose peer assessments of a competence count: with fewer, one peer's
/// level could be told from the mean, so peers count (and show) only from this many on.
pub const PEER_MIN: usize = 3;

/// The latest level per source, from assessments of one competence in time order; peers only
/// when at least [`PEER_MIN`] of them have assessed.
fn latest(history: &[&Assessment]) -> BTreeMap<Source, f32> {
    let mut last: BTreeMap<(Source, Option<Uuid>), u8> = BTreeMap::new();
    for a in history {
        last.insert((a.source, a.assessor), a.level);
    }
    if last.keys().filter(|(s, _)| *s == Source::Peer).count() < PEER_MIN {
        last.retain(|(s, _), _| *s != Source::Peer);
    }
    let mut sums: BTreeMap<Source, (f32, f32)> = BTreeMap::new();
    for ((source, _), level) in last {
        let (sum, n) = sums.entry(source).or_default();
        *sum += f32::from(level);
        *n += 1.0;
    }
    sums.into_iter().map(|(s, (sum, n))| (s, sum / n)).collect()
}

fn mean(m: &BTreeMap<Source, f32>) -> Option<f32> {
    (!m.is_empty()).then(|| m.values().sum::<f32>() / m.len() as f32)
}

/// The combined level of one competence from its assessments (any order).
pub fn combined(history: &[&Assessment]) -> Option<f32> {
    let mut h = history.to_vec();
    h.sort_by_key(|a| (a.at, a.id));
    mean(&latest(&h))
}

/// Standings for the competences in `order`, given all of a person's assessments and the
/// levels a role requires.
pub fn standings(order: &[&str], all: &[Assessment], requires: &[(String, u8)]) -> Vec<Standing> {
    let mut by_competence: BTreeMap<&str, Vec<&Assessment>> = BTreeMap::new();
    for a in all {
        by_competence.entry(a.competence.as_str()).or_default().push(a);
    }
    order
        .iter()
        .map(|c| {
            let mut h = by_competence.remove(c).unwrap_or_default();
            h.sort_by_key(|a| (a.at, a.id));
            let by_source = latest(&h);
            let previous = h.split_last().and_then(|(_, before)| mean(&latest(before)));
            Standing {
                competence: (*c).to_owned(),
                combined: mean(&by_source),
                by_source,
                previous,
                required: requires.iter().find(|(r, _)| r == c).map(|(_, l)| *l),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn a(c: &str, source: Source, level: u8, assessor: u128, day: u32) -> Assessment {
        Assessment {
            id: Uuid::from_u128(u128::from(day) * 1000 + assessor),
            competence: c.into(),
            source,
            level,
            note: String::new(),
            assessor: Some(Uuid::from_u128(assessor)),
            at: Utc.with_ymd_and_hms(2026, 1, day, 12, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_latest_of_each_source_counts_and_each_peer_once() {
        let all = vec![
            a("x", Source::Own, 2, 1, 1),
            a("x", Source::Own, 4, 1, 3),
            a("x", Source::Manager, 3, 2, 2),
            a("x", Source::Peer, 1, 5, 1),
            a("x", Source::Peer, 3, 6, 2),
            a("x", Source::Peer, 2, 7, 2),
            a("x", Source::Peer, 5, 5, 4),
        ];
        let s = &standings(&["x", "y"], &all, &[("x".into(), 5)]);
        // Own 4, manager 3, three peers (5 + 3 + 2) / 3.
        assert_eq!(s[0].by_source[&Source::Peer], 10.0 / 3.0);
        assert_eq!(s[0].combined, Some((4.0 + 3.0 + 10.0 / 3.0) / 3.0));
        assert_eq!(s[0].gap_by(Source::Manager), Some(2.0));
        // Before the last peer assessment, peers were (1 + 3 + 2) / 3 = 2.
        assert_eq!(s[0].previous, Some((4.0 + 3.0 + 2.0) / 3.0));
        assert!(s[0].change().unwrap() > 0.0);
        assert_eq!(s[1].combined, None);
        assert_eq!(s[1].gap(), None);
    }

    #[test]
    fn fewer_than_three_peers_neither_count_nor_show() {
        let two = vec![
            a("x", Source::Own, 2, 1, 1),
            a("x", Source::Peer, 5, 5, 2),
            a("x", Source::Peer, 5, 6, 3),
            a("x", Source::Peer, 1, 6, 4),
        ];
        let s = &standings(&["x"], &two, &[]);
        assert!(
            !s[0].by_source.contains_key(&Source::Peer),
            "two peers, one twice"
        );
        assert_eq!(s[0].combined, Some(2.0));
        let mut three = two.clone();
        three.push(a("x", Source::Peer, 3, 7, 5));
        let s = &standings(&["x"], &three, &[]);
        assert_eq!(s[0].by_source[&Source::Peer], 3.0);
        assert_eq!(s[0].previous, Some(2.0), "before the third, peers did not count");
    }

    #[test]
    fn combined_does_not_depend_on_the_order_given() {
        let mut all = [
            a("x", Source::Own, 2, 1, 1),
            a("x", Source::Own, 5, 1, 9),
            a("x", Source::Mentor, 3, 2, 2),
        ];
        let refs: Vec<&Assessment> = all.iter().collect();
        let forward = combined(&refs);
        all.reverse();
        let refs: Vec<&Assessment> = all.iter().collect();
        assert_eq!(combined(&refs), forward);
        assert_eq!(forward, Some(4.0));
    }
}
