//! Initiatives over JSON: listing with costs summed, creating, reading and replacing one,
//! its dashboard, and making one from a round's gap list.

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::competence::api::person::Created;
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::plan::initiative_dashboard::InitiativeDashboard;
use mognad_app::plan::initiatives::InitiativeInput;
use mognad_domain::ids::{InitiativeId, RoundId};
use mognad_store::plan::{Cost, Initiative};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize, utoipa::ToSchema)]
pub struct InitiativeDoc {
    pub id: Uuid,
    pub goal_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub owner_id: Option<Uuid>,
    pub starts_on: Option<chrono::NaiveDate>,
    pub ends_on: Option<chrono::NaiveDate>,
    pub status: String,
    pub engines: Vec<String>,
    pub competences: Vec<String>,
    /// The leadership groups it works with; empty for the whole organisation.
    pub group_ids: Vec<Uuid>,
    pub round_id: Option<Uuid>,
    /// Whole kronor.
    pub running_cost: i64,
    pub investment: i64,
}

impl InitiativeDoc {
    fn new(i: Initiative, costs: &[Cost]) -> Self {
        let sum = |kind: &str| {
            costs
                .iter()
                .filter(|k| k.initiative_id == i.id && k.kind == kind)
                .map(|k| k.amount)
                .sum()
        };
        let split = |s: &str| s.split_whitespace().map(str::to_owned).collect();
        InitiativeDoc {
            running_cost: sum("running"),
            investment: sum("investment"),
            engines: split(&i.engines),
            competences: split(&i.competences),
            group_ids: i.groups,
            id: i.id,
            goal_id: i.goal_id,
            title: i.title,
            description: i.description,
            owner_id: i.owner_id,
            starts_on: i.starts_on,
            ends_on: i.ends_on,
            status: i.status,
            round_id: i.round_id,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/initiatives", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<InitiativeDoc>)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<InitiativeDoc>>> {
    let (list, costs) = state
        .app
        .plan()
        .initiatives(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(
        list.into_iter().map(|i| InitiativeDoc::new(i, &costs)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/initiatives", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = InitiativeInput,
    responses((status = 201, body = Created), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<InitiativeInput>,
) -> ApiResult<Response> {
    let id = state
        .app
        .plan()
        .save_initiative(&ctx.actor, None, &input)
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: id.0 }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/initiatives/{id}", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path)),
    responses((status = 200, body = InitiativeDoc), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<InitiativeDoc>> {
    let (list, costs) = state
        .app
        .plan()
        .initiatives(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    let i = list
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(mognad_app::AppError::NotFound)
        .map_err(problem(tr))?;
    Ok(Json(InitiativeDoc::new(i, &costs)))
}

/// Replaces an initiative's fields; engines and groups not sent are removed.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/initiatives/{id}", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path)),
    request_body = InitiativeInput,
    responses((status = 204, description = "Saved"), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn update(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<InitiativeInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .plan()
        .save_initiative(&ctx.actor, Some(InitiativeId(id)), &input)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Its cards' progress and throughput per ISO week, the workload they make, and the maturity
/// trend of its engines in the groups it works with (or the whole organisation).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/initiatives/{id}/dashboard", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path)),
    responses((status = 200, body = InitiativeDashboard), (status = 404, body = crate::error::Problem)))]
pub async fn dashboard(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<InitiativeDashboard>> {
    Ok(Json(
        state
            .app
            .plan()
            .initiative_dashboard(&ctx.actor, InitiativeId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GapInput {
    /// The engine whose gap the initiative should close.
    pub engine: String,
    /// The group or unit whose gap list it comes from (the initiative then works with its
    /// groups); absent for the organisation's.
    #[serde(default, deserialize_with = "mognad_app::input::text_or_null")]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub area_id: String,
}

/// A proposed initiative from one engine's gap in a round's result for the organisation, a
/// unit or a group.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/rounds/{id}/initiatives", tag = "plan",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Round id")),
    request_body = GapInput,
    responses((status = 201, body = Created), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn from_gap(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<GapInput>,
) -> ApiResult<Response> {
    let area = mognad_app::input::parse_ref("area_id", Some(&input.area_id))
        .map_err(|e| problem(tr)(mognad_app::AppError::Invalid(vec![e])))?;
    let i = state
        .app
        .plan()
        .initiative_from_gap(&ctx.actor, RoundId(id), area, &input.engine)
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: i.0 }))
}
