//! The loop both write queues share: one task takes jobs from a channel and hands whatever is
//! waiting (up to a limit) to one batch, so many writers share one transaction and one flush.

use std::future::Future;
use tokio::sync::mpsc;

/// Starts the batching task on the current Tokio runtime and returns the sending end; the task
/// ends when every sender is gone. `run` stores one batch and tells its jobs how it went.
pub(crate) fn spawn<J, F, Fut>(max: usize, mut run: F) -> mpsc::Sender<J>
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
            run(batch).await;
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
        let tx = super::spawn(4, move |batch: Vec<u32>| {
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
    }
}
