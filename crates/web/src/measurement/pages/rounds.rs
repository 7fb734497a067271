//! Pages for maturity models (list, upload) and measurement rounds (list, create); one round's
//! page is in `round`.

use crate::csrf;
use crate::error::WebError;
use crate::extract::PageForm;
use crate::page::page_error;
use crate::page::{PageCtx, org_layout, render};
use crate::views::{Cell, Field, FormPage, ListPage, ModelsPage};
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::measurement::rounds::RoundInput;
use mognad_domain::role::Role;

type Page = Result<Response, WebError>;

fn base(c: &PageCtx) -> String {
    format!("/orgs/{}", c.org.actor.org)
}

async fn models_page(c: &PageCtx, errors: Vec<String>, status: StatusCode) -> Page {
    let tr = c.tr;
    let here = format!("{}/models", base(c));
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "models", &here).await?;
    let models = c
        .state
        .app
        .measurement()
        .models(&c.org.actor)
        .await
        .map_err(page_error(tr))?;
    let rows = models
        .iter()
        .map(|m| {
            vec![
                Cell::text(m.name(tr.lang)),
                Cell::text(&m.key),
                Cell::text(m.version.to_string()),
                Cell::text(if m.in_use {
                    tr.t("models-in-use")
                } else {
                    String::new()
                }),
            ]
        })
        .collect();
    let upload = c
        .org
        .actor
        .role
        .at_least(Role::Admin)
        .then(|| format!("{here}?{}={}", csrf::FIELD, c.csrf.0));
    let mut res = render(ModelsPage {
        l,
        rows,
        upload,
        errors,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn models(c: PageCtx) -> Page {
    models_page(&c, Vec::new(), StatusCode::OK).await
}

pub async fn upload_model(c: PageCtx, mut form: Multipart) -> Page {
    let tr = c.tr;
    let bad = |e: axum::extract::multipart::MultipartError| WebError::bad_request(false, tr, e.body_text());
    let mut source = None;
    while let Some(field) = form.next_field().await.map_err(bad)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(bad)?;
            source = Some(
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| WebError::bad_request(false, tr, "the file is not UTF-8 text"))?,
            );
        }
    }
    let Some(source) = source else {
        return models_page(&c, vec![tr.t("import-no-file")], StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match c
        .state
        .app
        .measurement()
        .upload_model(&c.org.actor, &source)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{}/models", base(&c))).into_response()),
        Err(AppError::Invalid(list)) => {
            models_page(
                &c,
                list.into_iter().map(|i| i.message).collect(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(m)) => models_page(&c, vec![m], StatusCode::CONFLICT).await,
        Err(e) => Err(WebError::app(e, false, tr)),
    }
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
