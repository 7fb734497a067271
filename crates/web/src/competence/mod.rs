//! Competence: its pages and its JSON API, and the routes that serve them.

pub mod api;
pub mod pages;

use crate::routes::Routes;

/// Adds this feature's routes.
pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/orgs/{org}/units/{id}/competence", pages::team_map::unit)
        .get("/orgs/{org}/units/{id}/talent", pages::talent::unit)
        .get("/orgs/{org}/teams/{id}/talent", pages::talent::team)
        .get("/orgs/{org}/people/{id}/competence", pages::person::show)
        .post(
            "/orgs/{org}/people/{id}/competence/assessments",
            pages::person_forms::assess,
        )
        .post(
            "/orgs/{org}/people/{id}/competence/role",
            pages::person_forms::set_role,
        )
        .post(
            "/orgs/{org}/people/{id}/competence/consent",
            pages::person_forms::consent,
        )
        .post(
            "/orgs/{org}/people/{id}/competence/placement",
            pages::person_forms::place,
        )
        .post(
            "/orgs/{org}/people/{id}/competence/actions",
            pages::person_forms::add_action,
        )
        .post(
            "/orgs/{org}/people/{id}/competence/actions/{action}/status",
            pages::person_forms::action_status,
        )
        .get("/orgs/{org}/teams/{id}/competence", pages::team_map::team)
        .get("/orgs/{org}/frameworks", pages::frameworks::list)
        .get("/orgs/{org}/competence/gaps", pages::gaps::show)
        .get("/orgs/{org}/reviews", pages::reviews::list)
        .post("/orgs/{org}/reviews", pages::reviews::start)
        .get("/orgs/{org}/reviews/{id}", pages::reviews::show)
        .post("/orgs/{org}/reviews/{id}/remind", pages::reviews::remind)
        .post("/orgs/{org}/reviews/{id}/close", pages::reviews::close)
        .get(
            "/orgs/{org}/reviews/{id}/people/{person}",
            pages::review_sheet::show,
        )
        .post(
            "/orgs/{org}/reviews/{id}/people/{person}",
            pages::review_sheet::submit,
        )
        .post(
            "/orgs/{org}/reviews/{id}/people/{person}/peers",
            pages::review_sheet::peers,
        )
        .post(
            "/orgs/{org}/reviews/{id}/people/{person}/sign-off",
            pages::review_sheet::sign_off,
        )
        .get("/orgs/{org}/competence/gaps.csv", pages::gaps::csv)
        .get("/orgs/{org}/competence/gaps.xlsx", pages::gaps::xlsx)
        .post("/orgs/{org}/frameworks", pages::frameworks::upload)
        .get("/orgs/{org}/frameworks/{id}", pages::frameworks::show)
        .post("/orgs/{org}/frameworks/{id}/move", pages::versions::move_here)
        .get("/orgs/{org}/frameworks/{id}/edit", pages::framework_edit::show)
        .post("/orgs/{org}/frameworks/{id}/edit", pages::framework_edit::save)
        .get(
            "/orgs/{org}/frameworks/{id}/framework.toml",
            pages::frameworks::download_toml,
        )
        .get(
            "/orgs/{org}/frameworks/{id}/moodle.csv",
            pages::frameworks::download_moodle,
        )
        .post(
            "/orgs/{org}/frameworks/{id}/roles/{role}/placement",
            pages::frameworks::place_role,
        )
        .get("/orgs/{org}/radar", pages::radar::show)
        .post("/orgs/{org}/radar", pages::radar::save_blip)
        .post("/orgs/{org}/radar/{id}/delete", pages::radar::delete_blip)
        .post("/orgs/{org}/signals", pages::radar::add_signal)
        .get("/api/v1/orgs/{org}/frameworks", api::frameworks::list)
        .get("/api/v1/orgs/{org}/competence/gaps", api::frameworks::gaps)
        .get("/api/v1/orgs/{org}/reviews", api::reviews::list)
        .post("/api/v1/orgs/{org}/reviews", api::reviews::start)
        .get("/api/v1/orgs/{org}/reviews/{id}", api::reviews::get)
        .post("/api/v1/orgs/{org}/frameworks", api::frameworks::upload)
        .post("/api/v1/orgs/{org}/frameworks/import", api::frameworks::import)
        .get("/api/v1/orgs/{org}/frameworks/{id}", api::frameworks::get)
        .post(
            "/api/v1/orgs/{org}/frameworks/{id}/move",
            api::frameworks::move_version,
        )
        .put(
            "/api/v1/orgs/{org}/frameworks/{id}/roles/{role}/placement",
            api::frameworks::place_role,
        )
        .get("/api/v1/orgs/{org}/people/{id}/competence", api::person::record)
        .post("/api/v1/orgs/{org}/people/{id}/assessments", api::person::assess)
        .put(
            "/api/v1/orgs/{org}/people/{id}/competence/role",
            api::person::set_role,
        )
        .put(
            "/api/v1/orgs/{org}/people/{id}/competence/consent",
            api::person::consent,
        )
        .post("/api/v1/orgs/{org}/people/{id}/placements", api::person::place)
        .post("/api/v1/orgs/{org}/people/{id}/actions", api::person::add_action)
        .put(
            "/api/v1/orgs/{org}/people/{id}/actions/{action}",
            api::person::action_status,
        )
        .get(
            "/api/v1/orgs/{org}/units/{id}/competence",
            api::team_map::unit_matrix,
        )
        .get(
            "/api/v1/orgs/{org}/teams/{id}/competence",
            api::team_map::team_matrix,
        )
        .get("/api/v1/orgs/{org}/radar", api::scanning::radar)
        .post("/api/v1/orgs/{org}/radar/blips", api::scanning::save_blip)
        .delete("/api/v1/orgs/{org}/radar/blips/{id}", api::scanning::delete_blip)
        .post("/api/v1/orgs/{org}/radar/signals", api::scanning::add_signal)
}
