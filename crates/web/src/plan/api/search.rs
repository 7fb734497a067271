//! Searching cards through the API: the page's search as JSON.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::QueryOr;
use crate::i18n::Tr;
use crate::plan::api::plan::BoardParams;
use crate::plan::pages::boards::BoardQuery;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use mognad_app::plan::search::SearchResult;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// Words to find in the cards' title, description, checklist and comments, each as a word's
    /// beginning; every word must be there. Blank: the filter's cards, newest first.
    pub q: Option<String>,
}

/// Cards across every board with the words and the filter, best matches first, at most 50.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/search", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), SearchParams, BoardParams),
    responses((status = 200, body = SearchResult), (status = 404, body = crate::error::Problem)))]
pub async fn search(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    QueryOr(s): QueryOr<SearchParams>,
    QueryOr(p): QueryOr<BoardParams>,
) -> ApiResult<Json<SearchResult>> {
    let filter = BoardQuery::from(p).filter();
    let r = state
        .app
        .plan()
        .search(&ctx.actor, s.q.as_deref().unwrap_or(""), &filter)
        .await
        .map_err(problem(tr))?;
    Ok(Json(r))
}
