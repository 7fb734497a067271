//! Unit pages: the tree as a list, and the unit form.

use crate::extract::IdParam;
use crate::org::pages::directory::{Ctx, Page, saved, write_handlers};
use crate::page::opt;
use crate::views::{Cell, Field};
use mognad_app::org::directory::UnitInput;
use mognad_domain::ids::UnitId;
use std::collections::HashMap;
use uuid::Uuid;

write_handlers!(
    "units",
    UnitInput,
    mognad_domain::ids::UnitId,
    get = unit,
    delete = delete_unit
);

async fn fields(c: &Ctx, id: Option<Uuid>, input: &UnitInput) -> Result<Vec<Field>, crate::error::WebError> {
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

pub async fn list(c: Ctx) -> Page {
    let tr = c.tr;
    let units = c.state.app.org().units(&c.org.actor).await.map_err(c.err())?;
    let names: HashMap<UnitId, String> = units.iter().map(|u| (u.id, u.name.clone())).collect();
    let base = c.base("units");
    let admin = c.admin();
    let rows = units
        .iter()
        .map(|u| {
            vec![
                Cell::link_if(admin, &u.name, format!("{base}/{}", u.id)),
                Cell::text(u.kind.clone().unwrap_or_default()),
                Cell::text(
                    u.parent_id
                        .and_then(|p| names.get(&p).cloned())
                        .unwrap_or_default(),
                ),
                Cell::link(tr.t("units-chart"), format!("{base}/{}/chart", u.id)),
                Cell::link(tr.t("competence-map"), format!("{base}/{}/competence", u.id)),
            ]
        })
        .collect();
    let columns = vec![
        tr.t("field-name"),
        tr.t("field-unit-kind"),
        tr.t("field-parent"),
        tr.t("units-chart-column"),
        tr.t("competence-column"),
    ];
    let whole = format!("/orgs/{}/chart", c.org.actor.org);
    c.list_linked(
        "units",
        "units-title",
        "units-new",
        columns,
        rows,
        None,
        vec![(tr.t("chart-whole-link"), whole)],
    )
    .await
}

pub async fn new(c: Ctx) -> Page {
    let fields = fields(&c, None, &UnitInput::default()).await?;
    c.form("units", c.tr.t("units-new"), None, fields, None, None)
        .await
}

pub async fn edit(c: Ctx, IdParam(id): IdParam) -> Page {
    let u = c
        .state
        .app
        .org()
        .unit(&c.org.actor, UnitId(id))
        .await
        .map_err(c.err())?;
    let input = UnitInput {
        name: u.name.clone(),
        kind: u.kind,
        parent_id: u.parent_id.map(|p| p.to_string()),
    };
    let fields = fields(&c, Some(id), &input).await?;
    c.form(
        "units",
        c.tr.t1("edit-title", "name", &u.name),
        Some(id),
        fields,
        None,
        None,
    )
    .await
}

async fn save(c: Ctx, id: Option<Uuid>, input: UnitInput) -> Page {
    match c
        .state
        .app
        .org()
        .save_unit(&c.org.actor, id.map(UnitId), &input)
        .await
    {
        Ok(_) => Ok(saved(c.base("units"))),
        Err(e) => {
            let fields = fields(&c, id, &input).await?;
            let heading = if id.is_some() {
                c.tr.t1("edit-title", "name", &input.name)
            } else {
                c.tr.t("units-new")
            };
            c.form("units", heading, id, fields, Some(e), None).await
        }
    }
}
