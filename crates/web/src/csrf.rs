//! Cross-site request forgery protection for every unsafe method (double-submit token).
//!
//! Each browser gets a random token in an HttpOnly, SameSite cookie. Every POST, PUT, PATCH
//! and DELETE must present the same token: HTML forms in a hidden `_csrf` field (multipart
//! forms in the `_csrf` query parameter, so the file need not be buffered twice), API calls in
//! the `X-CSRF-Token` header. A forged cross-site request cannot read the cookie, so it cannot
//! present the token. The token is renewed at sign-in. API requests with an
//! `Authorization: Bearer` token need no CSRF token (see `session`).

use crate::AppState;
use crate::error::WebError;
use crate::http::{cookie, set_cookie};
use crate::i18n::{Tr, detect};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const COOKIE: &str = "mognad_csrf";
pub const FIELD: &str = "_csrf";
pub const HEADER: &str = "x-csrf-token";
const MAX_FORM: usize = 1024 * 1024;

/// The request's CSRF token, for templates to embed in forms.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded_pairs(body)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Decodes `application/x-www-form-urlencoded` pairs.
pub fn serde_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let existing = cookie(req.headers(), COOKIE).filter(|t| t.len() >= 32);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let (parts, body) = req.into_parts();
    let api = parts.uri.path().starts_with("/api/");
    let tr = Tr::new(detect(&parts));
    // A bearer token is sent by a program, never added by a browser on its own, so a forged
    // cross-site request cannot carry one; and such a request is judged by the token alone.
    let bearer = crate::session::bearer(&parts).is_some();
    let mut req = if unsafe_method && !bearer {
        let Some(expected) = existing.as_deref() else {
            return WebError::csrf(api, tr).into_response();
        };
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let header_token = parts
            .headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let query_token = parts.uri.query().and_then(|q| form_field(q.as_bytes(), FIELD));
        let (presented, body) = if content_type.starts_with("application/x-www-form-urlencoded") {
            let Ok(bytes) = to_bytes(body, MAX_FORM).await else {
                return WebError::too_large(api, tr).into_response();
            };
            (form_field(&bytes, FIELD).or(header_token), Body::from(bytes))
        } else {
            (header_token.or(query_token), body)
        };
        if !presented.is_some_and(|p| constant_time_eq(p.as_bytes(), expected.as_bytes())) {
            return WebError::csrf(api, tr).into_response();
        }
        Request::from_parts(parts, body)
    } else {
        Request::from_parts(parts, body)
    };
    let token = existing
        .clone()
        .unwrap_or_else(mognad_app::platform::accounts::random_token);
    req.extensions_mut().insert(CsrfToken(token.clone()));
    // Probes and scrapers come back every few seconds without cookies; they get none.
    let probe = matches!(req.uri().path(), "/healthz" | "/readyz" | "/metrics");
    let mut res = next.run(req).await;
    let cookie = set_cookie(COOKIE, &token, 60 * 60 * 24 * 30, state.config.secure_cookies);
    if existing.is_none()
        && !probe
        && let Ok(v) = HeaderValue::from_str(&cookie)
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for CsrfToken {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .unwrap_or_else(|| CsrfToken(String::new())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_decoded() {
        let pairs = serde_urlencoded_pairs(b"name=%C3%85sa+Berg&_csrf=abc%3D&empty=");
        assert_eq!(pairs[0], ("name".into(), "Åsa Berg".into()));
        assert_eq!(form_field(b"name=x&_csrf=abc%3D", FIELD).as_deref(), Some("abc="));
        assert_eq!(form_field(b"name=x", FIELD), None);
        assert_eq!(serde_urlencoded_pairs(b"a=%ZZ%4")[0].1, "%ZZ%4");
        assert_eq!(serde_urlencoded_pairs("a=%Å%".as_bytes())[0].1, "%Å%");
    }

    #[test]
    fn comparison_needs_equal_tokens() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
