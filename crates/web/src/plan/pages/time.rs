//! Time on cards: logging an entry from the card's page, taking one back, and the timesheet
//! page over a period with its CSV and XLSX downloads.

use crate::error::WebError;
use crate::extract::{IdParam, QueryOr};
use crate::i18n::Tr;
use crate::measurement::pages::exports::{attachment, file_name};
use crate::page::{PageCtx, org_layout, render, translated};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::plan::time_log::TimeInput;
use mognad_app::plan::timesheet::{SheetWords, Timesheet, sheet_table};
use mognad_domain::ids::{PersonId, TaskId, TimeEntryId};
use mognad_domain::org::Language;
use serde::Deserialize;

type Page = Result<Response, WebError>;

/// Minutes as hours, with a decimal comma in Swedish: 90 → "1,5".
pub fn hours(minutes: &i64, tr: &Tr) -> String {
    let h = mognad_domain::plan::time::hours(*minutes);
    match tr.lang {
        Language::Sv => h.replace('.', ","),
        Language::En => h,
    }
}

pub async fn log(c: PageCtx, IdParam(id): IdParam, Form(input): Form<TimeInput>) -> Page {
    match c
        .state
        .app
        .plan()
        .log_time(&c.org.actor, TaskId(id), &input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{}/tasks/{id}#time", c.org.actor.org)).into_response()),
        Err(AppError::Invalid(list)) => {
            let errors = list.iter().map(|i| translated(i, c.tr)).collect();
            super::task::page_with(&c, id, errors, StatusCode::UNPROCESSABLE_ENTITY, Some(input)).await
        }
        Err(e) => Err(c.err()(e)),
    }
}

pub async fn remove(c: PageCtx, IdParam(id): IdParam) -> Page {
    let task = c
        .state
        .app
        .plan()
        .remove_time(&c.org.actor, TimeEntryId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/tasks/{task}#time", c.org.actor.org)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct SheetQuery {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl SheetQuery {
    fn person(&self) -> Result<Option<PersonId>, AppError> {
        match self.person.trim() {
            "" => Ok(None),
            p => uuid::Uuid::parse_str(p)
                .map(|u| Some(PersonId(u)))
                .map_err(|_| AppError::invalid("person", "bad-ref", "not a valid choice")),
        }
    }

    /// The same query for a download link.
    fn query_string(&self) -> String {
        format!(
            "person={}&from={}&to={}",
            crate::http::url_encode(&self.person),
            crate::http::url_encode(&self.from),
            crate::http::url_encode(&self.to)
        )
    }
}

#[derive(Template)]
#[template(path = "timesheet.html")]
pub struct SheetPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub errors: Vec<String>,
    pub q: SheetQuery,
    pub people: Vec<(String, String, bool)>,
    pub sheet: Option<Timesheet>,
    pub download: String,
}

impl SheetPage {
    pub fn hours(&self, minutes: &i64) -> String {
        hours(minutes, &self.l.tr)
    }
}

async fn sheet(c: &PageCtx, q: &SheetQuery) -> Result<Timesheet, AppError> {
    let person = q.person()?;
    c.state
        .app
        .plan()
        .timesheet(&c.org.actor, person, &q.from, &q.to)
        .await
}

pub async fn show(c: PageCtx, QueryOr(q): QueryOr<SheetQuery>) -> Page {
    let base = format!("/orgs/{}", c.org.actor.org);
    let l = org_layout(
        &c.state,
        &c.org,
        c.tr,
        &c.csrf,
        "timesheet",
        &format!("{base}/timesheet"),
    )
    .await?;
    let (sheet, errors, status) = match sheet(&c, &q).await {
        Ok(s) => (Some(s), Vec::new(), StatusCode::OK),
        Err(AppError::Invalid(list)) => (
            None,
            list.iter().map(|i| translated(i, c.tr)).collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(c.err()(e)),
    };
    let people = c
        .state
        .app
        .org()
        .all_people(&c.org.actor)
        .await
        .map_err(c.err())?;
    let mut q = q;
    if let Some(s) = &sheet {
        // The period shown, so the form and the download links say it.
        q.from = s.from.to_string();
        q.to = s.to.to_string();
    }
    let mut res = render(SheetPage {
        people: people
            .into_iter()
            .map(|p| (p.id.to_string(), p.name, p.id.to_string() == q.person.trim()))
            .collect(),
        download: q.query_string(),
        errors,
        sheet,
        q,
        base,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

fn words(tr: Tr) -> SheetWords {
    let t = |k: &str| tr.t(k);
    SheetWords {
        headers: [
            t("time-day"),
            t("time-person"),
            t("time-board"),
            t("time-card"),
            t("time-minutes"),
            t("time-hours"),
            t("time-note"),
        ],
    }
}

fn stem(s: &Timesheet) -> String {
    file_name(&format!("timesheet-{}-{}", s.from, s.to), "")
        .trim_end_matches('-')
        .to_owned()
}

pub async fn csv(c: PageCtx, QueryOr(q): QueryOr<SheetQuery>) -> Page {
    let s = sheet(&c, &q).await.map_err(c.err())?;
    // A byte-order mark makes spreadsheet programs read the file as UTF-8 (å, ä, ö).
    let body = format!("\u{feff}{}", sheet_table(&s, &words(c.tr)).to_csv());
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("{}.csv", stem(&s)),
        body.into(),
    ))
}

pub async fn xlsx(c: PageCtx, QueryOr(q): QueryOr<SheetQuery>) -> Page {
    let s = sheet(&c, &q).await.map_err(c.err())?;
    let bytes = mognad_reports::xlsx::write(&sheet_table(&s, &words(c.tr)), &c.tr.t("timesheet-title"))
        .map_err(|e| WebError::app(AppError::Internal(e.to_string()), false, c.tr))?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}.xlsx", stem(&s)),
        bytes.into(),
    ))
}
