//! The budget cut through the API: the ranked initiatives and a suggestion for a new budget,
//! and pausing a choice of them.

use crate::AppState;
use crate::api::{ApiResult, id_field, problem};
use crate::extract::{ApiJson, QueryOr};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use mognad_app::plan::budget_cut::{BudgetCut, parse_budget};
use mognad_domain::ids::InitiativeId;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct CutParams {
    /// The new budget in whole kronor; blank for today's plan.
    pub budget: Option<String>,
}

/// The initiatives that go on, ranked by the gap priority they serve, with what pausing each
/// frees and which to pause so the plan fits the budget.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/budget-cut", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), CutParams),
    responses((status = 200, body = BudgetCut), (status = 422, body = crate::error::Problem)))]
pub async fn show(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    QueryOr(p): QueryOr<CutParams>,
) -> ApiResult<Json<BudgetCut>> {
    let budget = parse_budget(p.budget.as_deref().unwrap_or("")).map_err(problem(tr))?;
    let cut = state
        .app
        .plan()
        .budget_cut(&ctx.actor, budget, None)
        .await
        .map_err(problem(tr))?;
    Ok(Json(cut))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CutChoice {
    /// The initiatives to pause; those no longer going on are left as they are.
    pub pause: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CutApplied {
    pub paused: usize,
}

/// Pauses the chosen initiatives together, in one transaction.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/budget-cut", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = CutChoice,
    responses((status = 200, body = CutApplied), (status = 422, body = crate::error::Problem)))]
pub async fn apply(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(c): ApiJson<CutChoice>,
) -> ApiResult<Json<CutApplied>> {
    let ids = c
        .pause
        .iter()
        .map(|p| id_field(tr, "pause", p).map(InitiativeId))
        .collect::<Result<Vec<_>, _>>()?;
    let paused = state
        .app
        .plan()
        .apply_cut(&ctx.actor, &ids)
        .await
        .map_err(problem(tr))?;
    Ok(Json(CutApplied { paused }))
}
