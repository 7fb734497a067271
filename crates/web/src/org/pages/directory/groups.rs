//! Leadership group pages, with the group's member list on its edit page.

use crate::extract::{IdParam, PageForm, PersonParam};
use crate::org::pages::directory::teams::named_fields;
use crate::org::pages::directory::{Ctx, Page, saved, write_handlers};
use crate::views::{Cell, Choice, Members};
use mognad_app::org::directory::NamedInput;
use mognad_domain::ids::{GroupId, PersonId};
use serde::Deserialize;
use uuid::Uuid;

write_handlers!(
    "groups",
    NamedInput,
    mognad_domain::ids::GroupId,
    get = group,
    delete = delete_group
);

async fn members(c: &Ctx, id: Uuid) -> Result<Members, crate::error::WebError> {
    let g = c
        .state
        .app
        .org()
        .group(&c.org.actor, GroupId(id))
        .await
        .map_err(c.err())?;
    let people = c
        .state
        .app
        .org()
        .all_people(&c.org.actor)
        .await
        .map_err(c.err())?;
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

pub async fn list(c: Ctx) -> Page {
    let tr = c.tr;
    let groups = c.state.app.org().groups(&c.org.actor).await.map_err(c.err())?;
    let units = c.unit_names().await?;
    let base = c.base("groups");
    let admin = c.admin();
    let rows = groups
        .iter()
        .map(|g| {
            vec![
                Cell::link_if(admin, &g.name, format!("{base}/{}", g.id)),
                Cell::text(g.unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default()),
                Cell::text(g.member_ids.len().to_string()),
            ]
        })
        .collect();
    let columns = vec![tr.t("field-name"), tr.t("field-unit"), tr.t("field-members")];
    c.list("groups", "groups-title", "groups-new", columns, rows, None)
        .await
}

pub async fn new(c: Ctx) -> Page {
    let fields = named_fields(&c, &NamedInput::default()).await?;
    c.form("groups", c.tr.t("groups-new"), None, fields, None, None)
        .await
}

pub async fn edit(c: Ctx, IdParam(id): IdParam) -> Page {
    let g = c
        .state
        .app
        .org()
        .group(&c.org.actor, GroupId(id))
        .await
        .map_err(c.err())?;
    let input = NamedInput {
        name: g.name.clone(),
        unit_id: g.unit_id.map(|u| u.to_string()),
    };
    let fields = named_fields(&c, &input).await?;
    let members = members(&c, id).await?;
    c.form(
        "groups",
        c.tr.t1("edit-title", "name", &g.name),
        Some(id),
        fields,
        None,
        Some(members),
    )
    .await
}

async fn save(c: Ctx, id: Option<Uuid>, input: NamedInput) -> Page {
    match c
        .state
        .app
        .org()
        .save_group(&c.org.actor, id.map(GroupId), &input)
        .await
    {
        // A new group goes straight to its page, where members are added.
        Ok(g) if id.is_none() => Ok(saved(format!("{}/{}", c.base("groups"), g.id))),
        Ok(_) => Ok(saved(c.base("groups"))),
        Err(e) => {
            let fields = named_fields(&c, &input).await?;
            let members = match id {
                Some(i) => Some(members(&c, i).await?),
                None => None,
            };
            c.form("groups", c.tr.t("groups-new"), id, fields, Some(e), members)
                .await
        }
    }
}

#[derive(Deserialize)]
pub struct MemberForm {
    person_id: Uuid,
}

pub async fn add_member(c: Ctx, IdParam(id): IdParam, PageForm(f): PageForm<MemberForm>) -> Page {
    c.state
        .app
        .org()
        .set_group_member(&c.org.actor, GroupId(id), PersonId(f.person_id), true)
        .await
        .map_err(c.err())?;
    Ok(saved(format!("{}/{id}#members-title", c.base("groups"))))
}

pub async fn remove_member(c: Ctx, IdParam(id): IdParam, PersonParam(person): PersonParam) -> Page {
    c.state
        .app
        .org()
        .set_group_member(&c.org.actor, GroupId(id), PersonId(person), false)
        .await
        .map_err(c.err())?;
    Ok(saved(format!("{}/{id}#members-title", c.base("groups"))))
}
