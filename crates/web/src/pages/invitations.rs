//! Inviting respondents from the round page: making personal links (shown once, and mailed
//! when a mailer is configured) and reminders that replace the links of those who have not
//! answered.

use super::{PageCtx, org_layout, render};
use crate::error::WebError;
use crate::extract::IdParam;
use crate::views::{Cell, ListPage};
use axum::response::Response;

type Page = Result<Response, WebError>;

fn base(c: &PageCtx) -> String {
    format!("/orgs/{}", c.org.actor.org)
}

/// The links just made, shown once: they are not stored and cannot be shown again. With a
/// mailer configured, each person with an address also gets theirs by mail.
async fn links_page(
    c: &PageCtx,
    id: uuid::Uuid,
    links: Vec<mognad_app::invite::IssuedLink>,
    origin: &str,
    reminder: bool,
) -> Page {
    let tr = c.tr;
    let intro = match &c.state.mailer {
        Some(mailer) if !links.is_empty() => {
            let round = c.state.app.round(&c.org.actor, id).await.map_err(c.err())?;
            let org = c.state.app.org(&c.org.actor).await.map_err(c.err())?;
            let base_url = c
                .state
                .config
                .public_url
                .clone()
                .unwrap_or_else(|| origin.to_owned());
            let about = mognad_app::mail::Invitation {
                round: &round.name,
                org: org.settings.name.as_str(),
                language: org.settings.language,
                base_url: base_url.trim_end_matches('/'),
                reminder,
            };
            // The links exist only in this response: a mail failure must not lose them.
            match mailer.send_invitations(&links, &about).await {
                Ok(report) => {
                    let mut text = match &report.folder {
                        Some(dir) => tr.t1("mail-written", "n", report.sent) + " " + dir,
                        None => tr.t1("mail-sent", "n", report.sent),
                    };
                    if report.without_email > 0 {
                        text = text + " " + &tr.t1("mail-without-address", "n", report.without_email);
                    }
                    Some(text)
                }
                Err(e) => {
                    tracing::error!(error = %e, "sending invitations failed");
                    Some(tr.t("mail-failed"))
                }
            }
        }
        _ => None,
    };
    let here = format!("{}/rounds/{id}", base(c));
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &here).await?;
    let rows = links
        .into_iter()
        .map(|k| {
            let url = format!("{origin}/r/{}", k.token);
            vec![
                Cell::text(k.person_name),
                Cell::text(k.email.unwrap_or_default()),
                Cell::text(k.group_name),
                Cell::link(url.clone(), url),
            ]
        })
        .collect();
    Ok(render(ListPage {
        l,
        heading: tr.t("round-links-title"),
        new_href: Some(here),
        new_label: tr.t("round-links-back"),
        columns: ["field-name", "field-email", "round-group", "round-link"]
            .iter()
            .map(|k| tr.t(k))
            .collect(),
        rows,
        empty: tr.t("round-links-none"),
        search: None,
        intro,
    }))
}

/// The scheme and host the browser used, so the links work where they are shown.
fn origin(c: &PageCtx, headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ".-:[]".contains(ch))
        })
        .unwrap_or("localhost");
    let scheme = if c.state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

pub async fn invite(c: PageCtx, IdParam(id): IdParam, headers: axum::http::HeaderMap) -> Page {
    let links = c
        .state
        .app
        .issue_invitations(&c.org.actor, id)
        .await
        .map_err(c.err())?;
    links_page(&c, id, links, &origin(&c, &headers), false).await
}

pub async fn remind(c: PageCtx, IdParam(id): IdParam, headers: axum::http::HeaderMap) -> Page {
    let links = c.state.app.remind(&c.org.actor, id).await.map_err(c.err())?;
    links_page(&c, id, links, &origin(&c, &headers), true).await
}
