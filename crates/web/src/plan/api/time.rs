//! Time on cards through the API: logging an entry, a card's entries, and the timesheet.

use crate::AppState;
use crate::api::{ApiResult, created, id_field, problem};
use crate::competence::api::person::Created;
use crate::extract::{ApiJson, IdParam, QueryOr};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use mognad_app::plan::time_log::{CardTime, TimeInput};
use mognad_app::plan::timesheet::Timesheet;
use mognad_domain::ids::{PersonId, TaskId};
use serde::Deserialize;

/// Logs time on a card: who worked, which day (not after today), how long (at most a day).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/tasks/{id}/time", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path, description = "Card id")),
    request_body = TimeInput,
    responses((status = 201, body = Created), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn log(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(input): ApiJson<TimeInput>,
) -> ApiResult<Response> {
    let entry = state
        .app
        .plan()
        .log_time(&ctx.actor, TaskId(id), &input)
        .await
        .map_err(problem(tr))?;
    Ok(created(Created { id: entry.0 }))
}

/// What was logged on a card, the latest day first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/tasks/{id}/time", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path, description = "Card id")),
    responses((status = 200, body = CardTime), (status = 404, body = crate::error::Problem)))]
pub async fn card(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<CardTime>> {
    let t = state
        .app
        .plan()
        .card_time(&ctx.actor, TaskId(id))
        .await
        .map_err(problem(tr))?;
    Ok(Json(t))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SheetParams {
    /// One person's entries (their id); absent or blank for everyone.
    pub person: Option<String>,
    /// `YYYY-MM-DD`; absent for the first of this month.
    pub from: Option<String>,
    /// `YYYY-MM-DD`; absent for today. At most a year after `from`.
    pub to: Option<String>,
}

/// Time logged over a period, by day, with a total per person.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/timesheet", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), SheetParams),
    responses((status = 200, body = Timesheet), (status = 422, body = crate::error::Problem)))]
pub async fn sheet(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    QueryOr(p): QueryOr<SheetParams>,
) -> ApiResult<Json<Timesheet>> {
    let person = match p.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(raw) => Some(PersonId(id_field(tr, "person", raw)?)),
        None => None,
    };
    let s = state
        .app
        .plan()
        .timesheet(
            &ctx.actor,
            person,
            p.from.as_deref().unwrap_or(""),
            p.to.as_deref().unwrap_or(""),
        )
        .await
        .map_err(problem(tr))?;
    Ok(Json(s))
}
