//! Pages for competence frameworks: the organisation's frameworks, and one framework with its
//! proficiency levels, areas and competences in the reader's language.

use super::{PageCtx, org_layout, render};
use crate::error::WebError;
use crate::extract::IdParam;
use crate::views::{Cell, Layout, ListPage};
use askama::Template;
use axum::response::Response;

type Page = Result<Response, WebError>;

/// (name, description, [(competence, description, codes)]) of one area.
pub type AreaRows = (String, String, Vec<(String, String, String)>);

pub struct RoleRows {
    pub name: String,
    pub description: String,
    pub works_with: String,
    /// (competence, "level – level name").
    pub requires: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "framework.html")]
pub struct FrameworkPage {
    pub l: Layout,
    pub heading: String,
    pub back: String,
    pub description: String,
    pub levels: Vec<(String, String)>,
    pub areas: Vec<AreaRows>,
    pub roles: Vec<RoleRows>,
}

pub async fn list(c: PageCtx) -> Page {
    let tr = c.tr;
    let here = format!("/orgs/{}/frameworks", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "frameworks", &here).await?;
    let list = c.state.app.frameworks(&c.org.actor).await.map_err(c.err())?;
    let rows = list
        .iter()
        .map(|f| {
            let name = match tr.lang {
                mognad_domain::org::Language::Sv => &f.name_sv,
                mognad_domain::org::Language::En => &f.name_en,
            };
            vec![
                Cell::link(name, format!("{here}/{}", f.id)),
                Cell::text(&f.key),
                Cell::text(f.version.to_string()),
            ]
        })
        .collect();
    Ok(render(ListPage {
        l,
        heading: tr.t("frameworks-title"),
        new_href: None,
        new_label: String::new(),
        columns: ["field-name", "models-key", "frameworks-version"]
            .iter()
            .map(|k| tr.t(k))
            .collect(),
        rows,
        empty: tr.t("list-empty"),
        search: None,
        intro: Some(tr.t("frameworks-intro")),
    }))
}

pub async fn show(c: PageCtx, IdParam(id): IdParam) -> Page {
    let tr = c.tr;
    let f = c.state.app.framework(&c.org.actor, id).await.map_err(c.err())?;
    let back = format!("/orgs/{}/frameworks", c.org.actor.org);
    let l = org_layout(
        &c.state,
        &c.org,
        tr,
        &c.csrf,
        "frameworks",
        &format!("{back}/{id}"),
    )
    .await?;
    let lang = tr.lang;
    let areas = f
        .areas
        .iter()
        .map(|a| {
            let competences = a
                .competences
                .iter()
                .map(|c| {
                    let codes = [
                        ("ESCO", &c.codes.esco),
                        ("e-CF", &c.codes.ecf),
                        ("SFIA", &c.codes.sfia),
                    ]
                    .iter()
                    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
                    .collect::<Vec<_>>()
                    .join(", ");
                    (
                        c.name.get(lang).to_owned(),
                        c.description.get(lang).to_owned(),
                        codes,
                    )
                })
                .collect();
            (
                a.name.get(lang).to_owned(),
                a.description.get(lang).to_owned(),
                competences,
            )
        })
        .collect();
    let roles = f
        .roles
        .iter()
        .map(|r| RoleRows {
            name: r.name.get(lang).to_owned(),
            description: r.description.get(lang).to_owned(),
            works_with: r
                .works_with
                .iter()
                .map(|w| w.get(lang))
                .collect::<Vec<_>>()
                .join(", "),
            requires: r
                .requires
                .iter()
                .map(|(c, level)| {
                    let name = f
                        .competence(c)
                        .map(|c| c.name.get(lang).to_owned())
                        .unwrap_or_default();
                    let label = f
                        .levels
                        .get(usize::from(*level) - 1)
                        .map(|l| l.name.get(lang))
                        .unwrap_or("");
                    (name, format!("{level} – {label}"))
                })
                .collect(),
        })
        .collect();
    Ok(render(FrameworkPage {
        l,
        roles,
        heading: f.name.get(lang).to_owned(),
        back,
        description: f.description.get(lang).to_owned(),
        levels: f
            .levels
            .iter()
            .map(|v| (v.name.get(lang).to_owned(), v.description.get(lang).to_owned()))
            .collect(),
        areas,
    }))
}
