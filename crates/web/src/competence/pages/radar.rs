//! Environment scanning: the technology radar (SVG with a numbered list beside it) and the log
//! of signals, each with its form for admins.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, after_write, org_layout, render};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::competence::scanning::{BlipInput, SignalInput};
use mognad_domain::ids::BlipId;
use mognad_domain::role::Role;
use mognad_domain::scanning::{self, Blip, Quadrant, Ring};
use mognad_reports::techradar;

type Page = Result<Response, WebError>;

pub struct BlipRow {
    pub n: usize,
    pub id: mognad_domain::ids::BlipId,
    pub name: String,
    pub quadrant: String,
    pub ring: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "radar.html")]
pub struct RadarPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub admin: bool,
    pub errors: Vec<String>,
    pub svg: String,
    pub blips: Vec<BlipRow>,
    pub quadrants: Vec<(String, String)>,
    pub rings: Vec<(String, String)>,
    /// (date, source, signal, link)
    pub signals: Vec<(String, String, String, Option<String>)>,
}

impl RadarPage {
    /// The signal form posts beside the radar: `/orgs/{org}/signals`.
    pub fn org_id(&self) -> &str {
        self.base.trim_start_matches("/orgs/").trim_end_matches("/radar")
    }
}

async fn page(c: &PageCtx, errors: Vec<String>, status: StatusCode) -> Page {
    let tr = c.tr;
    let base = format!("/orgs/{}/radar", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "radar", &base).await?;
    let (blips, signals) = c
        .state
        .app
        .competence()
        .radar(&c.org.actor)
        .await
        .map_err(c.err())?;
    let q = |x: Quadrant| tr.t(&format!("quadrant-{}", x.as_str()));
    let r = |x: Ring| tr.t(&format!("ring-{}", x.as_str()));
    let plain: Vec<Blip> = blips.iter().map(|b| b.blip.clone()).collect();
    let at = scanning::layout(&plain, 1.0);
    let numbered: Vec<((f64, f64), usize)> = at.into_iter().zip(1..).collect();
    let quadrant_names: Vec<String> = Quadrant::ALL.iter().map(|x| q(*x)).collect();
    let ring_names: Vec<String> = Ring::ALL.iter().map(|x| r(*x)).collect();
    let svg = techradar::render(&techradar::Radar {
        id: "techradar",
        title: &tr.t("radar-title"),
        desc: &tr.t1("radar-desc", "n", blips.len()),
        quadrants: [
            &quadrant_names[0],
            &quadrant_names[1],
            &quadrant_names[2],
            &quadrant_names[3],
        ],
        rings: [&ring_names[0], &ring_names[1], &ring_names[2], &ring_names[3]],
        blips: &numbered,
    });
    let mut res = render(RadarPage {
        base,
        admin: c.org.actor.role.at_least(Role::Admin),
        errors,
        svg,
        blips: blips
            .iter()
            .zip(1..)
            .map(|(b, n)| BlipRow {
                n,
                id: b.id,
                name: b.blip.name.clone(),
                quadrant: q(b.blip.quadrant),
                ring: r(b.blip.ring),
                note: b.blip.note.clone(),
            })
            .collect(),
        quadrants: Quadrant::ALL
            .iter()
            .map(|x| (x.as_str().to_owned(), q(*x)))
            .collect(),
        rings: Ring::ALL.iter().map(|x| (x.as_str().to_owned(), r(*x))).collect(),
        signals: signals
            .into_iter()
            .map(|s| (s.noted_on.to_string(), s.source, s.signal, s.link))
            .collect(),
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(c: PageCtx) -> Page {
    page(&c, Vec::new(), StatusCode::OK).await
}

async fn after(c: PageCtx, result: Result<(), AppError>) -> Page {
    let to = format!("/orgs/{}/radar", c.org.actor.org);
    after_write(
        &c,
        result,
        |()| to,
        |errors| page(&c, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

pub async fn save_blip(c: PageCtx, Form(input): Form<BlipInput>) -> Page {
    let r = c.state.app.competence().save_blip(&c.org.actor, &input).await;
    after(c, r).await
}

pub async fn delete_blip(c: PageCtx, IdParam(id): IdParam) -> Page {
    let r = c
        .state
        .app
        .competence()
        .delete_blip(&c.org.actor, BlipId(id))
        .await;
    after(c, r).await
}

pub async fn add_signal(c: PageCtx, Form(input): Form<SignalInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .add_signal(&c.org.actor, &input)
        .await
        .map(|_| ());
    after(c, r).await
}
