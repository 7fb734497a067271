//! Reminders of an open review: everyone it waits for is told — the person who has not assessed
//! themselves, the managers of those waiting for the manager (once for each person waiting),
//! and asked colleagues who have not answered (once for each request). An administrator
//! reminds with a button; besides, every server reminds by itself a week and two days before
//! the last day and on the last day (days in UTC; a reminder day the servers were all down is
//! not made up). Each reminder's notification key holds its day, so the button, the schedule
//! and several servers on one database never send the same reminder twice in a day.

use super::reviews::cycle;
use crate::plan::notify;
use crate::{Actor, Invalid, Result};
use chrono::{DateTime, NaiveDate, Utc};
use mognad_domain::competence::review::{Status, Waiting};
use mognad_domain::ids::{OrgId, ReviewId};
use mognad_domain::role::Role;
use mognad_store::reviews::{self as store, Cycle};
use mognad_store::{Tx, orgs, people, relationships};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// Days before a cycle's last day on which its reminders go out by themselves.
pub const REMIND_DAYS_BEFORE: [i64; 3] = [7, 2, 0];

/// Tells everyone `c` waits for, once on `day`. Returns how many members were told.
async fn remind(tx: &mut Tx, org: OrgId, c: &Cycle, day: NaiveDate) -> Result<usize> {
    let names: HashMap<Uuid, String> = people::all(tx, org)
        .await?
        .into_iter()
        .map(|p| (p.id.0, p.name.to_string()))
        .collect();
    // Each participant's supervisors on `day`, read once for the whole cycle.
    let mut managers: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for s in relationships::supervisions(tx, org).await? {
        if s.period.contains(day) {
            managers
                .entry(s.subordinate_id.0)
                .or_default()
                .push(s.supervisor_id.0);
        }
    }
    let base = json!({ "what": "reminder", "cycle": c.name, "deadline": c.deadline, "review": c.id });
    let mut told = 0;
    for p in store::participants(tx, org, Some(c.id), None).await? {
        let status = Status::of(
            p.self_done_at.is_some(),
            p.manager_done_at.is_some(),
            p.signed_off_at.is_some(),
        );
        let whom = match status.waits_for() {
            Some(Waiting::Person) => vec![p.person_id],
            Some(Waiting::Manager) => managers.get(&p.person_id).cloned().unwrap_or_default(),
            None => Vec::new(),
        };
        let mut params = base.clone();
        params["person"] = json!(p.person_id);
        params["name"] = json!(names.get(&p.person_id).cloned().unwrap_or_default());
        params["step"] = json!(status.as_str());
        for who in whom {
            let key = format!("review:{}:{}:{who}:{day}", c.id, p.person_id);
            told += notify::review(tx, org, who, &params, Some(&key)).await?;
        }
    }
    for r in store::peer_requests(tx, org, Some(c.id), None).await? {
        if r.answered_at.is_some() {
            continue;
        }
        let mut params = base.clone();
        params["what"] = json!("peer");
        params["person"] = json!(r.person_id);
        params["name"] = json!(names.get(&r.person_id).cloned().unwrap_or_default());
        let key = format!("review-peer:{}:{}:{}:{day}", c.id, r.person_id, r.peer_id);
        told += notify::review(tx, org, r.peer_id, &params, Some(&key)).await?;
    }
    Ok(told)
}

impl super::Competence<'_> {
    /// Reminds everyone the open cycle waits for now. Returns how many members were told.
    #[tracing::instrument(skip_all)]
    pub async fn remind_review(&self, actor: &Actor, id: ReviewId) -> Result<usize> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let c = cycle(&mut tx, actor, id).await?;
        if c.closed_at.is_some() {
            return Err(Invalid::new("review", "review-closed", "the review is closed").into());
        }
        let told = remind(&mut tx, actor.org, &c, Utc::now().date_naive()).await?;
        tx.commit().await?;
        Ok(told)
    }

    /// The scheduled reminders of every organisation's open cycles due on `now`'s day (see
    /// [`REMIND_DAYS_BEFORE`]); a job of the server, not a user's action. A cycle started that
    /// day waits for the next reminder day: its people were just told. Each organisation is
    /// one transaction, serialised with its competence writes, so one organisation's failure
    /// (logged) neither undoes nor stops the others'. Returns how many members were told.
    #[tracing::instrument(skip_all)]
    pub async fn remind_due_reviews(&self, now: DateTime<Utc>) -> Result<usize> {
        let day = now.date_naive();
        let orgs = {
            let mut tx = self.db.read().await?;
            let all = orgs::list(&mut tx).await?;
            tx.rollback().await?;
            all
        };
        let mut told = 0;
        for org in orgs {
            match self.remind_due_in(org.id, day).await {
                Ok(n) => told += n,
                Err(e) => {
                    tracing::warn!(org = %org.id, error = %e, "review reminders of one organisation failed")
                }
            }
        }
        Ok(told)
    }

    async fn remind_due_in(&self, org: OrgId, day: NaiveDate) -> Result<usize> {
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, org).await?;
        let mut told = 0;
        for c in store::cycles(&mut tx, org).await? {
            let left = (c.deadline - day).num_days();
            let due = c.closed_at.is_none()
                && REMIND_DAYS_BEFORE.contains(&left)
                && c.created_at.date_naive() != day;
            if due {
                told += remind(&mut tx, org, &c, day).await?;
            }
        }
        tx.commit().await?;
        Ok(told)
    }
}
