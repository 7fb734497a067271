//! Every route of the server in one table.
//!
//! Routes are added through [`Routes`], which records each method and path, so tests can
//! enumerate the whole surface (e.g. to check that every route has an authorization rule).

use crate::{AppState, csrf, metrics, security};
use axum::Router;
use axum::routing::{MethodRouter, delete, get, post, put};

/// A router that remembers what it serves.
pub struct Routes {
    router: Router<AppState>,
    pub list: Vec<(&'static str, &'static str)>,
}

impl Routes {
    pub(crate) fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.list.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    pub(crate) fn get<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("GET", path, get(h))
    }

    pub(crate) fn post<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("POST", path, post(h))
    }

    pub(crate) fn put<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("PUT", path, put(h))
    }

    pub(crate) fn delete<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("DELETE", path, delete(h))
    }
}

/// Builds the router and returns it with the list of (method, path) it serves.
pub fn build(state: AppState) -> (Router, Vec<(&'static str, &'static str)>) {
    let routes = Routes {
        router: Router::new(),
        list: Vec::new(),
    };
    let routes = [
        crate::platform::routes,
        crate::org::routes,
        crate::measurement::routes,
        crate::competence::routes,
        crate::plan::routes,
    ]
    .into_iter()
    .fold(routes, |r, feature| feature(r))
    .get("/metrics", crate::metrics::render)
    .get("/api/v1/openapi.json", crate::openapi::document);
    let list = routes.list;
    let router = routes
        .router
        .fallback(crate::platform::pages::home::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::protect))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(crate::server::MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::server::body_within,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::error_frame::in_layout,
        ))
        // Outermost, so every answer carries the headers, refusals before routing included.
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state);
    (router, list)
}
