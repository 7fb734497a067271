//! Intake forms: an admin designs a form and picks the board whose first column receives it;
//! anyone with the link (or, for an internal form, any member) submits; each submission
//! becomes a task in the same transaction and the submitter gets a receipt code. Submissions
//! and tasks that read alike are grouped, so IT can reach everyone with the same problem.

use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::{BoardId, IntakeFormId, OrgId};
use mognad_domain::plan::intake::{self, Field};
use mognad_domain::role::Role;
use mognad_store::boards::{self as boards_store};
use mognad_store::plan::{self as store, IntakeForm};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct FormInput {
    #[serde(default)]
    pub name: String,
    /// The board whose first column receives the tasks.
    #[serde(default)]
    pub board_id: String,
    /// "1" for a form anyone with the link may answer; otherwise members only.
    #[serde(default)]
    pub public: String,
    #[serde(default)]
    pub intro: String,
    /// One field per line: `label | text, long, choice or email | required | choice; choice`.
    #[serde(default)]
    pub fields: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FormView {
    pub id: IntakeFormId,
    pub org_id: OrgId,
    pub name: String,
    pub slug: String,
    pub public: bool,
    pub board_id: BoardId,
    pub intro: String,
    #[schema(value_type = Vec<Object>)]
    pub fields: Vec<Field>,
}

pub(crate) fn view(f: IntakeForm) -> Result<FormView> {
    let fields: Vec<Field> = serde_json::from_str(&f.fields)
        .map_err(|e| AppError::Internal(format!("intake form {} fields: {e}", f.id)))?;
    Ok(FormView {
        id: IntakeFormId(f.id),
        org_id: OrgId(f.org_id),
        name: f.name,
        slug: f.slug,
        public: f.public,
        board_id: BoardId(f.board_id),
        intro: f.intro,
        fields,
    })
}

/// A short code without look-alike characters.
pub(crate) fn code(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // Raw random bytes, five bits each, so every one of the 32 symbols is equally likely (text of
    // a token would favour some and never give others).
    let mut bytes = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[(b & 31) as usize] as char)
        .collect()
}

impl super::Plan<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn intake_forms(&self, actor: &Actor) -> Result<Vec<FormView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = store::forms(&mut tx, actor.org).await?;
        tx.rollback().await?;
        list.into_iter().map(view).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn intake_form(&self, actor: &Actor, id: IntakeFormId) -> Result<FormView> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let f = store::form(&mut tx, actor.org, id.0)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.rollback().await?;
        view(f)
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_intake_form(
        &self,
        actor: &Actor,
        id: Option<IntakeFormId>,
        input: &FormInput,
    ) -> Result<IntakeFormId> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            errors.push(Invalid::new("name", "empty", "a name of 1 to 100 characters"));
        }
        if input.intro.chars().count() > 2000 {
            errors.push(Invalid::new("intro", "too-long", "at most 2000 characters"));
        }
        let fields = intake::parse_fields(&input.fields).unwrap_or_else(|list| {
            errors.extend(list.into_iter().map(|m| Invalid::new("fields", "fields", m)));
            Vec::new()
        });
        let board = Uuid::parse_str(input.board_id.trim()).ok();
        if board.is_none() {
            errors.push(Invalid::new("board_id", "bad-ref", "choose a board"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.db.write().await?;
        let board = board.unwrap_or_default();
        // An archived board takes no new forms, as it takes no new cards.
        if boards_store::board(&mut tx, actor.org, board)
            .await?
            .is_none_or(|b| b.archived)
        {
            return Err(Invalid::new("board_id", "unknown-ref", "no such board").into());
        }
        let slug = match id {
            Some(i) => {
                store::form(&mut tx, actor.org, i.0)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .slug
            }
            None => code(10).to_lowercase(),
        };
        let f = IntakeForm {
            id: id.unwrap_or_default().0,
            org_id: actor.org.0,
            name: name.to_owned(),
            slug,
            public: matches!(input.public.trim(), "1" | "true" | "on"),
            board_id: board,
            intro: input.intro.trim().to_owned(),
            fields: serde_json::to_string(&fields).map_err(|e| AppError::Internal(e.to_string()))?,
        };
        store::save_form(&mut tx, &f, Utc::now()).await?;
        tx.commit().await?;
        Ok(IntakeFormId(f.id))
    }
}
