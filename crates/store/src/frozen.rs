//! What a round is measured on, frozen when it opens, and the ledger of what it has released.
//!
//! The copy holds the threshold, the taking part groups with their names and units, the units
//! above them and the groups' members. Results of an open or closed round are computed from it
//! alone, so later edits to the directory or the organisation's settings cannot change them.
//! The ledger records each aggregate a closed round has shown; rows are only ever added.

use crate::responses::values_list;
use crate::{Result, Tx, on_tx};
use mognad_domain::ids::RoundId;
use uuid::Uuid;

/// Rows per multi-row INSERT: well under both backends' limits on bound parameters.
const CHUNK: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct FrozenGroup {
    pub group_id: Uuid,
    pub name: String,
    pub unit_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct FrozenUnit {
    pub unit_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
}

/// A round's frozen structure; `k` is `None` (and the lists empty) until the round opens.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Frozen {
    pub k: Option<i64>,
    pub released: bool,
    pub groups: Vec<FrozenGroup>,
    pub units: Vec<FrozenUnit>,
}

/// One aggregate a round has shown: the area, the groups it pools and its answer count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Release {
    pub area_id: Uuid,
    pub groups: Vec<Uuid>,
    pub n: i64,
}

/// Stores the structure a round opens on: its threshold, its groups' names and units, the
/// units above them and the (group, person) memberships.
pub async fn freeze(
    tx: &mut Tx,
    round: RoundId,
    k: i64,
    groups: &[FrozenGroup],
    units: &[FrozenUnit],
    members: &[(Uuid, Option<Uuid>)],
) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("UPDATE rounds SET k = $2 WHERE id = $1")
        .bind(round.0)
        .bind(k)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for g in groups {
        on_tx!(tx, |c| sqlx::query(
            "UPDATE round_groups SET name = $3, unit_id = $4 WHERE round_id = $1 AND group_id = $2"
        )
        .bind(round.0)
        .bind(g.group_id)
        .bind(&g.name)
        .bind(g.unit_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    for u in units {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO round_units (round_id, unit_id, parent_id, name) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING"
        )
        .bind(round.0)
        .bind(u.unit_id)
        .bind(u.parent_id)
        .bind(&u.name)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    for chunk in members.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO round_members (round_id, id, group_id, person_id) VALUES {}",
            values_list(chunk.len(), 4)
        );
        on_tx!(tx, |c| {
            // Only placeholders are formatted into the text; every value is bound.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for (g, p) in chunk {
                q = q.bind(round.0).bind(Uuid::now_v7()).bind(*g).bind(*p);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// A round's frozen structure (empty lists and no `k` for a draft).
pub async fn load(tx: &mut Tx, round: RoundId) -> Result<Frozen> {
    let head: Option<(Option<i64>, bool)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT k, released FROM rounds WHERE id = $1"
    )
    .bind(round.0)
    .fetch_optional(c)
    .await)?;
    let Some((k, released)) = head else {
        return Ok(Frozen::default());
    };
    let groups: Vec<FrozenGroup> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, name, unit_id FROM round_groups
         WHERE round_id = $1 AND name IS NOT NULL ORDER BY group_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    let units: Vec<FrozenUnit> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT unit_id, parent_id, name FROM round_units WHERE round_id = $1 ORDER BY unit_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    Ok(Frozen {
        k,
        released,
        groups,
        units,
    })
}

/// The frozen memberships of a round: (group, person), the person `None` once deleted.
pub async fn members(tx: &mut Tx, round: RoundId) -> Result<Vec<(Uuid, Option<Uuid>)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT group_id, person_id FROM round_members WHERE round_id = $1 ORDER BY group_id, person_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?)
}

/// Everything a round has released, by area.
pub async fn releases(tx: &mut Tx, round: RoundId) -> Result<Vec<Release>> {
    let rows: Vec<(Uuid, String, i64)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT area_id, groups, n FROM round_releases WHERE round_id = $1 ORDER BY area_id"
    )
    .bind(round.0)
    .fetch_all(c)
    .await)?;
    rows.into_iter()
        .map(|(area_id, groups, n)| {
            let groups = groups
                .split_whitespace()
                .map(|g| {
                    g.parse()
                        .map_err(|e| crate::StoreError::Corrupt(format!("release of {area_id}: {e}")))
                })
                .collect::<Result<Vec<Uuid>>>()?;
            Ok(Release { area_id, groups, n })
        })
        .collect()
}

/// Adds releases to the ledger (an area released before keeps its first row) and marks the
/// round as released.
pub async fn release(tx: &mut Tx, round: RoundId, list: &[Release]) -> Result<()> {
    for r in list {
        let mut ids: Vec<String> = r.groups.iter().map(Uuid::to_string).collect();
        ids.sort();
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO round_releases (round_id, area_id, groups, n) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING"
        )
        .bind(round.0)
        .bind(r.area_id)
        .bind(ids.join(" "))
        .bind(r.n)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    on_tx!(tx, |c| sqlx::query(
        "UPDATE rounds SET released = TRUE WHERE id = $1"
    )
    .bind(round.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
