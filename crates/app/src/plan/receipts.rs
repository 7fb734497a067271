//! The person who sent an intake request looks it up by the form and its receipt code: when it
//! came and where it stands (the card's column, done, or closed). Nothing about who sent it or
//! what it said is shown, so a code is worth nothing to anyone else.
//!
//! Codes are eight characters of 32, each drawn from five random bits (40 bits), and guessing them is braked in the database, so
//! every server process applies the same brake: a client may miss ten times in fifteen minutes,
//! and a form may be missed a hundred times from all clients together. A code found takes its
//! attempt back.

use crate::platform::brakes::{count_attempt, take_back};
use crate::{AppError, Invalid, Result};
use chrono::NaiveDate;
use mognad_domain::ids::UserId;
use serde::Serialize;

pub const MAX_CLIENT_MISSES: i64 = 10;
pub const MAX_FORM_MISSES: i64 = 100;
pub const WINDOW_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptStatus {
    pub code: String,
    pub received_on: NaiveDate,
    /// The column the request's card is in; absent when the card is gone.
    pub column: Option<String>,
    pub done: bool,
    /// Archived or deleted: no longer worked on.
    pub closed: bool,
}

/// A code as people type it: any case, spaces and dashes ignored.
fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .take(32)
        .collect()
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn receipt_status(
        &self,
        slug: &str,
        visitor: Option<UserId>,
        code: &str,
        client: &str,
    ) -> Result<ReceiptStatus> {
        let form = self.form_by_link(slug, visitor).await?;
        let code = normalise(code);
        if code.is_empty() {
            return Err(Invalid::new("code", "required", "the receipt code").into());
        }
        let keys = [
            (format!("receipt-client:{client}"), MAX_CLIENT_MISSES),
            (format!("receipt-form:{}", form.id), MAX_FORM_MISSES),
        ];
        count_attempt(&self.db, &keys, WINDOW_SECS).await?;
        let mut tx = self.db.write().await?;
        let found = mognad_store::receipts::receipt_state(&mut tx, form.id.0, &code).await?;
        if found.is_some() {
            take_back(&mut tx, &keys).await?;
        }
        tx.commit().await?;
        let s = found.ok_or_else(|| {
            AppError::from(Invalid::new(
                "code",
                "receipt-unknown",
                "no request has that code",
            ))
        })?;
        Ok(ReceiptStatus {
            code,
            received_on: s.created_at.date_naive(),
            closed: s.archived || s.column.is_none(),
            column: s.column,
            done: s.done,
        })
    }
}
