//! Request extractors whose failures speak our error language: a malformed id, JSON body or
//! form becomes a problem document in the API and a friendly page elsewhere, never axum's
//! plain-text rejection.

use crate::error::WebError;
use crate::i18n::{Tr, detect};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use std::collections::HashMap;
use uuid::Uuid;

async fn param<S: Send + Sync>(parts: &mut Parts, state: &S, name: &str) -> Result<Uuid, WebError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| WebError::not_found(parts))?;
    params
        .get(name)
        .and_then(|v| Uuid::parse_str(v).ok())
        .ok_or_else(|| WebError::not_found(parts))
}

/// The `{id}` path segment as a UUID; anything else is "not found".
pub struct IdParam(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        param(parts, state, "id").await.map(IdParam)
    }
}

/// The `{person}` path segment as a UUID.
pub struct PersonParam(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for PersonParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        param(parts, state, "person").await.map(PersonParam)
    }
}

/// The `{action}` path segment (a development-plan action) as a UUID.
pub struct ActionParam(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for ActionParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        param(parts, state, "action").await.map(ActionParam)
    }
}

/// The `{column}` path segment (a board column) as a UUID.
pub struct ColumnParam(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for ColumnParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        param(parts, state, "column").await.map(ColumnParam)
    }
}

/// The `{item}` path segment (a checklist item) as a UUID.
pub struct ItemParam(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for ItemParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        param(parts, state, "item").await.map(ItemParam)
    }
}

/// The `{area}` path segment (a group, unit or organisation id) as a UUID.
pub struct AreaParam(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for AreaParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        param(parts, state, "area").await.map(AreaParam)
    }
}

/// A JSON body; a malformed one is a 400 problem document naming what was wrong.
///
/// A record is taken only as a JSON object: serde would also read one from a list of its fields
/// in order, which no client means and which would let `[null, null]` pass for a record.
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let tr = Tr::new(detect(&parts));
        let refuse = |why: String| WebError::bad_request(true, tr, why);
        let is_json = parts
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
            .is_some_and(|m| {
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        let req = Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| refuse(e.body_text()))?;
        if !is_json {
            return Err(refuse(
                "Expected request with `Content-Type: application/json`".into(),
            ));
        }
        let list = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        if list && !std::any::type_name::<T>().starts_with("alloc::vec::Vec<") {
            return Err(refuse("Expected a JSON object".into()));
        }
        axum::Json::<T>::from_bytes(&bytes)
            .map(|axum::Json(v)| ApiJson(v))
            .map_err(|e| refuse(e.body_text()))
    }
}

/// An HTML form body; a malformed one is a friendly 400 page.
pub struct PageForm<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let tr = Tr::new(detect(&parts));
        let req = Request::from_parts(parts, body);
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(PageForm(v)),
            Err(e) => Err(WebError::bad_request(false, tr, e.body_text())),
        }
    }
}

/// A query string; a malformed one is a 400 problem document under `/api/`, a page elsewhere.
pub struct QueryOr<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryOr<T> {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(QueryOr(v)),
            Err(e) => Err(WebError::bad_request(
                parts.uri.path().starts_with("/api/"),
                Tr::new(detect(parts)),
                e.body_text(),
            )),
        }
    }
}

/// The kind of plan item a path names by its collection (`/tasks/{id}/…` a card,
/// `/intake/{id}/…` a form), for the archive routes that every kind shares.
pub struct ArchivableParam(pub mognad_domain::plan::archive::Archivable);

impl<S: Send + Sync> FromRequestParts<S> for ArchivableParam {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use mognad_domain::plan::archive::Archivable;
        let matched = axum::extract::MatchedPath::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::not_found(parts))?;
        let collection = matched
            .as_str()
            .split('/')
            .take_while(|s| *s != "{id}")
            .last()
            .unwrap_or_default();
        let kind = match collection {
            "tasks" => Archivable::Card,
            "boards" => Archivable::Board,
            "goals" => Archivable::Goal,
            "initiatives" => Archivable::Initiative,
            "intake" => Archivable::Form,
            "agendas" => Archivable::Agenda,
            _ => return Err(WebError::not_found(parts)),
        };
        Ok(ArchivableParam(kind))
    }
}
