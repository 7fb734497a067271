//! The relationships list as a reader pages through it: filtered by kind, by whether the
//! relationship still holds, and by a name on either side, fifty to a page.

use crate::org::views::RelationshipView;
use crate::{Actor, Result};
use chrono::Utc;
use mognad_domain::role::Role;
use mognad_store::{people, teams};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Relationships on one page.
pub const PAGE: usize = 50;

/// What the list is narrowed to; every field may be left blank.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct RelFilter {
    /// Part of a name on either side.
    #[serde(default)]
    pub q: String,
    /// `supervision`, `team` or `mentorship`.
    #[serde(default)]
    pub kind: String,
    /// `current` (not ended) or `ended`.
    #[serde(default)]
    pub state: String,
    /// From 1.
    #[serde(default)]
    pub page: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct RelRow {
    pub view: RelationshipView,
    pub from_name: String,
    pub to_name: String,
}

#[derive(Debug, Clone)]
pub struct RelPage {
    pub rows: Vec<RelRow>,
    /// Relationships matching the filter, on every page.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

impl super::Org<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn relationship_list(&self, actor: &Actor, f: &RelFilter) -> Result<RelPage> {
        actor.require(Role::Member)?;
        let all = self.relationships(actor).await?;
        let mut tx = self.db.read().await?;
        let mut names: HashMap<Uuid, String> = people::all(&mut tx, actor.org)
            .await?
            .into_iter()
            .map(|p| (p.id.0, p.name.to_string()))
            .collect();
        names.extend(
            teams::list(&mut tx, actor.org)
                .await?
                .into_iter()
                .map(|t| (t.id.0, t.name.to_string())),
        );
        tx.rollback().await?;
        let today = Utc::now().date_naive();
        let q = f.q.trim().to_lowercase();
        let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
        let mut rows: Vec<RelRow> = all
            .into_iter()
            .filter(|r| f.kind.trim().is_empty() || r.kind == f.kind.trim())
            .filter(|r| match f.state.trim() {
                "current" => r.valid_to.is_none_or(|d| d >= today),
                "ended" => r.valid_to.is_some_and(|d| d < today),
                _ => true,
            })
            .map(|view| RelRow {
                from_name: name(view.from_id),
                to_name: name(view.to_id),
                view,
            })
            .filter(|r| {
                q.is_empty()
                    || r.from_name.to_lowercase().contains(&q)
                    || r.to_name.to_lowercase().contains(&q)
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.view.kind.as_str(), &a.from_name, &a.to_name, a.view.valid_from).cmp(&(
                b.view.kind.as_str(),
                &b.from_name,
                &b.to_name,
                b.view.valid_from,
            ))
        });
        let total = rows.len();
        let pages = total.div_ceil(PAGE).max(1);
        let page = f.page.unwrap_or(1).clamp(1, pages);
        let rows = rows.into_iter().skip((page - 1) * PAGE).take(PAGE).collect();
        Ok(RelPage {
            rows,
            total,
            page,
            pages,
        })
    }
}
