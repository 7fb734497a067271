//! One participant's review sheet in the browser: every competence of the person's role on one
//! page with the level descriptions beside the choices, the request for peer feedback and the
//! manager's sign-off.

use super::reviews::status_label;
use crate::error::WebError;
use crate::page::{PageCtx, org_layout, render};
use crate::views::FormError;
use askama::Template;
use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::competence::review_sheet::{Sheet, SheetInput};
use mognad_domain::ids::{PersonId, ReviewId};
use std::collections::HashMap;
use uuid::Uuid;

type Page = Result<Response, WebError>;

/// One competence of the form: id, name, description, requirement text, chosen level, note.
pub struct Row {
    pub id: String,
    pub name: String,
    pub description: String,
    pub required: Option<String>,
    pub chosen: Option<u8>,
    pub note: String,
}

#[derive(Template)]
#[template(path = "review_sheet.html")]
pub struct SheetPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub back: String,
    pub heading: String,
    pub s: Sheet,
    pub status: String,
    pub source: Option<String>,
    pub rows: Vec<Row>,
    /// (number, name, description) of each level.
    pub levels: Vec<(u8, String, String)>,
    pub errors: Vec<FormError>,
    pub notice: Option<String>,
    pub peers_state: String,
}

fn ids(p: &HashMap<String, String>, tr: crate::i18n::Tr) -> Result<(Uuid, Uuid), WebError> {
    let get = |k: &str| p.get(k).and_then(|v| Uuid::parse_str(v).ok());
    match (get("id"), get("person")) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(WebError::app(AppError::NotFound, false, tr)),
    }
}

async fn page(
    c: &PageCtx,
    id: Uuid,
    person: Uuid,
    input: Option<(SheetInput, Vec<mognad_app::Invalid>)>,
    notice: Option<String>,
) -> Page {
    let tr = c.tr;
    let lang = tr.lang;
    let s = c
        .state
        .app
        .competence()
        .review_sheet(&c.org.actor, ReviewId(id), PersonId(person))
        .await
        .map_err(c.err())?;
    let base = format!("/orgs/{}/reviews/{id}/people/{person}", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "reviews", &base).await?;
    let (given, refused) = input.unwrap_or_default();
    // A missing level names its competence, so the summary says which ones are left.
    let errors: Vec<FormError> = refused
        .iter()
        .map(|e| {
            let field = e.field.clone().unwrap_or_default();
            match field.strip_prefix("level_") {
                Some(comp) => FormError {
                    href: format!("#lvl-{comp}-1"),
                    message: tr.t1(
                        "review-level-missing",
                        "competence",
                        s.framework.competence(comp).map_or(comp, |x| x.name.get(lang)),
                    ),
                },
                None => FormError {
                    href: format!("#{}", field.replace('_', "-")),
                    message: crate::page::translated(e, tr),
                },
            }
        })
        .collect();
    let rows = s
        .rows
        .iter()
        .map(|r| {
            let id = r.competence.id.clone();
            Row {
                name: r.competence.name.get(lang).to_owned(),
                description: r.competence.description.get(lang).to_owned(),
                required: r.required.map(|l| tr.t1("review-required", "level", l)),
                chosen: given.levels.get(&id).and_then(|v| v.parse().ok()).or(r.current),
                note: given.notes.get(&id).cloned().unwrap_or_default(),
                id,
            }
        })
        .collect();
    let levels = s
        .framework
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                i as u8 + 1,
                l.name.get(lang).to_owned(),
                l.description.get(lang).to_owned(),
            )
        })
        .collect();
    let refused = !errors.is_empty();
    let peers_state = tr.tn(
        "review-peers-state",
        &[
            ("asked", &s.asked.len().to_string()),
            ("answered", &s.answered.to_string()),
        ],
    );
    let mut res = render(SheetPage {
        heading: tr.tn(
            "review-sheet-title",
            &[("cycle", &s.name), ("name", s.person.name.as_str())],
        ),
        status: status_label(tr, s.status),
        source: s.source.map(|x| tr.t(&format!("review-as-{}", x.as_str()))),
        // An asked colleague has no one in the review, so their way back is the list.
        back: if s.source == Some(mognad_domain::competence::assessment::Source::Peer) {
            format!("/orgs/{}/reviews", c.org.actor.org)
        } else {
            format!("/orgs/{}/reviews/{id}", c.org.actor.org)
        },
        rows,
        levels,
        notice,
        peers_state,
        s,
        base,
        l,
        errors,
    });
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

pub async fn show(
    c: PageCtx,
    Path(p): Path<HashMap<String, String>>,
    crate::extract::QueryOr(q): crate::extract::QueryOr<Done>,
) -> Page {
    let (id, person) = ids(&p, c.tr)?;
    let notice = q
        .done
        .filter(|d| ["handed-in", "asked", "signed-off"].contains(&d.as_str()))
        .map(|d| c.tr.t(&format!("review-done-{d}")));
    page(&c, id, person, None, notice).await
}

fn sheet_input(form: &[(String, String)]) -> SheetInput {
    let mut input = SheetInput::default();
    for (k, v) in form {
        if let Some(c) = k.strip_prefix("level_") {
            input.levels.insert(c.to_owned(), v.clone());
        } else if let Some(c) = k.strip_prefix("note_") {
            input.notes.insert(c.to_owned(), v.clone());
        }
    }
    input
}

/// Back to the sheet after a write, or the sheet again with each refused field linked.
async fn after(
    c: PageCtx,
    id: Uuid,
    person: Uuid,
    r: Result<(), AppError>,
    input: SheetInput,
    done: &str,
) -> Page {
    match r {
        Ok(()) => Ok(Redirect::to(&format!(
            "/orgs/{}/reviews/{id}/people/{person}?done={done}#top",
            c.org.actor.org
        ))
        .into_response()),
        Err(AppError::Invalid(list)) => page(&c, id, person, Some((input, list)), None).await,
        Err(e) => Err(c.err()(e)),
    }
}

pub async fn submit(
    c: PageCtx,
    Path(p): Path<HashMap<String, String>>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let (id, person) = ids(&p, c.tr)?;
    let input = sheet_input(&f);
    let r = c
        .state
        .app
        .competence()
        .submit_sheet(&c.org.actor, ReviewId(id), PersonId(person), &input)
        .await;
    after(c, id, person, r, input, "handed-in").await
}

pub async fn peers(
    c: PageCtx,
    Path(p): Path<HashMap<String, String>>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let (id, person) = ids(&p, c.tr)?;
    let chosen: Vec<String> = f
        .into_iter()
        .filter(|(k, _)| k == "peer")
        .map(|(_, v)| v)
        .collect();
    let r = c
        .state
        .app
        .competence()
        .request_peers(&c.org.actor, ReviewId(id), PersonId(person), &chosen)
        .await
        .map(|_| ());
    after(c, id, person, r, SheetInput::default(), "asked").await
}

pub async fn sign_off(c: PageCtx, Path(p): Path<HashMap<String, String>>) -> Page {
    let (id, person) = ids(&p, c.tr)?;
    let r = c
        .state
        .app
        .competence()
        .sign_off(&c.org.actor, ReviewId(id), PersonId(person))
        .await;
    after(c, id, person, r, SheetInput::default(), "signed-off").await
}
