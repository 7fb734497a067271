//! People pages: a searchable, paged list and the person form.

use crate::extract::IdParam;
use crate::org::pages::directory::{Ctx, Page, saved, write_handlers};
use crate::page::opt;
use crate::views::{Cell, Field, Search};
use mognad_app::org::directory::PersonInput;
use mognad_domain::ids::PersonId;
use serde::Deserialize;
use uuid::Uuid;

write_handlers!(
    "people",
    PersonInput,
    mognad_domain::ids::PersonId,
    get = person,
    delete = delete_person
);

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
    page: Option<i64>,
}

async fn fields(c: &Ctx, input: &PersonInput) -> Result<Vec<Field>, crate::error::WebError> {
    let tr = c.tr;
    Ok(vec![
        Field::new("name", tr.t("field-name"), "text", input.name.clone()).required(),
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

pub async fn list(c: Ctx, crate::extract::QueryOr(q): crate::extract::QueryOr<PeopleQuery>) -> Page {
    let tr = c.tr;
    let page = q.page.unwrap_or(0).max(0);
    let term = q.q.clone().unwrap_or_default();
    let search = Some(term.as_str()).filter(|t| !t.trim().is_empty());
    let (people, total) = c
        .state
        .app
        .org()
        .people(&c.org.actor, search, PAGE_SIZE, page * PAGE_SIZE)
        .await
        .map_err(c.err())?;
    let units = c.unit_names().await?;
    let base = c.base("people");
    let admin = c.admin();
    let rows = people
        .iter()
        .map(|p| {
            vec![
                Cell::link_if(admin, &p.name, format!("{base}/{}", p.id)),
                Cell::text(p.title.clone().unwrap_or_default()),
                Cell::text(p.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default()),
                Cell::text(p.email.clone().unwrap_or_default()),
                Cell::link(tr.t("competence-record"), format!("{base}/{}/competence", p.id)),
            ]
        })
        .collect();
    let q_enc = crate::http::url_encode(&term);
    let link = |n: i64| format!("{base}?q={q_enc}&page={n}");
    let search = Search {
        path: base.clone(),
        q: term.clone(),
        summary: tr.t1("people-count", "n", total),
        prev: (page > 0).then(|| link(page - 1)),
        next: ((page + 1) * PAGE_SIZE < total).then(|| link(page + 1)),
    };
    let columns = vec![
        tr.t("field-name"),
        tr.t("field-title"),
        tr.t("field-unit"),
        tr.t("field-email"),
        tr.t("competence-column"),
    ];
    c.list(
        "people",
        "people-title",
        "people-new",
        columns,
        rows,
        Some(search),
    )
    .await
}

pub async fn new(c: Ctx) -> Page {
    let fields = fields(&c, &PersonInput::default()).await?;
    c.form("people", c.tr.t("people-new"), None, fields, None, None)
        .await
}

pub async fn edit(c: Ctx, IdParam(id): IdParam) -> Page {
    let p = c
        .state
        .app
        .org()
        .person(&c.org.actor, PersonId(id))
        .await
        .map_err(c.err())?;
    let input = PersonInput {
        name: p.name.clone(),
        email: p.email,
        unit_id: p.unit_id.map(|u| u.to_string()),
        title: p.title,
    };
    let fields = fields(&c, &input).await?;
    c.form(
        "people",
        c.tr.t1("edit-title", "name", &p.name),
        Some(id),
        fields,
        None,
        None,
    )
    .await
}

async fn save(c: Ctx, id: Option<Uuid>, input: PersonInput) -> Page {
    match c
        .state
        .app
        .org()
        .save_person(&c.org.actor, id.map(PersonId), &input)
        .await
    {
        Ok(_) => Ok(saved(c.base("people"))),
        Err(e) => {
            let fields = fields(&c, &input).await?;
            let heading = if id.is_some() {
                c.tr.t1("edit-title", "name", &input.name)
            } else {
                c.tr.t("people-new")
            };
            c.form("people", heading, id, fields, Some(e), None).await
        }
    }
}
