//! Single sign-on in the browser: the owner's provider settings, "sign in with your
//! organisation" from an e-mail address, the trip to the provider and back.

use super::auth::signed_in;
use crate::AppState;
use crate::client_addr::ClientAddr;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{PageForm, QueryOr};
use crate::i18n::Tr;
use crate::page::{PageCtx, apply_errors, org_layout, page_error, render, render_form};
use crate::views::{Field, FormPage, Layout};
use axum::Extension;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::platform::sso::SsoInput;
use mognad_domain::ids::OrgId;
use mognad_store::sso::{SsoConfig, map_text};
use serde::Deserialize;

type Page = Result<Response, WebError>;

/// The cookie holding a sign-in's `state` while the browser is at the provider.
const STATE_COOKIE: &str = "mognad_sso_state";

/// Where the provider sends the browser back: to register at the provider.
pub(crate) fn callback(state: &AppState, headers: &HeaderMap) -> String {
    let base = crate::measurement::pages::invitations::public_base(state, headers);
    format!("{}/sso/callback", base.trim_end_matches('/'))
}

fn input_of(c: &SsoConfig) -> SsoInput {
    SsoInput {
        issuer: c.issuer.clone(),
        client_id: c.client_id.clone(),
        client_secret: String::new(),
        email_domains: c.email_domains.join(", "),
        role_claim: c.role_claim.clone(),
        role_map: map_text(&c.role_map).replace('\n', "; "),
        default_role: c.default_role.as_str().to_owned(),
        passwords_off: c.passwords_off,
        enabled: c.enabled,
    }
}

fn fields(tr: Tr, i: &SsoInput, redirect: &str, has_secret: bool) -> Vec<Field> {
    let roles = ["member", "analyst", "admin"]
        .iter()
        .map(|r| (r.to_string(), tr.t(&format!("role-{r}"))))
        .collect();
    let yes = |name: &str, label: &str, on: bool| {
        Field::checkboxes(
            name,
            tr.t(label),
            vec![("on".into(), tr.t(&format!("{label}-yes")))],
            &(if on { vec!["on".to_owned()] } else { Vec::new() }),
        )
    };
    vec![
        yes("enabled", "sso-enabled", i.enabled),
        Field::new("issuer", tr.t("sso-issuer"), "url", &i.issuer)
            .required()
            .hint(tr.t1("sso-issuer-hint", "redirect", redirect)),
        Field::new("client_id", tr.t("sso-client-id"), "text", &i.client_id).required(),
        Field::new("client_secret", tr.t("sso-client-secret"), "password", "")
            .autocomplete("new-password")
            .hint(tr.t(if has_secret {
                "sso-secret-kept"
            } else {
                "sso-secret-hint"
            })),
        Field::new("email_domains", tr.t("sso-domains"), "text", &i.email_domains)
            .required()
            .hint(tr.t("sso-domains-hint")),
        Field::new("role_claim", tr.t("sso-role-claim"), "text", &i.role_claim)
            .hint(tr.t("sso-role-claim-hint")),
        Field::new("role_map", tr.t("sso-role-map"), "text", &i.role_map).hint(tr.t("sso-role-map-hint")),
        Field::select(
            "default_role",
            tr.t("sso-default-role"),
            None,
            roles,
            &i.default_role,
        ),
        yes("passwords_off", "sso-passwords-off", i.passwords_off),
    ]
}

fn settings_page(c: &PageCtx, l: Layout, fields: Vec<Field>) -> FormPage {
    FormPage {
        l,
        heading: c.tr.t("sso-title"),
        action: format!("/orgs/{}/sso", c.org.actor.org),
        fields,
        errors: Vec::new(),
        submit: c.tr.t("save"),
        cancel: Some(format!("/orgs/{}/members", c.org.actor.org)),
        delete_href: None,
        members: None,
        links: Vec::new(),
    }
}

pub async fn settings(c: PageCtx, headers: HeaderMap) -> Page {
    let config = c
        .state
        .app
        .platform()
        .sso_settings(&c.org.actor)
        .await
        .map_err(c.err())?;
    let input = config.as_ref().map(input_of).unwrap_or_default();
    let has_secret = config.as_ref().is_some_and(|x| x.client_secret.is_some());
    let here = format!("/orgs/{}/sso", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "members", &here).await?;
    let f = fields(c.tr, &input, &callback(&c.state, &headers), has_secret);
    Ok(render(settings_page(&c, l, f)))
}

pub async fn save(c: PageCtx, headers: HeaderMap, PageForm(input): PageForm<SsoInput>) -> Page {
    match c
        .state
        .app
        .platform()
        .save_sso_settings(&c.org.actor, &input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{}/sso", c.org.actor.org)).into_response()),
        Err(e) => {
            let here = format!("/orgs/{}/sso", c.org.actor.org);
            let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "members", &here).await?;
            let mut page = settings_page(&c, l, fields(c.tr, &input, &callback(&c.state, &headers), false));
            page.errors = apply_errors(&mut page.fields, e, c.tr)?;
            Ok(render_form(page))
        }
    }
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

fn next_of(n: Option<String>) -> String {
    n.filter(|n| crate::http::safe_next(n))
        .unwrap_or_else(|| "/".into())
}

fn email_form(tr: Tr, csrf: &CsrfToken, next: &str, email: &str) -> FormPage {
    FormPage {
        l: Layout::bare(tr, csrf.0.clone()),
        heading: tr.t("sso-sign-in"),
        action: format!("/sso?next={}", crate::http::url_encode(next)),
        fields: vec![
            Field::new("email", tr.t("field-email"), "email", email)
                .required()
                .autocomplete("username")
                .hint(tr.t("sso-sign-in-hint")),
        ],
        errors: Vec::new(),
        submit: tr.t("sso-continue"),
        cancel: Some("/login".into()),
        delete_href: None,
        members: None,
        links: Vec::new(),
    }
}

pub async fn sign_in_page(tr: Tr, Extension(csrf): Extension<CsrfToken>, QueryOr(q): QueryOr<Next>) -> Page {
    Ok(render(email_form(tr, &csrf, &next_of(q.next), "")))
}

#[derive(Deserialize)]
pub struct EmailForm {
    email: String,
}

/// Finds the organisation from the address's domain and goes on to its provider.
pub async fn sign_in(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    QueryOr(q): QueryOr<Next>,
    PageForm(f): PageForm<EmailForm>,
) -> Page {
    let next = next_of(q.next);
    match state
        .app
        .platform()
        .sso_org_for(&f.email)
        .await
        .map_err(page_error(tr))?
    {
        Some(org) => Ok(Redirect::to(&format!(
            "/sso/start?org={org}&next={}",
            crate::http::url_encode(&next)
        ))
        .into_response()),
        None => {
            let mut page = email_form(tr, &csrf, &next, &f.email);
            let e = AppError::invalid(
                "email",
                "sso-no-org",
                "no organisation signs in with this address's domain here",
            );
            page.errors = apply_errors(&mut page.fields, e, tr)?;
            Ok(render_form(page))
        }
    }
}

#[derive(Deserialize)]
pub struct Start {
    org: OrgId,
    next: Option<String>,
}

/// Sends the browser to the organisation's provider (`/sso/start?org=…`, a link an organisation
/// may also put on its intranet).
pub async fn start(
    State(state): State<AppState>,
    tr: Tr,
    headers: HeaderMap,
    QueryOr(q): QueryOr<Start>,
) -> Page {
    let (url, sso_state) = state
        .app
        .platform()
        .start_sso(q.org, &callback(&state, &headers), &next_of(q.next))
        .await
        .map_err(page_error(tr))?;
    // The browser keeps the state: an answer from the provider counts only in the browser that
    // set out, so nobody can send someone else a link that signs them in as the sender.
    let mut res = Redirect::to(&url).into_response();
    let c = crate::http::set_cookie(
        STATE_COOKIE,
        &sso_state,
        mognad_app::platform::sso::STATE_MINUTES * 60,
        state.config.secure_cookies,
    );
    if let Ok(v) = c.parse() {
        res.headers_mut().append(axum::http::header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Deserialize)]
pub struct Answer {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

/// The provider's answer.
pub async fn callback_page(
    State(state): State<AppState>,
    tr: Tr,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    QueryOr(a): QueryOr<Answer>,
) -> Page {
    let (Some(s), Some(code), None) = (a.state, a.code, a.error.as_ref()) else {
        if let Some(e) = &a.error {
            tracing::warn!(error = %e, "the identity provider refused the sign-in");
        }
        return Err(page_error(tr)(AppError::Refused {
            code: "sso-provider",
            message: "the identity provider did not sign you in".into(),
        }));
    };
    let mine = crate::http::cookie(&headers, STATE_COOKIE)
        .is_some_and(|c| crate::csrf::constant_time_eq(c.as_bytes(), s.as_bytes()));
    if !mine {
        return Err(page_error(tr)(AppError::Refused {
            code: "sso-state",
            message: "this sign-in was not started in this browser".into(),
        }));
    }
    let (session, next) = state
        .app
        .platform()
        .finish_sso(&s, &code, &client)
        .await
        .map_err(page_error(tr))?;
    let mut res = signed_in(&state, &session.token, &next);
    if let Ok(v) = crate::http::set_cookie(STATE_COOKIE, "", 0, state.config.secure_cookies).parse() {
        res.headers_mut().append(axum::http::header::SET_COOKIE, v);
    }
    Ok(res)
}
