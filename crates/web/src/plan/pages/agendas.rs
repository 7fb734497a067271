//! Meeting agendas: the list with a form for a new one, and an agenda's page — its points
//! (cards with their state, and free points), a form to add either, printable as it is.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, after_write, org_layout, render};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::plan::agendas::{AgendaInput, AgendaView, PointInput};
use mognad_domain::ids::{AgendaId, BoardId};
use mognad_domain::plan::archive::Archivable;
use uuid::Uuid;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "agendas.html")]
pub struct AgendasPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub errors: Vec<String>,
    /// (href, title, date)
    pub agendas: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "agenda.html")]
pub struct AgendaPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub org: String,
    pub errors: Vec<String>,
    pub a: AgendaView,
    pub archived: bool,
    /// Open cards to put on the agenda: (id, title).
    pub cards: Vec<(String, String)>,
}

async fn list_page(c: &PageCtx, errors: Vec<String>, status: StatusCode) -> Page {
    let base = format!("/orgs/{}/agendas", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "agendas", &base).await?;
    let list = c.state.app.plan().agendas(&c.org.actor).await.map_err(c.err())?;
    let mut res = render(AgendasPage {
        agendas: list
            .into_iter()
            .map(|a| (format!("{base}/{}", a.id), a.title, a.meets_on.to_string()))
            .collect(),
        errors,
        base,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(c: PageCtx) -> Page {
    list_page(&c, Vec::new(), StatusCode::OK).await
}

pub async fn create(c: PageCtx, Form(input): Form<AgendaInput>) -> Page {
    let r = c.state.app.plan().create_agenda(&c.org.actor, &input).await;
    let org = c.org.actor.org;
    after_write(
        &c,
        r,
        |id| format!("/orgs/{org}/agendas/{id}"),
        |errors| list_page(&c, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

async fn agenda_page(c: &PageCtx, id: Uuid, errors: Vec<String>, status: StatusCode) -> Page {
    let app = &c.state.app;
    let a = app
        .plan()
        .agenda(&c.org.actor, AgendaId(id))
        .await
        .map_err(c.err())?;
    let org = c.org.actor.org.to_string();
    let base = format!("/orgs/{org}/agendas/{id}");
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "agendas", &base).await?;
    let mut cards = Vec::new();
    for b in app.plan().boards(&c.org.actor).await.map_err(c.err())? {
        let view = app
            .plan()
            .board(&c.org.actor, BoardId(b.id), &Default::default(), None)
            .await
            .map_err(c.err())?;
        for col in view.columns.iter().filter(|col| !col.done) {
            cards.extend(
                col.cards
                    .iter()
                    .map(|t| (t.id.to_string(), format!("{} – {}", b.name, t.title))),
            );
        }
    }
    let archived = app
        .plan()
        .is_archived(&c.org.actor, Archivable::Agenda, id)
        .await
        .map_err(c.err())?;
    let mut res = render(AgendaPage {
        archived,
        errors,
        base,
        org,
        a,
        cards,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(c: PageCtx, IdParam(id): IdParam) -> Page {
    agenda_page(&c, id, Vec::new(), StatusCode::OK).await
}

pub async fn add_point(c: PageCtx, IdParam(id): IdParam, Form(input): Form<PointInput>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .add_point(&c.org.actor, AgendaId(id), &input)
        .await;
    let to = format!("/orgs/{}/agendas/{id}", c.org.actor.org);
    after_write(
        &c,
        r,
        |()| to,
        |errors| agenda_page(&c, id, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}
