//! A task's page: its description rendered from Markdown, the edit form, the checklist and
//! the comments; every form posts back here.

use crate::error::WebError;
use crate::extract::{IdParam, ItemParam};
use crate::page::{PageCtx, after_write, org_layout, render};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::plan::cards::{TaskDetail, TaskInput};
use mognad_domain::ids::{ChecklistItemId, InitiativeId, TaskId};
use mognad_domain::plan::task::Priority;
use serde::Deserialize;
use uuid::Uuid;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "task.html")]
pub struct TaskPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub board: String,
    pub errors: Vec<String>,
    pub t: TaskDetail,
    pub description_html: String,
    pub people: Vec<(String, String, bool)>,
    pub priorities: Vec<(String, String, bool)>,
    pub initiatives: Vec<(String, String, bool)>,
    pub labels: String,
    /// (when, what) of the card's history, oldest first.
    pub history: Vec<(String, String)>,
    /// Whether the card is past its due date and not done.
    pub overdue: bool,
    /// `/orgs/{org}`.
    pub org: String,
    /// What was logged on the card.
    pub time: mognad_app::plan::time_log::CardTime,
    /// The time form's values: what was typed when it was refused, else the reader's own person
    /// (or the assignee) and today.
    pub time_typed: mognad_app::plan::time_log::TimeInput,
}

impl TaskPage {
    /// Minutes as hours in the reader's way of writing decimals.
    pub fn hours(&self, minutes: &i64) -> String {
        crate::plan::pages::time::hours(minutes, &self.l.tr)
    }
}

/// The card's history in the reader's words: made, then every entry.
fn history(t: &TaskDetail, tr: crate::i18n::Tr) -> Vec<(String, String)> {
    let when = |at: &chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M").to_string();
    let mut lines = vec![(when(&t.created_at), tr.t("task-history-created"))];
    lines.extend(t.history.iter().map(|e| {
        // A move within a column (a new place in it) reads as such, not "from A to A".
        let kind = if e.kind == "moved" && e.from_column == e.to_column {
            "moved-within"
        } else {
            e.kind.as_str()
        };
        let line = tr.tn(
            &format!("task-history-{kind}"),
            &[
                ("actor", &e.actor),
                ("from", e.from_column.as_deref().unwrap_or("–")),
                ("to", e.to_column.as_deref().unwrap_or("–")),
            ],
        );
        (when(&e.at), line)
    }));
    lines
}

async fn page(c: &PageCtx, id: Uuid, errors: Vec<String>, status: StatusCode) -> Page {
    page_with(c, id, errors, status, None).await
}

/// The card's page, with the time form holding `typed` when it was refused.
pub(crate) async fn page_with(
    c: &PageCtx,
    id: Uuid,
    errors: Vec<String>,
    status: StatusCode,
    typed: Option<mognad_app::plan::time_log::TimeInput>,
) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let t = app.plan().task(&c.org.actor, TaskId(id)).await.map_err(c.err())?;
    let base = format!("/orgs/{}/tasks/{id}", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "boards", &base).await?;
    let people = app.org().all_people(&c.org.actor).await.map_err(c.err())?;
    let time = app
        .plan()
        .card_time(&c.org.actor, TaskId(id))
        .await
        .map_err(c.err())?;
    let own = people
        .iter()
        .find(|p| {
            p.email
                .as_ref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&c.org.actor.user.email.to_string()))
        })
        .map(|p| p.id)
        .or(t.assignee_id);
    let time_typed = typed.unwrap_or_else(|| mognad_app::plan::time_log::TimeInput {
        person_id: own.map(|p| p.to_string()).unwrap_or_default(),
        worked_on: chrono::Utc::now().date_naive().to_string(),
        ..Default::default()
    });
    let (initiatives, _) = app.plan().initiatives(&c.org.actor).await.map_err(c.err())?;
    // An archived initiative is not offered, but the card keeps it when saved.
    let kept = t
        .initiative_id
        .filter(|i| !initiatives.iter().any(|x| x.id == i.0))
        .map(|i| (i.to_string(), tr.t("archived-choice"), true));
    let mut res = render(TaskPage {
        board: format!("/orgs/{}/boards/{}", c.org.actor.org, t.board_id),
        description_html: crate::markdown::render(&t.description),
        people: people
            .into_iter()
            .map(|p| (p.id.to_string(), p.name, t.assignee_id == Some(p.id)))
            .collect(),
        priorities: Priority::ALL
            .iter()
            .map(|p| {
                (
                    p.as_str().to_owned(),
                    tr.t(&format!("priority-{}", p.as_str())),
                    t.priority == p.as_str(),
                )
            })
            .collect(),
        initiatives: initiatives
            .into_iter()
            .map(|i| {
                (
                    i.id.to_string(),
                    i.title,
                    t.initiative_id == Some(InitiativeId(i.id)),
                )
            })
            .chain(kept)
            .collect(),
        labels: t.labels.join(", "),
        history: history(&t, tr),
        overdue: !t.done && t.due_on.is_some_and(|d| d < chrono::Utc::now().date_naive()),
        errors,
        org: format!("/orgs/{}", c.org.actor.org),
        time,
        time_typed,
        base,
        t,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(c: PageCtx, IdParam(id): IdParam) -> Page {
    page(&c, id, Vec::new(), StatusCode::OK).await
}

async fn after(c: PageCtx, id: Uuid, result: Result<(), AppError>) -> Page {
    let to = format!("/orgs/{}/tasks/{id}", c.org.actor.org);
    after_write(
        &c,
        result,
        |()| to,
        |errors| page(&c, id, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

pub async fn update(c: PageCtx, IdParam(id): IdParam, Form(input): Form<TaskInput>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .update_task(&c.org.actor, TaskId(id), &input)
        .await;
    after(c, id, r).await
}

#[derive(Debug, Deserialize)]
pub struct TextForm {
    #[serde(default)]
    pub text: String,
}

pub async fn add_item(c: PageCtx, IdParam(id): IdParam, Form(f): Form<TextForm>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .add_checklist_item(&c.org.actor, TaskId(id), &f.text)
        .await;
    after(c, id, r).await
}

pub async fn toggle_item(c: PageCtx, IdParam(id): IdParam, ItemParam(item): ItemParam) -> Page {
    let r = c
        .state
        .app
        .plan()
        .toggle_checklist_item(&c.org.actor, TaskId(id), ChecklistItemId(item))
        .await;
    after(c, id, r).await
}

pub async fn comment(c: PageCtx, IdParam(id): IdParam, Form(f): Form<TextForm>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .comment(&c.org.actor, TaskId(id), &f.text)
        .await;
    after(c, id, r).await
}
