//! Storing submitted answers durably and fast: group commit.
//!
//! Every submit is committed (and, with SQLite's `synchronous = FULL` or PostgreSQL's default,
//! flushed to disk) before its caller hears "accepted". One flush per submit would cap the rate
//! at the disk's flush rate, so submits wait in a queue and one writer task stores all that
//! are waiting in a single transaction: the answers, the invitations marked used, and the
//! groups' tallies the reports read. A repeated submit of the same invitation finds it used and is told
//! so, which is what makes submitting idempotent.

use crate::{AppError, Result};
use mognad_domain::answer::Answers;
use mognad_domain::ids::GroupId;
use mognad_domain::model::Model;
use mognad_domain::round::RoundState;
use mognad_domain::tally::Tally;
use mognad_store::responses::{self, NewComment, NewResponse};
use mognad_store::{Db, invitations, rounds};
use std::collections::{HashMap, HashSet};
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
    /// Given through the group's shared link, which takes only as many answers as the group
    /// has places left.
    pub shared: bool,
}

impl Submission {
    /// The submission of a complete answer set given with the invitation `token_hash`.
    pub fn new(token_hash: String, round: Uuid, group: Uuid, model: &Model, answers: &Answers) -> Submission {
        let scores = answers.scores(model);
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
            shared: false,
        }
    }

    /// Marks the submission as given through a shared link (or not).
    pub fn through_shared_link(mut self, shared: bool) -> Submission {
        self.shared = shared;
        self
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
    /// Given through a shared link that has taken as many answers as its group has members.
    LinkFull,
}

type Job = (Submission, oneshot::Sender<Result<Outcome>>);

/// The sending end of the queue; the writer task ends when every sender is gone.
#[derive(Clone)]
pub struct SubmitQueue(mpsc::Sender<Job>);

impl SubmitQueue {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: Db) -> SubmitQueue {
        let tx = crate::platform::batching::spawn(
            MAX_BATCH,
            &crate::platform::batching::ANSWERS,
            move |batch: Vec<Job>| {
                let db = db.clone();
                async move {
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
            },
        );
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

/// Stores a batch in one transaction. The queue calls it; the demo and the benchmark data
/// generator call it directly to fill rounds through the same path.
pub async fn write_batch(db: &Db, subs: &[Submission]) -> Result<Vec<Outcome>> {
    let mut tx = db.write().await?;
    let mut open: HashMap<Uuid, bool> = HashMap::new();
    for s in subs {
        if let std::collections::hash_map::Entry::Vacant(slot) = open.entry(s.round) {
            slot.insert(rounds::state_locked(&mut tx, s.round).await? == Some(RoundState::Open));
        }
    }
    // A shared link's places are counted with the link locked, so two writers (two server
    // processes) cannot both take its last place; links are locked in key order, so two
    // writers cannot deadlock on them.
    let wanted: std::collections::BTreeSet<(Uuid, Uuid)> = subs
        .iter()
        .filter(|s| s.shared && open[&s.round])
        .map(|s| (s.round, s.group))
        .collect();
    let mut places: HashMap<(Uuid, Uuid), i64> = HashMap::new();
    for (round_id, group) in wanted {
        invitations::lock_shared(&mut tx, round_id, group).await?;
        let round = rounds::get_any(&mut tx, round_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("round {round_id} vanished")))?;
        let left =
            crate::measurement::shared_link::shared_places_left(&mut tx, &round, GroupId(group)).await?;
        places.insert((round_id, group), left);
    }
    let mut full: HashSet<usize> = HashSet::new();
    for (i, s) in subs
        .iter()
        .enumerate()
        .filter(|(_, s)| s.shared && open[&s.round])
    {
        let left = places.get_mut(&(s.round, s.group)).expect("counted above");
        if *left > 0 {
            *left -= 1;
        } else {
            full.insert(i);
        }
    }
    let candidates: Vec<&str> = subs
        .iter()
        .enumerate()
        .filter(|(i, s)| open[&s.round] && !full.contains(i))
        .map(|(_, s)| s.token_hash.as_str())
        .collect();
    // One statement marks every link; a link that was used before (or twice in this batch)
    // comes back once at most, and only its first submission is stored.
    let mut fresh: HashSet<String> = invitations::mark_used_many(&mut tx, &candidates)
        .await?
        .into_iter()
        .collect();
    let mut outcomes = Vec::with_capacity(subs.len());
    let mut stored = Vec::new();
    let mut comments = Vec::new();
    // In key order: two writers (two processes) then lock the tally rows in the same order and
    // cannot deadlock.
    let mut added: std::collections::BTreeMap<(Uuid, Uuid), Tally> = Default::default();
    for (i, s) in subs.iter().enumerate() {
        if !open[&s.round] {
            outcomes.push(Outcome::NotOpen);
            continue;
        }
        if full.contains(&i) {
            outcomes.push(Outcome::LinkFull);
            continue;
        }
        if !fresh.remove(&s.token_hash) {
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
        added
            .entry((s.round, s.group))
            .or_default()
            .add(&s.counted, &s.scores);
    }
    responses::insert_responses(&mut tx, &stored).await?;
    responses::insert_comments(&mut tx, &comments).await?;
    for ((round, group), t) in added {
        let mut tally = responses::tally_for_update(&mut tx, round, group)
            .await?
            .unwrap_or_default();
        tally.merge(&t);
        responses::put_tally(&mut tx, round, group, &tally).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}
