//! The organisation's single sign-on settings through the API (admins read, owners save).

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::ApiJson;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use mognad_domain::ids::OrgId;
use mognad_domain::role::Role;
use serde::Serialize;
use uuid::Uuid;

/// The organisation's identity provider; the client secret is never given back.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SsoOut {
    pub enabled: bool,
    pub issuer: String,
    pub client_id: String,
    pub has_client_secret: bool,
    pub email_domains: Vec<String>,
    pub role_claim: String,
    /// `claim value = role` pairs, one a line.
    pub role_map: String,
    #[schema(schema_with = mognad_app::input::role)]
    pub default_role: Role,
    pub passwords_off: bool,
    /// Where the provider sends the browser back: register it at the provider.
    pub redirect_uri: String,
}

fn sso_out(c: Option<mognad_store::sso::SsoConfig>, redirect_uri: String) -> SsoOut {
    let c = c.unwrap_or(mognad_store::sso::SsoConfig {
        org: OrgId(Uuid::nil()),
        issuer: String::new(),
        client_id: String::new(),
        client_secret: None,
        email_domains: Vec::new(),
        role_claim: String::new(),
        role_map: Vec::new(),
        default_role: Role::Member,
        passwords_off: false,
        enabled: false,
    });
    SsoOut {
        enabled: c.enabled,
        has_client_secret: c.client_secret.is_some(),
        role_map: mognad_store::sso::map_text(&c.role_map),
        issuer: c.issuer,
        client_id: c.client_id,
        email_domains: c.email_domains,
        role_claim: c.role_claim,
        default_role: c.default_role,
        passwords_off: c.passwords_off,
        redirect_uri,
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/sso", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = SsoOut), (status = 403, body = crate::error::Problem)))]
pub async fn sso(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    headers: HeaderMap,
) -> ApiResult<Json<SsoOut>> {
    let c = state
        .app
        .platform()
        .sso_settings(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(sso_out(
        c,
        crate::platform::pages::sso::callback(&state, &headers),
    )))
}

/// Saves the identity provider settings (owners).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/sso", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = mognad_app::platform::sso::SsoInput,
    responses((status = 200, body = SsoOut), (status = 403, body = crate::error::Problem)))]
pub async fn save_sso(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    headers: HeaderMap,
    ApiJson(input): ApiJson<mognad_app::platform::sso::SsoInput>,
) -> ApiResult<Json<SsoOut>> {
    let c = state
        .app
        .platform()
        .save_sso_settings(&ctx.actor, &input)
        .await
        .map_err(problem(tr))?;
    Ok(Json(sso_out(
        Some(c),
        crate::platform::pages::sso::callback(&state, &headers),
    )))
}
