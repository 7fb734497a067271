//! Group commit for small writes (creating and moving cards): each write is a job run by one
//! writer task inside a shared transaction, each job in its own savepoint so a refused job
//! (a full column, a bad neighbour) undoes only itself. Callers hear the outcome only after
//! the transaction is committed and flushed, so an acknowledged write survives a crash, and
//! many writers share one flush instead of queueing for one each.

use crate::{AppError, Result};
use futures_util::future::BoxFuture;
use mognad_store::db::{Savepoint, savepoint};
use mognad_store::{Db, Tx};
use tokio::sync::{mpsc, oneshot};

/// The most jobs in one transaction.
const MAX_BATCH: usize = 256;

/// Tells a job's caller how it ended, once the commit's fate is known.
type Finish = Box<dyn FnOnce(std::result::Result<(), String>) + Send>;
/// A job: runs inside the batch's transaction; says whether it succeeded.
type Job = Box<dyn for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, (bool, Finish)> + Send>;

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
    for job in batch {
        if let Err(e) = savepoint(&mut tx, Savepoint::Set).await {
            return (finishes, Err(e.to_string()));
        }
        let (ok, finish) = job(&mut tx).await;
        let mut result = savepoint(
            &mut tx,
            if ok {
                Savepoint::Release
            } else {
                Savepoint::RollBack
            },
        )
        .await;
        if !ok && result.is_ok() {
            result = savepoint(&mut tx, Savepoint::Release).await;
        }
        finishes.push(finish);
        if let Err(e) = result {
            return (finishes, Err(e.to_string()));
        }
    }
    let committed = tx.commit().await.map_err(|e| e.to_string());
    (finishes, committed)
}

impl WriteQueue {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: Db) -> WriteQueue {
        let (tx, mut rx) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let (finishes, outcome) = run(&db, batch).await;
                if let Err(e) = &outcome {
                    tracing::error!(error = %e, "a batch of writes failed");
                }
                for f in finishes {
                    f(outcome.clone());
                }
            }
        });
        WriteQueue(tx)
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Result<T>> + Send + 'static,
    ) -> Result<T> {
        let (reply, wait) = oneshot::channel::<Result<T>>();
        let job: Job = Box::new(move |tx| {
            Box::pin(async move {
                let result = work(tx).await;
                let ok = result.is_ok();
                let finish: Finish = Box::new(move |committed| {
                    let _ = reply.send(match committed {
                        Ok(()) => result,
                        Err(e) => Err(AppError::Internal(format!("the write was not stored: {e}"))),
                    });
                });
                (ok, finish)
            })
        });
        self.0
            .send(job)
            .await
            .map_err(|_| AppError::Internal("the writer has stopped".into()))?;
        wait.await
            .map_err(|_| AppError::Internal("the write was not stored".into()))?
    }
}
