//! Storing submitted answers durably and fast: group commit.
//!
//! Every submit is committed (and, with SQLite's `synchronous = FULL` or PostgreSQL's default,
//! flushed to disk) before its caller hears "accepted". One flush per submit would cap the rate
//! at the disk's flush rate, so submits wait in a queue and one writer task stores all that
//! are waiting in a single transaction: the answers, the invitation marked used, and the running
//! counts the reports read. A repeated submit of the same invitation finds it used and is told
//! so, which is what makes submitting idempotent.

use crate::{AppError, Result};
use mognad_domain::answer::Answers;
use mognad_domain::model::Model;
use mognad_domain::round::RoundState;
use mognad_store::responses::{self, CountDelta, NewComment, NewResponse, SumsDelta};
use mognad_store::{Db, invitations, rounds};
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// The most submits stored in one transaction.
const MAX_BATCH: usize = 512;

/// One respondent's finished answers, ready to store.
pub struct Submission {
    pub token_hash: String,
    pub round: Uuid,
    pub group: Uuid,
    /// The compact answer code (see `mognad_domain::answer`).
    pub code: String,
    /// (counter key, value) per answered item and importance.
    pub counted: Vec<(String, u8)>,
    /// (engine key, score 0–100) per engine.
    pub scores: Vec<(String, f64)>,
    /// (engine key, text) per non-empty comment.
    pub comments: Vec<(String, String)>,
}

impl Submission {
    /// The submission of a complete answer set given with the invitation `token_hash`.
    pub fn new(token_hash: String, round: Uuid, group: Uuid, model: &Model, answers: &Answers) -> Submission {
        let scores = model
            .engines
            .iter()
            .zip(answers.engine_scores(model))
            .filter_map(|(e, s)| s.map(|s| (e.id.clone(), s)))
            .collect();
        let comments = model
            .engines
            .iter()
            .zip(&answers.comments)
            .filter(|(_, c)| !c.is_empty())
            .map(|(e, c)| (e.id.clone(), c.clone()))
            .collect();
        Submission {
            token_hash,
            round,
            group,
            code: answers.code(),
            counted: answers.counted(model),
            scores,
            comments,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now.
    Accepted,
    /// This invitation's answers were stored earlier; nothing changed.
    AlreadySubmitted,
    /// The round is not open (any more).
    NotOpen,
}

type Job = (Submission, oneshot::Sender<Result<Outcome>>);

/// The sending end of the queue; the writer task ends when every sender is gone.
#[derive(Clone)]
pub struct SubmitQueue(mpsc::Sender<Job>);

impl SubmitQueue {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: Db) -> SubmitQueue {
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
                let (subs, replies): (Vec<Submission>, Vec<_>) = batch.into_iter().unzip();
                match write_batch(&db, &subs).await {
                    Ok(outcomes) => {
                        for (reply, o) in replies.into_iter().zip(outcomes) {
                            let _ = reply.send(Ok(o));
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, batch = subs.len(), "storing answers failed");
                        for reply in replies {
                            let _ = reply.send(Err(AppError::Internal("storing answers failed".into())));
                        }
                    }
                }
            }
        });
        SubmitQueue(tx)
    }

    /// Queues a submission and waits until it is durably stored (or refused).
    pub async fn submit(&self, s: Submission) -> Result<Outcome> {
        let (reply, wait) = oneshot::channel();
        self.0
            .send((s, reply))
            .await
            .map_err(|_| AppError::Internal("the answer writer has stopped".into()))?;
        wait.await
            .map_err(|_| AppError::Internal("the answer writer has stopped".into()))?
    }
}

/// Stores a batch in one transaction; the demo uses it directly to fill rounds.
pub(crate) async fn write_batch(db: &Db, subs: &[Submission]) -> Result<Vec<Outcome>> {
    let mut tx = db.write().await?;
    let mut open: HashMap<Uuid, bool> = HashMap::new();
    let mut outcomes = Vec::with_capacity(subs.len());
    let mut stored = Vec::new();
    let mut comments = Vec::new();
    let mut counts: HashMap<(Uuid, Uuid, &str, u8), i64> = HashMap::new();
    let mut sums: HashMap<(Uuid, Uuid, &str), (i64, f64, f64)> = HashMap::new();
    let mut totals: HashMap<(Uuid, Uuid), i64> = HashMap::new();
    for s in subs {
        let is_open = match open.get(&s.round) {
            Some(o) => *o,
            None => {
                let o = rounds::state_locked(&mut tx, s.round).await? == Some(RoundState::Open);
                open.insert(s.round, o);
                o
            }
        };
        if !is_open {
            outcomes.push(Outcome::NotOpen);
            continue;
        }
        if !invitations::mark_used(&mut tx, &s.token_hash).await? {
            outcomes.push(Outcome::AlreadySubmitted);
            continue;
        }
        outcomes.push(Outcome::Accepted);
        stored.push(NewResponse {
            round_id: s.round,
            group_id: s.group,
            answers: s.code.clone(),
        });
        for (engine, body) in &s.comments {
            comments.push(NewComment {
                round_id: s.round,
                group_id: s.group,
                engine_key: engine.clone(),
                body: body.clone(),
            });
        }
        for (key, v) in &s.counted {
            *counts.entry((s.round, s.group, key.as_str(), *v)).or_default() += 1;
        }
        for (engine, x) in &s.scores {
            let e = sums.entry((s.round, s.group, engine.as_str())).or_default();
            e.0 += 1;
            e.1 += x;
            e.2 += x * x;
        }
        *totals.entry((s.round, s.group)).or_default() += 1;
    }
    responses::insert_responses(&mut tx, &stored).await?;
    responses::insert_comments(&mut tx, &comments).await?;
    let counts: Vec<CountDelta> = counts
        .into_iter()
        .map(|((r, g, k, v), n)| (r, g, k.to_owned(), i64::from(v), n))
        .collect();
    responses::add_counts(&mut tx, &counts).await?;
    let sums: Vec<SumsDelta> = sums
        .into_iter()
        .map(|((r, g, k), (n, s, s2))| (r, g, k.to_owned(), n, s, s2))
        .collect();
    responses::add_sums(&mut tx, &sums).await?;
    for ((r, g), n) in totals {
        responses::add_group_total(&mut tx, r, g, n).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}
