//! The organisation's archive and the archive, restore and delete actions every plan item
//! shares (`/{collection}/{id}/archive`, `…/restore`, `…/delete`): archiving returns to the
//! list the item left, restoring to the item, deleting (after a confirmation page) to the
//! archive.

use crate::error::WebError;
use crate::extract::{ArchivableParam, IdParam};
use crate::page::{PageCtx, org_layout, render};
use crate::views::ConfirmPage;
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_domain::ids::TaskId;
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use uuid::Uuid;

type Page = Result<Response, WebError>;

/// One row of the archive page.
pub struct Row {
    pub kind: String,
    pub title: String,
    /// The item's own page, where it has one.
    pub href: Option<String>,
    pub day: String,
    pub restore: String,
    /// Whether the reader may restore it (members restore cards and agendas).
    pub may_restore: bool,
    pub delete: String,
}

#[derive(Template)]
#[template(path = "archive.html")]
pub struct ArchivePage {
    pub l: crate::views::Layout,
    pub admin: bool,
    pub rows: Vec<Row>,
}

/// The collection in an item's address.
fn collection(kind: Archivable) -> &'static str {
    match kind {
        Archivable::Card => "tasks",
        Archivable::Board => "boards",
        Archivable::Goal => "goals",
        Archivable::Initiative => "initiatives",
        Archivable::Form => "intake",
        Archivable::Agenda => "agendas",
    }
}

/// The item's own page; goals are shown on the plan page.
fn item_page(org: &str, kind: Archivable, id: Uuid) -> String {
    match kind {
        Archivable::Goal => format!("/orgs/{org}/plan"),
        k => format!("/orgs/{org}/{}/{id}", collection(k)),
    }
}

pub async fn list(c: PageCtx) -> Page {
    let org = c.org.actor.org.to_string();
    let base = format!("/orgs/{org}/archive");
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "archive", &base).await?;
    let items = c.state.app.plan().archived(&c.org.actor).await.map_err(c.err())?;
    let rows = items
        .into_iter()
        .filter_map(|i| {
            let kind = Archivable::parse(&i.kind)?;
            let own = format!("/orgs/{org}/{}/{}", collection(kind), i.id);
            Some(Row {
                kind: c.tr.t(&format!("archive-kind-{}", i.kind)),
                // Archived initiatives and forms have no page until restored.
                href: matches!(kind, Archivable::Card | Archivable::Board | Archivable::Agenda)
                    .then(|| item_page(&org, kind, i.id)),
                title: i.title,
                day: i.archived_at.date_naive().to_string(),
                restore: format!("{own}/restore"),
                may_restore: kind.by_member() || c.org.actor.role.at_least(Role::Admin),
                delete: format!("{own}/delete"),
            })
        })
        .collect();
    Ok(render(ArchivePage {
        admin: c.org.actor.role.at_least(Role::Admin),
        rows,
        l,
    }))
}

/// Archives the item and returns to the list it left (a card to its board).
pub async fn archive(c: PageCtx, ArchivableParam(kind): ArchivableParam, IdParam(id): IdParam) -> Page {
    let org = c.org.actor.org;
    let plan = c.state.app.plan();
    let back = match kind {
        Archivable::Card => {
            let t = plan.task(&c.org.actor, TaskId(id)).await.map_err(c.err())?;
            format!("/orgs/{org}/boards/{}", t.board_id)
        }
        Archivable::Goal | Archivable::Initiative => format!("/orgs/{org}/plan"),
        k => format!("/orgs/{org}/{}", collection(k)),
    };
    plan.archive(&c.org.actor, kind, id).await.map_err(c.err())?;
    Ok(Redirect::to(&back).into_response())
}

pub async fn restore(c: PageCtx, ArchivableParam(kind): ArchivableParam, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .plan()
        .restore(&c.org.actor, kind, id)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&item_page(&c.org.actor.org.to_string(), kind, id)).into_response())
}

/// The confirmation before deleting for good, saying what goes with the item.
pub async fn confirm(c: PageCtx, ArchivableParam(kind): ArchivableParam, IdParam(id): IdParam) -> Page {
    c.org.actor.require(Role::Admin).map_err(c.err())?;
    let org = c.org.actor.org.to_string();
    let items = c.state.app.plan().archived(&c.org.actor).await.map_err(c.err())?;
    // Only what the archive lists can be deleted; anything else has no confirmation to give.
    let Some(item) = items.into_iter().find(|i| i.id == id && i.kind == kind.as_str()) else {
        // A live item is said to need archiving first; one archived with its board is
        // deleted with the board.
        let archived = c.state.app.plan().is_archived(&c.org.actor, kind, id).await;
        return Err(c.err()(match archived {
            Ok(false) => mognad_app::plan::archive::not_archived(),
            Ok(true) | Err(_) => AppError::NotFound,
        }));
    };
    let own = format!("/orgs/{org}/{}/{id}", collection(kind));
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "archive", &own).await?;
    Ok(render(ConfirmPage {
        l,
        heading: c.tr.t1("delete-title", "name", &item.title),
        message: c.tr.t(&format!("archive-delete-warning-{}", kind.as_str())),
        action: format!("{own}/delete"),
        cancel: format!("/orgs/{org}/archive"),
    }))
}

pub async fn delete(c: PageCtx, ArchivableParam(kind): ArchivableParam, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .plan()
        .delete_archived(&c.org.actor, kind, id)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/archive", c.org.actor.org)).into_response())
}

/// Takes back the card's last move and shows the card.
pub async fn undo_move(c: PageCtx, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .plan()
        .undo_move(&c.org.actor, TaskId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/tasks/{id}", c.org.actor.org)).into_response())
}
