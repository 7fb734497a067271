//! The organisation's settings.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::ApiJson;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use mognad_app::org::organisations::SettingsInput;
use mognad_app::org::views::OrgView;

#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "organisation",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = OrgView), (status = 404, body = crate::error::Problem)))]
pub async fn get(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<OrgView>> {
    let org = state
        .app
        .org()
        .organisation(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(OrgView::from(&org)))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}", tag = "organisation",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = SettingsInput,
    responses((status = 200, body = OrgView), (status = 422, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<SettingsInput>,
) -> ApiResult<Json<OrgView>> {
    Ok(Json(
        state
            .app
            .org()
            .update_settings(&ctx.actor, &input)
            .await
            .map_err(problem(tr))?,
    ))
}
