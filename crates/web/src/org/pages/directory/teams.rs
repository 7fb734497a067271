//! Team pages. Who leads and who is in a team is kept on the relationship pages.

use crate::extract::IdParam;
use crate::org::pages::directory::{Ctx, Page, saved, write_handlers};
use crate::page::opt;
use crate::views::{Cell, Field};
use mognad_app::org::directory::NamedInput;
use mognad_domain::ids::TeamId;
use uuid::Uuid;

write_handlers!(
    "teams",
    NamedInput,
    mognad_domain::ids::TeamId,
    get = team,
    delete = delete_team
);

/// The fields of a leadership group or a team: a name and an optional unit.
pub(super) async fn named_fields(c: &Ctx, input: &NamedInput) -> Result<Vec<Field>, crate::error::WebError> {
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

pub async fn list(c: Ctx) -> Page {
    let tr = c.tr;
    let teams = c.state.app.org().teams(&c.org.actor).await.map_err(c.err())?;
    let units = c.unit_names().await?;
    let base = c.base("teams");
    let admin = c.admin();
    let rows = teams
        .iter()
        .map(|t| {
            vec![
                Cell::link_if(admin, &t.name, format!("{base}/{}", t.id)),
                Cell::text(t.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default()),
                Cell::link(tr.t("competence-map"), format!("{base}/{}/competence", t.id)),
            ]
        })
        .collect();
    c.list(
        "teams",
        "teams-title",
        "teams-new",
        vec![tr.t("field-name"), tr.t("field-unit"), tr.t("competence-column")],
        rows,
        None,
    )
    .await
}

pub async fn new(c: Ctx) -> Page {
    let fields = named_fields(&c, &NamedInput::default()).await?;
    c.form("teams", c.tr.t("teams-new"), None, fields, None, None)
        .await
}

pub async fn edit(c: Ctx, IdParam(id): IdParam) -> Page {
    let t = c
        .state
        .app
        .org()
        .team(&c.org.actor, TeamId(id))
        .await
        .map_err(c.err())?;
    let input = NamedInput {
        name: t.name.clone(),
        unit_id: t.unit_id.map(|u| u.to_string()),
    };
    let fields = named_fields(&c, &input).await?;
    c.form(
        "teams",
        c.tr.t1("edit-title", "name", &t.name),
        Some(id),
        fields,
        None,
        None,
    )
    .await
}

async fn save(c: Ctx, id: Option<Uuid>, input: NamedInput) -> Page {
    match c
        .state
        .app
        .org()
        .save_team(&c.org.actor, id.map(TeamId), &input)
        .await
    {
        Ok(_) => Ok(saved(c.base("teams"))),
        Err(e) => {
            let fields = named_fields(&c, &input).await?;
            c.form("teams", c.tr.t("teams-new"), id, fields, Some(e), None)
                .await
        }
    }
}
