//! Review cycles: the list, starting one, and where each participant stands (for HR systems
//! and dashboards; the sheets themselves are filled in the browser).

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use mognad_app::competence::review_status::CycleView;
use mognad_app::competence::reviews::CycleInput;
use mognad_domain::ids::ReviewId;

/// The review cycles the caller takes part in or manages someone in; all for administrators.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/reviews", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<CycleView>), (status = 404, body = crate::error::Problem)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<CycleView>>> {
    Ok(Json(
        state
            .app
            .competence()
            .review_cycles(&ctx.actor)
            .await
            .map_err(problem(tr))?,
    ))
}

/// Starts a review for a unit (with its sub-units) or a team; everyone in it today takes part
/// and is told by notification and e-mail.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/reviews", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = CycleInput,
    responses((status = 201, body = CycleView), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn start(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<CycleInput>,
) -> ApiResult<Response> {
    let app = state.app.competence();
    let id = app.start_review(&ctx.actor, &input).await.map_err(problem(tr))?;
    Ok(created(
        app.review_status(&ctx.actor, id).await.map_err(problem(tr))?,
    ))
}

/// One cycle: where each participant the caller may see stands.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/reviews/{id}", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = CycleView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<CycleView>> {
    Ok(Json(
        state
            .app
            .competence()
            .review_status(&ctx.actor, ReviewId(id))
            .await
            .map_err(problem(tr))?,
    ))
}
