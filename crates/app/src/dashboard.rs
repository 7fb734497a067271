//! Dashboards: the organisation's progress on its initiatives (cards done of all, overdue),
//! throughput per week, open work, and the maturity trend over its rounds; the same progress
//! per initiative.

use crate::{Actor, App, Result};
use chrono::{Duration, NaiveDate, Utc};
use mognad_domain::plan::workload::week_of;
use mognad_domain::role::Role;
use mognad_store::boards;
use mognad_store::plan::Initiative;
use serde::Serialize;
use uuid::Uuid;

/// Weeks of throughput shown.
pub const THROUGHPUT_WEEKS: usize = 8;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub id: Uuid,
    pub title: String,
    pub status: String,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub open: usize,
    pub overdue: usize,
    /// (ISO week, cards done that week), oldest first.
    pub throughput: Vec<(u32, usize)>,
    pub initiatives: Vec<Progress>,
    /// (round name, the organisation's overall score 0–100 when shown), oldest first.
    pub trend: Vec<(String, Option<f64>)>,
}

fn overdue(t: &boards::Task, today: NaiveDate) -> bool {
    t.done_at.is_none() && t.due_on.is_some_and(|d| d < today)
}

fn progress_of(i: &Initiative, tasks: &[boards::Task], today: NaiveDate) -> Progress {
    let mine: Vec<_> = tasks.iter().filter(|t| t.initiative_id == Some(i.id)).collect();
    Progress {
        id: i.id,
        title: i.title.clone(),
        status: i.status.clone(),
        done: mine.iter().filter(|t| t.done_at.is_some()).count(),
        total: mine.len(),
        overdue: mine.iter().filter(|t| overdue(t, today)).count(),
    }
}

impl App {
    /// One initiative's progress, without the rest of the dashboard.
    pub async fn initiative_progress(&self, actor: &Actor, id: Uuid) -> Result<Progress> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let i = mognad_store::plan::initiative(&mut tx, actor.org, id)
            .await?
            .ok_or(crate::AppError::NotFound)?;
        let tasks = boards::all_tasks(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok(progress_of(&i, &tasks, Utc::now().date_naive()))
    }

    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let tasks = boards::all_tasks(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let (initiatives, _) = self.initiatives(actor).await?;
        let today = Utc::now().date_naive();
        let is_overdue = |t: &boards::Task| overdue(t, today);
        let weeks: Vec<(i32, u32)> = (0..THROUGHPUT_WEEKS)
            .rev()
            .map(|k| week_of(today - Duration::weeks(k as i64)))
            .collect();
        let throughput = weeks
            .iter()
            .map(|w| {
                let n = tasks
                    .iter()
                    .filter(|t| t.done_at.is_some_and(|d| week_of(d.date_naive()) == *w))
                    .count();
                (w.1, n)
            })
            .collect();
        let progress = initiatives
            .iter()
            .map(|i| progress_of(i, &tasks, today))
            .collect();
        let mut trend = Vec::new();
        for r in self.rounds(actor).await? {
            if r.state == "draft" {
                continue;
            }
            let res = self.results(actor, r.id).await?;
            trend.push((r.name.clone(), res.organisation.overall()));
        }
        Ok(Dashboard {
            open: tasks.iter().filter(|t| t.done_at.is_none()).count(),
            overdue: tasks.iter().filter(|t| is_overdue(t)).count(),
            throughput,
            initiatives: progress,
            trend,
        })
    }
}
