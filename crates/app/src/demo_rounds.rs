//! The demo's measurements: a closed baseline with a few hundred simulated answers and an open
//! follow-up with some answers in, so every result view has something to show.
//!
//! Answers go through the same batch writer as real submits. Each group gets its own maturity
//! profile, so groups differ; a few groups answer too little and stay under the threshold.

use crate::submit::{Submission, write_batch};
use crate::{App, AppError, Result, auth};
use chrono::{NaiveDate, Utc};
use mognad_domain::answer::Answers;
use mognad_domain::ids::{ModelId, OrgId, RoundId};
use mognad_domain::model::{self, Model};
use mognad_domain::round::{Round, RoundState};
use mognad_domain::text::Name;
use mognad_store::invitations::{self, NewInvitation};
use mognad_store::models::{self, StoredModel};
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

impl App {
    /// Adds the baseline (closed) and follow-up (open) rounds to the demo organisation.
    pub(crate) async fn create_demo_rounds(&self, org: OrgId) -> Result<usize> {
        let source = model::builtin_sources()[0];
        let m = &model::builtin()[0];
        let mut tx = self.db.write().await?;
        let stored = StoredModel {
            id: uuid::Uuid::now_v7(),
            org_id: org.0,
            model_key: m.id.clone(),
            version: i64::from(m.version),
            name_sv: m.name.sv.clone(),
            name_en: m.name.en.clone(),
            source: source.to_owned(),
        };
        models::insert_if_absent(&mut tx, &stored, Utc::now()).await?;
        let model_id = models::find(&mut tx, org, &m.id, i64::from(m.version))
            .await?
            .ok_or_else(|| AppError::Internal("demo model missing".into()))?
            .id;
        let members = groups::all_members(&mut tx, org).await?;
        let group_ids: Vec<_> = groups::list(&mut tx, org)
            .await?
            .into_iter()
            .map(|g| g.id)
            .collect();
        let mut rng = StdRng::seed_from_u64(2017);
        // Each group's level per engine: a group-wide level plus the engine's typical lead or lag.
        let engine_bias: [f64; 9] = [0.12, 0.08, 0.0, -0.04, 0.06, -0.02, -0.12, -0.08, -0.05];
        let profiles: Vec<Vec<f64>> = group_ids
            .iter()
            .map(|_| {
                let base: f64 = rng.random_range(0.25..0.6);
                (0..m.engines.len())
                    .map(|e| (base + engine_bias.get(e).copied().unwrap_or(0.0)).clamp(0.05, 0.95))
                    .collect()
            })
            .collect();
        let plan = [
            ("0-mätning 2025", (2025, 3, 1), (2025, 3, 31), 0.0, 1.0),
            ("Uppföljning 2026", (2026, 10, 1), (2026, 12, 15), 0.1, 0.5),
        ];
        let mut stored_answers = 0;
        let mut round_ids = Vec::new();
        for (round_name, opens, closes, gain, share) in plan {
            let round = Round {
                id: RoundId::new(),
                org_id: org,
                model_id: ModelId(model_id),
                name: Name::parse("name", round_name)?,
                state: RoundState::Open,
                opens_on: NaiveDate::from_ymd_opt(opens.0, opens.1, opens.2),
                closes_on: NaiveDate::from_ymd_opt(closes.0, closes.1, closes.2),
            };
            rounds::insert(&mut tx, &round, Utc::now()).await?;
            let mut batch = Vec::new();
            for (gi, g) in group_ids.iter().enumerate() {
                rounds::add_group(&mut tx, round.id, *g).await?;
                let people: Vec<_> = members
                    .iter()
                    .filter(|(mg, _)| mg == g)
                    .map(|(_, p)| *p)
                    .collect();
                // Every eighth group answers poorly and stays under the threshold; in the open
                // follow-up, a third of the groups are done and the rest have barely begun.
                let rate = if gi % 8 == 3 {
                    0.3
                } else if share < 1.0 && gi % 3 != 0 {
                    0.15
                } else {
                    rng.random_range(0.85..1.0)
                };
                let levels: Vec<f64> = profiles[gi].iter().map(|l| (l + gain).min(0.97)).collect();
                for p in people {
                    // Only those who answer get a (simulated) link, so the demo's user can
                    // still invite everyone else and answer through a real link.
                    if !rng.random_bool(rate) {
                        continue;
                    }
                    let token = auth::random_token();
                    let hash = auth::token_hash(&token);
                    let inv = NewInvitation {
                        round: round.id,
                        group: *g,
                        person: Some(p),
                        token_hash: &hash,
                    };
                    if !invitations::insert(&mut tx, &inv, Utc::now()).await? {
                        continue;
                    }
                    let a = simulate(&mut rng, m, &levels);
                    batch.push(Submission::new(hash, round.id.0, g.0, m, &a));
                }
            }
            stored_answers += batch.len();
            round_ids.push((round.id, batch));
        }
        for (e, engine) in m.engines.iter().enumerate() {
            let target = 70 + 5 * (e as i64 % 3);
            targets::set(&mut tx, org, &m.id, org.0, &engine.id, Some(target)).await?;
        }
        tx.commit().await?;
        for (i, (round, batch)) in round_ids.into_iter().enumerate() {
            write_batch(&self.db, &batch).await?;
            if i == 0 {
                let mut tx = self.db.write().await?;
                rounds::set_state(&mut tx, org, round, RoundState::Open, RoundState::Closed).await?;
                tx.commit().await?;
            }
        }
        Ok(stored_answers)
    }
}
