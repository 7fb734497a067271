//! The member's notifications: the list (newest first, marked read on request), the choice of
//! what to have mailed, and the texts a notification is told in, shared with the mail worker.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::platform::notices::{NoticeSettings, Notices};
use serde::Deserialize;
use serde_json::Value;

type Page = Result<Response, WebError>;

fn text(params: &Value, key: &str) -> String {
    match &params[key] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// What a notification says, in one line.
pub fn line(tr: Tr, kind: &str, params: &Value) -> String {
    let arg = |k| text(params, k);
    match kind {
        "assigned" => tr.tn("notice-assigned", &[("by", &arg("by")), ("card", &arg("card"))]),
        "mentioned" => tr.tn("notice-mentioned", &[("by", &arg("by")), ("card", &arg("card"))]),
        "digest" => tr.tn(
            "notice-digest",
            &[
                ("overdue", &arg("overdue")),
                ("today", &arg("today")),
                ("tomorrow", &arg("tomorrow")),
            ],
        ),
        "review" => {
            let what = match arg("what").as_str() {
                "reminder" => "notice-review-reminder",
                "peer" => "notice-review-peer",
                _ => "notice-review-started",
            };
            tr.tn(
                what,
                &[
                    ("cycle", &arg("cycle")),
                    ("name", &arg("name")),
                    ("deadline", &arg("deadline")),
                ],
            )
        }
        _ => tr.t("notice-other"),
    }
}

/// Where a review notification leads: the sheet of the person it is about.
pub fn review_path(org: mognad_domain::ids::OrgId, params: &Value) -> Option<String> {
    let (review, person) = (text(params, "review"), text(params, "person"));
    (!review.is_empty() && !person.is_empty())
        .then(|| format!("/orgs/{org}/reviews/{review}/people/{person}"))
}

/// A notification as a mail: subject and body. `base` is the address Mognad is reached at.
pub fn mail(tr: Tr, m: &mognad_app::platform::notices::OutgoingMail, base: &str) -> (String, String) {
    let p = &m.params;
    if m.kind == "follow-up" {
        // An administrator's own words to someone who asked IT for help.
        let footer = tr.t1("follow-up-mail-footer", "org", &m.org_name);
        return (
            text(p, "subject"),
            format!("{}\n\n-- \n{footer}\n", text(p, "body")),
        );
    }
    let card_link = m
        .task
        .map(|t| format!("{base}/orgs/{}/tasks/{t}", m.org))
        .unwrap_or_default();
    let settings = format!("{base}/orgs/{}/notifications", m.org);
    let what = line(tr, &m.kind, p);
    let (subject, details) = match m.kind.as_str() {
        "mentioned" => (
            tr.tn(
                "notice-mail-mentioned",
                &[("by", &text(p, "by")), ("card", &text(p, "card"))],
            ),
            format!("{}\n\n{card_link}", text(p, "excerpt")),
        ),
        "digest" => {
            let cards = p["cards"].as_array().cloned().unwrap_or_default();
            let list: Vec<String> = cards
                .iter()
                .map(|c| {
                    let link = format!("{base}/orgs/{}/tasks/{}", m.org, text(c, "id"));
                    format!("- {} ({})\n  {link}", text(c, "title"), text(c, "due"))
                })
                .collect();
            (
                tr.t1("notice-mail-digest", "day", text(p, "day")),
                list.join("\n"),
            )
        }
        "review" => (
            tr.tn(
                "notice-mail-review",
                &[("cycle", &text(p, "cycle")), ("name", &text(p, "name"))],
            ),
            review_path(m.org, p)
                .map(|path| format!("{base}{path}"))
                .unwrap_or_default(),
        ),
        _ => (tr.t1("notice-mail-assigned", "card", text(p, "card")), card_link),
    };
    let body = tr.tn(
        "notice-mail-body",
        &[
            ("name", &m.name),
            ("what", &what),
            ("details", &details),
            ("org", &m.org_name),
            ("settings", &settings),
        ],
    );
    (subject, body)
}

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub org: mognad_domain::ids::OrgId,
    pub notices: Notices,
    pub settings: NoticeSettings,
    pub saved: bool,
}

impl NotificationsPage {
    fn line(&self, kind: &str, params: &Value) -> String {
        line(self.l.tr, kind, params)
    }
    fn review_link(&self, params: &Value) -> Option<String> {
        review_path(self.org, params)
    }
    fn excerpt(&self, params: &Value) -> String {
        text(params, "excerpt")
    }
}

#[derive(Deserialize, Default)]
pub struct Before {
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub saved: String,
}

pub async fn show(c: PageCtx, QueryOr(q): QueryOr<Before>) -> Page {
    let base = format!("/orgs/{}/notifications", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "notifications", &base).await?;
    let platform = c.state.app.platform();
    let before = uuid::Uuid::parse_str(q.before.trim())
        .ok()
        .map(mognad_domain::ids::NotificationId);
    let notices = platform.notices(&c.org.actor, before).await.map_err(c.err())?;
    let settings = platform.notice_settings(&c.org.actor).await.map_err(c.err())?;
    Ok(render(NotificationsPage {
        l,
        base,
        org: c.org.actor.org,
        notices,
        settings,
        saved: !q.saved.is_empty(),
    }))
}

pub async fn mark_read(c: PageCtx) -> Page {
    c.state
        .app
        .platform()
        .mark_notices_read(&c.org.actor)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/notifications", c.org.actor.org)).into_response())
}

/// The settings form: a box per kind, sent only when ticked.
#[derive(Deserialize, Default)]
pub struct SettingsForm {
    #[serde(default)]
    pub assigned: Option<String>,
    #[serde(default)]
    pub mentioned: Option<String>,
    #[serde(default)]
    pub digest: Option<String>,
}

pub async fn save(c: PageCtx, Form(f): Form<SettingsForm>) -> Page {
    let s = NoticeSettings {
        assigned: f.assigned.is_some(),
        mentioned: f.mentioned.is_some(),
        digest: f.digest.is_some(),
    };
    c.state
        .app
        .platform()
        .save_notice_settings(&c.org.actor, s)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/notifications?saved=1#settings",
        c.org.actor.org
    ))
    .into_response())
}
