//! An area's results in words: gathers the facts the summary is made of (the area's engines and
//! gaps, its change since the previous round of the same model, its response) and lets the
//! domain pick the sentences. Built only from what the result pages already show.

use crate::measurement::compare::compare;
use crate::measurement::detail::AreaDetail;
use crate::measurement::results::RoundResults;
use crate::{Actor, AppError, Result};
use mognad_domain::model::{Phase, score};
use mognad_domain::summary::{self, ChangeFact, EngineFact, Facts, Sentence};
use mognad_store::rounds;

impl super::Measurement<'_> {
    /// The summary of `detail`, an area of `res`; empty while the area is withheld.
    #[tracing::instrument(skip_all)]
    pub async fn summary(
        &self,
        actor: &Actor,
        res: &RoundResults,
        detail: &AreaDetail,
    ) -> Result<Vec<Sentence>> {
        if !detail.visible {
            return Ok(Vec::new());
        }
        let phase = |p: &Option<String>| p.as_deref().and_then(Phase::parse);
        let engines = detail
            .engines
            .iter()
            .filter_map(|e| {
                Some(EngineFact {
                    key: e.key.clone(),
                    score: e.score?,
                    phase: phase(&e.phase)?,
                    expected: phase(&e.expected)?,
                })
            })
            .collect();
        let groups = res.area(detail.id).map(|a| a.groups.clone()).unwrap_or_default();
        let base = self
            .round_status(actor, res.round_id)
            .await?
            .iter()
            .filter(|g| groups.contains(&g.group_id.0))
            .map(|g| g.members.max(g.invited))
            .sum();
        Ok(summary::summarise(&Facts {
            engines,
            gaps: detail.gaps.iter().map(|g| g.engine.clone()).collect(),
            changes: self.changes_since_previous(actor, res, detail).await?,
            answered: detail.n,
            base,
            overall: detail.overall.map(score::phase_of),
        }))
    }

    /// The area's change per engine since the previous closed round of the same model, where
    /// both rounds show the area.
    async fn changes_since_previous(
        &self,
        actor: &Actor,
        res: &RoundResults,
        detail: &AreaDetail,
    ) -> Result<Option<Vec<ChangeFact>>> {
        let Some(before) = self.previous_round(actor, res.round_id).await? else {
            return Ok(None);
        };
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, before)
            .await?
            .ok_or(AppError::NotFound)?;
        let b = self.load_results(&mut tx, actor, &r).await?;
        tx.rollback().await?;
        self.record_releases(&b).await?;
        let Some(area) = compare(&b, res)
            .into_iter()
            .find(|a| a.id == detail.id && a.visible)
        else {
            return Ok(None);
        };
        Ok(Some(
            res.engines
                .iter()
                .zip(area.changes)
                .filter_map(|(key, c)| {
                    c.map(|c| ChangeFact {
                        key: key.clone(),
                        diff: c.diff,
                        clear: c.clear,
                    })
                })
                .collect(),
        ))
    }
}
