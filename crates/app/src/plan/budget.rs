//! The plan's money: what the initiatives that go on cost, and what the stopped ones (paused or
//! cancelled) free. A stopped initiative leaves the totals and its cards leave people's weeks
//! (`workload`), so pausing one after a budget cut shows at once what it gives back.

use mognad_store::plan::{Cost, Initiative};
use serde::Serialize;
use uuid::Uuid;

/// Whether an initiative with this status is stopped: its money and hours are freed.
pub fn stopped(status: &str) -> bool {
    matches!(status, "paused" | "cancelled")
}

/// Kronor per kind of cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Money {
    pub running: i64,
    pub investment: i64,
}

impl Money {
    /// The costs of one initiative.
    pub fn of(initiative: Uuid, costs: &[Cost]) -> Money {
        costs
            .iter()
            .filter(|k| k.initiative_id == initiative)
            .fold(Money::default(), |mut m, k| {
                match k.kind.as_str() {
                    "investment" => m.investment += k.amount,
                    _ => m.running += k.amount,
                }
                m
            })
    }

    fn add(self, o: Money) -> Money {
        Money {
            running: self.running + o.running,
            investment: self.investment + o.investment,
        }
    }
}

/// The plan's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Totals {
    /// Initiatives that go on (proposed, active, done).
    pub planned: Money,
    /// Paused and cancelled initiatives: money no longer spent.
    pub freed: Money,
}

pub fn totals(initiatives: &[Initiative], costs: &[Cost]) -> Totals {
    initiatives.iter().fold(Totals::default(), |mut t, i| {
        let m = Money::of(i.id, costs);
        if stopped(&i.status) {
            t.freed = t.freed.add(m);
        } else {
            t.planned = t.planned.add(m);
        }
        t
    })
}
