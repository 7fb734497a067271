//! Invitations, response rates and results of a round: the API twin of the round and result
//! pages, under the same anonymity rules (withheld areas carry `visible: false` and no numbers).

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::QueryOr;
use crate::extract::{ApiJson, AreaParam, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mognad_app::measurement::compare::{Comparison, TargetInput};
use mognad_app::measurement::detail::AreaDetail;
use mognad_app::measurement::invite::{GroupStatus, IssuedLink};
use mognad_app::measurement::remind::ReminderReport;
use mognad_app::measurement::results::RoundResults;
use mognad_domain::ids::RoundId;
use serde::Deserialize;

/// Makes a personal link for every member of the round's groups who has none. The tokens are
/// in this response only; they are not stored.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/rounds/{id}/invitations", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 201, body = Vec<IssuedLink>), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "The round is closed")))]
pub async fn invite(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<(StatusCode, Json<Vec<IssuedLink>>)> {
    let links = state
        .app
        .measurement()
        .issue_invitations(&ctx.actor, RoundId(id))
        .await
        .map_err(problem(tr))?;
    Ok((StatusCode::CREATED, Json(links)))
}

/// Mails a reminder with a fresh link to everyone invited personally who has not answered and
/// has an address. Answers with counts only, never who.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/rounds/{id}/reminders", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ReminderReport), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "The round is closed, or no mail is configured")))]
pub async fn remind(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    headers: axum::http::HeaderMap,
) -> ApiResult<Json<ReminderReport>> {
    let origin = crate::measurement::pages::invitations::origin(&state, &headers);
    Ok(Json(
        crate::measurement::pages::invitations::remind_by_mail(&state, &ctx.actor, id, &origin)
            .await
            .map_err(problem(tr))?,
    ))
}

/// Members, links and answers per group; shared links and access codes for admins.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/rounds/{id}/status", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<GroupStatus>), (status = 404, body = crate::error::Problem)))]
pub async fn status(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<Vec<GroupStatus>>> {
    Ok(Json(
        state
            .app
            .measurement()
            .round_status(&ctx.actor, RoundId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

/// Engine scores of every group, unit subtree and the organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/rounds/{id}/results", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, body = RoundResults), (status = 404, body = crate::error::Problem)))]
pub async fn results(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<RoundResults>> {
    Ok(Json(
        state
            .app
            .measurement()
            .results(&ctx.actor, RoundId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

/// One area (group, unit or organisation id) in depth.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/rounds/{id}/results/{area}", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path),
        ("area" = uuid::Uuid, Path, description = "A group, unit or the organisation")),
    responses((status = 200, body = AreaDetail), (status = 404, body = crate::error::Problem)))]
pub async fn area(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    AreaParam(area): AreaParam,
) -> ApiResult<Json<AreaDetail>> {
    Ok(Json(
        state
            .app
            .measurement()
            .area_detail(&ctx.actor, RoundId(id), area)
            .await
            .map_err(problem(tr))?,
    ))
}

/// Sets targets per engine for the organisation (its id as `area`) or a group; `null` clears one.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/rounds/{id}/results/{area}/targets", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path),
        ("area" = uuid::Uuid, Path, description = "A group or the organisation")),
    request_body = Vec<TargetInput>,
    responses((status = 204), (status = 422, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn set_targets(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    AreaParam(area): AreaParam,
    ApiJson(input): ApiJson<Vec<TargetInput>>,
) -> ApiResult<StatusCode> {
    state
        .app
        .measurement()
        .set_targets(&ctx.actor, RoundId(id), area, &input)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct CompareQuery {
    /// The earlier round.
    with: uuid::Uuid,
}

/// Change per area and engine from round `with` to this round, with 95% intervals.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/rounds/{id}/compare", tag = "measurement",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path), CompareQuery),
    responses((status = 200, body = Comparison), (status = 404, body = crate::error::Problem)))]
pub async fn compare(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    QueryOr(q): QueryOr<CompareQuery>,
) -> ApiResult<Json<Comparison>> {
    Ok(Json(
        state
            .app
            .measurement()
            .compare(&ctx.actor, RoundId(q.with), RoundId(id))
            .await
            .map_err(problem(tr))?,
    ))
}
