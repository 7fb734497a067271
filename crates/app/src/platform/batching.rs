//! The loop both write queues share: one task takes jobs from a channel and hands whatever is
//! waiting (up to a limit) to one batch, so many writers share one transaction and one flush.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use tokio::sync::mpsc;

/// What one writer has done since the process started, for `/metrics`.
#[derive(Default)]
pub struct WriterStats {
    pub batches: AtomicU64,
    pub jobs: AtomicU64,
    pub micros: AtomicU64,
}

/// The answer writer's figures.
pub static ANSWERS: WriterStats = WriterStats {
    batches: AtomicU64::new(0),
    jobs: AtomicU64::new(0),
    micros: AtomicU64::new(0),
};
/// The card writer's figures.
pub static CARDS: WriterStats = WriterStats {
    batches: AtomicU64::new(0),
    jobs: AtomicU64::new(0),
    micros: AtomicU64::new(0),
};

/// Starts the batching task on the current Tokio runtime and returns the sending end; the task
/// ends when every sender is gone. `run` stores one batch and tells its jobs how it went.
pub(crate) fn spawn<J, F, Fut>(max: usize, stats: &'static WriterStats, mut run: F) -> mpsc::Sender<J>
where
    J: Send + 'static,
    F: FnMut(Vec<J>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let (tx, mut rx) = mpsc::channel::<J>(4 * max);
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            while batch.len() < max {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            let (n, started) = (batch.len() as u64, std::time::Instant::now());
            run(batch).await;
            stats.batches.fetch_add(1, Relaxed);
            stats.jobs.fetch_add(n, Relaxed);
            stats
                .micros
                .fetch_add(started.elapsed().as_micros() as u64, Relaxed);
        }
    });
    tx
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn what_waits_goes_in_one_batch_up_to_the_limit() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let seen = sizes.clone();
        let (done_tx, mut done) = tokio::sync::mpsc::channel::<()>(16);
        static STATS: super::WriterStats = super::WriterStats {
            batches: super::AtomicU64::new(0),
            jobs: super::AtomicU64::new(0),
            micros: super::AtomicU64::new(0),
        };
        let tx = super::spawn(4, &STATS, move |batch: Vec<u32>| {
            let seen = seen.clone();
            let done_tx = done_tx.clone();
            async move {
                seen.lock().unwrap().push(batch.len());
                let _ = done_tx.send(()).await;
            }
        });
        // Ten jobs queued before the task first runs: batches of 4, 4 and 2.
        for i in 0..10 {
            tx.send(i).await.unwrap();
        }
        for _ in 0..3 {
            done.recv().await.unwrap();
        }
        assert_eq!(*sizes.lock().unwrap(), vec![4, 4, 2]);
        assert_eq!(STATS.jobs.load(super::Relaxed), 10);
    }
}
