//! The relationships list: every kind in one table, narrowed by kind, by whether the
//! relationship still holds and by a name, a page at a time.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render};
use crate::views::Cell;
use askama::Template;
use axum::response::Response;
use mognad_app::org::relations_list::RelFilter;
use mognad_domain::role::Role;

#[derive(Template)]
#[template(path = "relationships.html")]
pub struct RelationshipsPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub f: RelFilter,
    pub kinds: Vec<(String, String)>,
    pub states: Vec<(String, String)>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub summary: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub admin: bool,
    /// The whole organisation's chart.
    pub chart: String,
}

pub async fn list(c: PageCtx, QueryOr(f): QueryOr<RelFilter>) -> Result<Response, WebError> {
    let tr = c.tr;
    let actor = &c.org.actor;
    let base = format!("/orgs/{}/relationships", actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "relationships", &base).await?;
    let p = c
        .state
        .app
        .org()
        .relationship_list(actor, &f)
        .await
        .map_err(c.err())?;
    let admin = actor.role.at_least(Role::Admin);
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let v = &r.view;
            vec![
                Cell::link_if(
                    admin,
                    tr.t(&format!("rel-kind-{}", v.kind)),
                    format!("{base}/{}", v.id),
                ),
                Cell::text(&r.from_name),
                Cell::text(&r.to_name),
                Cell::text(if v.role.is_empty() {
                    String::new()
                } else {
                    tr.t(&format!("rel-role-{}", v.role))
                }),
                Cell::text(v.valid_from.to_string()),
                Cell::text(v.valid_to.map(|d| d.to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    let columns = [
        "rel-kind",
        "rel-from",
        "rel-to",
        "rel-role",
        "field-valid-from",
        "field-valid-to",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let link = |page: usize| {
        let q = |s: &str| crate::http::url_encode(s.trim());
        format!(
            "{base}?q={}&kind={}&state={}&page={page}",
            q(&f.q),
            q(&f.kind),
            q(&f.state)
        )
    };
    let kinds = ["supervision", "team", "mentorship"]
        .iter()
        .map(|k| (k.to_string(), tr.t(&format!("rel-kind-{k}"))))
        .collect();
    let states = ["current", "ended"]
        .iter()
        .map(|k| (k.to_string(), tr.t(&format!("rel-state-{k}"))))
        .collect();
    Ok(render(RelationshipsPage {
        chart: format!("/orgs/{}/chart", c.org.actor.org),
        summary: tr.tn(
            "rel-summary",
            &[
                ("total", &p.total.to_string()),
                ("page", &p.page.to_string()),
                ("pages", &p.pages.to_string()),
            ],
        ),
        prev: (p.page > 1).then(|| link(p.page - 1)),
        next: (p.page < p.pages).then(|| link(p.page + 1)),
        base,
        kinds,
        states,
        columns,
        rows,
        admin,
        f,
        l,
    }))
}
