//! Pages for measurement rounds (list, create); one round's page is in `round`, the models'
//! pages in `models`.

use crate::error::WebError;
use crate::extract::PageForm;
use crate::page::page_error;
use crate::page::{PageCtx, org_layout, render};
use crate::views::{Cell, Field, FormPage, ListPage};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::measurement::rounds::RoundInput;
use mognad_domain::role::Role;

type Page = Result<Response, WebError>;

pub(crate) fn base(c: &PageCtx) -> String {
    format!("/orgs/{}", c.org.actor.org)
}

pub async fn rounds(c: PageCtx) -> Page {
    let tr = c.tr;
    let here = format!("{}/rounds", base(&c));
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &here).await?;
    let e = page_error(tr);
    let rounds = c.state.app.measurement().rounds(&c.org.actor).await.map_err(e)?;
    let rows = rounds
        .iter()
        .map(|r| {
            vec![
                Cell::link(&r.name, format!("{here}/{}", r.id)),
                Cell::text(tr.t(&format!("round-state-{}", r.state))),
                Cell::text(r.group_ids.len().to_string()),
                Cell::text(r.opens_on.map(|d| d.to_string()).unwrap_or_default()),
                Cell::text(r.closes_on.map(|d| d.to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    let columns = [
        "field-name",
        "round-state",
        "nav-groups",
        "round-opens",
        "round-closes",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    Ok(render(ListPage {
        l,
        heading: tr.t("rounds-title"),
        new_href: c
            .org
            .actor
            .role
            .at_least(Role::Admin)
            .then(|| format!("{here}/new")),
        new_label: tr.t("rounds-new"),
        columns,
        rows,
        empty: tr.t("list-empty"),
        search: None,
        intro: None,
        links: Vec::new(),
    }))
}

async fn round_form(c: &PageCtx, input: &RoundInput, err: Option<AppError>) -> Page {
    let tr = c.tr;
    c.org.actor.require(Role::Admin).map_err(page_error(tr))?;
    let action = format!("{}/rounds", base(c));
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &action).await?;
    let models = c
        .state
        .app
        .measurement()
        .models(&c.org.actor)
        .await
        .map_err(page_error(tr))?;
    let choices = models
        .iter()
        .map(|m| {
            (
                m.id.to_string(),
                format!("{} ({} {})", m.name(tr.lang), tr.t("models-version"), m.version),
            )
        })
        .collect();
    let mut fields = vec![
        Field::new("name", tr.t("field-name"), "text", input.name.clone())
            .required()
            .hint(tr.t("hint-round-name")),
        Field::select(
            "model_id",
            tr.t("round-model"),
            Some(tr.t("choose")),
            choices,
            &input.model_id,
        ),
        Field::checkboxes(
            "group_ids",
            tr.t("round-groups"),
            c.state
                .app
                .org()
                .groups(&c.org.actor)
                .await
                .map_err(page_error(tr))?
                .into_iter()
                .map(|g| (g.id.to_string(), g.name))
                .collect(),
            &input.group_ids,
        )
        .hint(tr.t("hint-round-groups")),
        Field::new(
            "opens_on",
            tr.t("round-opens"),
            "date",
            crate::page::opt(&input.opens_on),
        ),
        Field::new(
            "closes_on",
            tr.t("round-closes"),
            "date",
            crate::page::opt(&input.closes_on),
        ),
    ];
    let errors = match err {
        Some(e) => crate::page::apply_errors(&mut fields, e, tr)?,
        None => Vec::new(),
    };
    let heading = tr.t("rounds-new");
    let cancel = Some(action.clone());
    Ok(crate::page::render_form(FormPage {
        l,
        heading,
        action,
        fields,
        errors,
        submit: tr.t("save"),
        cancel,
        delete_href: None,
        members: None,
        links: Vec::new(),
    }))
}

pub async fn new_round(c: PageCtx) -> Page {
    round_form(&c, &RoundInput::default(), None).await
}

/// The round form sends `group_ids` once per checked group, which a plain struct cannot hold.
fn round_input(fields: Vec<(String, String)>) -> RoundInput {
    let mut input = RoundInput::default();
    for (k, v) in fields {
        match k.as_str() {
            "name" => input.name = v,
            "model_id" => input.model_id = v,
            "group_ids" => input.group_ids.push(v),
            "opens_on" => input.opens_on = Some(v),
            "closes_on" => input.closes_on = Some(v),
            _ => {}
        }
    }
    input
}

pub async fn create_round(c: PageCtx, PageForm(fields): PageForm<Vec<(String, String)>>) -> Page {
    let input = round_input(fields);
    match c.state.app.measurement().create_round(&c.org.actor, &input).await {
        Ok(r) => Ok(Redirect::to(&format!("{}/rounds/{}", base(&c), r.id)).into_response()),
        Err(e) => round_form(&c, &input, Some(e)).await,
    }
}
