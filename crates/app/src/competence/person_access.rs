//! Who may see and add to a person's competence record, decided by the relationships: the
//! person, their current supervisor, their current mentor if the person allows it, HR and
//! admins see it; a colleague asked for peer feedback in an open review may add a peer assessment
//! but sees nothing; others see nothing.

use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::competence::assessment::Source;
use mognad_domain::ids::PersonId;
use mognad_domain::people::Person;
use mognad_domain::role::Role;
use mognad_store::{Tx, assessments, people, relationships};

/// What the actor may do with one person's record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Access {
    /// Assessments, gaps, grid and plan.
    pub view: bool,
    /// The sources the actor may assess as, most authoritative first.
    pub sources: Vec<Source>,
    /// Target role, grid placement and plan actions.
    pub develop: bool,
    /// Only the person decides whether their mentor may see the record.
    pub consent: bool,
    pub is_self: bool,
}

/// The people of the organisation with an active account: only they can fill in a sheet,
/// answer a peer request or be reminded.
pub(crate) async fn with_account(
    tx: &mut Tx,
    org: mognad_domain::ids::OrgId,
) -> Result<std::collections::HashSet<uuid::Uuid>> {
    Ok(mognad_store::members::list(tx, org)
        .await?
        .into_iter()
        .filter(|m| m.active)
        .filter_map(|m| m.person.map(|(id, _)| id))
        .collect())
}

/// The person the signed-in user is in the organisation: the one with the same e-mail.
pub async fn me(tx: &mut Tx, actor: &Actor) -> Result<Option<Person>> {
    Ok(people::find_by_email(tx, actor.org, &actor.user.email).await?)
}

pub async fn access(tx: &mut Tx, actor: &Actor, person: PersonId) -> Result<Access> {
    let admin = actor.role.at_least(Role::Admin);
    // HR reads every record (and admins with it) but develops nobody's by that right.
    let hr = actor.role.at_least(Role::Hr);
    let Some(me) = me(tx, actor).await? else {
        return Ok(Access {
            view: hr,
            develop: admin,
            ..Access::default()
        });
    };
    if me.id == person {
        return Ok(Access {
            view: true,
            sources: vec![Source::Own],
            develop: true,
            consent: true,
            is_self: true,
        });
    }
    let day = Utc::now().date_naive();
    let (supervises, mentors) = relationships::current_links(tx, actor.org, me.id, person, day).await?;
    let allowed = assessments::profile(tx, actor.org, person)
        .await?
        .is_some_and(|p| p.mentor_may_see);
    let mut sources = Vec::new();
    if supervises {
        sources.push(Source::Manager);
    }
    if mentors {
        sources.push(Source::Mentor);
    }
    // Peer feedback is asked for, not volunteered: only a colleague named in an open review
    // may give it (and it shows only as the mean of at least three).
    if sources.is_empty() && mognad_store::reviews::peer_asked(tx, actor.org, person, me.id).await? {
        sources.push(Source::Peer);
    }
    let mentor_sees = mentors && allowed;
    Ok(Access {
        view: hr || supervises || mentor_sees,
        develop: admin || supervises || mentor_sees,
        sources,
        consent: false,
        is_self: false,
    })
}

impl Access {
    pub fn require_view(&self) -> Result<()> {
        if self.view {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn require_develop(&self) -> Result<()> {
        if self.develop {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}
