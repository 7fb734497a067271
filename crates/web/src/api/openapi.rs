//! The OpenAPI description of `/api/v1`, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mognad API",
        description = "Digital maturity, competence and transformation planning."
    ),
    paths(
        super::me,
        super::import,
        super::orgs::get,
        super::orgs::update,
        super::units::list,
        super::units::get,
        super::units::create,
        super::units::update,
        super::units::delete,
        super::people::list,
        super::people::get,
        super::people::create,
        super::people::update,
        super::people::delete,
        super::groups::list,
        super::groups::get,
        super::groups::create,
        super::groups::update,
        super::groups::delete,
        super::groups::add_member,
        super::groups::remove_member,
        super::teams::list,
        super::teams::get,
        super::teams::create,
        super::teams::update,
        super::teams::delete,
        super::relationships::list,
        super::relationships::get,
        super::relationships::create,
        super::relationships::update,
        super::relationships::delete,
        super::measurement::models,
        super::measurement::upload_model,
        super::measurement::rounds,
        super::measurement::create_round,
        super::measurement::round,
        super::measurement::set_state,
        super::relationships::checks,
        super::competence::list,
        super::competence::get,
        super::competence::upload,
        super::relationships::chart,
        super::results::invite,
        super::results::remind,
        super::results::status,
        super::results::results,
        super::results::area,
        super::results::set_targets,
        super::results::compare,
    ),
    components(schemas(crate::error::Problem, mognad_app::Invalid, mognad_app::import::RowError))
)]
pub struct ApiDoc;

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "This document")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
