//! The initiatives' timeline on the plan page: each initiative's start and end in a window of
//! whole months around today, with how many of its cards are done. Initiatives without both
//! dates are listed apart so they are not lost.

use crate::{Actor, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::ids::InitiativeId;
use mognad_domain::plan::timeline::Window;
use mognad_domain::role::Role;
use mognad_store::plan as store;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    pub id: InitiativeId,
    pub title: String,
    pub status: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub done: i64,
    pub total: i64,
    /// The bar's left edge and width on a scale of 0–1000; absent without both dates.
    pub bar: Option<(f64, f64)>,
    /// The done share of the bar, in the same units.
    pub done_width: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The first and last day shown; absent when no initiative has both dates.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Where today falls, 0–1000.
    pub today: f64,
    /// Dated initiatives by start, then the undated in the plan's order.
    pub rows: Vec<TimelineRow>,
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn timeline(&self, actor: &Actor) -> Result<Timeline> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = store::initiatives(&mut tx, actor.org).await?;
        let sums = mognad_store::budget::card_sums(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let today = Utc::now().date_naive();
        let spans: Vec<(NaiveDate, NaiveDate)> = list
            .iter()
            .filter_map(|i| Some((i.starts_on?, i.ends_on?)))
            .collect();
        let window = Window::around(&spans, today);
        let mut rows: Vec<TimelineRow> = list
            .into_iter()
            .map(|i| {
                let s = sums
                    .iter()
                    .find(|s| s.initiative_id == i.id)
                    .copied()
                    .unwrap_or_default();
                let bar = window.and_then(|w| Some(w.bar(i.starts_on?, i.ends_on?)));
                let share = if s.total > 0 {
                    s.done as f64 / s.total as f64
                } else {
                    0.0
                };
                TimelineRow {
                    id: InitiativeId(i.id),
                    title: i.title,
                    status: i.status,
                    starts_on: i.starts_on,
                    ends_on: i.ends_on,
                    done: s.done,
                    total: s.total,
                    done_width: bar.map(|b| b.1 * share).unwrap_or(0.0),
                    bar,
                }
            })
            .collect();
        // Dated first, by start; the sort is stable so the undated keep the plan's order.
        rows.sort_by_key(|r| (r.bar.is_none(), r.bar.and(r.starts_on)));
        Ok(Timeline {
            from: window.map(|w| w.from),
            to: window.map(|w| w.to),
            today: window.map(|w| w.at(today)).unwrap_or(0.0),
            rows,
        })
    }
}
