//! Following up a recurring problem proactively: the people affected (each contact once), marking
//! them contacted, mailing them all from a template through the notification outbox, and a card
//! for the problem as a whole that the group's requests link to. A group is named by its cards
//! (as the recurring-problem list shows them), so nothing has to be saved to follow one up.
//! Contacts are the submitters' own words for IT: administrators only.

use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{BoardId, TaskId};
use mognad_domain::plan::follow_up::{contact_key, distinct, mailable};
use mognad_domain::role::Role;
use mognad_store::follow_up::{self as store, SubmissionState};
use mognad_store::notifications::NewNotification;
use mognad_store::{Db, Tx, WriterLock};
use serde::Serialize;

/// A person affected, as they left their contact.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub contact: String,
    /// How many of the group's requests they sent.
    pub requests: usize,
    /// Whether all of them have been marked contacted.
    pub contacted: bool,
    pub mailable: bool,
}

/// One recurring problem, ready to follow up.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    pub cards: Vec<(TaskId, String)>,
    pub contacts: Vec<Contact>,
    /// Requests sent without a contact.
    pub anonymous: usize,
    /// The card the problem is handled on, once made.
    pub card: Option<(TaskId, String)>,
}

/// The group's live cards and their submissions; every card must be a request from a form.
async fn group(
    tx: &mut Tx,
    actor: &Actor,
    cards: &[TaskId],
) -> Result<(Vec<mognad_store::boards::Task>, Vec<SubmissionState>)> {
    if cards.is_empty() || cards.len() > 200 {
        return Err(Invalid::new("cards", "bad-ref", "the cards of one recurring problem").into());
    }
    let all = store::states(tx, actor.org).await?;
    let mut tasks = Vec::new();
    for c in cards {
        let t = mognad_store::boards::task(tx, actor.org, c.0)
            .await?
            .ok_or(AppError::NotFound)?;
        if !tasks.iter().any(|x: &mognad_store::boards::Task| x.id == t.id) {
            tasks.push(t);
        }
    }
    // A card written by hand on the form's board may be grouped with the requests; it has
    // nobody to follow up, but a group without any request is no recurring problem.
    let subs: Vec<SubmissionState> = all
        .into_iter()
        .filter(|s| tasks.iter().any(|t| t.id == s.task_id))
        .collect();
    if subs.is_empty() {
        return Err(Invalid::new("cards", "bad-ref", "cards made from intake requests").into());
    }
    Ok((tasks, subs))
}

fn view(
    tasks: &[mognad_store::boards::Task],
    subs: &[SubmissionState],
    card: Option<(TaskId, String)>,
) -> FollowUp {
    let left: Vec<&str> = subs.iter().filter_map(|s| s.contact.as_deref()).collect();
    let contacts = distinct(left.iter().copied())
        .into_iter()
        .map(|(contact, requests)| {
            let key = contact_key(&contact);
            let theirs = subs
                .iter()
                .filter(|s| s.contact.as_deref().is_some_and(|c| contact_key(c) == key));
            Contact {
                mailable: mailable(&contact),
                contacted: theirs.clone().all(|s| s.contacted_at.is_some()),
                contact,
                requests,
            }
        })
        .collect();
    FollowUp {
        cards: tasks.iter().map(|t| (TaskId(t.id), t.title.clone())).collect(),
        contacts,
        anonymous: subs.iter().filter(|s| s.contact.is_none()).count(),
        card,
    }
}

async fn linked(tx: &mut Tx, actor: &Actor, subs: &[SubmissionState]) -> Result<Option<(TaskId, String)>> {
    let Some(id) = subs.iter().find_map(|s| s.follow_up_task_id) else {
        return Ok(None);
    };
    Ok(mognad_store::boards::task(tx, actor.org, id)
        .await?
        .map(|t| (TaskId(t.id), t.title)))
}

impl super::Plan<'_> {
    /// The group of `cards` with its contacts, each person once.
    #[tracing::instrument(skip_all)]
    pub async fn follow_up(&self, actor: &Actor, cards: &[TaskId]) -> Result<FollowUp> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        let (tasks, subs) = group(&mut tx, actor, cards).await?;
        let card = linked(&mut tx, actor, &subs).await?;
        tx.rollback().await?;
        Ok(view(&tasks, &subs, card))
    }

    /// Marks the chosen contacts of the group contacted; returns how many requests that covers.
    #[tracing::instrument(skip_all)]
    pub async fn mark_contacted(
        &self,
        actor: &Actor,
        cards: &[TaskId],
        contacts: &[String],
    ) -> Result<usize> {
        actor.require(Role::Admin)?;
        let keys: Vec<String> = contacts.iter().map(|c| contact_key(c)).collect();
        let mut tx = self.db.write().await?;
        // One follow-up write at a time, so two clicks cannot both mail or both make a card.
        Db::serialise(&mut tx, WriterLock::Cards).await?;
        let (_, subs) = group(&mut tx, actor, cards).await?;
        let mut n = 0;
        for s in &subs {
            if s.contact
                .as_deref()
                .is_some_and(|c| keys.contains(&contact_key(c)))
            {
                store::contacted(&mut tx, actor.org, s.id, Utc::now()).await?;
                n += 1;
            }
        }
        tx.commit().await?;
        Ok(n)
    }

    /// Mails every reachable contact of the group not yet contacted, once each, through the
    /// outbox (sent by the mail worker, in the organisation's language), and marks them
    /// contacted; returns how many mails were queued.
    #[tracing::instrument(skip_all)]
    pub async fn mail_follow_up(
        &self,
        actor: &Actor,
        cards: &[TaskId],
        subject: &str,
        body: &str,
    ) -> Result<usize> {
        actor.require(Role::Admin)?;
        let (subject, body) = (subject.trim(), body.trim());
        let mut errors = Vec::new();
        if subject.is_empty() || subject.chars().count() > 200 || subject.chars().any(char::is_control) {
            errors.push(Invalid::new(
                "subject",
                "empty",
                "a subject of 1 to 200 characters",
            ));
        }
        if body.is_empty() || body.chars().count() > 5000 {
            errors.push(Invalid::new("body", "empty", "a message of 1 to 5000 characters"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.db.write().await?;
        // One follow-up write at a time, so two clicks cannot both mail or both make a card.
        Db::serialise(&mut tx, WriterLock::Cards).await?;
        let (_, subs) = group(&mut tx, actor, cards).await?;
        // Answers go to the administrator who wrote, not to the instance's sending address.
        let params =
            serde_json::json!({ "subject": subject, "body": body, "reply_to": actor.user.email.as_str() })
                .to_string();
        let (mut sent, now) = (Vec::<String>::new(), Utc::now());
        for s in subs.iter().filter(|s| s.contacted_at.is_none()) {
            let Some(contact) = s.contact.as_deref().map(str::trim).filter(|c| mailable(c)) else {
                continue;
            };
            let key = contact_key(contact);
            if !sent.contains(&key) {
                // A second click racing this one finds the mail made already.
                let once = format!("follow-up:{}", s.id);
                let n = NewNotification {
                    org: actor.org,
                    user: None,
                    to: Some((contact, contact)),
                    kind: "follow-up",
                    once_key: Some(&once),
                    task: Some(s.task_id),
                    params: &params,
                    mail: true,
                    now,
                };
                if mognad_store::notifications::insert(&mut tx, &n).await? {
                    sent.push(key);
                }
            }
            store::contacted(&mut tx, actor.org, s.id, now).await?;
        }
        crate::platform::audit::record(&mut tx, actor, "follow-up-mail", &format!("{} mails", sent.len()))
            .await?;
        tx.commit().await?;
        Ok(sent.len())
    }

    /// Makes the card the problem as a whole is handled on (first column of the first card's
    /// board, listing the requests), or returns the one made before; links every request to it.
    #[tracing::instrument(skip_all)]
    pub async fn follow_up_card(&self, actor: &Actor, cards: &[TaskId], title: &str) -> Result<TaskId> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        // One follow-up write at a time, so two clicks cannot both mail or both make a card.
        Db::serialise(&mut tx, WriterLock::Cards).await?;
        let (tasks, subs) = group(&mut tx, actor, cards).await?;
        if let Some((id, _)) = linked(&mut tx, actor, &subs).await? {
            return Ok(id);
        }
        let description: Vec<String> = tasks.iter().map(|t| format!("- {}", t.title)).collect();
        let input = super::cards::TaskInput {
            title: title.chars().take(200).collect(),
            description: description.join("\n"),
            labels: "intake".into(),
            ..Default::default()
        };
        let by = super::notify::By::of(actor);
        let board = BoardId(tasks[0].board_id);
        let id = super::card_writes::create_in(&mut tx, actor.org, board.0, &input, None, &by).await?;
        for s in &subs {
            store::link(&mut tx, actor.org, s.id, id).await?;
        }
        tx.commit().await?;
        Ok(TaskId(id))
    }
}
