//! Looking up an intake request by its receipt code, for the person who sent it.

use crate::{Result, Tx, on_tx};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Where a submission's request stands, found by its form and receipt code: when it came, and
/// its card's column, whether done, whether archived (a deleted card leaves the column blank).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReceiptState {
    pub created_at: DateTime<Utc>,
    pub column: Option<String>,
    pub done: bool,
    pub archived: bool,
}

pub async fn receipt_state(tx: &mut Tx, form: Uuid, receipt: &str) -> Result<Option<ReceiptState>> {
    Ok(on_tx!(tx, |c| sqlx::query_as(
        "SELECT s.created_at, c.name AS \"column\", COALESCE(t.done_at IS NOT NULL, FALSE) AS done,
           COALESCE(t.archived_at IS NOT NULL, FALSE) AS archived
         FROM intake_submissions s LEFT JOIN tasks t ON t.id = s.task_id
           LEFT JOIN board_columns c ON c.id = t.column_id
         WHERE s.form_id = $1 AND s.receipt = $2"
    )
    .bind(form)
    .bind(receipt)
    .fetch_optional(c)
    .await)?)
}
