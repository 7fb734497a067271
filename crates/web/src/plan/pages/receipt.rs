//! Looking up an intake request by its receipt code: a small public page beside the form,
//! braked against guessing (see `mognad_app::plan::receipts`).

use crate::AppState;
use crate::client_addr::ClientAddr;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::page::{render, translated};
use crate::plan::pages::intake::MaybeUser;
use crate::views::Layout;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::plan::receipts::ReceiptStatus;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "receipt.html")]
pub struct ReceiptPage {
    pub l: Layout,
    pub form: String,
    pub action: String,
    pub code: String,
    pub errors: Vec<String>,
    pub status: Option<ReceiptStatus>,
}

async fn page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    user: Option<mognad_domain::ids::UserId>,
    slug: &str,
) -> Result<ReceiptPage, WebError> {
    let f = s
        .app
        .plan()
        .form_by_link(slug, user)
        .await
        .map_err(|e| WebError::app(e, false, tr))?;
    Ok(ReceiptPage {
        l: Layout::bare(tr, csrf.0.clone()),
        form: f.name,
        action: format!("/f/{slug}/receipt"),
        code: String::new(),
        errors: Vec::new(),
        status: None,
    })
}

pub async fn show(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    Ok(render(page(&s, tr, &csrf, user, &slug).await?))
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
}

pub async fn look_up(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    ClientAddr(client): ClientAddr,
    Path(slug): Path<String>,
    Form(f): Form<CodeForm>,
) -> Result<Response, WebError> {
    let mut p = page(&s, tr, &csrf, user, &slug).await?;
    p.code = f.code.trim().chars().take(40).collect();
    let status = match s.app.plan().receipt_status(&slug, user, &f.code, &client).await {
        Ok(st) => {
            p.status = Some(st);
            StatusCode::OK
        }
        Err(AppError::Invalid(list)) => {
            p.errors = list.iter().map(|i| translated(i, tr)).collect();
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e) => return Err(WebError::app(e, false, tr)),
    };
    let mut res = render(p);
    *res.status_mut() = status;
    Ok(res)
}
