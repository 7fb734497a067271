//! The caller's notifications as JSON: a page of the list, and marking them read. Each reader
//! sees only their own.

use crate::AppState;
use crate::api::{ApiResult, id_field, problem};
use crate::extract::QueryOr;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use mognad_app::platform::notices::Notices;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct NoticeParams {
    /// The `next` of the page before, for older notifications.
    pub before: Option<String>,
}

/// The caller's notifications, newest first, 50 at a time, with the count of unread ones.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/notifications", tag = "account",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), NoticeParams),
    responses((status = 200, body = Notices), (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    QueryOr(p): QueryOr<NoticeParams>,
) -> ApiResult<Json<Notices>> {
    let before = match p.before.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(raw) => Some(mognad_domain::ids::NotificationId(id_field(tr, "before", raw)?)),
        None => None,
    };
    let n = state
        .app
        .platform()
        .notices(&ctx.actor, before)
        .await
        .map_err(problem(tr))?;
    Ok(Json(n))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MarkedRead {
    /// How many were unread.
    pub marked: u64,
}

/// Marks all the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/notifications/read", tag = "account",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = MarkedRead)))]
pub async fn mark_read(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<MarkedRead>> {
    let marked = state
        .app
        .platform()
        .mark_notices_read(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(MarkedRead { marked }))
}
