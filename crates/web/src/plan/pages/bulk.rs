//! The board's bulk form: the cards ticked on the board moved to one column and/or given one
//! assignee (or none), then back to the board as it was filtered.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::PageCtx;
use axum::Form;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::plan::bulk::BulkChange;
use mognad_domain::ids::{BoardId, ColumnId, PersonId, TaskId};
use uuid::Uuid;

fn id(field: &str, raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::invalid(field, "bad-ref", "not a valid choice"))
}

/// The form as sent: `cards` once per ticked card, `column_id` and `assignee` blank for "no
/// change", `assignee=none` to take the assignee away.
fn parse(fields: &[(String, String)]) -> Result<(Vec<TaskId>, BulkChange), AppError> {
    let mut cards = Vec::new();
    let mut change = BulkChange::default();
    for (k, v) in fields {
        match (k.as_str(), v.trim()) {
            ("cards", v) => cards.push(TaskId(id("cards", v)?)),
            ("column_id", "") | ("assignee", "") => {}
            ("column_id", v) => change.column = Some(ColumnId(id("column_id", v)?)),
            ("assignee", "none") => change.assignee = Some(None),
            ("assignee", v) => change.assignee = Some(Some(PersonId(id("assignee", v)?))),
            _ => {}
        }
    }
    Ok((cards, change))
}

pub async fn apply(
    c: PageCtx,
    IdParam(board): IdParam,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let back = f
        .iter()
        .find(|(k, _)| k == "back")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let r = match parse(&f) {
        Ok((cards, change)) => c
            .state
            .app
            .plan()
            .bulk_change(&c.org.actor, BoardId(board), &cards, change)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    super::boards::after_to(c, board, r, &back, None).await
}
