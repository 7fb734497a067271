//! A person's rights over their data in the browser: the document of everything held about
//! them, erasure with a confirmation, and the organisation's retention periods.

use crate::error::WebError;
use crate::extract::{IdParam, PageForm};
use crate::measurement::pages::exports::attachment;
use crate::page::{PageCtx, org_layout, render};
use crate::views::{ConfirmPage, Field, FormPage};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::org::privacy::{RetentionInput, RetentionView};
use mognad_domain::ids::PersonId;

type Page = Result<Response, WebError>;

/// Everything held about the person, as a JSON file.
pub async fn data(c: PageCtx, IdParam(id): IdParam) -> Page {
    let doc = c
        .state
        .app
        .org()
        .person_data(&c.org.actor, PersonId(id))
        .await
        .map_err(c.err())?;
    let body = serde_json::to_vec_pretty(&doc).map_err(|e| c.err()(AppError::Internal(e.to_string())))?;
    Ok(attachment(
        "application/json",
        &format!("person-{id}.json"),
        body.into(),
    ))
}

pub async fn erase_confirm(c: PageCtx, IdParam(id): IdParam) -> Page {
    let app = &c.state.app;
    c.org
        .actor
        .require(mognad_domain::role::Role::Admin)
        .map_err(c.err())?;
    let p = app
        .org()
        .person(&c.org.actor, PersonId(id))
        .await
        .map_err(c.err())?;
    let base = format!("/orgs/{}/people/{id}", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "people", &base).await?;
    Ok(render(ConfirmPage {
        l,
        heading: c.tr.t1("erase-title", "name", &p.name),
        message: c.tr.t("erase-warning"),
        action: format!("{base}/erase"),
        cancel: base,
    }))
}

pub async fn erase(c: PageCtx, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .org()
        .erase_person(&c.org.actor, PersonId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/people", c.org.actor.org)).into_response())
}

fn fields(c: &PageCtx, input: &RetentionInput) -> Vec<Field> {
    let tr = c.tr;
    let field = |name: &str, value: &str| {
        Field::new(
            name,
            tr.t(&format!("retention-{name}")),
            "number",
            value.to_owned(),
        )
        .hint(tr.t(&format!("retention-{name}-hint")))
    };
    vec![
        field("links_days", &input.links_days),
        field("drafts_days", &input.drafts_days),
        field("contacts_days", &input.contacts_days),
    ]
}

async fn retention_form(c: &PageCtx, input: &RetentionInput, err: Option<AppError>) -> Page {
    let action = format!("/orgs/{}/privacy", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "privacy", &action).await?;
    let mut f = fields(c, input);
    let errors = match err {
        Some(e) => crate::page::apply_errors(&mut f, e, c.tr)?,
        None => Vec::new(),
    };
    Ok(crate::page::render_form(FormPage {
        l,
        heading: c.tr.t("privacy-title"),
        action,
        fields: f,
        errors,
        submit: c.tr.t("save"),
        cancel: None,
        delete_href: None,
        members: None,
        links: Vec::new(),
    }))
}

fn shown(d: Option<i64>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub async fn retention(c: PageCtx) -> Page {
    let r: RetentionView = c.state.app.org().retention(&c.org.actor).await.map_err(c.err())?;
    let input = RetentionInput {
        links_days: shown(r.links_days),
        drafts_days: shown(r.drafts_days),
        contacts_days: shown(r.contacts_days),
    };
    retention_form(&c, &input, None).await
}

pub async fn save_retention(c: PageCtx, PageForm(input): PageForm<RetentionInput>) -> Page {
    match c.state.app.org().set_retention(&c.org.actor, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{}/privacy", c.org.actor.org)).into_response()),
        Err(e) => retention_form(&c, &input, Some(e)).await,
    }
}
