//! Invitations to answer a round: personal links (one per person and round) and the shared
//! link of each group with its access code. Only a token's hash is stored.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use mognad_domain::ids::{GroupId, PersonId, RoundId};
use uuid::Uuid;

pub struct NewInvitation<'a> {
    pub round: RoundId,
    pub group: GroupId,
    pub person: Option<PersonId>,
    pub token_hash: &'a str,
    /// The group is settled: the person is in one group only, or the choice has been made.
    pub fixed: bool,
}

/// Adds an invitation; false when the person already has one for the round.
pub async fn insert(tx: &mut Tx, inv: &NewInvitation<'_>, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "INSERT INTO invitations (id, round_id, group_id, person_id, token_hash, created_at, group_fixed)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING"
    )
    .bind(Uuid::now_v7())
    .bind(inv.round.0)
    .bind(inv.group.0)
    .bind(inv.person.map(|p| p.0))
    .bind(inv.token_hash)
    .bind(now)
    .bind(inv.fixed)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Stores a draft for an invitation that has not been used; false once it has.
pub async fn save_draft(tx: &mut Tx, token_hash: &str, draft: &[u8]) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE invitations SET draft = $2 WHERE token_hash = $1 AND used = FALSE"
    )
    .bind(token_hash)
    .bind(draft)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Marks many invitations used in one statement; returns the hashes that were still unused
/// (the others were submitted before, and their answers must not be stored again).
pub async fn mark_used_many(tx: &mut Tx, hashes: &[&str]) -> Result<Vec<String>> {
    let mut marked = Vec::new();
    for chunk in hashes.chunks(500) {
        let params: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "UPDATE invitations SET used = TRUE, draft = NULL
             WHERE used = FALSE AND token_hash IN ({}) RETURNING token_hash",
            params.join(", ")
        );
        let rows: Vec<String> = on_tx!(tx, |c| {
            // Only placeholders are formatted into the text; every value is bound.
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()));
            for h in chunk {
                q = q.bind(*h);
            }
            q.fetch_all(c).await
        })?;
        marked.extend(rows);
    }
    Ok(marked)
}

/// Gives an unused personal invitation a new token (a reminder carries a fresh link); its
/// draft, readable only with the old token, is dropped.
pub async fn renew_token(tx: &mut Tx, id: Uuid, token_hash: &str) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE invitations SET token_hash = $2, draft = NULL, mails_sent = mails_sent + 1
         WHERE id = $1 AND used = FALSE"
    )
    .bind(id)
    .bind(token_hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Per group of a round: (group, personal and shared-link invitations, of them used).
pub async fn usage(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, i64, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, COUNT(*), SUM(CASE WHEN used THEN 1 ELSE 0 END) FROM invitations
         WHERE round_id = $1 GROUP BY group_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// A personal invitation as the use cases see it (never shown as such: who has answered is
/// nobody's business).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Personal {
    pub id: Uuid,
    pub group_id: Uuid,
    pub person_id: Uuid,
    pub used: bool,
    pub group_fixed: bool,
}

/// Every personal invitation of a round whose person still exists.
pub async fn personal(tx: &mut Tx, round: RoundId) -> Result<Vec<Personal>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, group_id, person_id, used, group_fixed FROM invitations
         WHERE round_id = $1 AND person_id IS NOT NULL ORDER BY id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// Moves an unused invitation to another group, settling the person's choice (`fixed`);
/// false when it was used meanwhile, or (for a person's own choice) already settled.
pub async fn set_group(tx: &mut Tx, id: Uuid, group: GroupId, only_unsettled: bool) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE invitations SET group_id = $2, group_fixed = TRUE
         WHERE id = $1 AND used = FALSE AND (group_fixed = FALSE OR $3 = FALSE)"
    )
    .bind(id)
    .bind(group.0)
    .bind(only_unsettled)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Points an invitation at another group without settling anything (when a round opens on a
/// directory that changed since the invitation was made).
pub async fn repoint(tx: &mut Tx, id: Uuid, group: GroupId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE invitations SET group_id = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(group.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes an invitation that nobody can use (its person left every group before the round
/// opened).
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM invitations WHERE id = $1 AND used = FALSE"
    )
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Gives a personal invitation a new token whether or not it was used, for a sheet of links
/// that must not tell which were; an unused one loses its draft, sealed to the old token.
pub async fn renew_any(tx: &mut Tx, id: Uuid, token_hash: &str) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE invitations SET token_hash = $2, draft = NULL WHERE id = $1"
    )
    .bind(id)
    .bind(token_hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Used invitations of one group of a round: (personal, through the shared link).
pub async fn used_by_kind(tx: &mut Tx, round: Uuid, group: Uuid) -> Result<(i64, i64)> {
    let (personal, shared): (Option<i64>, Option<i64>) = on_tx!(tx, |c| sqlx::query_as(
        "SELECT SUM(CASE WHEN person_id IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN person_id IS NULL THEN 1 ELSE 0 END)
         FROM invitations WHERE round_id = $1 AND group_id = $2 AND used = TRUE"
    )
    .bind(round)
    .bind(group)
    .fetch_one(c)
    .await)?;
    Ok((personal.unwrap_or(0), shared.unwrap_or(0)))
}

/// Unused personal invitations of a round: (invitation, person), for reminders.
pub async fn unanswered(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, GroupId, PersonId)>> {
    let rows: Vec<(Uuid, Uuid, Uuid)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, group_id, person_id FROM invitations
         WHERE round_id = $1 AND used = FALSE AND person_id IS NOT NULL ORDER BY id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(i, g, p)| (i, GroupId(g), PersonId(p)))
        .collect())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SharedLink {
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub slug: String,
    pub access_code: String,
}

pub async fn insert_shared(tx: &mut Tx, l: &SharedLink) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO shared_links (round_id, group_id, slug, access_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING"
    )
    .bind(l.round_id)
    .bind(l.group_id)
    .bind(&l.slug)
    .bind(&l.access_code)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn shared_by_slug(tx: &mut Tx, slug: &str) -> Result<Option<SharedLink>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT round_id, group_id, slug, access_code FROM shared_links WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)?)
}

pub async fn shared_for_round(tx: &mut Tx, round: RoundId) -> Result<Vec<SharedLink>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT round_id, group_id, slug, access_code FROM shared_links WHERE round_id = $1"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// Everything a respondent's page needs about a link, in one statement outside any
/// transaction: the invitation, its round and the organisation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkContext {
    pub id: Uuid,
    pub person_id: Option<Uuid>,
    pub group_fixed: bool,
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub used: bool,
    pub draft: Option<Vec<u8>>,
    pub org_id: Uuid,
    pub model_id: Uuid,
    pub round_name: String,
    pub round_state: String,
    pub org_name: String,
}

pub async fn context(db: &crate::Db, token_hash: &str) -> Result<Option<LinkContext>> {
    const SQL: &str = "SELECT i.id, i.person_id, i.group_fixed, i.round_id, i.group_id, i.used, i.draft, r.org_id, r.model_id,
            r.name AS round_name, r.state AS round_state, o.name AS org_name
         FROM invitations i JOIN rounds r ON r.id = i.round_id JOIN organisations o ON o.id = r.org_id
         WHERE i.token_hash = $1";
    Ok(match db {
        crate::Db::Sqlite(p) => sqlx::query_as(SQL).bind(token_hash).fetch_optional(p).await?,
        crate::Db::Postgres(p) => sqlx::query_as(SQL).bind(token_hash).fetch_optional(p).await?,
    })
}

/// An invitation as stored, for moving an organisation between instances.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct StoredInvitation {
    pub id: Uuid,
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub person_id: Option<Uuid>,
    pub token_hash: String,
    pub used: bool,
    pub mails_sent: i64,
    /// Whether the person's group was settled (files from before say nothing: settled).
    #[serde(default = "settled")]
    pub group_fixed: bool,
}

fn settled() -> bool {
    true
}

/// Every invitation of the organisation's rounds, by id.
pub async fn for_org(tx: &mut Tx, org: mognad_domain::ids::OrgId) -> Result<Vec<StoredInvitation>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT i.id, i.round_id, i.group_id, i.person_id, i.token_hash, i.used, i.mails_sent, i.group_fixed
         FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE r.org_id = $1 ORDER BY i.id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?)
}

/// Writes an invitation exactly as it was stored elsewhere (drafts, sealed to their token, stay behind).
pub async fn insert_exact(tx: &mut Tx, i: &StoredInvitation, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO invitations (id, round_id, group_id, person_id, token_hash, used, mails_sent, created_at, group_fixed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(i.id)
    .bind(i.round_id)
    .bind(i.group_id)
    .bind(i.person_id)
    .bind(&i.token_hash)
    .bind(i.used)
    .bind(i.mails_sent)
    .bind(now)
    .bind(i.group_fixed)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Locks a group's shared link for the rest of the transaction (PostgreSQL; SQLite's write
/// transaction holds the whole database), so two processes storing answers given through it
/// count its remaining places one after the other.
pub async fn lock_shared(tx: &mut Tx, round: Uuid, group: Uuid) -> Result<()> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT slug FROM shared_links WHERE round_id = $1 AND group_id = $2 FOR UPDATE")
            .bind(round)
            .bind(group)
            .fetch_optional(&mut **t)
            .await?;
    }
    Ok(())
}
