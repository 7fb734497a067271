//! The leadership programme template: four steps — inspiration and awareness, what drives
//! transformation, leading the transformation, making the plan concrete — each a workshop,
//! own work until the next, and a milestone per leadership group, run for all groups in
//! parallel on one board. Labels (`steg-1` … `steg-4`) let the board be filtered by step.

use crate::plan::boards::BoardInput;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{Duration, NaiveDate, Utc};
use mognad_domain::ids::BoardId;
use mognad_domain::plan::rank;
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::boards::{self as store, Task};
use serde::Deserialize;
use uuid::Uuid;

/// The four steps: (Swedish, English).
pub const STEPS: [(&str, &str); 4] = [
    ("Inspiration och insikt", "Inspiration and awareness"),
    ("Vad driver omställningen", "What drives transformation"),
    ("Att leda omställningen", "Leading the transformation"),
    ("Planen blir konkret", "Making the plan concrete"),
];

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ProgrammeInput {
    /// The first workshop's day, `YYYY-MM-DD`.
    #[serde(default)]
    pub starts_on: String,
    /// Weeks between workshops (1–12); blank for 4.
    #[serde(default)]
    pub weeks_between: String,
}

impl super::Plan<'_> {
    /// A board with the programme's cards for every leadership group.
    #[tracing::instrument(skip_all)]
    pub async fn start_programme(&self, actor: &Actor, input: &ProgrammeInput) -> Result<BoardId> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let start: Option<NaiveDate> = parse_date(&input.starts_on).ok();
        if start.is_none() {
            errors.push(Invalid::new("starts_on", "date", "a date as YYYY-MM-DD"));
        }
        let weeks = match input.weeks_between.trim() {
            "" => Some(4),
            w => w.parse::<i64>().ok().filter(|w| (1..=12).contains(w)),
        };
        if weeks.is_none() {
            errors.push(Invalid::new("weeks_between", "weeks", "1 to 12 weeks"));
        }
        let (Some(start), Some(weeks), true) = (start, weeks, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let groups = self.org().groups(actor).await?;
        if groups.is_empty() {
            return Err(Invalid::new("starts_on", "no-groups", "add leadership groups first").into());
        }
        let sv = self.org().organisation(actor).await?.settings.language == mognad_domain::org::Language::Sv;
        let name = if sv {
            format!("Ledarprogram {start}")
        } else {
            format!("Leadership programme {start}")
        };
        let board = self
            .create_board(
                actor,
                &BoardInput {
                    name,
                    initiative_id: String::new(),
                },
            )
            .await?;
        let backlog = self
            .board(actor, BoardId(board.id), &Default::default(), None)
            .await?
            .columns[0]
            .id;
        let mut cards = Vec::new();
        for (k, (step_sv, step_en)) in STEPS.iter().enumerate() {
            let step = if sv { step_sv } else { step_en };
            let workshop = start + Duration::weeks(weeks * k as i64);
            let next = workshop + Duration::weeks(weeks);
            let label = format!("steg-{}", k + 1);
            for g in &groups {
                let (w, o, m) = if sv {
                    ("Workshop", "Eget arbete efter steg", "Milstolpe")
                } else {
                    ("Workshop", "Own work after step", "Milestone")
                };
                cards.push((
                    format!("{w} {}: {step} – {}", k + 1, g.name),
                    workshop,
                    label.clone(),
                ));
                cards.push((
                    format!("{o} {}: {}", k + 1, g.name),
                    next - Duration::days(1),
                    label.clone(),
                ));
                cards.push((
                    format!("{m} {}: {} – {step}", k + 1, g.name),
                    next - Duration::days(1),
                    label.clone(),
                ));
            }
        }
        let now = Utc::now();
        let ranks = rank::spread(cards.len());
        let mut tx = self.db.write().await?;
        for ((title, due, label), r) in cards.into_iter().zip(ranks) {
            let t = Task {
                id: Uuid::now_v7(),
                board_id: board.id,
                column_id: backlog.0,
                rank: r,
                title: title.chars().take(200).collect(),
                description: String::new(),
                assignee_id: None,
                priority: "normal".into(),
                due_on: Some(due),
                labels: label,
                initiative_id: None,
                estimate_hours: None,
                created_at: now,
                done_at: None,
                archived: false,
            };
            store::insert_task(&mut tx, actor.org, &t, now).await?;
        }
        tx.commit().await?;
        Ok(BoardId(board.id))
    }
}
