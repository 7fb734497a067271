//! Maturity models and measurement rounds: which models an organisation has, uploading its own,
//! and creating, opening and closing rounds.
//!
//! A model that a round measures with is frozen: uploading the same id and version again is
//! refused, and a new version must be made. The shipped models are added to an organisation the
//! first time it lists its models.

use crate::input::{Errors, parse_ref};
use crate::measurement::freeze;
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{GroupId, ModelId, RoundId};
use mognad_domain::model::{self, Model};
use mognad_domain::role::Role;
use mognad_domain::round::{Round, RoundState, check_dates};
use mognad_domain::text::{Name, parse_date};
use mognad_store::models::{self, StoredModel};
use mognad_store::{Tx, frozen, groups, orgs, rounds};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ModelInfo {
    pub id: ModelId,
    /// The model's own id, e.g. `nio-motorer`.
    pub key: String,
    pub version: i64,
    pub name_sv: String,
    pub name_en: String,
    /// True once a round measures with it; it can then no longer change.
    pub in_use: bool,
}

impl ModelInfo {
    /// The model's name in `lang`.
    pub fn name(&self, lang: mognad_domain::org::Language) -> &str {
        match lang {
            mognad_domain::org::Language::Sv => &self.name_sv,
            mognad_domain::org::Language::En => &self.name_en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RoundView {
    pub id: RoundId,
    pub name: String,
    pub model_id: ModelId,
    /// `draft`, `open` or `closed`.
    pub state: String,
    pub opens_on: Option<chrono::NaiveDate>,
    pub closes_on: Option<chrono::NaiveDate>,
    pub group_ids: Vec<GroupId>,
}

/// A new round as a form or JSON body holds it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct RoundInput {
    pub name: String,
    pub model_id: String,
    /// Leadership groups taking part; empty means all of them.
    #[serde(default)]
    pub group_ids: Vec<String>,
    #[serde(default)]
    pub opens_on: Option<String>,
    #[serde(default)]
    pub closes_on: Option<String>,
}

/// A parsed model as the row that stores it, under a new id.
pub(crate) fn stored(org: Uuid, m: &Model, source: &str) -> StoredModel {
    StoredModel {
        id: Uuid::now_v7(),
        org_id: org,
        model_key: m.id.clone(),
        version: i64::from(m.version),
        name_sv: m.name.sv.clone(),
        name_en: m.name.en.clone(),
        source: source.to_owned(),
    }
}

pub(crate) fn model_errors(errors: Vec<model::ModelError>) -> AppError {
    Invalid::from_source(errors)
}

async fn round_view(tx: &mut Tx, r: &Round) -> Result<RoundView> {
    Ok(RoundView {
        id: r.id,
        name: r.name.to_string(),
        model_id: r.model_id,
        state: r.state.as_str().into(),
        opens_on: r.opens_on,
        closes_on: r.closes_on,
        group_ids: rounds::groups(tx, r.id).await?.into_iter().collect(),
    })
}

impl super::Measurement<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn rounds(&self, actor: &Actor) -> Result<Vec<RoundView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let mut out = Vec::new();
        for r in rounds::list(&mut tx, actor.org).await? {
            out.push(round_view(&mut tx, &r).await?);
        }
        Ok(out)
    }

    #[tracing::instrument(skip_all)]
    pub async fn round(&self, actor: &Actor, id: RoundId) -> Result<RoundView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        round_view(&mut tx, &r).await
    }

    /// Creates a round in draft, with every leadership group taking part unless some are named.
    #[tracing::instrument(skip_all)]
    pub async fn create_round(&self, actor: &Actor, input: &RoundInput) -> Result<RoundView> {
        actor.require(Role::Admin)?;
        let mut errors = Errors::default();
        let name = errors.take(Name::parse("name", &input.name));
        let model_id = errors.take(parse_ref("model_id", Some(&input.model_id)));
        let date = |field: &str, raw: &Option<String>| match raw.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => parse_date(v).map(Some).map_err(|e| {
                let mut i = Invalid::from(e);
                i.field = Some(field.into());
                i
            }),
        };
        let opens_on = errors.take(date("opens_on", &input.opens_on));
        let closes_on = errors.take(date("closes_on", &input.closes_on));
        let group_refs: Vec<Option<Uuid>> = input
            .group_ids
            .iter()
            .filter_map(|g| errors.take(parse_ref("group_ids", Some(g))))
            .collect();
        errors.finish()?;
        let (opens_on, closes_on) = (opens_on.flatten(), closes_on.flatten());
        check_dates(opens_on, closes_on)?;
        let Some(model_id) = model_id.flatten() else {
            return Err(AppError::invalid("model_id", "empty", "choose a model"));
        };
        let mut tx = self.db.write().await?;
        models::get(&mut tx, actor.org, ModelId(model_id))
            .await?
            .ok_or_else(|| {
                AppError::invalid("model_id", "unknown-ref", "no such model in this organisation")
            })?;
        let all_groups = groups::list(&mut tx, actor.org).await?;
        let chosen: Vec<GroupId> = if group_refs.is_empty() {
            all_groups.iter().map(|g| g.id).collect()
        } else {
            let mut chosen = Vec::new();
            for g in group_refs.into_iter().flatten() {
                if !all_groups.iter().any(|x| x.id.0 == g) {
                    return Err(AppError::invalid(
                        "group_ids",
                        "unknown-ref",
                        "no such leadership group in this organisation",
                    ));
                }
                chosen.push(GroupId(g));
            }
            chosen
        };
        let round = Round {
            id: RoundId::new(),
            org_id: actor.org,
            model_id: ModelId(model_id),
            name: name.unwrap(),
            state: RoundState::Draft,
            opens_on,
            closes_on,
        };
        rounds::insert(&mut tx, &round, Utc::now()).await?;
        for g in chosen {
            rounds::add_group(&mut tx, round.id, g).await?;
        }
        let view = round_view(&mut tx, &round).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Opens a draft round (freezing what it is measured on and the threshold) or closes an open
    /// one (recording what its results show); any other move is refused.
    #[tracing::instrument(skip_all)]
    pub async fn set_round_state(&self, actor: &Actor, id: RoundId, to: &str) -> Result<RoundView> {
        actor.require(Role::Admin)?;
        let to =
            RoundState::parse(to).ok_or_else(|| AppError::invalid("state", "state", "use open or closed"))?;
        let mut tx = self.db.write().await?;
        let mut r = rounds::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let next = r.state.transition(to)?;
        if !rounds::set_state(&mut tx, actor.org, r.id, r.state, next).await? {
            return Err(AppError::conflict(
                "round-changed",
                "the round changed meanwhile; reload and try again",
                &[],
            ));
        }
        r.state = next;
        match next {
            RoundState::Open => {
                let org = orgs::get(&mut tx, actor.org).await?.ok_or(AppError::NotFound)?;
                freeze::freeze(&mut tx, actor.org, r.id, org.settings.anonymity_threshold.get()).await?;
            }
            RoundState::Closed => {
                // What the closed round shows is decided, and recorded, as it closes.
                let res = self.load_results(&mut tx, actor, &r).await?;
                frozen::release(&mut tx, r.id, res.pending.as_deref().unwrap_or_default()).await?;
            }
            RoundState::Draft => {}
        }
        let view = round_view(&mut tx, &r).await?;
        crate::platform::audit::record(
            &mut tx,
            actor,
            "round-state",
            &format!("{}: {}", r.name, next.as_str()),
        )
        .await?;
        tx.commit().await?;
        Ok(view)
    }
}
