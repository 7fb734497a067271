//! Competence frameworks.

use super::{ApiResult, created, problem};
use crate::AppState;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use mognad_app::competence::FrameworkInfo;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/frameworks", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<FrameworkInfo>), (status = 404, body = crate::error::Problem)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<FrameworkInfo>>> {
    Ok(Json(state.app.frameworks(&ctx.actor).await.map_err(problem(tr))?))
}

/// One framework, parsed: levels, areas and competences in both languages.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/frameworks/{id}", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "The framework as in its file (format mognad-framework-1)", body = Object),
        (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<mognad_domain::competence::Framework>> {
    Ok(Json(
        state.app.framework(&ctx.actor, id).await.map_err(problem(tr))?,
    ))
}

/// Adds a framework file (TOML, format `mognad-framework-1`) as the raw body; errors name their line.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/frameworks", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body(content = String, content_type = "application/toml"),
    responses((status = 201, body = FrameworkInfo), (status = 422, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "That version exists already")))]
pub async fn upload(State(state): State<AppState>, tr: Tr, ctx: OrgCtx, body: String) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .upload_framework(&ctx.actor, &body)
            .await
            .map_err(problem(tr))?,
    ))
}
