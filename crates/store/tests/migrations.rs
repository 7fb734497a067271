//! The SQLite and PostgreSQL migrations must stay in step: the same versions, and (when a
//! PostgreSQL server is configured) the same tables with the same columns once applied.

use mognad_store::testdb::TestDb;
use mognad_store::{Backend, Db, on_tx};
use std::collections::BTreeSet;

#[test]
fn both_backends_have_the_same_migration_versions() {
    let sqlite = Db::migration_versions(Backend::Sqlite);
    let postgres = Db::migration_versions(Backend::Postgres);
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres have drifted apart"
    );
}

async fn columns(db: &Db) -> BTreeSet<(String, String)> {
    let mut tx = db.read().await.unwrap();
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(_) => on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'"
        )
        .fetch_all(c)
        .await),
        Db::Postgres(_) => on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'"
        )
        .fetch_all(c)
        .await),
    }
    .unwrap();
    rows.into_iter().collect()
}

#[tokio::test]
async fn both_schemas_have_the_same_tables_and_columns() {
    let sqlite = TestDb::sqlite().await.unwrap();
    let Some(pg) = TestDb::postgres().await.unwrap() else {
        eprintln!("MOGNAD_TEST_POSTGRES_URL not set: compared migration versions only");
        return;
    };
    let (a, b) = (columns(&sqlite.db).await, columns(&pg.db).await);
    assert!(a.len() > 20, "expected the foundation schema, found {a:?}");
    let only_sqlite: Vec<_> = a.difference(&b).collect();
    let only_pg: Vec<_> = b.difference(&a).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_sqlite:?}; only in PostgreSQL: {only_pg:?}"
    );
    sqlite.cleanup().await.unwrap();
    pg.cleanup().await.unwrap();
}
