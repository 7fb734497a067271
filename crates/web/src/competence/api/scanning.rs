//! Environment scanning over JSON: the technology radar's blips and the log of signals.

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::competence::scanning::{BlipInput, RadarBlip, SignalInput, SignalView};
use mognad_domain::ids::BlipId;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct RadarDoc {
    pub blips: Vec<RadarBlip>,
    /// The newest signals first.
    pub signals: Vec<SignalView>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/radar", tag = "scanning",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = RadarDoc), (status = 404, body = crate::error::Problem)))]
pub async fn radar(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<RadarDoc>> {
    let (blips, signals) = state
        .app
        .competence()
        .radar(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(RadarDoc { blips, signals }))
}

/// Adds a blip, or moves the blip with the same name.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/radar/blips", tag = "scanning",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = BlipInput,
    responses((status = 204, description = "Saved"), (status = 422, body = crate::error::Problem)))]
pub async fn save_blip(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<BlipInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .competence()
        .save_blip(&ctx.actor, &input)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/radar/blips/{id}", tag = "scanning",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 204, description = "Removed"), (status = 404, body = crate::error::Problem)))]
pub async fn delete_blip(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .competence()
        .delete_blip(&ctx.actor, BlipId(id))
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/radar/signals", tag = "scanning",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = SignalInput,
    responses((status = 201, body = crate::competence::api::person::Created), (status = 422, body = crate::error::Problem)))]
pub async fn add_signal(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<SignalInput>,
) -> ApiResult<Response> {
    let id = state
        .app
        .competence()
        .add_signal(&ctx.actor, &input)
        .await
        .map_err(problem(tr))?;
    Ok(created(crate::competence::api::person::Created { id: id.0 }))
}
