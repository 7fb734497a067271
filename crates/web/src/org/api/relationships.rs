//! The three leadership relationships: supervision, team membership, mentoring.
use mognad_domain::ids::UnitId;

crate::org::api::record::record_api!(
    tag = "relationships",
    collection = "/api/v1/orgs/{org}/relationships",
    item = "/api/v1/orgs/{org}/relationships/{id}",
    view = mognad_app::org::views::RelationshipView,
    input = mognad_app::org::relations::RelationshipInput,
    id = mognad_domain::ids::RelationshipId,
    list = relationships,
    get = relationship,
    save = save_relationship,
    delete = delete_relationship
);

/// Where the three leadership relationships pull apart today.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/checks", tag = "leadership",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), crate::org::pages::checks::SpanQuery),
    responses((status = 200, body = mognad_app::org::checks::ChecksView), (status = 422, body = crate::error::Problem)))]
pub async fn checks(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    tr: crate::i18n::Tr,
    ctx: crate::session::OrgCtx,
    crate::extract::QueryOr(q): crate::extract::QueryOr<crate::org::pages::checks::SpanQuery>,
) -> crate::api::ApiResult<axum::Json<mognad_app::org::checks::ChecksView>> {
    Ok(axum::Json(
        state
            .app
            .org()
            .leadership_checks(&ctx.actor, q.span())
            .await
            .map_err(crate::api::problem(tr))?,
    ))
}

/// The org chart of the whole organisation: everyone, across units and without one, with each
/// row's unit and each team link's team.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/chart", tag = "leadership",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = mognad_app::org::orgchart::OrgChart), (status = 404, body = crate::error::Problem)))]
pub async fn whole_chart(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    tr: crate::i18n::Tr,
    ctx: crate::session::OrgCtx,
) -> crate::api::ApiResult<axum::Json<mognad_app::org::orgchart::OrgChart>> {
    Ok(axum::Json(
        state
            .app
            .org()
            .whole_org_chart(&ctx.actor)
            .await
            .map_err(crate::api::problem(tr))?,
    ))
}

/// The org chart of a unit and the units below it: rows in drawing order, and the team and
/// mentoring links between rows.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/units/{id}/chart", tag = "leadership",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path, description = "Unit id")),
    responses((status = 200, body = mognad_app::org::orgchart::OrgChart), (status = 404, body = crate::error::Problem)))]
pub async fn chart(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    tr: crate::i18n::Tr,
    ctx: crate::session::OrgCtx,
    crate::extract::IdParam(id): crate::extract::IdParam,
) -> crate::api::ApiResult<axum::Json<mognad_app::org::orgchart::OrgChart>> {
    Ok(axum::Json(
        state
            .app
            .org()
            .org_chart(&ctx.actor, UnitId(id))
            .await
            .map_err(crate::api::problem(tr))?,
    ))
}
