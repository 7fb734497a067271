//! The timesheet: time logged over a period, for one person or everyone (administrators; a member
//! reads their own), with each card and its board, summed per person; and the same as a table for the CSV and XLSX downloads.

use crate::measurement::export::{Table, Value};
use crate::{Actor, AppError, Invalid, Result};
use chrono::{Datelike, NaiveDate, Utc};
use mognad_domain::ids::{PersonId, TaskId};
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::time_entries as store;
use serde::Serialize;

/// The longest period one timesheet covers.
pub const MAX_DAYS: i64 = 366;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SheetRow {
    pub worked_on: NaiveDate,
    pub person_id: PersonId,
    pub person: String,
    pub task_id: TaskId,
    pub card: String,
    pub board: String,
    pub minutes: i64,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonTotal {
    pub person_id: PersonId,
    pub person: String,
    pub minutes: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Timesheet {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The person asked for; absent for everyone.
    pub person: Option<PersonId>,
    /// By day, then person.
    pub rows: Vec<SheetRow>,
    /// Per person, most minutes first.
    pub totals: Vec<PersonTotal>,
    pub minutes: i64,
}

/// The period asked for: blank `from` is the first of this month, blank `to` today.
pub fn period(from: &str, to: &str, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let mut errors = Vec::new();
    let mut day = |raw: &str, field: &str, blank: NaiveDate| match raw.trim() {
        "" => blank,
        d => parse_date(d).unwrap_or_else(|_| {
            errors.push(Invalid::new(field, "date", "a date as YYYY-MM-DD"));
            blank
        }),
    };
    let first = today.with_day(1).unwrap_or(today);
    let (from, to) = (day(from, "from", first), day(to, "to", today));
    if errors.is_empty() && (from > to || (to - from).num_days() >= MAX_DAYS) {
        errors.push(Invalid::new(
            "to",
            "time-period",
            "from before to, at most a year",
        ));
    }
    if errors.is_empty() {
        Ok((from, to))
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The headings of the download in the reader's language: date, person, board, card, minutes,
/// hours, note.
pub struct SheetWords {
    pub headers: [String; 7],
}

pub fn sheet_table(s: &Timesheet, w: &SheetWords) -> Table {
    Table {
        headers: w.headers.to_vec(),
        rows: s
            .rows
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.worked_on.to_string()),
                    Value::Text(r.person.clone()),
                    Value::Text(r.board.clone()),
                    Value::Text(r.card.clone()),
                    Value::Count(r.minutes),
                    Value::Number(r.minutes as f64 / 60.0),
                    Value::Text(r.note.clone()),
                ]
            })
            .collect(),
    }
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn timesheet(
        &self,
        actor: &Actor,
        person: Option<PersonId>,
        from: &str,
        to: &str,
    ) -> Result<Timesheet> {
        actor.require(Role::Member)?;
        let (from, to) = period(from, to, Utc::now().date_naive())?;
        let mut tx = self.db.read().await?;
        // Administrators read everyone's hours; a member reads their own person's only.
        let person = if actor.role.at_least(Role::Admin) {
            person
        } else {
            let own = mognad_store::people::find_by_email(&mut tx, actor.org, &actor.user.email)
                .await?
                .map(|p| p.id);
            match (own, person) {
                (Some(o), Some(p)) if o != p => return Err(AppError::Forbidden),
                (Some(o), _) => Some(o),
                (None, Some(_)) => return Err(AppError::Forbidden),
                (None, None) => {
                    tx.rollback().await?;
                    return Ok(Timesheet {
                        from,
                        to,
                        person: None,
                        rows: Vec::new(),
                        totals: Vec::new(),
                        minutes: 0,
                    });
                }
            }
        };
        let lines = store::sheet(&mut tx, actor.org, person.map(|p| p.0), from, to).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let name = |id: uuid::Uuid| {
            people
                .iter()
                .find(|p| p.id.0 == id)
                .map(|p| p.name.to_string())
                .unwrap_or_default()
        };
        let rows: Vec<SheetRow> = lines
            .into_iter()
            .map(|l| SheetRow {
                worked_on: l.worked_on,
                person_id: PersonId(l.person_id),
                person: name(l.person_id),
                task_id: TaskId(l.task_id),
                card: l.card,
                board: l.board,
                minutes: l.minutes,
                note: l.note,
            })
            .collect();
        let mut totals: Vec<PersonTotal> = Vec::new();
        for r in &rows {
            match totals.iter_mut().find(|t| t.person_id == r.person_id) {
                Some(t) => t.minutes += r.minutes,
                None => totals.push(PersonTotal {
                    person_id: r.person_id,
                    person: r.person.clone(),
                    minutes: r.minutes,
                }),
            }
        }
        totals.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.person.cmp(&b.person)));
        Ok(Timesheet {
            from,
            to,
            person,
            minutes: rows.iter().map(|r| r.minutes).sum(),
            rows,
            totals,
        })
    }
}
