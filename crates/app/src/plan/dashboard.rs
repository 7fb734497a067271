//! Dashboards: the organisation's progress on its initiatives (cards done of all, overdue),
//! throughput per week, open work and workload, and the maturity trend over its rounds. One
//! initiative's own dashboard is in [`crate::plan::initiative_dashboard`]; both share the counting
//! here.

use crate::plan::workload::{Workload, paused, workload_of};
use crate::{Actor, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use mognad_domain::ids::InitiativeId;
use mognad_domain::plan::workload::week_of;
use mognad_domain::role::Role;
use mognad_store::boards::Task;
use mognad_store::plan::Initiative;
use mognad_store::plan_reads;
use serde::Serialize;

/// Weeks of throughput shown.
pub const THROUGHPUT_WEEKS: usize = 8;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub id: InitiativeId,
    pub title: String,
    pub status: String,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
    /// The estimated hours of all its cards …
    pub estimate_hours: i64,
    /// … and the minutes logged on them.
    pub logged_minutes: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub open: usize,
    pub overdue: usize,
    /// (ISO week, cards done that week), oldest first.
    pub throughput: Vec<(u32, usize)>,
    pub initiatives: Vec<Progress>,
    /// Open hours per person and week, as on the workload page.
    pub workload: Workload,
    /// (round name, the organisation's overall score 0–100 when shown), oldest first.
    pub trend: Vec<(String, Option<f64>)>,
}

pub(crate) fn overdue(t: &Task, today: NaiveDate) -> bool {
    t.done_at.is_none() && t.due_on.is_some_and(|d| d < today)
}

pub(crate) fn progress_of(i: &Initiative, tasks: &[&Task], today: NaiveDate) -> Progress {
    let mine: Vec<_> = tasks.iter().filter(|t| t.initiative_id == Some(i.id)).collect();
    Progress {
        id: InitiativeId(i.id),
        title: i.title.clone(),
        status: i.status.clone(),
        done: mine.iter().filter(|t| t.done_at.is_some()).count(),
        total: mine.len(),
        overdue: mine.iter().filter(|t| overdue(t, today)).count(),
        estimate_hours: mine.iter().filter_map(|t| t.estimate_hours).sum(),
        logged_minutes: 0,
    }
}

/// Cards done per ISO week over the last [`THROUGHPUT_WEEKS`] weeks, oldest first.
pub(crate) fn throughput(tasks: &[&Task], today: NaiveDate) -> Vec<(u32, usize)> {
    let done: Vec<DateTime<Utc>> = tasks.iter().filter_map(|t| t.done_at).collect();
    throughput_of(&done, today)
}

/// [`throughput`] from the days cards were done.
pub(crate) fn throughput_of(done: &[DateTime<Utc>], today: NaiveDate) -> Vec<(u32, usize)> {
    (0..THROUGHPUT_WEEKS)
        .rev()
        .map(|k| week_of(today - Duration::weeks(k as i64)))
        .map(|w| {
            let n = done.iter().filter(|d| week_of(d.date_naive()) == w).count();
            (w.1, n)
        })
        .collect()
}

/// The Mondays that bound the weeks [`throughput_of`] counts, oldest first, and the next one.
fn week_bounds(today: NaiveDate) -> Vec<DateTime<Utc>> {
    use chrono::Datelike;
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    (0..=THROUGHPUT_WEEKS)
        .rev()
        .map(|k| monday + Duration::weeks(1) - Duration::weeks(k as i64))
        .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        .collect()
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        actor.require(Role::Member)?;
        let today = Utc::now().date_naive();
        let mut tx = self.db.read().await?;
        // Only what the page counts: the open cards, each initiative's sums and the recent done
        // days, not every card with its text.
        let open = plan_reads::open_work(&mut tx, actor.org).await?;
        let sums = plan_reads::progress(&mut tx, actor.org, today).await?;
        let bounds = week_bounds(today);
        let per_week = plan_reads::done_between(&mut tx, actor.org, &bounds).await?;
        let paused = paused(&mut tx, actor.org).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        let logged = mognad_store::time_entries::per_initiative(&mut tx, actor.org).await?;
        let mut workload = workload_of(&open, &paused, &people, today);
        crate::plan::workload::with_logged(&mut tx, actor.org, &mut workload, today).await?;
        tx.rollback().await?;
        let (initiatives, _) = self.initiatives(actor).await?;
        let mut trend = Vec::new();
        for r in self.measurement().rounds(actor).await? {
            if r.state != "closed" {
                continue;
            }
            let res = self.measurement().results(actor, r.id).await?;
            trend.push((r.name.clone(), res.organisation.overall()));
        }
        Ok(Dashboard {
            open: open.len(),
            overdue: open
                .iter()
                .filter(|t| t.due_on.is_some_and(|d| d < today))
                .count(),
            throughput: bounds
                .iter()
                .zip(&per_week)
                .map(|(b, n)| (week_of(b.date_naive()).1, *n as usize))
                .collect(),
            initiatives: initiatives
                .iter()
                .map(|i| {
                    let s = sums
                        .iter()
                        .find(|s| s.initiative_id == i.id)
                        .copied()
                        .unwrap_or_default();
                    Progress {
                        id: InitiativeId(i.id),
                        title: i.title.clone(),
                        status: i.status.clone(),
                        done: s.done as usize,
                        total: s.total as usize,
                        overdue: s.overdue as usize,
                        estimate_hours: s.estimate_hours,
                        logged_minutes: logged.iter().find(|l| l.0 == i.id).map(|l| l.1).unwrap_or(0),
                    }
                })
                .collect(),
            workload,
            trend,
        })
    }
}
