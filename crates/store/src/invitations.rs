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
}

/// Adds an invitation; false when the person already has one for the round.
pub async fn insert(tx: &mut Tx, inv: &NewInvitation<'_>, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "INSERT INTO invitations (id, round_id, group_id, person_id, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING"
    )
    .bind(Uuid::now_v7())
    .bind(inv.round.0)
    .bind(inv.group.0)
    .bind(inv.person.map(|p| p.0))
    .bind(inv.token_hash)
    .bind(now)
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

/// Members of the round's groups who have no personal invitation yet: (group, person).
pub async fn uninvited(tx: &mut Tx, round: RoundId) -> Result<Vec<(GroupId, PersonId)>> {
    let rows: Vec<(Uuid, Uuid)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT gm.group_id, gm.person_id FROM round_groups rg
         JOIN group_members gm ON gm.group_id = rg.group_id
         WHERE rg.round_id = $1 AND NOT EXISTS (
             SELECT 1 FROM invitations i WHERE i.round_id = $1 AND i.person_id = gm.person_id)
         ORDER BY gm.group_id, gm.person_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    // A person in two groups of the round is invited once, through the first.
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|(_, p)| seen.insert(*p))
        .map(|(g, p)| (GroupId(g), PersonId(p)))
        .collect())
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
    const SQL: &str = "SELECT i.round_id, i.group_id, i.used, i.draft, r.org_id, r.model_id,
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
}

/// Every invitation of the organisation's rounds, by id.
pub async fn for_org(tx: &mut Tx, org: mognad_domain::ids::OrgId) -> Result<Vec<StoredInvitation>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT i.id, i.round_id, i.group_id, i.person_id, i.token_hash, i.used, i.mails_sent
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
        "INSERT INTO invitations (id, round_id, group_id, person_id, token_hash, used, mails_sent, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(i.id)
    .bind(i.round_id)
    .bind(i.group_id)
    .bind(i.person_id)
    .bind(&i.token_hash)
    .bind(i.used)
    .bind(i.mails_sent)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}
