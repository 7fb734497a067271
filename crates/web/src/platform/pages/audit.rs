//! The audit log for owners: a page at a time, newest first, and the whole log as CSV.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use crate::views::Layout;
use askama::Template;
use axum::response::Response;
use mognad_store::audit::Entry;
use serde::Deserialize;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub l: Layout,
    pub rows: Vec<Vec<String>>,
    pub csv_href: String,
    pub older: Option<String>,
}

#[derive(Deserialize)]
pub struct Before {
    before: Option<chrono::DateTime<chrono::Utc>>,
}

/// Who acted, with the token's name when it came through one.
fn actor(e: &Entry, tr: Tr) -> String {
    match &e.token {
        Some(t) => tr.tn("audit-via-token", &[("actor", &e.actor), ("token", t)]),
        None => e.actor.clone(),
    }
}

fn row(e: &Entry, tr: Tr) -> Vec<String> {
    vec![
        e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        actor(e, tr),
        tr.t(&format!("audit-{}", e.action)),
        e.subject.clone(),
        e.client.clone(),
    ]
}

pub async fn list(c: PageCtx, QueryOr(q): QueryOr<Before>) -> Page {
    let a = &c.org.actor;
    let entries = c
        .state
        .app
        .platform()
        .audit_log(a, q.before)
        .await
        .map_err(c.err())?;
    let base = format!("/orgs/{}/audit", a.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "members", &base).await?;
    let older = (entries.len() as i64 == mognad_app::platform::audit::PAGE)
        .then(|| entries.last())
        .flatten()
        .map(|e| format!("{base}?before={}", crate::http::url_encode(&e.at.to_rfc3339())));
    Ok(render(AuditPage {
        l,
        rows: entries.iter().map(|e| row(e, c.tr)).collect(),
        csv_href: format!("{base}.csv"),
        older,
    }))
}

pub async fn csv(c: PageCtx) -> Page {
    use mognad_app::measurement::export::csv_field;
    let entries = c
        .state
        .app
        .platform()
        .audit_export(&c.org.actor)
        .await
        .map_err(c.err())?;
    let mut out = String::from("at,actor,token,action,subject,client\r\n");
    for e in &entries {
        let fields = [
            e.at.to_rfc3339(),
            e.actor.clone(),
            e.token.clone().unwrap_or_default(),
            e.action.clone(),
            e.subject.clone(),
            e.client.clone(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok(crate::measurement::pages::exports::attachment(
        "text/csv; charset=utf-8",
        "audit-log.csv",
        out.into(),
    ))
}
