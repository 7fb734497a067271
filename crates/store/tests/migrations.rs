//! The SQLite and PostgreSQL migrations must stay in step: the same versions, and (when a
//! PostgreSQL server is configured) the same tables with the same columns once applied. The
//! full-text index of cards (`task_search*`) is each backend's own (FTS5 on SQLite, a
//! `tsvector` on PostgreSQL), kept by triggers and never moved, so it is left out.

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
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'
               AND m.name NOT LIKE 'task_search%'"
        )
        .fetch_all(c)
        .await),
        Db::Postgres(_) => on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'
               AND table_name NOT LIKE 'task_search%'"
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
    // Ranks order as bytes on PostgreSQL as they do on SQLite, whatever the server's locale.
    let mut tx = pg.db.read().await.unwrap();
    let collations: Vec<(String, Option<String>)> = on_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT table_name::text, collation_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'rank' ORDER BY table_name"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(
        collations,
        vec![
            ("board_columns".to_owned(), Some("C".to_owned())),
            ("tasks".to_owned(), Some("C".to_owned()))
        ]
    );
    sqlite.cleanup().await.unwrap();
    pg.cleanup().await.unwrap();
}

/// Answers must not be linkable to a person: the tables that hold them (or anything derived
/// from them) carry round, group and content only — no person, token, user or time. The list is
/// exact, so a new column here fails until someone has thought about what it reveals.
#[tokio::test]
async fn no_column_links_an_answer_to_a_person() {
    let allowed: &[(&str, &[&str])] = &[
        ("responses", &["id", "round_id", "group_id", "answers"]),
        (
            "response_comments",
            &["id", "round_id", "group_id", "engine_key", "body"],
        ),
        ("group_tallies", &["round_id", "group_id", "n", "tally"]),
    ];
    for t in mognad_store::testdb::backends().await {
        let cols = columns(&t.db).await;
        for (table, expected) in allowed {
            let found: BTreeSet<&str> = cols
                .iter()
                .filter(|(tb, _)| tb == table)
                .map(|(_, c)| c.as_str())
                .collect();
            let expected: BTreeSet<&str> = expected.iter().copied().collect();
            assert_eq!(found, expected, "{}: columns of {table}", t.label);
        }
        // Nothing that refers to the answer tables may come from the invitation side either.
        let linking: Vec<_> = cols
            .iter()
            .filter(|(tb, c)| {
                tb == "invitations" && (c.contains("response") || c.ends_with("_at") && c != "created_at")
            })
            .collect();
        assert!(linking.is_empty(), "{}: {linking:?}", t.label);
        t.cleanup().await.unwrap();
    }
}

/// The column kinds read from the migration text (`catalogue`, what moving rows between
/// backends relies on) are the ones PostgreSQL reports for the applied schema.
#[tokio::test]
async fn the_catalogue_reads_the_schema_as_postgresql_has_it() {
    use mognad_store::catalogue::{Kind, catalogue};
    let Some(pg) = TestDb::postgres().await.unwrap() else {
        eprintln!("MOGNAD_TEST_POSTGRES_URL not set: skipped");
        return;
    };
    let mut tx = pg.db.read().await.unwrap();
    let rows: Vec<(String, String, String)> = on_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'
           AND table_name NOT LIKE 'task_search%'"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    tx.rollback().await.unwrap();
    let kind = |t: &str| match t {
        "uuid" => Kind::Uuid,
        "text" => Kind::Text,
        "bigint" | "integer" | "smallint" => Kind::Int,
        "double precision" | "real" => Kind::Float,
        "boolean" => Kind::Bool,
        "date" => Kind::Date,
        "timestamp with time zone" => Kind::Timestamp,
        "bytea" => Kind::Bytes,
        other => panic!("a column type the catalogue does not know: {other}"),
    };
    let server: BTreeSet<(String, String, String)> = rows
        .into_iter()
        .map(|(t, c, ty)| (t, c, format!("{:?}", kind(&ty))))
        .collect();
    let read: BTreeSet<(String, String, String)> = catalogue()
        .iter()
        .filter(|(t, _)| !t.starts_with("task_search"))
        .flat_map(|(t, cols)| {
            cols.iter()
                .map(move |(c, k)| (t.clone(), c.clone(), format!("{k:?}")))
        })
        .collect();
    assert_eq!(read, server);
    pg.cleanup().await.unwrap();
}
