//! The organisation: its pages and its JSON API, and the routes that serve them.

pub mod api;
pub mod pages;

use crate::routes::Routes;

/// Adds this feature's routes.
pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/orgs/{org}", pages::organisation::overview)
        .get("/orgs/{org}/settings", pages::organisation::settings_page)
        .post("/orgs/{org}/settings", pages::organisation::save_settings)
        .get("/orgs/{org}/privacy", pages::privacy::retention)
        .post("/orgs/{org}/privacy", pages::privacy::save_retention)
        .get("/orgs/{org}/people/{id}/data", pages::privacy::data)
        .get("/orgs/{org}/people/{id}/erase", pages::privacy::erase_confirm)
        .post("/orgs/{org}/people/{id}/erase", pages::privacy::erase)
        .get("/api/v1/orgs/{org}/people/{id}/data", api::privacy::data)
        .post("/api/v1/orgs/{org}/people/{id}/erase", api::privacy::erase)
        .get("/api/v1/orgs/{org}/retention", api::privacy::retention)
        .put("/api/v1/orgs/{org}/retention", api::privacy::set_retention)
        .get("/orgs/{org}/units", pages::directory::units::list)
        .get("/orgs/{org}/units/new", pages::directory::units::new)
        .post("/orgs/{org}/units", pages::directory::units::create)
        .get("/orgs/{org}/units/{id}", pages::directory::units::edit)
        .post("/orgs/{org}/units/{id}", pages::directory::units::update)
        .get("/orgs/{org}/units/{id}/chart", pages::orgchart::page)
        .get("/orgs/{org}/chart", pages::orgchart::whole)
        .get("/orgs/{org}/units/{id}/delete", pages::directory::units::confirm)
        .post("/orgs/{org}/units/{id}/delete", pages::directory::units::delete)
        .get("/orgs/{org}/people", pages::directory::people::list)
        .get("/orgs/{org}/people/new", pages::directory::people::new)
        .post("/orgs/{org}/people", pages::directory::people::create)
        .get("/orgs/{org}/people/{id}", pages::directory::people::edit)
        .post("/orgs/{org}/people/{id}", pages::directory::people::update)
        .get(
            "/orgs/{org}/people/{id}/delete",
            pages::directory::people::confirm,
        )
        .post("/orgs/{org}/people/{id}/delete", pages::directory::people::delete)
        .get("/orgs/{org}/groups", pages::directory::groups::list)
        .get("/orgs/{org}/groups/new", pages::directory::groups::new)
        .post("/orgs/{org}/groups", pages::directory::groups::create)
        .get("/orgs/{org}/groups/{id}", pages::directory::groups::edit)
        .post("/orgs/{org}/groups/{id}", pages::directory::groups::update)
        .get(
            "/orgs/{org}/groups/{id}/delete",
            pages::directory::groups::confirm,
        )
        .post("/orgs/{org}/groups/{id}/delete", pages::directory::groups::delete)
        .post(
            "/orgs/{org}/groups/{id}/members",
            pages::directory::groups::add_member,
        )
        .post(
            "/orgs/{org}/groups/{id}/members/{person}/remove",
            pages::directory::groups::remove_member,
        )
        .get("/orgs/{org}/teams", pages::directory::teams::list)
        .get("/orgs/{org}/teams/new", pages::directory::teams::new)
        .post("/orgs/{org}/teams", pages::directory::teams::create)
        .get("/orgs/{org}/teams/{id}", pages::directory::teams::edit)
        .post("/orgs/{org}/teams/{id}", pages::directory::teams::update)
        .get("/orgs/{org}/teams/{id}/delete", pages::directory::teams::confirm)
        .post("/orgs/{org}/teams/{id}/delete", pages::directory::teams::delete)
        .get("/orgs/{org}/checks", pages::checks::page)
        .get("/orgs/{org}/relationships", pages::relations_list::list)
        .get("/orgs/{org}/relationships/new", pages::relations::new)
        .post("/orgs/{org}/relationships", pages::relations::create)
        .get("/orgs/{org}/relationships/{id}", pages::relations::edit)
        .post("/orgs/{org}/relationships/{id}", pages::relations::update)
        .get("/orgs/{org}/relationships/{id}/delete", pages::relations::confirm)
        .post("/orgs/{org}/relationships/{id}/delete", pages::relations::delete)
        .get("/orgs/{org}/import", pages::import::page)
        .post("/orgs/{org}/import", pages::import::upload)
        .get("/api/v1/orgs/{org}", api::organisation::get)
        .put("/api/v1/orgs/{org}", api::organisation::update)
        .get("/api/v1/orgs/{org}/units", api::units::list)
        .post("/api/v1/orgs/{org}/units", api::units::create)
        .get("/api/v1/orgs/{org}/units/{id}", api::units::get)
        .put("/api/v1/orgs/{org}/units/{id}", api::units::update)
        .delete("/api/v1/orgs/{org}/units/{id}", api::units::delete)
        .get("/api/v1/orgs/{org}/people", api::people::list)
        .post("/api/v1/orgs/{org}/people", api::people::create)
        .get("/api/v1/orgs/{org}/people/{id}", api::people::get)
        .put("/api/v1/orgs/{org}/people/{id}", api::people::update)
        .delete("/api/v1/orgs/{org}/people/{id}", api::people::delete)
        .get("/api/v1/orgs/{org}/groups", api::groups::list)
        .post("/api/v1/orgs/{org}/groups", api::groups::create)
        .get("/api/v1/orgs/{org}/groups/{id}", api::groups::get)
        .put("/api/v1/orgs/{org}/groups/{id}", api::groups::update)
        .delete("/api/v1/orgs/{org}/groups/{id}", api::groups::delete)
        .put(
            "/api/v1/orgs/{org}/groups/{id}/members/{person}",
            api::groups::add_member,
        )
        .delete(
            "/api/v1/orgs/{org}/groups/{id}/members/{person}",
            api::groups::remove_member,
        )
        .get("/api/v1/orgs/{org}/teams", api::teams::list)
        .post("/api/v1/orgs/{org}/teams", api::teams::create)
        .get("/api/v1/orgs/{org}/teams/{id}", api::teams::get)
        .put("/api/v1/orgs/{org}/teams/{id}", api::teams::update)
        .delete("/api/v1/orgs/{org}/teams/{id}", api::teams::delete)
        .get("/api/v1/orgs/{org}/checks", api::relationships::checks)
        .get("/api/v1/orgs/{org}/units/{id}/chart", api::relationships::chart)
        .get("/api/v1/orgs/{org}/chart", api::relationships::whole_chart)
        .get("/api/v1/orgs/{org}/relationships", api::relationships::list)
        .post("/api/v1/orgs/{org}/relationships", api::relationships::create)
        .get("/api/v1/orgs/{org}/relationships/{id}", api::relationships::get)
        .put(
            "/api/v1/orgs/{org}/relationships/{id}",
            api::relationships::update,
        )
        .delete(
            "/api/v1/orgs/{org}/relationships/{id}",
            api::relationships::delete,
        )
        .post("/api/v1/orgs/{org}/import", api::import::import)
}
