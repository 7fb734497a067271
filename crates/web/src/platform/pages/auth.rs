//! Signing in and out, and changing one's password.

use crate::AppState;
use crate::csrf::{self, CsrfToken};
use crate::error::WebError;
use crate::extract::PageForm;
use crate::http::{cookie, set_cookie};
use crate::i18n::Tr;
use crate::session::{CurrentUser, SESSION_COOKIE};
use crate::views::{Field, FormPage, Layout, LoginPage};
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::platform::two_factor::SignIn;

/// The cookie that carries a sign-in halfway, between the password and the code.
pub const CHALLENGE_COOKIE: &str = "mognad_2fa";
use serde::Deserialize;

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_page(
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    crate::extract::QueryOr(q): crate::extract::QueryOr<NextQuery>,
) -> Response {
    let next = q
        .next
        .filter(|n| crate::http::safe_next(n))
        .unwrap_or_else(|| "/".into());
    crate::page::render(LoginPage {
        l: Layout::bare(tr, csrf.0),
        next,
        email: String::new(),
        error: None,
        notice: None,
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    crate::client_addr::ClientAddr(client): crate::client_addr::ClientAddr,
    PageForm(form): PageForm<LoginForm>,
) -> Response {
    let next = form
        .next
        .clone()
        .filter(|n| crate::http::safe_next(n))
        .unwrap_or_else(|| "/".into());
    let page = |status: StatusCode, key: &str| {
        let mut res = crate::page::render(LoginPage {
            l: Layout::bare(tr, csrf.0.clone()),
            next: next.clone(),
            email: form.email.clone(),
            error: Some(tr.t(key)),
            notice: None,
        });
        *res.status_mut() = status;
        res
    };
    match state
        .app
        .platform()
        .sign_in(&form.email, &form.password, &client)
        .await
    {
        Ok(SignIn::Session(session)) => signed_in(&state, &session.token, &next),
        Ok(SignIn::NeedsCode(challenge)) => {
            let mut res =
                Redirect::to(&format!("/login/code?next={}", crate::http::url_encode(&next))).into_response();
            let max_age = mognad_app::platform::two_factor::CHALLENGE_MINUTES * 60;
            let c = set_cookie(CHALLENGE_COOKIE, &challenge, max_age, state.config.secure_cookies);
            if let Ok(v) = c.parse() {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(AppError::Unauthenticated) => page(StatusCode::UNAUTHORIZED, "login-failed"),
        Err(AppError::Throttled) => page(StatusCode::TOO_MANY_REQUESTS, "login-rate-limited"),
        Err(e) => WebError::app(e, false, tr).into_response(),
    }
}

/// The answer to a successful sign-in (by password, invitation or set-up link): a fresh session
/// token and a fresh CSRF token, so nothing set before sign-in survives it, and on to `next`.
pub(crate) fn signed_in(state: &AppState, token: &str, next: &str) -> Response {
    let secure = state.config.secure_cookies;
    let mut res = Redirect::to(next).into_response();
    let h = res.headers_mut();
    let max_age = mognad_app::platform::accounts::SESSION_HOURS * 3600;
    for c in [
        set_cookie(SESSION_COOKIE, token, max_age, secure),
        set_cookie(
            csrf::COOKIE,
            &mognad_app::platform::accounts::random_token(),
            60 * 60 * 24 * 30,
            secure,
        ),
    ] {
        if let Ok(v) = c.parse() {
            h.append(header::SET_COOKIE, v);
        }
    }
    res
}

pub async fn logout(State(state): State<AppState>, tr: Tr, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = state.app.platform().logout(&token).await
    {
        return WebError::app(e, false, tr).into_response();
    }
    let mut res = Redirect::to("/login").into_response();
    if let Ok(v) = set_cookie(SESSION_COOKIE, "", 0, state.config.secure_cookies).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

fn password_fields(tr: Tr) -> Vec<Field> {
    vec![
        Field::new("current", tr.t("field-current-password"), "password", "")
            .required()
            .autocomplete("current-password"),
        Field::new("new", tr.t("field-new-password"), "password", "")
            .required()
            .autocomplete("new-password")
            .hint(tr.t("hint-password")),
    ]
}

fn password_page(
    tr: Tr,
    csrf: String,
    user: &CurrentUser,
    fields: Vec<Field>,
    errors: Vec<crate::views::FormError>,
    heading: String,
) -> FormPage {
    let mut l = Layout::bare(tr, csrf);
    l.user = Some(user.user.display_name.to_string());
    FormPage {
        l,
        heading,
        action: "/account/password".into(),
        fields,
        errors,
        submit: tr.t("password-submit"),
        cancel: Some("/".into()),
        delete_href: None,
        members: None,
        links: vec![("/account/two-factor".into(), tr.t("tf-title"))],
    }
}

pub async fn account_page(tr: Tr, Extension(csrf): Extension<CsrfToken>, current: CurrentUser) -> Response {
    crate::page::render(password_page(
        tr,
        csrf.0,
        &current,
        password_fields(tr),
        Vec::new(),
        tr.t("password-title"),
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
    PageForm(form): PageForm<PasswordForm>,
) -> Response {
    match state
        .app
        .platform()
        .change_password(&current.user, &current.token, &form.current, &form.new)
        .await
    {
        Ok(()) => crate::page::render(password_page(
            tr,
            csrf.0,
            &current,
            password_fields(tr),
            Vec::new(),
            tr.t("password-changed"),
        )),
        Err(e) => {
            let mut fields = password_fields(tr);
            match crate::page::apply_errors(&mut fields, e, tr) {
                Ok(errors) => crate::page::render_form(password_page(
                    tr,
                    csrf.0,
                    &current,
                    fields,
                    errors,
                    tr.t("password-title"),
                )),
                Err(page) => page.into_response(),
            }
        }
    }
}
