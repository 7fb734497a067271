//! The demo's measurements: a closed baseline with a few hundred simulated answers, a closed
//! follow-up and an open pulse round with some answers in, so every result view has something
//! to show. The follow-up is made after the plan: the groups an initiative worked with have
//! moved further on its engine, so the effect view has a story to tell.
//!
//! Answers go through the same batch writer as real submits. Each group gets its own maturity
//! profile, so groups differ; a few groups answer too little and stay under the threshold.

use crate::measurement::submit::{Submission, write_batch};
use crate::platform::accounts;
use crate::{App, AppError, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::answer::Answers;
use mognad_domain::ids::{GroupId, ModelId, OrgId, RoundId};
use mognad_domain::model::{self, Model};
use mognad_domain::org::AnonymityThreshold;
use mognad_domain::round::{Round, RoundState};
use mognad_domain::text::Name;
use mognad_store::invitations::{self, NewInvitation};
use mognad_store::models;
use mognad_store::{groups, rounds, targets};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const COMMENTS: &[&str] = &[
    "Vi behöver en gemensam bild av vart vi är på väg.",
    "Bra grund, men det saknas tid för förbättringsarbete.",
    "Data finns men används sällan i besluten.",
    "Samarbetet med verksamheten har blivit bättre det senaste året.",
    "Svårt att veta vem som äger frågan.",
    "Invånarnas behov borde styra mer.",
];

/// An answer near `level` (0–1) with some spread, within the item's options.
fn answer(rng: &mut StdRng, options: u8, level: f64) -> u8 {
    let x = (level + rng.random_range(-0.25..0.25)).clamp(0.0, 1.0);
    1 + (x * f64::from(options - 1)).round() as u8
}

fn simulate(rng: &mut StdRng, m: &Model, levels: &[f64]) -> Answers {
    let mut a = Answers::empty(m);
    let mut idx = 0;
    for (e, engine) in m.engines.iter().enumerate() {
        for item in &engine.items {
            a.values[idx] = answer(rng, item.answer_count(), levels[e]);
            idx += 1;
        }
        a.importance[e] = answer(rng, 5, 0.55 + 0.3 * (1.0 - levels[e]));
        if rng.random_bool(0.08) {
            a.comments[e] = COMMENTS[rng.random_range(0..COMMENTS.len())].into();
        }
    }
    a
}

/// Extra maturity an initiative brought to the follow-up: `gain` (0–1) on one engine in the
/// given groups (all groups when empty).
#[derive(Debug, Clone)]
pub(crate) struct Focus {
    pub engine: String,
    pub groups: Vec<GroupId>,
    pub gain: f64,
}

/// Every eighth group answers poorly and stays under the threshold.
fn answers_poorly(gi: usize) -> bool {
    gi % 8 == 3
}

/// The groups (by position in the directory's order) that answered the follow-up well; the
/// rest hardly answered.
pub(crate) fn done_in_follow_up(gi: usize) -> bool {
    gi.is_multiple_of(3) && !answers_poorly(gi)
}

/// What both rounds share: the model, the groups with their members, and each group's level per
/// engine at the baseline.
struct Setup {
    model_id: uuid::Uuid,
    group_ids: Vec<GroupId>,
    members: Vec<(GroupId, mognad_domain::ids::PersonId)>,
    profiles: Vec<Vec<f64>>,
}

async fn setup(tx: &mut mognad_store::Tx, org: OrgId, m: &Model) -> Result<Setup> {
    let stored = crate::measurement::rounds::stored(org.0, m, model::builtin_sources()[0]);
    models::insert_if_absent(tx, &stored, Utc::now()).await?;
    let model_id = models::find(tx, org, &m.id, i64::from(m.version))
        .await?
        .ok_or_else(|| AppError::Internal("demo model missing".into()))?
        .id;
    let members = groups::all_members(tx, org).await?;
    let group_ids: Vec<_> = groups::list(tx, org).await?.into_iter().map(|g| g.id).collect();
    // Each group's level per engine: a group-wide level plus the engine's typical lead or lag.
    let mut rng = StdRng::seed_from_u64(2017);
    let engine_bias: [f64; 9] = [0.12, 0.08, 0.0, -0.04, 0.06, -0.02, -0.12, -0.08, -0.05];
    let profiles = group_ids
        .iter()
        .map(|_| {
            let base: f64 = rng.random_range(0.25..0.6);
            (0..m.engines.len())
                .map(|e| (base + engine_bias.get(e).copied().unwrap_or(0.0)).clamp(0.05, 0.95))
                .collect()
        })
        .collect();
    Ok(Setup {
        model_id,
        group_ids,
        members,
        profiles,
    })
}

impl App {
    /// Adds the closed baseline round to the demo organisation, with the organisation's targets.
    pub(crate) async fn create_demo_baseline(&self, org: OrgId) -> Result<usize> {
        let m = &model::builtin()[0];
        let (round, n) = self
            .demo_round(
                org,
                "0-mätning 2025",
                ((2025, 3, 1), (2025, 3, 31)),
                2017,
                &[],
                &|_| true,
            )
            .await?;
        let mut tx = self.db.write().await?;
        for (e, engine) in m.engines.iter().enumerate() {
            let target = 70 + 5 * (e as i64 % 3);
            targets::set(&mut tx, org, &m.id, org.0, &engine.id, Some(target)).await?;
        }
        rounds::set_state(&mut tx, org, round, RoundState::Open, RoundState::Closed).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Adds the closed follow-up: every group a little further, the initiatives' engines
    /// further in the groups they worked with; a third of the groups answered well. Then an open
    /// pulse round in which some groups have begun, so the demo shows a round still running.
    pub(crate) async fn create_demo_follow_up(&self, org: OrgId, focus: &[Focus]) -> Result<usize> {
        let window = ((2026, 9, 1), (2026, 10, 31));
        let (round, n) = self
            .demo_round(org, "Uppföljning 2026", window, 2026, focus, &done_in_follow_up)
            .await?;
        let mut tx = self.db.write().await?;
        rounds::set_state(&mut tx, org, round, RoundState::Open, RoundState::Closed).await?;
        tx.commit().await?;
        let pulse = ((2026, 11, 16), (2026, 12, 18));
        let (_, m) = self
            .demo_round(org, "Pulsmätning vinter 2026", pulse, 2027, focus, &|gi| {
                gi % 4 == 1
            })
            .await?;
        Ok(n + m)
    }

    /// One open round with simulated answers: groups for which `done` holds answer well, the
    /// others hardly at all; levels are the baseline's plus a general gain and each focus.
    async fn demo_round(
        &self,
        org: OrgId,
        name: &str,
        (opens, closes): ((i32, u32, u32), (i32, u32, u32)),
        seed: u64,
        focus: &[Focus],
        done: &(dyn Fn(usize) -> bool + Sync),
    ) -> Result<(RoundId, usize)> {
        let m = &model::builtin()[0];
        let mut tx = self.db.write().await?;
        let s = setup(&mut tx, org, m).await?;
        let general = if focus.is_empty() { 0.0 } else { 0.03 };
        let mut rng = StdRng::seed_from_u64(seed);
        let round = Round {
            id: RoundId::new(),
            org_id: org,
            model_id: ModelId(s.model_id),
            name: Name::parse("name", name)?,
            state: RoundState::Open,
            opens_on: NaiveDate::from_ymd_opt(opens.0, opens.1, opens.2),
            closes_on: NaiveDate::from_ymd_opt(closes.0, closes.1, closes.2),
        };
        rounds::insert(&mut tx, &round, Utc::now()).await?;
        for g in &s.group_ids {
            rounds::add_group(&mut tx, round.id, *g).await?;
        }
        crate::measurement::freeze::freeze(&mut tx, org, round.id, AnonymityThreshold::DEFAULT.get()).await?;
        let mut batch = Vec::new();
        for (gi, g) in s.group_ids.iter().enumerate() {
            let rate = if answers_poorly(gi) {
                0.3
            } else if !done(gi) {
                0.15
            } else {
                rng.random_range(0.85..1.0)
            };
            let levels: Vec<f64> = m
                .engines
                .iter()
                .zip(&s.profiles[gi])
                .map(|(e, l)| {
                    let extra: f64 = focus
                        .iter()
                        .filter(|f| f.engine == e.id && (f.groups.is_empty() || f.groups.contains(g)))
                        .map(|f| f.gain)
                        .sum();
                    (l + general + extra).min(0.97)
                })
                .collect();
            for (_, p) in s.members.iter().filter(|(mg, _)| mg == g) {
                // Only those who answer get a (simulated) link, so the demo's user can still
                // invite everyone else and answer through a real link.
                if !rng.random_bool(rate) {
                    continue;
                }
                let token = accounts::random_token();
                let hash = accounts::token_hash(&token);
                let inv = NewInvitation {
                    round: round.id,
                    group: *g,
                    person: Some(*p),
                    token_hash: &hash,
                    fixed: true,
                };
                if !invitations::insert(&mut tx, &inv, Utc::now()).await? {
                    continue;
                }
                let a = simulate(&mut rng, m, &levels);
                batch.push(Submission::new(hash, round.id.0, g.0, m, &a));
            }
        }
        tx.commit().await?;
        write_batch(&self.db, &batch).await?;
        Ok((round.id, batch.len()))
    }
}
