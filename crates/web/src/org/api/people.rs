//! People of the organisation; the list is paged and searchable.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use mognad_app::org::views::PersonView;

crate::org::api::record::record_api!(
    tag = "people",
    collection = "/api/v1/orgs/{org}/people",
    item = "/api/v1/orgs/{org}/people/{id}",
    view = mognad_app::org::views::PersonView,
    input = mognad_app::org::directory::PersonInput,
    id = mognad_domain::ids::PersonId,
    get = person,
    save = save_person,
    delete = delete_person
);

/// A page of people.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PeoplePage {
    pub total: i64,
    pub items: Vec<PersonView>,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct PeopleQuery {
    /// Matches name or e-mail, ignoring case.
    pub q: Option<String>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/people", tag = "people",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), PeopleQuery),
    responses((status = 200, body = PeoplePage), (status = 404, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    crate::extract::QueryOr(q): crate::extract::QueryOr<PeopleQuery>,
) -> ApiResult<Json<PeoplePage>> {
    let (items, total) = state
        .app
        .org()
        .people(
            &ctx.actor,
            q.q.as_deref(),
            q.limit.unwrap_or(100),
            q.offset.unwrap_or(0),
        )
        .await
        .map_err(problem(tr))?;
    Ok(Json(PeoplePage { total, items }))
}
