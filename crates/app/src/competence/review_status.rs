//! Review cycles as their readers see them: the list, where each participant stands, and the
//! colleagues' requests for the reader's peer feedback. Who sees which participants follows the
//! competence record's rules: HR and administrators everyone, a manager their current subordinates, a
//! person themselves.

use crate::competence::reviews::cycle;
use crate::{Actor, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::competence::review::Status;
use mognad_domain::ids::{PersonId, ReviewId};
use mognad_domain::role::Role;
use mognad_store::reviews::{self as store, Cycle, Participant, PeerRequest};
use mognad_store::{Tx, people, relationships};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One participant as the reader may see them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParticipantRow {
    pub person: PersonId,
    pub name: String,
    #[schema(value_type = String)]
    pub status: Status,
    /// Colleagues asked for peer feedback, and how many answered.
    pub peers_asked: usize,
    pub peers_answered: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CycleView {
    pub id: ReviewId,
    pub name: String,
    /// The unit or team it was started for.
    pub scope: String,
    pub deadline: NaiveDate,
    pub closed: bool,
    /// The participants the reader may see.
    pub rows: Vec<ParticipantRow>,
    /// Participants the reader may not see.
    pub hidden: usize,
    /// Of the participants shown, those without an active account: they can neither fill in
    /// a sheet nor be reminded until they are invited.
    pub without_account: usize,
    /// Of the participants shown, those without a current supervisor: nobody can assess them
    /// as manager or sign them off, so the review cannot finish for them.
    pub without_manager: usize,
}

/// A colleague's request for the reader's peer feedback, in an open cycle.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PeerAsk {
    pub review: ReviewId,
    pub cycle: String,
    pub deadline: NaiveDate,
    pub person: PersonId,
    pub name: String,
    pub answered: bool,
}

/// The people whose rows `actor` may see: all (None) for HR and administrators, else themselves and
/// their current subordinates.
pub(crate) async fn visible(tx: &mut Tx, actor: &Actor, day: NaiveDate) -> Result<Option<HashSet<Uuid>>> {
    if actor.role.at_least(Role::Hr) {
        return Ok(None);
    }
    let mut seen = HashSet::new();
    if let Some(me) = crate::competence::person_access::me(tx, actor).await? {
        seen.insert(me.id.0);
        seen.extend(relationships::current_subordinates(tx, actor.org, me.id, day).await?);
    }
    Ok(Some(seen))
}

/// What every cycle's view is read against, read once however many cycles are shown.
struct Readers {
    seen: Option<HashSet<Uuid>>,
    names: HashMap<Uuid, String>,
    with_account: HashSet<Uuid>,
    managed: HashSet<Uuid>,
}

async fn readers(tx: &mut Tx, actor: &Actor, day: NaiveDate) -> Result<Readers> {
    Ok(Readers {
        seen: visible(tx, actor, day).await?,
        names: people::all(tx, actor.org)
            .await?
            .into_iter()
            .map(|p| (p.id.0, p.name.to_string()))
            .collect(),
        with_account: crate::competence::person_access::with_account(tx, actor.org).await?,
        managed: relationships::supervisions(tx, actor.org)
            .await?
            .into_iter()
            .filter(|x| x.period.contains(day))
            .map(|x| x.subordinate_id.0)
            .collect(),
    })
}

/// The cycle as the reader sees it, or none when the reader sees nobody in it (a review the
/// reader has no one in is not theirs to know of: its name, scope and size).
fn view(r: &Readers, c: Cycle, parts: &[Participant], asks: &[PeerRequest]) -> Option<CycleView> {
    let parts: Vec<&Participant> = parts.iter().filter(|p| p.cycle_id == c.id).collect();
    // (asked, answered) per participant of this cycle, counted in one pass.
    let mut peers: HashMap<Uuid, (usize, usize)> = HashMap::new();
    for a in asks.iter().filter(|a| a.cycle_id == c.id) {
        let n = peers.entry(a.person_id).or_default();
        n.0 += 1;
        n.1 += usize::from(a.answered_at.is_some());
    }
    let mut rows: Vec<ParticipantRow> = parts
        .iter()
        .filter(|p| r.seen.as_ref().is_none_or(|s| s.contains(&p.person_id)))
        .map(|p| {
            let (asked, answered) = peers.get(&p.person_id).copied().unwrap_or_default();
            ParticipantRow {
                person: PersonId(p.person_id),
                name: r.names.get(&p.person_id).cloned().unwrap_or_default(),
                status: Status::of(
                    p.self_done_at.is_some(),
                    p.manager_done_at.is_some(),
                    p.signed_off_at.is_some(),
                ),
                peers_asked: asked,
                peers_answered: answered,
            }
        })
        .collect();
    if r.seen.is_some() && rows.is_empty() {
        return None;
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Some(CycleView {
        id: ReviewId(c.id),
        name: c.name,
        scope: c.scope_name,
        deadline: c.deadline,
        closed: c.closed_at.is_some(),
        hidden: parts.len() - rows.len(),
        without_account: rows
            .iter()
            .filter(|x| !r.with_account.contains(&x.person.0))
            .count(),
        without_manager: rows.iter().filter(|x| !r.managed.contains(&x.person.0)).count(),
        rows,
    })
}

impl super::Competence<'_> {
    /// The cycles the reader takes part in, manages someone in, or (administrators) all.
    #[tracing::instrument(skip_all)]
    pub async fn review_cycles(&self, actor: &Actor) -> Result<Vec<CycleView>> {
        actor.require(Role::Member)?;
        let day = Utc::now().date_naive();
        let mut tx = self.db.read().await?;
        let all = store::cycles(&mut tx, actor.org).await?;
        let r = readers(&mut tx, actor, day).await?;
        let parts = store::participants(&mut tx, actor.org, None, None).await?;
        let asks = store::peer_requests(&mut tx, actor.org, None, None).await?;
        tx.rollback().await?;
        Ok(all
            .into_iter()
            .filter_map(|c| view(&r, c, &parts, &asks))
            .collect())
    }

    /// What the reader has been asked to give peer feedback on, in open cycles.
    #[tracing::instrument(skip_all)]
    pub async fn peer_asks(&self, actor: &Actor) -> Result<Vec<PeerAsk>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let Some(me) = crate::competence::person_access::me(&mut tx, actor).await? else {
            return Ok(Vec::new());
        };
        let asks = store::peer_requests(&mut tx, actor.org, None, Some(me.id)).await?;
        let cycles = store::cycles(&mut tx, actor.org).await?;
        let all = people::all(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok(asks
            .into_iter()
            .filter_map(|a| {
                let c = cycles.iter().find(|c| c.id == a.cycle_id)?;
                Some(PeerAsk {
                    review: ReviewId(c.id),
                    cycle: c.name.clone(),
                    deadline: c.deadline,
                    person: PersonId(a.person_id),
                    name: all.iter().find(|p| p.id.0 == a.person_id)?.name.to_string(),
                    answered: a.answered_at.is_some(),
                })
            })
            .collect())
    }

    /// Where each participant the reader may see stands.
    #[tracing::instrument(skip_all)]
    pub async fn review_status(&self, actor: &Actor, id: ReviewId) -> Result<CycleView> {
        actor.require(Role::Member)?;
        let day = Utc::now().date_naive();
        let mut tx = self.db.read().await?;
        let c = cycle(&mut tx, actor, id).await?;
        let r = readers(&mut tx, actor, day).await?;
        let parts = store::participants(&mut tx, actor.org, Some(c.id), None).await?;
        let asks = store::peer_requests(&mut tx, actor.org, Some(c.id), None).await?;
        tx.rollback().await?;
        view(&r, c, &parts, &asks).ok_or(crate::AppError::NotFound)
    }
}
