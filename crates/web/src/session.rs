//! Who is asking: the session cookie or, in the API, an `Authorization: Bearer` token; the
//! signed-in user; and the organisation they act in.
//!
//! A request that carries a bearer token is judged by the token alone, never by a cookie it
//! may also carry, so the CSRF check (which bearer requests skip) cannot be sidestepped by
//! adding a made-up token to a cookie-authenticated request.

use crate::AppState;
use crate::client_addr::ClientAddr;
use crate::error::WebError;
use crate::http::cookie;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use mognad_app::Actor;
use mognad_app::platform::access::Via;
use mognad_app::platform::tokens::Presented;
use mognad_domain::ids::OrgId;
use mognad_store::users::{InOrg, User};
use std::collections::HashMap;

pub const SESSION_COOKIE: &str = "mognad_session";

/// The bearer token of an API request, if it carries one.
pub fn bearer(parts: &Parts) -> Option<String> {
    if !parts.uri.path().starts_with("/api/") {
        return None;
    }
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// A signed-in user and their session token (empty for a bearer token). Extracting it from a
/// request without a live session fails with `Unauthenticated` (a redirect to the sign-in
/// page, or 401 in the API).
#[derive(Clone)]
pub struct CurrentUser {
    pub user: User,
    pub token: String,
    /// The organisation a bearer token is limited to; `None` for a browser session.
    pub token_org: Option<OrgId>,
}

async fn client(parts: &mut Parts, state: &AppState) -> String {
    match ClientAddr::from_request_parts(parts, state).await {
        Ok(ClientAddr(c)) => c,
        Err(_) => String::new(),
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        if let Some(secret) = bearer(parts) {
            let client = client(parts, state).await;
            return match state.app.platform().present_token(&secret, None, &client).await {
                Ok(Presented::Elsewhere(user, org)) => Ok(CurrentUser {
                    user,
                    token: String::new(),
                    token_org: Some(org),
                }),
                Ok(Presented::Acting(a)) => Ok(CurrentUser {
                    token_org: Some(a.org),
                    user: a.user,
                    token: String::new(),
                }),
                Ok(Presented::Unknown) => Err(WebError::unauthenticated(parts, api)),
                Err(e) => Err(WebError::from_app(e, parts)),
            };
        }
        let token =
            cookie(&parts.headers, SESSION_COOKIE).ok_or_else(|| WebError::unauthenticated(parts, api))?;
        match state.app.platform().session_user(&token).await {
            Ok(Some(user)) => Ok(CurrentUser {
                user,
                token,
                token_org: None,
            }),
            Ok(None) => Err(WebError::unauthenticated(parts, api)),
            Err(e) => Err(WebError::from_app(e, parts)),
        }
    }
}

/// The browser's signed-in user, if it has a live session (for pages anyone may open).
pub async fn signed_in_user(state: &AppState, headers: &axum::http::HeaderMap) -> Option<User> {
    let token = cookie(headers, SESSION_COOKIE)?;
    state.app.platform().session_user(&token).await.ok().flatten()
}

/// A signed-in user acting in the organisation named by the `{org}` path segment.
pub struct OrgCtx {
    pub actor: Actor,
    pub current: CurrentUser,
}

impl FromRequestParts<AppState> for OrgCtx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let org: Option<OrgId> = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|Path(params)| params.get("org").and_then(|o| o.parse().ok()));
        let Some(org) = org else {
            // Signing in comes first, so a bad address does not tell a stranger anything.
            CurrentUser::from_request_parts(parts, state).await?;
            return Err(WebError::not_found(parts));
        };
        let api = parts.uri.path().starts_with("/api/");
        let client = client(parts, state).await;
        if let Some(secret) = bearer(parts) {
            return match state
                .app
                .platform()
                .present_token(&secret, Some(org), &client)
                .await
            {
                Ok(Presented::Acting(actor)) => Ok(OrgCtx {
                    current: CurrentUser {
                        user: actor.user.clone(),
                        token: String::new(),
                        token_org: Some(org),
                    },
                    actor,
                }),
                // A token of another organisation: as for a non-member, nothing is revealed.
                Ok(Presented::Elsewhere(..)) => Err(WebError::not_found(parts)),
                Ok(Presented::Unknown) => Err(WebError::unauthenticated(parts, api)),
                Err(e) => Err(WebError::from_app(e, parts)),
            };
        }
        let token =
            cookie(&parts.headers, SESSION_COOKIE).ok_or_else(|| WebError::unauthenticated(parts, api))?;
        match state.app.platform().session_in_org(&token, org).await {
            Ok(Some(InOrg {
                role: Some(role),
                needs_two_factor: true,
                ..
            // HR reads every competence record, so it is held to the same rule.
            })) if role.at_least(mognad_domain::role::Role::Hr) => Err(WebError::from_app(
                mognad_app::AppError::Refused {
                    code: "two-factor-required",
                    message: "this organisation requires two-factor sign-in of owners, admins and HR; \
                              set it up under your account"
                        .into(),
                },
                parts,
            )),
            // Owners keep their password as the way back in when the provider fails.
            Ok(Some(InOrg {
                role: Some(role),
                needs_sso: true,
                ..
            })) if role != mognad_domain::role::Role::Owner => Err(WebError::from_app(
                mognad_app::AppError::Refused {
                    code: "sso-required",
                    message: "this organisation signs in through its identity provider only; \
                              sign in at /sso"
                        .into(),
                },
                parts,
            )),
            Ok(Some(InOrg {
                user,
                role: Some(role),
                ..
            })) => Ok(OrgCtx {
                actor: Actor {
                    user: user.clone(),
                    org,
                    role,
                    via: Via { client, token: None },
                },
                current: CurrentUser {
                    user,
                    token,
                    token_org: None,
                },
            }),
            // Not a member: the organisation's existence is not revealed.
            Ok(Some(InOrg { role: None, .. })) => Err(WebError::not_found(parts)),
            Ok(None) => Err(WebError::unauthenticated(parts, api)),
            Err(e) => Err(WebError::from_app(e, parts)),
        }
    }
}
