//! Importing the directory from an HR export through the API: CSV or XLSX as the raw body.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use mognad_app::org::import::ImportReport;
use serde::Deserialize;

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
