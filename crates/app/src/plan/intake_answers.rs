//! Answers to intake forms: a submission becomes a card in the form's board with a receipt, and
//! alike submissions and cards are grouped as recurring problems with their submitters' contacts.

use super::intake::{FormView, code, view};
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{OrgId, TaskId, UserId};
use mognad_domain::plan::intake::{self};
use mognad_domain::plan::{rank, similarity};
use mognad_domain::role::Role;
use mognad_store::boards::{self as boards_store, Task};
use mognad_store::plan::{self as store, Submission};
use mognad_store::users;
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Receipt {
    /// What the submitter quotes when they get in touch.
    pub code: String,
    pub task_id: TaskId,
}

/// Alike submissions and tasks: what IT should look at together.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Recurring {
    pub tasks: Vec<(Uuid, String)>,
    /// Contacts left by submitters of the group's submissions, each person once.
    pub contacts: Vec<String>,
    /// The card the problem as a whole is handled on, once made.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub card: Option<Uuid>,
}

/// How many recent open tasks the recurring-problem search compares.
pub const RECENT: usize = 1000;

impl super::Plan<'_> {
    /// The form behind a link, if the visitor may answer it: anyone for a public form, members
    /// of its organisation otherwise (others get "not found", so internal forms stay unknown).
    #[tracing::instrument(skip_all)]
    pub async fn form_by_link(&self, slug: &str, visitor: Option<UserId>) -> Result<FormView> {
        let mut tx = self.db.read().await?;
        let f = store::form_by_slug(&mut tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        if !f.public {
            let Some(user) = visitor else {
                return Err(AppError::Unauthenticated);
            };
            users::role_in(&mut tx, user, OrgId(f.org_id))
                .await?
                .ok_or(AppError::NotFound)?;
        }
        tx.rollback().await?;
        view(f)
    }

    /// Stores a submission and its task at the bottom of the board's first column. `key` is the
    /// form's one-time key: sent again, it returns the first receipt.
    #[tracing::instrument(skip_all)]
    pub async fn submit_intake(
        &self,
        slug: &str,
        visitor: Option<UserId>,
        answers: &[(String, String)],
        contact: &str,
        key: &str,
    ) -> Result<Receipt> {
        let form = self.form_by_link(slug, visitor).await?;
        let answer = |k: &str| {
            answers
                .iter()
                .find(|(f, _)| f == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let problems = intake::check(&form.fields, answer);
        let contact = contact.trim();
        let mut errors: Vec<Invalid> = problems
            .into_iter()
            .map(|(k, code)| Invalid::new(&k, &code, "check this answer"))
            .collect();
        if contact.chars().count() > 200 || contact.chars().any(char::is_control) {
            errors.push(Invalid::new("contact", "too-long", "at most 200 characters"));
        }
        let key = key.trim();
        if key.is_empty() || key.len() > 100 {
            errors.push(Invalid::new(
                "key",
                "key",
                "the form's key is missing; load the form again",
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let org = form.org_id;
        let now = Utc::now();
        let mut tx = self.db.write().await?;
        let task_id = Uuid::now_v7();
        if let Some(earlier) =
            boards_store::claim_key(&mut tx, org, &format!("intake:{key}"), "intake", task_id, now).await?
        {
            let subs = store::submissions(&mut tx, org).await?;
            let code = subs
                .into_iter()
                .find(|s| s.task_id == Some(earlier))
                .map(|s| s.receipt)
                .unwrap_or_default();
            return Ok(Receipt {
                code,
                task_id: TaskId(earlier),
            });
        }
        let column = boards_store::columns(&mut tx, org, form.board_id.0)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("the intake board has no column".into()))?;
        let (title, description) = intake::task_text(&form.name, &form.fields, answer);
        let last = boards_store::end_rank(&mut tx, column.id, true).await?;
        let t = Task {
            id: task_id,
            board_id: form.board_id.0,
            column_id: column.id,
            rank: rank::between(last.as_deref(), None),
            title,
            description,
            assignee_id: None,
            priority: "normal".into(),
            due_on: None,
            labels: "intake".into(),
            initiative_id: None,
            estimate_hours: None,
            created_at: now,
            done_at: None,
            archived: false,
        };
        boards_store::insert_task(&mut tx, org, &t, now).await?;
        let answers_json: HashMap<String, String> = form
            .fields
            .iter()
            .map(|f| (f.key.clone(), answer(&f.key).trim().to_owned()))
            .collect();
        let s = Submission {
            id: Uuid::now_v7(),
            form_id: form.id.0,
            task_id: Some(task_id),
            answers: serde_json::to_string(&answers_json).map_err(|e| AppError::Internal(e.to_string()))?,
            contact: (!contact.is_empty()).then(|| contact.to_owned()),
            receipt: code(8),
            created_at: now,
        };
        store::insert_submission(&mut tx, form.org_id.0, &s).await?;
        tx.commit().await?;
        Ok(Receipt {
            code: s.receipt,
            task_id: TaskId(task_id),
        })
    }

    /// Groups of alike open tasks on the boards intake forms feed (the newest `RECENT` of the
    /// last 90 days), with the contacts their submitters left (for analysts and up only).
    #[tracing::instrument(skip_all)]
    pub async fn recurring_problems(&self, actor: &Actor) -> Result<Vec<Recurring>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let boards: Vec<Uuid> = store::forms(&mut tx, actor.org)
            .await?
            .iter()
            .map(|f| f.board_id)
            .collect();
        let mut tasks = boards_store::all_tasks(&mut tx, actor.org).await?;
        let subs = mognad_store::follow_up::states(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let since = Utc::now() - chrono::Duration::days(90);
        // A problem's own card (made by following it up) is not one more report of it.
        let handled: std::collections::HashSet<Uuid> =
            subs.iter().filter_map(|s| s.follow_up_task_id).collect();
        tasks.retain(|t| {
            boards.contains(&t.board_id)
                && t.done_at.is_none()
                && t.created_at >= since
                && !handled.contains(&t.id)
        });
        tasks.sort_by_key(|t| std::cmp::Reverse(t.created_at));
        tasks.truncate(RECENT);
        let texts: Vec<String> = tasks
            .iter()
            .map(|t| {
                // The description's first line carries the submitter's own words.
                let first = t.description.lines().next().unwrap_or("");
                format!("{} {}", t.title, first.split_once("**:").map_or("", |(_, a)| a))
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Ok(similarity::groups(&refs, similarity::DEFAULT_THRESHOLD)
            .into_iter()
            .map(|g| Recurring {
                // Submitters left their contact for IT, not for every colleague.
                contacts: if actor.role.at_least(Role::Analyst) {
                    let left = g
                        .iter()
                        .filter_map(|&i| subs.iter().find(|s| s.task_id == tasks[i].id))
                        .filter_map(|s| s.contact.as_deref());
                    mognad_domain::plan::follow_up::distinct(left)
                        .into_iter()
                        .map(|(c, _)| c)
                        .collect()
                } else {
                    Vec::new()
                },
                card: g
                    .iter()
                    .filter_map(|&i| subs.iter().find(|s| s.task_id == tasks[i].id))
                    .find_map(|s| s.follow_up_task_id),
                tasks: g.iter().map(|&i| (tasks[i].id, tasks[i].title.clone())).collect(),
            })
            .collect())
    }
}
