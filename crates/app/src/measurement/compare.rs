//! Comparing two rounds of a series (T0 → T1) and setting the targets gaps are measured against.
//!
//! A change is shown for a group or roll-up only when it is visible in both rounds, so a
//! comparison never reveals what the single rounds withhold.

use crate::measurement::results::{AreaKind, RoundResults};
use crate::{Actor, AppError, Result};
use mognad_domain::ids::RoundId;
use mognad_domain::role::Role;
use mognad_domain::round::RoundState;
use mognad_domain::stats::{self, Change};
use mognad_store::{rounds, targets};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChangeView {
    pub diff: f64,
    pub low: f64,
    pub high: f64,
    /// The 95% interval excludes zero.
    pub clear: bool,
}

impl From<Change> for ChangeView {
    fn from(c: Change) -> Self {
        ChangeView {
            diff: c.diff,
            low: c.low,
            high: c.high,
            clear: c.clear(),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ComparedArea {
    pub id: Uuid,
    pub name: String,
    pub kind: AreaKind,
    pub visible: bool,
    /// Per engine in model order.
    pub changes: Vec<Option<ChangeView>>,
    /// The scores in the earlier and the later round, per engine of the later round's model;
    /// empty unless both rounds show the area (for charts beside the changes).
    #[serde(skip)]
    pub before: Vec<Option<f64>>,
    #[serde(skip)]
    pub after: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    pub before_id: RoundId,
    pub before_name: String,
    pub after_id: RoundId,
    pub after_name: String,
    pub engines: Vec<String>,
    pub areas: Vec<ComparedArea>,
    /// The later round's model, for engine names.
    #[serde(skip)]
    pub model: std::sync::Arc<mognad_domain::model::Model>,
}

/// A target for one engine; an empty target clears it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct TargetInput {
    pub engine: String,
    /// 0–100, or none to remove the target.
    #[serde(default, deserialize_with = "crate::input::whole")]
    pub target: Option<i64>,
}

pub(crate) fn compare(before: &RoundResults, after: &RoundResults) -> Vec<ComparedArea> {
    // From the whole to its parts, as the result pages read.
    let areas = std::iter::once(&after.organisation)
        .chain(&after.units)
        .chain(&after.groups);
    areas
        .map(|a| {
            let b = before.area(a.id).filter(|b| b.visible && a.visible);
            let earlier = |b: &crate::measurement::results::Area| -> Vec<Option<f64>> {
                after
                    .engines
                    .iter()
                    .map(|key| {
                        let j = before.engines.iter().position(|k| k == key)?;
                        b.scores.get(j).copied().flatten()
                    })
                    .collect()
            };
            let changes = match b {
                Some(b) => after
                    .engines
                    .iter()
                    .enumerate()
                    .map(|(i, key)| {
                        let j = before.engines.iter().position(|k| k == key)?;
                        stats::change(b.sums.get(j)?, a.sums.get(i)?).map(ChangeView::from)
                    })
                    .collect(),
                None => vec![None; after.engines.len()],
            };
            ComparedArea {
                id: a.id,
                name: a.name.clone(),
                kind: a.kind,
                visible: b.is_some(),
                changes,
                before: b.map(earlier).unwrap_or_default(),
                after: if b.is_some() { a.scores.clone() } else { Vec::new() },
            }
        })
        .collect()
}

impl super::Measurement<'_> {
    /// The change per area and engine from round `before` to round `after`.
    #[tracing::instrument(skip_all)]
    pub async fn compare(&self, actor: &Actor, before: RoundId, after: RoundId) -> Result<Comparison> {
        let (b, a) = self.result_pair(actor, before.0, after.0).await?;
        Ok(Comparison {
            before_id: b.round_id,
            before_name: b.round_name.clone(),
            after_id: a.round_id,
            after_name: a.round_name.clone(),
            engines: a.engines.clone(),
            areas: compare(&b, &a),
            model: a.model.clone(),
        })
    }

    /// Both rounds' results, read in one snapshot.
    pub(crate) async fn result_pair(
        &self,
        actor: &Actor,
        before: Uuid,
        after: Uuid,
    ) -> Result<(RoundResults, RoundResults)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let mut load = async |id: Uuid| -> Result<RoundResults> {
            let r = rounds::get(&mut tx, actor.org, RoundId(id))
                .await?
                .ok_or(AppError::NotFound)?;
            self.load_results(&mut tx, actor, &r).await
        };
        let b = load(before).await?;
        let a = load(after).await?;
        tx.rollback().await?;
        self.record_releases(&b).await?;
        self.record_releases(&a).await?;
        Ok((b, a))
    }

    /// The round this one is compared with by default: the latest earlier closed round of the
    /// same model (no other shows results to compare with).
    #[tracing::instrument(skip_all)]
    pub async fn previous_round(&self, actor: &Actor, round: RoundId) -> Result<Option<RoundId>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = rounds::list(&mut tx, actor.org).await?;
        let this = list
            .iter()
            .find(|r| r.id.0 == round.0)
            .ok_or(AppError::NotFound)?;
        let models = mognad_store::models::list(&mut tx, actor.org).await?;
        let model_key = |id: Uuid| models.iter().find(|m| m.id == id).map(|m| m.model_key.clone());
        let mine = model_key(this.model_id.0);
        Ok((list
            .iter()
            .filter(|r| r.id.0 < round.0 && r.state == RoundState::Closed && model_key(r.model_id.0) == mine)
            .map(|r| r.id.0)
            .next_back())
        .map(RoundId))
    }

    /// Sets targets per engine for the organisation (`scope` = the organisation's id) or a group.
    #[tracing::instrument(skip_all)]
    pub async fn set_targets(
        &self,
        actor: &Actor,
        round: RoundId,
        scope: Uuid,
        input: &[TargetInput],
    ) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let r = rounds::get(&mut tx, actor.org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        let model = self.round_model(&mut tx, &r).await?;
        let in_scope =
            scope == actor.org.0 || rounds::groups(&mut tx, r.id).await?.iter().any(|g| g.0 == scope);
        if !in_scope {
            return Err(AppError::NotFound);
        }
        for t in input {
            if model.engine(&t.engine).is_none() {
                return Err(AppError::invalid(
                    "engine",
                    "unknown-ref",
                    format!("no engine '{}'", t.engine),
                ));
            }
            if let Some(v) = t.target.filter(|v| !(0..=100).contains(v)) {
                return Err(AppError::invalid(
                    &format!("target:{}", t.engine),
                    "target-range",
                    format!("a target is 0–100, not {v}"),
                ));
            }
            targets::set(&mut tx, actor.org, &model.id, scope, &t.engine, t.target).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
