//! Boards: the list with a form for a new one, and a board's page — columns with their first
//! cards, filters, "more" per column, a quick-add form, and on every card a move form that
//! works without JavaScript (drag and drop is layered on top by `static/board.js`).

use crate::error::WebError;
use crate::extract::IdParam;
use crate::extract::QueryOr;
use crate::page::{PageCtx, after_write, org_layout, render};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::plan::boards::{BoardInput, BoardView, ColumnInput};
use mognad_app::plan::cards::{MoveInput, TaskInput};
use mognad_domain::ids::{BoardId, ColumnId, PersonId, TaskId};
use mognad_domain::plan::task::Priority;
use mognad_domain::role::Role;
use mognad_store::boards::Filter;
use serde::Deserialize;
use uuid::Uuid;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "boards.html")]
pub struct BoardsPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub admin: bool,
    pub errors: Vec<String>,
    /// (href, name)
    pub boards: Vec<(String, String)>,
    /// (id, title) of the initiatives a new board may serve.
    pub initiatives: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "board.html")]
pub struct BoardPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub org: String,
    pub admin: bool,
    pub errors: Vec<String>,
    pub b: BoardView,
    pub people: Vec<(String, String, bool)>,
    pub label: String,
    pub due_by: String,
    /// Showing the archived cards.
    pub archived: bool,
    pub priorities: Vec<(String, String, bool)>,
    pub query: String,
    /// A fresh idempotency key for the quick-add form.
    pub key: String,
    /// Cards due before today and not done are said to be overdue.
    pub today: chrono::NaiveDate,
}

impl BoardPage {
    pub fn person(&self, id: &Option<PersonId>) -> String {
        id.and_then(|id| self.people.iter().find(|(k, _, _)| *k == id.to_string()))
            .map(|(_, n, _)| n.clone())
            .unwrap_or_default()
    }
}

async fn list_page(c: &PageCtx, errors: Vec<String>, status: StatusCode) -> Page {
    let base = format!("/orgs/{}/boards", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "boards", &base).await?;
    let boards = c.state.app.plan().boards(&c.org.actor).await.map_err(c.err())?;
    let (initiatives, _) = c
        .state
        .app
        .plan()
        .initiatives(&c.org.actor)
        .await
        .map_err(c.err())?;
    let mut res = render(BoardsPage {
        initiatives: initiatives
            .into_iter()
            .map(|i| (i.id.to_string(), i.title))
            .collect(),
        boards: boards
            .into_iter()
            .map(|b| (format!("{base}/{}", b.id), b.name))
            .collect(),
        admin: c.org.actor.role.at_least(Role::Admin),
        errors,
        base,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(c: PageCtx) -> Page {
    list_page(&c, Vec::new(), StatusCode::OK).await
}

pub async fn create(c: PageCtx, Form(input): Form<BoardInput>) -> Page {
    let r = c.state.app.plan().create_board(&c.org.actor, &input).await;
    let org = c.org.actor.org;
    after_write(
        &c,
        r,
        |b| format!("/orgs/{org}/boards/{}", b.id),
        |errors| list_page(&c, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct BoardQuery {
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub initiative: Option<String>,
    #[serde(default)]
    pub due_by: Option<String>,
    /// `low`, `normal`, `high` or `urgent`.
    #[serde(default)]
    pub priority: Option<String>,
    /// "1": the archived cards instead of the live ones.
    #[serde(default)]
    pub archived: Option<String>,
    /// `column~rank~id`: the next page of one column.
    #[serde(default)]
    pub more: Option<String>,
}

impl BoardQuery {
    pub fn filter(&self) -> Filter {
        let id = |v: &Option<String>| v.as_deref().and_then(|s| Uuid::parse_str(s.trim()).ok());
        Filter {
            assignee: id(&self.assignee),
            label: self
                .label
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_lowercase),
            initiative: id(&self.initiative),
            due_by: self.due_by.as_deref().and_then(|d| d.trim().parse().ok()),
            priority: self
                .priority
                .as_deref()
                .map(str::trim)
                .filter(|p| Priority::parse(p).is_some())
                .map(str::to_owned),
            archived: self.archived.as_deref() == Some("1"),
        }
    }

    /// The filter as a query string, to keep it across pages and writes.
    pub fn query_string(f: &Filter) -> String {
        let pairs: Vec<String> = [
            ("assignee", f.assignee.map(|a| a.to_string())),
            ("label", f.label.clone()),
            ("initiative", f.initiative.map(|a| a.to_string())),
            ("due_by", f.due_by.map(|d| d.to_string())),
            ("priority", f.priority.clone()),
            ("archived", f.archived.then(|| "1".to_owned())),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", crate::http::url_encode(&v))))
        .collect();
        pairs.join("&")
    }

    /// The priorities as select options: (value, name, chosen).
    pub fn priorities(f: &Filter, tr: crate::i18n::Tr) -> Vec<(String, String, bool)> {
        Priority::ALL
            .iter()
            .map(|p| {
                let v = p.as_str();
                (
                    v.to_owned(),
                    tr.t(&format!("priority-{v}")),
                    f.priority.as_deref() == Some(v),
                )
            })
            .collect()
    }
}

async fn board_page(c: &PageCtx, id: Uuid, q: &BoardQuery, errors: Vec<String>, status: StatusCode) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let org = c.org.actor.org.to_string();
    let base = format!("/orgs/{org}/boards/{id}");
    let mut filter = q.filter();
    let mut b = app
        .plan()
        .board(&c.org.actor, BoardId(id), &filter, q.more.as_deref())
        .await
        .map_err(c.err())?;
    // An archived board's cards went with it: show those rather than empty columns.
    if b.archived && !filter.archived {
        filter.archived = true;
        b = app
            .plan()
            .board(&c.org.actor, BoardId(id), &filter, q.more.as_deref())
            .await
            .map_err(c.err())?;
    }
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "boards", &base).await?;
    let people = app.org().all_people(&c.org.actor).await.map_err(c.err())?;
    let mut res = render(BoardPage {
        people: people
            .into_iter()
            .map(|p| (p.id.to_string(), p.name, filter.assignee == Some(p.id.0)))
            .collect(),
        label: filter.label.clone().unwrap_or_default(),
        due_by: filter.due_by.map(|d| d.to_string()).unwrap_or_default(),
        archived: filter.archived,
        query: BoardQuery::query_string(&filter),
        priorities: BoardQuery::priorities(&filter, tr),
        key: Uuid::new_v4().to_string(),
        today: chrono::Utc::now().date_naive(),
        admin: c.org.actor.role.at_least(Role::Admin),
        errors,
        base,
        org,
        b,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(c: PageCtx, IdParam(id): IdParam, QueryOr(q): QueryOr<BoardQuery>) -> Page {
    board_page(&c, id, &q, Vec::new(), StatusCode::OK).await
}

/// Back to the board after a write, or the board again with the errors.
async fn after(c: PageCtx, board: Uuid, result: Result<(), AppError>) -> Page {
    after_to(c, board, result, "", None).await
}

/// Like [`after`], back to the board as it was filtered (`back`, the board's query string).
/// With `card`, the address names the moved card, which takes the focus there (its list item is
/// focusable), so a keyboard user goes on from the card rather than from the top of the page.
pub(crate) async fn after_to(
    c: PageCtx,
    board: Uuid,
    result: Result<(), AppError>,
    back: &str,
    card: Option<Uuid>,
) -> Page {
    let q = BoardQuery::default();
    if let Err(e @ AppError::Conflict { .. }) = &result {
        let said = crate::error::conflict_text(e, c.tr).unwrap_or_default();
        return board_page(&c, board, &q, vec![said], StatusCode::CONFLICT).await;
    }
    // Only the characters a query string of the board's own filter holds: nothing that could
    // lead elsewhere.
    let back: String = back
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || "=&%._-+".contains(*ch))
        .collect();
    let mut to = if back.is_empty() {
        format!("/orgs/{}/boards/{board}", c.org.actor.org)
    } else {
        format!("/orgs/{}/boards/{board}?{back}", c.org.actor.org)
    };
    if let Some(card) = card {
        to.push_str(&format!("#card-{card}"));
    }
    after_write(
        &c,
        result,
        |()| to,
        |errors| board_page(&c, board, &q, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct NewTask {
    #[serde(flatten)]
    pub task: TaskInput,
    /// The form's one-time key, so a double-clicked button adds one card.
    #[serde(default)]
    pub key: String,
}

pub async fn add_task(c: PageCtx, IdParam(id): IdParam, Form(f): Form<NewTask>) -> Page {
    let key = Some(f.key.as_str()).filter(|k| !k.is_empty());
    let r = c
        .state
        .app
        .plan()
        .create_task(&c.org.actor, BoardId(id), &f.task, key)
        .await
        .map(|_| ());
    after(c, id, r).await
}

#[derive(Debug, Deserialize)]
pub struct NameForm {
    #[serde(default)]
    pub name: String,
}

pub async fn rename(c: PageCtx, IdParam(id): IdParam, Form(f): Form<NameForm>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .rename_board(&c.org.actor, BoardId(id), &f.name)
        .await;
    after(c, id, r).await
}

pub async fn add_column(c: PageCtx, IdParam(id): IdParam, Form(input): Form<ColumnInput>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .add_column(&c.org.actor, BoardId(id), &input)
        .await
        .map(|_| ());
    after(c, id, r).await
}

pub async fn update_column(
    c: PageCtx,
    IdParam(id): IdParam,
    crate::extract::ColumnParam(column): crate::extract::ColumnParam,
    Form(input): Form<ColumnInput>,
) -> Page {
    let r = c
        .state
        .app
        .plan()
        .update_column(&c.org.actor, BoardId(id), ColumnId(column), &input)
        .await;
    after(c, id, r).await
}

/// The move form as a card sends it: the move, and the board's filter to return to.
#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(flatten)]
    input: MoveInput,
    #[serde(default)]
    back: String,
}

/// The move form on a card: to a column's top or bottom, back to the board as it was filtered.
pub async fn move_task(
    c: PageCtx,
    IdParam(id): IdParam,
    Form(MoveForm { input, back }): Form<MoveForm>,
) -> Page {
    let board = c
        .state
        .app
        .plan()
        .task(&c.org.actor, TaskId(id))
        .await
        .map_err(c.err())?
        .board_id;
    let r = c
        .state
        .app
        .plan()
        .move_task(&c.org.actor, TaskId(id), &input, None)
        .await;
    after_to(c, board.0, r, &back, Some(id)).await
}
