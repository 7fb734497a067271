//! A group's shared link: the page that asks for the access code and trades it for a nameless
//! personal link, or says that the code was wrong, that the link is full or that there were
//! too many wrong tries.

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::measurement::pages::respond::{NotePage, layout, not_found, note};
use crate::page::render;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use serde::Deserialize;

type Page = Result<Response, WebError>;

fn code_page(tr: Tr, csrf: &CsrfToken, slug: &str, title: String, error: Option<String>) -> Response {
    let here = format!("/g/{slug}");
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(NotePage {
        l: layout(tr, csrf, &here),
        heading: title,
        text: tr.t("respond-code-text"),
        link: None,
        code: Some((here, tr.t("respond-code"), error)),
        choice: None,
    });
    *res.status_mut() = status;
    res
}

/// A group's shared link: asks for the access code.
pub async fn shared(
    State(s): State<crate::AppState>,
    tr: Tr,
    csrf: CsrfToken,
    Path(slug): Path<String>,
) -> Page {
    match s.app.measurement().shared_link_info(&slug).await {
        Ok((round, org)) => Ok(code_page(tr, &csrf, &slug, format!("{round} – {org}"), None)),
        Err(AppError::NotFound) => Ok(not_found(tr, &csrf)),
        Err(e) => Err(WebError::app(e, false, tr)),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn join(
    State(s): State<crate::AppState>,
    tr: Tr,
    csrf: CsrfToken,
    Path(slug): Path<String>,
    crate::client_addr::ClientAddr(client): crate::client_addr::ClientAddr,
    Form(f): Form<CodeForm>,
) -> Page {
    match s.app.measurement().join_shared(&slug, &f.code, &client).await {
        Ok(token) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(AppError::Invalid(_)) => {
            let (round, org) = s
                .app
                .measurement()
                .shared_link_info(&slug)
                .await
                .map_err(|e| WebError::app(e, false, tr))?;
            Ok(code_page(
                tr,
                &csrf,
                &slug,
                format!("{round} – {org}"),
                Some(tr.t("respond-code-wrong")),
            ))
        }
        Err(AppError::NotFound) => Ok(not_found(tr, &csrf)),
        Err(AppError::Conflict { .. }) => Ok(note(
            tr,
            &csrf,
            &format!("/g/{slug}"),
            "respond-closed",
            StatusCode::CONFLICT,
        )),
        Err(AppError::Refused { .. }) => Ok(note(
            tr,
            &csrf,
            &format!("/g/{slug}"),
            "respond-full",
            StatusCode::CONFLICT,
        )),
        Err(AppError::Throttled) => Ok(note(
            tr,
            &csrf,
            &format!("/g/{slug}"),
            "respond-throttled",
            StatusCode::TOO_MANY_REQUESTS,
        )),
        Err(e) => Err(WebError::app(e, false, tr)),
    }
}
