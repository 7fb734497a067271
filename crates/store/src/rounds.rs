//! Measurement rounds and the leadership groups taking part in them.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::{GroupId, ModelId, OrgId, RoundId};
use mognad_domain::round::{Round, RoundState};
use mognad_domain::text::Name;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: Uuid,
    org_id: Uuid,
    model_id: Uuid,
    name: String,
    state: String,
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
}

impl TryFrom<RoundRow> for Round {
    type Error = crate::StoreError;
    fn try_from(r: RoundRow) -> Result<Self> {
        Ok(Round {
            id: RoundId(r.id),
            org_id: OrgId(r.org_id),
            model_id: ModelId(r.model_id),
            name: Name::parse("name", &r.name)?,
            state: RoundState::parse(&r.state)
                .ok_or_else(|| crate::StoreError::Corrupt(format!("round state {}", r.state)))?,
            opens_on: r.opens_on,
            closes_on: r.closes_on,
        })
    }
}

pub async fn insert(tx: &mut Tx, r: &Round, now: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO rounds (id, org_id, model_id, name, state, opens_on, closes_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(r.id.0)
    .bind(r.org_id.0)
    .bind(r.model_id.0)
    .bind(r.name.as_str())
    .bind(r.state.as_str())
    .bind(r.opens_on)
    .bind(r.closes_on)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Moves a round from `from` to `to`; false if it was no longer in `from` (a concurrent change).
pub async fn set_state(
    tx: &mut Tx,
    org: OrgId,
    id: RoundId,
    from: RoundState,
    to: RoundState,
) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE rounds SET state = $4 WHERE id = $1 AND org_id = $2 AND state = $3"
    )
    .bind(id.0)
    .bind(org.0)
    .bind(from.as_str())
    .bind(to.as_str())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn get(tx: &mut Tx, org: OrgId, id: RoundId) -> Result<Option<Round>> {
    let row: Option<RoundRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, org_id, model_id, name, state, opens_on, closes_on FROM rounds WHERE id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .fetch_optional(c)
    .await
    })?;
    row.map(TryInto::try_into).transpose()
}

/// The organisation's rounds, oldest first (ids are time-ordered), so they read as a series.
pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<Round>> {
    let rows: Vec<RoundRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, org_id, model_id, name, state, opens_on, closes_on FROM rounds WHERE org_id = $1 ORDER BY id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await
    })?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub async fn add_group(tx: &mut Tx, round: RoundId, group: GroupId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO round_groups (round_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    )
    .bind(round.0)
    .bind(group.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn groups(tx: &mut Tx, round: RoundId) -> Result<Vec<GroupId>> {
    let ids: Vec<Uuid> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT group_id FROM round_groups WHERE round_id = $1 ORDER BY group_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    Ok(ids.into_iter().map(GroupId).collect())
}

/// A round's state, locked against a concurrent close until the transaction ends (SQLite's
/// write transactions are serial already; PostgreSQL takes a share lock on the row).
pub async fn state_locked(tx: &mut Tx, id: Uuid) -> Result<Option<RoundState>> {
    let raw: Option<String> = match tx {
        Tx::Sqlite(t) => {
            sqlx::query_scalar("SELECT state FROM rounds WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **t)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_scalar("SELECT state FROM rounds WHERE id = $1 FOR SHARE")
                .bind(id)
                .fetch_optional(&mut **t)
                .await?
        }
    };
    Ok(raw.as_deref().and_then(RoundState::parse))
}

/// A round by id alone, for respondents who arrive with a link rather than a session.
pub async fn get_any(tx: &mut Tx, id: Uuid) -> Result<Option<Round>> {
    let row: Option<RoundRow> = on_tx!(tx, |c| {
        sqlx::query_as(
            "SELECT id, org_id, model_id, name, state, opens_on, closes_on FROM rounds WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(c)
        .await
    })?;
    row.map(TryInto::try_into).transpose()
}
