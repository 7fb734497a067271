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
        super::competence::import,
        super::competence::place_role,
        super::person_competence::record,
        super::person_competence::assess,
        super::person_competence::set_role,
        super::person_competence::consent,
        super::person_competence::place,
        super::person_competence::add_action,
        super::person_competence::action_status,
        super::person_competence::unit_matrix,
        super::person_competence::team_matrix,
        super::scanning::radar,
        super::scanning::save_blip,
        super::scanning::delete_blip,
        super::scanning::add_signal,
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
