//! Teams of the organisation.

use super::{ApiResult, created, problem};
use crate::AppState;
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::directory::NamedInput;
use mognad_app::views::TeamView;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/teams", tag = "teams",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<TeamView>), (status = 404, body = crate::error::Problem)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<TeamView>>> {
    Ok(Json(state.app.teams(&ctx.actor).await.map_err(problem(tr))?))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/teams/{id}", tag = "teams",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = TeamView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<TeamView>> {
    Ok(Json(state.app.team(&ctx.actor, id).await.map_err(problem(tr))?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/teams", tag = "teams",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = NamedInput,
    responses((status = 201, body = TeamView), (status = 422, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<NamedInput>,
) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .save_team(&ctx.actor, None, &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/teams/{id}", tag = "teams",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    request_body = NamedInput,
    responses((status = 200, body = TeamView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<NamedInput>,
) -> ApiResult<Json<TeamView>> {
    state.app.team(&ctx.actor, id).await.map_err(problem(tr))?;
    Ok(Json(
        state
            .app
            .save_team(&ctx.actor, Some(id), &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/teams/{id}", tag = "teams",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<StatusCode> {
    state.app.delete_team(&ctx.actor, id).await.map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}
