//! Plan and execution over JSON: boards, tasks (creates and moves take an `Idempotency-Key`
//! header), goals, intake forms, workload, the effect view and the dashboard. Initiatives are
//! in [`crate::plan::api::initiatives`].

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::competence::api::person::Created;
use crate::extract::QueryOr;
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::plan::pages::boards::BoardQuery;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use mognad_app::plan::boards::{BoardInput, BoardView};
use mognad_app::plan::cards::{MoveInput, TaskDetail, TaskInput};
use mognad_app::plan::intake::{FormInput, FormView};
use mognad_domain::ids::{BoardId, TaskId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

fn key(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BoardDoc {
    pub id: Uuid,
    pub name: String,
    pub initiative_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/boards", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<BoardDoc>), (status = 404, body = crate::error::Problem)))]
pub async fn boards(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<BoardDoc>>> {
    let list = state.app.plan().boards(&ctx.actor).await.map_err(problem(tr))?;
    Ok(Json(
        list.into_iter()
            .map(|b| BoardDoc {
                id: b.id,
                name: b.name,
                initiative_id: b.initiative_id,
            })
            .collect(),
    ))
}

/// A new board with the default columns (backlog, ready, in progress, done).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/boards", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = BoardInput,
    responses((status = 201, body = Created), (status = 422, body = crate::error::Problem)))]
pub async fn create_board(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<BoardInput>,
) -> ApiResult<Response> {
    let b = state
        .app
        .plan()
        .create_board(&ctx.actor, &input)
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: b.id }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct BoardParams {
    /// Only cards of this person.
    pub assignee: Option<String>,
    /// Only cards with this label.
    pub label: Option<String>,
    /// Only cards of this initiative.
    pub initiative: Option<String>,
    /// Only cards due on or before this day.
    pub due_by: Option<String>,
    /// `1`: the board's archived cards instead of its live ones.
    pub archived: Option<String>,
    /// Only cards of this priority: `low`, `normal`, `high` or `urgent`.
    pub priority: Option<String>,
    /// `column~rank~id` from a column's `more`: the next page of that column.
    pub more: Option<String>,
}

impl From<BoardParams> for BoardQuery {
    fn from(p: BoardParams) -> Self {
        BoardQuery {
            assignee: p.assignee,
            label: p.label,
            initiative: p.initiative,
            due_by: p.due_by,
            archived: p.archived,
            priority: p.priority,
            more: p.more,
        }
    }
}

/// A board with the first page of cards in each column.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/boards/{id}", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path), BoardParams),
    responses((status = 200, body = BoardView), (status = 404, body = crate::error::Problem)))]
pub async fn board(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    QueryOr(p): QueryOr<BoardParams>,
) -> ApiResult<Json<BoardView>> {
    let q = BoardQuery::from(p);
    let b = state
        .app
        .plan()
        .board(&ctx.actor, BoardId(id), &q.filter(), q.more.as_deref())
        .await
        .map_err(problem(tr))?;
    Ok(Json(b))
}

/// Adds a card at the bottom of a column. With an `Idempotency-Key` header, a repeated request
/// returns the first card instead of adding another.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/boards/{id}/tasks", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "The client's key for this create")),
    request_body = TaskInput,
    responses((status = 201, body = Created), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_task(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    headers: HeaderMap,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<TaskInput>,
) -> ApiResult<Response> {
    let task = state
        .app
        .plan()
        .create_task(&ctx.actor, BoardId(id), &input, key(&headers))
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: task.0 }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/tasks/{id}", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path)),
    responses((status = 200, body = TaskDetail), (status = 404, body = crate::error::Problem)))]
pub async fn task(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<TaskDetail>> {
    Ok(Json(
        state
            .app
            .plan()
            .task(&ctx.actor, TaskId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/tasks/{id}", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path)),
    request_body = TaskInput,
    responses((status = 204, description = "Saved"), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn update_task(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<TaskInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .plan()
        .update_task(&ctx.actor, TaskId(id), &input)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a card: into a column, after or before a named card, or to the top or bottom. One
/// row changes. With an `Idempotency-Key` header, a repeated request does nothing.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/tasks/{id}/move", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "The client's key for this move")),
    request_body = MoveInput,
    responses((status = 204, description = "Moved"), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "The column is at its WIP limit"),
        (status = 422, body = crate::error::Problem)))]
pub async fn move_task(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    headers: HeaderMap,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<MoveInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .plan()
        .move_task(&ctx.actor, TaskId(id), &input, key(&headers))
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GoalDoc {
    pub id: Uuid,
    pub title: String,
    pub description: String,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/goals", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<GoalDoc>)))]
pub async fn goals(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<GoalDoc>>> {
    let list = state.app.plan().goals(&ctx.actor).await.map_err(problem(tr))?;
    Ok(Json(
        list.into_iter()
            .map(|g| GoalDoc {
                id: g.id,
                title: g.title,
                description: g.description,
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/intake-forms", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<FormView>)))]
pub async fn forms(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<FormView>>> {
    Ok(Json(
        state
            .app
            .plan()
            .intake_forms(&ctx.actor)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/intake-forms", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = FormInput,
    responses((status = 201, body = Created), (status = 422, body = crate::error::Problem)))]
pub async fn create_form(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<FormInput>,
) -> ApiResult<Response> {
    let id = state
        .app
        .plan()
        .save_intake_form(&ctx.actor, None, &input)
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: id.0 }))
}

/// Open hours per person and ISO week, overload and unfair distribution, and what the paused
/// initiatives free.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/workload", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = mognad_app::plan::workload::Workload)))]
pub async fn workload(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
) -> ApiResult<Json<mognad_app::plan::workload::Workload>> {
    Ok(Json(
        state.app.plan().workload(&ctx.actor).await.map_err(problem(tr))?,
    ))
}

/// Per engine, the initiatives aimed at it and the organisation's change between the last two
/// rounds of a series; `null` until there are two.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/effect", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Option<mognad_app::plan::effect::Effect>)))]
pub async fn effect(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
) -> ApiResult<Json<Option<mognad_app::plan::effect::Effect>>> {
    Ok(Json(
        state.app.plan().effect(&ctx.actor).await.map_err(problem(tr))?,
    ))
}

/// Open and overdue cards, throughput per ISO week, each initiative's progress and the
/// maturity trend over the rounds.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/dashboard", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = mognad_app::plan::dashboard::Dashboard)))]
pub async fn dashboard(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
) -> ApiResult<Json<mognad_app::plan::dashboard::Dashboard>> {
    Ok(Json(
        state
            .app
            .plan()
            .dashboard(&ctx.actor)
            .await
            .map_err(problem(tr))?,
    ))
}
