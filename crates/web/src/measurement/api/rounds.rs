//! Maturity models and measurement rounds.

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use mognad_app::measurement::rounds::{ModelInfo, RoundInput, RoundView};
use mognad_domain::ids::RoundId;
use serde::Deserialize;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/models", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<ModelInfo>), (status = 404, body = crate::error::Problem)))]
pub async fn models(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<ModelInfo>>> {
    Ok(Json(
        state
            .app
            .measurement()
            .models(&ctx.actor)
            .await
            .map_err(problem(tr))?,
    ))
}

/// Uploads a model file (TOML, format `mognad-model-1`) as the raw body. Errors name their line.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/models", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body(content = String, content_type = "application/toml"),
    responses((status = 201, body = ModelInfo), (status = 422, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "That version is used by a round")))]
pub async fn upload_model(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    body: String,
) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .measurement()
            .upload_model(&ctx.actor, &body)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/rounds", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<RoundView>), (status = 404, body = crate::error::Problem)))]
pub async fn rounds(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<RoundView>>> {
    Ok(Json(
        state
            .app
            .measurement()
            .rounds(&ctx.actor)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/rounds", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = RoundInput,
    responses((status = 201, body = RoundView), (status = 422, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn create_round(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<RoundInput>,
) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .measurement()
            .create_round(&ctx.actor, &input)
            .await
            .map_err(problem(tr))?,
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/rounds/{id}", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = RoundView), (status = 404, body = crate::error::Problem)))]
pub async fn round(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(
        state
            .app
            .measurement()
            .round(&ctx.actor, RoundId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StateChange {
    /// `open` (from draft) or `closed` (from open).
    pub state: String,
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/rounds/{id}/state", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    request_body = StateChange,
    responses((status = 200, body = RoundView), (status = 422, body = crate::error::Problem, description = "Not a move the round can make"),
        (status = 404, body = crate::error::Problem)))]
pub async fn set_state(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(change): ApiJson<StateChange>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(
        state
            .app
            .measurement()
            .set_round_state(&ctx.actor, RoundId(id), &change.state)
            .await
            .map_err(problem(tr))?,
    ))
}
