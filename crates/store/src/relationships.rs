//! The three leadership relationships as dated records: supervisions, mentorships and team
//! memberships. Rules about them live in `mognad_domain::relationship`; this only stores.

use crate::{Result, Tx, on_tx};
use chrono::NaiveDate;
use mognad_domain::ids::{MentorshipId, OrgId, PersonId, SupervisionId, TeamId, TeamMembershipId};
use mognad_domain::relationship::{Mentorship, Period, Supervision, TeamMembership, TeamRole};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct SupervisionRow {
    id: Uuid,
    org_id: Uuid,
    supervisor_id: Uuid,
    subordinate_id: Uuid,
    is_primary: bool,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
}

impl TryFrom<SupervisionRow> for Supervision {
    type Error = crate::StoreError;
    fn try_from(r: SupervisionRow) -> Result<Self> {
        Ok(Supervision {
            id: SupervisionId(r.id),
            org_id: OrgId(r.org_id),
            supervisor_id: PersonId(r.supervisor_id),
            subordinate_id: PersonId(r.subordinate_id),
            primary: r.is_primary,
            period: Period::new(r.valid_from, r.valid_to)?,
        })
    }
}

pub async fn supervisions(tx: &mut Tx, org: OrgId) -> Result<Vec<Supervision>> {
    let rows: Vec<SupervisionRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, supervisor_id, subordinate_id, is_primary, valid_from, valid_to
         FROM supervisions WHERE org_id = $1 ORDER BY valid_from, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Inserts or replaces a supervision (same id).
pub async fn save_supervision(tx: &mut Tx, s: &Supervision) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO supervisions (id, org_id, supervisor_id, subordinate_id, is_primary, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET supervisor_id = excluded.supervisor_id,
           subordinate_id = excluded.subordinate_id, is_primary = excluded.is_primary,
           valid_from = excluded.valid_from, valid_to = excluded.valid_to"
    )
    .bind(s.id.0)
    .bind(s.org_id.0)
    .bind(s.supervisor_id.0)
    .bind(s.subordinate_id.0)
    .bind(s.primary)
    .bind(s.period.from)
    .bind(s.period.to)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MentorshipRow {
    id: Uuid,
    org_id: Uuid,
    mentor_id: Uuid,
    protege_id: Uuid,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
}

impl TryFrom<MentorshipRow> for Mentorship {
    type Error = crate::StoreError;
    fn try_from(r: MentorshipRow) -> Result<Self> {
        Ok(Mentorship {
            id: MentorshipId(r.id),
            org_id: OrgId(r.org_id),
            mentor_id: PersonId(r.mentor_id),
            protege_id: PersonId(r.protege_id),
            period: Period::new(r.valid_from, r.valid_to)?,
        })
    }
}

pub async fn mentorships(tx: &mut Tx, org: OrgId) -> Result<Vec<Mentorship>> {
    let rows: Vec<MentorshipRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, mentor_id, protege_id, valid_from, valid_to
         FROM mentorships WHERE org_id = $1 ORDER BY valid_from, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub async fn save_mentorship(tx: &mut Tx, m: &Mentorship) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO mentorships (id, org_id, mentor_id, protege_id, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET mentor_id = excluded.mentor_id, protege_id = excluded.protege_id,
           valid_from = excluded.valid_from, valid_to = excluded.valid_to"
    )
    .bind(m.id.0)
    .bind(m.org_id.0)
    .bind(m.mentor_id.0)
    .bind(m.protege_id.0)
    .bind(m.period.from)
    .bind(m.period.to)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct TeamMembershipRow {
    id: Uuid,
    org_id: Uuid,
    team_id: Uuid,
    person_id: Uuid,
    role: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
}

impl TryFrom<TeamMembershipRow> for TeamMembership {
    type Error = crate::StoreError;
    fn try_from(r: TeamMembershipRow) -> Result<Self> {
        Ok(TeamMembership {
            id: TeamMembershipId(r.id),
            org_id: OrgId(r.org_id),
            team_id: TeamId(r.team_id),
            person_id: PersonId(r.person_id),
            role: TeamRole::parse(&r.role)?,
            period: Period::new(r.valid_from, r.valid_to)?,
        })
    }
}

pub async fn team_memberships(tx: &mut Tx, org: OrgId) -> Result<Vec<TeamMembership>> {
    let rows: Vec<TeamMembershipRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, team_id, person_id, role, valid_from, valid_to
         FROM team_memberships WHERE org_id = $1 ORDER BY valid_from, id"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub async fn save_team_membership(tx: &mut Tx, m: &TeamMembership) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO team_memberships (id, org_id, team_id, person_id, role, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, person_id = excluded.person_id,
           role = excluded.role, valid_from = excluded.valid_from, valid_to = excluded.valid_to"
    )
    .bind(m.id.0)
    .bind(m.org_id.0)
    .bind(m.team_id.0)
    .bind(m.person_id.0)
    .bind(m.role.as_str())
    .bind(m.period.from)
    .bind(m.period.to)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Which relationship table a deletion is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Supervision,
    Mentorship,
    TeamMembership,
}

/// Deletes one relationship record of the organisation. Ending a relationship (setting its
/// end date) keeps history; deleting is for records entered by mistake.
pub async fn delete(tx: &mut Tx, org: OrgId, kind: Kind, id: Uuid) -> Result<bool> {
    let n = match kind {
        Kind::Supervision => on_tx!(tx, |c| sqlx::query(
            "DELETE FROM supervisions WHERE id = $1 AND org_id = $2"
        )
        .bind(id)
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?,
        Kind::Mentorship => on_tx!(tx, |c| sqlx::query(
            "DELETE FROM mentorships WHERE id = $1 AND org_id = $2"
        )
        .bind(id)
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?,
        Kind::TeamMembership => on_tx!(tx, |c| sqlx::query(
            "DELETE FROM team_memberships WHERE id = $1 AND org_id = $2"
        )
        .bind(id)
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?,
    };
    Ok(n == 1)
}

/// Whether `a` is, on `day`, a supervisor and a mentor of `b`.
pub async fn current_links(
    tx: &mut Tx,
    org: OrgId,
    a: PersonId,
    b: PersonId,
    day: NaiveDate,
) -> Result<(bool, bool)> {
    let (supervises, mentors): (i64, i64) = on_tx!(tx, |c| sqlx::query_as(
        "SELECT
           (SELECT COUNT(*) FROM supervisions WHERE org_id = $1 AND supervisor_id = $2 AND subordinate_id = $3
              AND valid_from <= $4 AND (valid_to IS NULL OR valid_to >= $4)),
           (SELECT COUNT(*) FROM mentorships WHERE org_id = $1 AND mentor_id = $2 AND protege_id = $3
              AND valid_from <= $4 AND (valid_to IS NULL OR valid_to >= $4))"
    )
    .bind(org.0)
    .bind(a.0)
    .bind(b.0)
    .bind(day)
    .fetch_one(c)
    .await)?;
    Ok((supervises > 0, mentors > 0))
}

/// The people `a` supervises on `day`.
pub async fn current_subordinates(tx: &mut Tx, org: OrgId, a: PersonId, day: NaiveDate) -> Result<Vec<Uuid>> {
    let rows: Vec<(Uuid,)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT DISTINCT subordinate_id FROM supervisions WHERE org_id = $1 AND supervisor_id = $2
           AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3)"
    )
    .bind(org.0)
    .bind(a.0)
    .bind(day)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
