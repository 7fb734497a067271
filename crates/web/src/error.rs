//! How failures reach people: RFC 9457 problem documents under `/api/`, friendly translated
//! pages elsewhere. Internal details go to the log, never to the response.
//!
//! | use-case error  | status | page                         | problem `code`   |
//! |-----------------|--------|------------------------------|------------------|
//! | Unauthenticated | 401    | redirect to `/login?next=…`  | `unauthenticated`|
//! | Forbidden       | 403    | "not allowed"                | `forbidden`      |
//! | NotFound        | 404    | "not found"                  | `not-found`      |
//! | Invalid         | 422    | the form again, with errors  | `invalid`        |
//! | Conflict        | 409    | "conflict" with the reason   | `conflict`       |
//! | Refused         | 409    | "conflict", reason translated| `conflict`       |
//! | Throttled       | 429    | "too many attempts"          | `rate-limited`   |
//! | Constraint      | 409    | "conflict", the rule in words| `conflict`       |
//! | Storage         | 500    | "something went wrong"       | `internal`       |
//! | Internal        | 500    | "something went wrong"       | `internal`       |

pub use crate::error_frame::Shown;
use crate::http::url_encode;
use crate::i18n::{Tr, detect};
use axum::Json;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::{AppError, Invalid};
use serde::Serialize;

/// A problem document (RFC 9457), with Mognad's `code` and field `errors` as extensions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Invalid>,
}

#[derive(Debug)]
pub struct WebError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: Option<String>,
    pub errors: Vec<Invalid>,
    pub api: bool,
    pub tr: Tr,
    /// For sign-in redirects: where to come back to.
    pub next: Option<String>,
}

impl WebError {
    fn new(status: StatusCode, code: &'static str, api: bool, tr: Tr) -> Self {
        Self {
            status,
            code,
            detail: None,
            errors: Vec::new(),
            api,
            tr,
            next: None,
        }
    }

    pub fn unauthenticated(parts: &Parts, api: bool) -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            api,
            Tr::new(detect(parts)),
        );
        e.next = parts.uri.path_and_query().map(|p| p.as_str().to_owned());
        e
    }

    pub fn not_found(parts: &Parts) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            parts.uri.path().starts_with("/api/"),
            Tr::new(detect(parts)),
        )
    }

    pub fn from_app(e: AppError, parts: &Parts) -> Self {
        let api = parts.uri.path().starts_with("/api/");
        let mut w = Self::app(e, api, Tr::new(detect(parts)));
        if w.code == "unauthenticated" {
            w.next = parts.uri.path_and_query().map(|p| p.as_str().to_owned());
        }
        w
    }

    /// Maps a use-case error for an HTML page (`api` = false) or the JSON API.
    pub fn app(e: AppError, api: bool, tr: Tr) -> Self {
        match e {
            AppError::Unauthenticated => Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", api, tr),
            AppError::Forbidden => Self::new(StatusCode::FORBIDDEN, "forbidden", api, tr),
            AppError::NotFound => Self::new(StatusCode::NOT_FOUND, "not-found", api, tr),
            AppError::Invalid(list) => {
                let mut w = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", api, tr);
                w.errors = list;
                w
            }
            e @ AppError::Conflict { .. } => {
                let mut w = Self::new(StatusCode::CONFLICT, "conflict", api, tr);
                w.detail = conflict_text(&e, tr);
                w
            }
            AppError::Refused { code, message } => {
                let mut w = Self::new(StatusCode::CONFLICT, "conflict", api, tr);
                let key = format!("refused-{code}");
                let text = tr.t(&key);
                w.detail = Some(if text == key { message } else { text });
                w
            }
            AppError::Throttled => Self::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", api, tr),
            AppError::Constraint { code, source } => {
                // The database's words are for the log; the reader gets the rule, translated.
                tracing::info!(error = %source, code, "the database refused a write");
                let mut w = Self::new(StatusCode::CONFLICT, "conflict", api, tr);
                w.detail = Some(tr.t(&format!("refused-{code}")));
                w
            }
            AppError::Storage(e) => {
                tracing::error!(error = %e, cause = ?std::error::Error::source(&e), "storage failed");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", api, tr)
            }
            AppError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", api, tr)
            }
        }
    }

    pub fn bad_request(api: bool, tr: Tr, detail: impl Into<String>) -> Self {
        let mut w = Self::new(StatusCode::BAD_REQUEST, "bad-request", api, tr);
        w.detail = Some(detail.into());
        w
    }

    /// Maps a failure to read an uploaded file's form for a page: too large is said as such.
    pub fn multipart(tr: Tr) -> impl Fn(axum::extract::multipart::MultipartError) -> Self + Copy {
        move |e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Self::too_large(false, tr)
            } else {
                Self::bad_request(false, tr, e.body_text())
            }
        }
    }

    pub fn csrf(api: bool, tr: Tr) -> Self {
        Self::new(StatusCode::FORBIDDEN, "csrf", api, tr)
    }

    pub fn too_large(api: bool, tr: Tr) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large", api, tr)
    }

    pub fn timed_out(api: bool, tr: Tr) -> Self {
        Self::new(StatusCode::REQUEST_TIMEOUT, "timed-out", api, tr)
    }

    pub fn rate_limited(api: bool, tr: Tr) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", api, tr)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let title = self.tr.t(&format!("error-{}", self.code));
        if self.api {
            let problem = Problem {
                kind: "about:blank".into(),
                title: self.tr.t(&format!("error-{}", self.code)),
                status: self.status.as_u16(),
                detail: self.detail,
                code: self.code.into(),
                errors: self.errors,
            };
            let mut res = (self.status, Json(problem)).into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/problem+json"),
            );
            return res;
        }
        if self.status == StatusCode::UNAUTHORIZED {
            let next = self
                .next
                .filter(|n| crate::http::safe_next(n))
                .unwrap_or_else(|| "/".into());
            let encoded: String = url_encode(&next);
            return Redirect::to(&format!("/login?next={encoded}")).into_response();
        }
        let tr = self.tr;
        // A page says everything in the reader's language: field problems translated, and no
        // parser's English for an unreadable request.
        let detail = match self.code {
            "bad-request" => Some(tr.t("error-bad-request-detail")),
            _ => self.detail.or_else(|| {
                (!self.errors.is_empty()).then(|| {
                    self.errors
                        .iter()
                        .map(|e| crate::page::translated(e, tr))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
            }),
        };
        let shown = Shown {
            title,
            detail,
            status: self.status,
        };
        let mut res = shown.render(crate::views::Layout::bare(tr, String::new()));
        res.extensions_mut().insert(shown);
        res
    }
}

/// A conflict in the reader's language (`conflict-<code>` with its values); the English
/// message only where a code has no translation. `None` for any other error.
pub fn conflict_text(e: &AppError, tr: Tr) -> Option<String> {
    let AppError::Conflict { code, message, args } = e else {
        return None;
    };
    let key = format!("conflict-{code}");
    let values: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = tr.tn(&key, &values);
    Some(if text == key { message.clone() } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mognad_domain::org::Language;
    use mognad_store::StoreError;

    async fn body(e: AppError, api: bool) -> (StatusCode, String) {
        let res = WebError::app(e, api, Tr::new(Language::Sv)).into_response();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn the_databases_own_words_never_reach_a_reader() {
        let raw = "UNIQUE constraint failed: leadership_groups.org_id, leadership_groups.name";
        for api in [false, true] {
            let e = AppError::Constraint {
                code: "duplicate",
                source: StoreError::Conflict(raw.into()),
            };
            let (status, text) = body(e, api).await;
            assert_eq!(status, StatusCode::CONFLICT);
            assert!(
                !text.contains("UNIQUE") && !text.contains("leadership_groups"),
                "{text}"
            );
            assert!(text.contains("Det finns redan en post"), "{text}");
            let (status, text) = body(AppError::Storage(StoreError::Corrupt(raw.into())), api).await;
            assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
            assert!(!text.contains("UNIQUE"), "{text}");
        }
    }
}
