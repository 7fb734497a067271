//! Searching the organisation's cards across boards: the words of a search box (title,
//! description, checklist and comments) with the board filters, best matches first, each hit
//! with the board and column it stands in.

use super::boards::TaskView;
use crate::{Actor, Result};
use mognad_domain::ids::BoardId;
use mognad_domain::plan::search::words;
use mognad_domain::role::Role;
use mognad_store::boards::{self as store, Filter};
use serde::Serialize;

/// Hits shown at once; more means the question should be narrowed.
pub const HITS: i64 = 50;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub card: TaskView,
    pub board_id: BoardId,
    pub board: String,
    pub column: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResult {
    /// The words searched for, as understood.
    pub words: Vec<String>,
    pub hits: Vec<SearchHit>,
    /// More cards match than are shown.
    pub more: bool,
}

impl super::Plan<'_> {
    /// Cards with every word of `q` (each as a word's beginning) that pass the filter; with no
    /// words, the filter's cards newest first.
    #[tracing::instrument(skip_all)]
    pub async fn search(&self, actor: &Actor, q: &str, filter: &Filter) -> Result<SearchResult> {
        actor.require(Role::Member)?;
        let words = words(q);
        let mut tx = self.db.read().await?;
        let mut found = store::search(&mut tx, actor.org, &words, filter, HITS + 1).await?;
        let places = store::column_places(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let more = found.len() as i64 > HITS;
        found.truncate(HITS as usize);
        let hits = found
            .iter()
            .map(|t| {
                let place = places.iter().find(|p| p.column_id == t.column_id);
                SearchHit {
                    card: TaskView::from(t),
                    board_id: BoardId(t.board_id),
                    board: place.map(|p| p.board.clone()).unwrap_or_default(),
                    column: place.map(|p| p.column_name.clone()).unwrap_or_default(),
                }
            })
            .collect();
        Ok(SearchResult { words, hits, more })
    }
}
