//! A round's results: scores per group and engine, roll-ups per unit subtree and for the whole
//! organisation, with the anonymity rules applied before anything leaves this module.
//!
//! Everything is computed from the groups' tallies kept beside the answers. A group or
//! roll-up that [`disclosure::visible`] withholds is returned with `visible = false` and no
//! numbers but its answer count.

use crate::{Actor, App, AppError, Result};
use mognad_domain::disclosure;
use mognad_domain::ids::RoundId;
use mognad_domain::model::{Model, Phase, score};
use mognad_domain::role::Role;
use mognad_domain::round::Round;
use mognad_domain::stats::Sums;
use mognad_domain::tally::Tally;
use mognad_store::{Tx, groups, orgs, responses, rounds, units};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    Group,
    Unit,
    Organisation,
}

/// A group, a unit's subtree or the organisation, with its engine scores if it may be shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Area {
    pub id: Uuid,
    pub name: String,
    pub kind: AreaKind,
    /// Answers in this area.
    pub n: i64,
    /// False when the anonymity rules withhold this area's results.
    pub visible: bool,
    /// Per engine in model order, 0–100; empty when not visible.
    pub scores: Vec<Option<f64>>,
    #[serde(skip)]
    pub(crate) sums: Vec<Sums>,
    /// The leadership groups this area covers.
    #[serde(skip)]
    pub groups: Vec<Uuid>,
    /// The merged tally behind the scores; empty when not visible.
    #[serde(skip)]
    pub(crate) tally: Tally,
}

impl Area {
    /// The mean over the engines: where the area stands as a whole.
    pub fn overall(&self) -> Option<f64> {
        let s: Vec<f64> = self.scores.iter().flatten().copied().collect();
        (!s.is_empty()).then(|| s.iter().sum::<f64>() / s.len() as f64)
    }
}

/// All of a round's results at the level of engines.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundResults {
    pub round_id: Uuid,
    pub round_name: String,
    pub state: String,
    /// The anonymity threshold applied.
    pub k: i64,
    /// Engine ids in model order.
    pub engines: Vec<String>,
    pub groups: Vec<Area>,
    pub units: Vec<Area>,
    pub organisation: Area,
    #[serde(skip)]
    pub model: Arc<Model>,
    #[serde(skip)]
    pub model_key: String,
}

impl RoundResults {
    pub fn area(&self, id: Uuid) -> Option<&Area> {
        self.groups
            .iter()
            .chain(&self.units)
            .chain(std::iter::once(&self.organisation))
            .find(|a| a.id == id)
    }
}

/// Where an engine stands against the recommended practice for the area's phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Ahead,
    InPhase,
    Behind,
}

/// The phase the model expects an engine to have reached when the area as a whole is in
/// `overall`: engines whose focus comes at or before that phase should have reached it; engines
/// developed later may still be one phase behind.
pub fn expected_phase(focus: Phase, overall: Phase) -> Phase {
    if focus <= overall {
        overall
    } else {
        Phase::ALL[overall.index().saturating_sub(1)]
    }
}

pub fn standing(actual: Phase, expected: Phase) -> Standing {
    match actual.cmp(&expected) {
        std::cmp::Ordering::Greater => Standing::Ahead,
        std::cmp::Ordering::Equal => Standing::InPhase,
        std::cmp::Ordering::Less => Standing::Behind,
    }
}

pub(crate) fn phase_key(s: Option<f64>) -> Option<&'static str> {
    s.map(|s| score::phase_of(s).key())
}

fn area(id: Uuid, name: String, kind: AreaKind, groups: Vec<Uuid>) -> Area {
    Area {
        id,
        name,
        kind,
        n: 0,
        visible: false,
        scores: Vec::new(),
        sums: Vec::new(),
        groups,
        tally: Tally::default(),
    }
}

impl App {
    pub(crate) async fn load_results(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        round: &Round,
    ) -> Result<RoundResults> {
        let model = self.round_model(tx, round).await?;
        let org = orgs::get(tx, actor.org).await?.ok_or(AppError::NotFound)?;
        let k = org.settings.anonymity_threshold.get();
        let taking_part = rounds::groups(tx, round.id).await?;
        let all_groups = groups::list(tx, actor.org).await?;
        let mut group_areas: Vec<Area> = all_groups
            .iter()
            .filter(|g| taking_part.contains(&g.id))
            .map(|g| area(g.id.0, g.name.to_string(), AreaKind::Group, vec![g.id.0]))
            .collect();
        group_areas.sort_by(|a, b| a.name.cmp(&b.name));
        let tallies: HashMap<Uuid, Tally> = responses::tallies(tx, round.id).await?.into_iter().collect();
        // Unit subtrees: each unit with the groups attached to it or to any unit below it.
        let unit_list = units::list(tx, actor.org).await?;
        let parent: HashMap<Uuid, Option<Uuid>> = unit_list
            .iter()
            .map(|u| (u.id.0, u.parent_id.map(|p| p.0)))
            .collect();
        let mut unit_groups: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for g in all_groups.iter().filter(|g| taking_part.contains(&g.id)) {
            let mut at = g.unit_id.map(|u| u.0);
            let mut hops = 0;
            while let Some(u) = at.filter(|_| hops <= unit_list.len()) {
                unit_groups.entry(u).or_default().push(g.id.0);
                at = parent.get(&u).copied().flatten();
                hops += 1;
            }
        }
        let mut unit_areas: Vec<Area> = unit_list
            .iter()
            .filter_map(|u| {
                let gs = unit_groups.remove(&u.id.0)?;
                Some(area(u.id.0, u.name.to_string(), AreaKind::Unit, gs))
            })
            .collect();
        unit_areas.sort_by(|a, b| a.name.cmp(&b.name));
        let mut org_area = area(
            actor.org.0,
            org.settings.name.to_string(),
            AreaKind::Organisation,
            group_areas.iter().map(|a| a.id).collect(),
        );
        // Decide visibility over all areas at once, so differencing sees every shown set.
        let index: HashMap<Uuid, usize> = group_areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let n: Vec<u64> = group_areas
            .iter()
            .map(|a| tallies.get(&a.id).map(|t| t.n).unwrap_or(0))
            .collect();
        let mut all: Vec<&mut Area> = group_areas.iter_mut().chain(unit_areas.iter_mut()).collect();
        all.push(&mut org_area);
        let sets: Vec<Vec<usize>> = all
            .iter()
            .map(|a| a.groups.iter().filter_map(|g| index.get(g).copied()).collect())
            .collect();
        let shown = disclosure::visible(k as u64, &n, &sets);
        for (a, (set, show)) in all.into_iter().zip(sets.iter().zip(shown)) {
            a.n = set.iter().map(|&i| n[i] as i64).sum();
            a.visible = show;
            if show {
                let mut t = Tally::default();
                for g in &a.groups {
                    if let Some(x) = tallies.get(g) {
                        t.merge(x);
                    }
                }
                a.sums = model
                    .engines
                    .iter()
                    .map(|e| t.sums.get(&e.id).copied().unwrap_or_default())
                    .collect();
                a.scores = a.sums.iter().map(Sums::mean).collect();
                a.tally = t;
            }
        }
        Ok(RoundResults {
            round_id: round.id.0,
            round_name: round.name.to_string(),
            state: round.state.as_str().into(),
            k,
            engines: model.engines.iter().map(|e| e.id.clone()).collect(),
            groups: group_areas,
            units: unit_areas,
            organisation: org_area,
            model_key: model.id.clone(),
            model,
        })
    }

    /// Every group's and roll-up's engine scores for a round, as far as anonymity allows.
    pub async fn results(&self, actor: &Actor, round: Uuid) -> Result<RoundResults> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, RoundId(round))
            .await?
            .ok_or(AppError::NotFound)?;
        let res = self.load_results(&mut tx, actor, &r).await?;
        tx.rollback().await?;
        Ok(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_developed_later_may_trail_by_one_phase() {
        use Phase::*;
        assert_eq!(expected_phase(Mobilisering, Koordinering), Koordinering);
        assert_eq!(expected_phase(Acceleration, Koordinering), Mobilisering);
        assert_eq!(expected_phase(Koordinering, Mobilisering), Mobilisering);
        assert_eq!(standing(Koordinering, Mobilisering), Standing::Ahead);
        assert_eq!(standing(Mobilisering, Koordinering), Standing::Behind);
        assert_eq!(standing(Acceleration, Acceleration), Standing::InPhase);
    }
}
