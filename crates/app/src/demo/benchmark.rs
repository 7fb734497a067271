//! The demo's part in the benchmark: on an instance of its own, the organisation takes part as
//! a large municipality, and when there is no reference table for the demo's model, an example
//! table is loaded, named as made up, so the benchmark page has something to set the demo's
//! scores against.

use crate::{AppError, Result};
use chrono::Utc;
use mognad_domain::benchmark::{Category, Participation, SizeBand};
use mognad_domain::ids::OrgId;
use mognad_domain::model;
use mognad_store::benchmark::{self, Reference};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The example table's name: it says plainly that its numbers are invented.
pub const EXAMPLE_REFERENCE: &str = "Exempeltabell (påhittade siffror)";
/// How many invented organisations the example table holds.
const EXAMPLE_ROWS: usize = 24;

impl crate::App {
    pub(super) async fn create_demo_benchmark(&self, org: OrgId) -> Result<()> {
        let mut tx = self.db.write().await?;
        // Made-up numbers must never reach real organisations' comparisons: on an instance
        // that holds others, the demo neither takes part nor loads a table.
        if mognad_store::orgs::list(&mut tx).await?.len() > 1 {
            return Ok(());
        }
        let p = Participation {
            category: Category::Municipality,
            size: SizeBand::To4999,
        };
        benchmark::set_participation(&mut tx, org, Some(p), Utc::now()).await?;
        let m = model::builtin()
            .first()
            .ok_or_else(|| AppError::Internal("no shipped model".into()))?;
        if benchmark::reference(&mut tx, &m.id).await?.is_none() {
            let mut rng = StdRng::seed_from_u64(2026);
            // Each invented organisation has a level of its own and engines spread around it.
            let rows: Vec<Vec<(String, f64)>> = (0..EXAMPLE_ROWS)
                .map(|_| {
                    let level: f64 = rng.random_range(25.0..70.0);
                    m.engines
                        .iter()
                        .map(|e| {
                            let v: f64 = level + rng.random_range(-15.0..15.0);
                            (e.id.clone(), (v.clamp(0.0, 100.0) * 10.0).round() / 10.0)
                        })
                        .collect()
                })
                .collect();
            let r = Reference {
                model_key: m.id.clone(),
                name: EXAMPLE_REFERENCE.to_owned(),
                rows: EXAMPLE_ROWS as i64,
                loaded_at: Utc::now(),
            };
            benchmark::load_reference(&mut tx, &r, &rows).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
