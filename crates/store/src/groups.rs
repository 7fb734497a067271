//! Leadership groups (ledningsgrupper) and their members.

crate::named::named_table!(
    "leadership_groups",
    mognad_domain::people::LeadershipGroup,
    GroupId
);

use mognad_domain::ids::PersonId;

pub async fn members(tx: &mut Tx, group: GroupId) -> Result<Vec<PersonId>> {
    let ids: Vec<Uuid> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT gm.person_id FROM group_members gm JOIN people p ON p.id = gm.person_id
         WHERE gm.group_id = $1 ORDER BY p.name"
    )
    .bind(group.0)
    .fetch_all(c)
    .await)?;
    Ok(ids.into_iter().map(PersonId).collect())
}

/// Every (group, person) pair of an organisation, for exports and counts.
pub async fn all_members(tx: &mut Tx, org: OrgId) -> Result<Vec<(GroupId, PersonId)>> {
    let rows: Vec<(Uuid, Uuid)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT gm.group_id, gm.person_id FROM group_members gm
         JOIN leadership_groups g ON g.id = gm.group_id WHERE g.org_id = $1"
    )
    .bind(org.0)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|(g, p)| (GroupId(g), PersonId(p))).collect())
}

pub async fn add_member(tx: &mut Tx, group: GroupId, person: PersonId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO group_members (group_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    )
    .bind(group.0)
    .bind(person.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn remove_member(tx: &mut Tx, group: GroupId, person: PersonId) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM group_members WHERE group_id = $1 AND person_id = $2"
    )
    .bind(group.0)
    .bind(person.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
