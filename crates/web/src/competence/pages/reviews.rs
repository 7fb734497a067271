//! Review cycles in the browser: the list (with the administrator's form to start one and the
//! colleagues' requests for peer feedback), and one cycle's status per participant with the
//! reminders and closing.

use crate::error::WebError;
use crate::extract::{IdParam, QueryOr};
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use crate::views::FormError;
use askama::Template;
use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::competence::review_status::{CycleView, PeerAsk};
use mognad_app::competence::reviews::CycleInput;
use mognad_domain::competence::review::Status;
use mognad_domain::ids::ReviewId;
use mognad_domain::role::Role;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "reviews.html")]
pub struct ReviewsPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub cycles: Vec<CycleView>,
    pub asks: Vec<PeerAsk>,
    /// (value `unit:<id>` or `team:<id>`, label) for the start form; empty for non-admins.
    pub scopes: Vec<(String, String)>,
    pub admin: bool,
    pub input: CycleInput,
    pub errors: Vec<FormError>,
}

impl ReviewsPage {
    fn done(&self, c: &CycleView) -> String {
        let signed = c.rows.iter().filter(|r| r.status == Status::SignedOff).count();
        self.l.tr.tn(
            "reviews-signed-count",
            &[
                ("signed", &signed.to_string()),
                ("total", &c.rows.len().to_string()),
            ],
        )
    }
}

#[derive(Template)]
#[template(path = "review.html")]
pub struct ReviewPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub list: String,
    pub c: CycleView,
    pub admin: bool,
    /// (status label, count) in the steps' order.
    pub counts: Vec<(String, usize)>,
    pub notice: Option<String>,
}

impl ReviewPage {
    fn status(&self, s: &Status) -> String {
        status_label(self.l.tr, *s)
    }
}

pub fn status_label(tr: Tr, s: Status) -> String {
    tr.t(&format!("review-status-{}", s.as_str()))
}

async fn list_page(c: &PageCtx, input: CycleInput, errors: Vec<FormError>) -> Page {
    let app = c.state.app.competence();
    let actor = &c.org.actor;
    let base = format!("/orgs/{}/reviews", actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "reviews", &base).await?;
    let admin = actor.role.at_least(Role::Admin);
    let mut scopes = Vec::new();
    if admin {
        let org = c.state.app.org();
        for u in org.units(actor).await.map_err(c.err())? {
            scopes.push((
                format!("unit:{}", u.id),
                c.tr.t1("reviews-scope-unit", "name", &u.name),
            ));
        }
        for t in org.teams(actor).await.map_err(c.err())? {
            scopes.push((
                format!("team:{}", t.id),
                c.tr.t1("reviews-scope-team", "name", &t.name),
            ));
        }
    }
    Ok(render(ReviewsPage {
        cycles: app.review_cycles(actor).await.map_err(c.err())?,
        asks: app.peer_asks(actor).await.map_err(c.err())?,
        l,
        base,
        scopes,
        admin,
        input,
        errors,
    }))
}

pub async fn list(c: PageCtx) -> Page {
    let input = CycleInput {
        deadline: (chrono::Utc::now().date_naive() + chrono::Duration::days(21)).to_string(),
        ..Default::default()
    };
    list_page(&c, input, Vec::new()).await
}

pub async fn start(c: PageCtx, Form(input): Form<CycleInput>) -> Page {
    match c.state.app.competence().start_review(&c.org.actor, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/orgs/{}/reviews/{id}", c.org.actor.org)).into_response()),
        Err(mognad_app::AppError::Invalid(list)) => {
            let errors = list
                .iter()
                .map(|e| {
                    let field = e.field.clone().unwrap_or_else(|| "name".into());
                    FormError {
                        href: format!("#r-{field}"),
                        message: crate::page::translated(e, c.tr),
                    }
                })
                .collect();
            let mut res = list_page(&c, input, errors).await?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(c.err()(e)),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct Shown {
    pub reminded: Option<usize>,
}

pub async fn show(c: PageCtx, IdParam(id): IdParam, QueryOr(q): QueryOr<Shown>) -> Page {
    let actor = &c.org.actor;
    let v = c
        .state
        .app
        .competence()
        .review_status(actor, ReviewId(id))
        .await
        .map_err(c.err())?;
    let base = format!("/orgs/{}/reviews/{id}", actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "reviews", &base).await?;
    let counts = Status::ALL
        .iter()
        .map(|s| {
            (
                status_label(c.tr, *s),
                v.rows.iter().filter(|r| r.status == *s).count(),
            )
        })
        .collect();
    Ok(render(ReviewPage {
        notice: q.reminded.map(|n| c.tr.t1("reviews-reminded", "count", n)),
        admin: actor.role.at_least(Role::Admin),
        counts,
        c: v,
        list: format!("/orgs/{}/reviews", actor.org),
        base,
        l,
    }))
}

pub async fn remind(c: PageCtx, IdParam(id): IdParam) -> Page {
    let n = c
        .state
        .app
        .competence()
        .remind_review(&c.org.actor, ReviewId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/reviews/{id}?reminded={n}#status",
        c.org.actor.org
    ))
    .into_response())
}

pub async fn close(c: PageCtx, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .competence()
        .close_review(&c.org.actor, ReviewId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/reviews/{id}", c.org.actor.org)).into_response())
}
