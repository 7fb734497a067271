//! Inviting respondents to a round and following the response rate.
//!
//! Personal links are made for every member of the round's groups; their tokens exist only in
//! what is returned here (to be mailed or handed out) and cannot be shown again. Reminders and
//! the sheet of links are in `remind`, the choice of group for people in several in
//! `group_choice`. Each group also gets one shared link with an access code, for groups that
//! prefer to hand out one link in a meeting.

use crate::measurement::freeze;
use crate::platform::accounts;
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::{GroupId, RoundId};
use mognad_domain::role::Role;
use mognad_domain::round::{Round, RoundState, groups_of};
use mognad_store::invitations::{self, NewInvitation, SharedLink};
use mognad_store::{Tx, frozen, groups, people, responses, rounds};
use rand::Rng;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A personal link just made: the only moment its token is known.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssuedLink {
    pub person_name: String,
    pub email: Option<String>,
    pub group_name: String,
    pub token: String,
}

/// Where one group of a round stands.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupStatus {
    pub group_id: GroupId,
    pub name: String,
    pub members: i64,
    /// Links handed out: personal ones plus those taken through the shared link.
    pub invited: i64,
    /// Links with which answers were submitted.
    pub answered: i64,
    /// Answered as a share of the members (or of the links, if more were handed out), 0–100.
    pub rate: Option<f64>,
    /// The shared link's path segment and its access code (admins only).
    pub shared_slug: Option<String>,
    pub access_code: Option<String>,
}

/// Letters and digits that cannot be mistaken for one another when read aloud or copied.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn random_code(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect()
}

pub(crate) async fn open_or_draft_round(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
) -> Result<mognad_domain::round::Round> {
    let r = rounds::get(tx, actor.org, RoundId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if r.state == RoundState::Closed {
        return Err(AppError::conflict("round-closed", "the round is closed", &[]));
    }
    Ok(r)
}

/// Group names as the round knows them: frozen once open, the directory's in a draft.
pub(crate) async fn group_names(tx: &mut Tx, actor: &Actor, r: &Round) -> Result<HashMap<Uuid, String>> {
    let mut names: HashMap<Uuid, String> = groups::list(tx, actor.org)
        .await?
        .into_iter()
        .map(|g| (g.id.0, g.name.to_string()))
        .collect();
    for g in frozen::load(tx, r.id).await?.groups {
        names.insert(g.group_id, g.name);
    }
    Ok(names)
}

pub(crate) async fn links_for(
    tx: &mut Tx,
    actor: &Actor,
    round: RoundId,
    pairs: &[(GroupId, mognad_domain::ids::PersonId, String)],
) -> Result<Vec<IssuedLink>> {
    let r = rounds::get(tx, actor.org, round)
        .await?
        .ok_or(AppError::NotFound)?;
    let names = group_names(tx, actor, &r).await?;
    let mut out = Vec::new();
    for (g, p, token) in pairs {
        let Some(person) = people::get(tx, actor.org, *p).await? else {
            continue;
        };
        out.push(IssuedLink {
            person_name: person.name.to_string(),
            email: person.email.map(|e| e.to_string()),
            group_name: names.get(&g.0).cloned().unwrap_or_default(),
            token: token.clone(),
        });
    }
    Ok(out)
}

impl super::Measurement<'_> {
    /// Makes personal links for every member of the round's groups who has none yet (the
    /// frozen members once the round is open), and a shared link per group. Returns the new
    /// personal links. A person in several groups is invited once, counted in the first until
    /// they (or an administrator) choose.
    #[tracing::instrument(skip_all)]
    pub async fn issue_invitations(&self, actor: &Actor, round: RoundId) -> Result<Vec<IssuedLink>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let r = open_or_draft_round(&mut tx, actor, round.0).await?;
        for g in rounds::groups(&mut tx, r.id).await? {
            let link = SharedLink {
                round_id: r.id.0,
                group_id: g.0,
                slug: random_code(12).to_lowercase(),
                access_code: random_code(8),
            };
            invitations::insert_shared(&mut tx, &link).await?;
        }
        let members = freeze::membership(&mut tx, actor.org, &r).await?;
        let invited: HashSet<Uuid> = invitations::personal(&mut tx, r.id)
            .await?
            .into_iter()
            .map(|i| i.person_id)
            .collect();
        let mut made = Vec::new();
        let now = Utc::now();
        let mut seen = HashSet::new();
        for p in members.iter().filter_map(|(_, p)| *p) {
            if invited.contains(&p.0) || !seen.insert(p) {
                continue;
            }
            let theirs = groups_of(&members, p);
            let token = accounts::random_token();
            let inv = NewInvitation {
                round: r.id,
                group: theirs[0],
                person: Some(p),
                token_hash: &accounts::token_hash(&token),
                fixed: theirs.len() == 1,
            };
            if invitations::insert(&mut tx, &inv, now).await? {
                made.push((theirs[0], p, token));
            }
        }
        let links = links_for(&mut tx, actor, r.id, &made).await?;
        tx.commit().await?;
        Ok(links)
    }

    /// Members, links and answers per group of a round.
    #[tracing::instrument(skip_all)]
    pub async fn round_status(&self, actor: &Actor, round: RoundId) -> Result<Vec<GroupStatus>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        let names = group_names(&mut tx, actor, &r).await?;
        let members: HashMap<Uuid, i64> = freeze::counted(&mut tx, actor.org, &r)
            .await?
            .into_iter()
            .map(|(g, n)| (g.0, n))
            .collect();
        let usage: HashMap<Uuid, (i64, i64)> = invitations::usage(&mut tx, r.id)
            .await?
            .into_iter()
            .map(|(g, n, used)| (g, (n, used)))
            .collect();
        let totals: HashMap<Uuid, i64> = responses::group_totals(&mut tx, r.id)
            .await?
            .into_iter()
            .collect();
        let shared: HashMap<Uuid, SharedLink> = invitations::shared_for_round(&mut tx, r.id)
            .await?
            .into_iter()
            .map(|l| (l.group_id, l))
            .collect();
        let admin = actor.role.at_least(Role::Admin);
        let mut out: Vec<GroupStatus> = rounds::groups(&mut tx, r.id)
            .await?
            .into_iter()
            .map(|g| {
                let m = members.get(&g.0).copied().unwrap_or(0);
                let (invited, _) = usage.get(&g.0).copied().unwrap_or((0, 0));
                let answered = totals.get(&g.0).copied().unwrap_or(0);
                let base = m.max(invited);
                let link = shared.get(&g.0).filter(|_| admin);
                GroupStatus {
                    group_id: g,
                    name: names.get(&g.0).cloned().unwrap_or_default(),
                    members: m,
                    invited,
                    answered,
                    rate: (base > 0).then(|| 100.0 * answered as f64 / base as f64),
                    shared_slug: link.map(|l| l.slug.clone()),
                    access_code: link.map(|l| l.access_code.clone()),
                }
            })
            .collect();
        tx.rollback().await?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }
}
