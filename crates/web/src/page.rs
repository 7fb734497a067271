//! HTML page handlers and what they share: building the page frame and turning use-case
//! errors into form errors.

use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::http::url_encode;
use crate::i18n::Tr;
use crate::session::OrgCtx;
use crate::views::{Field, FormError, Layout};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::response::{Html, IntoResponse, Response};
use mognad_app::{AppError, Invalid};
use mognad_domain::role::Role;

/// What every page inside an organisation needs: state, language, CSRF token and the actor.
pub struct PageCtx {
    pub state: AppState,
    pub tr: Tr,
    pub csrf: CsrfToken,
    pub org: OrgCtx,
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = WebError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let tr = Tr::new(crate::i18n::detect(parts));
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .unwrap_or_else(|| CsrfToken(String::new()));
        let org = OrgCtx::from_request_parts(parts, state).await?;
        Ok(PageCtx {
            state: state.clone(),
            tr,
            csrf,
            org,
        })
    }
}

impl PageCtx {
    /// Maps a use-case error to this page's error page.
    pub fn err(&self) -> impl Fn(AppError) -> WebError + Copy {
        page_error(self.tr)
    }
}

/// Maps a use-case error to a friendly page in `tr`'s language; the pages' twin of
/// `crate::api::problem`.
pub fn page_error(tr: Tr) -> impl Fn(AppError) -> WebError + Copy {
    move |e| WebError::app(e, false, tr)
}

/// Renders a form page, answering 422 when it shows errors, 200 otherwise.
pub fn render_form(page: crate::views::FormPage) -> Response {
    let refused = !page.errors.is_empty();
    render_refused(page, refused)
}

/// Renders a page that may carry a form's errors: 422 when it does (`refused`), 200 otherwise.
pub fn render_refused(t: impl Template, refused: bool) -> Response {
    let mut res = render(t);
    if refused {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

pub fn render(t: impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// The frame of a page inside an organisation, with `active` marking the current section.
pub async fn org_layout(
    state: &AppState,
    ctx: &OrgCtx,
    tr: Tr,
    csrf: &CsrfToken,
    active: &str,
    here: &str,
) -> Result<Layout, WebError> {
    let org = state
        .app
        .org()
        .organisation(&ctx.actor)
        .await
        .map_err(page_error(tr))?;
    let base = format!("/orgs/{}", ctx.actor.org);
    let admin = ctx.actor.role.at_least(Role::Admin);
    Ok(Layout {
        tr,
        csrf: csrf.0.clone(),
        user: Some(ctx.current.user.display_name.to_string()),
        org_name: Some(org.settings.name.to_string()),
        nav: crate::nav::areas(tr, &base, active, admin),
        here: url_encode(here),
    })
}

/// Puts each field's error next to it and builds the summary that links to them.
/// Returns the error as a page if it is not about the input.
pub fn apply_errors(fields: &mut [Field], err: AppError, tr: Tr) -> Result<Vec<FormError>, WebError> {
    let AppError::Invalid(list) = err else {
        return Err(WebError::app(err, false, tr));
    };
    Ok(list
        .into_iter()
        .map(|i: Invalid| {
            let message = translated(&i, tr);
            let field = i
                .field
                .as_deref()
                .and_then(|f| fields.iter_mut().find(|x| x.name == f));
            match field {
                Some(f) => {
                    f.error = Some(message.clone());
                    FormError {
                        href: format!("#f-{}", f.name),
                        message: format!("{}: {message}", f.label),
                    }
                }
                None => FormError {
                    href: "#main".into(),
                    message,
                },
            }
        })
        .collect())
}

/// After a form's write: a redirect to `to(value)` when it was stored; when the input was
/// refused, the page again from `again` (given the translated errors) with 422; any other error
/// as an error page.
pub async fn after_write<T, Fut>(
    c: &PageCtx,
    result: Result<T, AppError>,
    to: impl FnOnce(T) -> String,
    again: impl FnOnce(Vec<String>) -> Fut,
) -> Result<Response, WebError>
where
    Fut: std::future::Future<Output = Result<Response, WebError>>,
{
    match result {
        Ok(v) => Ok(axum::response::Redirect::to(&to(v)).into_response()),
        Err(AppError::Invalid(list)) => {
            let errors = list.iter().map(|i| translated(i, c.tr)).collect();
            let mut res = again(errors).await?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(c.err()(e)),
    }
}

/// The translated text of a validation error, falling back to its English message.
pub fn translated(i: &Invalid, tr: Tr) -> String {
    let key = format!("invalid-{}", i.code);
    // The part of a file a problem names ("engine", "levels.koordinering") is a word too.
    let words: Vec<(&str, String)> = i
        .args
        .iter()
        .map(|(k, v)| {
            let slug = v.replace([' ', '.'], "-");
            let word = tr.t(&format!("source-what-{slug}"));
            let known = k == "what" && !word.starts_with("source-what-");
            (k.as_str(), if known { word } else { v.clone() })
        })
        .collect();
    let args: Vec<(&str, &str)> = words.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = tr.tn(&key, &args);
    if text == key { i.message.clone() } else { text }
}

/// Reads an optional text from a form.
pub fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}
