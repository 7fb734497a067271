//! Dashboards: the organisation's progress on its initiatives (cards done of all, overdue),
//! throughput per week, open work and workload, and the maturity trend over its rounds. One
//! initiative's own dashboard is in [`crate::plan::initiative_dashboard`]; both share the counting
//! here.

use crate::plan::workload::{Workload, paused, workload_of};
use crate::{Actor, Result};
use chrono::{Duration, NaiveDate, Utc};
use mognad_domain::ids::InitiativeId;
use mognad_domain::plan::workload::week_of;
use mognad_domain::role::Role;
use mognad_store::boards::{self, Task};
use mognad_store::plan::Initiative;
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
    (0..THROUGHPUT_WEEKS)
        .rev()
        .map(|k| week_of(today - Duration::weeks(k as i64)))
        .map(|w| {
            let n = tasks
                .iter()
                .filter(|t| t.done_at.is_some_and(|d| week_of(d.date_naive()) == w))
                .count();
            (w.1, n)
        })
        .collect()
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let tasks = boards::all_tasks(&mut tx, actor.org).await?;
        let paused = paused(&mut tx, actor.org).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        let logged = mognad_store::time_entries::per_initiative(&mut tx, actor.org).await?;
        let today = Utc::now().date_naive();
        let all: Vec<&Task> = tasks.iter().collect();
        let mut workload = workload_of(&all, &paused, &people, today);
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
            open: tasks.iter().filter(|t| t.done_at.is_none()).count(),
            overdue: tasks.iter().filter(|t| overdue(t, today)).count(),
            throughput: throughput(&all, today),
            initiatives: initiatives
                .iter()
                .map(|i| Progress {
                    logged_minutes: logged.iter().find(|l| l.0 == i.id).map(|l| l.1).unwrap_or(0),
                    ..progress_of(i, &all, today)
                })
                .collect(),
            workload,
            trend,
        })
    }
}
