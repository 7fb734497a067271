//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`.
//!
//! It uses the same session cookie as the pages; unsafe methods must also send the CSRF token
//! in the `X-CSRF-Token` header (it is in every page's `csrf-token` meta tag and cookie).
//! Errors are RFC 9457 problem documents (see `crate::error`).

pub mod competence;
pub mod groups;
pub mod initiatives;
pub mod measurement;
pub mod openapi;
pub mod orgs;
pub mod people;
pub mod person_competence;
pub mod plan;
mod record;
pub mod relationships;
pub mod results;
pub mod scanning;
pub mod teams;
pub mod units;

use crate::AppState;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::session::{CurrentUser, OrgCtx};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use mognad_app::AppError;
use mognad_app::org::import::ImportReport;
use serde::{Deserialize, Serialize};

pub type ApiResult<T> = Result<T, WebError>;

/// Maps a use-case error to a problem document in the request's language.
pub fn problem(tr: Tr) -> impl Fn(AppError) -> WebError {
    move |e| WebError::app(e, true, tr)
}

/// 201 with the created record.
pub fn created<T: Serialize>(v: T) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

/// The signed-in user and their organisations.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: uuid::Uuid,
    pub email: String,
    pub display_name: String,
    pub organisations: Vec<MyOrg>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MyOrg {
    pub id: uuid::Uuid,
    pub name: String,
    pub role: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = crate::error::Problem)))]
pub async fn me(State(state): State<AppState>, tr: Tr, current: CurrentUser) -> ApiResult<Json<Me>> {
    let orgs = state
        .app
        .org()
        .my_orgs(current.user.id)
        .await
        .map_err(problem(tr))?;
    Ok(Json(Me {
        id: current.user.id.0,
        email: current.user.email.to_string(),
        display_name: current.user.display_name.to_string(),
        organisations: orgs
            .iter()
            .map(|(o, r)| MyOrg {
                id: o.id.0,
                name: o.settings.name.to_string(),
                role: r.to_string(),
            })
            .collect(),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// Only check the file; write nothing. Default true.
    pub dry_run: Option<bool>,
    /// The file name, used to tell CSV from XLSX when the content does not.
    pub filename: Option<String>,
}

/// Imports people, units and leadership groups from a CSV or XLSX file sent as the raw body.
/// Any rejected row means nothing is written; the report lists every rejected row.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/import", tag = "import",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport, description = "Checked or applied"),
        (status = 422, body = ImportReport, description = "Rows were rejected; nothing was written"),
        (status = 400, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn import(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    crate::extract::QueryOr(q): crate::extract::QueryOr<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let name = q.filename.unwrap_or_else(|| {
        let xlsx = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.contains("spreadsheetml"));
        if xlsx {
            "upload.xlsx".into()
        } else {
            "upload.csv".into()
        }
    });
    let report = state
        .app
        .org()
        .import_people(&ctx.actor, &name, &body, q.dry_run.unwrap_or(true))
        .await
        .map_err(problem(tr))?;
    let status = if report.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)).into_response())
}
