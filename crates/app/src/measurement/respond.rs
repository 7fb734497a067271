//! Answering a round through a link: opening it, saving a draft, submitting.
//!
//! The link's token is the respondent's only credential; there is no session and no name. A
//! shared group link with its access code (`shared_link`) hands out a fresh token, after which
//! both kinds of link work alike. A person in several groups chooses first (`group_choice`).

use crate::measurement::submit::{Outcome, Submission};
use crate::platform::accounts;
use crate::platform::sealing;
use crate::{AppError, Result};
use mognad_domain::answer::{AnswerError, Answers};
use mognad_domain::ids::{ModelId, OrgId, PersonId, RoundId};
use mognad_domain::model::Model;
use mognad_domain::round::RoundState;
use mognad_store::invitations::{self, LinkContext};
use std::sync::Arc;

/// What a respondent's page needs.
pub struct Respondent {
    pub round_name: String,
    pub org_name: String,
    pub state: RoundState,
    /// Answers were submitted with this link already.
    pub submitted: bool,
    pub model: Arc<Model>,
    pub answers: Answers,
    /// For a person in several of the round's groups who has not chosen yet: (group id, name)
    /// to choose from before answering.
    pub choice: Option<Vec<(uuid::Uuid, String)>>,
}

/// How a submit ended.
pub enum SubmitResult {
    Done(Outcome),
    /// Some answers are missing or invalid: the first incomplete engine, the fields, and the
    /// respondent with what was kept, to show the step again.
    Incomplete {
        engine: usize,
        errors: Vec<AnswerError>,
        respondent: Box<Respondent>,
    },
}

impl super::Measurement<'_> {
    pub(crate) async fn load(&self, token: &str) -> Result<(LinkContext, Respondent)> {
        let ctx = invitations::context(&self.db, &accounts::token_hash(token))
            .await?
            .ok_or(AppError::NotFound)?;
        let model = self
            .model_of(None, OrgId(ctx.org_id), ModelId(ctx.model_id))
            .await?;
        let answers = ctx
            .draft
            .as_deref()
            .and_then(|d| sealing::open(token, d))
            .filter(|a| a.fits(&model))
            .unwrap_or_else(|| Answers::empty(&model));
        let state = RoundState::parse(&ctx.round_state)
            .ok_or_else(|| AppError::Internal(format!("round state {}", ctx.round_state)))?;
        let choice = match ctx.person_id {
            Some(p) if !ctx.group_fixed && !ctx.used && state.accepts_answers() => {
                self.group_choice(RoundId(ctx.round_id), PersonId(p)).await?
            }
            _ => None,
        };
        let r = Respondent {
            round_name: ctx.round_name.clone(),
            org_name: ctx.org_name.clone(),
            state,
            submitted: ctx.used,
            model,
            answers,
            choice,
        };
        Ok((ctx, r))
    }

    /// The round, model and draft behind a link; `NotFound` for an unknown link.
    #[tracing::instrument(skip_all)]
    pub async fn respondent(&self, token: &str) -> Result<Respondent> {
        Ok(self.load(token).await?.1)
    }

    /// Takes answers from a form into the draft and stores it (while the round is open and
    /// nothing has been submitted). Returns the respondent with the merged answers and the
    /// fields whose values were refused.
    #[tracing::instrument(skip_all)]
    pub async fn save_answers(
        &self,
        token: &str,
        fields: &[(String, String)],
    ) -> Result<(Respondent, Vec<AnswerError>)> {
        let (_, mut r) = self.load(token).await?;
        let errors = r.answers.merge_form(&r.model, fields);
        if r.state.accepts_answers() && !r.submitted {
            self.store_draft(token, &r.answers).await?;
        }
        Ok((r, errors))
    }

    /// Seals and stores a draft. The update only lands while the link is unused, so a draft
    /// never outlives a submit.
    async fn store_draft(&self, token: &str, answers: &Answers) -> Result<()> {
        let sealed = sealing::seal(token, answers)?;
        let mut tx = self.db.write().await?;
        invitations::save_draft(&mut tx, &accounts::token_hash(token), &sealed).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Submits the draft together with the fields of the final form. Idempotent: submitting
    /// again with the same link stores nothing and reports `AlreadySubmitted`.
    #[tracing::instrument(skip_all)]
    pub async fn submit_answers(&self, token: &str, fields: &[(String, String)]) -> Result<SubmitResult> {
        let (inv, mut r) = self.load(token).await?;
        if r.submitted {
            return Ok(SubmitResult::Done(Outcome::AlreadySubmitted));
        }
        if !r.state.accepts_answers() {
            return Ok(SubmitResult::Done(Outcome::NotOpen));
        }
        if r.choice.is_some() {
            return Err(AppError::Refused {
                code: "choose-group-first",
                message: "choose the group you answer for first".into(),
            });
        }
        let errors = r.answers.merge_form(&r.model, fields);
        if !errors.is_empty() {
            // Refused values are shown, not kept.
            let engine = r.answers.first_incomplete(&r.model).unwrap_or(0);
            return Ok(SubmitResult::Incomplete {
                engine,
                errors,
                respondent: Box::new(r),
            });
        }
        if let Some(engine) = r.answers.first_incomplete(&r.model) {
            // What was answered is kept as the draft, so only the missing fields remain.
            self.store_draft(token, &r.answers).await?;
            let errors = r
                .answers
                .missing_in(&r.model, engine)
                .into_iter()
                .map(|field| AnswerError {
                    field,
                    code: "required",
                })
                .collect();
            return Ok(SubmitResult::Incomplete {
                engine,
                errors,
                respondent: Box::new(r),
            });
        }
        let outcome = self
            .submit_queue()
            .submit(
                Submission::new(
                    accounts::token_hash(token),
                    inv.round_id,
                    inv.group_id,
                    &r.model,
                    &r.answers,
                )
                .through_shared_link(inv.person_id.is_none()),
            )
            .await?;
        Ok(SubmitResult::Done(outcome))
    }
}
