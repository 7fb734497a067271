//! Measurement: its pages and its JSON API, and the routes that serve them.

pub mod api;
pub mod pages;

use crate::routes::Routes;

/// Adds this feature's routes.
pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/r/{token}", pages::respond::show)
        .post("/r/{token}", pages::respond::save)
        .post("/r/{token}/submit", pages::respond::submit)
        .post("/r/{token}/group", pages::respond::choose_group)
        .get("/g/{slug}", pages::shared_link::shared)
        .post("/g/{slug}", pages::shared_link::join)
        .get("/orgs/{org}/models", pages::models::models)
        .post("/orgs/{org}/models", pages::models::upload_model)
        .get("/orgs/{org}/models/{id}", pages::models::model)
        .get("/orgs/{org}/models/{id}/file", pages::models::model_file)
        .get("/orgs/{org}/benchmark", pages::benchmark::show)
        .post("/orgs/{org}/benchmark", pages::benchmark::save)
        .get("/orgs/{org}/rounds", pages::rounds::rounds)
        .get("/orgs/{org}/rounds/new", pages::rounds::new_round)
        .post("/orgs/{org}/rounds", pages::rounds::create_round)
        .get("/orgs/{org}/rounds/{id}", pages::round::round)
        .post("/orgs/{org}/rounds/{id}/state", pages::round::set_state)
        .post("/orgs/{org}/rounds/{id}/invitations", pages::invitations::invite)
        .post("/orgs/{org}/rounds/{id}/reminders", pages::invitations::remind)
        .post("/orgs/{org}/rounds/{id}/sheet", pages::invitations::sheet)
        .post(
            "/orgs/{org}/rounds/{id}/answering-group",
            pages::round::set_answering_group,
        )
        .get("/orgs/{org}/rounds/{id}/results", pages::results::results)
        .get("/orgs/{org}/rounds/{id}/results/{area}", pages::area::area)
        .get(
            "/orgs/{org}/rounds/{id}/results/{area}/report.pdf",
            pages::report::report,
        )
        .post(
            "/orgs/{org}/rounds/{id}/results/{area}/targets",
            pages::area::set_targets,
        )
        .get("/orgs/{org}/rounds/{id}/compare", pages::results::compare)
        .get("/orgs/{org}/rounds/{id}/results.csv", pages::exports::results_csv)
        .get(
            "/orgs/{org}/rounds/{id}/results.xlsx",
            pages::exports::results_xlsx,
        )
        .get("/orgs/{org}/rounds/{id}/answers.csv", pages::exports::answers_csv)
        .get("/api/v1/orgs/{org}/models", api::rounds::models)
        .post("/api/v1/orgs/{org}/models", api::rounds::upload_model)
        .get("/api/v1/orgs/{org}/rounds", api::rounds::rounds)
        .post("/api/v1/orgs/{org}/rounds", api::rounds::create_round)
        .get("/api/v1/orgs/{org}/rounds/{id}", api::rounds::round)
        .put("/api/v1/orgs/{org}/rounds/{id}/state", api::rounds::set_state)
        .post("/api/v1/orgs/{org}/rounds/{id}/invitations", api::results::invite)
        .post("/api/v1/orgs/{org}/rounds/{id}/reminders", api::results::remind)
        .get("/api/v1/orgs/{org}/rounds/{id}/status", api::results::status)
        .get("/api/v1/orgs/{org}/rounds/{id}/results", api::results::results)
        .get(
            "/api/v1/orgs/{org}/rounds/{id}/results/{area}",
            api::results::area,
        )
        .put(
            "/api/v1/orgs/{org}/rounds/{id}/results/{area}/targets",
            api::results::set_targets,
        )
        .get("/api/v1/orgs/{org}/rounds/{id}/compare", api::results::compare)
}
