//! One initiative's dashboard: its cards' progress, overdue work and throughput per week, the
//! workload they put on people, and the maturity trend of the engines it aims at — in the
//! leadership groups it works with taken together (those shown in each round), or in the whole
//! organisation when it names none.

use crate::measurement::results::RoundResults;
use crate::plan::dashboard::{Progress, progress_of, throughput};
use crate::plan::workload::{Workload, paused, workload_of};
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::{GroupId, InitiativeId, TaskId};
use mognad_domain::role::Role;
use mognad_domain::stats::Sums;
use mognad_store::boards::{self, Task};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupRef {
    pub id: GroupId,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrendPoint {
    pub round: String,
    /// 0–100; absent when the round does not measure the engine or shows none of the groups.
    pub score: Option<f64>,
    /// How many of the initiative's groups the score rests on (0 for the whole organisation).
    pub groups_shown: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EngineTrend {
    pub engine: String,
    pub name_sv: String,
    pub name_en: String,
    /// One point per round that is open or closed, oldest first.
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InitiativeDashboard {
    pub progress: Progress,
    /// (ISO week, its cards done that week), oldest first.
    pub throughput: Vec<(u32, usize)>,
    /// Open hours of its cards per person and week.
    pub workload: Workload,
    /// The groups it works with; empty when it covers the whole organisation.
    pub groups: Vec<GroupRef>,
    pub trend: Vec<EngineTrend>,
    /// Its cards: open ones first by due date, then those done.
    #[serde(skip)]
    pub cards: Vec<CardLine>,
}

/// One of an initiative's cards as its page lists it.
#[derive(Debug, Clone)]
pub struct CardLine {
    pub id: TaskId,
    pub title: String,
    pub done: bool,
    pub overdue: bool,
    pub due_on: Option<chrono::NaiveDate>,
    pub assignee: Option<String>,
}

fn card_lines(
    tasks: &[&Task],
    people: &[mognad_domain::people::Person],
    today: chrono::NaiveDate,
) -> Vec<CardLine> {
    let mut lines: Vec<CardLine> = tasks
        .iter()
        .map(|t| CardLine {
            id: TaskId(t.id),
            title: t.title.clone(),
            done: t.done_at.is_some(),
            overdue: super::dashboard::overdue(t, today),
            due_on: t.due_on,
            assignee: t
                .assignee_id
                .and_then(|a| people.iter().find(|p| p.id.0 == a))
                .map(|p| p.name.to_string()),
        })
        .collect();
    lines.sort_by_key(|l| (l.done, l.due_on.is_none(), l.due_on));
    lines
}

/// The engine's score in `r` over `groups` together (those shown), or the organisation's.
fn point(r: &RoundResults, engine: &str, groups: &[Uuid]) -> TrendPoint {
    let round = r.round_name.clone();
    let Some(i) = r.engines.iter().position(|k| k == engine) else {
        return TrendPoint {
            round,
            score: None,
            groups_shown: 0,
        };
    };
    if groups.is_empty() {
        let o = &r.organisation;
        return TrendPoint {
            round,
            score: o.visible.then(|| o.scores.get(i).copied().flatten()).flatten(),
            groups_shown: 0,
        };
    }
    let mut pooled = Sums::default();
    let mut shown = 0;
    for a in r.groups.iter().filter(|a| a.visible && groups.contains(&a.id)) {
        if let Some(s) = a.sums.get(i) {
            pooled.merge(s);
            shown += 1;
        }
    }
    TrendPoint {
        round,
        score: pooled.mean(),
        groups_shown: shown,
    }
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn initiative_dashboard(&self, actor: &Actor, id: InitiativeId) -> Result<InitiativeDashboard> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let i = mognad_store::plan::initiative(&mut tx, actor.org, id.0)
            .await?
            .ok_or(AppError::NotFound)?;
        let tasks = boards::initiative_tasks(&mut tx, actor.org, id.0).await?;
        let paused = paused(&mut tx, actor.org).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        let logged = mognad_store::time_entries::per_initiative(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let today = Utc::now().date_naive();
        let mine: Vec<&Task> = tasks.iter().collect();
        let directory = self.org().groups(actor).await?;
        let groups = i
            .groups
            .iter()
            .map(|g| GroupRef {
                id: GroupId(*g),
                name: directory
                    .iter()
                    .find(|x| x.id == GroupId(*g))
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let mut results = Vec::new();
        for r in self.measurement().rounds(actor).await? {
            if r.state == "closed" {
                results.push(self.measurement().results(actor, r.id).await?);
            }
        }
        let choices = self.engine_choices(actor).await?;
        let trend = crate::plan::scope::keys(&i.engines)
            .into_iter()
            .map(|key| {
                let names = choices.iter().find(|c| c.key == key);
                EngineTrend {
                    name_sv: names.map(|c| c.name_sv.clone()).unwrap_or_else(|| key.clone()),
                    name_en: names.map(|c| c.name_en.clone()).unwrap_or_else(|| key.clone()),
                    points: results.iter().map(|r| point(r, &key, &i.groups)).collect(),
                    engine: key,
                }
            })
            .collect();
        Ok(InitiativeDashboard {
            progress: Progress {
                logged_minutes: logged.iter().find(|l| l.0 == i.id).map(|l| l.1).unwrap_or(0),
                ..progress_of(&i, &mine, today)
            },
            throughput: throughput(&mine, today),
            workload: workload_of(&crate::plan::workload::open_of(&tasks), &paused, &people, today),
            groups,
            trend,
            cards: card_lines(&mine, &people, today),
        })
    }
}
