//! Calendar feeds: a secret link per member (the cards assigned to their person) and per board
//! (its cards, programme workshops included), each card with a due date as an all-day event.
//! Every link is its member's own, a board's too (each member subscribes with their own), so
//! renewing or stopping touches nobody else's. The link holds a random token of which only a hash
//! is kept; renewing it replaces the hash so the old link stops at once, on every server. Reading
//! a feed needs no session (calendar programs have none): the token is the key, and gives
//! nothing once its member is deactivated or has left, or the board is archived.

use crate::platform::accounts::{random_token, token_hash};
use crate::{Actor, AppError, Result};
use chrono::{DateTime, Duration, Utc};
use mognad_domain::ids::{BoardId, OrgId, UserId};
use mognad_domain::plan::ics::{self, Event};
use mognad_domain::role::Role;
use mognad_store::calendar_feeds as store;
use serde::Serialize;
use uuid::Uuid;

/// How far back a feed reaches: older due dates are history, not plans.
pub const PAST_DAYS: i64 = 90;
/// The most events one feed carries.
pub const MAX_EVENTS: i64 = 2000;

/// Whose cards a link shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOf {
    /// The signed-in member's own.
    Me,
    Board(BoardId),
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardFeed {
    pub id: BoardId,
    pub name: String,
    /// When its link was made; absent when it has none.
    pub made: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Feeds {
    /// When the member's own link was made.
    pub mine: Option<DateTime<Utc>>,
    pub boards: Vec<BoardFeed>,
}

/// A feed ready to serve.
pub struct Feed {
    pub name: String,
    pub text: String,
}

fn target(actor: &Actor, of: FeedOf) -> (&'static str, Uuid) {
    match of {
        FeedOf::Me => ("person", actor.user.id.0),
        FeedOf::Board(b) => ("board", b.0),
    }
}

impl super::Plan<'_> {
    /// The member's own link and every live board's, with when each was made.
    #[tracing::instrument(skip_all)]
    pub async fn calendar_feeds(&self, actor: &Actor) -> Result<Feeds> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let links = store::list(&mut tx, actor.org, actor.user.id.0).await?;
        let boards = mognad_store::boards::boards(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let made = |kind: &str, id: Uuid| links.iter().find(|(k, s, _)| k == kind && *s == id).map(|l| l.2);
        Ok(Feeds {
            mine: made("person", actor.user.id.0),
            boards: boards
                .into_iter()
                .map(|b| BoardFeed {
                    id: BoardId(b.id),
                    made: made("board", b.id),
                    name: b.name,
                })
                .collect(),
        })
    }

    /// Makes a new secret link, replacing the one before; returns the token, shown only now.
    #[tracing::instrument(skip_all)]
    pub async fn renew_feed(&self, actor: &Actor, of: FeedOf) -> Result<String> {
        actor.require(Role::Member)?;
        let (kind, subject) = target(actor, of);
        let token = random_token();
        let mut tx = self.db.write().await?;
        if let FeedOf::Board(b) = of {
            let board = mognad_store::boards::board(&mut tx, actor.org, b.0)
                .await?
                .ok_or(AppError::NotFound)?;
            if board.archived {
                return Err(crate::plan::card_writes::archived());
            }
        }
        let hash = token_hash(&token);
        store::upsert(
            &mut tx,
            actor.org,
            actor.user.id.0,
            kind,
            subject,
            &hash,
            Utc::now(),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Stops a link.
    #[tracing::instrument(skip_all)]
    pub async fn stop_feed(&self, actor: &Actor, of: FeedOf) -> Result<()> {
        actor.require(Role::Member)?;
        let (kind, subject) = target(actor, of);
        let mut tx = self.db.write().await?;
        store::delete(&mut tx, actor.org, actor.user.id.0, kind, subject).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The feed a token opens, as iCalendar text; `None` for an unknown token, a deactivated
    /// member or an archived board. `card_url` makes a card's address from its id, and
    /// `calendar_name` the calendar's name (in the reader's language) from the member's or board's.
    #[tracing::instrument(skip_all)]
    pub async fn feed(
        &self,
        token: &str,
        card_url: &(dyn Fn(OrgId, Uuid) -> Option<String> + Sync),
        calendar_name: &(dyn Fn(&str) -> String + Sync),
    ) -> Result<Option<Feed>> {
        let mut tx = self.db.read().await?;
        let Some((org, user, kind, subject)) = store::by_token(&mut tx, &token_hash(token)).await? else {
            return Ok(None);
        };
        let org = OrgId(org);
        // A link is only as good as its member's place in the organisation.
        let Some(m) = mognad_store::members::get(&mut tx, org, UserId(user)).await? else {
            return Ok(None);
        };
        if !m.active {
            return Ok(None);
        }
        let since = Utc::now().date_naive() - Duration::days(PAST_DAYS);
        let (name, cards) = if kind == "person" {
            let cards = match m.person {
                Some((person, _)) => {
                    store::due_cards(&mut tx, org, Some(person), None, since, MAX_EVENTS).await?
                }
                None => Vec::new(),
            };
            (calendar_name(&m.display_name), cards)
        } else {
            match mognad_store::boards::board(&mut tx, org, subject).await? {
                Some(b) if !b.archived => (
                    calendar_name(&b.name),
                    store::due_cards(&mut tx, org, None, Some(subject), since, MAX_EVENTS).await?,
                ),
                _ => return Ok(None),
            }
        };
        tx.rollback().await?;
        let events: Vec<Event> = cards
            .into_iter()
            .map(|c| Event {
                id: c.id,
                day: c.due_on,
                summary: if c.done {
                    format!("✓ {}", c.title)
                } else {
                    c.title
                },
                description: c.board,
                url: card_url(org, c.id),
            })
            .collect();
        Ok(Some(Feed {
            text: ics::calendar(&name, &events, Utc::now()),
            name,
        }))
    }
}
