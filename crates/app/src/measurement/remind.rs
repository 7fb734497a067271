//! Reminders and the printable sheet of links: both replace links, and neither tells who has
//! answered. Reminders are mailed by Mognad with a fresh link, and the administrator hears how
//! many went, never to whom; people without an address get theirs from a sheet that covers
//! everyone without one, answered or not.

use crate::measurement::invite::{IssuedLink, links_for, open_or_draft_round};
use crate::platform::accounts;
use crate::platform::mail::{Invitation, Mailer};
use crate::{Actor, Result};
use mognad_domain::ids::{GroupId, PersonId, RoundId};
use mognad_domain::role::Role;
use mognad_store::{invitations, people};
use serde::Serialize;

/// What a round of reminders did: counts only, never who.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReminderReport {
    /// Reminders sent (or written to the mail folder), each with a fresh link.
    pub sent: usize,
    /// People invited personally who have no e-mail address (answered or not): their links
    /// come from the printable sheet.
    pub without_address: usize,
    /// Reminders the mail server refused; those people can be reminded again.
    pub failed: usize,
    /// Set when mails were written to a folder rather than sent.
    pub folder: Option<String>,
}

impl super::Measurement<'_> {
    /// Sends everyone invited personally who has not answered, and has an address, a reminder
    /// with a fresh link through `mailer`. Says how many, never who.
    #[tracing::instrument(skip_all)]
    pub async fn remind(
        &self,
        actor: &Actor,
        round: RoundId,
        mailer: &Mailer,
        about: &Invitation<'_>,
    ) -> Result<ReminderReport> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        let r = open_or_draft_round(&mut tx, actor, round.0).await?;
        let mut due = Vec::new();
        let mut report = ReminderReport {
            folder: mailer.folder(),
            ..Default::default()
        };
        for inv in invitations::personal(&mut tx, r.id).await? {
            let Some(person) = people::get(&mut tx, actor.org, PersonId(inv.person_id)).await? else {
                continue;
            };
            match person.email {
                None => report.without_address += 1,
                Some(email) if !inv.used => due.push((inv.id, person.name.to_string(), email.to_string())),
                Some(_) => {}
            }
        }
        tx.rollback().await?;
        // One short write per reminder, before its mail: a mail never carries a link that is
        // not stored, and no transaction waits on the mail server.
        for (id, name, email) in due {
            let token = accounts::random_token();
            let mut tx = self.db.write().await?;
            let renewed = invitations::renew_token(&mut tx, id, &accounts::token_hash(&token)).await?;
            tx.commit().await?;
            if !renewed {
                // Answered meanwhile.
                continue;
            }
            match mailer.send_one(&name, &email, &token, about).await {
                Ok(()) => report.sent += 1,
                Err(e) => {
                    tracing::warn!(error = %e, "a reminder was not sent");
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    /// A printable sheet with a fresh personal link for everyone invited who has no e-mail
    /// address, answered or not, so the sheet does not tell who has answered. Links printed
    /// earlier stop working; drafts saved with them are lost.
    #[tracing::instrument(skip_all)]
    pub async fn link_sheet(&self, actor: &Actor, round: RoundId) -> Result<Vec<IssuedLink>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let r = open_or_draft_round(&mut tx, actor, round.0).await?;
        let mut renewed = Vec::new();
        for inv in invitations::personal(&mut tx, r.id).await? {
            let Some(person) = people::get(&mut tx, actor.org, PersonId(inv.person_id)).await? else {
                continue;
            };
            if person.email.is_some() {
                continue;
            }
            let token = accounts::random_token();
            if invitations::renew_any(&mut tx, inv.id, &accounts::token_hash(&token)).await? {
                renewed.push((GroupId(inv.group_id), person.id, token));
            }
        }
        let mut links = links_for(&mut tx, actor, r.id, &renewed).await?;
        tx.commit().await?;
        links.sort_by(|a, b| (&a.group_name, &a.person_name).cmp(&(&b.group_name, &b.person_name)));
        Ok(links)
    }
}
