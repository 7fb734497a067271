//! Leadership groups and their members.

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
use mognad_app::views::GroupView;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/groups", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<GroupView>), (status = 404, body = crate::error::Problem)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<GroupView>>> {
    Ok(Json(state.app.groups(&ctx.actor).await.map_err(problem(tr))?))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/groups/{id}", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = GroupView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<GroupView>> {
    Ok(Json(state.app.group(&ctx.actor, id).await.map_err(problem(tr))?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/groups", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = NamedInput,
    responses((status = 201, body = GroupView), (status = 422, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<NamedInput>,
) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .save_group(&ctx.actor, None, &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/groups/{id}", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    request_body = NamedInput,
    responses((status = 200, body = GroupView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<NamedInput>,
) -> ApiResult<Json<GroupView>> {
    state.app.group(&ctx.actor, id).await.map_err(problem(tr))?;
    Ok(Json(
        state
            .app
            .save_group(&ctx.actor, Some(id), &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/groups/{id}", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .delete_group(&ctx.actor, id)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/groups/{id}/members/{person}", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path), ("person" = uuid::Uuid, Path)),
    responses((status = 204, description = "The person is a member"), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_member(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    crate::extract::PersonParam(person): crate::extract::PersonParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .set_group_member(&ctx.actor, id, person, true)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/groups/{id}/members/{person}", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path), ("person" = uuid::Uuid, Path)),
    responses((status = 204, description = "The person is not a member"), (status = 404, body = crate::error::Problem)))]
pub async fn remove_member(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    crate::extract::PersonParam(person): crate::extract::PersonParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .set_group_member(&ctx.actor, id, person, false)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}
