//! The maturity models' pages: the list with the upload form, one model read in full (engines,
//! phases with their meaning and advice, items and answer options) and its file to download.

use crate::csrf;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::measurement::pages::rounds::base;
use crate::page::{PageCtx, org_layout, page_error, render};
use crate::views::{Cell, ModelsPage};
use askama::Template;
use axum::extract::Multipart;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_domain::ids::ModelId;
use mognad_domain::model::{ItemKind, Phase};
use mognad_domain::role::Role;

type Page = Result<Response, WebError>;

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
                Cell::link(m.name(tr.lang), format!("{here}/{}", m.id)),
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
    let bad = WebError::multipart(tr);
    let mut source = None;
    while let Some(field) = form.next_field().await.map_err(bad)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(bad)?;
            source = Some(String::from_utf8(bytes.to_vec()));
        }
    }
    let source = match source {
        None => return models_page(&c, vec![tr.t("import-no-file")], StatusCode::UNPROCESSABLE_ENTITY).await,
        Some(Err(_)) => {
            return models_page(
                &c,
                vec![tr.t("frameworks-not-utf8")],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Some(Ok(text)) => text,
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
                list.iter().map(|i| crate::page::translated(i, tr)).collect(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e @ AppError::Conflict { .. }) => {
            let said = crate::error::conflict_text(&e, tr).unwrap_or_default();
            models_page(&c, vec![said], StatusCode::CONFLICT).await
        }
        Err(e) => Err(WebError::app(e, false, tr)),
    }
}

/// One phase of an engine: its name, what it looks like, and the advice for the next step.
pub struct PhaseText {
    pub name: String,
    pub focus: bool,
    pub level: String,
    pub advice: String,
}

pub struct ItemText {
    pub text: String,
    /// The statements from least to most mature; empty for a five-step scale.
    pub options: Vec<String>,
}

pub struct EngineView {
    pub name: String,
    pub description: String,
    pub phases: Vec<PhaseText>,
    pub items: Vec<ItemText>,
}

#[derive(Template)]
#[template(path = "model.html")]
pub struct ModelPage {
    pub l: crate::views::Layout,
    pub name: String,
    pub description: String,
    pub version: u32,
    pub back: String,
    pub download: String,
    pub order: Vec<String>,
    pub engines: Vec<EngineView>,
}

/// A model read in full, in the reader's language.
pub async fn model(c: PageCtx, IdParam(id): IdParam) -> Page {
    let tr = c.tr;
    let back = format!("{}/models", base(&c));
    let here = format!("{back}/{id}");
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "models", &here).await?;
    let m = c
        .state
        .app
        .measurement()
        .model(&c.org.actor, ModelId(id))
        .await
        .map_err(page_error(tr))?;
    let lang = tr.lang;
    let engines = m
        .engines
        .iter()
        .map(|e| EngineView {
            name: e.name.get(lang).to_owned(),
            description: e.description.get(lang).to_owned(),
            phases: Phase::ALL
                .iter()
                .map(|&p| PhaseText {
                    name: tr.t(&format!("phase-{}", p.key())),
                    focus: p == e.focus,
                    level: e.level(p).get(lang).to_owned(),
                    advice: e
                        .advice(&m.id, p)
                        .map(|a| a.get(lang).to_owned())
                        .unwrap_or_default(),
                })
                .collect(),
            items: e
                .items
                .iter()
                .map(|i| ItemText {
                    text: i.text.get(lang).to_owned(),
                    options: match &i.kind {
                        ItemKind::Statements(o) => o.iter().map(|t| t.get(lang).to_owned()).collect(),
                        ItemKind::Scale => Vec::new(),
                    },
                })
                .collect(),
        })
        .collect();
    let order = m
        .recommended_order
        .iter()
        .filter_map(|k| m.engine(k))
        .map(|e| e.name.get(lang).to_owned())
        .collect();
    Ok(render(ModelPage {
        l,
        name: m.name.get(lang).to_owned(),
        description: m.description.get(lang).to_owned(),
        version: m.version,
        download: format!("{here}/file"),
        back,
        order,
        engines,
    }))
}

/// The model's file as stored, to edit and upload as a new version.
pub async fn model_file(c: PageCtx, IdParam(id): IdParam) -> Page {
    let (name, source) = c
        .state
        .app
        .measurement()
        .model_source(&c.org.actor, ModelId(id))
        .await
        .map_err(page_error(c.tr))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        source,
    )
        .into_response())
}
