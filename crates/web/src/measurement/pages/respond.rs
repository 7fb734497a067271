//! The respondent's pages: a round answered through a link, one step per engine, without
//! JavaScript. Every step posts to the server, which keeps the draft, so closing the page and
//! opening the link again resumes where the respondent was.

use super::respond_step::step_page;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::QueryOr;
use crate::http::url_encode;
use crate::i18n::Tr;
use crate::page::render;
use crate::views::Layout;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::measurement::respond::SubmitResult;
use mognad_app::measurement::submit::Outcome;
use mognad_domain::answer::AnswerError;
use serde::Deserialize;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "respond_note.html")]
pub struct NotePage {
    pub l: Layout,
    pub heading: String,
    pub text: String,
    /// (href, label) of the one way on, if any.
    pub link: Option<(String, String)>,
    /// (action, label) of a code field, for a shared link.
    pub code: Option<(String, String, Option<String>)>,
    /// Which group to answer for, for a person in several.
    pub choice: Option<GroupChoice>,
}

pub struct GroupChoice {
    pub action: String,
    pub legend: String,
    /// (group id, name).
    pub options: Vec<(String, String)>,
}

pub(super) fn layout(tr: Tr, csrf: &CsrfToken, here: &str) -> Layout {
    let mut l = Layout::bare(tr, csrf.0.clone());
    l.here = url_encode(here);
    l
}

/// A page that only says something: the message `key` as heading, `key-text` below it.
pub(super) fn note(tr: Tr, csrf: &CsrfToken, here: &str, key: &str, status: StatusCode) -> Response {
    let mut res = render(NotePage {
        l: layout(tr, csrf, here),
        heading: tr.t(key),
        text: tr.t(&format!("{key}-text")),
        link: None,
        code: None,
        choice: None,
    });
    *res.status_mut() = status;
    res
}

pub(super) fn not_found(tr: Tr, csrf: &CsrfToken) -> Response {
    note(tr, csrf, "/", "respond-unknown", StatusCode::NOT_FOUND)
}

#[derive(Deserialize, Default)]
pub struct StepQuery {
    #[serde(default)]
    step: Option<usize>,
}

/// Opens a link: the intro, a step, or a note that it is done or closed.
pub async fn show(
    State(s): State<crate::AppState>,
    tr: Tr,
    csrf: CsrfToken,
    Path(token): Path<String>,
    QueryOr(q): QueryOr<StepQuery>,
) -> Page {
    let r = match s.app.measurement().respondent(&token).await {
        Ok(r) => r,
        Err(AppError::NotFound) => return Ok(not_found(tr, &csrf)),
        Err(e) => return Err(WebError::app(e, false, tr)),
    };
    let here = format!("/r/{token}");
    if r.submitted {
        return Ok(note(tr, &csrf, &here, "respond-done", StatusCode::OK));
    }
    if !r.state.accepts_answers() {
        return Ok(note(tr, &csrf, &here, "respond-closed", StatusCode::OK));
    }
    if let Some(options) = &r.choice {
        // A person in several groups says first which one they answer for.
        return Ok(render(NotePage {
            l: layout(tr, &csrf, &here),
            heading: format!("{} – {}", r.round_name, r.org_name),
            text: tr.t("respond-group-text"),
            link: None,
            code: None,
            choice: Some(GroupChoice {
                action: format!("{here}/group"),
                legend: tr.t("respond-group"),
                options: options
                    .iter()
                    .map(|(id, name)| (id.to_string(), name.clone()))
                    .collect(),
            }),
        }));
    }
    let engines = r.model.engines.len();
    match q.step.filter(|s| (1..=engines).contains(s)) {
        Some(step) => Ok(step_page(tr, &csrf, &token, &r, step, &[])),
        None => {
            // The intro; "start" resumes at the first step not yet complete.
            let resume = r.answers.first_incomplete(&r.model).unwrap_or(engines - 1) + 1;
            let mut res = render(NotePage {
                l: layout(tr, &csrf, &here),
                heading: format!("{} – {}", r.round_name, r.org_name),
                text: tr.t1("respond-intro", "engines", engines),
                link: Some((format!("{here}?step={resume}"), tr.t("respond-start"))),
                code: None,
                choice: None,
            });
            *res.status_mut() = StatusCode::OK;
            Ok(res)
        }
    }
}

#[derive(Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    group: String,
}

/// A person in several groups chooses the one they answer for, then starts.
pub async fn choose_group(
    State(s): State<crate::AppState>,
    tr: Tr,
    csrf: CsrfToken,
    Path(token): Path<String>,
    Form(f): Form<GroupForm>,
) -> Page {
    match s.app.measurement().choose_group(&token, &f.group).await {
        Ok(()) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(AppError::NotFound) => Ok(not_found(tr, &csrf)),
        // An unknown choice shows the question again.
        Err(AppError::Invalid(_)) => Ok(Redirect::to(&format!("/r/{token}")).into_response()),
        Err(e) => Err(WebError::app(e, false, tr)),
    }
}

#[derive(Deserialize)]
pub struct StepForm {
    step: usize,
    #[serde(default)]
    go: String,
}

/// Saves a step; "back" always moves, "next" only when the step is complete, and on the last
/// step "next" submits.
pub async fn save(
    State(s): State<crate::AppState>,
    tr: Tr,
    csrf: CsrfToken,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let step: StepForm =
        step_form(&fields).ok_or_else(|| WebError::bad_request(false, tr, "missing step"))?;
    let here = format!("/r/{token}");
    let (r, errors) = match s.app.measurement().save_answers(&token, &fields).await {
        Ok(x) => x,
        Err(AppError::NotFound) => return Ok(not_found(tr, &csrf)),
        Err(e) => return Err(WebError::app(e, false, tr)),
    };
    let engines = r.model.engines.len();
    let step_no = step.step.clamp(1, engines);
    if r.submitted || !r.state.accepts_answers() {
        return Ok(Redirect::to(&here).into_response());
    }
    if !errors.is_empty() {
        return Ok(step_page(tr, &csrf, &token, &r, step_no, &errors));
    }
    if step.go == "back" {
        return Ok(
            Redirect::to(&format!("{here}?step={}", step_no.saturating_sub(1).max(1))).into_response(),
        );
    }
    let missing: Vec<AnswerError> = r
        .answers
        .missing_in(&r.model, step_no - 1)
        .into_iter()
        .map(|field| AnswerError {
            field,
            code: "required",
        })
        .collect();
    if !missing.is_empty() {
        return Ok(step_page(tr, &csrf, &token, &r, step_no, &missing));
    }
    if step_no < engines {
        return Ok(Redirect::to(&format!("{here}?step={}", step_no + 1)).into_response());
    }
    submit_fields(s, tr, csrf, token, &fields).await
}

fn step_form(fields: &[(String, String)]) -> Option<StepForm> {
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    Some(StepForm {
        step: get("step")?.parse().ok()?,
        go: get("go").unwrap_or_default(),
    })
}

/// Submits in one request whatever the form holds together with the draft; a form with every
/// answer works without any earlier step.
pub async fn submit(
    State(s): State<crate::AppState>,
    tr: Tr,
    csrf: CsrfToken,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    submit_fields(s, tr, csrf, token, &fields).await
}

async fn submit_fields(
    s: crate::AppState,
    tr: Tr,
    csrf: CsrfToken,
    token: String,
    fields: &[(String, String)],
) -> Page {
    let here = format!("/r/{token}");
    match s.app.measurement().submit_answers(&token, fields).await {
        Ok(SubmitResult::Done(Outcome::Accepted | Outcome::AlreadySubmitted)) => {
            Ok(Redirect::to(&here).into_response())
        }
        Ok(SubmitResult::Done(Outcome::LinkFull)) => {
            Ok(note(tr, &csrf, &here, "respond-full", StatusCode::CONFLICT))
        }
        Ok(SubmitResult::Done(Outcome::NotOpen)) => {
            Ok(note(tr, &csrf, &here, "respond-closed", StatusCode::CONFLICT))
        }
        Ok(SubmitResult::Incomplete {
            engine,
            errors,
            respondent,
        }) => Ok(step_page(tr, &csrf, &token, &respondent, engine + 1, &errors)),
        Err(AppError::NotFound) => Ok(not_found(tr, &csrf)),
        Err(e) => Err(WebError::app(e, false, tr)),
    }
}
