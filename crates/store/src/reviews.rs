//! Review cycles: the cycle (a unit or a team, a deadline), its participants with where each
//! stands (self-assessment done, manager done, signed off), and the peer feedback requested.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::ids::{OrgId, PersonId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Cycle {
    pub id: Uuid,
    pub name: String,
    pub unit_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub scope_name: String,
    pub deadline: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Participant {
    pub cycle_id: Uuid,
    pub person_id: Uuid,
    pub self_done_at: Option<DateTime<Utc>>,
    pub manager_done_at: Option<DateTime<Utc>>,
    pub signed_off_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PeerRequest {
    pub cycle_id: Uuid,
    pub person_id: Uuid,
    pub peer_id: Uuid,
    pub answered_at: Option<DateTime<Utc>>,
}

const CYCLE: &str =
    "SELECT id, name, unit_id, team_id, scope_name, deadline, created_at, closed_at FROM review_cycles";

pub async fn insert_cycle(tx: &mut Tx, org: OrgId, c: &Cycle) -> Result<()> {
    on_tx!(tx, |x| sqlx::query(
        "INSERT INTO review_cycles (id, org_id, name, unit_id, team_id, scope_name, deadline, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(c.id)
    .bind(org.0)
    .bind(&c.name)
    .bind(c.unit_id)
    .bind(c.team_id)
    .bind(&c.scope_name)
    .bind(c.deadline)
    .bind(c.created_at)
    .execute(x)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The organisation's cycles, newest first.
pub async fn cycles(tx: &mut Tx, org: OrgId) -> Result<Vec<Cycle>> {
    let sql = format!("{CYCLE} WHERE org_id = $1 ORDER BY created_at DESC, id DESC");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .fetch_all(c)
        .await)?)
}

pub async fn cycle(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Option<Cycle>> {
    let sql = format!("{CYCLE} WHERE org_id = $1 AND id = $2");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

pub async fn close(tx: &mut Tx, org: OrgId, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "UPDATE review_cycles SET closed_at = $3 WHERE org_id = $1 AND id = $2 AND closed_at IS NULL"
    )
    .bind(org.0)
    .bind(id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn add_participant(tx: &mut Tx, org: OrgId, cycle: Uuid, person: PersonId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO review_participants (cycle_id, person_id, org_id) VALUES ($1, $2, $3)
         ON CONFLICT (cycle_id, person_id) DO NOTHING"
    )
    .bind(cycle)
    .bind(person.0)
    .bind(org.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

const PARTICIPANT: &str =
    "SELECT cycle_id, person_id, self_done_at, manager_done_at, signed_off_at FROM review_participants";

/// Participants of the organisation's cycles: of one cycle, or every cycle of one person.
pub async fn participants(
    tx: &mut Tx,
    org: OrgId,
    cycle: Option<Uuid>,
    person: Option<PersonId>,
) -> Result<Vec<Participant>> {
    let sql = format!(
        "{PARTICIPANT} WHERE org_id = $1 AND ($2 IS NULL OR cycle_id = $2) AND ($3 IS NULL OR person_id = $3)"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(cycle)
        .bind(person.map(|p| p.0))
        .fetch_all(c)
        .await)?)
}

/// Which step of a participant's review a write marks done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    SelfDone,
    ManagerDone,
    SignedOff,
}

/// Marks a step done (the first time only); false when it already was, or no such participant.
pub async fn mark(
    tx: &mut Tx,
    org: OrgId,
    cycle: Uuid,
    person: PersonId,
    step: Step,
    by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let column = match step {
        Step::SelfDone => "self_done_at",
        Step::ManagerDone => "manager_done_at",
        Step::SignedOff => "signed_off_at",
    };
    // The signer is kept only with the sign-off; the other steps leave it as it is.
    let sql = format!(
        "UPDATE review_participants SET {column} = $4, signed_off_by = COALESCE($5, signed_off_by)
         WHERE org_id = $1 AND cycle_id = $2 AND person_id = $3 AND {column} IS NULL"
    );
    let by = by.map(|p| p.0).filter(|_| step == Step::SignedOff);
    let n = on_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org.0)
        .bind(cycle)
        .bind(person.0)
        .bind(now)
        .bind(by)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Asks `peer` for feedback on `person`; false when they were asked already.
pub async fn request_peer(
    tx: &mut Tx,
    org: OrgId,
    cycle: Uuid,
    person: PersonId,
    peer: PersonId,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "INSERT INTO peer_requests (id, org_id, cycle_id, person_id, peer_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (cycle_id, person_id, peer_id) DO NOTHING"
    )
    .bind(Uuid::now_v7())
    .bind(org.0)
    .bind(cycle)
    .bind(person.0)
    .bind(peer.0)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Peer requests of one cycle, or the open cycles' requests made of one peer.
pub async fn peer_requests(
    tx: &mut Tx,
    org: OrgId,
    cycle: Option<Uuid>,
    peer: Option<PersonId>,
) -> Result<Vec<PeerRequest>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT r.cycle_id, r.person_id, r.peer_id, r.answered_at FROM peer_requests r
         JOIN review_cycles y ON y.id = r.cycle_id
         WHERE r.org_id = $1 AND ($2 IS NULL OR r.cycle_id = $2)
           AND ($3 IS NULL OR (r.peer_id = $3 AND y.closed_at IS NULL))
         ORDER BY r.created_at, r.id"
    )
    .bind(org.0)
    .bind(cycle)
    .bind(peer.map(|p| p.0))
    .fetch_all(c)
    .await)?)
}

/// Whether `peer` has been asked for feedback on `person` in a cycle still open.
pub async fn peer_asked(tx: &mut Tx, org: OrgId, person: PersonId, peer: PersonId) -> Result<bool> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM peer_requests r JOIN review_cycles y ON y.id = r.cycle_id
         WHERE r.org_id = $1 AND r.person_id = $2 AND r.peer_id = $3 AND y.closed_at IS NULL"
    )
    .bind(org.0)
    .bind(person.0)
    .bind(peer.0)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// Marks the open requests of `peer` about `person` answered.
pub async fn peer_answered(
    tx: &mut Tx,
    org: OrgId,
    person: PersonId,
    peer: PersonId,
    now: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE peer_requests SET answered_at = $4 WHERE org_id = $1 AND person_id = $2 AND peer_id = $3
           AND answered_at IS NULL
           AND cycle_id IN (SELECT id FROM review_cycles WHERE org_id = $1 AND closed_at IS NULL)"
    )
    .bind(org.0)
    .bind(person.0)
    .bind(peer.0)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
