//! One participant's review: the sheet the person, their manager or an asked colleague fills in
//! (every competence of the person's role on one page, the level descriptions beside it), the
//! request for peer feedback, and the manager's sign-off.

use crate::competence::assess::{NOTE_MAX, subject};
use crate::competence::frameworks::stored_framework;
use crate::competence::levels::record;
use crate::competence::person_access;
use crate::competence::reviews::cycle;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::competence::Framework;
use mognad_domain::competence::assessment::{Assessment, Source};
use mognad_domain::competence::review::{Status, sheet_competences};
use mognad_domain::ids::{PersonId, ReviewId};
use mognad_domain::people::Person;
use mognad_store::reviews::{self as store, Participant, Step};
use mognad_store::{assessments, people};
use serde::Deserialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A sheet as a form or JSON body holds it: a level (and a note) per competence id.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct SheetInput {
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
}

/// One competence of a sheet.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub competence: mognad_domain::competence::Competence,
    /// What the person's role requires.
    pub required: Option<u8>,
    /// The reader's latest level of it as this sheet's source, to start from.
    pub current: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub review: ReviewId,
    pub name: String,
    pub deadline: NaiveDate,
    pub closed: bool,
    pub person: Person,
    pub status: Status,
    /// What the reader fills in as; none when they may only look (an administrator).
    pub source: Option<Source>,
    /// Whether this source has handed in its sheet in this review.
    pub handed_in: bool,
    pub framework: Framework,
    pub rows: Vec<SheetRow>,
    /// The person or their manager may ask colleagues and see whom they asked.
    pub may_request: bool,
    pub asked: Vec<String>,
    pub answered: usize,
    /// Colleagues offered to ask: those with an account in the person's unit or the review, not
    /// the person's supervisors or mentors (the use case takes anyone who can answer).
    pub colleagues: Vec<(PersonId, String)>,
    pub may_sign_off: bool,
}

pub(crate) async fn participant(
    tx: &mut mognad_store::Tx,
    actor: &Actor,
    id: ReviewId,
    person: PersonId,
) -> Result<Participant> {
    store::participants(tx, actor.org, Some(id.0), Some(person))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

pub(crate) fn status(p: &Participant) -> Status {
    Status::of(
        p.self_done_at.is_some(),
        p.manager_done_at.is_some(),
        p.signed_off_at.is_some(),
    )
}

/// The one source a sheet is filled in as: the person, a manager, or an asked colleague.
pub(crate) fn source_of(sources: &[Source]) -> Option<Source> {
    [Source::Own, Source::Manager, Source::Peer]
        .into_iter()
        .find(|s| sources.contains(s))
}

impl super::Competence<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn review_sheet(&self, actor: &Actor, id: ReviewId, person: PersonId) -> Result<Sheet> {
        let default = self.default_framework(actor).await?;
        let mut tx = self.db.read().await?;
        let c = cycle(&mut tx, actor, id).await?;
        let part = participant(&mut tx, actor, id, person).await?;
        let access = person_access::access(&mut tx, actor, person).await?;
        let source = source_of(&access.sources);
        if source.is_none() && !access.view {
            return Err(AppError::Forbidden);
        }
        let (p, profile, framework_id) = subject(&mut tx, actor, person, default.0).await?;
        let framework = stored_framework(&mut tx, actor.org, framework_id).await?;
        let me = person_access::me(&mut tx, actor).await?.map(|m| m.id.0);
        let history = assessments::history(&mut tx, actor.org, person, framework_id).await?;
        let asks = store::peer_requests(&mut tx, actor.org, Some(id.0), None).await?;
        let taking_part: Vec<Uuid> = store::participants(&mut tx, actor.org, Some(id.0), None)
            .await?
            .into_iter()
            .map(|x| x.person_id)
            .collect();
        let all = people::all(&mut tx, actor.org).await?;
        // Offered as colleagues: those who can answer, so not the person's supervisors or
        // mentors (they assess as such) and not people without an account.
        let today = Utc::now().date_naive();
        let mut not_peers: Vec<Uuid> = mognad_store::relationships::supervisions(&mut tx, actor.org)
            .await?
            .into_iter()
            .filter(|x| x.subordinate_id == person && x.period.contains(today))
            .map(|x| x.supervisor_id.0)
            .collect();
        not_peers.extend(
            mognad_store::relationships::mentorships(&mut tx, actor.org)
                .await?
                .into_iter()
                .filter(|x| x.protege_id == person && x.period.contains(today))
                .map(|x| x.mentor_id.0),
        );
        let with_account = person_access::with_account(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let role = profile
            .role_key
            .as_ref()
            .and_then(|k| framework.roles.iter().find(|r| &r.id == k));
        let rows = sheet_competences(&framework, role)
            .into_iter()
            .map(|c| SheetRow {
                required: role.and_then(|r| r.requires.iter().find(|(k, _)| *k == c.id).map(|(_, l)| *l)),
                current: source.and_then(|s| {
                    history
                        .iter()
                        .rev()
                        .find(|a| a.competence == c.id && a.source == s && a.assessor == me)
                        .map(|a| a.level)
                }),
                competence: c.clone(),
            })
            .collect();
        let mine: Vec<_> = asks.iter().filter(|a| a.person_id == person.0).collect();
        let name_of = |id: Uuid| all.iter().find(|x| x.id.0 == id).map(|x| x.name.to_string());
        let st = status(&part);
        let handed_in = match source {
            Some(Source::Own) => part.self_done_at.is_some(),
            Some(Source::Manager) => part.manager_done_at.is_some(),
            Some(Source::Peer) => mine
                .iter()
                .any(|a| Some(a.peer_id) == me && a.answered_at.is_some()),
            _ => false,
        };
        let may_request = matches!(source, Some(Source::Own | Source::Manager));
        Ok(Sheet {
            review: id,
            name: c.name,
            deadline: c.deadline,
            closed: c.closed_at.is_some(),
            status: st,
            source,
            handed_in,
            rows,
            may_request,
            asked: if may_request {
                mine.iter().filter_map(|a| name_of(a.peer_id)).collect()
            } else {
                Vec::new()
            },
            answered: mine.iter().filter(|a| a.answered_at.is_some()).count(),
            colleagues: if may_request {
                all.iter()
                    .filter(|x| x.id != person && !mine.iter().any(|a| a.peer_id == x.id.0))
                    .filter(|x| {
                        (x.unit_id.is_some() && x.unit_id == p.unit_id) || taking_part.contains(&x.id.0)
                    })
                    .filter(|x| !not_peers.contains(&x.id.0) && with_account.contains(&x.id.0))
                    .map(|x| (x.id, x.name.to_string()))
                    .collect()
            } else {
                Vec::new()
            },
            may_sign_off: source == Some(Source::Manager) && st == Status::ManagerDone,
            framework,
            person: p,
        })
    }

    /// Hands in a sheet: a level for every competence it asks about, added as assessments of
    /// the reader's source, and the step marked done.
    #[tracing::instrument(skip_all)]
    pub async fn submit_sheet(
        &self,
        actor: &Actor,
        id: ReviewId,
        person: PersonId,
        input: &SheetInput,
    ) -> Result<()> {
        let default = self.default_framework(actor).await?;
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        let c = cycle(&mut tx, actor, id).await?;
        let part = participant(&mut tx, actor, id, person).await?;
        if c.closed_at.is_some() {
            return Err(Invalid::new("review", "review-closed", "the review is closed").into());
        }
        let access = person_access::access(&mut tx, actor, person).await?;
        let source = source_of(&access.sources).ok_or(AppError::Forbidden)?;
        // What the manager signed off stays as signed: only asked colleagues may still answer.
        if source != Source::Peer && part.signed_off_at.is_some() {
            return Err(Invalid::new("review", "review-signed-off", "the review is signed off").into());
        }
        let (_, profile, framework_id) = subject(&mut tx, actor, person, default.0).await?;
        let framework = stored_framework(&mut tx, actor.org, framework_id).await?;
        let role = profile
            .role_key
            .as_ref()
            .and_then(|k| framework.roles.iter().find(|r| &r.id == k));
        let top = framework.levels.len();
        let mut errors = Vec::new();
        let mut levels = Vec::new();
        for comp in sheet_competences(&framework, role) {
            let field = format!("level_{}", comp.id);
            let raw = input.levels.get(&comp.id).map(|s| s.trim()).unwrap_or("");
            match raw
                .parse::<u8>()
                .ok()
                .filter(|l| (1..=top).contains(&usize::from(*l)))
            {
                Some(l) => levels.push((comp.id.clone(), l)),
                None => errors.push(Invalid::new(
                    &field,
                    "review-level",
                    format!("choose a level from 1 to {top}"),
                )),
            }
            if input
                .notes
                .get(&comp.id)
                .is_some_and(|n| n.chars().count() > NOTE_MAX)
            {
                errors.push(Invalid::new(
                    &format!("note_{}", comp.id),
                    "too-long",
                    format!("at most {NOTE_MAX} characters"),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let me = person_access::me(&mut tx, actor).await?.map(|m| m.id);
        let now = Utc::now();
        for (competence, level) in levels {
            let note = input
                .notes
                .get(&competence)
                .map(|n| n.trim().to_owned())
                .unwrap_or_default();
            let a = Assessment {
                id: Uuid::now_v7(),
                competence,
                source,
                level,
                note,
                assessor: me.map(|m| m.0),
                at: now,
            };
            record(&mut tx, actor.org, person, framework_id, &a).await?;
        }
        match source {
            Source::Own => {
                store::mark(&mut tx, actor.org, id.0, person, Step::SelfDone, None, now).await?;
            }
            Source::Manager => {
                store::mark(&mut tx, actor.org, id.0, person, Step::ManagerDone, None, now).await?;
            }
            _ => {
                let me = me.ok_or(AppError::Forbidden)?;
                store::peer_answered(&mut tx, actor.org, person, me, now).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
