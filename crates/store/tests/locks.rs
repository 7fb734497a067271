//! Writer locks per organisation on PostgreSQL: while one transaction holds an organisation's
//! competence lock, another transaction cannot take it for that organisation but can for any
//! other. (SQLite's write transactions are serial already; it takes no lock.)

use mognad_domain::ids::OrgId;
use mognad_store::db::{Backend, Db, WriterLock};
use mognad_store::{Tx, testdb};

/// Whether `tx` could take `lock` for `org` now, without waiting.
async fn free(tx: &mut Tx, lock: WriterLock, org: OrgId) -> bool {
    let Tx::Postgres(t) = tx else {
        unreachable!("only asked on PostgreSQL")
    };
    let (space, key) = lock.org_keys(org);
    sqlx::query_scalar("SELECT pg_try_advisory_xact_lock($1, $2)")
        .bind(space)
        .bind(key)
        .fetch_one(&mut **t)
        .await
        .unwrap()
}

#[tokio::test]
async fn one_organisations_competence_writers_do_not_wait_for_anothers() {
    for t in testdb::backends().await {
        if t.db.backend() == Backend::Postgres {
            let (a, b) = (OrgId::default(), OrgId::default());
            assert_ne!(
                WriterLock::Competence.org_keys(a),
                WriterLock::Competence.org_keys(b)
            );
            let mut holder = t.db.write().await.unwrap();
            Db::serialise_org(&mut holder, WriterLock::Competence, a)
                .await
                .unwrap();
            let mut other = t.db.write().await.unwrap();
            assert!(
                !free(&mut other, WriterLock::Competence, a).await,
                "a's lock is held"
            );
            assert!(free(&mut other, WriterLock::Competence, b).await, "b's is not");
            other.rollback().await.unwrap();
            holder.rollback().await.unwrap();
            let mut after = t.db.write().await.unwrap();
            assert!(
                free(&mut after, WriterLock::Competence, a).await,
                "the lock ends with its transaction"
            );
            after.rollback().await.unwrap();
        }
        t.cleanup().await.unwrap();
    }
}
