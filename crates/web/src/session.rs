//! Who is asking: the session cookie, the signed-in user, and the organisation they act in.

use crate::AppState;
use crate::error::WebError;
use crate::http::cookie;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use mognad_app::Actor;
use mognad_domain::ids::OrgId;
use mognad_store::users::User;
use std::collections::HashMap;

pub const SESSION_COOKIE: &str = "mognad_session";

/// A signed-in user and their session token. Extracting it from a request without a live
/// session fails with `Unauthenticated` (a redirect to the sign-in page, or 401 in the API).
#[derive(Clone)]
pub struct CurrentUser {
    pub user: User,
    pub token: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let token =
            cookie(&parts.headers, SESSION_COOKIE).ok_or_else(|| WebError::unauthenticated(parts, api))?;
        match state.app.platform().session_user(&token).await {
            Ok(Some(user)) => Ok(CurrentUser { user, token }),
            Ok(None) => Err(WebError::unauthenticated(parts, api)),
            Err(e) => Err(WebError::from_app(e, parts)),
        }
    }
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
        let token =
            cookie(&parts.headers, SESSION_COOKIE).ok_or_else(|| WebError::unauthenticated(parts, api))?;
        match state.app.platform().session_in_org(&token, org).await {
            Ok(Some((user, Some(role)))) => Ok(OrgCtx {
                actor: Actor {
                    user: user.clone(),
                    org,
                    role,
                },
                current: CurrentUser { user, token },
            }),
            // Not a member: the organisation's existence is not revealed.
            Ok(Some((_, None))) => Err(WebError::not_found(parts)),
            Ok(None) => Err(WebError::unauthenticated(parts, api)),
            Err(e) => Err(WebError::from_app(e, parts)),
        }
    }
}
