//! Which group a person in several of a round's groups answers for. Everyone answers once and
//! counts once, where they answer: an administrator may settle it while the round is a draft,
//! otherwise the person chooses when they open their link.

use crate::measurement::freeze;
use crate::measurement::invite::group_names;
use crate::{Actor, AppError, Result};
use mognad_domain::ids::{GroupId, PersonId, RoundId};
use mognad_domain::role::Role;
use mognad_domain::round::{RoundState, groups_of};
use mognad_store::{frozen, invitations, people, rounds};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A person of a round who belongs to several of its groups, and where they answer now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SeveralGroups {
    pub person_id: PersonId,
    pub person_name: String,
    /// (group id, group name) of each of their groups in the round.
    pub groups: Vec<(Uuid, String)>,
    /// The group their invitation counts them in.
    pub group_id: GroupId,
    /// Whether the choice has been made (by an administrator, or by the person).
    pub settled: bool,
}

impl super::Measurement<'_> {
    /// The round's people who belong to several of its groups, with where they answer.
    #[tracing::instrument(skip_all)]
    pub async fn several_groups(&self, actor: &Actor, round: RoundId) -> Result<Vec<SeveralGroups>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        let members = freeze::membership(&mut tx, actor.org, &r).await?;
        let names = group_names(&mut tx, actor, &r).await?;
        let invs: HashMap<Uuid, invitations::Personal> = invitations::personal(&mut tx, r.id)
            .await?
            .into_iter()
            .map(|i| (i.person_id, i))
            .collect();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for p in members.iter().filter_map(|(_, p)| *p) {
            let theirs = groups_of(&members, p);
            if theirs.len() < 2 || !seen.insert(p) {
                continue;
            }
            let Some(person) = people::get(&mut tx, actor.org, p).await? else {
                continue;
            };
            let inv = invs.get(&p.0);
            out.push(SeveralGroups {
                person_id: p,
                person_name: person.name.to_string(),
                groups: theirs
                    .iter()
                    .map(|g| (g.0, names.get(&g.0).cloned().unwrap_or_default()))
                    .collect(),
                group_id: GroupId(inv.map(|i| i.group_id).unwrap_or(theirs[0].0)),
                settled: inv.is_some_and(|i| i.group_fixed),
            });
        }
        tx.rollback().await?;
        out.sort_by(|a, b| a.person_name.cmp(&b.person_name));
        Ok(out)
    }

    /// An administrator settles which group a person in several groups answers for. Only in a
    /// draft: once the round is open the person chooses, and any later change would tell
    /// whether they had answered.
    #[tracing::instrument(skip_all)]
    pub async fn set_answering_group(
        &self,
        actor: &Actor,
        round: RoundId,
        person: PersonId,
        group: GroupId,
    ) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let r = rounds::get(&mut tx, actor.org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        if r.state != RoundState::Draft {
            return Err(AppError::Refused {
                code: "choice-after-open",
                message: "once the round is open, people choose their group themselves".into(),
            });
        }
        let members = freeze::membership(&mut tx, actor.org, &r).await?;
        if !groups_of(&members, person).contains(&group) {
            return Err(AppError::invalid(
                "group_id",
                "unknown-ref",
                "the person is not in that group",
            ));
        }
        let inv = invitations::personal(&mut tx, r.id)
            .await?
            .into_iter()
            .find(|i| i.person_id == person.0)
            .ok_or_else(|| AppError::Refused {
                code: "choice-before-invitations",
                message: "make the invitations first".into(),
            })?;
        invitations::set_group(&mut tx, inv.id, group, false).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The groups a person may answer for, when there is more than one.
    pub(crate) async fn group_choice(
        &self,
        round: RoundId,
        person: PersonId,
    ) -> Result<Option<Vec<(uuid::Uuid, String)>>> {
        let mut tx = self.db.read().await?;
        let members: Vec<(GroupId, Option<PersonId>)> = frozen::members(&mut tx, round)
            .await?
            .into_iter()
            .map(|(g, p)| (GroupId(g), p.map(PersonId)))
            .collect();
        let names: HashMap<uuid::Uuid, String> = frozen::load(&mut tx, round)
            .await?
            .groups
            .into_iter()
            .map(|g| (g.group_id, g.name))
            .collect();
        tx.rollback().await?;
        let theirs = groups_of(&members, person);
        Ok((theirs.len() > 1).then(|| {
            let mut list: Vec<(uuid::Uuid, String)> = theirs
                .iter()
                .map(|g| (g.0, names.get(&g.0).cloned().unwrap_or_default()))
                .collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list
        }))
    }

    /// A person in several groups says which one they answer for; once only.
    #[tracing::instrument(skip_all)]
    pub async fn choose_group(&self, token: &str, group: &str) -> Result<()> {
        let (ctx, r) = self.load(token).await?;
        let Some(choice) = r.choice else {
            return Ok(());
        };
        let chosen = group
            .parse::<uuid::Uuid>()
            .ok()
            .filter(|g| choice.iter().any(|(id, _)| id == g))
            .ok_or_else(|| AppError::invalid("group", "group-choice", "choose one of your groups"))?;
        let mut tx = self.db.write().await?;
        invitations::set_group(&mut tx, ctx.id, GroupId(chosen), true).await?;
        tx.commit().await?;
        Ok(())
    }
}
