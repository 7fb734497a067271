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
}
