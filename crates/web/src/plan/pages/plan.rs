//! The plan: goals, initiatives with their goal, engines, status and costs (running and
//! investment), and "create from gap" from a round. An initiative's own page is
//! [`crate::plan::pages::initiative`].

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, after_write, org_layout, render};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::plan::budget::Money;
use mognad_app::plan::goals::GoalInput;
use mognad_app::plan::initiatives::InitiativeInput;
use mognad_domain::ids::RoundId;
use mognad_domain::role::Role;
use serde::Deserialize;
use uuid::Uuid;

type Page = Result<Response, WebError>;

pub struct InitiativeRow {
    pub href: String,
    pub title: String,
    pub goal: String,
    pub engines: String,
    pub status: String,
    pub running: i64,
    pub investment: i64,
    /// Paused or cancelled: its money is freed, shown struck through.
    pub stopped: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub admin: bool,
    pub errors: Vec<String>,
    /// (id, title, description)
    pub goals: Vec<(String, String, String)>,
    pub initiatives: Vec<InitiativeRow>,
    pub totals: mognad_app::plan::budget::Totals,
    pub timeline: mognad_app::plan::timeline::Timeline,
}

impl PlanPage {
    /// A drawing unit as SVG writes it: one decimal is finer than a pixel.
    pub fn unit(&self, v: &f64) -> String {
        format!("{v:.1}")
    }
}

/// Whether a status stops an initiative (paused or cancelled), for templates.
pub fn stopped(status: &str) -> bool {
    mognad_app::plan::budget::stopped(status)
}

/// Kronor with thin grouping, e.g. 1 250 000.
pub fn kronor(v: &i64) -> String {
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if *v < 0 { format!("-{out}") } else { out }
}

async fn plan_page(c: &PageCtx, errors: Vec<String>, status: StatusCode) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let base = format!("/orgs/{}", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "plan", &format!("{base}/plan")).await?;
    let goals = app.plan().goals(&c.org.actor).await.map_err(c.err())?;
    let (list, costs) = app.plan().initiatives(&c.org.actor).await.map_err(c.err())?;
    let totals = mognad_app::plan::budget::totals(&list, &costs);
    let timeline = app.plan().timeline(&c.org.actor).await.map_err(c.err())?;
    let initiatives: Vec<InitiativeRow> = list
        .iter()
        .map(|i| InitiativeRow {
            href: format!("{base}/initiatives/{}", i.id),
            title: i.title.clone(),
            goal: i
                .goal_id
                .and_then(|g| goals.iter().find(|x| x.id == g))
                .map(|g| g.title.clone())
                .unwrap_or_default(),
            engines: i.engines.clone(),
            status: tr.t(&format!("initiative-{}", i.status)),
            running: Money::of(i.id, &costs).running,
            investment: Money::of(i.id, &costs).investment,
            stopped: mognad_app::plan::budget::stopped(&i.status),
        })
        .collect();
    let mut res = render(PlanPage {
        totals,
        timeline,
        goals: goals
            .into_iter()
            .map(|g| (g.id.to_string(), g.title, g.description))
            .collect(),
        admin: c.org.actor.role.at_least(Role::Admin),
        initiatives,
        errors,
        base,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(c: PageCtx) -> Page {
    plan_page(&c, Vec::new(), StatusCode::OK).await
}

async fn back_to_plan(c: PageCtx, r: Result<(), AppError>) -> Page {
    let to = format!("/orgs/{}/plan", c.org.actor.org);
    after_write(
        &c,
        r,
        |()| to,
        |errors| plan_page(&c, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

pub async fn add_goal(c: PageCtx, Form(input): Form<GoalInput>) -> Page {
    let r = c
        .state
        .app
        .plan()
        .save_goal(&c.org.actor, None, &input)
        .await
        .map(|_| ());
    back_to_plan(c, r).await
}

pub async fn add_initiative(c: PageCtx, Form(input): Form<InitiativeInput>) -> Page {
    match c
        .state
        .app
        .plan()
        .save_initiative(&c.org.actor, None, &input)
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/orgs/{}/initiatives/{id}", c.org.actor.org)).into_response()),
        Err(e) => back_to_plan(c, Err(e)).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct GapForm {
    #[serde(default)]
    pub engine: String,
    /// The group or unit whose gap list the form is on; blank for the organisation.
    #[serde(default)]
    pub area: String,
}

/// "Create initiative from gap" on a round's result for the organisation, a unit or a group.
pub async fn from_gap(c: PageCtx, IdParam(round): IdParam, Form(f): Form<GapForm>) -> Page {
    let area = match f.area.trim() {
        "" => None,
        a => Some(
            Uuid::parse_str(a)
                .map_err(|_| AppError::invalid("area", "bad-ref", "not a valid choice"))
                .map_err(c.err())?,
        ),
    };
    let id = c
        .state
        .app
        .plan()
        .initiative_from_gap(&c.org.actor, RoundId(round), area, &f.engine)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/initiatives/{id}", c.org.actor.org)).into_response())
}

/// Starts the leadership programme for every leadership group on a new board.
pub async fn start_programme(
    c: PageCtx,
    Form(input): Form<mognad_app::plan::programme::ProgrammeInput>,
) -> Page {
    match c.state.app.plan().start_programme(&c.org.actor, &input).await {
        Ok(board) => Ok(Redirect::to(&format!("/orgs/{}/boards/{board}", c.org.actor.org)).into_response()),
        Err(e) => back_to_plan(c, Err(e)).await,
    }
}
