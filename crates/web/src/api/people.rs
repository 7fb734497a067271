//! People of the organisation.

use super::{ApiResult, created, problem};
use crate::AppState;
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::directory::PersonInput;
use mognad_app::views::PersonView;

/// A page of people.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PeoplePage {
    pub total: i64,
    pub items: Vec<PersonView>,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct PeopleQuery {
    /// Matches name or e-mail, ignoring case.
    pub q: Option<String>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/people", tag = "people",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), PeopleQuery),
    responses((status = 200, body = PeoplePage), (status = 404, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    axum::extract::Query(q): axum::extract::Query<PeopleQuery>,
) -> ApiResult<Json<PeoplePage>> {
    let (items, total) = state
        .app
        .people(
            &ctx.actor,
            q.q.as_deref(),
            q.limit.unwrap_or(100),
            q.offset.unwrap_or(0),
        )
        .await
        .map_err(problem(tr))?;
    Ok(Json(PeoplePage { total, items }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/people/{id}", tag = "people",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<PersonView>> {
    Ok(Json(state.app.person(&ctx.actor, id).await.map_err(problem(tr))?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/people", tag = "people",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = PersonInput,
    responses((status = 201, body = PersonView), (status = 422, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .save_person(&ctx.actor, None, &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/people/{id}", tag = "people",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    request_body = PersonInput,
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<Json<PersonView>> {
    state.app.person(&ctx.actor, id).await.map_err(problem(tr))?;
    Ok(Json(
        state
            .app
            .save_person(&ctx.actor, Some(id), &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/people/{id}", tag = "people",
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
        .delete_person(&ctx.actor, id)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}
