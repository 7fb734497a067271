//! People of an organisation.

use crate::{Result, Tx, on_tx};
use mognad_domain::ids::{OrgId, PersonId, UnitId};
use mognad_domain::people::Person;
use mognad_domain::text::{Email, Name, optional_email, optional_name};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: Uuid,
    org_id: Uuid,
    name: String,
    email: Option<String>,
    unit_id: Option<Uuid>,
    title: Option<String>,
}

impl TryFrom<PersonRow> for Person {
    type Error = crate::StoreError;
    fn try_from(r: PersonRow) -> Result<Self> {
        Ok(Person {
            id: PersonId(r.id),
            org_id: OrgId(r.org_id),
            name: Name::parse("name", &r.name)?,
            email: optional_email(r.email.as_deref())?,
            unit_id: r.unit_id.map(UnitId),
            title: optional_name("title", r.title.as_deref())?,
        })
    }
}

pub async fn insert(tx: &mut Tx, p: &Person) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO people (id, org_id, name, email, unit_id, title, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(p.id.0)
    .bind(p.org_id.0)
    .bind(p.name.as_str())
    .bind(p.email.as_ref().map(Email::as_str))
    .bind(p.unit_id.map(|u| u.0))
    .bind(p.title.as_ref().map(Name::as_str))
    .bind(search_text(p))
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn update(tx: &mut Tx, p: &Person) -> Result<bool> {
    let n = on_tx!(tx, |c| {
        sqlx::query(
        "UPDATE people SET name = $3, email = $4, unit_id = $5, title = $6, search_text = $7 WHERE id = $1 AND org_id = $2"
    )
    .bind(p.id.0)
    .bind(p.org_id.0)
    .bind(p.name.as_str())
    .bind(p.email.as_ref().map(Email::as_str))
    .bind(p.unit_id.map(|u| u.0))
    .bind(p.title.as_ref().map(Name::as_str))
    .bind(search_text(p))
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

pub async fn delete(tx: &mut Tx, org: OrgId, id: PersonId) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query(
        "DELETE FROM people WHERE id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn get(tx: &mut Tx, org: OrgId, id: PersonId) -> Result<Option<Person>> {
    let row: Option<PersonRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, name, email, unit_id, title FROM people WHERE id = $1 AND org_id = $2"
    )
    .bind(id.0)
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

pub async fn find_by_email(tx: &mut Tx, org: OrgId, email: &Email) -> Result<Option<Person>> {
    let row: Option<PersonRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, org_id, name, email, unit_id, title FROM people WHERE org_id = $1 AND email = $2"
    )
    .bind(org.0)
    .bind(email.as_str())
    .fetch_optional(c)
    .await)?;
    row.map(TryInto::try_into).transpose()
}

/// A page of people whose name or e-mail contains `search`, ignoring case (also for å, ä, ö:
/// the search key is lower-cased in Rust, since SQLite's `LOWER` folds ASCII only).
pub async fn list(
    tx: &mut Tx,
    org: OrgId,
    search: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Person>> {
    let pattern = like_pattern(search);
    let rows: Vec<PersonRow> = on_tx!(tx, |c| {
        sqlx::query_as(
            "SELECT id, org_id, name, email, unit_id, title FROM people
         WHERE org_id = $1 AND search_text LIKE $2 ESCAPE '\\'
         ORDER BY name, id LIMIT $3 OFFSET $4",
        )
        .bind(org.0)
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await
    })?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub async fn count(tx: &mut Tx, org: OrgId, search: Option<&str>) -> Result<i64> {
    let pattern = like_pattern(search);
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM people
         WHERE org_id = $1 AND search_text LIKE $2 ESCAPE '\\'",
        )
        .bind(org.0)
        .bind(&pattern)
        .fetch_one(c)
        .await
    })?)
}

/// All people of an organisation, for pickers and exports.
pub async fn all(tx: &mut Tx, org: OrgId) -> Result<Vec<Person>> {
    list(tx, org, None, i64::MAX, 0).await
}

fn search_text(p: &Person) -> String {
    let email = p.email.as_ref().map(Email::as_str).unwrap_or("");
    format!("{}\n{email}", p.name.as_str().to_lowercase())
}

fn like_pattern(search: Option<&str>) -> String {
    let term = search.unwrap_or("").trim().to_lowercase();
    let escaped: String = term
        .chars()
        .flat_map(|ch| match ch {
            '%' | '_' | '\\' => vec!['\\', ch],
            _ => vec![ch],
        })
        .collect();
    format!("%{escaped}%")
}
