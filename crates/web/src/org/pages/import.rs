//! The import page: upload a CSV or XLSX file of people, try it (dry run) or apply it, and
//! see every rejected row with its reason.

use crate::csrf::{self, CsrfToken};
use crate::error::WebError;
use crate::page::page_error;
use crate::page::{PageCtx, org_layout, render};
use crate::session::OrgCtx;
use crate::views::ImportPage;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::AppError;
use mognad_domain::role::Role;

fn action(ctx: &OrgCtx, csrf: &CsrfToken) -> String {
    // Multipart bodies are not buffered by the CSRF check, so the token travels in the query.
    format!("/orgs/{}/import?{}={}", ctx.actor.org, csrf::FIELD, csrf.0)
}

pub async fn page(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
) -> Result<Response, WebError> {
    ctx.actor.require(Role::Admin).map_err(page_error(tr))?;
    let l = org_layout(
        &state,
        &ctx,
        tr,
        &csrf,
        "import",
        &format!("/orgs/{}/import", ctx.actor.org),
    )
    .await?;
    Ok(render(ImportPage {
        l,
        action: action(&ctx, &csrf),
        report: None,
        error: None,
    }))
}

pub async fn upload(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
    mut form: Multipart,
) -> Result<Response, WebError> {
    ctx.actor.require(Role::Admin).map_err(page_error(tr))?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut dry_run = true;
    let bad = WebError::multipart(tr);
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_owned();
                file = Some((name, field.bytes().await.map_err(bad)?.to_vec()));
            }
            Some("mode") => dry_run = field.text().await.map_err(bad)? != "apply",
            _ => {}
        }
    }
    let l = org_layout(
        &state,
        &ctx,
        tr,
        &csrf,
        "import",
        &format!("/orgs/{}/import", ctx.actor.org),
    )
    .await?;
    let (report, error, status) = match file {
        None => (
            None,
            Some(tr.t("import-no-file")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Some((name, bytes)) => match state
            .app
            .org()
            .import_people(&ctx.actor, &name, &bytes, dry_run)
            .await
        {
            Ok(mut r) => {
                // Reasons with a code are said in the reader's language, like form errors.
                for e in &mut r.errors {
                    if let Some(code) = &e.code {
                        let key = format!("invalid-{code}");
                        let args: Vec<(&str, &str)> =
                            e.args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                        let text = tr.tn(&key, &args);
                        if text != key {
                            e.message = text;
                        }
                    }
                }
                let status = if r.errors.is_empty() {
                    StatusCode::OK
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                (Some(r), None, status)
            }
            Err(AppError::Invalid(list)) => (
                None,
                Some(
                    list.iter()
                        .map(|i| i.message.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => return Err(WebError::app(e, false, tr)),
        },
    };
    let mut res = render(ImportPage {
        l,
        action: action(&ctx, &csrf),
        report,
        error,
    });
    *res.status_mut() = status;
    Ok(res)
}
