//! The forms on a person's competence record: assessing, choosing the target role, the mentor's
//! consent, placing on a grid and the development plan's actions. Each answers with the record
//! again, with the translated errors where the input was refused.

use super::person::page;
use crate::extract::IdParam;
use crate::page::{PageCtx, after_write};
use axum::Form;
use axum::http::StatusCode;
use mognad_app::AppError;
use mognad_app::competence::assess::AssessInput;
use mognad_app::competence::develop::{ActionInput, PlaceInput};
use mognad_domain::ids::{ActionId, FrameworkId, PersonId};
use serde::Deserialize;
use uuid::Uuid;

type Page = Result<axum::response::Response, crate::error::WebError>;

/// Back to the page after a write, or the page again with the input's errors.
pub(crate) async fn after(c: PageCtx, id: Uuid, result: Result<(), AppError>, anchor: &str) -> Page {
    let to = format!("/orgs/{}/people/{id}/competence#{anchor}", c.org.actor.org);
    after_write(
        &c,
        result,
        |()| to,
        |errors| page(&c, id, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

pub async fn assess(c: PageCtx, IdParam(id): IdParam, Form(input): Form<AssessInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .assess(&c.org.actor, PersonId(id), &input)
        .await;
    after(c, id, r, "assess").await
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    pub framework_id: String,
    #[serde(default)]
    pub role: String,
}

pub async fn set_role(c: PageCtx, IdParam(id): IdParam, Form(f): Form<RoleForm>) -> Page {
    let Ok(framework) = Uuid::parse_str(f.framework_id.trim()) else {
        let e = mognad_app::Invalid::new("framework_id", "framework", "choose a framework");
        return after(c, id, Err(e.into()), "profile").await;
    };
    let r = c
        .state
        .app
        .competence()
        .set_target_role(&c.org.actor, PersonId(id), FrameworkId(framework), Some(&f.role))
        .await;
    after(c, id, r, "profile").await
}

#[derive(Debug, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    pub allow: Option<String>,
}

pub async fn consent(c: PageCtx, IdParam(id): IdParam, Form(f): Form<ConsentForm>) -> Page {
    let allow = f.allow.as_deref() == Some("1");
    let r = c
        .state
        .app
        .competence()
        .set_mentor_consent(&c.org.actor, PersonId(id), allow)
        .await;
    after(c, id, r, "profile").await
}

pub async fn place(c: PageCtx, IdParam(id): IdParam, Form(input): Form<PlaceInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .place(&c.org.actor, PersonId(id), &input)
        .await;
    after(c, id, r, "grids").await
}

pub async fn add_action(c: PageCtx, IdParam(id): IdParam, Form(input): Form<ActionInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .add_action(&c.org.actor, PersonId(id), &input)
        .await
        .map(|_| ());
    after(c, id, r, "plan").await
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    pub status: String,
}

pub async fn action_status(
    c: PageCtx,
    IdParam(id): IdParam,
    crate::extract::ActionParam(action): crate::extract::ActionParam,
    Form(f): Form<StatusForm>,
) -> Page {
    let r = c
        .state
        .app
        .competence()
        .set_action_status(&c.org.actor, PersonId(id), ActionId(action), &f.status)
        .await;
    after(c, id, r, "plan").await
}
