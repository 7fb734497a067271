//! The effect view, the loop from measurement through plan back to measurement: for each
//! engine, the initiatives aimed at it and how the score changed between the latest round and
//! the one before it — for the whole organisation, for the leadership groups each initiative
//! works with, and for the groups no initiative on that engine covers, so the two can be set
//! side by side.
//!
//! Only groups shown in both rounds enter a change (the same groups on both sides), so nothing
//! the single rounds withhold is revealed: a pooled change is computed from groups that are
//! each shown already.

use crate::measurement::compare::ChangeView;
use crate::measurement::results::RoundResults;
use crate::{Actor, Result};
use mognad_domain::ids::{GroupId, InitiativeId};
use mognad_domain::role::Role;
use mognad_domain::stats::{self, Sums};
use serde::Serialize;
use uuid::Uuid;

/// A leadership group an initiative works with, and its change on the engine.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupChange {
    pub id: GroupId,
    pub name: String,
    /// `None` when the group is not shown in both rounds (too few answers, or not taking part).
    pub change: Option<ChangeView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InitiativeEffect {
    pub id: InitiativeId,
    pub title: String,
    pub status: String,
    /// The groups it works with; empty when it covers the whole organisation.
    pub groups: Vec<GroupChange>,
    /// The change over its groups together (those shown in both rounds), or the organisation's
    /// when it names no groups.
    pub change: Option<ChangeView>,
}

/// The change over a set of groups taken together, with how many groups it rests on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PooledChange {
    pub groups: usize,
    pub change: Option<ChangeView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EngineEffect {
    pub engine: String,
    pub name_sv: String,
    pub name_en: String,
    pub initiatives: Vec<InitiativeEffect>,
    /// The organisation's change from the earlier round to the later one.
    pub change: Option<ChangeView>,
    /// The groups this engine's initiatives name, together; absent when none names a group.
    pub covered: Option<PooledChange>,
    /// The other groups shown in both rounds, together; absent when no initiative names a group.
    pub others: Option<PooledChange>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Effect {
    pub before: String,
    pub after: String,
    pub engines: Vec<EngineEffect>,
}

/// The engine's sums of a group in a round, if the group is shown there.
fn shown_sums(r: &RoundResults, group: Uuid, engine: &str) -> Option<Sums> {
    let i = r.engines.iter().position(|k| k == engine)?;
    let a = r.groups.iter().find(|a| a.id == group && a.visible)?;
    a.sums.get(i).copied()
}

/// The change over `groups` together, from the groups shown in both rounds.
fn pooled(before: &RoundResults, after: &RoundResults, groups: &[Uuid], engine: &str) -> PooledChange {
    let (mut b, mut a) = (Sums::default(), Sums::default());
    let mut n = 0;
    for g in groups {
        if let (Some(x), Some(y)) = (shown_sums(before, *g, engine), shown_sums(after, *g, engine)) {
            b.merge(&x);
            a.merge(&y);
            n += 1;
        }
    }
    PooledChange {
        groups: n,
        change: (n > 0)
            .then(|| stats::change(&b, &a).map(ChangeView::from))
            .flatten(),
    }
}

fn org_change(before: &RoundResults, after: &RoundResults, engine: &str) -> Option<ChangeView> {
    let (b, a) = (&before.organisation, &after.organisation);
    if !(a.visible && b.visible) {
        return None;
    }
    let i = before.engines.iter().position(|k| k == engine)?;
    let j = after.engines.iter().position(|k| k == engine)?;
    stats::change(b.sums.get(i)?, a.sums.get(j)?).map(ChangeView::from)
}

impl super::Plan<'_> {
    /// The effect between the latest round with an earlier one of the same model and that
    /// earlier round; `None` until two such rounds exist.
    #[tracing::instrument(skip_all)]
    pub async fn effect(&self, actor: &Actor) -> Result<Option<Effect>> {
        actor.require(Role::Member)?;
        let rounds = self.measurement().rounds(actor).await?;
        let mut pair = None;
        // Only closed rounds show results.
        for r in rounds.iter().rev().filter(|r| r.state == "closed") {
            if let Some(before) = self.measurement().previous_round(actor, r.id).await? {
                pair = Some((before, r.id));
                break;
            }
        }
        let Some((before, after)) = pair else {
            return Ok(None);
        };
        let (b, a) = self.measurement().result_pair(actor, before.0, after.0).await?;
        let (initiatives, _) = self.initiatives(actor).await?;
        let directory = self.org().groups(actor).await?;
        // The name the later round froze; a group it did not measure goes by today's name.
        let group_name = |g: Uuid| {
            a.groups
                .iter()
                .find(|x| x.id == g)
                .map(|x| x.name.clone())
                .or_else(|| {
                    directory
                        .iter()
                        .find(|x| x.id == GroupId(g))
                        .map(|x| x.name.clone())
                })
                .unwrap_or_default()
        };
        let engines = a
            .model
            .engines
            .iter()
            .map(|e| {
                let aimed: Vec<_> = initiatives
                    .iter()
                    .filter(|x| x.engines.split_whitespace().any(|k| k == e.id))
                    .collect();
                let change = org_change(&b, &a, &e.id);
                let mut covered: Vec<Uuid> = Vec::new();
                let list = aimed
                    .iter()
                    .map(|x| {
                        for g in &x.groups {
                            if !covered.contains(g) {
                                covered.push(*g);
                            }
                        }
                        InitiativeEffect {
                            id: InitiativeId(x.id),
                            title: x.title.clone(),
                            status: x.status.clone(),
                            groups: x
                                .groups
                                .iter()
                                .map(|g| GroupChange {
                                    id: GroupId(*g),
                                    name: group_name(*g),
                                    change: pooled(&b, &a, &[*g], &e.id).change,
                                })
                                .collect(),
                            change: if x.groups.is_empty() {
                                change.clone()
                            } else {
                                pooled(&b, &a, &x.groups, &e.id).change
                            },
                        }
                    })
                    .collect();
                let others: Vec<Uuid> = a
                    .groups
                    .iter()
                    .map(|g| g.id)
                    .filter(|g| !covered.contains(g))
                    .collect();
                let any = !covered.is_empty();
                EngineEffect {
                    engine: e.id.clone(),
                    name_sv: e.name.sv.clone(),
                    name_en: e.name.en.clone(),
                    initiatives: list,
                    change,
                    covered: any.then(|| pooled(&b, &a, &covered, &e.id)),
                    others: any.then(|| pooled(&b, &a, &others, &e.id)),
                }
            })
            .collect();
        Ok(Some(Effect {
            before: b.round_name,
            after: a.round_name,
            engines,
        }))
    }
}
