//! The initiative page's forms: editing the initiative (its engines, groups and competences as
//! boxes) and adding a cost. A refused edit shows the page again with what was typed.

use super::initiative::page;
use crate::extract::{IdParam, PageForm};
use crate::page::{PageCtx, after_write};
use axum::Form;
use mognad_app::AppError;
use mognad_app::plan::initiatives::{CostInput, InitiativeInput};
use mognad_domain::ids::InitiativeId;
use uuid::Uuid;

type Page = Result<axum::response::Response, crate::error::WebError>;

/// The form as sent: engines and groups come once per ticked box.
pub(crate) fn input(fields: Vec<(String, String)>) -> InitiativeInput {
    let mut i = InitiativeInput::default();
    let mut engines = Vec::new();
    let mut competences = Vec::new();
    for (k, v) in fields {
        match k.as_str() {
            "title" => i.title = v,
            "description" => i.description = v,
            "goal_id" => i.goal_id = v,
            "owner_id" => i.owner_id = v,
            "starts_on" => i.starts_on = v,
            "ends_on" => i.ends_on = v,
            "status" => i.status = v,
            "engines" => engines.push(v),
            "competences" | "other_competences" => competences.push(v),
            "group_ids" => i.group_ids.push(v),
            _ => {}
        }
    }
    i.engines = engines.join(" ");
    i.competences = competences.join(" ");
    i
}

pub(crate) fn stored_input(i: &mognad_store::plan::Initiative) -> InitiativeInput {
    let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    InitiativeInput {
        title: i.title.clone(),
        description: i.description.clone(),
        goal_id: i.goal_id.map(|g| g.to_string()).unwrap_or_default(),
        owner_id: i.owner_id.map(|g| g.to_string()).unwrap_or_default(),
        starts_on: opt(i.starts_on),
        ends_on: opt(i.ends_on),
        status: i.status.clone(),
        engines: i.engines.clone(),
        competences: i.competences.clone(),
        group_ids: i.groups.iter().map(Uuid::to_string).collect(),
    }
}

/// After a write: back to the page, or the page again with the errors and what was sent.
pub(crate) async fn after(
    c: PageCtx,
    id: Uuid,
    sent: Option<InitiativeInput>,
    r: Result<(), AppError>,
) -> Page {
    let to = format!("/orgs/{}/initiatives/{id}", c.org.actor.org);
    after_write(&c, r, |()| to, |errors| page(&c, id, sent, errors)).await
}

pub async fn update(
    c: PageCtx,
    IdParam(id): IdParam,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Page {
    let sent = input(fields);
    let r = c
        .state
        .app
        .plan()
        .save_initiative(&c.org.actor, Some(InitiativeId(id)), &sent)
        .await
        .map(|_| ());
    after(c, id, Some(sent), r).await
}

pub async fn add_cost(c: PageCtx, IdParam(id): IdParam, Form(input): Form<CostInput>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .add_cost(&c.org.actor, InitiativeId(id), &input)
        .await;
    after(c, id, None, r).await
}
