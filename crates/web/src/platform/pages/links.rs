//! Pages behind one-time links, reached without being signed in: accepting an invitation,
//! asking for and using a password reset, and the instance's first set-up.

use super::auth::signed_in;
use crate::AppState;
use crate::client_addr::ClientAddr;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::PageForm;
use crate::i18n::Tr;
use crate::page::{apply_errors, page_error, render, render_form};
use crate::views::{Field, FormPage, Layout, LoginPage};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use serde::Deserialize;

type Page = Result<Response, WebError>;

fn form(
    tr: Tr,
    csrf: &CsrfToken,
    heading: String,
    action: String,
    fields: Vec<Field>,
    submit: String,
) -> FormPage {
    FormPage {
        l: Layout::bare(tr, csrf.0.clone()),
        heading,
        action,
        fields,
        errors: Vec::new(),
        submit,
        cancel: None,
        delete_href: None,
        members: None,
        links: Vec::new(),
    }
}

/// Shows `page` again with the refusal next to its fields, or the error page.
fn again(mut page: FormPage, e: AppError, tr: Tr) -> Page {
    page.errors = apply_errors(&mut page.fields, e, tr)?;
    Ok(render_form(page))
}

/// A link's form is shown only while the link works; otherwise the page says it has expired.
fn still_live(live: Result<bool, AppError>, tr: Tr) -> Result<(), WebError> {
    if live.map_err(page_error(tr))? {
        Ok(())
    } else {
        Err(page_error(tr)(AppError::Refused {
            code: "link-expired",
            message: "the link has expired".into(),
        }))
    }
}

fn password_field(tr: Tr) -> Field {
    Field::new("password", tr.t("field-new-password"), "password", "")
        .required()
        .autocomplete("new-password")
        .hint(tr.t("hint-password"))
}

async fn invite_form(
    state: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    token: &str,
    name: &str,
    headers: &HeaderMap,
) -> Result<Result<FormPage, Response>, WebError> {
    let view = state
        .app
        .platform()
        .invitation_by_link(token)
        .await
        .map_err(page_error(tr))?;
    let role = tr.t(&format!("role-{}", view.role));
    let mut fields = Vec::new();
    if view.has_account {
        // The account joins while signed in as itself: sign in first, then back here.
        match crate::session::signed_in_user(state, headers).await {
            Some(me) if me.email.as_str() == view.email => {}
            Some(_) => {
                return Err(page_error(tr)(AppError::Refused {
                    code: "sign-in-first",
                    message: "sign in with the invited account first".into(),
                }));
            }
            None => {
                let next = crate::http::url_encode(&format!("/invite/{token}"));
                return Ok(Err(Redirect::to(&format!("/login?next={next}")).into_response()));
            }
        }
    } else {
        fields.push(
            Field::new("display_name", tr.t("field-display-name"), "text", name)
                .required()
                .autocomplete("name")
                .hint(tr.tn("invite-for", &[("email", &view.email), ("role", &role)])),
        );
        fields.push(password_field(tr));
    }
    let mut page = form(
        tr,
        csrf,
        tr.t1("invite-accept-title", "org", &view.org_name),
        format!("/invite/{token}"),
        fields,
        tr.t("invite-accept"),
    );
    if view.has_account {
        page.heading = tr.tn("invite-join-as", &[("org", &view.org_name), ("role", &role)]);
    }
    Ok(Ok(page))
}

pub async fn invite_page(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Page {
    match invite_form(&state, tr, &csrf, &token, "", &headers).await? {
        Ok(page) => Ok(render(page)),
        Err(redirect) => Ok(redirect),
    }
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

pub async fn accept(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Path(token): Path<String>,
    PageForm(f): PageForm<AcceptForm>,
) -> Page {
    let me = crate::session::signed_in_user(&state, &headers).await;
    let result = state
        .app
        .platform()
        .accept_invitation(&token, me.as_ref(), &f.display_name, &f.password, &client)
        .await;
    match result {
        Ok(accepted) => {
            let to = format!("/orgs/{}", accepted.org);
            Ok(match accepted.session {
                Some(session) => signed_in(&state, &session.token, &to),
                None => Redirect::to(&to).into_response(),
            })
        }
        Err(e @ AppError::Invalid(_)) => {
            match invite_form(&state, tr, &csrf, &token, &f.display_name, &headers).await? {
                Ok(page) => again(page, e, tr),
                Err(redirect) => Ok(redirect),
            }
        }
        Err(e) => Err(page_error(tr)(e)),
    }
}

fn forgot_form(tr: Tr, csrf: &CsrfToken) -> FormPage {
    form(
        tr,
        csrf,
        tr.t("forgot-title"),
        "/password/forgot".into(),
        vec![
            Field::new("email", tr.t("field-email"), "email", "")
                .required()
                .autocomplete("username")
                .hint(tr.t("forgot-hint")),
        ],
        tr.t("forgot-submit"),
    )
}

pub async fn forgot_page(tr: Tr, Extension(csrf): Extension<CsrfToken>) -> Page {
    Ok(render(forgot_form(tr, &csrf)))
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
}

/// Mails a reset link when the address has an account; the answer is the same either way, so
/// the page does not tell who has an account.
pub async fn forgot(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    PageForm(f): PageForm<ForgotForm>,
) -> Page {
    let Some(base) = super::mail::reset_base(&state, &headers) else {
        return Err(page_error(tr)(AppError::Refused {
            code: "no-public-url",
            message: "password reset needs public_url in the configuration".into(),
        }));
    };
    if state.mailer.is_none() {
        return Err(page_error(tr)(AppError::Refused {
            code: "no-mail-for-reset",
            message: "no mail server is set up".into(),
        }));
    }
    if let Some((user, token)) = state
        .app
        .platform()
        .request_password_reset(&f.email)
        .await
        .map_err(page_error(tr))?
    {
        let link = format!("{base}/password/reset/{token}");
        // Sent after the answer, so its time does not tell that the address has an account.
        let state = state.clone();
        tokio::spawn(async move {
            let (name, email) = (user.display_name.to_string(), user.email.to_string());
            if let Err(e) = super::mail::reset(&state, &name, &email, &link, user.language).await {
                tracing::error!(error = %e, "a password-reset mail could not be sent");
            }
        });
    }
    Ok(render(LoginPage {
        l: Layout::bare(tr, csrf.0),
        next: "/".into(),
        email: f.email,
        error: None,
        notice: Some(tr.t("forgot-sent")),
    }))
}

fn reset_form(tr: Tr, csrf: &CsrfToken, token: &str) -> FormPage {
    form(
        tr,
        csrf,
        tr.t("reset-title"),
        format!("/password/reset/{token}"),
        vec![password_field(tr).autocomplete("new-password")],
        tr.t("password-submit"),
    )
}

pub async fn reset_page(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Page {
    let live = state.app.platform().reset_link_usable(&token).await;
    still_live(live, tr)?;
    Ok(render(reset_form(tr, &csrf, &token)))
}

#[derive(Deserialize)]
pub struct ResetForm {
    password: String,
}

pub async fn reset(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(client): ClientAddr,
    Path(token): Path<String>,
    PageForm(f): PageForm<ResetForm>,
) -> Page {
    match state
        .app
        .platform()
        .finish_password_reset(&token, &f.password, &client)
        .await
    {
        Ok(()) => Ok(render(LoginPage {
            l: Layout::bare(tr, csrf.0),
            next: "/".into(),
            email: String::new(),
            error: None,
            notice: Some(tr.t("reset-done")),
        })),
        Err(e @ AppError::Invalid(_)) => again(reset_form(tr, &csrf, &token), e, tr),
        Err(e) => Err(page_error(tr)(e)),
    }
}

fn setup_form(tr: Tr, csrf: &CsrfToken, token: &str, email: &str, name: &str) -> FormPage {
    form(
        tr,
        csrf,
        tr.t("setup-title"),
        format!("/setup/{token}"),
        vec![
            Field::new("email", tr.t("field-email"), "email", email)
                .required()
                .autocomplete("username"),
            Field::new("display_name", tr.t("field-display-name"), "text", name)
                .required()
                .autocomplete("name"),
            password_field(tr),
        ],
        tr.t("setup-submit"),
    )
}

pub async fn setup_page(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Page {
    still_live(state.app.platform().setup_link_live(&token).await, tr)?;
    Ok(render(setup_form(tr, &csrf, &token, "", "")))
}

#[derive(Deserialize)]
pub struct SetupForm {
    email: String,
    display_name: String,
    password: String,
}

pub async fn setup(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(client): ClientAddr,
    Path(token): Path<String>,
    PageForm(f): PageForm<SetupForm>,
) -> Page {
    let result = state
        .app
        .platform()
        .finish_setup(&token, &f.email, &f.display_name, &f.password, tr.lang, &client)
        .await;
    match result {
        Ok(session) => Ok(signed_in(&state, &session.token, "/admin")),
        Err(e @ AppError::Invalid(_)) => {
            again(setup_form(tr, &csrf, &token, &f.email, &f.display_name), e, tr)
        }
        Err(e) => Err(page_error(tr)(e)),
    }
}
