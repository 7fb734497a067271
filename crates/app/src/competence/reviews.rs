//! Review cycles, the administrator's side: start one for a unit (with its sub-units) or a team
//! with a deadline, and close it (reminders are in `review_reminders`).

use crate::competence::team_map::{Scope, scope_members};
use crate::input::Errors;
use crate::plan::notify;
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{ReviewId, TeamId, UnitId};
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::reviews::{self as store, Cycle};
use mognad_store::{Tx, people};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

/// A new review cycle as a form or JSON body holds it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CycleInput {
    /// What the review is called, e.g. "Utvecklingssamtal 2027".
    #[serde(default)]
    pub name: String,
    /// `unit:<id>` (with its sub-units) or `team:<id>`.
    #[serde(default)]
    pub scope: String,
    /// Last day, `YYYY-MM-DD`.
    #[serde(default)]
    pub deadline: String,
}

fn scope_of(raw: &str) -> Option<Scope> {
    let (kind, id) = raw.trim().split_once(':')?;
    let id = Uuid::parse_str(id.trim()).ok()?;
    match kind {
        "unit" => Some(Scope::Unit(UnitId(id))),
        "team" => Some(Scope::Team(TeamId(id))),
        _ => None,
    }
}

pub(crate) async fn cycle(tx: &mut Tx, actor: &Actor, id: ReviewId) -> Result<Cycle> {
    store::cycle(tx, actor.org, id.0).await?.ok_or(AppError::NotFound)
}

impl super::Competence<'_> {
    /// Starts a review: everyone in the unit or team today takes part, and each is told.
    #[tracing::instrument(skip_all)]
    pub async fn start_review(&self, actor: &Actor, input: &CycleInput) -> Result<ReviewId> {
        actor.require(Role::Admin)?;
        let mut errors = Errors::default();
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            errors.push(Invalid::new(
                "name",
                "review-name",
                "give the review a name of at most 200 characters",
            ));
        }
        let scope = scope_of(&input.scope);
        if scope.is_none() {
            errors.push(Invalid::new("scope", "review-scope", "choose a unit or a team"));
        }
        let today = Utc::now().date_naive();
        let deadline = match parse_date(&input.deadline) {
            Ok(d) if d >= today => Some(d),
            _ => {
                errors.push(Invalid::new(
                    "deadline",
                    "review-deadline",
                    "give a last day from today on",
                ));
                None
            }
        };
        errors.finish()?;
        let (scope, deadline) = (scope.unwrap(), deadline.unwrap());
        let mut tx = self.db.write().await?;
        let all = people::all(&mut tx, actor.org).await?;
        let (scope_name, members) = scope_members(&mut tx, actor.org, scope, &all, today)
            .await
            .map_err(|e| match e {
                AppError::NotFound => Invalid::new("scope", "review-scope", "choose a unit or a team").into(),
                e => e,
            })?;
        if members.is_empty() {
            return Err(Invalid::new("scope", "review-empty", "nobody is in that unit or team").into());
        }
        let c = Cycle {
            id: Uuid::now_v7(),
            name: name.to_owned(),
            unit_id: match scope {
                Scope::Unit(u) => Some(u.0),
                Scope::Team(_) => None,
            },
            team_id: match scope {
                Scope::Team(t) => Some(t.0),
                Scope::Unit(_) => None,
            },
            scope_name,
            deadline,
            created_at: Utc::now(),
            closed_at: None,
        };
        store::insert_cycle(&mut tx, actor.org, &c).await?;
        let started = json!({ "what": "started", "cycle": c.name, "deadline": deadline, "review": c.id });
        for p in all.iter().filter(|p| members.contains(&p.id.0)) {
            store::add_participant(&mut tx, actor.org, c.id, p.id).await?;
            let mut params = started.clone();
            params["person"] = json!(p.id.0);
            params["name"] = json!(p.name.as_str());
            notify::review(&mut tx, actor.org, p.id.0, &params, None).await?;
        }
        crate::platform::audit::record(&mut tx, actor, "review-started", &c.name).await?;
        tx.commit().await?;
        Ok(ReviewId(c.id))
    }

    /// Closes a cycle: its sheets and peer requests no longer take answers.
    #[tracing::instrument(skip_all)]
    pub async fn close_review(&self, actor: &Actor, id: ReviewId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        cycle(&mut tx, actor, id).await?;
        if store::close(&mut tx, actor.org, id.0, Utc::now()).await? {
            crate::platform::audit::record(&mut tx, actor, "review-closed", &id.0.to_string()).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
