//! Searching cards across boards: a search box with the board filters (assignee, priority,
//! label, due date, archived) and the hits with where each card stands.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render};
use crate::plan::pages::boards::BoardQuery;
use askama::Template;
use axum::response::Response;
use mognad_app::plan::search::SearchResult;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub org: String,
    pub q: String,
    pub label: String,
    pub due_by: String,
    pub archived: bool,
    pub people: Vec<(String, String, bool)>,
    pub priorities: Vec<(String, String, bool)>,
    /// Whether anything was asked (words or a filter): a fresh page shows no hits.
    pub asked: bool,
    pub result: SearchResult,
}

impl SearchPage {
    pub fn person(&self, id: &Option<mognad_domain::ids::PersonId>) -> String {
        id.and_then(|id| self.people.iter().find(|(k, _, _)| *k == id.to_string()))
            .map(|(_, n, _)| n.clone())
            .unwrap_or_default()
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(flatten)]
    pub filter: BoardQuery,
}

pub async fn show(c: PageCtx, QueryOr(query): QueryOr<SearchQuery>) -> Result<Response, WebError> {
    let org = c.org.actor.org.to_string();
    let base = format!("/orgs/{org}/search");
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "search", &base).await?;
    let filter = query.filter.filter();
    let q = query.q.unwrap_or_default();
    let asked = !q.trim().is_empty() || !BoardQuery::query_string(&filter).is_empty();
    let app = &c.state.app;
    let result = if asked {
        app.plan()
            .search(&c.org.actor, &q, &filter)
            .await
            .map_err(c.err())?
    } else {
        SearchResult {
            words: Vec::new(),
            hits: Vec::new(),
            more: false,
        }
    };
    let people = app.org().all_people(&c.org.actor).await.map_err(c.err())?;
    Ok(render(SearchPage {
        people: people
            .into_iter()
            .map(|p| (p.id.to_string(), p.name, filter.assignee == Some(p.id.0)))
            .collect(),
        priorities: BoardQuery::priorities(&filter, c.tr),
        label: filter.label.clone().unwrap_or_default(),
        due_by: filter.due_by.map(|d| d.to_string()).unwrap_or_default(),
        archived: filter.archived,
        asked,
        result,
        q,
        base,
        org,
        l,
    }))
}
