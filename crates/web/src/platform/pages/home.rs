//! The start page, health check, stylesheet, language switch and the not-found page.

use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::http::set_cookie;
use crate::i18n::Tr;
use crate::page::page_error;
use crate::session::CurrentUser;
use crate::views::{HomePage, Layout, OrgLink};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_domain::org::Language;
use serde::Deserialize;

pub async fn index(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
) -> Result<Response, WebError> {
    let orgs = state
        .app
        .org()
        .my_orgs(current.user.id)
        .await
        .map_err(page_error(tr))?;
    let instance_admin = state
        .app
        .platform()
        .is_instance_admin(current.user.id)
        .await
        .map_err(page_error(tr))?;
    // One organisation and nothing else to do here: straight into it.
    if let ([(only, _)], false) = (orgs.as_slice(), instance_admin) {
        return Ok(Redirect::to(&format!("/orgs/{}", only.id)).into_response());
    }
    let mut l = Layout::bare(tr, csrf.0);
    l.user = Some(current.user.display_name.to_string());
    let orgs = orgs
        .iter()
        .map(|(o, r)| OrgLink {
            href: format!("/orgs/{}", o.id),
            name: o.settings.name.to_string(),
            role: tr.t(&format!("role-{r}")),
        })
        .collect();
    Ok(crate::page::render(HomePage {
        l,
        orgs,
        instance_admin,
    }))
}

/// Liveness and readiness: 200 when the database answers.
/// Alive: the process answers. Says nothing about the database, so a restart is not asked
/// for when only the database is away.
pub async fn healthz() -> Response {
    (StatusCode::OK, "ok\n").into_response()
}

/// Ready: the database takes a write now. A load balancer sends traffic only while it does.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.app.db.writable(std::time::Duration::from_secs(2)).await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready: the database does not take writes");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not take writes\n",
            )
                .into_response()
        }
    }
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        // Two files for reading, one stylesheet for the browser.
        concat!(
            include_str!("../../../static/app.css"),
            include_str!("../../../static/areas.css")
        ),
    )
        .into_response()
}

/// htmx, from the npm package pinned in `assets/package-lock.json` (see `assets/vendor.sh`).
pub async fn htmx() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../../static/vendor/htmx.min.js"),
    )
        .into_response()
}

/// Sortable, from the npm package pinned in `assets/package-lock.json`, for drag and drop.
pub async fn sortable() -> Response {
    script(include_str!("../../../static/vendor/Sortable.min.js"))
}

/// Mognad's own board script: drag and drop over the move forms.
pub async fn board_js() -> Response {
    script(include_str!("../../../static/board.js"))
}

fn script(body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Remembers the chosen language in a cookie and goes back to where the user was.
pub async fn set_language(
    State(state): State<AppState>,
    tr: Tr,
    Path(code): Path<String>,
    crate::extract::QueryOr(q): crate::extract::QueryOr<Next>,
) -> Result<Response, WebError> {
    let lang = Language::parse(&code).map_err(|_| WebError::bad_request(false, tr, "unknown language"))?;
    let next = q
        .next
        .filter(|n| crate::http::safe_next(n))
        .unwrap_or_else(|| "/".into());
    let cookie = set_cookie(
        "lang",
        lang.code(),
        60 * 60 * 24 * 365,
        state.config.secure_cookies,
    );
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

pub async fn not_found(tr: Tr, uri: axum::http::Uri) -> WebError {
    let mut e = WebError::app(
        mognad_app::AppError::NotFound,
        uri.path().starts_with("/api/"),
        tr,
    );
    e.detail = None;
    e
}
