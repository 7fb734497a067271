//! One area's results in depth: per engine the score, phase against the recommended practice,
//! importance, target and gap; per item the distribution of answers; the group's comments; and
//! the prioritised gap list that later becomes the improvement backlog.

use crate::measurement::results::{AreaKind, RoundResults, Standing, expected_phase, phase_key, standing};
use crate::{Actor, AppError, Result};
use mognad_domain::answer::{count_key, importance_key};
use mognad_domain::ids::RoundId;
use mognad_domain::model::score;
use mognad_domain::role::Role;
use mognad_store::{responses, rounds, targets};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ItemResult {
    pub key: String,
    /// Answers per value, value 1 first.
    pub counts: Vec<i64>,
    /// Mean on 0–100.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EngineResult {
    pub key: String,
    pub score: Option<f64>,
    pub phase: Option<String>,
    /// The phase the model expects given the area's overall phase.
    pub expected: Option<String>,
    pub standing: Option<Standing>,
    /// Mean importance, 1–5.
    pub importance: Option<f64>,
    pub target: Option<i64>,
    /// Target minus score, when below target.
    pub gap: Option<f64>,
    pub items: Vec<ItemResult>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Gap {
    pub engine: String,
    pub score: f64,
    pub target: i64,
    pub gap: f64,
    pub importance: Option<f64>,
    /// Gap weighted by importance: the order of the list.
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub engine: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AreaDetail {
    pub id: Uuid,
    pub name: String,
    pub kind: AreaKind,
    pub n: i64,
    pub visible: bool,
    pub overall: Option<f64>,
    pub phase: Option<String>,
    pub engines: Vec<EngineResult>,
    pub gaps: Vec<Gap>,
    /// Sorted by engine and text; only for a visible group.
    pub comments: Vec<Comment>,
}

impl super::Measurement<'_> {
    /// The detail of one area (a group, unit or the organisation id) of a round.
    #[tracing::instrument(skip_all)]
    pub async fn area_detail(&self, actor: &Actor, round: RoundId, area_id: Uuid) -> Result<AreaDetail> {
        Ok(self.area_with_results(actor, round, area_id).await?.1)
    }

    /// The detail of one area together with the round's results it was computed from (the
    /// result page needs both; computing them once is the point).
    #[tracing::instrument(skip_all)]
    pub async fn area_with_results(
        &self,
        actor: &Actor,
        round: RoundId,
        area_id: Uuid,
    ) -> Result<(RoundResults, AreaDetail)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let r = rounds::get(&mut tx, actor.org, round)
            .await?
            .ok_or(AppError::NotFound)?;
        let res = self.load_results(&mut tx, actor, &r).await?;
        self.record_releases(&res).await?;
        let area = res.area(area_id).ok_or(AppError::NotFound)?.clone();
        let mut detail = AreaDetail {
            id: area.id,
            name: area.name.clone(),
            kind: area.kind,
            n: area.n,
            visible: area.visible,
            overall: None,
            phase: None,
            engines: Vec::new(),
            gaps: Vec::new(),
            comments: Vec::new(),
        };
        if !area.visible {
            tx.rollback().await?;
            return Ok((res, detail));
        }
        let by_key: HashMap<String, Vec<i64>> = area
            .tally
            .counts
            .iter()
            .map(|(k, v)| (k.clone(), v.iter().map(|n| *n as i64).collect()))
            .collect();
        // A group's own target wins over the organisation's.
        let mut goal: HashMap<String, i64> = HashMap::new();
        let set = targets::list(&mut tx, actor.org, &res.model_key).await?;
        for scope in [actor.org.0, area.id] {
            for (_, e, t) in set.iter().filter(|(s, _, _)| *s == scope) {
                goal.insert(e.clone(), *t);
            }
        }
        if area.kind == AreaKind::Group {
            detail.comments = responses::comments(&mut tx, r.id, area.id)
                .await?
                .into_iter()
                .map(|(engine, text)| Comment { engine, text })
                .collect();
        }
        tx.rollback().await?;
        let overall = area.overall();
        detail.overall = overall;
        detail.phase = phase_key(overall).map(str::to_owned);
        let overall_phase = overall.map(score::phase_of);
        for (e, s) in res.model.engines.iter().zip(&area.scores) {
            let items = e
                .items
                .iter()
                .map(|item| {
                    let mut counts = by_key
                        .get(&count_key(&e.id, &item.id))
                        .cloned()
                        .unwrap_or_default();
                    counts.resize(usize::from(item.answer_count()), 0);
                    let total: i64 = counts.iter().sum();
                    let sum: f64 = counts
                        .iter()
                        .enumerate()
                        .filter_map(|(v, n)| score::normalised(item, v as u8 + 1).map(|x| x * *n as f64))
                        .sum();
                    ItemResult {
                        key: item.id.clone(),
                        counts,
                        score: (total > 0).then(|| 100.0 * sum / total as f64),
                    }
                })
                .collect();
            let importance = by_key.get(&importance_key(&e.id)).and_then(|c| {
                let n: i64 = c.iter().take(5).sum();
                let sum: i64 = c
                    .iter()
                    .take(5)
                    .enumerate()
                    .map(|(v, n)| (v as i64 + 1) * n)
                    .sum();
                (n > 0).then(|| sum as f64 / n as f64)
            });
            let expected = overall_phase.map(|p| expected_phase(e.focus, p));
            let target = goal.get(&e.id).copied();
            let gap = s.zip(target).map(|(s, t)| t as f64 - s).filter(|g| *g > 0.0);
            if let (Some(s), Some(t), Some(g)) = (*s, target, gap) {
                detail.gaps.push(Gap {
                    engine: e.id.clone(),
                    score: s,
                    target: t,
                    gap: g,
                    importance,
                    // Importance 3 (the middle) leaves the gap as it is.
                    priority: g * importance.unwrap_or(3.0) / 3.0,
                });
            }
            detail.engines.push(EngineResult {
                key: e.id.clone(),
                score: *s,
                phase: phase_key(*s).map(str::to_owned),
                expected: expected.map(|p| p.key().to_owned()),
                standing: s.zip(expected).map(|(s, x)| standing(score::phase_of(s), x)),
                importance,
                target,
                gap,
                items,
            });
        }
        detail.gaps.sort_by(|a, b| b.priority.total_cmp(&a.priority));
        Ok((res, detail))
    }
}
