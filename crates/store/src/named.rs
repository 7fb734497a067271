//! Shared storage for tables of the shape (id, org_id, unit_id, name): leadership groups and
//! teams. One macro writes both modules so their SQL cannot drift apart.

/// Generates insert, update, delete, get, find_by_name and list for `$table`, mapping rows to
/// `$ty` (which has fields id, org_id, unit_id, name) with id type `$id`.
macro_rules! named_table {
    ($table:literal, $ty:ty, $id:ident) => {
        use mognad_domain::ids::{OrgId, UnitId, $id};
        use mognad_domain::text::Name;
        use uuid::Uuid;
        use $crate::{Result, Tx, on_tx};

        #[derive(sqlx::FromRow)]
        struct Row {
            id: Uuid,
            org_id: Uuid,
            unit_id: Option<Uuid>,
            name: String,
        }

        impl TryFrom<Row> for $ty {
            type Error = $crate::StoreError;
            fn try_from(r: Row) -> Result<Self> {
                Ok(Self {
                    id: $id(r.id),
                    org_id: OrgId(r.org_id),
                    unit_id: r.unit_id.map(UnitId),
                    name: Name::parse("name", &r.name)?,
                })
            }
        }

        pub async fn insert(tx: &mut Tx, v: &$ty) -> Result<()> {
            on_tx!(tx, |c| sqlx::query(concat!(
                "INSERT INTO ",
                $table,
                " (id, org_id, unit_id, name) VALUES ($1, $2, $3, $4)"
            ))
            .bind(v.id.0)
            .bind(v.org_id.0)
            .bind(v.unit_id.map(|u| u.0))
            .bind(v.name.as_str())
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            Ok(())
        }

        pub async fn update(tx: &mut Tx, v: &$ty) -> Result<bool> {
            let n = on_tx!(tx, |c| sqlx::query(concat!(
                "UPDATE ",
                $table,
                " SET unit_id = $3, name = $4 WHERE id = $1 AND org_id = $2"
            ))
            .bind(v.id.0)
            .bind(v.org_id.0)
            .bind(v.unit_id.map(|u| u.0))
            .bind(v.name.as_str())
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            Ok(n == 1)
        }

        pub async fn delete(tx: &mut Tx, org: OrgId, id: $id) -> Result<bool> {
            let n = on_tx!(tx, |c| sqlx::query(concat!(
                "DELETE FROM ",
                $table,
                " WHERE id = $1 AND org_id = $2"
            ))
            .bind(id.0)
            .bind(org.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            Ok(n == 1)
        }

        pub async fn get(tx: &mut Tx, org: OrgId, id: $id) -> Result<Option<$ty>> {
            let row: Option<Row> = on_tx!(tx, |c| sqlx::query_as(concat!(
                "SELECT id, org_id, unit_id, name FROM ",
                $table,
                " WHERE id = $1 AND org_id = $2"
            ))
            .bind(id.0)
            .bind(org.0)
            .fetch_optional(c)
            .await)?;
            row.map(TryInto::try_into).transpose()
        }

        pub async fn find_by_name(tx: &mut Tx, org: OrgId, name: &str) -> Result<Option<$ty>> {
            let row: Option<Row> = on_tx!(tx, |c| sqlx::query_as(concat!(
                "SELECT id, org_id, unit_id, name FROM ",
                $table,
                " WHERE org_id = $1 AND name = $2"
            ))
            .bind(org.0)
            .bind(name)
            .fetch_optional(c)
            .await)?;
            row.map(TryInto::try_into).transpose()
        }

        pub async fn list(tx: &mut Tx, org: OrgId) -> Result<Vec<$ty>> {
            let rows: Vec<Row> = on_tx!(tx, |c| sqlx::query_as(concat!(
                "SELECT id, org_id, unit_id, name FROM ",
                $table,
                " WHERE org_id = $1 ORDER BY name"
            ))
            .bind(org.0)
            .fetch_all(c)
            .await)?;
            rows.into_iter().map(TryInto::try_into).collect()
        }
    };
}

pub(crate) use named_table;
