//! Editing a framework in the browser: each competence's texts and interfaces (or its removal),
//! a new competence, and every role's required levels in one table; saving makes the next
//! version and opens it, where people can be moved to it.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, org_layout, render, translated};
use crate::views::FormError;
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_domain::competence::Framework;
use mognad_domain::competence::edit::{
    CompetenceEdit, Edit, NewCompetence, interfaces_from_lines, interfaces_to_lines,
};
use mognad_domain::ids::FrameworkId;
use mognad_domain::model::Text;
use mognad_domain::role::Role;
use std::collections::HashMap;

type Page = Result<Response, WebError>;

/// One competence's inputs: id, area name, and the values shown.
pub struct CompRow {
    pub id: String,
    pub area: String,
    pub name_sv: String,
    pub name_en: String,
    pub description_sv: String,
    pub description_en: String,
    pub interfaces: String,
}

/// One requirement select: (field, competence name, chosen level).
pub type Requirement = (String, String, Option<u8>);

#[derive(Template)]
#[template(path = "framework_edit.html")]
pub struct EditPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub action: String,
    pub back: String,
    pub comps: Vec<CompRow>,
    pub areas: Vec<(String, String)>,
    /// (role name, its requirement selects).
    pub roles: Vec<(String, Vec<Requirement>)>,
    pub levels: Vec<(u8, String)>,
    pub errors: Vec<FormError>,
}

fn form_of(f: &Framework, pairs: &HashMap<String, String>) -> Edit {
    let get = |k: String| pairs.get(&k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let text = |prefix: &str, what: &str| Text {
        sv: get(format!("{prefix}.{what}_sv")),
        en: get(format!("{prefix}.{what}_en")),
    };
    let competences = f
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| {
            let p = format!("comp.{}", c.id);
            CompetenceEdit {
                id: c.id.clone(),
                name: text(&p, "name"),
                description: text(&p, "description"),
                interfaces: interfaces_from_lines(&get(format!("{p}.interfaces"))),
                remove: pairs.contains_key(&format!("{p}.remove")),
            }
        })
        .collect();
    let mut requires = Vec::new();
    for r in &f.roles {
        for c in f.areas.iter().flat_map(|a| &a.competences) {
            let v = get(format!("req.{}.{}", r.id, c.id));
            requires.push((r.id.clone(), c.id.clone(), v.parse().ok()));
        }
    }
    let new_id = get("new.id".into());
    let add = (!new_id.is_empty()).then(|| NewCompetence {
        area: get("new.area".into()),
        id: new_id,
        name: text("new", "name"),
        description: text("new", "description"),
        interfaces: interfaces_from_lines(&get("new.interfaces".into())),
    });
    Edit {
        competences,
        requires,
        add,
    }
}

async fn page(
    c: &PageCtx,
    id: uuid::Uuid,
    given: Option<(&HashMap<String, String>, Vec<FormError>)>,
) -> Page {
    c.org.actor.require(Role::Admin).map_err(c.err())?;
    let tr = c.tr;
    let lang = tr.lang;
    let f = c
        .state
        .app
        .competence()
        .framework(&c.org.actor, FrameworkId(id))
        .await
        .map_err(c.err())?;
    let back = format!("/orgs/{}/frameworks/{id}", c.org.actor.org);
    let action = format!("{back}/edit");
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "frameworks", &action).await?;
    let (pairs, errors) = given.map_or((None, Vec::new()), |(p, e)| (Some(p), e));
    let value = |k: String, or: String| pairs.and_then(|p| p.get(&k).cloned()).unwrap_or(or);
    let comps = f
        .areas
        .iter()
        .flat_map(|a| a.competences.iter().map(move |c| (a, c)))
        .map(|(a, c)| {
            let p = format!("comp.{}", c.id);
            CompRow {
                area: a.name.get(lang).to_owned(),
                name_sv: value(format!("{p}.name_sv"), c.name.sv.clone()),
                name_en: value(format!("{p}.name_en"), c.name.en.clone()),
                description_sv: value(format!("{p}.description_sv"), c.description.sv.clone()),
                description_en: value(format!("{p}.description_en"), c.description.en.clone()),
                interfaces: value(format!("{p}.interfaces"), interfaces_to_lines(&c.interfaces)),
                id: c.id.clone(),
            }
        })
        .collect();
    let roles = f
        .roles
        .iter()
        .map(|r| {
            let cells = f
                .areas
                .iter()
                .flat_map(|a| &a.competences)
                .map(|c| {
                    let field = format!("req.{}.{}", r.id, c.id);
                    let now = r.requires.iter().find(|(k, _)| *k == c.id).map(|(_, l)| *l);
                    let chosen = pairs.map_or(now, |p| p.get(&field).and_then(|v| v.parse().ok()));
                    (field, c.name.get(lang).to_owned(), chosen)
                })
                .collect();
            (r.name.get(lang).to_owned(), cells)
        })
        .collect();
    let mut res = render(EditPage {
        heading: tr.tn(
            "fe-title",
            &[("name", f.name.get(lang)), ("version", &f.version.to_string())],
        ),
        areas: f
            .areas
            .iter()
            .map(|a| (a.id.clone(), a.name.get(lang).to_owned()))
            .collect(),
        levels: f
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u8 + 1, l.name.get(lang).to_owned()))
            .collect(),
        comps,
        roles,
        errors,
        action,
        back,
        l,
    });
    if pairs.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// What a refused field is about, in words: the competence, the new one, or role and competence.
fn label(f: &Framework, field: &str, tr: crate::i18n::Tr) -> String {
    let parts: Vec<&str> = field.split('.').collect();
    let competence = |id: &str| {
        f.competence(id)
            .map_or(id.to_owned(), |c| c.name.get(tr.lang).to_owned())
    };
    match parts.as_slice() {
        ["comp", id, ..] => competence(id),
        ["req", role, id] => {
            let role = f
                .roles
                .iter()
                .find(|r| r.id == *role)
                .map_or(*role, |r| r.name.get(tr.lang));
            format!("{role} – {}", competence(id))
        }
        ["area", id] => f
            .areas
            .iter()
            .find(|a| a.id == *id)
            .map_or((*id).to_owned(), |a| a.name.get(tr.lang).to_owned()),
        _ => tr.t("fe-new"),
    }
}

pub async fn show(c: PageCtx, IdParam(id): IdParam) -> Page {
    page(&c, id, None).await
}

pub async fn save(c: PageCtx, IdParam(id): IdParam, Form(form): Form<Vec<(String, String)>>) -> Page {
    let app = c.state.app.competence();
    let f = app
        .framework(&c.org.actor, FrameworkId(id))
        .await
        .map_err(c.err())?;
    let pairs: HashMap<String, String> = form.into_iter().collect();
    match app
        .edit_framework(&c.org.actor, FrameworkId(id), &form_of(&f, &pairs))
        .await
    {
        Ok(next) => Ok(Redirect::to(&format!(
            "/orgs/{}/frameworks/{}?saved=1#versions",
            c.org.actor.org, next.id
        ))
        .into_response()),
        Err(AppError::Invalid(list)) => {
            let errors = list
                .iter()
                .map(|e| {
                    let field = e.field.clone().unwrap_or_default();
                    FormError {
                        message: format!("{}: {}", label(&f, &field, c.tr), translated(e, c.tr)),
                        href: format!("#{field}"),
                    }
                })
                .collect();
            page(&c, id, Some((&pairs, errors))).await
        }
        Err(e) => Err(c.err()(e)),
    }
}
