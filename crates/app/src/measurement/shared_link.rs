//! A group's shared link: an access code traded for a nameless personal link. Wrong codes are
//! throttled per link and per link and client, in the database so every server process counts
//! the same attempts; a link takes at most as many answers as its group has places left.

use crate::platform::accounts;
use crate::{AppError, Result};
use chrono::Utc;
use mognad_domain::ids::{GroupId, OrgId, RoundId};
use mognad_domain::round::Round;
use mognad_store::invitations::{self, NewInvitation};
use mognad_store::{orgs, rounds, throttle};

/// Wrong access codes allowed per link and client, and per link, within the window.
const CODE_FAILURES_PER_CLIENT: i64 = 10;
const CODE_FAILURES_PER_LINK: i64 = 100;
const CODE_WINDOW_SECS: i64 = 10 * 60;

/// Answers a group's shared link may still take: the group's members (each person counted
/// once, where they answer) less the answers given through personal links and through the
/// shared link. Also used by the writer, with the shared link locked, as the last word.
pub(crate) async fn shared_places_left(
    tx: &mut mognad_store::Tx,
    round: &Round,
    group: GroupId,
) -> Result<i64> {
    let members = crate::measurement::freeze::counted(tx, round.org_id, round)
        .await?
        .get(&group)
        .copied()
        .unwrap_or(0);
    let (personal, shared) = invitations::used_by_kind(tx, round.id.0, group.0).await?;
    Ok(members - personal - shared)
}

impl super::Measurement<'_> {
    /// Trades a group's shared link and access code for a personal (but nameless) link token.
    /// Wrong codes are throttled per link and per link and client (`client`, e.g. the
    /// address); a link that has taken as many answers as its group has members left is full.
    #[tracing::instrument(skip_all)]
    pub async fn join_shared(&self, slug: &str, code: &str, client: &str) -> Result<String> {
        let now = Utc::now().timestamp();
        let since = now - CODE_WINDOW_SECS;
        let per_link = format!("code:{slug}");
        let per_client = format!("code:{slug}:{client}");
        let mut tx = self.db.write().await?;
        let link = invitations::shared_by_slug(&mut tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        if throttle::failures(&mut tx, &per_client, since).await? >= CODE_FAILURES_PER_CLIENT
            || throttle::failures(&mut tx, &per_link, since).await? >= CODE_FAILURES_PER_LINK
        {
            return Err(AppError::Throttled);
        }
        // Codes are shown grouped for reading aloud; spaces and case do not matter.
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .flat_map(char::to_uppercase)
                .collect()
        };
        if norm(code) != norm(&link.access_code) {
            throttle::fail(&mut tx, &per_client, now, since).await?;
            throttle::fail(&mut tx, &per_link, now, since).await?;
            if rand::random_ratio(1, 100) {
                throttle::sweep(&mut tx, since).await?;
            }
            tx.commit().await?;
            return Err(AppError::invalid(
                "code",
                "access-code",
                "the access code does not match",
            ));
        }
        let round = rounds::get_any(&mut tx, link.round_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !round.state.accepts_answers() {
            return Err(AppError::conflict("round-not-open", "the round is not open", &[]));
        }
        if shared_places_left(&mut tx, &round, GroupId(link.group_id)).await? <= 0 {
            return Err(AppError::Refused {
                code: "link-full",
                message: "this link has taken as many answers as the group has members".into(),
            });
        }
        let token = accounts::random_token();
        invitations::insert(
            &mut tx,
            &NewInvitation {
                round: RoundId(link.round_id),
                group: GroupId(link.group_id),
                person: None,
                token_hash: &accounts::token_hash(&token),
                fixed: true,
            },
            Utc::now(),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The round and organisation behind a shared link, for its landing page: (round, org).
    #[tracing::instrument(skip_all)]
    pub async fn shared_link_info(&self, slug: &str) -> Result<(String, String)> {
        let mut tx = self.db.read().await?;
        let link = invitations::shared_by_slug(&mut tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let round = rounds::get_any(&mut tx, link.round_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let org = orgs::get(&mut tx, OrgId(round.org_id.0))
            .await?
            .ok_or(AppError::NotFound)?;
        tx.rollback().await?;
        Ok((round.name.to_string(), org.settings.name.to_string()))
    }
}
