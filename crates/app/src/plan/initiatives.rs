//! The transformation plan: goals (by default the five perspectives of a digitalisation
//! policy), initiatives tied to goals, engines and competences with owner, dates, status and
//! costs, and initiatives started from a measurement round's prioritised gap list.

use crate::input::bounded_text;
use crate::input::noted_ref;
use crate::measurement::results::AreaKind;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{Datelike, Utc};
use mognad_domain::ids::{InitiativeId, PersonId, RoundId};
use mognad_domain::model::score;
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::plan::{self as store, Cost, Initiative};
use serde::Deserialize;
use uuid::Uuid;

/// The five perspectives of a municipal digitalisation policy: (Swedish, English).
pub const DEFAULT_GOALS: [(&str, &str); 5] = [
    ("Trygghet", "Security and safety"),
    ("Kompetens", "Competence"),
    ("Ledarskap", "Leadership"),
    ("Hållbarhet", "Sustainability"),
    ("Innovation", "Innovation"),
];

pub const STATUSES: [&str; 5] = ["proposed", "active", "paused", "done", "cancelled"];

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct InitiativeInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub goal_id: String,
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub owner_id: String,
    /// `YYYY-MM-DD` or blank.
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub starts_on: String,
    #[serde(default, deserialize_with = "crate::input::text_or_null")]
    #[schema(value_type = Option<String>)]
    pub ends_on: String,
    /// proposed, active, paused, done or cancelled; blank for proposed.
    #[serde(default)]
    pub status: String,
    /// Engine keys separated by spaces or commas.
    #[serde(default, deserialize_with = "crate::input::loose_list")]
    #[schema(schema_with = crate::input::text_or_list)]
    pub engines: String,
    /// Competence ids separated by spaces or commas.
    #[serde(default, deserialize_with = "crate::input::loose_list")]
    #[schema(schema_with = crate::input::text_or_list)]
    pub competences: String,
    /// The leadership groups it works with; none means the whole organisation.
    #[serde(default)]
    pub group_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CostInput {
    #[serde(default)]
    pub label: String,
    /// Whole kronor.
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub amount: String,
    /// `running` or `investment`.
    #[serde(default)]
    pub kind: String,
    /// Blank for this year.
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub year: String,
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn initiatives(&self, actor: &Actor) -> Result<(Vec<Initiative>, Vec<Cost>)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = store::initiatives(&mut tx, actor.org).await?;
        let costs = store::costs(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok((list, costs))
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_initiative(
        &self,
        actor: &Actor,
        id: Option<InitiativeId>,
        input: &InitiativeInput,
    ) -> Result<InitiativeId> {
        actor.require(Role::Admin)?;
        if let Some(id) = id {
            self.unarchived(actor, Archivable::Initiative, id.0).await?;
        }
        let mut errors = Vec::new();
        let title = bounded_text(&input.title, "title", 200, true, &mut errors);
        let description = bounded_text(&input.description, "description", 5000, false, &mut errors);
        let mut date = |raw: &str, field: &str| match raw.trim() {
            "" => None,
            d => parse_date(d).map(Some).unwrap_or_else(|_| {
                errors.push(Invalid::new(field, "date", "a date as YYYY-MM-DD"));
                None
            }),
        };
        let starts_on = date(&input.starts_on, "starts_on");
        let ends_on = date(&input.ends_on, "ends_on");
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.push(Invalid::new(
                "ends_on",
                "period-order",
                "the end comes before the start",
            ));
        }
        let status = match input.status.trim() {
            "" => "proposed",
            s => STATUSES.iter().copied().find(|x| *x == s).unwrap_or_else(|| {
                errors.push(Invalid::new("status", "status", "choose a status"));
                "proposed"
            }),
        };
        let goal_id = noted_ref("goal_id", &input.goal_id, &mut errors);
        let owner_id = noted_ref("owner_id", &input.owner_id, &mut errors);
        let before = match id {
            Some(i) => {
                let mut tx = self.db.read().await?;
                let found = store::initiative(&mut tx, actor.org, i.0).await?;
                tx.rollback().await?;
                Some(found.ok_or(AppError::NotFound)?)
            }
            None => None,
        };
        let scope = self
            .initiative_scope(actor, input, before.as_ref(), &mut errors)
            .await?;
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.db.write().await?;
        // An archived goal stays a goal the initiative may keep (the form offers it as chosen).
        if let Some(g) = goal_id
            && mognad_store::archive::state(&mut tx, actor.org, Archivable::Goal, g)
                .await?
                .is_none()
        {
            return Err(Invalid::new("goal_id", "unknown-ref", "no such goal").into());
        }
        if let Some(o) = owner_id
            && mognad_store::people::get(&mut tx, actor.org, PersonId(o))
                .await?
                .is_none()
        {
            return Err(Invalid::new("owner_id", "unknown-ref", "no such person").into());
        }
        let i = Initiative {
            id: id.unwrap_or_default().0,
            goal_id,
            title,
            description,
            owner_id,
            starts_on,
            ends_on,
            status: status.to_owned(),
            engines: scope.engines.join(" "),
            competences: scope.competences.join(" "),
            round_id: before.and_then(|b| b.round_id),
            groups: scope.groups.iter().map(|g| g.0).collect(),
        };
        store::save_initiative(&mut tx, actor.org, &i, Utc::now()).await?;
        tx.commit().await?;
        Ok(InitiativeId(i.id))
    }

    /// A proposed initiative aimed at one engine's gap in a round's result for an area (the
    /// organisation when `area` is `None`), titled after it. Made from a group's or a unit's gap
    /// list, it works with that group or the unit's groups.
    #[tracing::instrument(skip_all)]
    pub async fn initiative_from_gap(
        &self,
        actor: &Actor,
        round: RoundId,
        area: Option<Uuid>,
        engine: &str,
    ) -> Result<InitiativeId> {
        actor.require(Role::Admin)?;
        let area = area.unwrap_or(actor.org.0);
        let (results, detail) = self.measurement().area_with_results(actor, round, area).await?;
        let gap = detail.gaps.iter().find(|g| g.engine == engine).ok_or_else(|| {
            AppError::from(Invalid::new(
                "engine",
                "engine",
                "that engine has no gap in the round",
            ))
        })?;
        let org = self.org().organisation(actor).await?;
        let lang = org.settings.language;
        let sv = lang == mognad_domain::org::Language::Sv;
        let model_engine = results.model.engine(engine);
        let name = model_engine
            .map(|e| e.name.get(lang).to_owned())
            .unwrap_or_else(|| engine.to_owned());
        // The model's recommended next step from the phase the engine is in now.
        let advice = model_engine
            .and_then(|e| e.advice(&results.model.id, score::phase_of(gap.score)))
            .map(|a| format!("\n\n{}", a.get(lang)))
            .unwrap_or_default();
        let groups = match detail.kind {
            AreaKind::Organisation => Vec::new(),
            _ => results.area(area).map(|a| a.groups.clone()).unwrap_or_default(),
        };
        let whose = match detail.kind {
            AreaKind::Organisation => String::new(),
            _ => format!(" ({})", detail.name),
        };
        let (title, description) = if sv {
            (
                format!("Höj {name}"),
                format!(
                    "Från gaplistan{whose}: {name} ligger på {:.0} mot målet {}.{advice}",
                    gap.score.round(),
                    gap.target
                ),
            )
        } else {
            (
                format!("Raise {name}"),
                format!(
                    "From the gap list{whose}: {name} stands at {:.0} against the target {}.{advice}",
                    gap.score.round(),
                    gap.target
                ),
            )
        };
        let mut tx = self.db.write().await?;
        let i = Initiative {
            id: Uuid::now_v7(),
            goal_id: None,
            title,
            description,
            owner_id: None,
            starts_on: None,
            ends_on: None,
            status: "proposed".into(),
            engines: engine.to_owned(),
            competences: String::new(),
            round_id: Some(round.0),
            groups,
        };
        store::save_initiative(&mut tx, actor.org, &i, Utc::now()).await?;
        tx.commit().await?;
        Ok(InitiativeId(i.id))
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_cost(&self, actor: &Actor, initiative: InitiativeId, input: &CostInput) -> Result<()> {
        actor.require(Role::Admin)?;
        self.unarchived(actor, Archivable::Initiative, initiative.0)
            .await?;
        let mut errors = Vec::new();
        let label = bounded_text(&input.label, "label", 200, true, &mut errors);
        let amount = input
            .amount
            .trim()
            .replace([' ', '\u{a0}'], "")
            .parse::<i64>()
            .ok()
            .filter(|a| *a >= 0);
        if amount.is_none() {
            errors.push(Invalid::new("amount", "amount", "whole kronor, 0 or more"));
        }
        let kind = match input.kind.trim() {
            k @ ("running" | "investment") => k,
            _ => {
                errors.push(Invalid::new("kind", "cost-kind", "running or investment"));
                "running"
            }
        };
        let year = match input.year.trim() {
            "" => Some(i64::from(Utc::now().year())),
            y => y.parse::<i64>().ok().filter(|y| (2000..=2100).contains(y)),
        };
        if year.is_none() {
            errors.push(Invalid::new("year", "year", "a year from 2000 to 2100"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.db.write().await?;
        if !store::initiative_exists(&mut tx, actor.org, initiative.0).await? {
            return Err(AppError::NotFound);
        }
        let c = Cost {
            id: Uuid::now_v7(),
            initiative_id: initiative.0,
            label,
            amount: amount.unwrap_or(0),
            kind: kind.to_owned(),
            year: year.unwrap_or(2026),
        };
        store::insert_cost(&mut tx, actor.org, &c).await?;
        tx.commit().await?;
        Ok(())
    }
}
