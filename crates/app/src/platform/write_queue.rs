//! Group commit for small writes (creating and moving cards): each write is a job run by one
//! writer task inside a shared transaction. Callers hear the outcome only after the transaction
//! is committed and flushed, so an acknowledged write survives a crash, and many writers share
//! one flush instead of queueing for one each.
//!
//! A job **checks before it writes**: a refusal (a full column, a bad neighbour, invalid input —
//! any error but [`AppError::Internal`]) must come before its first write, so it leaves nothing
//! to undo and the batch goes on. An internal error (the database failed, or a write failed
//! after its checks) may leave part of a job behind, so the whole batch is rolled back and every
//! job in it is told its write was not stored. Jobs need no savepoint of their own, which spares
//! two statements per write: on this machine each statement is a hand-off between threads, and
//! hand-offs are what a write costs.

use crate::{AppError, Result};
use futures_util::future::BoxFuture;
use mognad_store::{Db, Tx, WriterLock};
use tokio::sync::{mpsc, oneshot};

/// The most jobs in one transaction.
const MAX_BATCH: usize = 256;

/// Tells a job's caller how it ended, once the commit's fate is known.
type Finish = Box<dyn FnOnce(std::result::Result<(), String>) + Send>;
/// A job: runs inside the batch's transaction; says whether the batch can go on.
type Job = Box<dyn for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, (Step, Finish)> + Send>;

/// What a job leaves the batch to do.
enum Step {
    /// Done or refused; either way nothing of it needs undoing.
    Go,
    /// Failed in a way that may have left part of it written: the batch must not commit.
    Abort(String),
}

#[derive(Clone)]
pub struct WriteQueue(mpsc::Sender<Job>);

async fn run(db: &Db, batch: Vec<Job>) -> (Vec<Finish>, std::result::Result<(), String>) {
    let mut finishes = Vec::with_capacity(batch.len());
    let mut tx = match db.write().await {
        Ok(tx) => tx,
        Err(e) => {
            // Nothing ran: every job is told so (their futures were never started).
            drop(batch);
            return (finishes, Err(e.to_string()));
        }
    };
    // Another server process on the same PostgreSQL waits for this batch (and this one for
    // its): jobs read ranks and keys before they write, so two batches must not interleave.
    if let Err(e) = Db::serialise(&mut tx, WriterLock::Cards).await {
        drop(batch);
        let _ = tx.rollback().await;
        return (finishes, Err(e.to_string()));
    }
    for job in batch {
        let (step, finish) = job(&mut tx).await;
        finishes.push(finish);
        if let Step::Abort(e) = step {
            // The jobs not yet run are dropped, and their callers hear the write was not stored.
            let _ = tx.rollback().await;
            return (finishes, Err(e));
        }
    }
    let committed = tx.commit().await.map_err(|e| e.to_string());
    (finishes, committed)
}

impl WriteQueue {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: Db) -> WriteQueue {
        let tx = super::batching::spawn(
            MAX_BATCH,
            &crate::platform::batching::CARDS,
            move |batch: Vec<Job>| {
                let db = db.clone();
                async move {
                    let (finishes, outcome) = run(&db, batch).await;
                    if let Err(e) = &outcome {
                        tracing::error!(error = %e, "a batch of writes failed");
                    }
                    for f in finishes {
                        f(outcome.clone());
                    }
                }
            },
        );
        WriteQueue(tx)
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed.
    /// `work` must refuse (any error but [`AppError::Internal`]) only before it writes.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Result<T>> + Send + 'static,
    ) -> Result<T> {
        let (job, wait) = job(work);
        self.0
            .send(job)
            .await
            .map_err(|_| AppError::Internal("the writer has stopped".into()))?;
        wait.await
            .map_err(|_| AppError::Internal("the write was not stored".into()))?
    }
}

/// `work` as a job, and where its result arrives once the batch's fate is known.
fn job<T: Send + 'static>(
    work: impl for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Result<T>> + Send + 'static,
) -> (Job, oneshot::Receiver<Result<T>>) {
    let (reply, wait) = oneshot::channel::<Result<T>>();
    let job: Job = Box::new(move |tx| {
        Box::pin(async move {
            let result = work(tx).await;
            let step = match &result {
                Err(AppError::Internal(e)) => Step::Abort(e.clone()),
                _ => Step::Go,
            };
            let finish: Finish = Box::new(move |committed| {
                let _ = reply.send(match committed {
                    Ok(()) => result,
                    Err(e) => Err(AppError::Internal(format!("the write was not stored: {e}"))),
                });
            });
            (step, finish)
        })
    });
    (job, wait)
}

/// A write after a job's checks: whatever goes wrong now is a storage failure, never a
/// refusal, so the batch is rolled back rather than committed without it.
pub(crate) fn stored<T>(r: mognad_store::Result<T>) -> Result<T> {
    r.map_err(|e| AppError::Internal(e.to_string()))
}

/// The same for a step that returns the use cases' errors: whatever fails after the write
/// began fails the batch, never reads as a refusal of this one job.
pub(crate) fn failed_write(e: AppError) -> AppError {
    match e {
        AppError::Internal(_) => e,
        other => AppError::Internal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mognad_domain::ids::OrgId;
    use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
    use mognad_store::orgs;
    use mognad_store::testdb::TestDb;

    /// A job that writes an organisation named `n` and then ends with `end`.
    fn writes(n: &str, end: Result<()>) -> (Job, oneshot::Receiver<Result<()>>) {
        let org = Organisation {
            id: OrgId::new(),
            settings: OrgSettings {
                name: mognad_domain::text::Name::parse("name", n).unwrap(),
                language: Language::Sv,
                anonymity_threshold: AnonymityThreshold::DEFAULT,
            },
        };
        job(move |tx| {
            Box::pin(async move {
                stored(orgs::insert(tx, &org, chrono::Utc::now()).await)?;
                end
            })
        })
    }

    async fn names(db: &Db) -> Vec<String> {
        let mut tx = db.read().await.unwrap();
        let mut list: Vec<String> = orgs::list(&mut tx)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.settings.name.to_string())
            .collect();
        tx.rollback().await.unwrap();
        list.sort();
        list
    }

    async fn settle(db: &Db, jobs: Vec<Job>) {
        let (finishes, outcome) = run(db, jobs).await;
        for f in finishes {
            f(outcome.clone());
        }
    }

    #[tokio::test]
    async fn a_refusal_undoes_nothing_and_a_failure_rolls_back_the_whole_batch() {
        let t = TestDb::sqlite().await.unwrap();
        let (a, ra) = writes("A", Ok(()));
        let (refused, rr) = job(|_tx| Box::pin(async { Err::<(), _>(AppError::NotFound) }));
        let (b, rb) = writes("B", Ok(()));
        settle(&t.db, vec![a, refused, b]).await;
        assert!(ra.await.unwrap().is_ok() && rb.await.unwrap().is_ok());
        assert!(matches!(rr.await.unwrap(), Err(AppError::NotFound)));
        assert_eq!(names(&t.db).await, ["A", "B"]);

        // A job failing after its write takes its batch with it, the jobs before and after too.
        let (before, r1) = writes("C", Ok(()));
        let (broken, r2) = writes("D", Err(AppError::Internal("the disk is full".into())));
        let (after, r3) = writes("E", Ok(()));
        settle(&t.db, vec![before, broken, after]).await;
        for r in [r1, r2] {
            assert!(matches!(r.await.unwrap(), Err(AppError::Internal(m)) if m.contains("not stored")));
        }
        assert!(r3.await.is_err(), "the job after it never ran and is told so");
        assert_eq!(
            names(&t.db).await,
            ["A", "B"],
            "nothing of the failed batch stays"
        );
        t.cleanup().await.unwrap();
    }
}
