//! Workload over the organisation's open cards: per person and week, with overload and unfair
//! distribution, and the hours the paused initiatives free — what a budget cut gives back.

use crate::{Actor, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::plan::workload::{self, OpenCard, PersonLoad};
use mognad_domain::role::Role;
use mognad_store::plan_reads::OpenWork;
use mognad_store::{boards, plan};
use serde::Serialize;
use std::collections::HashSet;
use uuid::Uuid;

/// Weeks a workload view covers.
pub const WEEKS: usize = 6;

/// One person's load, named.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonWorkload {
    pub name: String,
    pub person: uuid::Uuid,
    /// Hours per week of the window, in order; overdue cards count in the first week.
    pub weeks: Vec<u32>,
    /// Hours of open cards without a due date.
    pub unscheduled: u32,
    pub cards: usize,
    /// Some week is over the capacity.
    pub overloaded: bool,
    /// More than twice the median of those with work.
    pub unfair: bool,
    /// Hours on paused initiatives' cards.
    pub freed: u32,
    /// Minutes logged this week, to set against the week's estimated hours.
    pub logged_minutes: i64,
}

impl PersonWorkload {
    fn new(name: String, l: PersonLoad) -> Self {
        PersonWorkload {
            name,
            person: l.person,
            weeks: l.weeks,
            unscheduled: l.unscheduled,
            cards: l.cards,
            overloaded: l.overloaded,
            unfair: l.unfair,
            freed: l.freed,
            logged_minutes: 0,
        }
    }

    /// Hours over the window and unscheduled.
    pub fn total(&self) -> u32 {
        self.weeks.iter().sum::<u32>() + self.unscheduled
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Workload {
    /// ISO weeks, e.g. "v. 48".
    pub weeks: Vec<u32>,
    pub capacity: u32,
    /// Most loaded first.
    pub people: Vec<PersonWorkload>,
    /// Open cards nobody is assigned.
    pub unassigned: usize,
    /// Hours on cards of paused initiatives.
    pub freed: u32,
}

/// The workload of the `open` cards (only those with an assignee count), with the cards of
/// `paused` initiatives counted as freed, named from `people`.
pub(crate) fn workload_of(
    open: &[OpenWork],
    paused: &HashSet<Uuid>,
    people: &[mognad_domain::people::Person],
    today: NaiveDate,
) -> Workload {
    let cards: Vec<OpenCard> = open
        .iter()
        .filter_map(|t| {
            Some(OpenCard {
                assignee: t.assignee_id?,
                due: t.due_on,
                hours: t.estimate_hours.and_then(|h| u32::try_from(h).ok()),
                paused: t.initiative_id.is_some_and(|i| paused.contains(&i)),
            })
        })
        .collect();
    let loads = workload::loads(&cards, today, WEEKS, workload::DEFAULT_CAPACITY);
    let mut rows: Vec<PersonWorkload> = loads
        .into_iter()
        .map(|l| {
            let name = people
                .iter()
                .find(|p| p.id.0 == l.person)
                .map(|p| p.name.to_string())
                .unwrap_or_default();
            PersonWorkload::new(name, l)
        })
        .collect();
    rows.sort_by_key(|p| (std::cmp::Reverse(p.total()), p.name.clone()));
    Workload {
        weeks: (0..WEEKS)
            .map(|k| workload::week_of(today + chrono::Duration::weeks(k as i64)).1)
            .collect(),
        capacity: workload::DEFAULT_CAPACITY,
        freed: rows.iter().map(|p| p.freed).sum(),
        unassigned: open.iter().filter(|t| t.assignee_id.is_none()).count(),
        people: rows,
    }
}

/// Adds the minutes each person logged this ISO week (Monday to Sunday) to `w`.
pub(crate) async fn with_logged(
    tx: &mut mognad_store::Tx,
    org: mognad_domain::ids::OrgId,
    w: &mut Workload,
    today: NaiveDate,
) -> Result<()> {
    use chrono::Datelike;
    let monday = today - chrono::Duration::days(today.weekday().num_days_from_monday() as i64);
    let sums =
        mognad_store::time_entries::per_person(tx, org, monday, monday + chrono::Duration::days(6)).await?;
    for p in &mut w.people {
        p.logged_minutes = sums
            .iter()
            .find(|(id, _)| *id == p.person)
            .map(|s| s.1)
            .unwrap_or(0);
    }
    Ok(())
}

/// The open cards among `tasks`, as the workload counts them.
pub(crate) fn open_of(tasks: &[boards::Task]) -> Vec<OpenWork> {
    tasks
        .iter()
        .filter(|t| t.done_at.is_none())
        .map(|t| OpenWork {
            assignee_id: t.assignee_id,
            due_on: t.due_on,
            estimate_hours: t.estimate_hours,
            initiative_id: t.initiative_id,
        })
        .collect()
}

/// The ids of the organisation's stopped (paused or cancelled) initiatives and of its archived
/// ones, whose cards' hours are freed: an archived initiative's cards stay live on their boards.
pub(crate) async fn paused(
    tx: &mut mognad_store::Tx,
    org: mognad_domain::ids::OrgId,
) -> Result<HashSet<Uuid>> {
    Ok(plan::initiative_states(tx, org)
        .await?
        .into_iter()
        .filter(|(_, status, archived)| *archived || crate::plan::budget::stopped(status))
        .map(|(id, _, _)| id)
        .collect())
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn workload(&self, actor: &Actor) -> Result<Workload> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let open = mognad_store::plan_reads::open_work(&mut tx, actor.org).await?;
        let paused = paused(&mut tx, actor.org).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        let today = Utc::now().date_naive();
        let mut w = workload_of(&open, &paused, &people, today);
        with_logged(&mut tx, actor.org, &mut w, today).await?;
        tx.rollback().await?;
        Ok(w)
    }
}
