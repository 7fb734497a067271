//! A budget cut: given a new budget, the initiatives that go on ranked by the gap priority they
//! serve (from the latest closed round's list for the whole organisation), what pausing each
//! frees in money and in hours of open cards, a suggestion of which to pause, and applying the
//! choice in one transaction.
//!
//! The gap list is read through the measurement's own results, so an organisation withheld for
//! too few answers gives no priorities (and records nothing new as shown).

use crate::plan::budget::{Money, totals};
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::ids::InitiativeId;
use mognad_domain::plan::budget_cut::{self, Candidate};
use mognad_domain::role::Role;
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// One initiative that could be paused.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CutRow {
    pub id: InitiativeId,
    pub title: String,
    pub status: String,
    /// Its engines on the gap list, most important first.
    pub engines: Vec<String>,
    /// The highest gap priority it serves; absent when it serves no listed gap.
    pub priority: Option<f64>,
    pub money: Money,
    /// Estimated hours of its open cards.
    pub hours: i64,
    pub open_cards: i64,
    /// In the choice shown: paused when applied.
    pub pause: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BudgetCut {
    /// The round the priorities come from, if any closed round shows a gap list.
    pub round: Option<String>,
    /// What goes on today (running and investment together).
    pub planned: i64,
    pub budget: i64,
    /// Most important first.
    pub rows: Vec<CutRow>,
    /// What goes on after pausing the chosen ones.
    pub after: i64,
    pub freed_money: i64,
    pub freed_hours: i64,
    /// Whether `after` is within the budget.
    pub fits: bool,
    /// Whether the choice is the suggestion (no initiative picked by hand).
    pub suggested: bool,
}

/// A budget in whole kronor as people type it: digits, with spaces between groups allowed.
pub fn parse_budget(s: &str) -> Result<Option<i64>> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() > 15 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::new("budget", "budget-invalid", "the budget must be whole kronor").into());
    }
    Ok(digits.parse().ok())
}

impl super::Plan<'_> {
    /// The cut for a `budget` (today's plan when `None`); `chosen` overrides the suggestion.
    #[tracing::instrument(skip_all)]
    pub async fn budget_cut(
        &self,
        actor: &Actor,
        budget: Option<i64>,
        chosen: Option<&[Uuid]>,
    ) -> Result<BudgetCut> {
        actor.require(Role::Member)?;
        let (list, costs) = self.initiatives(actor).await?;
        let mut tx = self.db.read().await?;
        let hours: HashMap<Uuid, (i64, i64)> = mognad_store::budget::card_sums(&mut tx, actor.org)
            .await?
            .into_iter()
            .map(|s| (s.initiative_id, (s.open_hours, s.open)))
            .collect();
        tx.rollback().await?;
        let t = totals(&list, &costs);
        let planned = t.planned.running + t.planned.investment;
        let (round, gaps) = self.latest_gaps(actor).await?;
        let going_on = |s: &str| matches!(s, "proposed" | "active");
        let mut rows: Vec<CutRow> = list
            .iter()
            .filter(|i| going_on(&i.status))
            .map(|i| {
                let mut engines: Vec<(String, f64)> = i
                    .engines
                    .split_whitespace()
                    .filter_map(|e| gaps.get(e).map(|p| (e.to_owned(), *p)))
                    .collect();
                engines.sort_by(|a, b| b.1.total_cmp(&a.1));
                let (h, n) = hours.get(&i.id).copied().unwrap_or_default();
                CutRow {
                    id: InitiativeId(i.id),
                    title: i.title.clone(),
                    status: i.status.clone(),
                    priority: engines.first().map(|e| e.1),
                    engines: engines.into_iter().map(|e| e.0).collect(),
                    money: Money::of(i.id, &costs),
                    hours: h,
                    open_cards: n,
                    pause: false,
                }
            })
            .collect();
        let mut ranked: Vec<Candidate> = rows
            .iter()
            .map(|r| Candidate {
                id: r.id.0,
                cost: r.money.running + r.money.investment,
                priority: r.priority,
            })
            .collect();
        budget_cut::rank(&mut ranked);
        rows.sort_by_key(|r| ranked.iter().position(|c| c.id == r.id.0));
        let budget = budget.unwrap_or(planned);
        let pause = match chosen {
            Some(ids) => ids.to_vec(),
            None => budget_cut::suggest(&ranked, planned, budget),
        };
        for r in &mut rows {
            r.pause = pause.contains(&r.id.0);
        }
        let paused: Vec<&CutRow> = rows.iter().filter(|r| r.pause).collect();
        let freed_money: i64 = paused.iter().map(|r| r.money.running + r.money.investment).sum();
        let after = planned - freed_money;
        Ok(BudgetCut {
            round,
            planned,
            budget,
            after,
            freed_money,
            freed_hours: paused.iter().map(|r| r.hours).sum(),
            fits: after <= budget,
            suggested: chosen.is_none(),
            rows,
        })
    }

    /// The organisation's gap priorities per engine in the latest closed round that shows them.
    async fn latest_gaps(&self, actor: &Actor) -> Result<(Option<String>, HashMap<String, f64>)> {
        let rounds = self.measurement().rounds(actor).await?;
        for r in rounds.iter().rev().filter(|r| r.state == "closed") {
            let (_, detail) = self
                .measurement()
                .area_with_results(actor, r.id, actor.org.0)
                .await?;
            if detail.visible && !detail.gaps.is_empty() {
                let gaps = detail.gaps.into_iter().map(|g| (g.engine, g.priority)).collect();
                return Ok((Some(r.name.clone()), gaps));
            }
        }
        Ok((None, HashMap::new()))
    }

    /// Pauses the chosen initiatives together; those no longer going on are left as they are.
    /// Returns how many were paused.
    #[tracing::instrument(skip_all)]
    pub async fn apply_cut(&self, actor: &Actor, ids: &[InitiativeId]) -> Result<usize> {
        actor.require(Role::Admin)?;
        if ids.is_empty() {
            return Err(Invalid::new("pause", "budget-none-chosen", "choose an initiative to pause").into());
        }
        let mut tx = self.db.write().await?;
        let now = Utc::now();
        let mut paused = Vec::new();
        for id in ids {
            if mognad_store::budget::pause_initiative(&mut tx, actor.org, id.0, now).await? {
                paused.push(id.0.to_string());
            }
        }
        if !paused.is_empty() {
            crate::platform::audit::record(&mut tx, actor, "budget-cut", &paused.join(" ")).await?;
        }
        tx.commit().await?;
        Ok(paused.len())
    }
}

/// Parses the chosen initiative ids of a form; a malformed id is a bad request, not ignored.
pub fn parse_chosen(ids: &[String]) -> Result<Vec<Uuid>> {
    ids.iter()
        .map(|s| {
            Uuid::parse_str(s.trim()).map_err(|_| AppError::invalid("pause", "bad-ref", "not a valid choice"))
        })
        .collect()
}
