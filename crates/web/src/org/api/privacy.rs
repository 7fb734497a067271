//! A person's rights over their data through the API: the document of everything held about
//! them, erasure, and the organisation's retention periods.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use mognad_app::org::privacy::{Erased, RetentionInput, RetentionView};
use mognad_domain::ids::PersonId;

/// Everything stored about a person (administrators, or the person themself): directory entry,
/// memberships, relationships, competence records, cards and initiatives, the rounds they were
/// invited to (never whether they answered), intake requests with their address, their account.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/people/{id}/data", tag = "privacy",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    responses((status = 200, description = "The person's data", body = Object), (status = 403, body = crate::error::Problem)))]
pub async fn data(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(Json(
        state
            .app
            .org()
            .person_data(&ctx.actor, PersonId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

/// Erases a person and everything that hangs on them; their anonymous answers stay counted.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/people/{id}/erase", tag = "privacy",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    responses((status = 200, body = Erased), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn erase(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<Erased>> {
    Ok(Json(
        state
            .app
            .org()
            .erase_person(&ctx.actor, PersonId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/retention", tag = "privacy",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = RetentionView), (status = 403, body = crate::error::Problem)))]
pub async fn retention(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<RetentionView>> {
    Ok(Json(
        state.app.org().retention(&ctx.actor).await.map_err(problem(tr))?,
    ))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/retention", tag = "privacy",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = RetentionInput,
    responses((status = 200, body = RetentionView), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn set_retention(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<RetentionInput>,
) -> ApiResult<Json<RetentionView>> {
    Ok(Json(
        state
            .app
            .org()
            .set_retention(&ctx.actor, &input)
            .await
            .map_err(problem(tr))?,
    ))
}
