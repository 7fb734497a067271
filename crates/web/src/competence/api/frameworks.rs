//! Competence frameworks.

use crate::AppState;
use crate::api::{ApiResult, created, problem};
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use mognad_app::competence::frameworks::FrameworkInfo;
use mognad_domain::ids::FrameworkId;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/frameworks", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<FrameworkInfo>), (status = 404, body = crate::error::Problem)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<FrameworkInfo>>> {
    Ok(Json(
        state
            .app
            .competence()
            .frameworks(&ctx.actor)
            .await
            .map_err(problem(tr))?,
    ))
}

/// One framework, parsed: levels, areas and competences in both languages.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/frameworks/{id}", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "The framework as in its file (format mognad-framework-1)", body = Object),
        (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<Json<mognad_domain::competence::Framework>> {
    Ok(Json(
        state
            .app
            .competence()
            .framework(&ctx.actor, FrameworkId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

/// Adds a framework file (TOML, format `mognad-framework-1`) as the raw body; errors name their line.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/frameworks", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body(content = String, content_type = "application/toml"),
    responses((status = 201, body = FrameworkInfo), (status = 422, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "That version exists already")))]
pub async fn upload(State(state): State<AppState>, tr: Tr, ctx: OrgCtx, body: String) -> ApiResult<Response> {
    Ok(created(
        state
            .app
            .competence()
            .upload_framework(&ctx.actor, &body)
            .await
            .map_err(problem(tr))?,
    ))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct ImportFile {
    pub name: String,
    pub content: String,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct ImportInput {
    /// `moodle` (one competency-framework CSV) or `esco` (skills, and optionally occupations and
    /// occupation–skill relations CSVs).
    pub kind: String,
    pub files: Vec<ImportFile>,
}

/// Imports a framework from Moodle or ESCO CSV; every bad row is reported and nothing is stored
/// unless the whole import is valid. A repeated import becomes the next version.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/frameworks/import", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = ImportInput,
    responses((status = 201, body = FrameworkInfo), (status = 422, body = crate::error::Problem)))]
pub async fn import(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    crate::extract::ApiJson(input): crate::extract::ApiJson<ImportInput>,
) -> ApiResult<Response> {
    let files: Vec<(String, String)> = input.files.into_iter().map(|f| (f.name, f.content)).collect();
    let info = state
        .app
        .competence()
        .import_framework(&ctx.actor, &input.kind, &files)
        .await
        .map_err(problem(tr))?;
    Ok(created(info))
}

/// Places a role of the framework on a positioning grid: where people in the role are
/// expected to stand. Shown beside each person's own placement.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/frameworks/{id}/roles/{role}/placement", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path),
        ("role" = String, Path, description = "Role id of the framework")),
    request_body = mognad_app::competence::develop::PlaceInput,
    responses((status = 204, description = "Placed"), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn place_role(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    axum::extract::Path(params): axum::extract::Path<std::collections::HashMap<String, String>>,
    crate::extract::ApiJson(input): crate::extract::ApiJson<mognad_app::competence::develop::PlaceInput>,
) -> ApiResult<axum::http::StatusCode> {
    let role = params.get("role").cloned().unwrap_or_default();
    state
        .app
        .competence()
        .place_role(&ctx.actor, FrameworkId(id), &role, &input)
        .await
        .map_err(problem(tr))?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Which version everyone is moved from.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct MoveInput {
    /// Another version of the same framework (its stored id).
    #[serde(default)]
    #[schema(format = Uuid)]
    pub from: String,
}

/// Moves everyone whose profile names version `from` to this version of the same framework.
/// Assessments, levels and development actions of the competences that remain carry over; a
/// role the new version lacks is dropped from the profile.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/frameworks/{id}/move", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
    request_body = MoveInput,
    responses((status = 200, body = mognad_app::competence::moves::Moved),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn move_version(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    crate::extract::ApiJson(input): crate::extract::ApiJson<MoveInput>,
) -> ApiResult<Json<mognad_app::competence::moves::Moved>> {
    Ok(Json(
        state
            .app
            .competence()
            .move_version(&ctx.actor, &input.from, FrameworkId(id))
            .await
            .map_err(problem(tr))?,
    ))
}

/// Which framework a report reads.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct GapQuery {
    /// A stored framework's id; the shipped framework when left out.
    #[param(format = Uuid)]
    pub framework: Option<String>,
}

/// The organisation's gap report: per competence, how many people's roles require it, how
/// many of them are assessed and how many stand below their own role's requirement (counts
/// only; analysts and administrators).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/competence/gaps", tag = "competence",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), GapQuery),
    responses((status = 200, body = mognad_app::competence::gap_report::GapReport),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn gaps(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    crate::extract::QueryOr(q): crate::extract::QueryOr<GapQuery>,
) -> ApiResult<Json<mognad_app::competence::gap_report::GapReport>> {
    // Only a missing parameter means the shipped framework; an empty one is no id (the schema
    // says so, and a client sending it has a bug worth hearing about).
    let framework = match q.framework.as_deref().map(str::trim) {
        None => None,
        Some(raw) => Some(FrameworkId(crate::api::id_field(tr, "framework", raw)?)),
    };
    Ok(Json(
        state
            .app
            .competence()
            .gap_report(&ctx.actor, framework)
            .await
            .map_err(problem(tr))?,
    ))
}
