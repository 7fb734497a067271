//! Following up one recurring problem (reached from the intake page's list): the people
//! affected, each once, marked contacted; a mail to all of them from a template; and a card for
//! the problem as a whole. The group travels as its cards' ids, in the address and the forms.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::plan::follow_up::FollowUp;
use mognad_domain::ids::TaskId;
use serde::Deserialize;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "follow_up.html")]
pub struct FollowUpPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub org: String,
    /// The group's cards, comma-separated, for the forms.
    pub cards: String,
    pub f: FollowUp,
    pub subject: String,
    pub body: String,
    pub errors: Vec<crate::views::FormError>,
    /// What was just done, in words.
    pub done: Option<String>,
}

impl FollowUpPage {
    fn to_mail(&self) -> usize {
        self.f
            .contacts
            .iter()
            .filter(|c| c.mailable && !c.contacted)
            .count()
    }
}

#[derive(Deserialize, Default)]
pub struct Query {
    #[serde(default)]
    pub cards: String,
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub n: String,
}

fn parse_cards(raw: &str) -> Result<Vec<TaskId>, AppError> {
    raw.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            uuid::Uuid::parse_str(s.trim())
                .map(TaskId)
                .map_err(|_| AppError::invalid("cards", "bad-ref", "the cards of one recurring problem"))
        })
        .collect()
}

type Mail = (String, String, Vec<crate::views::FormError>);

async fn page(c: &PageCtx, cards: &str, done: Option<String>, mail: Option<Mail>) -> Page {
    let org = format!("/orgs/{}", c.org.actor.org);
    let base = format!("{org}/follow-up");
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "intake", &base).await?;
    let ids = parse_cards(cards).map_err(c.err())?;
    let f = c
        .state
        .app
        .plan()
        .follow_up(&c.org.actor, &ids)
        .await
        .map_err(c.err())?;
    // The first request's words: the newest card may be a later sender's own phrasing.
    let problem = f.cards.last().map(|x| x.1.clone()).unwrap_or_default();
    let (subject, body, errors) = mail.unwrap_or_else(|| {
        (
            c.tr.t1("follow-up-template-subject", "problem", &problem),
            c.tr.t1("follow-up-template-body", "problem", &problem),
            Vec::new(),
        )
    });
    Ok(render(FollowUpPage {
        l,
        base,
        org,
        cards: ids.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(","),
        f,
        subject,
        body,
        errors,
        done,
    }))
}

pub async fn show(c: PageCtx, QueryOr(q): QueryOr<Query>) -> Page {
    let done = match q.done.as_str() {
        "contacted" => Some(c.tr.t1("follow-up-done-contacted", "count", &q.n)),
        "mailed" => Some(c.tr.t1("follow-up-done-mailed", "count", &q.n)),
        _ => None,
    };
    page(&c, &q.cards, done, None).await
}

fn back(c: &PageCtx, cards: &str, done: &str, n: usize) -> Response {
    let to = format!(
        "/orgs/{}/follow-up?cards={}&done={done}&n={n}#done",
        c.org.actor.org,
        crate::http::url_encode(cards)
    );
    Redirect::to(&to).into_response()
}

fn field<'a>(f: &'a [(String, String)], name: &str) -> &'a str {
    f.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

pub async fn contacted(c: PageCtx, Form(f): Form<Vec<(String, String)>>) -> Page {
    let cards = field(&f, "cards").to_owned();
    let chosen: Vec<String> = f
        .iter()
        .filter(|(k, _)| k == "contact")
        .map(|(_, v)| v.clone())
        .collect();
    let ids = parse_cards(&cards).map_err(c.err())?;
    let n = c
        .state
        .app
        .plan()
        .mark_contacted(&c.org.actor, &ids, &chosen)
        .await
        .map_err(c.err())?;
    Ok(back(&c, &cards, "contacted", n))
}

pub async fn mail(c: PageCtx, Form(f): Form<Vec<(String, String)>>) -> Page {
    let cards = field(&f, "cards").to_owned();
    let (subject, body) = (field(&f, "subject").to_owned(), field(&f, "body").to_owned());
    let ids = parse_cards(&cards).map_err(c.err())?;
    match c
        .state
        .app
        .plan()
        .mail_follow_up(&c.org.actor, &ids, &subject, &body)
        .await
    {
        Ok(n) => Ok(back(&c, &cards, "mailed", n)),
        Err(AppError::Invalid(list)) => {
            let errors = list
                .iter()
                .map(|e| {
                    let (href, label) = match e.field.as_deref() {
                        Some("body") => ("#m-body", c.tr.t("follow-up-body")),
                        _ => ("#m-subject", c.tr.t("follow-up-subject")),
                    };
                    crate::views::FormError {
                        href: href.into(),
                        message: format!("{label}: {}", crate::page::translated(e, c.tr)),
                    }
                })
                .collect();
            let mut res = page(&c, &cards, None, Some((subject, body, errors))).await?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(c.err()(e)),
    }
}

pub async fn card(c: PageCtx, Form(f): Form<Vec<(String, String)>>) -> Page {
    let cards = field(&f, "cards").to_owned();
    let ids = parse_cards(&cards).map_err(c.err())?;
    let plan = c.state.app.plan();
    let first = plan.follow_up(&c.org.actor, &ids).await.map_err(c.err())?;
    let problem = first.cards.last().map(|x| x.1.clone()).unwrap_or_default();
    let title = c.tr.t1("follow-up-card-title", "problem", &problem);
    let id = plan
        .follow_up_card(&c.org.actor, &ids, &title)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/tasks/{id}", c.org.actor.org)).into_response())
}
