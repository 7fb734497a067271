//! Two-factor sign-in in the browser: setting it up on one's account (a secret for the app,
//! confirmed with a code, then the recovery codes once), turning it off, the code step of
//! signing in, and an owner's switch requiring it of owners and admins.

use super::auth::{CHALLENGE_COOKIE, signed_in};
use crate::AppState;
use crate::client_addr::ClientAddr;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{PageForm, QueryOr};
use crate::http::{cookie, set_cookie};
use crate::i18n::Tr;
use crate::page::{PageCtx, apply_errors, page_error, render, render_form};
use crate::session::CurrentUser;
use crate::views::{Field, FormError, FormPage, Layout};
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use serde::Deserialize;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "two_factor.html")]
pub struct TwoFactorPage {
    pub l: Layout,
    pub on: bool,
    pub codes_left: i64,
    pub secret: Option<String>,
    pub uri: String,
    pub codes: Vec<String>,
    pub errors: Vec<FormError>,
    pub fields: Vec<Field>,
}

fn code_field(tr: Tr) -> Field {
    Field::new("code", tr.t("tf-code"), "text", "")
        .required()
        .autocomplete("one-time-code")
        .hint(tr.t("tf-code-hint"))
}

fn password_field(tr: Tr) -> Field {
    Field::new("current", tr.t("field-current-password"), "password", "")
        .required()
        .autocomplete("current-password")
}

/// The account's two-factor page as it stands, with what was just shown or refused.
async fn page(
    state: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    current: &CurrentUser,
    codes: Vec<String>,
    err: Option<AppError>,
) -> Page {
    let p = state.app.platform();
    let on = p.two_factor_on(&current.user).await.map_err(page_error(tr))?;
    let pending = if on {
        None
    } else {
        p.pending_two_factor(&current.user)
            .await
            .map_err(page_error(tr))?
    };
    let mut fields = if on {
        vec![password_field(tr)]
    } else {
        vec![code_field(tr)]
    };
    let errors = match err {
        Some(e) => apply_errors(&mut fields, e, tr)?,
        None => Vec::new(),
    };
    let mut l = Layout::bare(tr, csrf.0.clone());
    l.user = Some(current.user.display_name.to_string());
    let refused = !errors.is_empty();
    Ok(crate::page::render_refused(
        TwoFactorPage {
            l,
            on,
            codes_left: p
                .recovery_codes_left(&current.user)
                .await
                .map_err(page_error(tr))?,
            uri: pending.as_ref().map(|e| e.uri.clone()).unwrap_or_default(),
            secret: pending.map(|e| e.secret),
            codes,
            errors,
            fields,
        },
        refused,
    ))
}

pub async fn show(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
) -> Page {
    page(&state, tr, &csrf, &current, Vec::new(), None).await
}

pub async fn start(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
) -> Page {
    state
        .app
        .platform()
        .start_two_factor(&current.user, &current.token)
        .await
        .map_err(page_error(tr))?;
    page(&state, tr, &csrf, &current, Vec::new(), None).await
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
    PageForm(f): PageForm<CodeForm>,
) -> Page {
    match state
        .app
        .platform()
        .confirm_two_factor(&current.user, &current.token, &f.code)
        .await
    {
        Ok(codes) => page(&state, tr, &csrf, &current, codes, None).await,
        Err(e @ AppError::Invalid(_)) => page(&state, tr, &csrf, &current, Vec::new(), Some(e)).await,
        Err(e) => Err(page_error(tr)(e)),
    }
}

#[derive(Deserialize)]
pub struct DisableForm {
    current: String,
}

pub async fn disable(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
    PageForm(f): PageForm<DisableForm>,
) -> Page {
    match state
        .app
        .platform()
        .disable_two_factor(&current.user, &current.token, &f.current)
        .await
    {
        Ok(()) => Ok(Redirect::to("/account/two-factor").into_response()),
        Err(e @ AppError::Invalid(_)) => page(&state, tr, &csrf, &current, Vec::new(), Some(e)).await,
        Err(e) => Err(page_error(tr)(e)),
    }
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

fn code_form(tr: Tr, csrf: &CsrfToken, next: &str) -> FormPage {
    FormPage {
        l: Layout::bare(tr, csrf.0.clone()),
        heading: tr.t("tf-sign-in-title"),
        action: format!("/login/code?next={}", crate::http::url_encode(next)),
        fields: vec![code_field(tr).hint(tr.t("tf-sign-in-hint"))],
        errors: Vec::new(),
        submit: tr.t("login-submit"),
        cancel: Some("/login".into()),
        delete_href: None,
        members: None,
        links: Vec::new(),
    }
}

fn next_of(q: &Next) -> String {
    q.next
        .clone()
        .filter(|n| crate::http::safe_next(n))
        .unwrap_or_else(|| "/".into())
}

pub async fn code_page(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    QueryOr(q): QueryOr<Next>,
) -> Page {
    let open = match cookie(&headers, CHALLENGE_COOKIE) {
        Some(c) => state
            .app
            .platform()
            .challenge_open(&c)
            .await
            .map_err(page_error(tr))?,
        None => false,
    };
    if !open {
        return Ok(Redirect::to("/login").into_response());
    }
    Ok(render(code_form(tr, &csrf, &next_of(&q))))
}

pub async fn code(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    QueryOr(q): QueryOr<Next>,
    PageForm(f): PageForm<CodeForm>,
) -> Page {
    let next = next_of(&q);
    let Some(challenge) = cookie(&headers, CHALLENGE_COOKIE) else {
        return Ok(Redirect::to("/login").into_response());
    };
    match state
        .app
        .platform()
        .finish_sign_in(&challenge, &f.code, &client)
        .await
    {
        Ok(session) => {
            let mut res = signed_in(&state, &session.token, &next);
            if let Ok(v) = set_cookie(CHALLENGE_COOKIE, "", 0, state.config.secure_cookies).parse() {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(AppError::Unauthenticated) => Ok(Redirect::to("/login").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let mut form = code_form(tr, &csrf, &next);
            form.errors = apply_errors(&mut form.fields, e, tr)?;
            Ok(render_form(form))
        }
        Err(e) => Err(page_error(tr)(e)),
    }
}

#[derive(Deserialize)]
pub struct PolicyForm {
    required: String,
}

/// The owner's switch on the users page.
pub async fn set_policy(c: PageCtx, PageForm(f): PageForm<PolicyForm>) -> Page {
    c.state
        .app
        .platform()
        .set_two_factor_required(&c.org.actor, f.required == "true")
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/members", c.org.actor.org)).into_response())
}
