//! A person's competence record over JSON: what the reader may see of it, assessments, target
//! role and mentor consent, grid placements and plan actions; and team heatmaps.

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::extract::{ActionParam, ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::competence::assess::{AssessInput, HistoryEntry};
use mognad_app::competence::develop::{ActionInput, PlaceInput, PlanAction};
use mognad_domain::ids::{ActionId, FrameworkId, PersonId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Serialize, utoipa::ToSchema)]
pub struct StandingDoc {
    pub competence: String,
    pub required: Option<u8>,
    /// Latest level per source (`self`, `manager`, `mentor`, `peer`).
    pub by_source: BTreeMap<String, f32>,
    pub combined: Option<f32>,
    pub previous: Option<f32>,
    /// Required minus combined; positive means short of the role.
    pub gap: Option<f32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlacementDoc {
    pub grid: String,
    /// [column, row] from 0 at the low end of each axis.
    pub now: [usize; 2],
    pub target: Option<[usize; 2]>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RecordDoc {
    pub person_id: Uuid,
    pub framework_id: mognad_domain::ids::FrameworkId,
    pub role: Option<String>,
    pub mentor_may_see: bool,
    /// False for a colleague who may only add a peer assessment.
    pub may_view: bool,
    /// The sources the reader may assess as.
    pub sources: Vec<String>,
    pub standings: Vec<StandingDoc>,
    pub history: Vec<HistoryEntry>,
    pub placements: Vec<PlacementDoc>,
    pub actions: Vec<PlanAction>,
    /// Done actions out of those not dropped, 0–100.
    pub progress: Option<u8>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/people/{id}/competence", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    responses((status = 200, body = RecordDoc), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn record(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<RecordDoc>> {
    let app = &state.app;
    let r = app
        .competence()
        .competence_record(&ctx.actor, PersonId(id))
        .await
        .map_err(problem(tr))?;
    let d = if r.access.view {
        Some(
            app.competence()
                .development(&ctx.actor, PersonId(id))
                .await
                .map_err(problem(tr))?,
        )
    } else {
        None
    };
    let cell = |c: mognad_domain::competence::grid::Cell| [c.column, c.row];
    Ok(Json(RecordDoc {
        person_id: id,
        framework_id: r.framework_id,
        role: r.role.map(|x| x.id),
        mentor_may_see: r.mentor_may_see,
        may_view: r.access.view,
        sources: r.access.sources.iter().map(|s| s.as_str().to_owned()).collect(),
        standings: r
            .standings
            .iter()
            .map(|s| StandingDoc {
                competence: s.competence.clone(),
                required: s.required,
                by_source: s
                    .by_source
                    .iter()
                    .map(|(k, v)| (k.as_str().to_owned(), *v))
                    .collect(),
                combined: s.combined,
                previous: s.previous,
                gap: s.gap(),
            })
            .collect(),
        history: r.history,
        placements: d
            .as_ref()
            .map(|d| {
                d.placements
                    .iter()
                    .map(|p| PlacementDoc {
                        grid: p.grid.id.clone(),
                        now: cell(p.now),
                        target: p.target.map(cell),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        progress: d.as_ref().and_then(|d| d.progress),
        actions: d.map(|d| d.actions).unwrap_or_default(),
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/people/{id}/assessments", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    request_body = AssessInput,
    responses((status = 204, description = "Added"), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn assess(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<AssessInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .competence()
        .assess(&ctx.actor, PersonId(id), &input)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RoleInput {
    #[schema(format = Uuid)]
    pub framework_id: String,
    /// A role id of the framework; absent for none.
    #[serde(default)]
    pub role: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/people/{id}/competence/role", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    request_body = RoleInput,
    responses((status = 204, description = "Set"), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn set_role(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<RoleInput>,
) -> ApiResult<StatusCode> {
    let app = &state.app;
    let framework = mognad_app::input::parse_ref("framework_id", Some(&input.framework_id))
        .and_then(|f| {
            f.ok_or_else(|| mognad_app::Invalid::new("framework_id", "empty", "a framework is required"))
        })
        .map_err(|e| problem(tr)(mognad_app::AppError::Invalid(vec![e])))?;
    app.competence()
        .set_target_role(
            &ctx.actor,
            PersonId(id),
            FrameworkId(framework),
            input.role.as_deref(),
        )
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConsentInput {
    /// Whether the person's current mentor may see their record.
    pub allow: bool,
}

/// Only the person themselves may give or withdraw consent.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/people/{id}/competence/consent", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    request_body = ConsentInput,
    responses((status = 204, description = "Set"), (status = 403, body = crate::error::Problem)))]
pub async fn consent(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<ConsentInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .competence()
        .set_mentor_consent(&ctx.actor, PersonId(id), input.allow)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/people/{id}/placements", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    request_body = PlaceInput,
    responses((status = 204, description = "Placed"), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn place(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<PlaceInput>,
) -> ApiResult<StatusCode> {
    state
        .app
        .competence()
        .place(&ctx.actor, PersonId(id), &input)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: Uuid,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/people/{id}/actions", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id")),
    request_body = ActionInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn add_action(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<ActionInput>,
) -> ApiResult<Response> {
    let id = state
        .app
        .competence()
        .add_action(&ctx.actor, PersonId(id), &input)
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: id.0 }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusInput {
    /// `planned`, `started`, `done` or `dropped`.
    pub status: String,
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/people/{id}/actions/{action}", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Person id"),
        ("action" = Uuid, Path, description = "Plan action id")),
    request_body = StatusInput,
    responses((status = 204, description = "Set"), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn action_status(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ActionParam(action): ActionParam,
    ApiJson(input): ApiJson<StatusInput>,
) -> ApiResult<StatusCode> {
    let app = &state.app;
    app.competence()
        .set_action_status(&ctx.actor, PersonId(id), ActionId(action), &input.status)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}
