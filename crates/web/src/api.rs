//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`.
//!
//! It uses the same session cookie as the pages; unsafe methods must also send the CSRF token
//! in the `X-CSRF-Token` header (it is in every page's `csrf-token` meta tag and cookie).
//! Errors are RFC 9457 problem documents (see `crate::error`).

use crate::error::WebError;
use crate::i18n::Tr;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mognad_app::AppError;
use serde::Serialize;

pub type ApiResult<T> = Result<T, WebError>;

/// Maps a use-case error to a problem document in the request's language.
pub fn problem(tr: Tr) -> impl Fn(AppError) -> WebError {
    move |e| WebError::app(e, true, tr)
}

/// 201 with the created record.
pub fn created<T: Serialize>(v: T) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

/// An id sent as text in a JSON body or a query: a malformed one is a 422 naming the field, as
/// any other wrong choice, rather than a 400 for the whole body.
pub fn id_field(tr: crate::i18n::Tr, field: &str, raw: &str) -> Result<uuid::Uuid, crate::error::WebError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| {
        problem(tr)(mognad_app::AppError::invalid(
            field,
            "bad-ref",
            "not a valid choice",
        ))
    })
}
