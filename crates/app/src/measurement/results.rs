//! A round's results: scores per group and engine, roll-ups per unit subtree and for the whole
//! organisation, with the anonymity rules applied before anything leaves this module.
//!
//! Everything is computed from the groups' tallies kept beside the answers and from the
//! structure the round froze when it opened. Nothing is shown before a round closes; after,
//! a group or roll-up that [`disclosure::visible_given`] withholds is returned with
//! `visible = false`, the reason, and no numbers but its answer count. What a closed round
//! shows is recorded in its disclosure ledger the first time, and stays shown.

use crate::{Actor, AppError, Result};
use mognad_domain::disclosure;
use mognad_domain::ids::RoundId;
use mognad_domain::model::{Model, Phase, score};
use mognad_domain::role::Role;
use mognad_domain::round::{Round, RoundState};
use mognad_domain::stats::Sums;
use mognad_domain::tally::Tally;
use mognad_store::frozen::{self, Release};
use mognad_store::{Tx, orgs, responses, rounds};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Why an area's results are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Withheld {
    /// The round has not closed: until then only answer counts are shown.
    NotClosed,
    /// Fewer answers than the round's threshold.
    FewAnswers,
    /// Enough answers, but showing them would reveal a smaller group by subtraction.
    ProtectsOthers,
}

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
    /// Why the results are withheld; absent when they are shown.
    pub withheld: Option<Withheld>,
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
    pub round_id: RoundId,
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
    /// Areas shown now that the ledger does not hold yet (`Some`, maybe empty, for a closed
    /// round never released): to be recorded before they are shown.
    #[serde(skip)]
    pub(crate) pending: Option<Vec<Release>>,
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

pub(crate) fn area(id: Uuid, name: String, kind: AreaKind, groups: Vec<Uuid>) -> Area {
    Area {
        id,
        name,
        kind,
        n: 0,
        visible: false,
        withheld: Some(Withheld::NotClosed),
        scores: Vec::new(),
        sums: Vec::new(),
        groups,
        tally: Tally::default(),
    }
}

impl super::Measurement<'_> {
    /// A round's results. Nothing but answer counts is shown before the round closes; a closed
    /// round shows what its disclosure ledger holds, and decides anything not in it yet against
    /// everything it released before (see [`RoundResults::pending`]).
    pub(crate) async fn load_results(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        round: &Round,
    ) -> Result<RoundResults> {
        let model = self.round_model(tx, round).await?;
        let org = orgs::get(tx, actor.org).await?.ok_or(AppError::NotFound)?;
        let frozen = frozen::load(tx, round.id).await?;
        // The threshold the respondents answered under; a draft has none yet.
        let k = match frozen.k {
            Some(k) if !cfg!(feature = "unfrozen") => k,
            _ => org.settings.anonymity_threshold.get(),
        };
        let (mut group_areas, mut unit_areas) = super::freeze::structure(tx, actor, round, &frozen).await?;
        let tallies: HashMap<Uuid, Tally> = responses::tallies(tx, round.id).await?.into_iter().collect();
        let mut org_area = area(
            actor.org.0,
            org.settings.name.to_string(),
            AreaKind::Organisation,
            group_areas.iter().map(|a| a.id).collect(),
        );
        let ledger = if frozen.released {
            frozen::releases(tx, round.id).await?
        } else {
            Vec::new()
        };
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
        let closed = round.state == RoundState::Closed;
        // An area is locked in when the ledger holds it with the very groups it pools now.
        let locked: Vec<bool> = all
            .iter()
            .map(|a| {
                let mut mine = a.groups.clone();
                mine.sort();
                ledger.iter().any(|r| {
                    let mut theirs = r.groups.clone();
                    theirs.sort();
                    r.area_id == a.id && theirs == mine
                })
            })
            .collect();
        // Decide visibility over all areas at once, so differencing sees every shown set.
        let shown = if closed {
            disclosure::visible_given(k as u64, &n, &sets, &locked)
        } else {
            vec![false; sets.len()]
        };
        let mut pending = Vec::new();
        for ((a, (set, show)), was) in all.into_iter().zip(sets.iter().zip(shown)).zip(locked) {
            a.n = set.iter().map(|&i| n[i] as i64).sum();
            a.visible = show;
            a.withheld = match (closed, show) {
                (false, _) => Some(Withheld::NotClosed),
                (true, true) => None,
                (true, false) if a.n < k => Some(Withheld::FewAnswers),
                (true, false) => Some(Withheld::ProtectsOthers),
            };
            if !show {
                continue;
            }
            if !was {
                pending.push(Release {
                    area_id: a.id,
                    groups: a.groups.clone(),
                    n: a.n,
                });
            }
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
        Ok(RoundResults {
            round_id: round.id,
            round_name: round.name.to_string(),
            state: round.state.as_str().into(),
            k,
            engines: model.engines.iter().map(|e| e.id.clone()).collect(),
            groups: group_areas,
            units: unit_areas,
            organisation: org_area,
            model_key: model.id.clone(),
            model,
            pending: (closed && (!frozen.released || !pending.is_empty())).then_some(pending),
        })
    }

    /// Records in the ledger what `res` shows for the first time. Every entry point that shows
    /// a closed round's results calls this before answering, so nothing is shown that the
    /// ledger does not hold.
    pub(crate) async fn record_releases(&self, res: &RoundResults) -> Result<()> {
        let Some(list) = &res.pending else {
            return Ok(());
        };
        let mut tx = self.db.write().await?;
        frozen::release(&mut tx, res.round_id, list).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every group's and roll-up's engine scores for a round, as far as anonymity allows.
    #[tracing::instrument(skip_all)]
    pub async fn results(&self, actor: &Actor, round: RoundId) -> Result<RoundResults> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        let res = self.load_results(&mut tx, actor, &r).await?;
        tx.rollback().await?;
        self.record_releases(&res).await?;
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
