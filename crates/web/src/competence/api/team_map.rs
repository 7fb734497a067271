//! The team competence map through the API: a unit (with its sub-units) or a team, as far as the
//! caller may see each row.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::IdParam;
use crate::extract::QueryOr;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use mognad_app::competence::team_map::Scope;
use mognad_domain::ids::{FrameworkId, TeamId, UnitId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MatrixDoc {
    pub name: String,
    pub framework_id: mognad_domain::ids::FrameworkId,
    pub competences: Vec<String>,
    /// The team's requirement per competence (the highest any member's role asks).
    pub required: Vec<Option<u8>>,
    pub people: Vec<mognad_domain::ids::PersonId>,
    pub names: Vec<String>,
    /// Combined levels, a row per person, a column per competence.
    pub levels: Vec<Vec<Option<f32>>>,
    #[schema(value_type = Vec<Object>)]
    pub risks: Vec<mognad_domain::competence::team::Risk>,
    /// People of the unit or team the reader may not see.
    pub hidden: usize,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MatrixQuery {
    /// A framework id; the shipped framework when absent.
    pub framework: Option<Uuid>,
}

pub(crate) async fn matrix(
    state: AppState,
    tr: Tr,
    ctx: OrgCtx,
    scope: Scope,
    q: MatrixQuery,
) -> ApiResult<Response> {
    let v = state
        .app
        .competence()
        .team_competence(&ctx.actor, scope, q.framework.map(FrameworkId))
        .await
        .map_err(problem(tr))?;
    Ok(Json(MatrixDoc {
        name: v.name,
        framework_id: v.framework_id,
        required: v.matrix.required,
        competences: v.matrix.competences,
        people: v.people,
        names: v.matrix.people,
        levels: v.matrix.levels,
        risks: v.risks,
        hidden: v.hidden,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/units/{id}/competence", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Unit id"), MatrixQuery),
    responses((status = 200, body = MatrixDoc), (status = 404, body = crate::error::Problem)))]
pub async fn unit_matrix(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    QueryOr(q): QueryOr<MatrixQuery>,
) -> ApiResult<Response> {
    matrix(state, tr, ctx, Scope::Unit(UnitId(id)), q).await
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/teams/{id}/competence", tag = "competence",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Team id"), MatrixQuery),
    responses((status = 200, body = MatrixDoc), (status = 404, body = crate::error::Problem)))]
pub async fn team_matrix(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    QueryOr(q): QueryOr<MatrixQuery>,
) -> ApiResult<Response> {
    matrix(state, tr, ctx, Scope::Team(TeamId(id)), q).await
}
