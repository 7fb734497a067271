//! The benchmark against other organisations on the instance: taking part with a category and
//! a size band, and an organisation's engine scores set against the other taking-part
//! organisations' latest closed rounds on the same model, and against a reference table an
//! instance administrator loaded (see `mognad_domain::benchmark` for what may be shown).
//!
//! Only an organisation result its own round shows is lent: a round whose organisation area
//! the anonymity rules withhold lends nothing, and a lent area that feeds a figure shown is
//! recorded in the lending round's disclosure ledger like any other showing.

use crate::measurement::results::RoundResults;
use crate::platform::audit::record;
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::benchmark::{self, Category, Comparison, Figures, Participation, Peer, SizeBand};
use mognad_domain::ids::{OrgId, RoundId};
use mognad_domain::model::Model;
use mognad_domain::role::Role;
use mognad_domain::round::RoundState;
use mognad_store::benchmark as store;
use mognad_store::frozen::{self, Release};
use mognad_store::{Tx, rounds};
use serde::Deserialize;
use std::sync::Arc;

/// Taking part as a form holds it: both fields empty to leave.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ParticipationInput {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub size: String,
}

impl ParticipationInput {
    fn parse(&self) -> Result<Option<Participation>> {
        if self.category.trim().is_empty() && self.size.trim().is_empty() {
            return Ok(None);
        }
        let category = Category::parse(&self.category);
        let size = SizeBand::parse(&self.size);
        let mut errors = Vec::new();
        if category.is_none() {
            errors.push(Invalid::new("category", "choice", "choose a category"));
        }
        if size.is_none() {
            errors.push(Invalid::new("size", "choice", "choose a size band"));
        }
        match (category, size) {
            (Some(category), Some(size)) => Ok(Some(Participation { category, size })),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// A reference table's figures beside its name and size.
#[derive(Debug, Clone)]
pub struct ReferenceFigures {
    pub name: String,
    pub rows: i64,
    pub engines: Vec<Option<Figures>>,
}

/// One round's organisation scores set against the others.
#[derive(Debug, Clone)]
pub struct Benchmark {
    pub participation: Option<Participation>,
    /// The closed rounds that may be compared, newest first, and the one that is.
    pub rounds: Vec<(RoundId, String)>,
    pub round: Option<RoundId>,
    /// The compared round's model, for engine names.
    pub model: Option<Arc<Model>>,
    /// The organisation's scores per engine; empty when its round withholds them.
    pub own: Vec<Option<f64>>,
    /// Empty unless the organisation takes part.
    pub comparisons: Vec<Comparison>,
    pub reference: Option<ReferenceFigures>,
}

impl super::Measurement<'_> {
    /// How the organisation takes part in the benchmark, if it does.
    #[tracing::instrument(skip_all)]
    pub async fn participation(&self, actor: &Actor) -> Result<Option<Participation>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        Ok(store::participation(&mut tx, actor.org).await?)
    }

    /// Takes part in the benchmark, changes category or size band, or leaves (both empty).
    #[tracing::instrument(skip_all)]
    pub async fn set_participation(&self, actor: &Actor, input: &ParticipationInput) -> Result<()> {
        actor.require(Role::Admin)?;
        // Sharing the organisation's results with others is a person's decision, not a script's.
        actor.not_by_token()?;
        let p = input.parse()?;
        let mut tx = self.db.write().await?;
        store::set_participation(&mut tx, actor.org, p, Utc::now()).await?;
        let subject = p.map_or("left".to_owned(), |p| {
            format!("{} {}", p.category.as_str(), p.size.as_str())
        });
        record(&mut tx, actor, "benchmark-changed", &subject).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The organisation scores of `round` (by default the newest closed round) against the
    /// others' and the model's reference table.
    #[tracing::instrument(skip_all)]
    pub async fn benchmark(&self, actor: &Actor, round: Option<RoundId>) -> Result<Benchmark> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let participation = store::participation(&mut tx, actor.org).await?;
        let mut closed: Vec<_> = rounds::list(&mut tx, actor.org)
            .await?
            .into_iter()
            .filter(|r| r.state == RoundState::Closed)
            .collect();
        closed.sort_by_key(|r| std::cmp::Reverse(r.id.0));
        let mut out = Benchmark {
            participation,
            rounds: closed.iter().map(|r| (r.id, r.name.to_string())).collect(),
            round: None,
            model: None,
            own: Vec::new(),
            comparisons: Vec::new(),
            reference: None,
        };
        let chosen = match round {
            Some(id) => Some(closed.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?),
            None => closed.first(),
        };
        let Some(chosen) = chosen else {
            return Ok(out);
        };
        let mine = self.load_results(&mut tx, actor, chosen).await?;
        let engines = mine.engines.clone();
        // What this page shows for the first time, for the rounds' ledgers: the organisation's
        // own result, and each lent result that feeds a figure shown.
        let mut releases: Vec<(RoundId, Release)> = Vec::new();
        if mine.organisation.visible
            && let Some(r) = mine
                .pending
                .iter()
                .flatten()
                .find(|r| r.area_id == mine.organisation.id)
        {
            releases.push((chosen.id, r.clone()));
        }
        if let Some(viewer) = participation {
            let mut peers = Vec::new();
            let mut lent = Vec::new();
            for (org, p, id) in store::contributions(&mut tx, &mine.model_key, actor.org).await? {
                if let Some((scores, release)) = self.lent(&mut tx, actor, org, id, &engines).await? {
                    peers.push(Peer {
                        participation: p,
                        scores,
                    });
                    lent.extend(release.map(|r| (id, r, p)));
                }
            }
            out.comparisons = benchmark::compare(viewer, &peers, engines.len());
            let shown = |p: Participation| {
                out.comparisons
                    .iter()
                    .any(|c| c.engines.iter().any(Option::is_some) && c.population.takes(viewer, p))
            };
            releases.extend(
                lent.into_iter()
                    .filter(|(_, _, p)| shown(*p))
                    .map(|(id, r, _)| (id, r)),
            );
        }
        out.reference = store::reference(&mut tx, &mine.model_key)
            .await?
            .map(|(r, rows)| {
                let rows: Vec<Vec<Option<f64>>> = rows
                    .iter()
                    .map(|row| {
                        engines
                            .iter()
                            .map(|e| row.iter().find(|(id, _)| id == e).map(|(_, s)| *s))
                            .collect()
                    })
                    .collect();
                ReferenceFigures {
                    name: r.name,
                    rows: r.rows,
                    engines: benchmark::reference(&rows, engines.len()),
                }
            });
        tx.rollback().await?;
        if !releases.is_empty() {
            let mut tx = self.db.write().await?;
            for (id, release) in &releases {
                frozen::release(&mut tx, *id, std::slice::from_ref(release)).await?;
            }
            tx.commit().await?;
        }
        out.round = Some(chosen.id);
        out.own = if mine.organisation.visible {
            mine.organisation.scores.clone()
        } else {
            Vec::new()
        };
        out.model = Some(mine.model.clone());
        Ok(out)
    }

    /// What another organisation's round lends: its organisation scores in the order of
    /// `engines` (matched by id), and the ledger entry to record if it was not shown before.
    /// `None` when the round withholds its organisation result.
    async fn lent(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        org: OrgId,
        id: RoundId,
        engines: &[String],
    ) -> Result<Option<(Vec<Option<f64>>, Option<Release>)>> {
        let Some(round) = rounds::get(tx, org, id).await? else {
            return Ok(None);
        };
        // Read as the lending organisation would read its own round.
        let theirs = Actor {
            org,
            role: Role::Member,
            ..actor.clone()
        };
        let res: RoundResults = self.load_results(tx, &theirs, &round).await?;
        let area = &res.organisation;
        if !area.visible {
            return Ok(None);
        }
        let scores = engines
            .iter()
            .map(|e| {
                let i = res.engines.iter().position(|x| x == e)?;
                area.scores.get(i).copied().flatten()
            })
            .collect();
        let release = res
            .pending
            .as_ref()
            .and_then(|p| p.iter().find(|r| r.area_id == area.id).cloned());
        Ok(Some((scores, release)))
    }
}
