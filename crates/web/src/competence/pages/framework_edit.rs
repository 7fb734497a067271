//! Editing a framework in the browser: its name, the level scale's words, the areas, each
//! competence's texts and interfaces, the roles and whom they work with, what is added or
//! removed, and every role's required levels, in one form; saving makes the next version and
//! opens it, where people can be moved to it.

use super::framework_edit_form::{edit_of, label};
use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render, translated};
use crate::views::FormError;
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_domain::competence::edit::interfaces_to_lines;
use mognad_domain::competence::{Competence, Framework};
use mognad_domain::ids::FrameworkId;
use mognad_domain::model::Text;
use mognad_domain::role::Role;
use std::collections::HashMap;

type Page = Result<Response, WebError>;

/// One option of a select: (value, text, chosen).
pub type Choice = (String, String, bool);

/// One input of a block: (field, label, value, several lines).
pub type Input = (String, String, String, bool);

/// One fieldset of the form: a level, an area, a competence, a role, or one being added.
pub struct Block {
    pub legend: String,
    pub note: String,
    /// The choice of area, for a new competence: (field, options as (value, name, chosen)).
    pub select: Option<(String, Vec<Choice>)>,
    pub inputs: Vec<Input>,
    /// The removal checkbox: (field, label, checked).
    pub remove: Option<(String, String, bool)>,
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
    /// (section id, heading, hint, blocks).
    pub sections: Vec<(String, String, String, Vec<Block>)>,
    /// (table caption, its requirement selects).
    pub roles: Vec<(String, Vec<Requirement>)>,
    pub levels: Vec<(u8, String)>,
    pub errors: Vec<FormError>,
    /// The newest version's number and editor, when this version is not the newest: an edit
    /// here would drop that version's changes, so the form is shown but not offered to save.
    pub newer: Option<(String, String)>,
    /// A refused field's message, shown at the field too.
    pub invalid: HashMap<String, String>,
}

impl EditPage {
    /// The ids of what describes an input: its error, its own hint (an id's format) or its
    /// section's (how interfaces and works-with are written).
    pub fn described(&self, field: &str, section: &str) -> String {
        let mut ids = Vec::new();
        if self.invalid.contains_key(field) {
            ids.push(format!("{field}-error"));
        }
        if field.ends_with(".id") {
            ids.push(format!("{field}-hint"));
        }
        if field.ends_with(".interfaces") || field.ends_with(".works_with") {
            ids.push(format!("{section}-hint"));
        }
        ids.join(" ")
    }
}

/// The form's values: as posted after a refusal, else as the version has them.
struct Values<'a>(Option<&'a HashMap<String, String>>, Tr);

impl Values<'_> {
    fn get(&self, field: &str, or: &str) -> String {
        self.0
            .and_then(|p| p.get(field).cloned())
            .unwrap_or_else(|| or.to_owned())
    }

    fn checked(&self, field: &str) -> bool {
        self.0.is_some_and(|p| p.contains_key(field))
    }

    /// The four texts every part has.
    fn texts(&self, prefix: &str, name: &Text, description: &Text) -> Vec<Input> {
        [
            ("name_sv", "fe-name-sv", &name.sv, false),
            ("name_en", "fe-name-en", &name.en, false),
            ("description_sv", "fe-description-sv", &description.sv, true),
            ("description_en", "fe-description-en", &description.en, true),
        ]
        .into_iter()
        .map(|(what, key, value, long)| {
            let field = format!("{prefix}.{what}");
            (self.get(&field, value), field, self.1.t(key), long)
        })
        .map(|(value, field, label, long)| (field, label, value, long))
        .collect()
    }

    fn lines(&self, prefix: &str, what: &str, key: &str, now: &[Text]) -> Input {
        let field = format!("{prefix}.{what}");
        (
            field.clone(),
            self.1.t(key),
            self.get(&field, &interfaces_to_lines(now)),
            true,
        )
    }

    fn remove(&self, prefix: &str, key: &str) -> Option<(String, String, bool)> {
        let field = format!("{prefix}.remove");
        Some((field.clone(), self.1.t(key), self.checked(&field)))
    }

    fn id(&self, prefix: &str) -> Input {
        let field = format!("{prefix}.id");
        (field.clone(), self.1.t("fe-id"), self.get(&field, ""), false)
    }
}

fn block(legend: String, inputs: Vec<Input>) -> Block {
    Block {
        legend,
        note: String::new(),
        select: None,
        inputs,
        remove: None,
    }
}

fn sections(f: &Framework, v: &Values) -> Vec<(String, String, String, Vec<Block>)> {
    let (tr, lang) = (v.1, v.1.lang);
    let blank = Text::default();
    let levels = f
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            block(
                tr.t1("fe-level", "n", i + 1),
                v.texts(&format!("level.{}", i + 1), &l.name, &l.description),
            )
        })
        .collect();
    let mut areas: Vec<Block> = f
        .areas
        .iter()
        .map(|a| {
            let p = format!("area.{}", a.id);
            Block {
                remove: v.remove(&p, "fe-remove-area"),
                ..block(a.name.get(lang).to_owned(), v.texts(&p, &a.name, &a.description))
            }
        })
        .collect();
    areas.push(block(
        tr.t("fe-new-area"),
        [v.id("newarea")]
            .into_iter()
            .chain(v.texts("newarea", &blank, &blank))
            .collect(),
    ));
    let comp = |p: &str, c: &Competence| {
        let mut inputs = v.texts(p, &c.name, &c.description);
        inputs.push(v.lines(p, "interfaces", "frameworks-interfaces", &c.interfaces));
        inputs
    };
    let mut comps: Vec<Block> = f
        .areas
        .iter()
        .flat_map(|a| a.competences.iter().map(move |c| (a, c)))
        .map(|(a, c)| {
            let p = format!("comp.{}", c.id);
            Block {
                note: a.name.get(lang).to_owned(),
                remove: v.remove(&p, "fe-remove"),
                ..block(c.name.get(lang).to_owned(), comp(&p, c))
            }
        })
        .collect();
    let chosen = v.get("new.area", &f.areas[0].id);
    let options = f
        .areas
        .iter()
        .map(|a| (a.id.clone(), a.name.get(lang).to_owned()))
        .chain([(String::new(), tr.t("fe-area-new"))])
        .map(|(id, name)| (id.clone(), name, id == chosen))
        .collect();
    let mut inputs = vec![v.id("new")];
    inputs.extend(v.texts("new", &blank, &blank));
    inputs.push(v.lines("new", "interfaces", "frameworks-interfaces", &[]));
    comps.push(Block {
        select: Some(("new.area".into(), options)),
        ..block(tr.t("fe-new"), inputs)
    });
    let role_inputs = |p: &str, name: &Text, description: &Text, with: &[Text]| {
        let mut inputs = v.texts(p, name, description);
        inputs.push(v.lines(p, "works_with", "frameworks-works-with", with));
        inputs
    };
    let mut roles: Vec<Block> = f
        .roles
        .iter()
        .map(|r| {
            let p = format!("role.{}", r.id);
            Block {
                remove: v.remove(&p, "fe-remove-role"),
                ..block(
                    r.name.get(lang).to_owned(),
                    role_inputs(&p, &r.name, &r.description, &r.works_with),
                )
            }
        })
        .collect();
    let mut inputs = vec![v.id("newrole")];
    inputs.extend(role_inputs("newrole", &blank, &blank, &[]));
    roles.push(block(tr.t("fe-new-role"), inputs));
    let fw = block(
        f.name.get(lang).to_owned(),
        v.texts("fw", &f.name, &f.description),
    );
    vec![
        (
            "fe-framework".into(),
            tr.t("fe-framework"),
            String::new(),
            vec![fw],
        ),
        (
            "fe-levels".into(),
            tr.t("fe-levels"),
            tr.t("fe-levels-hint"),
            levels,
        ),
        ("fe-areas".into(), tr.t("fe-areas"), tr.t("fe-areas-hint"), areas),
        (
            "fe-competences".into(),
            tr.t("fe-competences"),
            tr.t("fe-interfaces-hint"),
            comps,
        ),
        (
            "fe-role-texts".into(),
            tr.t("fe-role-texts"),
            tr.t("fe-roles-hint"),
            roles,
        ),
    ]
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
    let newest = c
        .state
        .app
        .competence()
        .frameworks(&c.org.actor)
        .await
        .map_err(c.err())?
        .into_iter()
        .filter(|i| i.key == f.id)
        .max_by_key(|i| i.version);
    let newer = newest.filter(|n| n.version > i64::from(f.version)).map(|n| {
        (
            n.version.to_string(),
            format!("/orgs/{}/frameworks/{}/edit", c.org.actor.org, n.id),
        )
    });
    let back = format!("/orgs/{}/frameworks/{id}", c.org.actor.org);
    let action = format!("{back}/edit");
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "frameworks", &action).await?;
    let (pairs, errors) = given.map_or((None, Vec::new()), |(p, e)| (Some(p), e));
    let invalid = errors
        .iter()
        .map(|e| (e.href.trim_start_matches('#').to_owned(), e.message.clone()))
        .collect();
    let v = Values(pairs, tr);
    let table = |prefix: &str, now: &dyn Fn(&str) -> Option<u8>| -> Vec<Requirement> {
        f.areas
            .iter()
            .flat_map(|a| &a.competences)
            .map(|c| {
                let field = format!("{prefix}{}", c.id);
                let chosen = pairs.map_or(now(&c.id), |p| p.get(&field).and_then(|v| v.parse().ok()));
                (field, c.name.get(lang).to_owned(), chosen)
            })
            .collect()
    };
    let mut roles: Vec<(String, Vec<Requirement>)> = f
        .roles
        .iter()
        .map(|r| {
            let now = |c: &str| r.requires.iter().find(|(k, _)| k == c).map(|(_, l)| *l);
            (
                r.name.get(lang).to_owned(),
                table(&format!("req.{}.", r.id), &now),
            )
        })
        .collect();
    roles.push((tr.t("fe-new-role"), table("newreq.", &|_| None)));
    let mut res = render(EditPage {
        heading: tr.tn(
            "fe-title",
            &[("name", f.name.get(lang)), ("version", &f.version.to_string())],
        ),
        sections: sections(&f, &v),
        levels: f
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u8 + 1, l.name.get(lang).to_owned()))
            .collect(),
        roles,
        errors,
        newer,
        invalid,
        action,
        back,
        l,
    });
    if pairs.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
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
        .edit_framework(&c.org.actor, FrameworkId(id), &edit_of(&f, &pairs))
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
        // A newer version was saved meanwhile: the page says so, with what was typed kept.
        Err(AppError::Conflict {
            code: "framework-stale",
            ..
        }) => {
            let mut res = page(&c, id, Some((&pairs, Vec::new()))).await?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(c.err()(e)),
    }
}
