//! The platform (home, sign-in, the account): its pages and its JSON API, and the routes that serve them.

pub mod api;
pub mod pages;

use crate::routes::Routes;

/// Adds this feature's routes.
pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/", pages::home::index)
        .get("/healthz", pages::home::healthz)
        .get("/readyz", pages::home::readyz)
        .get("/static/app.css", pages::home::stylesheet)
        .get("/static/htmx.min.js", pages::home::htmx)
        .get("/static/sortable.min.js", pages::home::sortable)
        .get("/static/board.js", pages::home::board_js)
        .get("/lang/{code}", pages::home::set_language)
        .get("/login", pages::auth::login_page)
        .post("/login", pages::auth::login)
        .post("/logout", pages::auth::logout)
        .get("/account", pages::auth::account_page)
        .post("/account/password", pages::auth::change_password)
        .get("/api/v1/me", api::account::me)
        .get("/api/v1/orgs/{org}/members", api::accounts::members)
        .put("/api/v1/orgs/{org}/members/{id}", api::accounts::change_member)
        .post("/api/v1/orgs/{org}/invitations", api::accounts::invite)
        .delete("/api/v1/orgs/{org}/invitations/{id}", api::accounts::withdraw)
        .get("/api/v1/orgs/{org}/tokens", api::accounts::tokens)
        .post("/api/v1/orgs/{org}/tokens", api::accounts::create_token)
        .delete("/api/v1/orgs/{org}/tokens/{id}", api::accounts::revoke_token)
        .get("/api/v1/orgs/{org}/audit", api::accounts::audit)
        .get("/admin", pages::instance::index)
        .post("/admin/orgs", pages::instance::create)
        .get("/setup/{token}", pages::links::setup_page)
        .post("/setup/{token}", pages::links::setup)
        .get("/invite/{token}", pages::links::invite_page)
        .post("/invite/{token}", pages::links::accept)
        .get("/password/forgot", pages::links::forgot_page)
        .post("/password/forgot", pages::links::forgot)
        .get("/password/reset/{token}", pages::links::reset_page)
        .post("/password/reset/{token}", pages::links::reset)
        .get("/orgs/{org}/members", pages::members::list)
        .post("/orgs/{org}/members/invite", pages::members::invite)
        .post("/orgs/{org}/members/{id}/role", pages::members::set_role)
        .post("/orgs/{org}/members/{id}/active", pages::members::set_active)
        .post("/orgs/{org}/invitations/{id}/withdraw", pages::members::withdraw)
        .get("/orgs/{org}/tokens", pages::tokens::list)
        .post("/orgs/{org}/tokens", pages::tokens::create)
        .post("/orgs/{org}/tokens/{id}/revoke", pages::tokens::revoke)
        .get("/orgs/{org}/audit", pages::audit::list)
        .get("/orgs/{org}/audit.csv", pages::audit::csv)
}
