//! Throw-away databases for tests: a SQLite file in a temporary directory, and — when
//! `MOGNAD_TEST_POSTGRES_URL` is set — a fresh PostgreSQL schema, so test runs never see each
//! other's data. Tests call [`backends`] and run the same story on each.

use crate::{Db, Result, StoreError};
use sqlx::postgres::PgConnectOptions;
use std::str::FromStr;

/// A migrated test database and what must be cleaned up after it.
pub struct TestDb {
    pub db: Db,
    pub label: &'static str,
    _dir: Option<TempDir>,
    pg_admin: Option<(String, String)>,
}

/// A directory removed when dropped (kept small to avoid a dependency outside dev builds).
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestDb {
    pub async fn sqlite() -> Result<TestDb> {
        let dir = std::env::temp_dir().join(format!("mognad-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::Config(e.to_string()))?;
        let db = Db::open_sqlite(&dir.join("test.db")).await?;
        db.migrate().await?;
        Ok(TestDb {
            db,
            label: "sqlite",
            _dir: Some(TempDir(dir)),
            pg_admin: None,
        })
    }

    /// A fresh schema on the server named by `MOGNAD_TEST_POSTGRES_URL`, or `None` when unset.
    pub async fn postgres() -> Result<Option<TestDb>> {
        let Ok(url) = std::env::var("MOGNAD_TEST_POSTGRES_URL") else {
            return Ok(None);
        };
        let schema = format!("mognad_test_{}", uuid::Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(&url).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await?;
        admin.close().await;
        let opts = PgConnectOptions::from_str(&url)
            .map_err(|e| StoreError::Config(e.to_string()))?
            .options([("search_path", schema.as_str())]);
        let db = Db::connect_postgres(opts).await?;
        db.migrate().await?;
        Ok(Some(TestDb {
            db,
            label: "postgres",
            _dir: None,
            pg_admin: Some((url, schema)),
        }))
    }

    /// Closes the pool and drops the PostgreSQL schema.
    pub async fn cleanup(self) -> Result<()> {
        self.db.close().await;
        if let Some((url, schema)) = self.pg_admin {
            let admin = sqlx::PgPool::connect(&url).await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(&admin)
                .await?;
            admin.close().await;
        }
        Ok(())
    }
}

/// SQLite always, PostgreSQL too when its URL is set.
pub async fn backends() -> Vec<TestDb> {
    let mut all = vec![TestDb::sqlite().await.expect("sqlite test database")];
    if let Some(pg) = TestDb::postgres().await.expect("postgres test database") {
        all.push(pg);
    }
    all
}
