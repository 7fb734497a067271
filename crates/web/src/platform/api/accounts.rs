//! The organisation's accounts, invitations, API tokens and audit log through the API, for
//! integrations such as an HR sync (owners and admins; the log for owners).

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::extract::{ApiJson, IdParam, QueryOr};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use mognad_domain::ids::UserId;
use mognad_domain::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberOut {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    #[schema(schema_with = mognad_app::input::role)]
    pub role: Role,
    pub active: bool,
    pub last_sign_in: Option<DateTime<Utc>>,
    /// The directory person with the account's e-mail.
    pub person_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/members", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<MemberOut>), (status = 403, body = crate::error::Problem)))]
pub async fn members(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<MemberOut>>> {
    let list = state
        .app
        .platform()
        .members(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(
        list.into_iter()
            .map(|m| MemberOut {
                id: m.user.0,
                email: m.email,
                display_name: m.display_name,
                role: m.role,
                active: m.active,
                last_sign_in: m.last_sign_in,
                person_id: m.person.map(|p| p.0),
            })
            .collect(),
    ))
}

/// A change to a member: a new role, pausing (`active: false`) or resuming, or both.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct MemberChange {
    #[serde(default)]
    #[schema(schema_with = mognad_app::input::role_or_null)]
    pub role: Option<Role>,
    #[serde(default)]
    pub active: Option<bool>,
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/members/{id}", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Account id")),
    request_body = MemberChange,
    responses((status = 204, description = "Changed"), (status = 403, body = crate::error::Problem)))]
pub async fn change_member(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(change): ApiJson<MemberChange>,
) -> ApiResult<StatusCode> {
    state
        .app
        .platform()
        .change_member(&ctx.actor, UserId(id), change.role, change.active)
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct InvitationIn {
    pub email: String,
    #[schema(schema_with = mognad_app::input::role)]
    pub role: Role,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InvitationOut {
    pub id: Uuid,
    pub email: String,
    #[schema(schema_with = mognad_app::input::role)]
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    /// The one-time link, only when no mail server is set up to carry it (then it is for the
    /// inviter to pass on, and shown only in this answer).
    pub link: Option<String>,
    pub mailed: bool,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/invitations", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = InvitationIn,
    responses((status = 201, body = InvitationOut), (status = 403, body = crate::error::Problem)))]
pub async fn invite(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    headers: HeaderMap,
    ApiJson(input): ApiJson<InvitationIn>,
) -> ApiResult<(StatusCode, Json<InvitationOut>)> {
    let issued = state
        .app
        .platform()
        .invite(&ctx.actor, &input.email, input.role)
        .await
        .map_err(problem(tr))?;
    let base = crate::measurement::pages::invitations::public_base(&state, &headers);
    let link = crate::platform::pages::members::invitation_link(&base, &issued);
    let org = state
        .app
        .org()
        .organisation(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    let name = org.settings.name.to_string();
    let mailed =
        crate::platform::pages::mail::invitation(&state, &issued, &name, &link, org.settings.language)
            .await
            .map_err(problem(tr))?;
    let i = issued.invitation;
    Ok((
        StatusCode::CREATED,
        Json(InvitationOut {
            id: i.id,
            email: i.email,
            role: i.role,
            expires_at: i.expires_at,
            link: (!mailed).then_some(link),
            mailed,
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/invitations/{id}", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 204, description = "Withdrawn"), (status = 403, body = crate::error::Problem)))]
pub async fn withdraw(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .platform()
        .withdraw_invitation(&ctx.actor, mognad_domain::ids::InvitationId(id))
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenOut {
    pub id: Uuid,
    pub name: String,
    #[schema(schema_with = mognad_app::input::role)]
    pub role: Role,
    pub owner: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// The secret, only in the answer that made the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl TokenOut {
    fn from(t: mognad_store::api_tokens::ApiToken, secret: Option<String>) -> Self {
        TokenOut {
            id: t.id,
            name: t.name,
            role: t.role,
            owner: t.owner_email,
            created_at: t.created_at,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
            secret,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/tokens", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<TokenOut>), (status = 403, body = crate::error::Problem)))]
pub async fn tokens(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<TokenOut>>> {
    let list = state
        .app
        .platform()
        .tokens(&ctx.actor)
        .await
        .map_err(problem(tr))?;
    Ok(Json(list.into_iter().map(|t| TokenOut::from(t, None)).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenIn {
    pub name: String,
    #[schema(schema_with = mognad_app::input::role)]
    pub role: Role,
    /// Days the token lives, 1 to 366 (a whole number, also written as `30.0`).
    #[serde(deserialize_with = "mognad_app::input::whole")]
    #[schema(value_type = i64)]
    pub days: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/tokens", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id")),
    request_body = TokenIn,
    responses((status = 201, body = TokenOut), (status = 403, body = crate::error::Problem)))]
pub async fn create_token(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(input): ApiJson<TokenIn>,
) -> ApiResult<(StatusCode, Json<TokenOut>)> {
    let issued = state
        .app
        .platform()
        .create_token(&ctx.actor, &input.name, input.role, input.days.unwrap_or(0))
        .await
        .map_err(problem(tr))?;
    Ok((
        StatusCode::CREATED,
        Json(TokenOut::from(issued.token, Some(issued.secret))),
    ))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/tokens/{id}", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id"), ("id" = Uuid, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .platform()
        .revoke_token(&ctx.actor, mognad_domain::ids::ApiTokenId(id))
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub token: Option<String>,
    pub action: String,
    pub subject: String,
    pub client: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// Entries before this moment (the oldest of the previous page); from now when absent.
    pub before: Option<DateTime<Utc>>,
}

/// A page of the audit log, newest first (owners).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/audit", tag = "accounts",
    params(("org" = Uuid, Path, description = "Organisation id"), AuditQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = crate::error::Problem)))]
pub async fn audit(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    QueryOr(q): QueryOr<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    let list = state
        .app
        .platform()
        .audit_log(&ctx.actor, q.before)
        .await
        .map_err(problem(tr))?;
    Ok(Json(
        list.into_iter()
            .map(|e| AuditEntry {
                at: e.at,
                actor: e.actor,
                token: e.token,
                action: e.action,
                subject: e.subject,
                client: e.client,
            })
            .collect(),
    ))
}
