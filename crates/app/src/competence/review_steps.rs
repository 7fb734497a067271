//! The steps of one participant's review besides the sheet: the person or their manager asks
//! named colleagues for peer feedback (each is told), and the manager signs the review off once
//! both have handed in.

use crate::competence::person_access;
use crate::competence::review_sheet::{participant, source_of, status};
use crate::competence::reviews::cycle;
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::competence::assessment::Source;
use mognad_domain::competence::review::Status;
use mognad_domain::ids::{PersonId, ReviewId};
use mognad_domain::role::Role;
use mognad_store::people;
use mognad_store::reviews::{self as store, Step};
use serde_json::json;
use uuid::Uuid;

impl super::Competence<'_> {
    /// The person or their manager asks colleagues for peer feedback; each is told. Returns
    /// how many were newly asked.
    #[tracing::instrument(skip_all)]
    pub async fn request_peers(
        &self,
        actor: &Actor,
        id: ReviewId,
        person: PersonId,
        peers: &[String],
    ) -> Result<usize> {
        actor.require(Role::Member)?;
        let mut tx = self.db.write().await?;
        let c = cycle(&mut tx, actor, id).await?;
        participant(&mut tx, actor, id, person).await?;
        let access = person_access::access(&mut tx, actor, person).await?;
        if !matches!(source_of(&access.sources), Some(Source::Own | Source::Manager)) {
            return Err(AppError::Forbidden);
        }
        if c.closed_at.is_some() {
            return Err(Invalid::new("review", "review-closed", "the review is closed").into());
        }
        if peers.iter().all(|p| p.trim().is_empty()) {
            return Err(Invalid::new("peers", "review-peers", "choose at least one colleague").into());
        }
        let subject = people::get(&mut tx, actor.org, person)
            .await?
            .ok_or(AppError::NotFound)?;
        let by = actor.user.display_name.to_string();
        let now = Utc::now();
        let mut asked = 0;
        for raw in peers.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let peer = Uuid::parse_str(raw).ok().map(PersonId).filter(|p| *p != person);
            let Some(peer) = peer else {
                return Err(
                    Invalid::new("peers", "review-peers", "choose colleagues other than the person").into(),
                );
            };
            if people::get(&mut tx, actor.org, peer).await?.is_none() {
                return Err(
                    Invalid::new("peers", "unknown-ref", "no such person in this organisation").into(),
                );
            }
            let (supervises, mentors) = mognad_store::relationships::current_links(
                &mut tx,
                actor.org,
                peer,
                person,
                now.date_naive(),
            )
            .await?;
            if supervises || mentors {
                return Err(Invalid::new(
                    "peers",
                    "review-peer-related",
                    "a supervisor or mentor assesses as such, not as a peer",
                )
                .into());
            }
            if store::request_peer(&mut tx, actor.org, id.0, person, peer, now).await? {
                asked += 1;
                let params = json!({
                    "what": "peer", "cycle": c.name, "deadline": c.deadline, "review": c.id,
                    "person": person.0, "name": subject.name.as_str(), "by": by,
                });
                crate::plan::notify::review(&mut tx, actor.org, peer.0, &params, None).await?;
            }
        }
        tx.commit().await?;
        Ok(asked)
    }

    /// The manager signs the review off once both the person and the manager have handed in.
    #[tracing::instrument(skip_all)]
    pub async fn sign_off(&self, actor: &Actor, id: ReviewId, person: PersonId) -> Result<()> {
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        let c = cycle(&mut tx, actor, id).await?;
        let part = participant(&mut tx, actor, id, person).await?;
        if c.closed_at.is_some() {
            return Err(Invalid::new("review", "review-closed", "the review is closed").into());
        }
        let access = person_access::access(&mut tx, actor, person).await?;
        if source_of(&access.sources) != Some(Source::Manager) {
            return Err(AppError::Forbidden);
        }
        match status(&part) {
            Status::ManagerDone => {}
            Status::SignedOff => return Ok(()),
            _ => {
                return Err(Invalid::new(
                    "review",
                    "review-not-ready",
                    "both the person and the manager hand in first",
                )
                .into());
            }
        }
        let me = person_access::me(&mut tx, actor).await?.map(|m| m.id);
        store::mark(&mut tx, actor.org, id.0, person, Step::SignedOff, me, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }
}
