//! API tokens in the browser: make one (its secret shown once), see when each was last used,
//! revoke it.

use crate::error::WebError;
use crate::extract::{IdParam, PageForm};
use crate::page::{PageCtx, apply_errors, org_layout};
use crate::views::{Field, FormError, Layout};
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_domain::role::Role;
use serde::Deserialize;

type Page = Result<Response, WebError>;

pub struct TokenRow {
    pub name: String,
    pub role: String,
    pub owner: String,
    pub expires: String,
    pub last_used: String,
    pub state: String,
    pub revoke: Option<String>,
}

#[derive(Template)]
#[template(path = "tokens.html")]
pub struct TokensPage {
    pub l: Layout,
    pub secret: Option<String>,
    pub errors: Vec<FormError>,
    pub tokens: Vec<TokenRow>,
    pub action: String,
    pub fields: Vec<Field>,
}

fn fields(c: &PageCtx, name: &str, role: &str, days: &str) -> Vec<Field> {
    vec![
        Field::new("name", c.tr.t("tokens-col-name"), "text", name)
            .required()
            .hint(c.tr.t("tokens-name-hint")),
        Field::select(
            "role",
            c.tr.t("users-col-role"),
            None,
            super::members::role_options(c),
            role,
        ),
        Field::new("days", c.tr.t("tokens-days"), "number", days)
            .required()
            .hint(c.tr.t("tokens-days-hint")),
    ]
}

async fn page(c: &PageCtx, secret: Option<String>, errors: Vec<FormError>, fields: Vec<Field>) -> Page {
    let a = &c.org.actor;
    let tokens = c.state.app.platform().tokens(a).await.map_err(c.err())?;
    let base = format!("/orgs/{}/tokens", a.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "members", &base).await?;
    let now = chrono::Utc::now();
    let tr = c.tr;
    let tokens = tokens
        .into_iter()
        .map(|t| {
            let live = t.revoked_at.is_none() && t.expires_at > now;
            TokenRow {
                state: tr.t(if t.revoked_at.is_some() {
                    "tokens-revoked"
                } else if live {
                    "tokens-live"
                } else {
                    "tokens-expired"
                }),
                revoke: live.then(|| format!("{base}/{}/revoke", t.id)),
                role: tr.t(&format!("role-{}", t.role)),
                owner: t.owner_email,
                expires: t.expires_at.format("%Y-%m-%d").to_string(),
                last_used: super::members::when(t.last_used_at, tr),
                name: t.name,
            }
        })
        .collect();
    let refused = !errors.is_empty();
    Ok(crate::page::render_refused(
        TokensPage {
            l,
            secret,
            errors,
            tokens,
            action: base,
            fields,
        },
        refused,
    ))
}

pub async fn list(c: PageCtx) -> Page {
    c.org.actor.require(Role::Admin).map_err(c.err())?;
    let f = fields(&c, "", "analyst", "90");
    page(&c, None, Vec::new(), f).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
    role: String,
    days: String,
}

pub async fn create(c: PageCtx, PageForm(f): PageForm<TokenForm>) -> Page {
    let result = match (Role::parse(&f.role), f.days.trim().parse::<i64>()) {
        (Ok(role), Ok(days)) => {
            c.state
                .app
                .platform()
                .create_token(&c.org.actor, &f.name, role, days)
                .await
        }
        (Err(e), _) => Err(e.into()),
        (_, Err(_)) => Err(mognad_app::AppError::invalid(
            "days",
            "token-days",
            "a whole number of days",
        )),
    };
    match result {
        Ok(issued) => {
            let blank = fields(&c, "", "analyst", "90");
            page(&c, Some(issued.secret), Vec::new(), blank).await
        }
        Err(e) => {
            let mut again = fields(&c, &f.name, &f.role, &f.days);
            let errors = apply_errors(&mut again, e, c.tr)?;
            page(&c, None, errors, again).await
        }
    }
}

pub async fn revoke(c: PageCtx, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .platform()
        .revoke_token(&c.org.actor, mognad_domain::ids::ApiTokenId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/tokens", c.org.actor.org)).into_response())
}
