//! A round's page: its state and the move to the next, response rates per group with the
//! shared links, invitations, reminders and the sheet of links, who answers where for people
//! in several groups, and links to results and exports once the round has closed.

use crate::error::WebError;
use crate::extract::{IdParam, PageForm};
use crate::page::page_error;
use crate::page::{PageCtx, org_layout, render};
use crate::views::{Cell, Choice, RoundPage, SeveralRow};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_domain::ids::{GroupId, PersonId, RoundId};
use mognad_domain::role::Role;
use serde::Deserialize;

type Page = Result<Response, WebError>;

fn base(c: &PageCtx) -> String {
    format!("/orgs/{}", c.org.actor.org)
}

pub async fn round(c: PageCtx, IdParam(id): IdParam) -> Page {
    let tr = c.tr;
    let e = page_error(tr);
    let app = &c.state.app;
    let actor = &c.org.actor;
    let r = app.measurement().round(actor, RoundId(id)).await.map_err(e)?;
    let here = format!("{}/rounds/{id}", base(&c));
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &here).await?;
    let model = app.measurement().model(actor, r.model_id).await.map_err(e)?;
    let admin = actor.role.at_least(Role::Admin);
    let next = match r.state.as_str() {
        "draft" if admin => Some(("open", tr.t("round-open"), tr.t("round-open-warning"))),
        "open" if admin => Some(("closed", tr.t("round-close"), tr.t("round-close-warning"))),
        _ => None,
    };
    let mut links = Vec::new();
    if r.state == "closed" {
        links.push((format!("{here}/results"), tr.t("results-title")));
        if let Some(before) = app
            .measurement()
            .previous_round(actor, RoundId(id))
            .await
            .map_err(e)?
        {
            links.push((format!("{here}/compare?with={before}"), tr.t("compare-title")));
        }
        links.push((format!("{here}/results.csv"), tr.t("export-results-csv")));
        links.push((format!("{here}/results.xlsx"), tr.t("export-results-xlsx")));
        if actor.role.at_least(Role::Analyst) {
            links.push((format!("{here}/answers.csv"), tr.t("export-answers-csv")));
        }
    }
    let status = app
        .measurement()
        .round_status(actor, RoundId(id))
        .await
        .map_err(e)?;
    // Only a draft lets an administrator settle where a person in several groups answers.
    let several = if admin && r.state == "draft" {
        app.measurement()
            .several_groups(actor, RoundId(id))
            .await
            .map_err(e)?
            .into_iter()
            .map(|p| SeveralRow {
                field: format!("f-answering-{}", p.person_id),
                person_id: p.person_id.to_string(),
                name: p.person_name,
                choices: p
                    .groups
                    .into_iter()
                    .map(|(g, name)| Choice {
                        selected: GroupId(g) == p.group_id,
                        value: g.to_string(),
                        label: name,
                    })
                    .collect(),
                settled: tr.t(if p.settled {
                    "several-settled"
                } else {
                    "several-open"
                }),
            })
            .collect()
    } else {
        Vec::new()
    };
    let rows = status
        .iter()
        .map(|g| {
            let mut row = vec![
                Cell::text(&g.name),
                Cell::text(g.members.to_string()),
                Cell::text(g.invited.to_string()),
                Cell::text(g.answered.to_string()),
                Cell::text(g.rate.map(|r| format!("{r:.0} %")).unwrap_or_else(|| "–".into())),
            ];
            if admin {
                row.push(match &g.shared_slug {
                    Some(slug) => Cell::link(format!("/g/{slug}"), format!("/g/{slug}")),
                    None => Cell::text("–"),
                });
                row.push(Cell::text(g.access_code.clone().unwrap_or_else(|| "–".into())));
            }
            row
        })
        .collect();
    let mut status_columns: Vec<String> = [
        "round-group",
        "round-members",
        "round-invited",
        "round-answered",
        "round-rate",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    if admin {
        status_columns.push(tr.t("round-shared-link"));
        status_columns.push(tr.t("round-access-code"));
    }
    Ok(render(RoundPage {
        l,
        heading: r.name.clone(),
        state: tr.t(&format!("round-state-{}", r.state)),
        model: format!(
            "{} ({} {})",
            model.name.get(tr.lang),
            tr.t("models-version"),
            model.version
        ),
        engines: model
            .engines
            .iter()
            .map(|e| e.name.get(tr.lang).to_owned())
            .collect(),
        action: format!("{here}/state"),
        next,
        links,
        status_columns,
        status: rows,
        invite: (admin && r.state != "closed").then(|| {
            (
                format!("{here}/invitations"),
                format!("{here}/reminders"),
                format!("{here}/sheet"),
            )
        }),
        notice: tr.t(match r.state.as_str() {
            "closed" => "round-notice-closed",
            "open" => "round-notice-open",
            _ => "round-notice-draft",
        }),
        several,
        several_action: format!("{here}/answering-group"),
    }))
}

#[derive(Deserialize)]
pub struct StateForm {
    state: String,
}

#[derive(Deserialize)]
pub struct AnsweringForm {
    person_id: String,
    group_id: String,
}

/// An administrator settles, in a draft, which group a person in several groups answers for.
pub async fn set_answering_group(
    c: PageCtx,
    IdParam(id): IdParam,
    PageForm(f): PageForm<AnsweringForm>,
) -> Page {
    let person = f
        .person_id
        .trim()
        .parse::<uuid::Uuid>()
        .ok()
        .ok_or_else(|| WebError::bad_request(false, c.tr, "person_id"))?;
    let group = f
        .group_id
        .trim()
        .parse::<uuid::Uuid>()
        .ok()
        .ok_or_else(|| WebError::bad_request(false, c.tr, "group_id"))?;
    c.state
        .app
        .measurement()
        .set_answering_group(&c.org.actor, RoundId(id), PersonId(person), GroupId(group))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("{}/rounds/{id}", base(&c))).into_response())
}

pub async fn set_state(c: PageCtx, IdParam(id): IdParam, PageForm(f): PageForm<StateForm>) -> Page {
    c.state
        .app
        .measurement()
        .set_round_state(&c.org.actor, RoundId(id), &f.state)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("{}/rounds/{id}", base(&c))).into_response())
}
