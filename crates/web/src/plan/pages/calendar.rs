//! Calendar feeds: the page where a member makes, renews or stops the secret links to their
//! own cards and to each board's (a new link is shown once, right after it is made), and the
//! public feed the link opens, as iCalendar text.

use crate::AppState;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::measurement::pages::invitations::public_base;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mognad_app::plan::calendar::{FeedOf, Feeds};
use mognad_domain::ids::BoardId;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "calendar.html")]
pub struct CalendarPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub feeds: Feeds,
    /// The link just made, with what it shows: shown this once.
    pub fresh: Option<(String, String)>,
}

async fn page(c: &PageCtx, fresh: Option<(String, String)>) -> Page {
    let base = format!("/orgs/{}/calendar", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "calendar", &base).await?;
    let feeds = c
        .state
        .app
        .plan()
        .calendar_feeds(&c.org.actor)
        .await
        .map_err(c.err())?;
    let mut res = render(CalendarPage {
        l,
        base,
        feeds,
        fresh,
    });
    // The page may hold a secret link: no cache keeps it.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

pub async fn show(c: PageCtx) -> Page {
    page(&c, None).await
}

async fn renew(c: PageCtx, headers: HeaderMap, of: FeedOf, what: String) -> Page {
    let token = c
        .state
        .app
        .plan()
        .renew_feed(&c.org.actor, of)
        .await
        .map_err(c.err())?;
    let link = format!("{}/ics/{token}", public_base(&c.state, &headers));
    page(&c, Some((what, link))).await
}

pub async fn renew_mine(c: PageCtx, headers: HeaderMap) -> Page {
    let what = c.tr.t("calendar-mine");
    renew(c, headers, FeedOf::Me, what).await
}

pub async fn renew_board(c: PageCtx, headers: HeaderMap, IdParam(id): IdParam) -> Page {
    let feeds = c
        .state
        .app
        .plan()
        .calendar_feeds(&c.org.actor)
        .await
        .map_err(c.err())?;
    let name = feeds
        .boards
        .iter()
        .find(|b| b.id.0 == id)
        .map(|b| b.name.clone())
        .unwrap_or_default();
    renew(c, headers, FeedOf::Board(BoardId(id)), name).await
}

async fn stop(c: PageCtx, of: FeedOf) -> Page {
    c.state
        .app
        .plan()
        .stop_feed(&c.org.actor, of)
        .await
        .map_err(c.err())?;
    Ok(axum::response::Redirect::to(&format!("/orgs/{}/calendar", c.org.actor.org)).into_response())
}

pub async fn stop_mine(c: PageCtx) -> Page {
    stop(c, FeedOf::Me).await
}

pub async fn stop_board(c: PageCtx, IdParam(id): IdParam) -> Page {
    stop(c, FeedOf::Board(BoardId(id))).await
}

/// The feed a secret link opens; an unknown or stopped link is a plain 404.
pub async fn feed(
    State(s): State<AppState>,
    tr: Tr,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let base = public_base(&s, &headers);
    let url =
        |org: mognad_domain::ids::OrgId, card: uuid::Uuid| Some(format!("{base}/orgs/{org}/tasks/{card}"));
    let token = token.trim_end_matches(".ics");
    let name = |of: &str| tr.t1("calendar-feed-name", "name", of);
    match s.app.plan().feed(token, &url, &name).await {
        Ok(Some(f)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            f.text,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, tr.t("calendar-gone")).into_response(),
        Err(e) => WebError::app(e, false, tr).into_response(),
    }
}
