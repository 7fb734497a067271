//! Connecting, migrating and starting transactions on either backend.

use crate::{Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The PostgreSQL migrations, for reading the schema's column kinds (see `catalogue`).
pub(crate) fn postgres_migrations() -> impl Iterator<Item = &'static sqlx::migrate::Migration> {
    POSTGRES_MIGRATIONS.iter()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The advisory locks writers take (see [`Db::serialise`]); the numbers only need to differ.
#[derive(Debug, Clone, Copy)]
#[repr(i64)]
pub enum WriterLock {
    /// Card creates and moves.
    Cards = 0x6d6f_676e_0001,
    /// Taking roles away (erasure), so two at once cannot leave an organisation without owner.
    Memberships = 0x6d6f_676e_0002,
    /// Competence writes that read and derive (combined levels on an assessment or a move to
    /// another version, a framework's next version, a review's closing against its sheets), so
    /// two processes never act on the same reading; taken per organisation
    /// ([`Db::serialise_org`]), since no such reading crosses organisations.
    Competence = 0x6d6f_676e_0003,
}

impl WriterLock {
    /// The two 32-bit keys of this lock for one organisation: the lock's own number and the
    /// organisation's id folded to 32 bits.
    pub fn org_keys(self, org: mognad_domain::ids::OrgId) -> (i32, i32) {
        let folded = org
            .0
            .as_bytes()
            .chunks(4)
            .fold(0u32, |acc, c| acc ^ u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
        ((self as i64 & 0x7fff_ffff) as i32, folded as i32)
    }
}

/// A connection pool on one of the two backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction. Every store function takes one, so a use case decides what is atomic.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$c` bound to the live connection of `$tx`, whichever backend it is on.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// Runs `$body` with `$p` bound to the pool of `$db`, whichever backend it is on: for a read
/// of one statement, which sees one snapshot without a transaction around it (and so saves the
/// BEGIN and ROLLBACK round trips a transaction costs).
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite($p) => $body,
            $crate::Db::Postgres($p) => $body,
        }
    };
}

impl Db {
    /// Opens `url`: `postgres://…` selects PostgreSQL, `sqlite:…` (or a bare path) SQLite.
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url).map_err(|e| StoreError::Config(e.to_string()))?;
            Self::connect_postgres(opts).await
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            Self::open_sqlite(Path::new(path)).await
        }
    }

    pub async fn connect_postgres(opts: PgConnectOptions) -> Result<Db> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await?;
        Ok(Db::Postgres(pool))
    }

    /// Opens (creating if needed) a SQLite file in WAL mode with foreign keys on.
    ///
    /// `synchronous = FULL` makes every commit fsync the WAL, so a write that was acknowledged
    /// survives a crash of the process or the machine.
    pub async fn open_sqlite(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Config(format!("{}: {e}", dir.display())))?;
        }
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Versions of the migrations this build knows, for the drift test.
    pub fn migration_versions(backend: Backend) -> Vec<(i64, String)> {
        let m = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.iter().map(|m| (m.version, m.description.to_string())).collect()
    }

    /// Starts a transaction that will write.
    ///
    /// On SQLite it takes the write lock up front (`BEGIN IMMEDIATE`): a deferred transaction
    /// that reads first and writes later can fail with "database is locked" under concurrency.
    pub async fn write(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Starts a transaction that only reads, so all reads see one snapshot.
    pub async fn read(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Serialises this transaction with every other holding the same `lock` until it ends, on
    /// PostgreSQL across every server process on the database (SQLite's write transactions are
    /// serial already). Writers that read a value and write one derived from it (a card's rank
    /// between two others, an idempotency key checked and then claimed) take one, so two
    /// processes never act on the same reading.
    pub async fn serialise(tx: &mut Tx, lock: WriterLock) -> Result<()> {
        if let Tx::Postgres(t) = tx {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(lock as i64)
                .execute(&mut **t)
                .await?;
        }
        Ok(())
    }

    /// Like [`Db::serialise`], but only with transactions holding `lock` for the same
    /// organisation: one organisation's writers wait for each other, not for every other
    /// organisation's. Two keys that happen to fold alike only serialise more than needed.
    pub async fn serialise_org(tx: &mut Tx, lock: WriterLock, org: mognad_domain::ids::OrgId) -> Result<()> {
        if let Tx::Postgres(t) = tx {
            let (space, key) = lock.org_keys(org);
            // The two-key locks are a key space of their own, apart from `serialise`'s.
            sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
                .bind(space)
                .bind(key)
                .execute(&mut **t)
                .await?;
        }
        Ok(())
    }

    /// The pool's open and idle connections.
    pub fn pool_size(&self) -> (u32, usize) {
        match self {
            Db::Sqlite(p) => (p.size(), p.num_idle()),
            Db::Postgres(p) => (p.size(), p.num_idle()),
        }
    }

    /// Whether a write could start now: a write transaction is begun and rolled back within
    /// `within` (a locked SQLite file or a read-only PostgreSQL replica fails it).
    pub async fn writable(&self, within: Duration) -> Result<()> {
        let attempt = async {
            let mut tx = self.write().await?;
            if let Tx::Postgres(t) = &mut tx {
                // A standby accepts BEGIN; it refuses to write.
                sqlx::query("SET TRANSACTION READ WRITE")
                    .execute(&mut **t)
                    .await?;
            }
            tx.rollback().await
        };
        tokio::time::timeout(within, attempt)
            .await
            .map_err(|_| StoreError::Config("the database did not take a write in time".into()))?
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        let mut tx = self.read().await?;
        on_tx!(&mut tx, |c| sqlx::query("SELECT 1")
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        tx.rollback().await
    }

    /// Writes a consistent copy of a live SQLite database to `dest` (`VACUUM INTO`).
    pub async fn backup_sqlite(&self, dest: &Path) -> Result<()> {
        let Db::Sqlite(pool) = self else {
            return Err(StoreError::Config(
                "backup copies the embedded SQLite database; use pg_dump for PostgreSQL".into(),
            ));
        };
        if dest.exists() {
            return Err(StoreError::Config(format!("{} already exists", dest.display())));
        }
        let dest = dest
            .to_str()
            .ok_or_else(|| StoreError::Config("backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1").bind(dest).execute(pool).await?;
        Ok(())
    }

    /// SQLite's own consistency check; `Ok` on PostgreSQL, which has no equivalent.
    pub async fn integrity_check(&self) -> Result<String> {
        match self {
            Db::Sqlite(p) => Ok(sqlx::query_scalar("PRAGMA integrity_check").fetch_one(p).await?),
            Db::Postgres(_) => Ok("ok".into()),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.rollback().await?,
            Tx::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}
