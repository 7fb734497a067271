//! Pages for units, people, leadership groups and teams: list, create, edit, delete with
//! confirmation. Every page works without JavaScript.

use super::{apply_errors, opt, org_layout, render};
use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{IdParam, PageForm, PersonParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use crate::views::*;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::directory::{NamedInput, PersonInput, UnitInput};
use mognad_domain::role::Role;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

type Page = Result<Response, WebError>;

/// Everything a page handler in this module needs.
struct Ctx {
    state: AppState,
    tr: Tr,
    csrf: CsrfToken,
    org: OrgCtx,
}

impl Ctx {
    fn base(&self, section: &str) -> String {
        format!("/orgs/{}/{section}", self.org.actor.org)
    }

    fn err(&self) -> impl Fn(AppError) -> WebError + '_ {
        |e| WebError::app(e, false, self.tr)
    }

    fn admin(&self) -> bool {
        self.org.actor.role.at_least(Role::Admin)
    }

    async fn list(
        &self,
        section: &str,
        heading: &str,
        new_label: &str,
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
        search: Option<Search>,
    ) -> Page {
        let base = self.base(section);
        let l = org_layout(&self.state, &self.org, self.tr, &self.csrf, section, &base).await?;
        Ok(render(ListPage {
            l,
            heading: self.tr.t(heading),
            new_href: self.admin().then(|| format!("{base}/new")),
            new_label: self.tr.t(new_label),
            columns,
            rows,
            empty: self.tr.t("list-empty"),
            search,
        }))
    }

    /// A form page; `err` puts its messages next to the fields and answers 422.
    async fn form(
        &self,
        section: &str,
        heading: String,
        id: Option<Uuid>,
        mut fields: Vec<Field>,
        err: Option<AppError>,
        members: Option<Members>,
    ) -> Page {
        self.org.actor.require(Role::Admin).map_err(self.err())?;
        let base = self.base(section);
        let action = id.map(|i| format!("{base}/{i}")).unwrap_or_else(|| base.clone());
        let l = org_layout(&self.state, &self.org, self.tr, &self.csrf, section, &action).await?;
        let errors = match err {
            Some(e) => apply_errors(&mut fields, e, self.tr)?,
            None => Vec::new(),
        };
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let mut res = render(FormPage {
            l,
            heading,
            action,
            fields,
            errors,
            submit: self.tr.t("save"),
            cancel: Some(base.clone()),
            delete_href: id.map(|i| format!("{base}/{i}/delete")),
            members,
        });
        *res.status_mut() = status;
        Ok(res)
    }

    async fn confirm(&self, section: &str, id: Uuid, name: &str) -> Page {
        self.org.actor.require(Role::Admin).map_err(self.err())?;
        let base = self.base(section);
        let l = org_layout(&self.state, &self.org, self.tr, &self.csrf, section, &base).await?;
        Ok(render(ConfirmPage {
            l,
            heading: self.tr.t1("delete-title", "name", name),
            message: self.tr.t(&format!("delete-warning-{section}")),
            action: format!("{base}/{id}/delete"),
            cancel: format!("{base}/{id}"),
        }))
    }

    async fn unit_choices(&self, except: Option<Uuid>) -> Result<Vec<(String, String)>, WebError> {
        Ok(self
            .state
            .app
            .units(&self.org.actor)
            .await
            .map_err(self.err())?
            .into_iter()
            .filter(|u| Some(u.id) != except)
            .map(|u| (u.id.to_string(), u.name))
            .collect())
    }

    async fn unit_names(&self) -> Result<HashMap<Uuid, String>, WebError> {
        Ok(self
            .state
            .app
            .units(&self.org.actor)
            .await
            .map_err(self.err())?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect())
    }
}

macro_rules! ctx {
    ($state:ident, $tr:ident, $csrf:ident, $org:ident) => {
        Ctx {
            state: $state,
            tr: $tr,
            csrf: $csrf,
            org: $org,
        }
    };
}

fn saved(href: String) -> Response {
    Redirect::to(&href).into_response()
}

// ---- units ----

async fn unit_fields(c: &Ctx, id: Option<Uuid>, input: &UnitInput) -> Result<Vec<Field>, WebError> {
    let tr = c.tr;
    Ok(vec![
        Field::new("name", tr.t("field-name"), "text", input.name.clone()).required(),
        Field::new("kind", tr.t("field-unit-kind"), "text", opt(&input.kind)).hint(tr.t("hint-unit-kind")),
        Field::select(
            "parent_id",
            tr.t("field-parent"),
            Some(tr.t("none-top-level")),
            c.unit_choices(id).await?,
            &opt(&input.parent_id),
        ),
    ])
}

pub async fn units(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let list = c.state.app.units(&c.org.actor).await.map_err(c.err())?;
    let names: HashMap<Uuid, String> = list.iter().map(|u| (u.id, u.name.clone())).collect();
    let base = c.base("units");
    let rows = list
        .iter()
        .map(|u| {
            vec![
                Cell::link(&u.name, format!("{base}/{}", u.id)),
                Cell::text(u.kind.clone().unwrap_or_default()),
                Cell::text(
                    u.parent_id
                        .and_then(|p| names.get(&p).cloned())
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    c.list(
        "units",
        "units-title",
        "units-new",
        vec![tr.t("field-name"), tr.t("field-unit-kind"), tr.t("field-parent")],
        rows,
        None,
    )
    .await
}

pub async fn new_unit(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let fields = unit_fields(&c, None, &UnitInput::default()).await?;
    c.form("units", tr.t("units-new"), None, fields, None, None).await
}

pub async fn edit_unit(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let u = c.state.app.unit(&c.org.actor, id).await.map_err(c.err())?;
    let input = UnitInput {
        name: u.name.clone(),
        kind: u.kind,
        parent_id: u.parent_id.map(|p| p.to_string()),
    };
    let fields = unit_fields(&c, Some(id), &input).await?;
    c.form(
        "units",
        tr.t1("edit-title", "name", &u.name),
        Some(id),
        fields,
        None,
        None,
    )
    .await
}

async fn save_unit(c: Ctx, id: Option<Uuid>, input: UnitInput) -> Page {
    match c.state.app.save_unit(&c.org.actor, id, &input).await {
        Ok(_) => Ok(saved(c.base("units"))),
        Err(e) => {
            let fields = unit_fields(&c, id, &input).await?;
            let heading = if id.is_some() {
                c.tr.t1("edit-title", "name", &input.name)
            } else {
                c.tr.t("units-new")
            };
            c.form("units", heading, id, fields, Some(e), None).await
        }
    }
}

pub async fn create_unit(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    PageForm(input): PageForm<UnitInput>,
) -> Page {
    save_unit(ctx!(state, tr, csrf, org), None, input).await
}

pub async fn update_unit(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
    PageForm(input): PageForm<UnitInput>,
) -> Page {
    save_unit(ctx!(state, tr, csrf, org), Some(id), input).await
}

pub async fn confirm_unit(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let u = c.state.app.unit(&c.org.actor, id).await.map_err(c.err())?;
    c.confirm("units", id, &u.name).await
}

pub async fn delete_unit(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    c.state.app.delete_unit(&c.org.actor, id).await.map_err(c.err())?;
    Ok(saved(c.base("units")))
}

// ---- people ----

#[derive(Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
    page: Option<i64>,
}

const PAGE_SIZE: i64 = 50;

async fn person_fields(c: &Ctx, input: &PersonInput) -> Result<Vec<Field>, WebError> {
    let tr = c.tr;
    Ok(vec![
        Field::new("name", tr.t("field-name"), "text", input.name.clone())
            .required()
            .autocomplete("off"),
        Field::new("email", tr.t("field-email"), "email", opt(&input.email)),
        Field::new("title", tr.t("field-title"), "text", opt(&input.title)),
        Field::select(
            "unit_id",
            tr.t("field-unit"),
            Some(tr.t("none")),
            c.unit_choices(None).await?,
            &opt(&input.unit_id),
        ),
    ])
}

pub async fn people(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    Query(q): Query<PeopleQuery>,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let page = q.page.unwrap_or(0).max(0);
    let term = q.q.clone().unwrap_or_default();
    let search = Some(term.as_str()).filter(|t| !t.trim().is_empty());
    let (list, total) = c
        .state
        .app
        .people(&c.org.actor, search, PAGE_SIZE, page * PAGE_SIZE)
        .await
        .map_err(c.err())?;
    let units = c.unit_names().await?;
    let base = c.base("people");
    let rows = list
        .iter()
        .map(|p| {
            vec![
                Cell::link(&p.name, format!("{base}/{}", p.id)),
                Cell::text(p.title.clone().unwrap_or_default()),
                Cell::text(p.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default()),
                Cell::text(p.email.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let q_enc = crate::error::url_encode(&term);
    let link = |n: i64| format!("{base}?q={q_enc}&page={n}");
    let search = Search {
        q: term.clone(),
        summary: tr.t1("people-count", "n", total),
        prev: (page > 0).then(|| link(page - 1)),
        next: ((page + 1) * PAGE_SIZE < total).then(|| link(page + 1)),
    };
    let cols = vec![
        tr.t("field-name"),
        tr.t("field-title"),
        tr.t("field-unit"),
        tr.t("field-email"),
    ];
    c.list("people", "people-title", "people-new", cols, rows, Some(search))
        .await
}

pub async fn new_person(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let fields = person_fields(&c, &PersonInput::default()).await?;
    c.form("people", tr.t("people-new"), None, fields, None, None)
        .await
}

pub async fn edit_person(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let v = c.state.app.person(&c.org.actor, id).await.map_err(c.err())?;
    let input = PersonInput {
        name: v.name.clone(),
        email: v.email,
        unit_id: v.unit_id.map(|u| u.to_string()),
        title: v.title,
    };
    let fields = person_fields(&c, &input).await?;
    c.form(
        "people",
        tr.t1("edit-title", "name", &v.name),
        Some(id),
        fields,
        None,
        None,
    )
    .await
}

async fn save_person(c: Ctx, id: Option<Uuid>, input: PersonInput) -> Page {
    match c.state.app.save_person(&c.org.actor, id, &input).await {
        Ok(_) => Ok(saved(c.base("people"))),
        Err(e) => {
            let fields = person_fields(&c, &input).await?;
            let heading = if id.is_some() {
                c.tr.t1("edit-title", "name", &input.name)
            } else {
                c.tr.t("people-new")
            };
            c.form("people", heading, id, fields, Some(e), None).await
        }
    }
}

pub async fn create_person(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    PageForm(input): PageForm<PersonInput>,
) -> Page {
    save_person(ctx!(state, tr, csrf, org), None, input).await
}

pub async fn update_person(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
    PageForm(input): PageForm<PersonInput>,
) -> Page {
    save_person(ctx!(state, tr, csrf, org), Some(id), input).await
}

pub async fn confirm_person(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let v = c.state.app.person(&c.org.actor, id).await.map_err(c.err())?;
    c.confirm("people", id, &v.name).await
}

pub async fn delete_person(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    c.state
        .app
        .delete_person(&c.org.actor, id)
        .await
        .map_err(c.err())?;
    Ok(saved(c.base("people")))
}

// ---- leadership groups and teams ----

async fn named_fields(c: &Ctx, input: &NamedInput) -> Result<Vec<Field>, WebError> {
    Ok(vec![
        Field::new("name", c.tr.t("field-name"), "text", input.name.clone()).required(),
        Field::select(
            "unit_id",
            c.tr.t("field-unit"),
            Some(c.tr.t("none")),
            c.unit_choices(None).await?,
            &opt(&input.unit_id),
        ),
    ])
}

async fn group_members(c: &Ctx, id: Uuid) -> Result<Members, WebError> {
    let g = c.state.app.group(&c.org.actor, id).await.map_err(c.err())?;
    let people = c.state.app.all_people(&c.org.actor).await.map_err(c.err())?;
    let base = c.base("groups");
    let rows = g
        .member_ids
        .iter()
        .filter_map(|m| people.iter().find(|p| p.id == *m))
        .map(|p| (p.name.clone(), format!("{base}/{id}/members/{}/remove", p.id)))
        .collect();
    let candidates = people
        .iter()
        .filter(|p| !g.member_ids.contains(&p.id))
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.name.clone(),
            selected: false,
        })
        .collect();
    Ok(Members {
        heading: c.tr.t("members-title"),
        add_action: format!("{base}/{id}/members"),
        rows,
        candidates,
    })
}

pub async fn groups(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let list = c.state.app.groups(&c.org.actor).await.map_err(c.err())?;
    let units = c.unit_names().await?;
    let base = c.base("groups");
    let rows = list
        .iter()
        .map(|g| {
            vec![
                Cell::link(&g.name, format!("{base}/{}", g.id)),
                Cell::text(g.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default()),
                Cell::text(g.member_ids.len().to_string()),
            ]
        })
        .collect();
    c.list(
        "groups",
        "groups-title",
        "groups-new",
        vec![tr.t("field-name"), tr.t("field-unit"), tr.t("field-members")],
        rows,
        None,
    )
    .await
}

pub async fn new_group(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let fields = named_fields(&c, &NamedInput::default()).await?;
    c.form("groups", tr.t("groups-new"), None, fields, None, None)
        .await
}

pub async fn edit_group(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let g = c.state.app.group(&c.org.actor, id).await.map_err(c.err())?;
    let fields = named_fields(
        &c,
        &NamedInput {
            name: g.name.clone(),
            unit_id: g.unit_id.map(|u| u.to_string()),
        },
    )
    .await?;
    let members = group_members(&c, id).await?;
    c.form(
        "groups",
        tr.t1("edit-title", "name", &g.name),
        Some(id),
        fields,
        None,
        Some(members),
    )
    .await
}

async fn save_group(c: Ctx, id: Option<Uuid>, input: NamedInput) -> Page {
    match c.state.app.save_group(&c.org.actor, id, &input).await {
        Ok(g) if id.is_none() => Ok(saved(format!("{}/{}", c.base("groups"), g.id))),
        Ok(_) => Ok(saved(c.base("groups"))),
        Err(e) => {
            let fields = named_fields(&c, &input).await?;
            let members = match id {
                Some(i) => Some(group_members(&c, i).await?),
                None => None,
            };
            c.form("groups", c.tr.t("groups-new"), id, fields, Some(e), members)
                .await
        }
    }
}

pub async fn create_group(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    PageForm(input): PageForm<NamedInput>,
) -> Page {
    save_group(ctx!(state, tr, csrf, org), None, input).await
}

pub async fn update_group(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
    PageForm(input): PageForm<NamedInput>,
) -> Page {
    save_group(ctx!(state, tr, csrf, org), Some(id), input).await
}

pub async fn confirm_group(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let g = c.state.app.group(&c.org.actor, id).await.map_err(c.err())?;
    c.confirm("groups", id, &g.name).await
}

pub async fn delete_group(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    c.state
        .app
        .delete_group(&c.org.actor, id)
        .await
        .map_err(c.err())?;
    Ok(saved(c.base("groups")))
}

#[derive(Deserialize)]
pub struct MemberForm {
    person_id: Uuid,
}

pub async fn add_group_member(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
    PageForm(f): PageForm<MemberForm>,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    c.state
        .app
        .set_group_member(&c.org.actor, id, f.person_id, true)
        .await
        .map_err(c.err())?;
    Ok(saved(format!("{}/{}#members-title", c.base("groups"), id)))
}

pub async fn remove_group_member(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
    PersonParam(person): PersonParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    c.state
        .app
        .set_group_member(&c.org.actor, id, person, false)
        .await
        .map_err(c.err())?;
    Ok(saved(format!("{}/{}#members-title", c.base("groups"), id)))
}

pub async fn teams(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let list = c.state.app.teams(&c.org.actor).await.map_err(c.err())?;
    let units = c.unit_names().await?;
    let base = c.base("teams");
    let rows = list
        .iter()
        .map(|t| {
            vec![
                Cell::link(&t.name, format!("{base}/{}", t.id)),
                Cell::text(t.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default()),
            ]
        })
        .collect();
    c.list(
        "teams",
        "teams-title",
        "teams-new",
        vec![tr.t("field-name"), tr.t("field-unit")],
        rows,
        None,
    )
    .await
}

pub async fn new_team(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let fields = named_fields(&c, &NamedInput::default()).await?;
    c.form("teams", tr.t("teams-new"), None, fields, None, None).await
}

pub async fn edit_team(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let t = c.state.app.team(&c.org.actor, id).await.map_err(c.err())?;
    let fields = named_fields(
        &c,
        &NamedInput {
            name: t.name.clone(),
            unit_id: t.unit_id.map(|u| u.to_string()),
        },
    )
    .await?;
    c.form(
        "teams",
        tr.t1("edit-title", "name", &t.name),
        Some(id),
        fields,
        None,
        None,
    )
    .await
}

async fn save_team(c: Ctx, id: Option<Uuid>, input: NamedInput) -> Page {
    match c.state.app.save_team(&c.org.actor, id, &input).await {
        Ok(_) => Ok(saved(c.base("teams"))),
        Err(e) => {
            let fields = named_fields(&c, &input).await?;
            c.form("teams", c.tr.t("teams-new"), id, fields, Some(e), None)
                .await
        }
    }
}

pub async fn create_team(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    PageForm(input): PageForm<NamedInput>,
) -> Page {
    save_team(ctx!(state, tr, csrf, org), None, input).await
}

pub async fn update_team(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
    PageForm(input): PageForm<NamedInput>,
) -> Page {
    save_team(ctx!(state, tr, csrf, org), Some(id), input).await
}

pub async fn confirm_team(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    let t = c.state.app.team(&c.org.actor, id).await.map_err(c.err())?;
    c.confirm("teams", id, &t.name).await
}

pub async fn delete_team(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    org: OrgCtx,
    IdParam(id): IdParam,
) -> Page {
    let c = ctx!(state, tr, csrf, org);
    c.state.app.delete_team(&c.org.actor, id).await.map_err(c.err())?;
    Ok(saved(c.base("teams")))
}
