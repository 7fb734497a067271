//! Freezing what a round is measured on when it opens, and reading who takes part in it and
//! the groups and units its results are about.
//!
//! When a round opens it stores its threshold, its groups with their names and places in the
//! unit tree, the units above them and the groups' members (see `mognad_store::frozen`). From
//! then on results, member counts and invitations follow that copy; a draft still follows the
//! directory as it is.

use crate::measurement::results::{Area, AreaKind, area};
use crate::{Actor, Result};
use mognad_domain::ids::{GroupId, OrgId, PersonId, RoundId};
use mognad_domain::round::{Round, RoundState, counted_members, groups_of};
use mognad_store::frozen::{self, Frozen, FrozenGroup, FrozenUnit};
use mognad_store::{Tx, groups, invitations, rounds, units};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The round's groups as the directory has them now, in the form the round freezes them.
async fn live_groups(tx: &mut Tx, org: OrgId, round: RoundId) -> mognad_store::Result<Vec<FrozenGroup>> {
    let taking_part: HashSet<GroupId> = rounds::groups(tx, round).await?.into_iter().collect();
    Ok(groups::list(tx, org)
        .await?
        .into_iter()
        .filter(|g| taking_part.contains(&g.id))
        .map(|g| FrozenGroup {
            group_id: g.id.0,
            name: g.name.to_string(),
            unit_id: g.unit_id.map(|u| u.0),
        })
        .collect())
}

/// Stores the round's structure as the directory has it now, with threshold `k`, and points
/// invitations made in draft at groups their person is (still) in.
pub async fn freeze(tx: &mut Tx, org: OrgId, round: RoundId, k: i64) -> mognad_store::Result<()> {
    let taking_part: HashSet<GroupId> = rounds::groups(tx, round).await?.into_iter().collect();
    let frozen_groups = live_groups(tx, org, round).await?;
    let unit_list = units::list(tx, org).await?;
    let by_id: HashMap<_, _> = unit_list.iter().map(|u| (u.id.0, u)).collect();
    // The units on the way from each group to the top; the hop count guards a broken tree.
    let mut wanted: Vec<FrozenUnit> = Vec::new();
    let mut seen = HashSet::new();
    for g in &frozen_groups {
        let mut at = g.unit_id;
        let mut hops = 0;
        while let Some(u) = at
            .and_then(|id| by_id.get(&id))
            .filter(|_| hops <= unit_list.len())
        {
            if seen.insert(u.id.0) {
                wanted.push(FrozenUnit {
                    unit_id: u.id.0,
                    parent_id: u.parent_id.map(|p| p.0),
                    name: u.name.to_string(),
                });
            }
            at = u.parent_id.map(|p| p.0);
            hops += 1;
        }
    }
    let members: Vec<(GroupId, Option<PersonId>)> = groups::all_members(tx, org)
        .await?
        .into_iter()
        .filter(|(g, _)| taking_part.contains(g))
        .map(|(g, p)| (g, Some(p)))
        .collect();
    let rows: Vec<_> = members.iter().map(|(g, p)| (g.0, p.map(|p| p.0))).collect();
    frozen::freeze(tx, round, k, &frozen_groups, &wanted, &rows).await?;
    for inv in invitations::personal(tx, round).await? {
        let theirs = groups_of(&members, PersonId(inv.person_id));
        match theirs.first() {
            None => invitations::delete(tx, inv.id).await?,
            Some(first) if !theirs.contains(&GroupId(inv.group_id)) => {
                invitations::repoint(tx, inv.id, *first).await?
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The (group, person) memberships a round counts: frozen once it has opened, the directory's
/// while it is a draft.
pub(crate) async fn membership(
    tx: &mut Tx,
    org: OrgId,
    round: &Round,
) -> Result<Vec<(GroupId, Option<PersonId>)>> {
    if round.state == RoundState::Draft {
        let taking_part: HashSet<GroupId> = rounds::groups(tx, round.id).await?.into_iter().collect();
        return Ok(groups::all_members(tx, org)
            .await?
            .into_iter()
            .filter(|(g, _)| taking_part.contains(g))
            .map(|(g, p)| (g, Some(p)))
            .collect());
    }
    Ok(frozen::members(tx, round.id)
        .await?
        .into_iter()
        .map(|(g, p)| (GroupId(g), p.map(PersonId)))
        .collect())
}

/// Members per group of a round, each person once: where their invitation says they answer.
pub(crate) async fn counted(tx: &mut Tx, org: OrgId, round: &Round) -> Result<HashMap<GroupId, i64>> {
    let members = membership(tx, org, round).await?;
    let answering: HashMap<PersonId, GroupId> = invitations::personal(tx, round.id)
        .await?
        .into_iter()
        .map(|i| (PersonId(i.person_id), GroupId(i.group_id)))
        .collect();
    Ok(counted_members(&members, &answering))
}

/// The groups and units a round's results are about, as (groups, units) areas without numbers:
/// the frozen copy once the round has opened, the directory while it is a draft.
pub(crate) async fn structure(
    tx: &mut Tx,
    actor: &Actor,
    round: &Round,
    frozen: &Frozen,
) -> Result<(Vec<Area>, Vec<Area>)> {
    let live = round.state == RoundState::Draft || cfg!(feature = "unfrozen");
    let (group_list, unit_list): (Vec<FrozenGroup>, Vec<FrozenUnit>) = if live {
        let gs = live_groups(tx, actor.org, round.id).await?;
        let us = units::list(tx, actor.org)
            .await?
            .into_iter()
            .map(|u| FrozenUnit {
                unit_id: u.id.0,
                parent_id: u.parent_id.map(|p| p.0),
                name: u.name.to_string(),
            })
            .collect();
        (gs, us)
    } else {
        (frozen.groups.clone(), frozen.units.clone())
    };
    let mut group_areas: Vec<Area> = group_list
        .iter()
        .map(|g| area(g.group_id, g.name.clone(), AreaKind::Group, vec![g.group_id]))
        .collect();
    group_areas.sort_by(|a, b| a.name.cmp(&b.name));
    // Unit subtrees: each unit with the groups attached to it or to any unit below it.
    let parent: HashMap<Uuid, Option<Uuid>> = unit_list.iter().map(|u| (u.unit_id, u.parent_id)).collect();
    let mut unit_groups: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for g in &group_list {
        let mut at = g.unit_id;
        let mut hops = 0;
        while let Some(u) = at.filter(|u| hops <= unit_list.len() && parent.contains_key(u)) {
            unit_groups.entry(u).or_default().push(g.group_id);
            at = parent.get(&u).copied().flatten();
            hops += 1;
        }
    }
    let mut unit_areas: Vec<Area> = unit_list
        .iter()
        .filter_map(|u| {
            let gs = unit_groups.remove(&u.unit_id)?;
            Some(area(u.unit_id, u.name.clone(), AreaKind::Unit, gs))
        })
        .collect();
    unit_areas.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((group_areas, unit_areas))
}
