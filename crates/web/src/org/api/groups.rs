//! Leadership groups and their members.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::{IdParam, PersonParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::extract::State;
use axum::http::StatusCode;
use mognad_domain::ids::{GroupId, PersonId};

crate::org::api::record::record_api!(
    tag = "groups",
    collection = "/api/v1/orgs/{org}/groups",
    item = "/api/v1/orgs/{org}/groups/{id}",
    view = mognad_app::org::views::GroupView,
    input = mognad_app::org::directory::NamedInput,
    id = mognad_domain::ids::GroupId,
    list = groups,
    get = group,
    save = save_group,
    delete = delete_group
);

#[utoipa::path(put, path = "/api/v1/orgs/{org}/groups/{id}/members/{person}", tag = "groups",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path), ("person" = uuid::Uuid, Path)),
    responses((status = 204, description = "The person is a member"), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_member(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    PersonParam(person): PersonParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .org()
        .set_group_member(&ctx.actor, GroupId(id), PersonId(person), true)
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
    PersonParam(person): PersonParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .org()
        .set_group_member(&ctx.actor, GroupId(id), PersonId(person), false)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}
