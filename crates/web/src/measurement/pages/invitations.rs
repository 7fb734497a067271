//! Inviting respondents from the round page: making personal links (mailed to those with an
//! address, on a printable sheet for the others), reminders that Mognad mails itself and reports
//! as counts, and the sheet of links for people without an address, made anew on request.
//!
//! Nothing here tells who has answered: reminders say how many went out, and the sheet holds a
//! link for everyone without an address, answered or not.

use crate::AppState;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, org_layout, render};
use crate::views::{Cell, ListPage};
use axum::response::Response;
use mognad_app::measurement::invite::IssuedLink;
use mognad_app::measurement::remind::ReminderReport;
use mognad_app::{Actor, AppError};
use mognad_domain::ids::RoundId;

type Page = Result<Response, WebError>;

fn base(c: &PageCtx) -> String {
    format!("/orgs/{}", c.org.actor.org)
}

/// What a mail about a round says, owned, to lend to [`mognad_app::platform::mail::Invitation`].
struct About {
    round: String,
    org: String,
    language: mognad_domain::org::Language,
    base_url: String,
}

async fn about(state: &AppState, actor: &Actor, round: uuid::Uuid, origin: &str) -> Result<About, AppError> {
    let r = state.app.measurement().round(actor, RoundId(round)).await?;
    let org = state.app.org().organisation(actor).await?;
    let base_url = state
        .config
        .public_url
        .clone()
        .unwrap_or_else(|| origin.to_owned());
    Ok(About {
        round: r.name,
        org: org.settings.name.to_string(),
        language: org.settings.language,
        base_url: base_url.trim_end_matches('/').to_owned(),
    })
}

impl About {
    fn mail(&self, reminder: bool) -> mognad_app::platform::mail::Invitation<'_> {
        mognad_app::platform::mail::Invitation {
            round: &self.round,
            org: &self.org,
            language: self.language,
            base_url: &self.base_url,
            reminder,
        }
    }
}

/// Mails reminders through the configured mailer (the page and the API both come here).
pub(crate) async fn remind_by_mail(
    state: &AppState,
    actor: &Actor,
    round: uuid::Uuid,
    origin: &str,
) -> Result<ReminderReport, AppError> {
    // Who may comes before what is missing.
    actor.require(mognad_domain::role::Role::Admin)?;
    let Some(mailer) = &state.mailer else {
        return Err(AppError::Refused {
            code: "no-mailer",
            message: "reminders need mail: configure an SMTP server or the mail folder".into(),
        });
    };
    let a = about(state, actor, round, origin).await?;
    state
        .app
        .measurement()
        .remind(actor, RoundId(round), mailer, &a.mail(true))
        .await
}

/// A table of links to hand out: name, group and link.
fn sheet_rows(links: Vec<IssuedLink>, origin: &str) -> Vec<Vec<Cell>> {
    links
        .into_iter()
        .map(|k| {
            let url = format!("{origin}/r/{}", k.token);
            vec![
                Cell::text(k.person_name),
                Cell::text(k.group_name),
                Cell::link(url.clone(), url),
            ]
        })
        .collect()
}

async fn sheet_page(
    c: &PageCtx,
    id: uuid::Uuid,
    heading: &str,
    intro: String,
    rows: Vec<Vec<Cell>>,
    empty: &str,
) -> Page {
    let tr = c.tr;
    let here = format!("{}/rounds/{id}", base(c));
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &here).await?;
    Ok(render(ListPage {
        l,
        heading: tr.t(heading),
        new_href: Some(here),
        new_label: tr.t("round-links-back"),
        columns: ["field-name", "round-group", "round-link"]
            .iter()
            .map(|k| tr.t(k))
            .collect(),
        rows,
        empty: tr.t(empty),
        search: None,
        intro: Some(intro),
        links: Vec::new(),
    }))
}

/// Where mailed and shown links point: the configured `public_url`, or else the address the
/// browser used; without a trailing slash.
pub(crate) fn public_base(state: &AppState, headers: &axum::http::HeaderMap) -> String {
    match &state.config.public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => origin(state, headers),
    }
}

/// The scheme and host the browser used, so the links work where they are shown.
pub(crate) fn origin(state: &AppState, headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ".-:[]".contains(ch))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Makes the invitations: each person with an address gets their link by mail; the page shows
/// the links of the others, once (they are not stored). Without a mailer every link is shown.
pub async fn invite(c: PageCtx, IdParam(id): IdParam, headers: axum::http::HeaderMap) -> Page {
    let tr = c.tr;
    let origin = origin(&c.state, &headers);
    let links = c
        .state
        .app
        .measurement()
        .issue_invitations(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    let (shown, intro) = match &c.state.mailer {
        Some(mailer) => {
            let a = about(&c.state, &c.org.actor, id, &origin)
                .await
                .map_err(c.err())?;
            let (mailed, rest): (Vec<_>, Vec<_>) = links.into_iter().partition(|l| l.email.is_some());
            // The links exist only in this response: a mail failure must not lose them.
            let intro = match mailer.send_invitations(&mailed, &a.mail(false)).await {
                Ok(report) => {
                    let mut text = match &report.folder {
                        Some(dir) => format!("{} {dir}.", tr.t1("mail-written", "n", report.sent)),
                        None => tr.t1("mail-sent", "n", report.sent),
                    };
                    if !rest.is_empty() {
                        text = text + " " + &tr.t1("mail-without-address", "n", rest.len());
                    }
                    text
                }
                Err(e) => {
                    tracing::error!(error = %e, "sending invitations failed");
                    return sheet_page(
                        &c,
                        id,
                        "round-links-title",
                        tr.t("mail-failed"),
                        sheet_rows(mailed.into_iter().chain(rest).collect(), &origin),
                        "round-links-none",
                    )
                    .await;
                }
            };
            (rest, intro)
        }
        None => (links, tr.t("round-links-intro")),
    };
    sheet_page(
        &c,
        id,
        "round-links-title",
        intro,
        sheet_rows(shown, &origin),
        "round-links-none",
    )
    .await
}

/// Mails reminders and says how many went out, never to whom.
pub async fn remind(c: PageCtx, IdParam(id): IdParam, headers: axum::http::HeaderMap) -> Page {
    let tr = c.tr;
    let origin = origin(&c.state, &headers);
    let report = remind_by_mail(&c.state, &c.org.actor, id, &origin)
        .await
        .map_err(c.err())?;
    let mut text = match &report.folder {
        Some(dir) => format!("{} {dir}.", tr.t1("remind-written", "n", report.sent)),
        None => tr.t1("remind-sent", "n", report.sent),
    };
    if report.failed > 0 {
        text = text + " " + &tr.t1("remind-failed", "n", report.failed);
    }
    if report.without_address > 0 {
        text = text + " " + &tr.t1("remind-without-address", "n", report.without_address);
    }
    sheet_page(&c, id, "remind-title", text, Vec::new(), "remind-sheet-hint").await
}

/// The printable sheet: a fresh link for everyone invited who has no e-mail address.
pub async fn sheet(c: PageCtx, IdParam(id): IdParam, headers: axum::http::HeaderMap) -> Page {
    let origin = origin(&c.state, &headers);
    let links = c
        .state
        .app
        .measurement()
        .link_sheet(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    sheet_page(
        &c,
        id,
        "sheet-title",
        c.tr.t("sheet-intro"),
        sheet_rows(links, &origin),
        "sheet-none",
    )
    .await
}
