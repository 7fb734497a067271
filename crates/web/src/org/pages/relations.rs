//! The forms for the three leadership relationships (the list is `relations_list`); ending a
//! relationship is an edit of its end date, so history stays.

use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{IdParam, PageForm};
use crate::i18n::Tr;
use crate::page::page_error;
use crate::page::{PageCtx, apply_errors, opt, org_layout, render};
use crate::session::OrgCtx;
use crate::views::*;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::org::relations::RelationshipInput;
use mognad_domain::ids::RelationshipId;
use mognad_domain::role::Role;
use uuid::Uuid;

type Page = Result<Response, WebError>;

fn base(ctx: &OrgCtx) -> String {
    format!("/orgs/{}/relationships", ctx.actor.org)
}

async fn names(
    state: &AppState,
    ctx: &OrgCtx,
    tr: Tr,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), WebError> {
    let e = page_error(tr);
    let people = state
        .app
        .org()
        .all_people(&ctx.actor)
        .await
        .map_err(e)?
        .into_iter()
        .map(|p| (p.id.to_string(), p.name))
        .collect();
    let teams = state
        .app
        .org()
        .teams(&ctx.actor)
        .await
        .map_err(e)?
        .into_iter()
        .map(|t| (t.id.to_string(), t.name))
        .collect();
    Ok((people, teams))
}

async fn form(
    state: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &OrgCtx,
    id: Option<Uuid>,
    input: &RelationshipInput,
    err: Option<AppError>,
) -> Page {
    ctx.actor.require(Role::Admin).map_err(page_error(tr))?;
    let b = base(ctx);
    let action = id.map(|i| format!("{b}/{i}")).unwrap_or_else(|| b.clone());
    let l = org_layout(state, ctx, tr, csrf, "relationships", &action).await?;
    let (people, teams) = names(state, ctx, tr).await?;
    let kinds = ["supervision", "team", "mentorship"]
        .iter()
        .map(|k| (k.to_string(), tr.t(&format!("rel-kind-{k}"))))
        .collect();
    let roles = ["primary", "secondary", "lead", "member"]
        .iter()
        .map(|r| (r.to_string(), tr.t(&format!("rel-role-{r}"))))
        .collect();
    let targets = people
        .iter()
        .cloned()
        .chain(
            teams
                .iter()
                .map(|(id, n)| (id.clone(), format!("{}: {n}", tr.t("rel-kind-team")))),
        )
        .collect();
    // An edit keeps the kind and the people (a change would rewrite history): each of those
    // selects offers only the current value.
    let fixed = |all: Vec<(String, String)>, value: &str| -> Vec<(String, String)> {
        if id.is_some() {
            all.into_iter().filter(|(v, _)| v == value).collect()
        } else {
            all
        }
    };
    let kinds = fixed(kinds, &input.kind);
    let people = fixed(people, &input.from_id);
    let targets = fixed(targets, &input.to_id);
    let mut kind = Field::select("kind", tr.t("rel-kind"), None, kinds, &input.kind);
    if id.is_some() {
        kind = kind.hint(tr.t("hint-rel-fixed"));
    }
    let mut fields = vec![
        kind,
        Field::select(
            "from_id",
            tr.t("rel-from"),
            Some(tr.t("choose")),
            people,
            &input.from_id,
        )
        .hint(tr.t("hint-rel-from")),
        Field::select(
            "to_id",
            tr.t("rel-to"),
            Some(tr.t("choose")),
            targets,
            &input.to_id,
        )
        .hint(tr.t("hint-rel-to")),
        Field::select(
            "role",
            tr.t("rel-role"),
            Some(tr.t("rel-role-default")),
            roles,
            &opt(&input.role),
        ),
        Field::new(
            "valid_from",
            tr.t("field-valid-from"),
            "date",
            input.valid_from.clone(),
        )
        .required(),
        Field::new("valid_to", tr.t("field-valid-to"), "date", opt(&input.valid_to))
            .hint(tr.t("hint-valid-to")),
    ];
    let errors = match err {
        Some(e) => apply_errors(&mut fields, e, tr)?,
        None => Vec::new(),
    };
    let heading = if id.is_some() {
        tr.t("relationships-edit")
    } else {
        tr.t("relationships-new")
    };
    Ok(crate::page::render_form(FormPage {
        l,
        heading,
        action,
        fields,
        errors,
        submit: tr.t("save"),
        cancel: Some(b.clone()),
        delete_href: id.map(|i| format!("{b}/{i}/delete")),
        members: None,
        links: Vec::new(),
    }))
}

pub async fn new(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
) -> Page {
    let input = RelationshipInput {
        kind: "supervision".into(),
        valid_from: chrono::Utc::now().date_naive().to_string(),
        ..Default::default()
    };
    form(&state, tr, &csrf, &ctx, None, &input, None).await
}

pub async fn edit(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
    IdParam(id): IdParam,
) -> Page {
    let r = state
        .app
        .org()
        .relationship(&ctx.actor, RelationshipId(id))
        .await
        .map_err(page_error(tr))?;
    let input = RelationshipInput {
        kind: r.kind,
        from_id: r.from_id.to_string(),
        to_id: r.to_id.to_string(),
        role: Some(r.role),
        valid_from: r.valid_from.to_string(),
        valid_to: r.valid_to.map(|d| d.to_string()),
    };
    form(&state, tr, &csrf, &ctx, Some(id), &input, None).await
}

async fn save(
    state: AppState,
    tr: Tr,
    csrf: CsrfToken,
    ctx: OrgCtx,
    id: Option<Uuid>,
    input: RelationshipInput,
) -> Page {
    match state
        .app
        .org()
        .save_relationship(&ctx.actor, id.map(RelationshipId), &input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&base(&ctx)).into_response()),
        Err(e) => form(&state, tr, &csrf, &ctx, id, &input, Some(e)).await,
    }
}

pub async fn create(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
    PageForm(input): PageForm<RelationshipInput>,
) -> Page {
    save(state, tr, csrf, ctx, None, input).await
}

pub async fn update(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
    IdParam(id): IdParam,
    PageForm(input): PageForm<RelationshipInput>,
) -> Page {
    save(state, tr, csrf, ctx, Some(id), input).await
}

pub async fn confirm(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
    IdParam(id): IdParam,
) -> Page {
    ctx.actor.require(Role::Admin).map_err(page_error(tr))?;
    let r = state
        .app
        .org()
        .relationship(&ctx.actor, RelationshipId(id))
        .await
        .map_err(page_error(tr))?;
    let b = base(&ctx);
    let l = org_layout(&state, &ctx, tr, &csrf, "relationships", &b).await?;
    Ok(render(ConfirmPage {
        l,
        heading: tr.t1("delete-title", "name", tr.t(&format!("rel-kind-{}", r.kind))),
        message: tr.t("delete-warning-relationships"),
        action: format!("{b}/{}/delete", id),
        cancel: format!("{b}/{}", id),
    }))
}

pub async fn delete(State(state): State<AppState>, tr: Tr, ctx: OrgCtx, IdParam(id): IdParam) -> Page {
    state
        .app
        .org()
        .delete_relationship(&ctx.actor, RelationshipId(id))
        .await
        .map_err(page_error(tr))?;
    Ok(Redirect::to(&base(&ctx)).into_response())
}
