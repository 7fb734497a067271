//! Time logging on cards: a member logs how long a person worked on a card on a day, the card
//! shows what was logged against its estimate, and whoever logged an entry (or an
//! administrator) may take it back. The timesheet over a period is in `timesheet`.
//!
//! Entries are kept on archived cards (the work was done) but none is added to one.

use crate::input::{bounded_text, noted_ref};
use crate::plan::card_writes::live_task;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::ids::{PersonId, TaskId, TimeEntryId};
use mognad_domain::plan::time::{TimeProblem, parse_minutes};
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::time_entries::{self as store, TimeEntry};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A note on an entry: one line of what was done.
pub const NOTE_MAX: usize = 200;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TimeInput {
    /// Who worked.
    #[serde(default)]
    pub person_id: String,
    /// `YYYY-MM-DD`; blank for today. Not after today.
    #[serde(default)]
    pub worked_on: String,
    /// Hours ("1,5"), `h:mm` ("1:30") or minutes ("45 min"); at most a day.
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub note: String,
}

/// An entry as a card shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimeView {
    pub id: TimeEntryId,
    pub person_id: PersonId,
    pub person: String,
    pub worked_on: NaiveDate,
    pub minutes: i64,
    pub note: String,
    /// Whether the reader may take it back.
    pub removable: bool,
}

/// What was logged on a card.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct CardTime {
    pub entries: Vec<TimeView>,
    pub minutes: i64,
}

fn may_remove(actor: &Actor, e: &TimeEntry) -> bool {
    actor.role.at_least(Role::Admin) || e.logged_by == Some(actor.user.id.0)
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn log_time(&self, actor: &Actor, task: TaskId, input: &TimeInput) -> Result<TimeEntryId> {
        actor.require(Role::Member)?;
        let mut errors = Vec::new();
        let today = Utc::now().date_naive();
        let worked_on = match input.worked_on.trim() {
            "" => today,
            d => match parse_date(d) {
                Ok(d) if d > today => {
                    errors.push(Invalid::new("worked_on", "time-future", "not after today"));
                    today
                }
                Ok(d) => d,
                Err(_) => {
                    errors.push(Invalid::new("worked_on", "date", "a date as YYYY-MM-DD"));
                    today
                }
            },
        };
        let minutes = if input.hours.trim().is_empty() {
            errors.push(Invalid::new("hours", "required", "how long"));
            0
        } else {
            parse_minutes(&input.hours).unwrap_or_else(|p| {
                errors.push(match p {
                    TimeProblem::Unreadable => {
                        Invalid::new("hours", "time-unreadable", "hours, h:mm or minutes")
                    }
                    TimeProblem::OutOfRange => {
                        Invalid::new("hours", "time-range", "more than nothing, at most a day")
                    }
                });
                0
            })
        };
        let note = bounded_text(&input.note, "note", NOTE_MAX, false, &mut errors);
        let person = if input.person_id.trim().is_empty() {
            errors.push(Invalid::new("person_id", "required", "who worked"));
            None
        } else {
            noted_ref("person_id", &input.person_id, &mut errors)
        };
        let mut tx = self.db.write().await?;
        live_task(&mut tx, actor.org, task.0).await?;
        if let Some(p) = person
            && mognad_store::people::get(&mut tx, actor.org, PersonId(p))
                .await?
                .is_none()
        {
            errors.push(Invalid::new("person_id", "bad-ref", "not a valid choice"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let entry = TimeEntry {
            id: Uuid::now_v7(),
            task_id: task.0,
            person_id: person.unwrap_or_default(),
            worked_on,
            minutes,
            note,
            logged_by: Some(actor.user.id.0),
            created_at: Utc::now(),
        };
        store::insert(&mut tx, actor.org, &entry).await?;
        tx.commit().await?;
        Ok(TimeEntryId(entry.id))
    }

    /// Takes an entry back: whoever logged it, or an administrator.
    #[tracing::instrument(skip_all)]
    pub async fn remove_time(&self, actor: &Actor, id: TimeEntryId) -> Result<TaskId> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        let e = store::get(&mut tx, actor.org, id.0)
            .await?
            .ok_or(AppError::NotFound)?;
        if !may_remove(actor, &e) {
            return Err(AppError::Forbidden);
        }
        live_task(&mut tx, actor.org, e.task_id).await?;
        store::delete(&mut tx, actor.org, id.0).await?;
        tx.commit().await?;
        Ok(TaskId(e.task_id))
    }

    /// What was logged on a card, the latest day first, with the people by name.
    #[tracing::instrument(skip_all)]
    pub async fn card_time(&self, actor: &Actor, task: TaskId) -> Result<CardTime> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = store::of_task(&mut tx, actor.org, task.0).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let name = |id: Uuid| {
            people
                .iter()
                .find(|p| p.id.0 == id)
                .map(|p| p.name.to_string())
                .unwrap_or_default()
        };
        Ok(CardTime {
            minutes: list.iter().map(|e| e.minutes).sum(),
            entries: list
                .iter()
                .map(|e| TimeView {
                    id: TimeEntryId(e.id),
                    person_id: PersonId(e.person_id),
                    person: name(e.person_id),
                    worked_on: e.worked_on,
                    minutes: e.minutes,
                    note: e.note.clone(),
                    removable: may_remove(actor, e),
                })
                .collect(),
        })
    }
}
